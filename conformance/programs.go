package conformance

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// CPrograms are the C programs of testdata, each a program of the corpus
// under its own name; CPrograms32 are also built with gcc -m32, as NAME32.
// The conformance test and the dissector's corpus (lua/corpus_test.go)
// both trace them.
var (
	CPrograms   = []string{"forkwait", "threads", "signals", "epoll", "fileops", "ids", "tcp", "unix", "misc", "offsets", "futex", "execthread", "killread", "locks", "timers", "numa"}
	CPrograms32 = []string{"forkwait", "offsets"}
)

// Instead32 says what checks the i386 decoding where the kernel refuses to
// run the 32-bit programs: captures of the same programs taken on a kernel
// that ran them, which every host checks.
const Instead32 = "forkwait32 and offsets32 are not traced live; their committed captures " +
	"(decoder/testdata/i386_forkwait, i386_offsets; and i386_locks, i386_timers, i386_numa, i386_ioctls, of locks, timers, numa and ioctls " +
	"built with gcc -m32) are compared with strace's text of the same runs in every mode " +
	"(TestConformance rows i386_*), and every committed i386 capture decodes to its golden text (decoder " +
	"TestI386Captures) and to the same Info in the dissector (lua corpus), as on every host"

// Err32 is returned by BuildCPrograms when gcc -m32 fails: the 64-bit
// programs are built, the 32-bit ones are not (gcc-multilib is missing).
var Err32 = errors.New("gcc -m32 failed (install gcc-multilib)")

// BuildCPrograms compiles CPrograms (and CPrograms32) into dir with gcc.
func BuildCPrograms(gcc, dir string) error {
	src := func(name string) string { return filepath.Join(sourceDir(), "testdata", name+".c") }
	for _, name := range CPrograms {
		if out, err := exec.Command(gcc, "-O2", "-Wall", "-pthread", "-o", filepath.Join(dir, name), src(name)).CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", name, err, out)
		}
	}
	for _, name := range CPrograms32 {
		if out, err := exec.Command(gcc, "-m32", "-O2", "-Wall", "-o", filepath.Join(dir, name+"32"), src(name)).CombinedOutput(); err != nil {
			return fmt.Errorf("%w: %v\n%s", Err32, err, out)
		}
	}
	return nil
}

// sourceDir is this package's directory, whichever package's test asks.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// fixedTime is the modification time of every file setup writes.
var fixedTime = time.Unix(1000000000, 0)

// Tree writes the small directory tree src/ that cp, tar and git work on,
// with fixed contents and times.
func Tree(dir string) error {
	// In a fixed order: a small directory lists its entries in the
	// order they were created.
	files := []struct{ name, body string }{
		{"src/a.txt", "alpha\n"},
		{"src/b.txt", strings.Repeat("bravo ", 200) + "\n"},
		{"src/sub/c.txt", "charlie\n"},
		{"src/sub/deep/d", ""},
		{"src/sub/deep/e1", "echo\n"},
	}
	for _, f := range files {
		p := filepath.Join(dir, f.name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(f.body), 0o644); err != nil {
			return err
		}
	}
	// Directories last: writing into them changes their times.
	for _, name := range []string{"src/a.txt", "src/b.txt", "src/sub/c.txt", "src/sub/deep/d", "src/sub/deep/e1", "src/sub/deep", "src/sub", "src"} {
		if err := os.Chtimes(filepath.Join(dir, name), fixedTime, fixedTime); err != nil {
			return err
		}
	}
	return nil
}

// HelloC writes the one-function C file the gcc program compiles.
func HelloC(dir string) error {
	return os.WriteFile(filepath.Join(dir, "hello.c"), []byte("int answer(int x) { return x * 42; }\n"), 0o644)
}

// LocksPython takes and tests record locks with Python's fcntl module, as
// a program that guards a file with lockf would: struct flock packed by
// hand, lockf's POSIX locks, flock and the open-file-description locks.
const LocksPython = `import fcntl, os, struct
def lk(t, whence=0, start=0, n=0):
    return struct.pack("hh4xqqi4x", t, whence, start, n, 0)
fd = os.open("lock.dat", os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, b"0123456789")
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 4, 2)
fcntl.lockf(fd, fcntl.LOCK_SH, 0, 0, os.SEEK_END)
fcntl.fcntl(fd, fcntl.F_GETLK, lk(fcntl.F_WRLCK))
fcntl.lockf(fd, fcntl.LOCK_UN)
fcntl.fcntl(fd, fcntl.F_OFD_SETLKW, lk(fcntl.F_WRLCK, 0, 0, 10))
fcntl.fcntl(fd, fcntl.F_OFD_GETLK, lk(fcntl.F_RDLCK))
fcntl.fcntl(fd, fcntl.F_OFD_SETLK, lk(fcntl.F_UNLCK))
fcntl.flock(fd, fcntl.LOCK_EX)
fcntl.flock(fd, fcntl.LOCK_UN)
os.set_blocking(fd, False)
print(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK != 0, fcntl.fcntl(fd, fcntl.F_GETFD))
os.close(fd)
`

// A Tool is a real program of the corpus run with a fixed command line:
// the system's own tools over the syscall families the C programs do not
// reach as a user meets them. The conformance test and the dissector's
// corpus both trace them.
type Tool struct {
	Slug string
	// Argv names its programs as PATH finds them.
	Argv []string
	// Setup, when set, prepares the run's directory.
	Setup func(dir string) error
	// Uses is every program it runs (Argv[0] first), looked up before
	// the run so that a missing one names its package.
	Uses []string
}

// Tools are the real programs of the syscall families of issue 14: process
// listing, filesystem usage, name lookups, compressors with threads,
// terminals, NUMA, timers and ioctls. Each is deterministic enough for line
// comparison: ps sees only itself, in a PID namespace of its own with its
// own /proc (unshare -r works unprivileged); du walks the documentation of
// three packages every Debian system has; getent hosts asks only the files
// service, never a resolver (a machine whose /etc/hosts lacks ::1 would
// otherwise ask DNS); zstd -T2 starts its two worker threads on a
// generated file. xz -T2 is not here: its threads hand blocks to each
// other in an order that differs between two strace runs of the same
// command (88-93% identical lines).
var Tools = []Tool{
	{Slug: "ps-aux", Argv: []string{"unshare", "-rpf", "--mount-proc", "ps", "aux"}, Uses: []string{"unshare", "ps"}},
	{Slug: "ps-ef", Argv: []string{"unshare", "-rpf", "--mount-proc", "ps", "-ef"}, Uses: []string{"unshare", "ps"}},
	{Slug: "df-h", Argv: []string{"df", "-h"}, Uses: []string{"df"}},
	{Slug: "du-s", Argv: []string{"du", "-s", "/usr/share/doc/dpkg", "/usr/share/doc/coreutils", "/usr/share/doc/util-linux"}, Uses: []string{"du"}},
	{Slug: "stat-f", Argv: []string{"stat", "-f", "/"}, Uses: []string{"stat"}},
	{Slug: "ss-uan", Argv: []string{"ss", "-uan", "sport = :1"}, Uses: []string{"ss"}},
	{Slug: "getent-hosts", Argv: []string{"getent", "-s", "files", "hosts", "localhost"}, Uses: []string{"getent"}},
	{Slug: "getent-passwd", Argv: []string{"getent", "passwd", "root"}, Uses: []string{"getent"}},
	{Slug: "zstd-t2", Setup: Compressible, Argv: []string{"zstd", "-T2", "-q", "data.txt"}, Uses: []string{"zstd"}},
	{Slug: "pty-stty", Argv: []string{"python3", "-c", PtyStty}, Uses: []string{"python3", "stty"}},
	{Slug: "numactl", Argv: []string{"numactl", "--hardware"}, Uses: []string{"numactl"}},
	// timeout exits 124 when it kills its command: the shell reports it
	// and exits 0.
	{Slug: "timeout", Argv: []string{"sh", "-c", "timeout 0.2 sleep 1; echo $?"}, Uses: []string{"sh", "timeout", "sleep"}},
	// Network interface ioctls, each in a network namespace of its own
	// (unshare -rn) whose only interface is a loopback that starts down
	// and has moved no packet, so every run asks and hears the same.
	{Slug: "ifconfig-a", Argv: []string{"unshare", "-rn", "ifconfig", "-a"}, Uses: []string{"unshare", "ifconfig"}},
	{Slug: "ifconfig-lo", Argv: []string{"unshare", "-rn", "sh", "-c",
		"ifconfig lo up && ifconfig lo 127.0.0.1 netmask 255.0.0.0 && ifconfig lo"}, Uses: []string{"unshare", "sh", "ifconfig"}},
	{Slug: "ioctl-python", Argv: []string{"unshare", "-rn", "python3", "-c", IoctlPython}, Uses: []string{"unshare", "python3"}},
}

// IoctlPython makes the socket, block and random ioctls a program makes
// through Python's fcntl module: it brings the loopback up, asks its
// index, name, addresses, MTU and hardware address, lists the interfaces
// with SIOCGIFCONF, sends itself a datagram and asks how much is queued,
// asks a TCP connection whether it is at the urgent mark, asks a regular
// file for a block device's sizes (ENOTTY) and /dev/urandom for its
// entropy count.
const IoctlPython = `import array, fcntl, socket, struct
SIOCGIFCONF, SIOCGIFFLAGS, SIOCSIFFLAGS, SIOCGIFINDEX, SIOCGIFNAME = 0x8912, 0x8913, 0x8914, 0x8933, 0x8910
SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFMTU, SIOCGIFHWADDR, SIOCATMARK = 0x8915, 0x891B, 0x8921, 0x8927, 0x8905
BLKGETSIZE64, BLKSSZGET, RNDGETENTCNT, FIONREAD = 0x80081272, 0x1268, 0x80045200, 0x541B
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
def ifreq(req, name, rest=b""):
    return fcntl.ioctl(s, req, struct.pack("16s24s", name, rest))
flags = struct.unpack_from("h", ifreq(SIOCGIFFLAGS, b"lo"), 16)[0]
ifreq(SIOCSIFFLAGS, b"lo", struct.pack("h", flags | 1))
index = struct.unpack_from("i", ifreq(SIOCGIFINDEX, b"lo"), 16)[0]
print(fcntl.ioctl(s, SIOCGIFNAME, struct.pack("16si20x", b"", index))[:2])
for req in (SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFMTU, SIOCGIFHWADDR):
    ifreq(req, b"lo")
try:
    ifreq(SIOCGIFFLAGS, b"nosuch0")
except OSError as e:
    print(e.errno)
buf = array.array("B", bytes(40 * 4))
addr, _ = buf.buffer_info()
n = struct.unpack_from("i", fcntl.ioctl(s, SIOCGIFCONF, struct.pack("iiQ", len(buf), 0, addr)))[0]
print(n // 40, bytes(buf[:2]))
s.bind(("127.0.0.1", 0))
s.sendto(b"ping", s.getsockname())
print(struct.unpack("i", fcntl.ioctl(s, FIONREAD, b"\0" * 4))[0])
l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
l.bind(("127.0.0.1", 0))
l.listen(1)
t = socket.create_connection(l.getsockname())
print(struct.unpack("i", fcntl.ioctl(t, SIOCATMARK, b"\0" * 4))[0])
with open("blk", "wb") as f:
    for req in (BLKGETSIZE64, BLKSSZGET):
        try:
            fcntl.ioctl(f, req, b"\0" * 8)
        except OSError as e:
            print(e.errno)
with open("/dev/urandom", "rb") as r:
    print(struct.unpack("i", fcntl.ioctl(r, RNDGETENTCNT, b"\0" * 4))[0] > 0)
`

// PtyStty opens a pseudo-terminal, sets its window size and runs stty on
// it twice, as a terminal program would: once to change its modes and
// columns, once to print them.
const PtyStty = `import fcntl, os, struct, subprocess, termios
m, s = os.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
print(os.ttyname(s).startswith("/dev/pts/"), os.isatty(m))
subprocess.run(["stty", "raw", "-echo", "cols", "100"], stdin=s, check=True)
subprocess.run(["stty", "-a"], stdin=s, check=True)
os.close(s)
os.close(m)
`

// Compressible writes data.txt, 256 KiB of numbered lines, for the
// compressors.
func Compressible(dir string) error {
	var b strings.Builder
	for i := 0; b.Len() < 256<<10; i++ {
		fmt.Fprintf(&b, "line %d of a file made to be compressed, %x\n", i, i*i)
	}
	p := filepath.Join(dir, "data.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		return err
	}
	return os.Chtimes(p, fixedTime, fixedTime)
}
