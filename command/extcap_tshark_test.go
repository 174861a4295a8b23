package command_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
)

// wireshark is a private Wireshark configuration with stracedump in its
// extcap folder. WIRESHARK_EXTCAP_DIR is ignored when running as root;
// WIRESHARK_CONFIG_DIR works for every user on 4.0.
type wireshark struct {
	dir string
	env []string
}

func newWireshark(t *testing.T) *wireshark {
	t.Helper()
	testhost.Tool(t, "tshark", "the extcap is checked as the real tshark runs it")
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "extcap"), 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "extcap", "stracedump"), src, 0o755); err != nil {
		t.Fatal(err)
	}
	return &wireshark{dir: dir, env: append(os.Environ(), "WIRESHARK_CONFIG_DIR="+dir)}
}

// tshark runs tshark and returns stdout, stderr and its exit status.
func (w *wireshark) tshark(t *testing.T, limit time.Duration, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, "tshark", args...)
	cmd.Env = w.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("tshark %q still running after %v; stderr %q", args, limit, errb.String())
	}
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// capture runs tshark -i strace with the given preferences and capture
// filter into a file and returns its records. tshark ends on its own when
// the traced program does, since the extcap then ends the stream.
func (w *wireshark) capture(t *testing.T, filter string, prefs map[string]string, extra ...string) []pcapng.Record {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.pcapng")
	args := []string{"-i", extcap.Interface, "-w", out}
	for call, v := range prefs {
		args = append(args, "-o", "extcap."+extcap.PrefName(call)+":"+v)
	}
	if filter != "" {
		args = append(args, "-f", filter)
	}
	_, stderr, code := w.tshark(t, 20*time.Second, append(args, extra...)...)
	if code != 0 || strings.Contains(stderr, "extcap") && strings.Contains(stderr, "Error") {
		t.Fatalf("tshark %q: exit %d, stderr %q", args, code, stderr)
	}
	return readRecords(t, out)
}

func TestTsharkListsInterfaceAndPrefs(t *testing.T) {
	w := newWireshark(t)
	out, stderr, code := w.tshark(t, 10*time.Second, "-D")
	if code != 0 || !strings.Contains(out, ". strace (System calls (strace))\n") {
		t.Errorf("tshark -D: exit %d, stdout %q, stderr %q; want strace listed", code, out, stderr)
	}
	// Every option must be a preference tshark -o can set.
	out, _, _ = w.tshark(t, 10*time.Second, "-G", "currentprefs")
	for _, o := range extcap.Options {
		if !strings.Contains(out, "#extcap."+extcap.PrefName(o.Call)+":") {
			t.Errorf("tshark has no preference extcap.%s for option --%s", extcap.PrefName(o.Call), o.Call)
		}
	}
}

func TestTsharkCapture(t *testing.T) {
	w := newWireshark(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pcapng")
	_, stderr, code := w.tshark(t, 20*time.Second, "-i", "strace", "-o", "extcap.strace.command:ls -l /", "-w", path)
	if code != 0 || strings.Contains(stderr, "Error") {
		t.Fatalf("tshark: exit %d, stderr %q", code, stderr)
	}
	recs := readRecords(t, path)
	var syscalls, nonFile int
	var capRec *pcapng.Record
	for i, r := range recs {
		switch r.Kind {
		case pcapng.KindCapture:
			capRec = &recs[i]
		case pcapng.KindSyscall:
			syscalls++
			if !isFile(r) {
				nonFile++
			}
		}
	}
	if capRec == nil || capRec.Args[0] != 32 || capRec.Flags&pcapng.FlagFollowForks == 0 || capRec.Text(pcapng.SecText) != "ls -l /" {
		t.Errorf("capture record %+v, want the defaults: string limit 32, follow forks, command 'ls -l /'", capRec)
	}
	if syscalls < 20 || nonFile == 0 {
		t.Errorf("%d syscalls, %d not file syscalls; want a whole ls run", syscalls, nonFile)
	}
	if fdPaths(recs) == 0 {
		t.Error("no fd paths captured by default")
	}
	out, err := exec.Command(binary, "decode", path).CombinedOutput()
	if err != nil || bytes.Count(out, []byte("\n")) < syscalls {
		t.Errorf("decode: %v, %d lines for %d syscalls", err, bytes.Count(out, []byte("\n")), syscalls)
	}
}

func fdPaths(recs []pcapng.Record) int {
	n := 0
	for _, r := range recs {
		for _, sec := range r.Sections {
			if sec.Type == pcapng.SecFDPath {
				n++
			}
		}
	}
	return n
}

func isFile(r pcapng.Record) bool {
	a := decoder.ArchByAudit(r.Arch)
	if a == nil {
		return false
	}
	_, _, class, ok := a.Info(r.Nr)
	return ok && class.Has(decoder.ClassFile)
}

func TestTsharkFilter(t *testing.T) {
	w := newWireshark(t)
	recs := w.capture(t, "%file", map[string]string{"command": "ls -l /"})
	var file int
	for _, r := range recs {
		if r.Kind != pcapng.KindSyscall && r.Kind != pcapng.KindSyscallEntry {
			continue
		}
		if !isFile(r) {
			t.Errorf("-f %%file kept syscall %d", r.Nr)
		}
		file++
	}
	if file < 10 {
		t.Errorf("-f %%file kept %d syscalls, want ls's file calls", file)
	}

	_, stderr, code := w.tshark(t, 20*time.Second, "-i", "strace", "-o", "extcap.strace.command:ls", "-f", "openat,opn", "-w", filepath.Join(t.TempDir(), "x"))
	if code == 0 || !strings.Contains(stderr, `capture filter: invalid system call 'opn'`) {
		t.Errorf("bad filter: exit %d, stderr %q; want failure with the reason", code, stderr)
	}
}

func TestTsharkOptions(t *testing.T) {
	w := newWireshark(t)
	dir := t.TempDir()
	progOut, logFile := filepath.Join(dir, "prog.txt"), filepath.Join(dir, "log")
	recs := w.capture(t, "", map[string]string{
		"command":    `sh -c 'pwd; echo "$FOO"; echo err >&2'`,
		"workdir":    "/usr",
		"env":        `FOO="a b"`,
		"strlimit":   "64",
		"follow":     "false",
		"fdpaths":    "false",
		"output":     progOut,
		"debug-file": logFile,
	})
	if b, _ := os.ReadFile(progOut); string(b) != "/usr\na b\nerr\n" {
		t.Errorf("program output %q, want its cwd, $FOO and its stderr", b)
	}
	if b, _ := os.ReadFile(logFile); !bytes.Contains(b, []byte("capture ended")) {
		t.Errorf("log %q lacks the capture's end", b)
	}
	if len(recs) == 0 || recs[0].Kind != pcapng.KindCapture || recs[0].Args[0] != 64 || recs[0].CaptureLength() != 256 || recs[0].Flags&pcapng.FlagFollowForks != 0 {
		t.Errorf("first record %+v, want a capture record with string limit 64, capture length 256, not following forks", recs[0])
	}
	// The capture row shows the command with its quoting.
	if got, want := recs[0].Text(pcapng.SecText), `sh -c 'pwd; echo "$FOO"; echo err >&2'`; got != want {
		t.Errorf("capture record's command %s, want %s", got, want)
	}
	if n := fdPaths(recs); n != 0 {
		t.Errorf("fdpaths:false, yet %d fd paths captured", n)
	}
}

// TestTsharkStops: tshark -a duration stops the capture the way Wireshark's
// stop button does (fifo closed, then SIGTERM): an attached process runs on
// untraced, a launched one is killed unless on-stop says detach.
func TestTsharkStops(t *testing.T) {
	w := newWireshark(t)
	t.Run("attached", func(t *testing.T) {
		needAttach(t)
		victim := exec.Command("sh", "-c", "while true; do sleep 0.05; done")
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() { victim.Process.Kill(); victim.Wait() }()
		start := time.Now()
		recs := w.capture(t, "", map[string]string{"pids": strconv.Itoa(victim.Process.Pid)}, "-a", "duration:1")
		// A bound, not a timing: a stop that did not work would capture
		// until the test's own timeout. tshark's start on a loaded machine
		// took 4.9 s here.
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("tshark -a duration:1 took %v", took)
		}
		var seen bool
		for _, r := range recs {
			seen = seen || r.Kind == pcapng.KindSyscall && int(r.PID) == victim.Process.Pid
		}
		if !seen {
			t.Error("no syscall of the attached process captured")
		}
		if s := procState(victim.Process.Pid); s == "" || s == "T" || s == "t" || s == "Z" {
			t.Errorf("attached process in state %q after the capture", s)
		}
		if tp := tracerPid(victim.Process.Pid); tp != "0" {
			t.Errorf("attached process still traced by %s", tp)
		}
	})

	for _, onstop := range []string{"kill", "detach"} {
		recs := w.capture(t, "", map[string]string{"command": "sleep 30", "onstop": onstop}, "-a", "duration:1")
		pid := 0
		for _, r := range recs {
			if r.Kind == pcapng.KindSyscall {
				pid = int(r.PID)
				break
			}
		}
		if pid == 0 {
			t.Fatalf("onstop %s: no syscall captured", onstop)
		}
		time.Sleep(100 * time.Millisecond)
		state := procState(pid)
		if onstop == "kill" && state != "" {
			t.Errorf("onstop kill: sleep %d still there in state %s", pid, state)
		}
		if onstop == "detach" {
			if state == "" || state == "T" || state == "t" {
				t.Errorf("onstop detach: sleep %d in state %q, want running on", pid, state)
			}
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// TestTsharkSavedSettings: after Wireshark's capture options saved a
// process to attach to (or a command), the README's commands still work
// as written: a command or processes given with -o win over the saved
// values of the other kind. Without -o, both kinds saved is an error that
// names them and says how to clear one.
func TestTsharkSavedSettings(t *testing.T) {
	w := newWireshark(t)
	victim := exec.Command("sh", "-c", "while true; do sleep 0.05; done")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	vpid := strconv.Itoa(victim.Process.Pid)
	save := func(prefs string) {
		t.Helper()
		// As Wireshark writes them with "Save parameters on capture start".
		if err := os.WriteFile(filepath.Join(w.dir, "preferences"), []byte(prefs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pidsOf := func(recs []pcapng.Record) map[int]bool {
		m := map[int]bool{}
		for _, r := range recs {
			if r.Kind == pcapng.KindSyscall {
				m[int(r.PID)] = true
			}
		}
		return m
	}

	save("extcap.strace.process: " + vpid + "\nextcap.strace.command: \n")
	recs := w.capture(t, "", map[string]string{"command": "true"})
	if capRec := recs[0]; capRec.Kind != pcapng.KindCapture || capRec.Text(pcapng.SecText) != "true" || capRec.Flags&pcapng.FlagLaunched == 0 {
		t.Errorf("saved process, -o command: first record %+v, want the capture of the launched command true", capRec)
	}
	if pidsOf(recs)[victim.Process.Pid] {
		t.Error("saved process, -o command: the saved process was traced too")
	}

	save("extcap.strace.command: sleep 30\nextcap.strace.process: 1\n")
	recs = w.capture(t, "", map[string]string{"pids": vpid}, "-a", "duration:1")
	if got := pidsOf(recs); !got[victim.Process.Pid] {
		t.Errorf("saved command, -o pids: syscalls of pids %v, want the attached %s", got, vpid)
	}
	if capRec := recs[0]; capRec.Text(pcapng.SecText) != "pid "+vpid {
		t.Errorf("saved command, -o pids: capture of %q, want pid %s", capRec.Text(pcapng.SecText), vpid)
	}

	save("extcap.strace.command: sleep 30\nextcap.strace.process: " + vpid + "\n")
	_, stderr, code := w.tshark(t, 20*time.Second, "-i", "strace", "-w", filepath.Join(t.TempDir(), "x"))
	for _, want := range []string{`extcap.strace.command "sleep 30"`, `extcap.strace.process "` + vpid + `"`, "-o extcap.strace.process:"} {
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("both saved, no -o: exit %d, stderr %q; want failure naming %s", code, stderr, want)
		}
	}
	// The way out the message gives works.
	recs = w.capture(t, "", map[string]string{"process": ""}, "-a", "duration:2")
	if capRec := recs[0]; capRec.Text(pcapng.SecText) != "sleep 30" {
		t.Errorf("both saved, -o extcap.strace.process: (empty): capture of %q, want the saved command", capRec.Text(pcapng.SecText))
	}
}
