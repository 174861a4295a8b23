/* threads: three pthreads doing a few deterministic syscalls, joined in
 * order. Thread i sleeps (i+1)*60 ms (steps wide enough for a slow traced
 * run), so each join finds its thread still
 * running and the joins block in the same way in every run, while the
 * threads' own calls interleave freely (the harness compares per thread). */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static int devnull;

static void *work(void *arg)
{
	long i = (long)arg;
	char msg[] = "thread 0\n";
	msg[7] = (char)('0' + i);
	struct timespec ts = {0, (i + 1) * 60 * 1000 * 1000};

	write(devnull, msg, sizeof msg - 1);
	nanosleep(&ts, NULL);
	write(devnull, msg, sizeof msg - 1);
	return NULL;
}

int main(void)
{
	pthread_t t[3];

	devnull = open("/dev/null", O_WRONLY);
	if (devnull < 0) {
		perror("open");
		return 1;
	}
	for (long i = 0; i < 3; i++) {
		if (pthread_create(&t[i], NULL, work, (void *)i) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	}
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	close(devnull);
	printf("joined 3 threads\n");
	return 0;
}
