/* io_uring through raw syscalls, for TestIoUring (uring_e2e_test.go): NOP,
   READ of a file, WRITE to a pipe, a failing READ (bad fd), a linked pair,
   a NOP through a registered ring fd; register calls and setup failures,
   which strace 6.1 decodes. */
#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <fcntl.h>
#include <string.h>
#include <stdio.h>
#include <stdatomic.h>

static int sfd;
static unsigned *sq_tail, *sq_mask, *sq_array, *cq_head, *cq_tail, *cq_mask;
static struct io_uring_sqe *sqes;
static struct io_uring_cqe *cqes;

static struct io_uring_sqe *next_sqe(void)
{
	unsigned t = *sq_tail;
	struct io_uring_sqe *s = &sqes[t & *sq_mask];
	memset(s, 0, sizeof(*s));
	sq_array[t & *sq_mask] = t & *sq_mask;
	atomic_store_explicit((_Atomic unsigned *)sq_tail, t + 1, memory_order_release);
	return s;
}

static int enter(unsigned n, unsigned wait)
{
	return syscall(__NR_io_uring_enter, sfd, n, wait, IORING_ENTER_GETEVENTS, NULL, 0);
}

static void reap(void)
{
	unsigned h = *cq_head;
	while (h != atomic_load_explicit((_Atomic unsigned *)cq_tail, memory_order_acquire))
		h++;
	atomic_store_explicit((_Atomic unsigned *)cq_head, h, memory_order_release);
}

int main(void)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof p);
	sfd = syscall(__NR_io_uring_setup, 8, &p);
	if (sfd < 0) { perror("io_uring_setup"); return 1; }
	char *sq = mmap(NULL, p.sq_off.array + p.sq_entries * 4, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_POPULATE, sfd, IORING_OFF_SQ_RING);
	char *cq = mmap(NULL, p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe),
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, sfd, IORING_OFF_CQ_RING);
	sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_POPULATE, sfd, IORING_OFF_SQES);
	if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) { perror("mmap"); return 1; }
	sq_tail = (unsigned *)(sq + p.sq_off.tail);
	sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	sq_array = (unsigned *)(sq + p.sq_off.array);
	cq_head = (unsigned *)(cq + p.cq_off.head);
	cq_tail = (unsigned *)(cq + p.cq_off.tail);
	cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);

	struct io_uring_sqe *s;
	static char buf[4096];

	s = next_sqe(); s->opcode = IORING_OP_NOP; s->user_data = 1;
	enter(1, 1); reap();

	int fd = open("/etc/passwd", O_RDONLY);
	s = next_sqe(); s->opcode = IORING_OP_READ; s->fd = fd;
	s->addr = (unsigned long)buf; s->len = sizeof buf; s->off = 0; s->user_data = 2;
	enter(1, 1); reap();

	int pfd[2];
	pipe(pfd);
	s = next_sqe(); s->opcode = IORING_OP_WRITE; s->fd = pfd[1];
	s->addr = (unsigned long)"hello"; s->len = 5; s->off = -1; s->user_data = 3;
	enter(1, 1); reap();

	s = next_sqe(); s->opcode = IORING_OP_READ; s->fd = 99;
	s->addr = (unsigned long)buf; s->len = 16; s->user_data = 4;
	enter(1, 1); reap();

	s = next_sqe(); s->opcode = IORING_OP_NOP; s->flags = IOSQE_IO_LINK; s->user_data = 5;
	s = next_sqe(); s->opcode = IORING_OP_READ; s->fd = fd;
	s->addr = (unsigned long)buf; s->len = 100; s->off = 10; s->user_data = 6;
	enter(2, 2); reap();

	int fds[2] = {fd, pfd[0]};
	syscall(__NR_io_uring_register, sfd, IORING_REGISTER_FILES, fds, 2);
	syscall(__NR_io_uring_register, sfd, IORING_UNREGISTER_FILES, NULL, 0);
	struct iovec iov[1] = {{buf, sizeof buf}};
	syscall(__NR_io_uring_register, sfd, IORING_REGISTER_BUFFERS, iov, 1);
	syscall(__NR_io_uring_register, sfd, IORING_UNREGISTER_BUFFERS, NULL, 0);
	struct io_uring_rsrc_update ru;
	memset(&ru, 0, sizeof ru);
	ru.offset = -1;
	ru.data = sfd;
	if (syscall(__NR_io_uring_register, sfd, IORING_REGISTER_RING_FDS, &ru, 1) == 1) {
		/* A NOP through the registered ring: the fd argument is the
		   index the kernel wrote back. */
		s = next_sqe(); s->opcode = IORING_OP_NOP; s->user_data = 7;
		syscall(__NR_io_uring_enter, ru.offset, 1, 1,
			IORING_ENTER_GETEVENTS | IORING_ENTER_REGISTERED_RING, NULL, 0);
		reap();
		ru.data = 0;
		syscall(__NR_io_uring_register, sfd, IORING_UNREGISTER_RING_FDS, &ru, 1);
	}
	void *bufring = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct io_uring_buf_reg br;
	memset(&br, 0, sizeof br);
	br.ring_addr = (unsigned long)bufring;
	br.ring_entries = 8;
	br.bgid = 1;
	syscall(__NR_io_uring_register, sfd, IORING_REGISTER_PBUF_RING, &br, 1);
	syscall(__NR_io_uring_register, sfd, IORING_UNREGISTER_PBUF_RING, &br, 1);
	syscall(__NR_io_uring_register, sfd, 9999, NULL, 0);
	/* an enter with nothing to submit */
	syscall(__NR_io_uring_enter, sfd, 0, 0, 0, NULL, 0);
	/* setup failures and flags */
	memset(&p, 0, sizeof p);
	p.flags = IORING_SETUP_CLAMP | IORING_SETUP_CQSIZE; p.cq_entries = 64;
	int f2 = syscall(__NR_io_uring_setup, 4, &p);
	close(f2);
	syscall(__NR_io_uring_setup, 0, NULL);
	return 0;
}
