// ioctls makes the socket, block, loop and random requests strace
// decodes, as programs make them: it brings the loopback up when it is
// down (Debian's kernel under qemu starts it so, and gets it back so for
// the next run), asks its flags, index,
// name, addresses, MTU, hardware address, map and queue length, lists
// the interfaces with SIOCGIFCONF (a NULL buffer first, for the length),
// asks a missing interface, a datagram socket's owner and queue, the
// entropy count of /dev/urandom, a regular file for a block device's
// sizes (ENOTTY), /dev/loop-control for a free loop device when there is
// one, and an unknown request. Built with gcc -m32 for the committed i386
// capture (testdata/i386/record.sh ioctls).
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static void ifreq(int s, unsigned long req, const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof *ifr);
	strcpy(ifr->ifr_name, name);
	ioctl(s, req, ifr);
}

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct ifreq ifr;
	ifreq(s, SIOCGIFFLAGS, "lo", &ifr);
	short down = !(ifr.ifr_flags & IFF_UP) ? ifr.ifr_flags : 0;
	if (down) {
		ifr.ifr_flags |= IFF_UP;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	ifreq(s, SIOCGIFINDEX, "lo", &ifr);
	int index = ifr.ifr_ifindex;
	memset(&ifr, 0, sizeof ifr);
	ifr.ifr_ifindex = index;
	ioctl(s, SIOCGIFNAME, &ifr);
	const unsigned long gets[] = {SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR, SIOCGIFDSTADDR, SIOCGIFMTU,
				      SIOCGIFHWADDR, SIOCGIFMAP, SIOCGIFTXQLEN, SIOCGIFMETRIC};
	for (unsigned i = 0; i < sizeof gets / sizeof gets[0]; i++)
		ifreq(s, gets[i], "lo", &ifr);
	ifreq(s, SIOCGIFFLAGS, "nosuch0", &ifr);

	struct ifconf ifc = {.ifc_len = 0, .ifc_buf = NULL};
	ioctl(s, SIOCGIFCONF, &ifc);
	char buf[sizeof(struct ifreq) * 8];
	ifc.ifc_len = sizeof buf;
	ifc.ifc_buf = buf;
	ioctl(s, SIOCGIFCONF, &ifc);

	int v = 0;
	ioctl(s, FIOSETOWN, &v);
	ioctl(s, FIOGETOWN, &v);
	ioctl(s, SIOCGPGRP, &v);
	ioctl(s, FIONREAD, &v);
	ioctl(s, SIOCATMARK, &v);
	ioctl(s, SIOCETHTOOL, &ifr);
	struct timeval tv;
	ioctl(s, SIOCGSTAMP, &tv);

	int r = open("/dev/urandom", O_RDONLY);
	ioctl(r, RNDGETENTCNT, &v);
	close(r);

	int f = open("blk", O_RDWR | O_CREAT | O_TRUNC, 0644);
	uint64_t size64;
	unsigned long size;
	uint64_t range[2] = {0, 4096};
	ioctl(f, BLKGETSIZE64, &size64);
	ioctl(f, BLKGETSIZE, &size);
	ioctl(f, BLKSSZGET, &v);
	ioctl(f, BLKBSZGET, &v);
	ioctl(f, BLKDISCARD, range);
	ioctl(f, BLKFLSBUF);
	ioctl(f, _IOWR('X', 0x99, int), &v);
	close(f);

	int ctl = open("/dev/loop-control", O_RDWR);
	if (ctl >= 0) {
		ioctl(ctl, LOOP_CTL_GET_FREE);
		close(ctl);
	}
	if (down) {
		/* Down again, as the next run must find it. */
		ifreq(s, SIOCGIFFLAGS, "lo", &ifr);
		ifr.ifr_flags = down;
		ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
	return 0;
}
