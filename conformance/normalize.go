package conformance

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Normalize turns the text of `strace -f -o FILE` (every line starts with a
// pid) into lines that compare equal across runs of the same program. It
// changes only what differs from run to run of strace itself:
//
//   - pids: each becomes P1, P2, ... P1 is the first line's pid; then every
//     process's children are numbered in the order its clone/fork calls
//     returned them (breadth first), so numbering does not depend on which
//     process the scheduler ran first; pids never seen created follow in
//     order of first appearance. Pid values inside lines are renamed too,
//     but only where a pid belongs: in the calls of pidSyscalls, in signal
//     lines (si_pid), in /proc/PID paths and in "superseded by execve in
//     pid N".
//   - interleaving: a call split into "<unfinished ...>" and
//     "<... resumed>" is joined back into one line, and lines are grouped by
//     process (stable, so each process keeps its own order), because which
//     process's call the kernel reports first is timing.
//   - bytes and counters that are random or clock driven: getrandom's
//     buffer, CPU times in rusage and siginfo, sysinfo's counters, the
//     time an interrupted sleep had left.
//   - the envp address of the first line's execve: that execve is made by
//     the tracer's own child, so the address is in the tracer's memory.
//   - times: a -t/-tt/-ttt timestamp and a -T duration keep their format
//     but every digit becomes 0; inode numbers of pipes and sockets under
//     -y; ports from 1024 up (ephemeral); mkstemp names (gcc's ccXXXXXX,
//     git's tXXXXXX and tmp_obj_XXXXXX).
//   - whatever replace rewrites, meant for temporary directory names (list
//     longer names first: a strings.Replacer tries its pairs in order).
//
// strace pads the return value to column 40 of the whole line, pid prefix
// included, so the padding depends on the pid's width and on the length of
// any value renamed here. Each line whose padding follows that rule is
// re-padded as if its pid had at most five digits (the common case, and what
// the output then looks like); a line that breaks the rule keeps its spacing,
// so a tracer that pads wrongly still mismatches. Joined lines are always
// re-padded. Lines without a pid prefix are kept first, in order.
func Normalize(raw string, replace *strings.Replacer) []string {
	lines := join(parse(raw))
	names := numberPIDs(lines)

	out := make([]line, 0, len(lines))
	status := statusReads{}
	for i, l := range lines {
		aligned := l.joined || repad(l.text, l.prefix) == l.text
		text := l.text
		if i == 0 && syscallName(text) == "execve" {
			// Its layout depends on the tracer's own command line.
			text = envp.ReplaceAllString(text, "${1}ENVP${2}")
		}
		if replace != nil {
			text = replace.Replace(text)
		}
		text = status.scrub(l.pid, scrub(text, names))
		if aligned {
			text = repad(text, len("12345 ")+len(l.stamp))
		}
		out = append(out, line{pid: l.pid, stamp: l.stamp, text: text})
	}

	sort.SliceStable(out, func(i, j int) bool { return order(names, out[i].pid) < order(names, out[j].pid) })
	res := make([]string, len(out))
	for i, l := range out {
		if l.pid == "" {
			res[i] = l.stamp + l.text
		} else {
			res[i] = names[l.pid] + " " + l.stamp + l.text
		}
	}
	return res
}

type line struct {
	pid    string // as printed; "" when the line has no pid prefix
	prefix int    // length of the pid, the timestamp and the spaces after them
	stamp  string // the -t/-tt/-ttt timestamp with its space, digits zeroed
	text   string // the rest
	joined bool   // rebuilt from an unfinished/resumed pair
}

var (
	pidPrefix = regexp.MustCompile(`^(\d+) +(.*)$`)
	// stampPrefix is a -t, -tt or -ttt timestamp: its format is compared,
	// its value (the time of the run) is not.
	// A -n syscall number ("[ 257] ") that follows is kept as it is.
	stampPrefix = regexp.MustCompile(`^ *(?:\d\d:\d\d:\d\d(?:\.\d+)?|\d+\.\d+) `)
	nrPrefix    = regexp.MustCompile(`^\[ *\d+\] `)
	digit       = regexp.MustCompile(`\d`)
)

// zeroDigits keeps a time's format and drops its value.
func zeroDigits(s string) string { return digit.ReplaceAllString(s, "0") }

func parse(raw string) []line {
	var lines []line
	for _, s := range strings.Split(strings.TrimRight(raw, "\n"), "\n") {
		if s == "" {
			continue
		}
		var l line
		if m := pidPrefix.FindStringSubmatch(s); m != nil {
			l = line{pid: m[1], text: m[2]}
		} else {
			l = line{text: s}
		}
		if st := stampPrefix.FindString(l.text); st != "" {
			l.stamp = zeroDigits(st)
			l.text = l.text[len(st):]
		}
		if nr := nrPrefix.FindString(l.text); nr != "" {
			l.stamp += nr
			l.text = l.text[len(nr):]
		}
		l.prefix = len(s) - len(l.text)
		lines = append(lines, l)
	}
	return lines
}

const unfinished = " <unfinished ...>"

var resumed = regexp.MustCompile(`^<\.\.\. ([\w]+) resumed>(.*)$`)

// join puts each "<... NAME resumed>" line back onto its process's pending
// "<unfinished ...>" line, at the unfinished line's place.
func join(lines []line) []line {
	pending := map[string]int{} // pid → index in out
	var out []line
	for _, l := range lines {
		if m := resumed.FindStringSubmatch(l.text); m != nil {
			if i, ok := pending[l.pid]; ok && syscallName(out[i].text) == m[1] {
				out[i].text = strings.TrimSuffix(out[i].text, unfinished) + m[2]
				out[i].joined = true
				delete(pending, l.pid)
				continue
			}
		}
		if strings.HasSuffix(l.text, unfinished) {
			pending[l.pid] = len(out)
		}
		out = append(out, l)
	}
	return out
}

var name = regexp.MustCompile(`^(?:<\.\.\. )?([a-z_][a-z0-9_]*)[( ]`)

// syscallName is the call a line shows, "signal" for a signal line, "exit"
// for a "+++" line and "other" for anything else; it is also the category a
// mismatch is counted under.
func syscallName(text string) string {
	switch {
	case strings.HasPrefix(text, "--- "):
		return "signal"
	case strings.HasPrefix(text, "+++ "):
		return "exit"
	}
	if m := name.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return "other"
}

var (
	creators = map[string]bool{"clone": true, "clone3": true, "fork": true, "vfork": true}
	retPID   = regexp.MustCompile(`\) += (\d+)(?: <[\d.]+>)?$`)
)

// returnColumn is where strace starts "= " unless the call is longer.
const returnColumn = 40

var padded = regexp.MustCompile(`^(.*\)) +(= .*)$`)

// repad spaces text's return value the way strace does on a line whose pid
// prefix is prefix bytes long: one space after the closing parenthesis,
// more up to returnColumn.
func repad(text string, prefix int) string {
	m := padded.FindStringSubmatch(text)
	if m == nil {
		return text
	}
	n := max(1, returnColumn-prefix-len(m[1]))
	return m[1] + strings.Repeat(" ", n) + m[2]
}

func numberPIDs(lines []line) map[string]string {
	names := map[string]string{}
	var queue []string
	add := func(pid string) {
		if pid != "" && names[pid] == "" {
			names[pid] = "P" + strconv.Itoa(len(names)+1)
			queue = append(queue, pid)
		}
	}
	byPID := map[string][]string{}
	for _, l := range lines {
		byPID[l.pid] = append(byPID[l.pid], l.text)
	}
	for _, l := range lines {
		if l.pid != "" {
			add(l.pid)
			break
		}
	}
	for i := 0; i < len(queue); i++ {
		for _, text := range byPID[queue[i]] {
			if !creators[syscallName(text)] {
				continue
			}
			if m := retPID.FindStringSubmatch(text); m != nil {
				add(m[1])
			}
		}
	}
	for _, l := range lines {
		add(l.pid)
	}
	return names
}

func order(names map[string]string, pid string) int {
	if pid == "" {
		return 0
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(names[pid], "P"))
	return n
}

// pidSyscalls are the calls whose arguments or return value hold pids or
// tids. rt_sigreturn is here because it returns whatever the interrupted
// call returned, often wait4's pid. prlimit64 is left out: it is almost
// always called on pid 0, and its line holds limits such as 8192*1024 that
// a pid could equal.
var pidSyscalls = map[string]bool{
	"clone": true, "clone3": true, "fork": true, "vfork": true,
	"wait4": true, "waitid": true, "waitpid": true,
	"kill": true, "tkill": true, "tgkill": true, "rt_sigqueueinfo": true, "rt_tgsigqueueinfo": true,
	"rt_sigtimedwait": true, "rt_sigwaitinfo": true,
	"getpid": true, "gettid": true, "getppid": true, "getpgid": true, "setpgid": true, "getpgrp": true,
	"getsid": true, "setsid": true, "set_tid_address": true, "pidfd_open": true,
	"sched_getaffinity": true, "sched_setaffinity": true,
	"sched_getparam": true, "sched_setparam": true, "sched_getscheduler": true, "sched_setscheduler": true,
	"getpriority": true, "setpriority": true, "ioprio_get": true, "ioprio_set": true,
	"process_vm_readv": true, "process_vm_writev": true, "ptrace": true,
	// pthread_join waits with FUTEX_WAIT on the thread's tid word.
	"futex": true, "rt_sigreturn": true, "signal": true,
}

var (
	number     = regexp.MustCompile(`\b\d+\b`)
	procPID    = regexp.MustCompile(`/proc/(\d+)\b`)
	superseded = regexp.MustCompile(`superseded by execve in pid (\d+)`)
	random     = regexp.MustCompile(`^getrandom\("(?:[^"\\]|\\.)*"(?:\.\.\.)?`)
	rusage     = regexp.MustCompile(`(ru_[us]time=)\{tv_sec=\d+, tv_usec=\d+\}`)
	sigTimes   = regexp.MustCompile(`(si_[us]time=)\d+(?: /\* [\d.]+ s \*/)?`)
	envp       = regexp.MustCompile(`(, )0x[0-9a-f]+( /\* \d+ vars \*/\))`)
	retUnknown = regexp.MustCompile(`= \d+( <[\d.]+>)?$`)
	sysinfoNr  = regexp.MustCompile(`\b\d+\b`)
	// fsFree is what a file system's statfs says is free: other
	// programs write to it while the test runs.
	fsFree = regexp.MustCompile(`\b(f_bfree|f_bavail|f_ffree)=\d+`)
	// cpuClock is a CPU-time clock's reading, which is however long the
	// process has run.
	cpuClock = regexp.MustCompile(`^(clock_gettime\((?:CLOCK_PROCESS_CPUTIME_ID|CLOCK_THREAD_CPUTIME_ID|0x[23](?: /\* CLOCK_\w+ \*/)?), )\{tv_sec=\d+, tv_nsec=\d+\}`)
	// procCounters is the start of what a read of /proc/uptime,
	// /proc/stat, /proc/PID/stat, /proc/meminfo or a NUMA node's meminfo
	// returns: the clock, the CPU and fault counters of the machine and
	// the process, free memory. How many digits they have changes the
	// length read too.
	procCounters = regexp.MustCompile(`^(read\(\d+(?:<[^>]*>)?, )("(?:\d+\.\d+ \d+\.\d+\\n|cpu  |\d+ \(|MemTotal:|Node \d+ MemTotal:)(?:[^"\\]|\\.)*")((?:\.\.\.)?, \d+\)\s+= )\d+`)
	sleepLeft    = regexp.MustCompile(`\{tv_sec=\d+, tv_nsec=\d+\}\)(\s+= \?)`)
	// duration is -T's time spent in the call, at the end of the line.
	duration = regexp.MustCompile(` <\d+\.\d+>$`)
	// inode is the inode number -y shows for pipes and sockets: a new
	// one every run.
	inode = regexp.MustCompile(`\b(pipe|socket|net):\[\d+\]`)
	// endpoint is a socket as -yy shows it: "TCP:[127.0.0.1:47283]",
	// "UNIX-STREAM:[240018->240014,"/tmp/s"]", "NETLINK:[ROUTE:28017]".
	// Its inode numbers are new every run, its ports from 1024 up the
	// kernel's pick, a netlink port id usually the pid.
	endpoint = regexp.MustCompile(`\b((?:TCP|UDP|UDPLITE|DCCP|SCTP|L2TP/IP|PING|RAW)(?:v6)?|UNIX(?:-STREAM)?|NETLINK):\[((?:\[[^\]]*\]|[^\]])*)\]`)
	// pidfd is a pidfd as -yy shows it: "3<pid:1234>".
	pidfd        = regexp.MustCompile(`<pid:(\d+)>`)
	unixInodes   = regexp.MustCompile(`\d+(->|,|$)`)
	endpointPort = regexp.MustCompile(`:(\d+)(->|$)`)
	// port is a port in a socket address; those from 1024 up are the
	// kernel's pick (an ephemeral port), new every run.
	port = regexp.MustCompile(`htons\((\d+)\)`)
	// portBytes is such a port as -x prints its bytes, before the
	// comment -X verbose adds: `sin_port="\xa6\x4f" /* htons(PORT) */`.
	portBytes = regexp.MustCompile(`(_port=)"(?:\\x[0-9a-f]{2}){2}"( /\* htons\(PORT\) \*/)`)
	// tempName is a mkstemp name: gcc's /tmp/ccXXXXXX.s and git's
	// tmp_obj_XXXXXX are random every run.
	tempName = regexp.MustCompile(`(/cc|tmp_obj_|/tmp_idx_|/tmp_pack_|\.git/t)[A-Za-z0-9]{6}\b`)
)

// scrub renames pid values and blanks random and clock-driven values.
// nlmsgSeqPid is a netlink message header's sequence number and port id,
// and a netlink address's port id.
var nlmsgSeqPid = regexp.MustCompile(`(nlmsg_seq=|nlmsg_pid=|nl_pid=)-?[0-9]+`)

// netCounters are the members of struct rtnl_link_stats and
// ifa_cacheinfo that change while a program runs.
var netCounters = regexp.MustCompile(`\b((?:rx|tx)_[a-z_]+|multicast|collisions|ifa_prefered|ifa_valid)=[0-9]+`)

func scrub(text string, names map[string]string) string {
	call := syscallName(text)
	if pidSyscalls[call] {
		text = number.ReplaceAllStringFunc(text, func(n string) string {
			if p, ok := names[n]; ok {
				return p
			}
			return n
		})
	}
	text = superseded.ReplaceAllStringFunc(text, func(s string) string {
		n := s[strings.LastIndexByte(s, ' ')+1:]
		if p, ok := names[n]; ok {
			return strings.TrimSuffix(s, n) + p
		}
		return s
	})
	text = procPID.ReplaceAllStringFunc(text, func(s string) string {
		if p, ok := names[strings.TrimPrefix(s, "/proc/")]; ok {
			return "/proc/" + p
		}
		return s
	})
	switch call {
	case "sendto", "recvfrom", "sendmsg", "recvmsg", "getsockname":
		// ip numbers its netlink requests by the clock; a netlink
		// socket's port id is its pid or, for a second socket, random.
		// A link's traffic counters and an address's remaining
		// lifetimes change by the second.
		text = nlmsgSeqPid.ReplaceAllString(text, "${1}N")
		text = netCounters.ReplaceAllString(text, "${1}=N")
	case "getrandom":
		text = random.ReplaceAllString(text, `getrandom("<random>"`)
	case "nanosleep", "clock_nanosleep":
		// An interrupted sleep's remaining time is however long the
		// signal took to come.
		text = sleepLeft.ReplaceAllString(text, "{tv_sec=T, tv_nsec=T})${1}")
	case "statfs", "fstatfs", "statfs64", "fstatfs64":
		text = fsFree.ReplaceAllString(text, "${1}=N")
	case "clock_gettime":
		text = cpuClock.ReplaceAllString(text, "${1}{tv_sec=T, tv_nsec=T}")
	case "read":
		text = procCounters.ReplaceAllStringFunc(text, func(s string) string {
			m := procCounters.FindStringSubmatch(s)
			return m[1] + zeroDigits(m[2]) + m[3] + "N"
		})
	case "sysinfo":
		// Uptime, loads, free memory and process count change every run;
		// the field names and their order are what a decoder gets right.
		if i := strings.LastIndex(text, ") = "); i >= 0 {
			text = sysinfoNr.ReplaceAllString(text[:i], "N") + text[i:]
		}
	}
	if call == "getppid" {
		// The first process's parent is the tracer itself, outside the
		// traced tree; a decoder cannot be expected to know its pid.
		text = retUnknown.ReplaceAllStringFunc(text, func(s string) string {
			m := retUnknown.FindStringSubmatch(s)
			if _, ok := names[strings.TrimSuffix(strings.TrimPrefix(s, "= "), m[1])]; ok {
				return s
			}
			return "= PPID" + m[1]
		})
	}
	text = rusage.ReplaceAllString(text, "${1}{tv_sec=T, tv_usec=T}")
	text = sigTimes.ReplaceAllString(text, "${1}T")
	text = duration.ReplaceAllStringFunc(text, zeroDigits)
	text = inode.ReplaceAllString(text, "${1}:[INODE]")
	text = pidfd.ReplaceAllStringFunc(text, func(s string) string {
		if p, ok := names[pidfd.FindStringSubmatch(s)[1]]; ok {
			return "<pid:" + p + ">"
		}
		return s
	})
	text = endpoint.ReplaceAllStringFunc(text, func(s string) string {
		m := endpoint.FindStringSubmatch(s)
		proto, body := m[1], m[2]
		switch {
		case allDigits(body):
			body = "INODE"
		case strings.HasPrefix(proto, "UNIX"):
			body = unixInodes.ReplaceAllString(body, "INODE${1}")
		case proto == "NETLINK":
			if name, id, ok := strings.Cut(body, ":"); ok {
				if p, ok := names[id]; ok {
					id = p
				} else {
					id = "PORTID"
				}
				body = name + ":" + id
			}
		default:
			body = endpointPort.ReplaceAllStringFunc(body, func(p string) string {
				sm := endpointPort.FindStringSubmatch(p)
				if n, _ := strconv.Atoi(sm[1]); n >= 1024 {
					return ":PORT" + sm[2]
				}
				return p
			})
		}
		return m[1] + ":[" + body + "]"
	})
	text = port.ReplaceAllStringFunc(text, func(s string) string {
		if n, _ := strconv.Atoi(port.FindStringSubmatch(s)[1]); n >= 1024 {
			return "htons(PORT)"
		}
		return s
	})
	text = portBytes.ReplaceAllString(text, "${1}PORT${2}")
	text = tempName.ReplaceAllString(text, "${1}XXXXXX")
	return text
}

// statusReads follows reads of /proc/PID/status, which ends with the
// process's context switch counts (and shows its tracer's pid): what a read
// after the first returns, and how much, changes from run to run with the
// width of those numbers. It maps a process's fd whose last read was a
// status file's first part ("Name:\t...") to true.
type statusReads map[string]bool

var readCall = regexp.MustCompile(`^(read\((\d+)(?:<[^>]*>)?, )("(?:[^"\\]|\\.)*"(?:\.\.\.)?)(, \d+\)\s+= )(\d+)`)

func (st statusReads) scrub(pid, text string) string {
	m := readCall.FindStringSubmatch(text)
	if m == nil {
		return text
	}
	key := pid + " " + m[2]
	switch {
	case strings.HasPrefix(m[3], `"Name:\t`):
		st[key] = true
	case st[key] && m[5] != "0":
		return m[1] + `"<rest of status>"` + m[4] + "N" + text[len(m[0]):]
	default:
		delete(st, key)
	}
	return text
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}
