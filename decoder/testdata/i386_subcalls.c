#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/net.h>
#include <sys/syscall.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/mman.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
  unsigned long a[6] = {AF_INET, SOCK_DGRAM, 0};
  int s = syscall(SYS_socketcall, SYS_SOCKET, a);
  struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(0x7f000001)};
  unsigned long b[3] = {s, (unsigned long)&sin, sizeof sin};
  syscall(SYS_socketcall, SYS_BIND, b);
  unsigned long c[4] = {s, (unsigned long)"hey", 3, 0};
  syscall(SYS_socketcall, SYS_SEND, c);
  char buf[10];
  unsigned long d[4] = {s, (unsigned long)buf, 10, MSG_DONTWAIT};
  syscall(SYS_socketcall, SYS_RECV, d);
  syscall(SYS_socketcall, SYS_LISTEN, (void*)16);
  syscall(SYS_socketcall, 99, a);
  socklen_t l = sizeof sin;
  unsigned long e[3] = {s, (unsigned long)&sin, (unsigned long)&l};
  syscall(SYS_socketcall, SYS_GETSOCKNAME, e);
  syscall(SYS_ipc, 2, IPC_PRIVATE, 1, 0600);
  fd_set rs; FD_ZERO(&rs); FD_SET(0, &rs);
  struct timeval tv = {0, 0};
  unsigned long sel[5] = {1, (unsigned long)&rs, 0, 0, (unsigned long)&tv};
  syscall(SYS_select, sel);
  char st[200], st32[200], os[200];
  syscall(SYS_stat64, "/etc/passwd", st);
  syscall(SYS_fstatat64, AT_FDCWD, "/dev/null", st, 0);
  syscall(SYS_stat, "/etc/passwd", st32);
  syscall(SYS_fstat, 0, st32);
  syscall(SYS_oldstat, "/etc/passwd", os);
  syscall(SYS_lstat64, "/nonexistent", st);
  unsigned long m[6] = {0, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0};
  syscall(SYS_mmap, m);
  return 0;
}
