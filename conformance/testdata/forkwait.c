/* forkwait: a child that writes and exits 3, a parent that reaps it with
 * wait4 and prints the status. SIGCHLD is blocked across fork and wait so
 * its delivery stop lands at one fixed place (the unblock) in every run
 * instead of racing with wait4. */
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	sigset_t chld, old;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);

	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		static const char msg[] = "child\n";
		write(1, msg, sizeof msg - 1);
		_exit(3);
	}

	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("wait4");
		return 1;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("child exited: %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));
	return 0;
}
