/* timers: the sigevents of timer_create and mq_notify for each kind of
 * notification (a zero value, which strace leaves out, and a set one),
 * POSIX message queues with their attributes, and sleeps a signal
 * interrupts, whose remaining time strace prints (normalized: it is however
 * long the signal took). The signal comes from a child the tracer does not
 * follow (CLONE_UNTRACED), once it sees the parent asleep in /proc, so it
 * can never come before the sleep starts; SIGCHLD stays blocked. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void on_alarm(int sig) { (void)sig; }

/* interrupted sleeps for up to 5 s; an untraced child sends SIGALRM as
 * soon as /proc shows the parent sleeping ('S'), then exits. */
static void interrupted(long nr, clockid_t clock, int null_rem)
{
	pid_t parent = getpid();
	pid_t child = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (child == 0) {
		char path[64], st[256];
		snprintf(path, sizeof path, "/proc/%d/stat", parent);
		for (;;) {
			int fd = open(path, O_RDONLY);
			ssize_t n = read(fd, st, sizeof st - 1);
			close(fd);
			st[n > 0 ? n : 0] = 0;
			char *p = strrchr(st, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				break;
			usleep(1000);
		}
		kill(parent, SIGALRM);
		_exit(0);
	}
	struct timespec req = {5, 0}, rem;
	if (nr == SYS_nanosleep)
		syscall(nr, &req, &rem);
	else
		syscall(nr, clock, 0, &req, null_rem ? NULL : &rem);
	waitpid(child, NULL, 0);
}

int main(void)
{
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);

	timer_t t;
	struct sigevent se = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGALRM};
	timer_create(CLOCK_REALTIME, &se, &t);
	se.sigev_value.sival_int = 42;
	timer_create(CLOCK_MONOTONIC, &se, &t);
	se.sigev_notify = SIGEV_NONE;
	timer_create(CLOCK_MONOTONIC, &se, &t);
	/* Raw: glibc turns SIGEV_THREAD into a helper thread's SIGEV_THREAD_ID. */
	se.sigev_notify = SIGEV_THREAD;
	se.sigev_value.sival_ptr = (void *)0x1234;
	se._sigev_un._sigev_thread._function = (void *)0x5678;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &se, &t);
	se.sigev_notify = 9;
	syscall(SYS_timer_create, CLOCK_MONOTONIC, &se, &t);
	timer_create(CLOCK_BOOTTIME, NULL, &t);

	mq_unlink("/stracedump-timers");
	struct mq_attr a = {.mq_maxmsg = 4, .mq_msgsize = 16}, old;
	mqd_t q = mq_open("/stracedump-timers", O_RDWR | O_CREAT | O_EXCL, 0600, &a);
	mq_open("/stracedump-none", O_RDONLY);
	se = (struct sigevent){.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2};
	mq_notify(q, &se);
	mq_notify(q, NULL);
	se.sigev_notify = SIGEV_NONE;
	se.sigev_value.sival_int = 7;
	mq_notify(q, &se);
	mq_notify(q, NULL);
	mq_send(q, "hello", 5, 3);
	struct timespec abs = {1, 0};
	mq_timedsend(q, "world", 5, 1, &abs);
	char buf[16];
	unsigned prio;
	mq_receive(q, buf, sizeof buf, &prio);
	mq_timedreceive(q, buf, sizeof buf, NULL, &abs);
	mq_timedreceive(q, buf, sizeof buf, &prio, &abs);
	a.mq_flags = O_NONBLOCK;
	mq_setattr(q, &a, &old);
	mq_getattr(q, &old);
	mq_close(q);
	mq_unlink("/stracedump-timers");

	signal(SIGALRM, on_alarm);
	interrupted(SYS_nanosleep, 0, 0);
	interrupted(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0);
	interrupted(SYS_clock_nanosleep, CLOCK_REALTIME, 1);
	struct timespec tiny = {0, 1000}, rem;
	syscall(SYS_nanosleep, &tiny, &rem);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &tiny, &rem);
	syscall(SYS_nanosleep, (void *)8, &rem);
	return 0;
}
