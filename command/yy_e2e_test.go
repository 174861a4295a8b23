package command_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// yyProgram uses loopback sockets of every kind -yy resolves and /dev/null,
// then writes what the kernel told it (fds, ports, inodes, the netlink
// port id) to the file in argv[1], for the test to build the lines
// strace -yy prints. Only 127.0.0.1, ::1 and unix sockets: no other
// address, no name lookups.
const yyProgram = `
import os, socket, sys
out = {}
ino = lambda s: os.fstat(s.fileno()).st_ino
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(8)
c = socket.socket(); c.connect(ls.getsockname()); a, _ = ls.accept()
c.send(b"x"); a.recv(1)
out.update(ls=ls.fileno(), port=ls.getsockname()[1], c=c.fileno(), cport=c.getsockname()[1], a=a.fileno())
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0))
u.sendto(b"u", u.getsockname()); u.recv(1)
out.update(u=u.fileno(), uport=u.getsockname()[1])
v = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); v.bind(("::1", 0))
w = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); w.connect(v.getsockname()); w.send(b"w")
out.update(w=w.fileno(), wport=w.getsockname()[1], vport=v.getsockname()[1])
path = os.path.join(os.getcwd(), "s")
us = socket.socket(socket.AF_UNIX); us.bind(path); us.listen(1)
uc = socket.socket(socket.AF_UNIX); uc.connect(path); ua, _ = us.accept()
uc.send(b"q"); ua.recv(1)
out.update(uc=uc.fileno(), ucino=ino(uc), ua=ua.fileno(), uaino=ino(ua), path=path)
n = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0); n.bind((0, 0)); n.getsockname()
out.update(n=n.fileno(), nport=n.getsockname()[0])
f = open("/dev/null", "w"); f.write("z"); f.flush()
out.update(null=f.fileno())
with open(sys.argv[1], "w") as o:
    for k, val in out.items():
        o.write("%s=%s\n" % (k, val))
`

// TestDecodeYYLoopbackSockets records a real program's loopback TCP, UDP,
// unix and netlink sockets and /dev/null, and checks decode -yy shows each
// as strace 6.1 does, with the endpoints the program saw, while -y keeps
// the plain paths.
func TestDecodeYYLoopbackSockets(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3: cannot run the socket program")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "yy.py")
	if err := os.WriteFile(script, []byte(yyProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	facts := filepath.Join(dir, "facts")
	capture := filepath.Join(dir, "yy.pcapng")
	rec := exec.Command(binary, "record", "-f", "-o", capture, "--", py, script, facts)
	rec.Dir = dir
	if out, err := rec.CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	b, err := os.ReadFile(facts)
	if err != nil {
		t.Fatal(err)
	}
	v := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		k, val, _ := strings.Cut(line, "=")
		v[k] = val
	}
	decode := func(flag string) string {
		out, err := exec.Command(binary, "decode", flag, capture).CombinedOutput()
		if err != nil {
			t.Fatalf("decode %s: %v\n%s", flag, err, out)
		}
		return string(out)
	}
	yy, y := decode("-yy"), decode("-y")
	lo := "127.0.0.1:"
	want := []string{
		fmt.Sprintf("listen(%s<TCP:[%s%s]>, 8)", v["ls"], lo, v["port"]),
		fmt.Sprintf("sendto(%s<TCP:[%s%s->%s%s]>, \"x\", 1, 0, NULL, 0)", v["c"], lo, v["cport"], lo, v["port"]),
		fmt.Sprintf("recvfrom(%s<TCP:[%s%s->%s%s]>, \"x\", 1, 0, NULL, NULL)", v["a"], lo, v["port"], lo, v["cport"]),
		fmt.Sprintf("recvfrom(%s<UDP:[%s%s]>, \"u\", 1, 0, NULL, NULL)", v["u"], lo, v["uport"]),
		fmt.Sprintf("sendto(%s<UDPv6:[[::1]:%s->[::1]:%s]>, \"w\", 1, 0, NULL, 0)", v["w"], v["wport"], v["vport"]),
		fmt.Sprintf("sendto(%s<UNIX-STREAM:[%s->%s]>, \"q\", 1, 0, NULL, 0)", v["uc"], v["ucino"], v["uaino"]),
		fmt.Sprintf("recvfrom(%s<UNIX-STREAM:[%s->%s,%q]>, \"q\", 1, 0, NULL, NULL)", v["ua"], v["uaino"], v["ucino"], v["path"]),
		fmt.Sprintf("getsockname(%s<NETLINK:[ROUTE:%s]>, {sa_family=AF_NETLINK, nl_pid=%s,", v["n"], v["nport"], v["nport"]),
		fmt.Sprintf("write(%s</dev/null<char 1:3>>, \"z\", 1)", v["null"]),
	}
	for _, w := range want {
		if !strings.Contains(yy, w) {
			t.Errorf("decode -yy has no line with\n\t%s", w)
		}
	}
	if t.Failed() {
		t.Logf("decode -yy:\n%s", tail(yy, 60))
	}
	for _, w := range []string{
		fmt.Sprintf("listen(%s<socket:[", v["ls"]),
		fmt.Sprintf("write(%s</dev/null>, \"z\", 1)", v["null"]),
	} {
		if !strings.Contains(y, w) {
			t.Errorf("decode -y has no line with\n\t%s", w)
		}
	}
	if strings.Contains(y, "TCP:[") || strings.Contains(y, "<char ") {
		t.Errorf("decode -y shows -yy details")
	}
}

// tail is the last n lines of s.
func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestDecodeYYOldCapture: a capture from before the -yy details (record
// version 1) still decodes under -yy, its fds shown as -y shows them, as
// strace shows an fd it could not learn more of.
func TestDecodeYYOldCapture(t *testing.T) {
	decode := func(flag string) string {
		out, err := exec.Command(binary, "decode", flag, "../pcapng/testdata/v1.pcapng").CombinedOutput()
		if err != nil {
			t.Fatalf("decode %s: %v\n%s", flag, err, out)
		}
		return string(out)
	}
	yy, y := decode("-yy"), decode("-y")
	if yy != y {
		t.Errorf("decode -yy of a version 1 capture differs from -y")
	}
	if !strings.Contains(yy, "0</dev/null>") {
		t.Errorf("decode -yy of the version 1 capture lacks its /dev/null fd as a plain path")
	}
}
