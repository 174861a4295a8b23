package lua

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stracedump/stracedump/pcapng"
)

// The Follow and statistics tests read captures of testdata/follow.c, a
// program that moves known bytes through a file, a socketpair shared with
// a child and a pipe. Each capture is recorded once per test run, with an
// explicit -s so that what it holds does not follow the default.

type followCap struct {
	path        string
	dir         string // where the program ran: data.txt is here
	parent, kid uint32 // the program's pid and its child's
	recs        []pcapng.Record
}

// cleanups are directories TestMain removes after the run.
var cleanups []string

var (
	followOnce sync.Once
	followCaps map[int]*followCap // by -s
	followErr  error
)

func followCapture(t *testing.T, limit int) *followCap {
	t.Helper()
	need(t, "tshark")
	need(t, "gcc")
	followOnce.Do(func() { followCaps, followErr = recordFollow(32, 128) })
	if followErr != nil {
		t.Fatal(followErr)
	}
	return followCaps[limit]
}

func recordFollow(limits ...int) (map[int]*followCap, error) {
	dir, err := os.MkdirTemp("", "stracedump-follow-")
	if err != nil {
		return nil, err
	}
	// The corpus directory goes at the end of the run (TestMain); this
	// one with it.
	dir, err = filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, err
	}
	cleanups = append(cleanups, dir)
	self, err := builtStracedump()
	if err != nil {
		return nil, err
	}
	prog := filepath.Join(dir, "follow")
	if out, err := exec.Command("gcc", "-O2", "-o", prog, filepath.Join("testdata", "follow.c")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building follow.c: %v\n%s", err, out)
	}
	caps := map[int]*followCap{}
	for _, s := range limits {
		run := filepath.Join(dir, fmt.Sprintf("run%d", s))
		if err := os.Mkdir(run, 0o755); err != nil {
			return nil, err
		}
		c := &followCap{path: filepath.Join(dir, fmt.Sprintf("follow-s%d.pcapng", s)), dir: run}
		// The capture keeps s bytes of every buffer, sockets' too: the
		// views must say what it cut.
		n := strconv.Itoa(s)
		cmd := exec.Command(self, "record", "-s", n, "--snaplen", n, "--snaplen-socket", n, "-o", c.path, "--", prog)
		cmd.Dir = run
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("recording follow: %v\n%s", err, out)
		}
		f, err := os.Open(c.path)
		if err != nil {
			return nil, err
		}
		r, err := pcapng.NewReader(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		for {
			var rec pcapng.Record
			err := r.Next(&rec)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				f.Close()
				return nil, err
			}
			if rec.Kind == pcapng.KindProcess {
				if c.parent == 0 {
					c.parent = rec.PID
				} else if c.kid == 0 && uint32(rec.Args[0]) == c.parent {
					c.kid = rec.PID
				}
			}
			c.recs = append(c.recs, rec)
		}
		f.Close()
		if c.parent == 0 || c.kid == 0 {
			return nil, fmt.Errorf("%s: no process records of follow and its child", c.path)
		}
		caps[s] = c
	}
	return caps, nil
}

// frameNumbers normalizes what changes between runs: frame numbers.
var frameNumbers = regexp.MustCompile(`(frame(?:\.number [<>=]=)? |frames )\d+(-\d+)?`)

func normFrames(s string) string {
	return frameNumbers.ReplaceAllStringFunc(s, func(m string) string {
		m = regexp.MustCompile(`\d+-\d+$`).ReplaceAllString(m, "N-N")
		return regexp.MustCompile(`\d+$`).ReplaceAllString(m, "N")
	})
}

// followBlocks runs -z strace,follow with args and returns the stream
// blocks it printed, each without its ==== lines.
func followBlocks(t *testing.T, c *followCap, args string) []string {
	t.Helper()
	out := tshark(t, "-q", "-r", c.path, "-z", "strace,follow,"+args)
	var blocks []string
	for _, b := range strings.Split(out, strings.Repeat("=", 67)+"\n") {
		if strings.TrimSpace(b) != "" {
			blocks = append(blocks, b)
		}
	}
	return blocks
}

func TestFollowFile(t *testing.T) {
	c := followCapture(t, 32)
	blocks := followBlocks(t, c, fmt.Sprintf("%d,3", c.parent))
	data := filepath.Join(c.dir, "data.txt")
	want := []string{
		// The file, written then read back: two opens, two streams.
		fmt.Sprintf(`Follow: strace,ascii
Filter: strace.pid == %[1]d && strace.fd == 3 && frame.number >= N && frame.number <= N
Node 0: process %[1]d follow
Node 1: fd 3 %[2]s
frame N: write 11 bytes
hello file\n
frame N: write 9 bytes
tab\there\n
Written: 20 bytes, read: 0 bytes, calls moving data: 2, frames N-N
`, c.parent, data),
		fmt.Sprintf(`Follow: strace,ascii
Filter: strace.pid == %[1]d && strace.fd == 3 && frame.number >= N && frame.number <= N
Node 0: process %[1]d follow
Node 1: fd 3 %[2]s
	frame N: read 20 bytes
	hello file\n
	tab\there\n
Written: 0 bytes, read: 20 bytes, calls moving data: 1, frames N-N
`, c.parent, data),
	}
	var got []string
	for _, b := range blocks {
		if strings.Contains(b, data) {
			got = append(got, normFrames(b))
		}
	}
	if strings.Join(got, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("-z strace,follow,%d,3, the streams of data.txt:\n%s\nwant:\n%s", c.parent, strings.Join(got, "--\n"), strings.Join(want, "--\n"))
	}
}

// socketFrame is the frame of the parent's write of "pong".
func socketFrame(t *testing.T, c *followCap) int {
	t.Helper()
	out := tshark(t, "-r", c.path, "-Y", fmt.Sprintf(`strace.pid == %d && strace.syscall == "write" && frame contains "pong"`, c.parent),
		"-T", "fields", "-e", "frame.number")
	// A write that waited is two records, its entry and its completion:
	// the last is the completion.
	f := strings.Fields(out)
	if len(f) == 0 || len(f) > 2 {
		t.Fatalf("the parent's write on the socket: %q", out)
	}
	n, err := strconv.Atoi(f[len(f)-1])
	if err != nil {
		t.Fatalf("the parent's write on the socket: %q", out)
	}
	return n
}

func TestFollowSocketCut(t *testing.T) {
	c := followCapture(t, 32)
	n := socketFrame(t, c)
	blocks := followBlocks(t, c, fmt.Sprintf("%d,3,%d", c.parent, n))
	if len(blocks) != 1 {
		t.Fatalf("-z strace,follow,%d,3,%d: want the one stream holding frame %d, got %d blocks:\n%s", c.parent, n, n, len(blocks), strings.Join(blocks, "--\n"))
	}
	want := fmt.Sprintf(`Follow: strace,ascii
Filter: strace.pid == %[1]d && (strace.fd == 3 || frame.number == N) && frame.number >= N && frame.number <= N
Node 0: process %[1]d follow
Node 1: fd 3 socket:[INODE]
	frame N: read 5 bytes
	ping\n
frame N: write 7 bytes
pong\0\377\n
	frame N: read 100 bytes, 32 captured
	AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
	[68 bytes not captured]
Written: 7 bytes, read: 105 bytes, calls moving data: 3, frames N-N; 68 bytes not in the capture (record with a larger --snaplen, or --snaplen-socket for sockets, to keep them)
`, c.parent)
	got := regexp.MustCompile(`socket:\[\d+\]`).ReplaceAllString(normFrames(blocks[0]), "socket:[INODE]")
	if got != want {
		t.Errorf("-z strace,follow,%d,3,%d:\n%s\nwant:\n%s", c.parent, n, got, want)
	}

	// The stream's filter selects its calls: the socketpair that made
	// the fd, the three data calls (one of them in two records: the read
	// that blocked) and nothing of fd 3 before or after.
	filter := strings.TrimPrefix(strings.Split(blocks[0], "\n")[1], "Filter: ")
	out := tshark(t, "-r", c.path, "-Y", filter, "-T", "fields", "-e", "strace.syscall")
	// A call that waited is two records: its entry and its completion.
	calls := strings.Join(strings.Fields(out), " ")
	if !regexp.MustCompile(`^socketpair (read ){1,2}(write ){1,2}(read ){1,2}$`).MatchString(calls + " ") {
		t.Errorf("the stream's filter %q selects %q", filter, calls)
	}
}

func TestFollowSocketWhole(t *testing.T) {
	c := followCapture(t, 128)
	// The child's end: what it wrote flush left, what it read indented.
	blocks := followBlocks(t, c, fmt.Sprintf("%d,4", c.kid))
	if len(blocks) != 1 {
		t.Fatalf("-z strace,follow,%d,4: want one stream, got %d:\n%s", c.kid, len(blocks), strings.Join(blocks, "--\n"))
	}
	want := fmt.Sprintf(`Follow: strace,ascii
Filter: strace.pid == %[1]d && strace.fd == 4 && frame.number >= N && frame.number <= N
Node 0: process %[1]d follow
Node 1: fd 4 socket:[INODE]
frame N: write 5 bytes
ping\n
	frame N: read 7 bytes
	pong\0\377\n
frame N: write 100 bytes
%[2]s
%[3]s
Written: 105 bytes, read: 7 bytes, calls moving data: 3, frames N-N
`, c.kid, strings.Repeat("A", 64), strings.Repeat("A", 36))
	got := regexp.MustCompile(`socket:\[\d+\]`).ReplaceAllString(normFrames(blocks[0]), "socket:[INODE]")
	if got != want {
		t.Errorf("-z strace,follow,%d,4:\n%s\nwant:\n%s", c.kid, got, want)
	}

	// Hex: offsets count each direction's bytes, as Wireshark's do.
	n := socketFrame(t, c)
	blocks = followBlocks(t, c, fmt.Sprintf("%d,3,hex,%d", c.parent, n))
	if len(blocks) != 1 {
		t.Fatalf("hex: want one stream, got %d", len(blocks))
	}
	for _, l := range []string{
		"\t00000000  70 69 6e 67 0a                                    ping.\n",
		"00000000  70 6f 6e 67 00 ff 0a                              pong...\n",
		"\t00000005  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA\n",
		"\t00000065  41 41 41 41                                       AAAA\n",
	} {
		if !strings.Contains(blocks[0], l) {
			t.Errorf("hex stream lacks %q:\n%s", l, blocks[0])
		}
	}
}

func TestFollowVectoredPipe(t *testing.T) {
	c := followCapture(t, 32)
	// writev's two buffers are one run of bytes; the pipe's read end is
	// fd 4, whose earlier life (the socketpair's other end) moved nothing.
	for _, tc := range []struct {
		fd   int
		want string
	}{
		{5, "frame N: writev 5 bytes\nabcd\\n\n"},
		{4, "\tframe N: read 5 bytes\n\tabcd\\n\n"},
	} {
		blocks := followBlocks(t, c, fmt.Sprintf("%d,%d", c.parent, tc.fd))
		if len(blocks) != 1 || !strings.Contains(normFrames(blocks[0]), "pipe:[") || !strings.Contains(normFrames(blocks[0]), tc.want) {
			t.Errorf("-z strace,follow,%d,%d: want one pipe stream with %q, got:\n%s", c.parent, tc.fd, tc.want, strings.Join(blocks, "--\n"))
		}
	}
}

func TestFollowDatagrams(t *testing.T) {
	c := followCapture(t, 32)
	// sendmmsg and recvmmsg: a chunk per message, one call.
	for _, tc := range []struct {
		fd   int
		want string
	}{
		{6, "frame N: sendmmsg 4 bytes\none\\n\nframe N: sendmmsg 5 bytes\ntwo!\\n\nWritten: 9 bytes, read: 0 bytes, calls moving data: 1,"},
		{7, "\tframe N: recvmmsg 4 bytes\n\tone\\n\n\tframe N: recvmmsg 5 bytes\n\ttwo!\\n\nWritten: 0 bytes, read: 9 bytes, calls moving data: 1,"},
	} {
		blocks := followBlocks(t, c, fmt.Sprintf("%d,%d", c.parent, tc.fd))
		if len(blocks) != 1 || !strings.Contains(normFrames(blocks[0]), tc.want) {
			t.Errorf("-z strace,follow,%d,%d: want one stream with %q, got:\n%s", c.parent, tc.fd, tc.want, strings.Join(blocks, "--\n"))
		}
	}
}

func TestFollowProcess(t *testing.T) {
	c := followCapture(t, 32)
	blocks := followBlocks(t, c, strconv.Itoa(int(c.parent)))
	want := fmt.Sprintf(`Follow: strace,process %[1]d
Filter: strace.pid == %[1]d || strace.pid == %[2]d
%[1]d follow
  %[2]d follow
`, c.parent, c.kid)
	if len(blocks) != 1 || blocks[0] != want {
		t.Errorf("-z strace,follow,%d:\n%s\nwant:\n%s", c.parent, strings.Join(blocks, "--\n"), want)
	}
	// The filter shows both processes' records and no other.
	out := tshark(t, "-r", c.path, "-Y", fmt.Sprintf("strace.pid == %d || strace.pid == %d", c.parent, c.kid), "-T", "fields", "-e", "strace.pid")
	pids := map[string]int{}
	for _, p := range strings.Fields(out) {
		pids[p]++
	}
	if len(pids) != 2 || pids[strconv.Itoa(int(c.kid))] == 0 {
		t.Errorf("the process filter selects pids %v", pids)
	}
}

func TestFollowNothing(t *testing.T) {
	c := followCapture(t, 32)
	out := tshark(t, "-q", "-r", c.path, "-z", fmt.Sprintf("strace,follow,%d,77", c.parent))
	if !strings.Contains(out, fmt.Sprintf("Process %d has no calls on fd 77 in this capture.", c.parent)) {
		t.Errorf("following an unused fd: %q", out)
	}
	// A bad argument is an error of tshark's, not a Lua error at load.
	cmd := exec.Command("tshark", "-X", "lua_script:strace.lua", "-q", "-r", c.path, "-z", "strace,follow,x")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_ = cmd.Run()
	if !strings.Contains(stderr.String(), "usage: -z strace,follow,PID,FD") {
		t.Errorf("-z strace,follow,x: stderr %q", stderr.String())
	}
}

// The views read records framed as link type USER0 as they read the
// exported PDUs: the same capture gives the same output either way.
func TestFollowUser0(t *testing.T) {
	c := followCapture(t, 32)
	path := writeUser0(t, c.recs)
	args := []string{"-q", "-z", fmt.Sprintf("strace,follow,%d,3", c.parent), "-z", "strace,files", "-z", "strace,processes"}
	want := tshark(t, append([]string{"-r", c.path}, args...)...)
	got := tshark(t, append([]string{"-r", path}, args...)...)
	if got != want {
		t.Errorf("USER0 framing:\n%s\nexported PDUs:\n%s", got, want)
	}
}
