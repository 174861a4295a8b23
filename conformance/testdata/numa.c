/* numa: the NUMA policy calls on raw syscalls (no libnuma): the thread's
 * policy and allowed nodes read back, policies set with mode flags, a
 * mapping bound and its pages queried and moved, node masks of several
 * lengths (maxnode counts bits, the last one unused) up to one longer than
 * -s shows, unknown modes and flags, and bad pointers. Every call works on
 * a machine with one node, as on many. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* include/uapi/linux/mempolicy.h */
#define MPOL_DEFAULT 0
#define MPOL_PREFERRED 1
#define MPOL_BIND 2
#define MPOL_INTERLEAVE 3
#define MPOL_LOCAL 4
#define MPOL_F_NODE (1 << 0)
#define MPOL_F_ADDR (1 << 1)
#define MPOL_F_MEMS_ALLOWED (1 << 2)
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_NUMA_BALANCING (1 << 13)
#define MPOL_MF_STRICT (1 << 0)
#define MPOL_MF_MOVE (1 << 1)

int main(void)
{
	int mode = -1;
	unsigned long mask[48] = {0};
	syscall(SYS_get_mempolicy, &mode, mask, 128, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, mask, 128, NULL, MPOL_F_MEMS_ALLOWED);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0);
	char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p[0] = 1;
	syscall(SYS_get_mempolicy, &mode, NULL, 0, p, MPOL_F_NODE | MPOL_F_ADDR);
	mask[0] = 1;
	syscall(SYS_set_mempolicy, MPOL_BIND, mask, 64);
	syscall(SYS_get_mempolicy, &mode, mask, 64, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_PREFERRED | MPOL_F_STATIC_NODES, mask, 3);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, NULL, 0);
	syscall(SYS_set_mempolicy, 99, NULL, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, mask, 0);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, mask, 1);
	syscall(SYS_set_mempolicy, MPOL_DEFAULT, mask, 66);
	syscall(SYS_set_mempolicy, MPOL_BIND, mask, 64 * 40);
	syscall(SYS_set_mempolicy, MPOL_LOCAL | MPOL_F_RELATIVE_NODES, NULL, 0);
	syscall(SYS_set_mempolicy, 0x1002 | MPOL_F_NUMA_BALANCING, mask, 2);
	syscall(SYS_mbind, p, 8192, MPOL_INTERLEAVE, mask, 64, MPOL_MF_MOVE | MPOL_MF_STRICT);
	syscall(SYS_mbind, p, 8192, MPOL_DEFAULT, NULL, 0, 0);
	unsigned long from[1] = {1}, to[1] = {1};
	syscall(SYS_migrate_pages, 0, 64, from, to);
	syscall(SYS_migrate_pages, 0, 0, NULL, NULL);
	void *pages[2] = {p, p + 4096};
	int nodes[2] = {0, 0}, status[2] = {-1, -1};
	syscall(SYS_move_pages, 0, 2, pages, NULL, status, 0);
	syscall(SYS_move_pages, 0, 2, pages, nodes, status, MPOL_MF_MOVE);
	syscall(SYS_move_pages, 0, 0, NULL, NULL, NULL, 0);
	syscall(SYS_move_pages, 0, 1, (void *)16, NULL, (void *)32, 8);
	syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0);
	syscall(SYS_get_mempolicy, (int *)8, NULL, 0, NULL, 0);
	syscall(SYS_get_mempolicy, &mode, NULL, 0, NULL, 0x10);
	return 0;
}
