/* killread: a child blocks in a read that never returns and is killed by
 * its parent, which sleeps first so the child is in its read: strace shows
 * the read as "read(3,  <unfinished ...>) = ?" (its buffer, an exit
 * argument, is never filled in) and the parent's sleep split around it,
 * with the remaining time's address printed at the sleep's exit. */
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	int p[2], st;
	char c;
	struct timespec ts = { 0, 100 * 1000 * 1000 };

	if (pipe(p) < 0)
		return 1;
	pid_t k = fork();
	if (k == 0) {
		read(p[0], &c, 1);
		return 0;
	}
	nanosleep(&ts, 0);
	kill(k, SIGKILL);
	waitpid(k, &st, 0);
	return 0;
}
