/* execthread: a thread other than the leader calls execve while the leader
 * blocks in pause(). The kernel gives the execing thread the leader's pid;
 * strace prints the leader's pause as "= ?", "+++ superseded by execve in
 * pid N +++" and the execve resumed under the leader's pid. The thread
 * sleeps first, so the leader is in its pause. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static void *run(void *arg)
{
	(void)arg;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	nanosleep(&ts, 0);
	char *argv[] = { "/bin/true", 0 };
	execv("/bin/true", argv);
	return 0;
}

int main(void)
{
	pthread_t t;

	pthread_create(&t, 0, run, 0);
	pause();
	return 1;
}
