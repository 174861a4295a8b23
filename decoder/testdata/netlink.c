// netlink.c sends the netlink messages of netlink_msgs.txt, each with
// sendto on a NETLINK_ROUTE (fd 3), NETLINK_SOCK_DIAG (fd 4), NETLINK_XFRM
// (fd 5), NETLINK_AUDIT (fd 6) or NETLINK_KOBJECT_UEVENT (fd 7) socket, for
// strace 6.1 to print: decoder/testdata/netlink.golden holds its lines.
// Requests are GET or sock_diag dumps and the rest lack NLM_F_REQUEST, so
// the kernel changes nothing.
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	struct sockaddr_nl nl = { .nl_family = AF_NETLINK };
	int route = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	int diag = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG);
	int xfrm = socket(AF_NETLINK, SOCK_RAW, NETLINK_XFRM);
	int audit = socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT);
	int uevent = socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT);
	FILE *f = fopen(argc > 1 ? argv[1] : "netlink_msgs.txt", "r");
	static char line[65536];
	static unsigned char buf[32768];

	/* Bound, so that strace finds their protocol from the first call. */
	if (route < 0 || diag < 0 || xfrm < 0 || audit < 0 || !f || bind(route, (struct sockaddr *)&nl, sizeof(nl)) ||
	    bind(diag, (struct sockaddr *)&nl, sizeof(nl)) || bind(xfrm, (struct sockaddr *)&nl, sizeof(nl)) ||
	    bind(audit, (struct sockaddr *)&nl, sizeof(nl)) || uevent < 0 || bind(uevent, (struct sockaddr *)&nl, sizeof(nl)))
		return 1;
	while (fgets(line, sizeof(line), f)) {
		char name[64], sock[16], hex[sizeof(line)];
		size_t n = 0;

		if (line[0] == '#' || sscanf(line, "%63s %15s %65535s", name, sock, hex) != 3)
			continue;
		for (char *p = hex; p[0] && p[1] && n < sizeof(buf); p += 2) {
			unsigned int b;
			sscanf(p, "%2x", &b);
			buf[n++] = b;
		}
		sendto(strcmp(sock, "route") == 0 ? route : strcmp(sock, "diag") == 0 ? diag :
		       strcmp(sock, "xfrm") == 0 ? xfrm : strcmp(sock, "audit") == 0 ? audit : uevent, buf, n, 0, NULL, 0);
	}
	return 0;
}
