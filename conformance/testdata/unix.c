/* unix: a unix stream socket bound to a path in the working directory,
 * a child that connects and exchanges messages with sendmsg/recvmsg
 * (passing a descriptor), and a datagram socketpair. Each side blocks for
 * the other, so each process's calls come in a fixed order. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	strcpy(sa.sun_path, "sock");
	int ls = socket(AF_UNIX, SOCK_STREAM, 0);
	bind(ls, (struct sockaddr *)&sa, sizeof sa);
	listen(ls, 1);

	/* SIGCHLD stays blocked until the child is reaped, so its delivery
	 * lands at the unblock in every run instead of racing the parent. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int c = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		connect(c, (struct sockaddr *)&sa, sizeof sa);
		int fd = open("/dev/null", O_RDONLY);
		char data[] = "with fd";
		struct iovec iov = {data, sizeof data - 1};
		union {
			struct cmsghdr h;
			char b[CMSG_SPACE(sizeof(int))];
		} ctl;
		struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b};
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof fd);
		sendmsg(c, &mh, 0);
		char buf[16];
		read(c, buf, sizeof buf);
		close(c);
		_exit(0);
	}
	int s = accept(ls, NULL, NULL);
	char buf[16];
	struct iovec iov = {buf, sizeof buf};
	union {
		struct cmsghdr h;
		char b[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.b, .msg_controllen = sizeof ctl.b};
	ssize_t n = recvmsg(s, &mh, MSG_CMSG_CLOEXEC);
	write(s, "ok", 2);
	close(s);
	close(ls);
	unlink("sock");
	int status;
	wait4(pid, &status, 0, NULL);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);

	int sv[2];
	socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv);
	send(sv[0], "dgram", 5, MSG_DONTWAIT);
	recv(sv[1], buf, sizeof buf, 0);
	close(sv[0]);
	close(sv[1]);
	printf("got %zd bytes\n", n);
	return 0;
}
