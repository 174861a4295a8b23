/* futex: every futex operation once, on words of this program, with values
 * that return at once (a wait whose word differs, wakes with no waiter, PI
 * locks taken and released by the only thread), and FUTEX_WAKE_OP with
 * known and unknown operations and comparisons. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long fx(uint32_t *u, int op, uint32_t val, void *t, uint32_t *u2, uint32_t val3)
{
	return syscall(SYS_futex, u, op, val, t, u2, val3);
}

int main(void)
{
	static uint32_t a = 1, b = 2, pi = 0;
	struct timespec ts = { 0, 1000 };
	uint32_t ops[] = {
		FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1),
		FUTEX_OP(FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT, 5, FUTEX_OP_CMP_EQ, 0x10),
		FUTEX_OP(FUTEX_OP_XOR, 0xfff, FUTEX_OP_CMP_LE, 0xfff),
		FUTEX_OP(7, 1, 6, 2),
		0xffffffff,
	};

	fx(&a, FUTEX_WAIT_PRIVATE, 0, &ts, 0, 0);
	fx(&a, FUTEX_WAKE, 1, 0, 0, 0);
	fx(&a, FUTEX_REQUEUE_PRIVATE, 1, (void *)2, &b, 0);
	fx(&a, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2, &b, 1);
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		fx(&a, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, &b, ops[i]);
	fx(&pi, FUTEX_LOCK_PI_PRIVATE, 0, &ts, 0, 0);
	fx(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, 0, 0, 0);
	fx(&pi, FUTEX_TRYLOCK_PI, 0, 0, 0, 0);
	fx(&pi, FUTEX_UNLOCK_PI, 0, 0, 0, 0);
	fx(&a, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 0, &ts, &pi, 0);
	fx(&a, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *)1, &pi, 1);
	fx(&a, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 0, &ts, 0, 0xffffffff);
	fx(&a, FUTEX_WAKE_BITSET_PRIVATE, 1, 0, 0, 0x3);
	fx(&pi, FUTEX_LOCK_PI2_PRIVATE, 0, &ts, 0, 0);
	fx(&pi, FUTEX_UNLOCK_PI_PRIVATE, 0, 0, 0, 0);
	fx(&a, 99, 1, (void *)5, &b, 7);
	return 0;
}
