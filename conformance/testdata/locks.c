/* locks: every fcntl command strace 6.1 decodes, on a file, a pipe and a
 * memfd: descriptor and status flags, duplicates, owner and signal, leases,
 * directory notification, POSIX and open-file-description record locks
 * (one of them tested by a child, which sees the parent's lock), seals,
 * pipe sizes, commands strace does not know, and bad pointers. SIGCHLD is
 * blocked across fork and wait, as in forkwait. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	int fd = open("lockfile", O_RDWR | O_CREAT | O_TRUNC, 0644);
	write(fd, "0123456789", 10);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
	fcntl(fd, F_GETFL);
	close(fcntl(fd, F_DUPFD, 10));
	close(fcntl(fd, F_DUPFD_CLOEXEC, 20));

	/* Raw calls: glibc turns F_GETOWN into F_GETOWN_EX. */
	syscall(SYS_fcntl, fd, F_GETOWN);
	fcntl(fd, F_SETOWN, 0);
	struct f_owner_ex owner = {F_OWNER_PGRP, 0};
	fcntl(fd, F_SETOWN_EX, &owner);
	fcntl(fd, F_GETOWN_EX, &owner);
	fcntl(fd, F_GETSIG);
	fcntl(fd, F_SETSIG, SIGUSR1);
	fcntl(fd, F_GETSIG);
	fcntl(fd, F_GETLEASE);
	fcntl(fd, F_SETLEASE, F_WRLCK);
	fcntl(fd, F_GETLEASE);
	fcntl(fd, F_SETLEASE, F_UNLCK);
	fcntl(fd, F_SETLEASE, 7);
	/* A read lease needs a file no one has open for writing. */
	int ro = open("leasefile", O_RDONLY | O_CREAT, 0644);
	fcntl(ro, F_SETLEASE, F_RDLCK);
	fcntl(ro, F_GETLEASE);
	fcntl(ro, F_SETLEASE, F_UNLCK);
	close(ro);
	fcntl(fd, F_NOTIFY, DN_MODIFY | DN_MULTISHOT);
	fcntl(fd, F_NOTIFY, 0x40);

	/* Edges: unknown bits and types, a real-time signal, and -1 passed
	 * as an int (strace shows the long it arrives as) and as a long. */
	fcntl(fd, F_SETFD, FD_CLOEXEC | 2);
	fcntl(fd, F_GETFD);
	fcntl(fd, F_SETSIG, 0);
	fcntl(fd, F_SETSIG, 40);
	fcntl(fd, F_GETSIG);
	fcntl(fd, F_DUPFD, -1);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, -1L);
	fcntl(fd, F_SETOWN, -1);
	fcntl(fd, F_SETOWN, 0);
	owner.type = 7;
	fcntl(fd, F_SETOWN_EX, &owner);

	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 4};
	fcntl(fd, F_SETLK, &fl);
	fl = (struct flock){.l_type = F_RDLCK, .l_whence = SEEK_CUR, .l_start = -1, .l_len = 0};
	fcntl(fd, F_SETLKW, &fl);
	fl = (struct flock){.l_type = F_WRLCK, .l_whence = SEEK_END, .l_start = 0, .l_len = 100};
	fcntl(fd, F_GETLK, &fl);
	fl = (struct flock){.l_type = F_UNLCK, .l_whence = SEEK_SET};
	fcntl(fd, F_SETLKW, &fl);
	fl = (struct flock){.l_type = 9, .l_whence = 7};
	fcntl(fd, F_SETLK, &fl);
	struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
	fcntl(fd, F_OFD_SETLK, &ofd);
	ofd.l_type = F_RDLCK;
	fcntl(fd, F_OFD_SETLKW, &ofd);
	ofd.l_type = F_WRLCK;
	fcntl(fd, F_OFD_GETLK, &ofd);
	if (fork() == 0) {
		/* The parent's OFD read lock conflicts: l_pid is -1. */
		struct flock g = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		fcntl(fd, F_GETLK, &g);
		fcntl(fd, F_SETLK, &g);
		_exit(0);
	}
	wait(NULL);
	syscall(SYS_fcntl, fd, 12, &fl); /* F_GETLK64: undecoded in fcntl */
	fcntl(fd, F_GETLK, (void *)8);
	fcntl(fd, F_SETLK, NULL);
	fcntl(99, F_GETFL);
	fcntl(fd, F_GETPIPE_SZ);

	int p[2];
	pipe(p);
	fcntl(p[0], F_GETFL);
	fcntl(p[0], F_GETPIPE_SZ);
	fcntl(p[0], F_SETPIPE_SZ, 8192);
	int m = memfd_create("seal", MFD_ALLOW_SEALING);
	fcntl(m, F_GET_SEALS);
	fcntl(m, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW);
	fcntl(m, F_GET_SEALS);
	fcntl(m, F_ADD_SEALS, 0x100);
	fcntl(p[0], F_SETPIPE_SZ, -1);
	unsigned long long hint = RWH_WRITE_LIFE_SHORT;
	fcntl(fd, F_SET_RW_HINT, &hint);
	fcntl(fd, F_GET_RW_HINT, &hint);
	fcntl(fd, 0x7777, 5);
	return 0;
}
