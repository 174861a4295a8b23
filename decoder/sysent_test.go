package decoder

import (
	"bufio"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestSyscallNames(t *testing.T) {
	tests := []struct {
		arch *Arch
		nr   int64
		name string
	}{
		{X86_64, 0, "read"},
		{X86_64, 2, "open"},
		{X86_64, 17, "pread64"},
		{X86_64, 59, "execve"},
		{X86_64, 166, "umount2"},
		{X86_64, 257, "openat"},
		{X86_64, 262, "newfstatat"},
		{X86_64, 302, "prlimit64"},
		{X86_64, 435, "clone3"},
		{X86_64, 462, "mseal"},
		{I386, 5, "open"},
		{I386, 11, "execve"},
		{I386, 52, "umount2"},
		{I386, 140, "_llseek"},
		{I386, 142, "_newselect"},
		{I386, 192, "mmap2"},
		{I386, 295, "openat"},
		{I386, 403, "clock_gettime64"},
		{Aarch64, 56, "openat"},
		{Aarch64, 79, "newfstatat"},
		{Aarch64, 80, "fstat"},
		{Aarch64, 220, "clone"},
		{Aarch64, 221, "execve"},
		{Aarch64, 435, "clone3"},
	}
	for _, tt := range tests {
		if got := tt.arch.SyscallName(tt.nr); got != tt.name {
			t.Errorf("%s %d: got %q, want %q", tt.arch.Name, tt.nr, got, tt.name)
		}
		if nr, ok := tt.arch.SyscallNumber(tt.name); !ok || nr != tt.nr {
			t.Errorf("%s SyscallNumber(%q) = %d, %v; want %d", tt.arch.Name, tt.name, nr, ok, tt.nr)
		}
	}
	// Numbers an arch does not have.
	for _, c := range []struct {
		arch *Arch
		nr   int64
	}{{X86_64, 512}, {X86_64, 400}, {X86_64, -1}, {Aarch64, 1024}, {Aarch64, 244}} {
		if name := c.arch.SyscallName(c.nr); name != "" {
			t.Errorf("%s %d: got %q, want none", c.arch.Name, c.nr, name)
		}
	}
	if _, ok := Aarch64.SyscallNumber("open"); ok {
		t.Error("aarch64 has no open")
	}
}

func TestArchLookup(t *testing.T) {
	for _, a := range []*Arch{X86_64, I386, Aarch64} {
		if ArchByAudit(a.Audit) != a {
			t.Errorf("ArchByAudit(%#x) is not %s", a.Audit, a.Name)
		}
		if ArchByName(a.Name) != a {
			t.Errorf("ArchByName(%q) is not %s", a.Name, a.Name)
		}
	}
	if got := len(Arches()); got != 3 {
		t.Errorf("Arches() has %d arches, want 3", got)
	}
	if X86_64.WordSize != 8 || I386.WordSize != 4 || Aarch64.WordSize != 8 {
		t.Error("word sizes")
	}
}

// Every syscall of every arch has info, and no arch names two numbers the
// same (SyscallNumber relies on it).
func TestEveryNameHasInfo(t *testing.T) {
	for _, a := range Arches() {
		seen := map[string]int{}
		for nr, name := range a.Syscalls {
			if name == "" {
				continue
			}
			if _, ok := sysinfoOf(name); !ok {
				t.Errorf("%s %d %q has no sysinfo", a.Name, nr, name)
			}
			if other, dup := seen[name]; dup {
				t.Errorf("%s: %q is both %d and %d", a.Name, name, other, nr)
			}
			seen[name] = nr
		}
		for call, sc := range a.SocketSubcalls {
			if si, ok := sysinfoOf(sc.Name); !ok || !si.class.Has(ClassNetwork) {
				t.Errorf("%s socketcall %d %q has no network sysinfo", a.Name, call, sc.Name)
			}
		}
		for call, sc := range a.IPCSubcalls {
			if si, ok := sysinfoOf(sc.Name); !ok || !si.class.Has(ClassIPC) {
				t.Errorf("%s ipc %d %q has no IPC sysinfo", a.Name, call, sc.Name)
			}
		}
		for name := range a.NArgs {
			if _, ok := seen[name]; !ok {
				t.Errorf("%s overrides the argument count of %q, which it does not have", a.Name, name)
			}
		}
	}
	for i, si := range sysinfo {
		if si.nargs < 0 || si.nargs > 6 {
			t.Errorf("%s: %d arguments", si.name, si.nargs)
		}
		// sysinfoOf's binary search needs them sorted, each name once.
		if i > 0 && sysinfo[i-1].name >= si.name {
			t.Errorf("sysinfo: %q after %q: not sorted by name, or twice", si.name, sysinfo[i-1].name)
		}
	}
	for name := range neverFailing() {
		if _, ok := sysinfoOf(name); !ok {
			t.Errorf("never-failing %q has no sysinfo", name)
		}
	}
}

func TestInfo(t *testing.T) {
	tests := []struct {
		arch  *Arch
		nr    int64
		name  string
		nargs int
		class Class
	}{
		{X86_64, 0, "read", 3, ClassDesc},
		{X86_64, 257, "openat", 4, ClassFile | ClassDesc},
		{X86_64, 59, "execve", 3, ClassFile | ClassProcess},
		{X86_64, 262, "newfstatat", 4, ClassFile | ClassDesc | ClassFstat | ClassStatLike},
		{X86_64, 4, "stat", 2, ClassFile | ClassStat | ClassStatLike},
		{X86_64, 137, "statfs", 2, ClassFile | ClassStatfs | ClassStatfsLike},
		{X86_64, 9, "mmap", 6, ClassDesc | ClassMemory},
		{X86_64, 17, "pread64", 4, ClassDesc},
		{X86_64, 39, "getpid", 0, ClassPure},
		{X86_64, 102, "getuid", 0, ClassCreds | ClassPure},
		{X86_64, 228, "clock_gettime", 2, ClassClock},
		{X86_64, 62, "kill", 2, ClassSignal | ClassProcess},
		{X86_64, 41, "socket", 3, ClassNetwork},
		{X86_64, 29, "shmget", 3, ClassIPC},
		{X86_64, 435, "clone3", 2, ClassProcess},
		{I386, 90, "mmap", 1, ClassDesc | ClassMemory},
		{I386, 180, "pread64", 5, ClassDesc},
		{I386, 82, "select", 1, ClassDesc},
		{I386, 142, "_newselect", 5, ClassDesc},
		{Aarch64, 67, "pread64", 4, ClassDesc},
		{Aarch64, 221, "execve", 3, ClassFile | ClassProcess},
	}
	for _, tt := range tests {
		name, nargs, class, ok := tt.arch.Info(tt.nr)
		if !ok || name != tt.name || nargs != tt.nargs || class != tt.class {
			t.Errorf("%s Info(%d) = %q, %d, %v, %v; want %q, %d, %v",
				tt.arch.Name, tt.nr, name, nargs, class, ok, tt.name, tt.nargs, tt.class)
		}
	}
	if sc := I386.SocketSubcalls[1]; sc != (Subcall{"socket", 3}) {
		t.Errorf("i386 socketcall 1 is %v", sc)
	}
	if sc := I386.IPCSubcalls[21]; sc != (Subcall{"shmat", 4}) {
		t.Errorf("i386 ipc 21 is %v", sc)
	}
	if X86_64.SocketSubcalls != nil || Aarch64.IPCSubcalls != nil {
		t.Error("only i386 multiplexes socket and ipc calls")
	}
	if _, _, _, ok := X86_64.Info(1000); ok {
		t.Error("Info(1000) is ok on x86_64")
	}
	if !X86_64.NeverFails(39) || X86_64.NeverFails(0) || X86_64.NeverFails(1000) {
		t.Error("NeverFails: getpid never fails, read may, 1000 is not a syscall")
	}
}

func TestClassByName(t *testing.T) {
	tests := []struct {
		name string
		want Class
	}{
		{"%file", ClassFile}, {"file", ClassFile}, {"%FILE", ClassFile},
		{"%desc", ClassDesc}, {"desc", ClassDesc},
		{"%net", ClassNetwork}, {"%network", ClassNetwork}, {"network", ClassNetwork},
		{"%process", ClassProcess}, {"process", ClassProcess},
		{"%signal", ClassSignal}, {"%ipc", ClassIPC}, {"%memory", ClassMemory},
		{"%creds", ClassCreds}, {"%clock", ClassClock}, {"%pure", ClassPure},
		{"%stat", ClassStat}, {"%lstat", ClassLstat}, {"%fstat", ClassFstat}, {"%%stat", ClassStatLike},
		{"%statfs", ClassStatfs}, {"%fstatfs", ClassFstatfs}, {"%%statfs", ClassStatfsLike},
		{"all", 0},
	}
	for _, tt := range tests {
		got, ok := ClassByName(tt.name)
		if !ok || got != tt.want {
			t.Errorf("ClassByName(%q) = %v, %v; want %v", tt.name, got, ok, tt.want)
		}
	}
	// strace has no legacy spelling for the newer classes.
	for _, name := range []string{"creds", "stat", "net", "%files", ""} {
		if _, ok := ClassByName(name); ok {
			t.Errorf("ClassByName(%q) is ok", name)
		}
	}
}

// The members of some classes on x86_64, as strace -e trace=CLASS picks them.
func TestClassMembers(t *testing.T) {
	tests := []struct {
		class string
		want  []string
	}{
		{"%%stat", []string{"fstat", "lstat", "newfstatat", "stat", "statx"}},
		{"%stat", []string{"stat"}},
		{"%lstat", []string{"lstat"}},
		{"%fstat", []string{"fstat", "newfstatat", "statx"}},
		{"%%statfs", []string{"fstatfs", "statfs", "ustat"}},
		{"%clock", []string{"adjtimex", "clock_adjtime", "clock_getres", "clock_gettime", "clock_settime", "gettimeofday", "settimeofday", "time"}},
		{"%pure", []string{"getegid", "geteuid", "getgid", "getpgrp", "getpid", "getppid", "gettid", "getuid"}},
	}
	for _, tt := range tests {
		c, _ := ClassByName(tt.class)
		var got []string
		for nr := int64(0); nr < 600; nr++ {
			if name, _, class, ok := X86_64.Info(nr); ok && class.Has(c) {
				got = append(got, name)
			}
		}
		if !sameSet(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.class, got, tt.want)
		}
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]bool{}
	for _, s := range a {
		m[s] = true
	}
	for _, s := range b {
		if !m[s] {
			return false
		}
	}
	return true
}

func TestClassString(t *testing.T) {
	if got := (ClassFile | ClassDesc).String(); got != "%file|%desc" {
		t.Errorf("got %q", got)
	}
	if got := Class(0).String(); got != "0x0" {
		t.Errorf("got %q", got)
	}
}

// The installed kernel headers (linux-libc-dev) number every syscall they
// know as the tables do; they lag the tables, never contradict them.
func TestTablesAgainstKernelHeaders(t *testing.T) {
	for _, c := range []struct {
		arch *Arch
		path string
	}{
		{X86_64, "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"},
		{I386, "/usr/include/x86_64-linux-gnu/asm/unistd_32.h"},
	} {
		f, err := os.Open(c.path)
		if err != nil {
			t.Logf("SKIPPING %s check: %v (install linux-libc-dev)", c.arch.Name, err)
			continue
		}
		re := regexp.MustCompile(`^#define __NR_(\w+)\s+(\d+)$`)
		n := 0
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			m := re.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			nr, _ := strconv.ParseInt(m[2], 10, 64)
			if got := c.arch.SyscallName(nr); got != m[1] {
				t.Errorf("%s %d: table says %q, %s says %q", c.arch.Name, nr, got, c.path, m[1])
			}
			n++
		}
		f.Close()
		if n < 300 {
			t.Errorf("%s: only %d syscalls found", c.path, n)
		}
	}
}

// The syscalls strace 6.1 does not know are the ones numbered 451 and up,
// and x86_64's uretprobe.
func TestUnknownToStrace61(t *testing.T) {
	for _, a := range Arches() {
		for nr, name := range a.Syscalls {
			if name == "" {
				continue
			}
			want := nr >= 451 || (a == X86_64 && nr == 335)
			if got := UnknownToStrace61(name); got != want {
				t.Errorf("%s %d %s: UnknownToStrace61 = %v, want %v", a.Name, nr, name, got, want)
			}
		}
	}
}

// strace 6.1 prints exactly the calls UnknownToStrace61 names as
// syscall_0x...: checked for fchmodat2 (452) and uretprobe (335) here, with
// the number that is no syscall at all as the control.
func TestUnknownToStrace61AgainstStrace(t *testing.T) {
	strace := needTool(t, "strace")
	python := needTool(t, "python3")
	if runtime.GOARCH != "amd64" {
		t.Skip("SKIPPED: the numbers here are x86_64's")
	}
	for _, nr := range []int64{335, 452, 257} {
		out, _ := exec.Command(strace, "-qq", "-o", "/dev/stdout", "-e", "trace=all", "-e", "signal=none",
			python, "-c", "import ctypes; ctypes.CDLL(None).syscall("+strconv.FormatInt(nr, 10)+", -1, 0, 0, 0)").Output()
		unknown := regexp.MustCompile(`(?m)^syscall_0x` + strconv.FormatInt(nr, 16) + `\(`).Match(out)
		if name := X86_64.SyscallName(nr); unknown != UnknownToStrace61(name) {
			t.Errorf("%d %s: strace prints it unnamed: %v; UnknownToStrace61: %v", nr, name, unknown, UnknownToStrace61(name))
		}
	}
}

// strace 6.1 accepts every x86_64 and i386 name it knows in -e trace=,
// so the tables spell them as it does (it rejects an unknown name).
func TestNamesAgainstStrace(t *testing.T) {
	strace := needTool(t, "strace")
	if runtime.GOARCH != "amd64" {
		t.Skip("SKIPPED: strace knows the i386 names only on x86_64")
	}
	var names []string
	for _, a := range []*Arch{X86_64, I386} {
		for _, name := range a.Syscalls {
			if name != "" && !UnknownToStrace61(name) {
				names = append(names, name)
			}
		}
	}
	out, err := exec.Command(strace, "-qq", "-o", "/dev/null", "-e", "trace="+strings.Join(names, ","), "true").CombinedOutput()
	if err != nil {
		t.Errorf("strace rejects a name: %v: %s", err, out)
	}
	// The names it does not know are rejected, as is a misspelling.
	for _, name := range append([]string{"newfstat"}, keys(afterStrace61)...) {
		if err := exec.Command(strace, "-qq", "-o", "/dev/null", "-e", "trace="+name, "true").Run(); err == nil {
			t.Errorf("strace 6.1 accepts trace=%s", name)
		}
	}
}

func keys(m map[string]bool) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	return k
}
