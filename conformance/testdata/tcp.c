/* tcp: a server and a client on loopback. The parent listens on a port
 * the kernel picks, forks the client, accepts, reads the request and
 * answers; the child connects, writes, reads the answer and shuts down.
 * Each side blocks for the other, so each process's calls come in the
 * same order in every run; only the port numbers differ. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <signal.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	bind(ls, (struct sockaddr *)&sa, sizeof sa);
	listen(ls, 4);
	socklen_t len = sizeof sa;
	getsockname(ls, (struct sockaddr *)&sa, &len);

	/* SIGCHLD stays blocked until the child is reaped, so its delivery
	 * lands at the unblock in every run instead of racing the parent. */
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		connect(c, (struct sockaddr *)&sa, sizeof sa);
		send(c, "ping", 4, 0);
		char buf[16];
		recv(c, buf, sizeof buf, 0);
		shutdown(c, SHUT_WR);
		recv(c, buf, sizeof buf, 0);
		int err;
		len = sizeof err;
		getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
		close(c);
		_exit(0);
	}
	struct sockaddr_in peer;
	len = sizeof peer;
	int s = accept4(ls, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	char buf[16];
	ssize_t n = recvfrom(s, buf, sizeof buf, 0, NULL, NULL);
	sendto(s, "pong", 4, 0, NULL, 0);
	recv(s, buf, sizeof buf, 0);
	len = sizeof peer;
	getpeername(s, (struct sockaddr *)&peer, &len);
	close(s);
	close(ls);
	int status;
	waitpid(pid, &status, 0);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
	printf("got %zd bytes\n", n);
	return 0;
}
