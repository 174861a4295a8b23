// Two datagrams sent with one sendmmsg and received with one recvmmsg over
// loopback: the hex dumps of -e write= and -e read= per message.
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>
int main(void) {
	int s = socket(AF_INET, SOCK_DGRAM, 0), r = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t l = sizeof a;
	bind(r, (void *)&a, sizeof a); getsockname(r, (void *)&a, &l);
	connect(s, (void *)&a, sizeof a);
	char b1[] = "first datagram", b2[] = "second\x01\x02 one";
	struct iovec v[2] = {{b1, sizeof b1 - 1}, {b2, sizeof b2 - 1}};
	struct mmsghdr m[2] = {{.msg_hdr = {.msg_iov = &v[0], .msg_iovlen = 1}}, {.msg_hdr = {.msg_iov = &v[1], .msg_iovlen = 1}}};
	sendmmsg(s, m, 2, 0);
	char r1[64], r2[64];
	struct iovec w[2] = {{r1, sizeof r1}, {r2, sizeof r2}};
	struct mmsghdr n[2] = {{.msg_hdr = {.msg_iov = &w[0], .msg_iovlen = 1}}, {.msg_hdr = {.msg_iov = &w[1], .msg_iovlen = 1}}};
	recvmmsg(r, n, 2, MSG_WAITFORONE, NULL);
	return 0;
}
