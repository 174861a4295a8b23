package command_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// uringCapture compiles testdata/uring.c, records it and returns the
// program and the capture; it skips where the kernel refuses io_uring
// (io_uring_disabled, a seccomp profile).
func uringCapture(t *testing.T) (prog, capture string) {
	gcc := testhost.Tool(t, "gcc", "the program is C")
	dir := t.TempDir()
	prog = filepath.Join(dir, "uring")
	if out, err := exec.Command(gcc, "-O2", "-o", prog, filepath.Join("testdata", "uring.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	if out, err := exec.Command(prog).CombinedOutput(); err != nil {
		t.Skipf("io_uring is not usable here: %v %s", err, out)
	}
	capture = filepath.Join(dir, "uring.pcapng")
	if out, err := exec.Command(binary, "record", "-o", capture, "--", prog).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	return prog, capture
}

// TestIoUring: io_uring's three calls decode as strace 6.1 prints them, and
// decode --io-uring adds after each io_uring_enter the entries it submitted
// and the completions waiting after it; --json has them as fields.
func TestIoUring(t *testing.T) {
	prog, capture := uringCapture(t)
	trace := []string{"-e", "trace=io_uring_setup,io_uring_enter,io_uring_register"}

	t.Run("strace", func(t *testing.T) {
		strace := testhost.Tool(t, "strace", "the lines are compared with strace's")
		ref := filepath.Join(t.TempDir(), "strace.txt")
		if out, err := exec.Command(strace, append(append([]string{"-o", ref}, trace...), prog)...).CombinedOutput(); err != nil {
			t.Fatalf("strace: %v\n%s", err, out)
		}
		got, err := exec.Command(binary, append(append([]string{"decode"}, trace...), capture)...).Output()
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		want, err := os.ReadFile(ref)
		if err != nil {
			t.Fatal(err)
		}
		// The two runs' buffers are wherever ASLR put them.
		base := regexp.MustCompile(`(iov_base|ring_addr)=0x[0-9a-f]+`)
		if g, w := base.ReplaceAll(got, []byte("$1=ADDR")), base.ReplaceAll(want, []byte("$1=ADDR")); string(g) != string(w) {
			t.Errorf("decode %v:\n%s\nstrace 6.1:\n%s", trace, got, want)
		}
	})

	t.Run("lines", func(t *testing.T) {
		out, err := exec.Command(binary, append(append([]string{"decode", "--io-uring", "-y"}, trace...), capture)...).Output()
		if err != nil {
			t.Fatalf("decode: %v", err)
		}
		var lines []string
		for _, l := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(l, "# io_uring") {
				lines = append(lines, l)
			}
		}
		want := []string{
			`# io_uring sqe: NOP user_data=0x1`,
			`# io_uring cqe: user_data=0x1 res=0`,
			`# io_uring sqe: READ fd=4</etc/passwd> addr=0x[0-9a-f]+ len=4096 off=0 user_data=0x2`,
			`# io_uring cqe: user_data=0x2 res=[1-9][0-9]* buf="root:.*`,
			`# io_uring sqe: WRITE fd=6<pipe:\[[0-9]+\]> addr=0x[0-9a-f]+ buf="hello" len=5 off=-1 user_data=0x3`,
			`# io_uring cqe: user_data=0x3 res=5`,
			`# io_uring sqe: READ fd=99 addr=0x[0-9a-f]+ len=16 off=0 user_data=0x4`,
			`# io_uring cqe: user_data=0x4 res=-9 EBADF \(Bad file descriptor\)`,
			`# io_uring sqe: NOP flags=IOSQE_IO_LINK user_data=0x5`,
			`# io_uring sqe: READ fd=4</etc/passwd> addr=0x[0-9a-f]+ len=100 off=10 user_data=0x6`,
			`# io_uring cqe: user_data=0x5 res=0`,
			`# io_uring cqe: user_data=0x6 res=100 buf=".*`,
			`# io_uring sqe: NOP user_data=0x7`,
			`# io_uring cqe: user_data=0x7 res=0`,
		}
		if len(lines) != len(want) {
			t.Fatalf("%d comment lines, want %d:\n%s", len(lines), len(want), out)
		}
		for i, w := range want {
			if !regexp.MustCompile("^" + w + "$").MatchString(lines[i]) {
				t.Errorf("line %d: %s\nwant  %s", i, lines[i], w)
			}
		}
		// Each follows its io_uring_enter line.
		if !strings.Contains(string(out), "IORING_ENTER_GETEVENTS, NULL, 0) = 1\n# io_uring sqe: NOP user_data=0x1\n") {
			t.Errorf("the first entry does not follow its call:\n%s", out)
		}
	})

	t.Run("json", func(t *testing.T) {
		out, err := exec.Command(binary, append(append([]string{"decode", "--json"}, trace...), capture)...).Output()
		if err != nil {
			t.Fatalf("decode --json: %v", err)
		}
		type sqe struct {
			Opcode   string `json:"opcode"`
			UserData uint64 `json:"user_data"`
			FD       *struct {
				FD   int    `json:"fd"`
				Path string `json:"path"`
			} `json:"fd"`
			Len   uint32 `json:"len"`
			Flags uint8  `json:"flags"`
		}
		type cqe struct {
			UserData uint64 `json:"user_data"`
			Res      int32  `json:"res"`
			Errno    string `json:"errno"`
		}
		var sqes []sqe
		var cqes []cqe
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var rec struct {
				Syscall string `json:"syscall"`
				IoUring *struct {
					SQEs []sqe `json:"sqes"`
					CQEs []cqe `json:"cqes"`
				} `json:"io_uring"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatalf("%v: %s", err, sc.Bytes())
			}
			if rec.IoUring != nil {
				sqes = append(sqes, rec.IoUring.SQEs...)
				cqes = append(cqes, rec.IoUring.CQEs...)
			}
		}
		if len(sqes) != 7 || len(cqes) != 7 {
			t.Fatalf("%d sqes and %d cqes, want 7 and 7:\n%s", len(sqes), len(cqes), out)
		}
		if s := sqes[1]; s.Opcode != "READ" || s.UserData != 2 || s.FD == nil || s.FD.Path != "/etc/passwd" || s.Len != 4096 {
			t.Errorf("the READ: %+v", s)
		}
		if s := sqes[4]; s.Opcode != "NOP" || s.Flags != 4 || s.UserData != 5 {
			t.Errorf("the linked NOP: %+v", s)
		}
		if c := cqes[3]; c.UserData != 4 || c.Res != -9 || c.Errno != "EBADF" {
			t.Errorf("the failed READ's completion: %+v", c)
		}
	})
}
