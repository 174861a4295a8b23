// follow.c moves known bytes through a file, a socketpair shared with a
// child process, and a pipe, for the Follow and statistics tests
// (lua/follow_test.go, lua/stats_test.go). Every read waits for the write
// it answers, so each process's calls come in one order on every run.
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void readn(int fd, char *buf, size_t n) {
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r <= 0) _exit(3);
		got += r;
	}
}

int main(void) {
	char buf[256], big[100];
	int fd = open("data.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
	write(fd, "hello file\n", 11);
	write(fd, "tab\there\n", 9);
	close(fd);
	fd = open("data.txt", O_RDONLY);
	read(fd, buf, sizeof buf);
	read(fd, buf, sizeof buf);
	close(fd);
	open("/nonexistent/follow", O_RDONLY);
	open("/nonexistent/follow", O_RDONLY);

	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid_t child = fork();
	if (child == 0) {
		close(sv[0]);
		write(sv[1], "ping\n", 5);
		readn(sv[1], buf, 7);
		memset(big, 'A', sizeof big);
		write(sv[1], big, sizeof big);
		_exit(0);
	}
	close(sv[1]);
	readn(sv[0], buf, 5);
	write(sv[0], "pong\0\377\n", 7);
	readn(sv[0], buf, 100);
	struct iovec iov[2] = { { "ab", 2 }, { "cd\n", 3 } };
	int p[2];
	pipe(p);
	writev(p[1], iov, 2);
	read(p[0], buf, sizeof buf);
	waitpid(child, NULL, 0);

	// Two datagrams in one call each way.
	int dg[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, dg);
	struct iovec one = { "one\n", 4 }, two = { "two!\n", 5 }, in1 = { buf, 64 }, in2 = { buf + 64, 64 };
	struct mmsghdr out[2] = { { .msg_hdr = { .msg_iov = &one, .msg_iovlen = 1 } },
		{ .msg_hdr = { .msg_iov = &two, .msg_iovlen = 1 } } };
	struct mmsghdr got[2] = { { .msg_hdr = { .msg_iov = &in1, .msg_iovlen = 1 } },
		{ .msg_hdr = { .msg_iov = &in2, .msg_iovlen = 1 } } };
	sendmmsg(dg[0], out, 2, 0);
	recvmmsg(dg[1], got, 2, 0, NULL);
	return 0;
}
