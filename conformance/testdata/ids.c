/* ids: identity, limits, scheduling and system information, the calls
 * a daemon makes at start. As root every set call succeeds with the
 * values it already has, so nothing changes between runs. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <linux/capability.h>
#include <grp.h>
#include <unistd.h>

int main(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;
	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	setresuid(-1, -1, -1);
	setresgid(-1, -1, -1);
	setuid(getuid());
	setgid(getgid());
	setreuid(-1, -1);
	setregid(-1, -1);
	setfsuid(0);
	setfsgid(0);
	gid_t groups[64];
	int n = getgroups(64, groups);
	getgroups(0, NULL);
	setgroups(n, groups);

	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	syscall(SYS_capget, &hdr, data);

	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	setrlimit(RLIMIT_NOFILE, &rl);
	getrlimit(RLIMIT_CORE, &rl);
	prlimit(0, RLIMIT_STACK, NULL, &rl);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	getrusage(RUSAGE_CHILDREN, &ru);

	getpriority(PRIO_PROCESS, 0);
	setpriority(PRIO_PROCESS, 0, 0);
	sched_getscheduler(0);
	struct sched_param sp;
	sched_getparam(0, &sp);
	sched_get_priority_max(SCHED_FIFO);
	sched_get_priority_min(SCHED_RR);
	sched_yield();

	prctl(PR_SET_NAME, "ids-test");
	char name[16];
	prctl(PR_GET_NAME, name);
	prctl(PR_GET_DUMPABLE);
	prctl(PR_SET_PDEATHSIG, 0);
	prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);

	struct utsname u;
	uname(&u);
	struct sysinfo si;
	sysinfo(&si);
	getpgid(0);
	getsid(0);
	umask(077);
	umask(022);
	printf("groups %d\n", n);
	return 0;
}
