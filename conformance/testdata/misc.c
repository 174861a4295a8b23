/* misc: memory, scheduling and descriptor calls the other programs do not
 * make: an alternate signal stack, a memfd mapped and synced, locked and
 * unlocked memory, the CPU affinity mask, close_range, a blocking pause
 * ended by alarm, and the process's times. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; }

int main(void)
{
	stack_t ss = {.ss_sp = malloc(SIGSTKSZ), .ss_size = SIGSTKSZ, .ss_flags = 0}, old;
	sigaltstack(&ss, &old);
	sigaltstack(NULL, &old);

	int fd = memfd_create("misc", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	ftruncate(fd, 4096);
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	memcpy(p, "data", 4);
	msync(p, 4096, MS_SYNC);
	mlock(p, 4096);
	munlock(p, 4096);
	munmap(p, 4096);
	close(fd);

	cpu_set_t set;
	CPU_ZERO(&set);
	sched_getaffinity(0, sizeof set, &set);
	sched_setaffinity(0, sizeof set, &set);

	syscall(SYS_close_range, 100, 200, 0);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGALRM, &sa, NULL);
	alarm(1);
	pause();
	alarm(0);
	printf("cpus %d\n", CPU_COUNT(&set));
	return 0;
}
