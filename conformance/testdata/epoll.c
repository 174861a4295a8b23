/* epoll: a pipe, an eventfd, a timerfd, a signalfd and an inotify watch on
 * the working directory, all waited for with epoll. Every wait has its
 * event ready before it starts (or waits for the timer alone), so every
 * run makes the same calls with the same results. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	pipe2(p, O_CLOEXEC | O_NONBLOCK);
	int ep = epoll_create1(EPOLL_CLOEXEC);

	struct epoll_event ev = {.events = EPOLLIN, .data.fd = p[0]};
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	write(p[1], "x", 1);
	struct epoll_event out[4];
	epoll_wait(ep, out, 4, 1000);
	char buf[64];
	read(p[0], buf, sizeof buf);
	read(p[0], buf, sizeof buf);
	epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL);

	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 7;
	epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
	uint64_t one = 1;
	write(efd, &one, sizeof one);
	sigset_t mask;
	sigemptyset(&mask);
	epoll_pwait(ep, out, 4, 1000, &mask);
	read(efd, &one, sizeof one);

	int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
	struct itimerspec its = {{0, 0}, {0, 2000000}};
	timerfd_settime(tfd, 0, &its, NULL);
	ev.events = EPOLLIN;
	ev.data.fd = tfd;
	epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev);
	epoll_wait(ep, out, 4, 1000);
	uint64_t ticks;
	read(tfd, &ticks, sizeof ticks);
	timerfd_gettime(tfd, &its);

	/* SIGALRM from a timer: the kernel sends it, so the siginfo read
	 * holds no pid. The read blocks until it comes. */
	sigaddset(&mask, SIGALRM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	struct itimerval it = {{0, 0}, {0, 1000}};
	setitimer(ITIMER_REAL, &it, NULL);
	struct signalfd_siginfo ssi;
	read(sfd, &ssi, sizeof ssi);

	int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	int wd = inotify_add_watch(in, ".", IN_CREATE | IN_DELETE);
	int f = open("watched", O_CREAT | O_WRONLY, 0600);
	close(f);
	unlink("watched");
	ev.data.fd = in;
	epoll_ctl(ep, EPOLL_CTL_ADD, in, &ev);
	epoll_wait(ep, out, 4, 1000);
	inotify_rm_watch(in, wd);

	close(in);
	close(sfd);
	close(tfd);
	close(efd);
	close(ep);
	close(p[0]);
	close(p[1]);
	printf("ticks %llu\n", (unsigned long long)ticks);
	return 0;
}
