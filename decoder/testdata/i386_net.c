#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <sys/uio.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <string.h>
#include <stdio.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <stddef.h>

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, sv);
  int s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  int one = 1;
  setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(0), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  bind(s, (void*)&a, sizeof a);
  listen(s, 5);
  socklen_t al = sizeof a;
  getsockname(s, (void*)&a, &al);
  int c = socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK, 0);
  connect(c, (void*)&a, sizeof a);
  struct sockaddr_in pa; socklen_t pl = sizeof pa;
  int d = accept4(s, (void*)&pa, &pl, SOCK_CLOEXEC);
  getpeername(d, (void*)&pa, &pl);
  int v; socklen_t vl = sizeof v;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl);
  getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &vl);
  getsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, &vl);
  struct linger lg = {1, 5};
  setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  sendto(c, "hello", 5, MSG_NOSIGNAL, NULL, 0);
  char buf[100];
  recvfrom(d, buf, sizeof buf, 0, NULL, NULL);
  struct iovec iov[2] = {{"abc", 3}, {"defgh", 5}};
  writev(c, iov, 2);
  char b1[4], b2[10];
  struct iovec riov[2] = {{b1, 4}, {b2, 10}};
  struct pollfd pfd = {d, POLLIN|POLLPRI, 0};
  poll(&pfd, 1, -1);
  readv(d, riov, 2);
  struct pollfd pfd2[2] = {{c, POLLOUT, 0}, {d, POLLIN, 0}};
  poll(pfd2, 2, 0);
  struct timespec ts = {1, 500};
  ppoll(pfd2, 2, &ts, NULL);
  fd_set rs; FD_ZERO(&rs); FD_SET(d, &rs); FD_SET(0, &rs);
  fd_set ws; FD_ZERO(&ws); FD_SET(c, &ws);
  struct timeval tv = {0, 1000};
  select(d+1, &rs, &ws, NULL, &tv);
  FD_ZERO(&rs); FD_SET(d, &rs);
  select(d+1, &rs, NULL, NULL, NULL == 0 ? &tv : NULL);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN|EPOLLET, .data.u64 = 0x1234};
  epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
  ev.events = EPOLLOUT; ev.data.fd = d;
  epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev);
  struct epoll_event evs[4];
  epoll_wait(ep, evs, 4, 100);
  epoll_ctl(ep, EPOLL_CTL_DEL, d, NULL);
  /* msg */
  struct msghdr m = {0};
  struct iovec miov = {"msgdata", 7};
  m.msg_iov = &miov; m.msg_iovlen = 1;
  char cbuf[CMSG_SPACE(sizeof(int))];
  m.msg_control = cbuf; m.msg_controllen = sizeof cbuf;
  struct cmsghdr *cm = CMSG_FIRSTHDR(&m);
  cm->cmsg_level = SOL_SOCKET; cm->cmsg_type = SCM_RIGHTS; cm->cmsg_len = CMSG_LEN(sizeof(int));
  *(int*)CMSG_DATA(cm) = 1;
  sendmsg(sv[0], &m, 0);
  struct msghdr rm = {0};
  char rb[64]; struct iovec riov2 = {rb, sizeof rb};
  char rcbuf[64];
  rm.msg_iov = &riov2; rm.msg_iovlen = 1; rm.msg_control = rcbuf; rm.msg_controllen = sizeof rcbuf;
  recvmsg(sv[1], &rm, 0);
  /* creds */
  int on = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
  struct msghdr m2 = {0};
  m2.msg_iov = &miov; m2.msg_iovlen = 1;
  sendmsg(sv[0], &m2, MSG_DONTWAIT);
  rm.msg_controllen = sizeof rcbuf;
  recvmsg(sv[1], &rm, MSG_CMSG_CLOEXEC);
  /* unix sockaddr */
  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un ua = {.sun_family = AF_UNIX};
  strcpy(ua.sun_path, "net.sock");
  unlink(ua.sun_path);
  bind(u, (void*)&ua, sizeof ua);
  struct sockaddr_un ab = {.sun_family = AF_UNIX};
  memcpy(ab.sun_path, "\0abstract", 9);
  int u2 = socket(AF_UNIX, SOCK_STREAM, 0);
  bind(u2, (void*)&ab, offsetof(struct sockaddr_un, sun_path) + 9);
  sendto(u, "x", 1, 0, (void*)&ua, sizeof ua);
  struct sockaddr_un from; socklen_t fl = sizeof from;
  recvfrom(u, buf, sizeof buf, 0, (void*)&from, &fl);
  /* inet6 */
  int s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
  struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(5353), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
  bind(s6, (void*)&a6, sizeof a6);
  inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr); a6.sin6_scope_id = 1; a6.sin6_flowinfo = htonl(7);
  connect(s6, (void*)&a6, sizeof a6);
  /* netlink */
  int nl = socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl na = {.nl_family = AF_NETLINK};
  bind(nl, (void*)&na, sizeof na);
  socklen_t nal = sizeof na;
  getsockname(nl, (void*)&na, &nal);
  shutdown(c, SHUT_WR);
  shutdown(d, SHUT_RDWR);
  /* ioctls */
  struct termios t;
  ioctl(0, TCGETS, &t);
  int n;
  ioctl(d, FIONREAD, &n);
  ioctl(c, FIONBIO, &one);
  ioctl(c, FIOCLEX);
  ioctl(c, FIONCLEX);
  struct winsize w;
  ioctl(0, TIOCGWINSZ, &w);
  pid_t pg;
  ioctl(0, TIOCGPGRP, &pg);
  ioctl(c, _IOR(0x12, 0x72, long), &n);
  ioctl(c, _IOW('T', 0x99, int), &n);
  ioctl(c, _IO(0xab, 3), 0);
  ioctl(c, 0x8912, &n); /* SIOCGIFCONF */
  pwritev(c, iov, 2, 0);
  preadv(d, riov, 2, 0);
  return 0;
}
