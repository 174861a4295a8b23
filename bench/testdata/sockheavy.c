/* sockheavy: many small calls on loopback TCP, UDP and unix sockets. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {
	int n = argc > 1 ? atoi(argv[1]) : 10000;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	bind(ls, (void *)&sa, sizeof sa); listen(ls, 1); getsockname(ls, (void *)&sa, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0); connect(c, (void *)&sa, sizeof sa);
	int a = accept(ls, NULL, NULL);
	struct sockaddr_in ua = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int u = socket(AF_INET, SOCK_DGRAM, 0); len = sizeof ua;
	bind(u, (void *)&ua, sizeof ua); getsockname(u, (void *)&ua, &len);
	int sp[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sp);
	char b[8];
	for (int i = 0; i < n; i++) {
		send(c, "x", 1, 0); recv(a, b, 1, 0);
		sendto(u, "y", 1, 0, (void *)&ua, sizeof ua); recv(u, b, 1, 0);
		write(sp[0], "z", 1); read(sp[1], b, 1);
	}
	return 0;
}
