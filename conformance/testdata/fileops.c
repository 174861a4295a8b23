/* fileops: the file and descriptor calls coreutils make, each once, in
 * the working directory: directories, links, renames, modes, owners,
 * times, sizes, locks, copies between descriptors and the directory
 * listing. Times are set to fixed values so every run prints the same. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int main(void)
{
	umask(022);
	mkdir("d", 0755);
	mkdirat(AT_FDCWD, "d/sub", 0700);
	int fd = open("d/a", O_CREAT | O_RDWR | O_TRUNC, 0644);
	write(fd, "hello, file\n", 12);
	fsync(fd);
	fdatasync(fd);
	ftruncate(fd, 100);
	fallocate(fd, 0, 0, 4096);
	pwrite(fd, "tail", 4, 96);
	lseek(fd, 0, SEEK_SET);
	flock(fd, LOCK_EX);
	flock(fd, LOCK_UN);
	fchmod(fd, 0600);
	fchown(fd, getuid(), getgid());
	struct stat st;
	fstat(fd, &st);

	int out = open("d/b", O_CREAT | O_WRONLY | O_EXCL, 0640);
	off_t off = 0;
	sendfile(out, fd, &off, 12);
	loff_t in_off = 0, out_off = 12;
	copy_file_range(fd, &in_off, out, &out_off, 12, 0);
	int p[2];
	pipe(p);
	lseek(fd, 0, SEEK_SET);
	splice(fd, NULL, p[1], NULL, 12, 0);
	splice(p[0], NULL, out, NULL, 12, SPLICE_F_MOVE);
	close(p[0]);
	close(p[1]);
	close(out);
	close(fd);

	truncate("d/b", 30);
	link("d/a", "d/hard");
	linkat(AT_FDCWD, "d/a", AT_FDCWD, "d/hard2", 0);
	symlink("a", "d/soft");
	symlinkat("sub", AT_FDCWD, "d/softdir");
	char buf[64];
	readlink("d/soft", buf, sizeof buf);
	readlinkat(AT_FDCWD, "d/softdir", buf, sizeof buf);
	rename("d/hard", "d/renamed");
	renameat(AT_FDCWD, "d/renamed", AT_FDCWD, "d/renamed2");
	syscall(SYS_renameat2, AT_FDCWD, "d/renamed2", AT_FDCWD, "d/b", 1 /* RENAME_NOREPLACE */);
	chmod("d/b", 0444);
	fchmodat(AT_FDCWD, "d/b", 0644, 0);
	chown("d/b", getuid(), getgid());
	lchown("d/soft", getuid(), getgid());
	fchownat(AT_FDCWD, "d/b", getuid(), getgid(), AT_SYMLINK_NOFOLLOW);
	struct timespec ts[2] = {{1000000000, 0}, {1000000000, 500}};
	utimensat(AT_FDCWD, "d/a", ts, 0);
	struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_OMIT}};
	utimensat(AT_FDCWD, "d/b", now, AT_SYMLINK_NOFOLLOW);
	struct timeval tv[2] = {{1000000000, 0}, {1000000000, 0}};
	utimes("d/b", tv);
	stat("d/a", &st);
	lstat("d/soft", &st);
	access("d/a", R_OK | W_OK);
	faccessat(AT_FDCWD, "d/nothing", F_OK, 0);

	char cwd[4096];
	getcwd(cwd, sizeof cwd);
	chdir("d");
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	char dents[4096];
	syscall(SYS_getdents64, dfd, dents, sizeof dents);
	fchdir(dfd);
	chdir("..");
	int cfd = dup(dfd);
	dup2(cfd, 20);
	dup3(20, 21, O_CLOEXEC);
	fcntl(21, F_GETFD);
	fcntl(21, F_SETFL, O_NONBLOCK);
	close(20);
	close(21);
	close(cfd);

	unlinkat(dfd, "soft", 0);
	unlinkat(dfd, "softdir", 0);
	unlink("d/a");
	unlink("d/b");
	unlink("d/hard2");
	unlinkat(AT_FDCWD, "d/renamed2", 0);
	unlinkat(AT_FDCWD, "d/sub", AT_REMOVEDIR);
	close(dfd);
	rmdir("d");
	rmdir("d");
	sync();
	syncfs(1);
	printf("size %lld\n", (long long)st.st_size);
	return 0;
}
