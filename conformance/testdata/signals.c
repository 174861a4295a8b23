/* signals: handlers installed with sigaction, a one-shot setitimer and a
 * POSIX timer, each waited for with the signal blocked and then released
 * by sigsuspend, so delivery lands at the same call in every run. Covers
 * rt_sigaction, rt_sigprocmask, setitimer/getitimer, timer_*, rt_sigsuspend,
 * rt_sigpending, rt_sigtimedwait, the signal frame (rt_sigreturn's mask),
 * kill, tgkill and the sleeps. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_signal(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, &old);
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGPIPE, &sa, NULL);

	sigset_t block, empty, pending;
	sigemptyset(&empty);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);

	/* setitimer: ITIMER_REAL fires SIGALRM once after 5 ms. */
	struct itimerval it = {{0, 0}, {0, 5000}};
	setitimer(ITIMER_REAL, &it, NULL);
	sigsuspend(&empty);
	getitimer(ITIMER_REAL, &it);

	/* A POSIX timer sending SIGUSR1 with a value. */
	timer_t timer;
	struct sigevent ev;
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_SIGNAL;
	ev.sigev_signo = SIGUSR1;
	ev.sigev_value.sival_int = 42;
	timer_create(CLOCK_MONOTONIC, &ev, &timer);
	struct itimerspec its = {{0, 0}, {0, 5000000}};
	timer_settime(timer, 0, &its, NULL);
	sigsuspend(&empty);
	timer_gettime(timer, &its);
	timer_getoverrun(timer);
	timer_delete(timer);

	/* A signal sent to ourselves while blocked, then taken synchronously. */
	kill(getpid(), SIGTERM);
	sigpending(&pending);
	struct timespec zero = {0, 0};
	siginfo_t si;
	sigtimedwait(&block, &si, &zero);
	sigtimedwait(&block, &si, &zero);

	/* A thread-directed signal, delivered at the unblock. */
	syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	struct timespec ts = {0, 1000000};
	nanosleep(&ts, NULL);
	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	struct timespec res;
	syscall(SYS_clock_getres, CLOCK_REALTIME, &res);
	alarm(0);

	printf("hits %d\n", (int)hits);
	return 0;
}
