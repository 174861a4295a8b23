package command_test

import (
	"bytes"
	binenc "encoding/binary"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/lua"
	"github.com/stracedump/stracedump/pcapng"
	"golang.org/x/sys/unix"
)

// These tests run the real binary against real processes: the stop paths
// are about signals, pipes and process states that only a separate
// stracedump process shows.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stracedump-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "stracedump")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Stderr = os.Stderr
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building stracedump:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func readRecords(t *testing.T, path string) []pcapng.Record {
	t.Helper()
	recs, _ := readCapture(t, path)
	return recs
}

// readCapture reads every record of a capture, and the statistics its
// interface statistics block holds.
func readCapture(t *testing.T, path string) ([]pcapng.Record, pcapng.InterfaceStatistics) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var recs []pcapng.Record
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err != nil {
			break
		}
		recs = append(recs, rec)
	}
	return recs, r.Interface().Statistics
}

// procState returns the state letter of /proc/PID/stat, "" when gone.
func procState(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ""
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return ""
	}
	return string(b[i+2])
}

func tracerPid(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "TracerPid:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func waitExit(t *testing.T, cmd *exec.Cmd, limit time.Duration) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Fatalf("stracedump still running %v after the stop request", limit)
		return 0, nil
	}
}

// needAttach stops an attach test where the kernel forbids attaching to a
// running process, saying so and what checks the rest.
func needAttach(t *testing.T) {
	t.Helper()
	if testhost.Attach.Err() != nil {
		testhost.Substitute(t, testhost.Attach, "launched traces run the same stop loop and clean stop that attach "+
			"shares; the attach refusal's message is checked by TestRecordErrors")
		t.SkipNow()
	}
}

func TestAttachThenStopLeavesProcessRunning(t *testing.T) {
	needAttach(t)
	dir := t.TempDir()
	counter := filepath.Join(dir, "counter")
	victim := exec.Command("sh", "-c", `i=0; while true; do i=$((i+1)); echo $i > "$1"; sleep 0.05; done`, "sh", counter)
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	time.Sleep(200 * time.Millisecond)

	capture := filepath.Join(dir, "attach.pcapng")
	var stderr bytes.Buffer
	rec := exec.Command(binary, "record", "-o", capture, "-p", strconv.Itoa(victim.Process.Pid))
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	rec.Process.Signal(syscall.SIGINT)
	took, _ := waitExit(t, rec, 5*time.Second)
	if took > time.Second {
		t.Errorf("stracedump took %v to stop, want < 1s", took)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}

	pid := victim.Process.Pid
	if s := procState(pid); s == "" || s == "T" || s == "t" || s == "Z" {
		t.Fatalf("attached process state %q after detach, want running or sleeping", s)
	}
	if tp := tracerPid(pid); tp != "0" {
		t.Errorf("TracerPid %s after detach, want 0", tp)
	}
	// The shell truncates the file before it writes the next number, so one
	// read can see it empty: count the highest number seen while polling.
	highest := 0
	read := func() int {
		b, _ := os.ReadFile(counter)
		if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n > highest {
			highest = n
		}
		return highest
	}
	before := read()
	deadline := time.Now().Add(3 * time.Second)
	for read() <= before+2 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if highest <= before+2 {
		t.Errorf("counter stuck at %d after detach (was %d)", highest, before)
	}

	recs := readRecords(t, capture)
	var syscalls, attach int
	for _, r := range recs {
		switch {
		case r.Kind == pcapng.KindSyscall && int(r.PID) == pid:
			syscalls++
		case r.Kind == pcapng.KindProcess && r.Flags&pcapng.FlagProcAttach != 0 && int(r.PID) == pid:
			attach++
			if !strings.Contains(r.Text(pcapng.SecArgv), "while true") {
				t.Errorf("attach metadata argv %q lacks the command line", r.Text(pcapng.SecArgv))
			}
		}
	}
	if attach != 1 || syscalls < 5 {
		t.Errorf("capture has %d attach records and %d syscalls of pid %d; want 1 and several", attach, syscalls, pid)
	}
}

func TestSIGTERMWhileCommandBlocks(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "sleep.pcapng")
	var stderr bytes.Buffer
	// -I waiting: a stop signal stops the capture (by default a launched
	// command's capture ignores them, as strace -o FILE COMMAND does).
	rec := exec.Command(binary, "record", "-I", "waiting", "-o", capture, "--", "sleep", "100")
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	rec.Process.Signal(syscall.SIGTERM)
	took, _ := waitExit(t, rec, 5*time.Second)
	if took > time.Second {
		t.Errorf("stracedump took %v to stop, want < 1s", took)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	recs := readRecords(t, capture)
	var sleepPid int
	var sawEntry, sawExit bool
	for _, r := range recs {
		if r.Kind == pcapng.KindSyscall && sleepPid == 0 {
			sleepPid = int(r.PID)
		}
		if r.Kind == pcapng.KindSyscallEntry {
			sawEntry = true // the blocked clock_nanosleep, shown while it blocked
		}
		if r.Kind == pcapng.KindExit {
			sawExit = true
		}
	}
	if sleepPid == 0 || !sawEntry || !sawExit {
		t.Fatalf("capture lacks the command's syscalls (pid %d), its blocked call's entry (%v) or its end (%v)", sleepPid, sawEntry, sawExit)
	}
	if s := procState(sleepPid); s != "" {
		t.Errorf("launched command pid %d still exists in state %s", sleepPid, s)
	}
}

func TestOutputClosedEarly(t *testing.T) {
	sh := exec.Command("sh", "-c", binary+" record -o - -- yes | head -c 100 | wc -c")
	var out, stderr bytes.Buffer
	sh.Stdout, sh.Stderr = &out, &stderr
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := waitExit(t, sh, 10*time.Second); err != nil {
		t.Fatalf("pipeline failed: %v (stderr %q)", err, stderr.String())
	}
	if strings.TrimSpace(out.String()) != "100" || stderr.Len() > 0 {
		t.Errorf("got %q on stdout and %q on stderr; want 100 and nothing", out.String(), stderr.String())
	}
}

func TestRecordErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing program", []string{"record", "-o", filepath.Join(dir, "a"), "--", "no-such-program-xyz"}, `cannot run "no-such-program-xyz": executable file not found`},
		{"missing pid", []string{"record", "-o", filepath.Join(dir, "b"), "-p", "999999999"}, "cannot attach to pid 999999999: no such process"},
		{"bad pid", []string{"record", "-o", filepath.Join(dir, "c"), "-p", "abc"}, "-p abc: not a process id"},
		{"nothing to trace", []string{"record", "-o", filepath.Join(dir, "d")}, "record needs a command"},
		{"negative string limit", []string{"record", "-s", "-1", "-o", filepath.Join(dir, "e"), "--", "true"}, "-s -1: the string limit cannot be negative"},
		// decode's options are checked before the capture is opened.
		{"decode, negative string limit", []string{"decode", "-s", "-1", "no-such-capture"}, "-s -1: the string limit cannot be negative"},
		{"decode, bad -X", []string{"decode", "-X", "foo", "no-such-capture"}, `-X "foo": want raw, abbrev or verbose`},
		{"decode, bad -S", []string{"decode", "-c", "-S", "foo", "no-such-capture"}, `invalid sortby: 'foo'`},
		{"decode, --json and -c", []string{"decode", "--json", "-c", "no-such-capture"}, `--json prints the records; -c and -C print strace's table`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := exec.Command(binary, tc.args...).CombinedOutput()
			if err == nil {
				t.Fatal("exit status 0, want failure")
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("output %q, want one line containing %q", out, tc.want)
			}
		})
	}
	// A mistyped decode option leaves the -o file as it was.
	kept := filepath.Join(dir, "kept.txt")
	os.WriteFile(kept, []byte("an earlier decode\n"), 0o600)
	if out, err := exec.Command(binary, "decode", "-X", "foo", "-o", kept, os.DevNull).CombinedOutput(); err == nil {
		t.Errorf("decode -X foo: no failure: %s", out)
	}
	if b, _ := os.ReadFile(kept); string(b) != "an earlier decode\n" {
		t.Errorf("decode -X foo -o FILE left FILE holding %q", b)
	}
}

func TestAttachToTracedProcess(t *testing.T) {
	needAttach(t)
	victim := exec.Command("sleep", "30")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	first := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "first"), "-p", strconv.Itoa(victim.Process.Pid))
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { first.Process.Signal(syscall.SIGTERM); first.Wait() }()
	for i := 0; i < 50 && tracerPid(victim.Process.Pid) == "0"; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "second"), "-p", strconv.Itoa(victim.Process.Pid)).CombinedOutput()
	want := fmt.Sprintf("cannot attach to pid %d: already traced by pid %d", victim.Process.Pid, first.Process.Pid)
	if err == nil || !strings.Contains(string(out), want) {
		t.Errorf("second attach: %v, %q; want failure saying %q", err, out, want)
	}
}

func TestExitStatusPassedOn(t *testing.T) {
	cmd := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "x"), "--", "sh", "-c", "exit 7")
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 7 {
		t.Errorf("exit: %v, want status 7 like the command", err)
	}
}

func TestDecodeCorruptCaptures(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pcapng")
	if out, err := exec.Command(binary, "record", "-o", good, "--", "cat", "/etc/hostname").CombinedOutput(); err != nil {
		t.Fatalf("record: %v: %s", err, out)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	full, err := exec.Command(binary, "decode", good).Output()
	if err != nil {
		t.Fatalf("decode of the intact capture: %v", err)
	}
	// Records follow the exported-PDU tags naming the dissector.
	tags := []byte("\x00\x0c\x00\x08strace\x00\x00\x00\x00\x00\x00")
	fifth := 0
	for k := 0; k < 5; k++ {
		i := bytes.Index(data[fifth:], tags)
		if i < 0 {
			t.Fatal("capture has fewer than five records")
		}
		fifth += i + len(tags)
	}
	corrupt := append([]byte(nil), data...)
	// The record's head varint: bits the format does not define.
	copy(corrupt[fifth+2:], []byte{0xff, 0xff, 0xff, 0x7f})
	newer := append([]byte(nil), data...)
	newer[fifth] = 0x63 // version 99
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", data[:len(data)/2], "capture file truncated after record"},
		// Offsets count from the packet start, as Wireshark's bytes pane.
		{"corrupt record", corrupt, "record 5, byte 18: header bits 0xfc00000 unknown"},
		{"newer version", newer, "record 5: unknown record version 99"},
		{"not pcapng", []byte("hello world, this is not a capture"), "not a pcapng capture"},
		{"empty", nil, "empty input"},
		{"ethernet capture", foreignCapture(t, layers.LinkTypeEthernet, make([]byte, 60), 2), "not a stracedump capture: its 2 packets hold no syscall record (Ethernet)"},
		{"one ethernet frame", foreignCapture(t, layers.LinkTypeEthernet, make([]byte, 60), 1), "not a stracedump capture: its 1 packet holds no syscall record (Ethernet)"},
		{"ethernet, no packets", foreignCapture(t, layers.LinkTypeEthernet, nil, 0), "not a stracedump capture: it holds no packets, and its interface is Ethernet"},
		{"no interface", sectionHeaderOnly(t), "not a stracedump capture: a pcapng section header with no interface and no packets"},
		// Wireshark's File > Export PDUs writes such packets for any protocol.
		{"another dissector's PDUs", foreignCapture(t, 252, []byte("\x00\x0c\x00\x04http\x00\x00\x00\x00GET / HTTP/1.1\r\n"), 3),
			"not a stracedump capture: its 3 packets hold no syscall record (Upper PDU for another dissector)"},
		{"link type without a name", foreignCapture(t, 299, []byte("xx"), 1), "(link type 299)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(binary, "decode", path)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v, want status 1", err)
			}
			msg := strings.TrimSpace(stderr.String())
			if strings.Contains(msg, "\n") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "panic") {
				t.Errorf("stderr %q, want one line containing %q", msg, tc.want)
			}
			// What decoded before the damage is printed, as it was.
			if !bytes.HasPrefix(full, stdout.Bytes()) {
				t.Errorf("partial output is not a prefix of the intact decode:\n%s", stdout.String())
			}
			if tc.name == "truncated" && stdout.Len() == 0 {
				t.Error("nothing printed before the cut")
			}
			if !strings.Contains(tc.want, "not a stracedump capture") {
				return
			}
			// Not even the JSON metadata line: the file is not a capture
			// of ours, whatever is asked of it.
			for _, mode := range []string{"--json", "-c"} {
				out, errOut, code, _ := run(t, "decode", mode, path)
				if code != 1 || out != "" || strings.TrimSpace(errOut) != msg {
					t.Errorf("decode %s: exit %d, stdout %q, stderr %q; want status 1, nothing printed and %q", mode, code, out, errOut, msg)
				}
			}
		})
	}
}

// foreignCapture is a pcapng capture of n packets of link type lt, each
// holding data, as tshark -i eth0 or Wireshark's Export PDUs write one: a
// valid capture with no record in it.
func foreignCapture(t *testing.T, lt layers.LinkType, data []byte, n int) []byte {
	var b bytes.Buffer
	w, err := pcapgo.NewNgWriter(&b, lt)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1700000000, 0), CaptureLength: len(data), Length: len(data)}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// sectionHeaderOnly is the section header block alone, which starts
// every pcapng file: a pcapng file with nothing in it.
func sectionHeaderOnly(t *testing.T) []byte {
	b := foreignCapture(t, layers.LinkTypeEthernet, nil, 0)
	return b[:binenc.LittleEndian.Uint32(b[4:])]
}

// TestJobControl stops and continues a traced command from outside, as a
// shell's ^Z and fg do: the command really stops, the capture shows the
// group-stop, and SIGCONT lets it finish.
func TestJobControl(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "stop.pcapng")
	rec := exec.Command(binary, "record", "-o", capture, "--", "sh", "-c", "sleep 0.3; sleep 0.3; echo done")
	var stdout bytes.Buffer
	rec.Stdout = &stdout
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	// The traced sh is stracedump's only child process besides its helpers.
	var sh int
	for i := 0; i < 100 && sh == 0; i++ {
		time.Sleep(10 * time.Millisecond)
		out, _ := exec.Command("pgrep", "-P", strconv.Itoa(rec.Process.Pid), "-x", "sh").Output()
		sh, _ = strconv.Atoi(strings.TrimSpace(string(out)))
	}
	if sh == 0 {
		t.Fatal("traced sh not found")
	}
	syscall.Kill(sh, syscall.SIGSTOP)
	stopped := false
	for i := 0; i < 100 && !stopped; i++ {
		time.Sleep(10 * time.Millisecond)
		stopped = procState(sh) == "T" || procState(sh) == "t"
	}
	if !stopped {
		t.Errorf("sh state %q after SIGSTOP, want stopped", procState(sh))
	}
	time.Sleep(200 * time.Millisecond)
	if s := procState(sh); s != "T" && s != "t" {
		t.Errorf("sh state %q while stopped, want it to stay stopped", s)
	}
	syscall.Kill(sh, syscall.SIGCONT)
	if _, err := waitExit(t, rec, 10*time.Second); err != nil {
		t.Fatalf("record: %v", err)
	}
	if stdout.String() != "done\n" {
		t.Errorf("command printed %q, want it to finish after SIGCONT", stdout.String())
	}
	out, err := exec.Command(binary, "decode", capture).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"--- SIGSTOP {si_signo=SIGSTOP, si_code=SI_USER", "--- stopped by SIGSTOP ---", "--- SIGCONT {si_signo=SIGCONT, si_code=SI_USER"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("decode lacks %q:\n%s", want, out)
		}
	}
}

// TestInstall installs into a fresh home as `make install` does and uses
// the result through the real tshark: the interface is listed, a live
// capture dissects with the installed plugin, and uninstall removes it all.
func TestInstall(t *testing.T) {
	tshark := testhost.Tool(t, "tshark", "install is checked through the real tshark")
	home := t.TempDir()
	env := append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME=", "XDG_DATA_HOME=")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return string(out)
	}
	out := run(binary, "install")
	for _, want := range []string{"extcap:", "Lua:", "profile:", "tshark -D"} {
		if !strings.Contains(out, want) {
			t.Errorf("install output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(run(tshark, "-D"), "strace (System calls (strace))") {
		t.Fatal("tshark -D does not list strace after install")
	}
	// The Help button of the options dialog opens the help= file the
	// installed extcap advertises: it must exist and be the help page.
	extcaps, _ := filepath.Glob(filepath.Join(home, "*", "*", "wireshark", "extcap", "stracedump"))
	extcaps2, _ := filepath.Glob(filepath.Join(home, ".config", "wireshark", "extcap", "stracedump"))
	if extcaps = append(extcaps, extcaps2...); len(extcaps) == 0 {
		t.Fatal("install put no stracedump in an extcap folder under HOME")
	}
	for _, x := range extcaps {
		out := run(x, "--extcap-interfaces", "--extcap-version=4.0")
		m := regexp.MustCompile(`\{help=file://([^}]*)\}`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("%s --extcap-interfaces advertises no help file: %q", x, out)
			continue
		}
		if b, err := os.ReadFile(m[1]); err != nil || !strings.HasPrefix(string(b), "# The `strace` capture interface") {
			t.Errorf("%s advertises help %s: %v, %.40q", x, m[1], err, b)
		}
		if !strings.HasPrefix(m[1], home) {
			t.Errorf("%s advertises help %s, not the one install put under HOME", x, m[1])
		}
	}
	live := run(tshark, "-i", "strace", "-o", "extcap.strace.command:cat /etc/hostname", "-C", "strace",
		"-Y", `strace.syscall == "execve"`, "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info")
	if !strings.Contains(live, "STRACE\texecve(\"/usr/bin/cat\", [\"cat\", \"/etc/hostname\"]") {
		t.Errorf("live capture through the installed plugin and profile shows:\n%s", live)
	}
	// Every coloring rule of the profile is a valid display filter.
	capture := filepath.Join(home, "c.pcapng")
	run(binary, "record", "-o", capture, "--", "sh", "-c", "cat /nonexistent-file 2>/dev/null; true")
	rules, err := fs.ReadFile(lua.Profile, "profile/colorfilters")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(rules), "\n") {
		parts := strings.Split(line, "@")
		if strings.HasPrefix(line, "#") || len(parts) < 4 {
			continue
		}
		cmd := exec.Command(tshark, "-r", capture, "-C", "strace", "-Y", parts[2])
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("coloring rule %q: filter %q: %v\n%s", parts[1], parts[2], err, out)
		}
	}
	// The profile's filter bookmarks and buttons: capture filters that the
	// installed extcap accepts as Wireshark asks it (empty answer: valid),
	// display filters that tshark compiles with the installed plugin.
	filters, err := lua.ProfileFilters()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range filters {
		if f.File == "cfilters" {
			for _, x := range extcaps {
				if out := run(x, "--extcap-capture-filter", f.Expr, "--extcap-interface", "strace"); out != "" {
					t.Errorf("capture filter bookmark %q (%s): the extcap says %q", f.Name, f.Expr, out)
				}
			}
			continue
		}
		cmd := exec.Command(tshark, "-r", capture, "-C", "strace", "-Y", f.Expr)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s %q: filter %q: %v\n%s", f.File, f.Name, f.Expr, err, out)
		}
	}
	run(binary, "uninstall")
	var left []string
	filepath.Walk(home, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && (strings.Contains(p, "stracedump") || strings.Contains(p, "profiles/strace")) {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("uninstall left %v", left)
	}
}

// TestGzipCapture: a capture written compressed (-o FILE.gz) is a gzip
// stream that decode reads like the plain one, record for record.
func TestGzipCapture(t *testing.T) {
	dir := t.TempDir()
	plain, packed := filepath.Join(dir, "c.pcapng"), filepath.Join(dir, "c.pcapng.gz")
	for _, out := range []string{plain, packed} {
		if msg, err := exec.Command(binary, "record", "-o", out, "--", "cat", "/etc/hostname").CombinedOutput(); err != nil {
			t.Fatalf("record -o %s: %v\n%s", out, err, msg)
		}
	}
	head, err := os.ReadFile(packed)
	if err != nil || len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		t.Fatalf("%s is not a gzip stream (%v)", packed, err)
	}
	count := func(path string) int {
		out, err := exec.Command(binary, "decode", path).Output()
		if err != nil {
			t.Fatalf("decode %s: %v", path, err)
		}
		return strings.Count(string(out), "\n")
	}
	if a, b := count(plain), count(packed); a == 0 || a != b {
		t.Errorf("decode printed %d lines from the plain capture and %d from the compressed one", a, b)
	}
}

// TestStopWithStalledReader: while the capture's reader reads nothing (a
// busy Wireshark, a stopped pipeline), SIGTERM still lets go of every
// traced process at once; what could not be queued is counted as dropped in the
// statistics block, which arrives once the reader reads again.
func TestStopWithStalledReader(t *testing.T) {
	pids, rec, r := stalledRecord(t)
	defer r.Close()
	rec.Process.Signal(syscall.SIGTERM)
	if !released(pids) {
		for _, pid := range pids {
			t.Errorf("2 s after SIGTERM, dd %d is in state %s traced by %s: the stalled reader holds it", pid, procState(pid), tracerPid(pid))
		}
	}
	// The reader comes back: the capture ends with its statistics.
	out := filepath.Join(t.TempDir(), "c.pcapng")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	copied := make(chan error, 1)
	go func() { _, err := io.Copy(f, r); copied <- err }()
	if _, err := waitExit(t, rec, 20*time.Second); err != nil {
		// Dead of the SIGTERM, as strace; or done before it came.
		if ee, ok := err.(*exec.ExitError); !ok || ee.String() != "signal: terminated" {
			t.Errorf("record: %v", err)
		}
	}
	<-copied
	f.Close()
	_, st := readCapture(t, out)
	t.Logf("received %d, dropped %d", st.PacketsReceived, st.PacketsDropped)
	if st.PacketsReceived == 0 || st.PacketsDropped == 0 {
		t.Error("the statistics block does not count the records written and those dropped at the stop")
	}
}

// stalledRecord starts record -p on two dd writing one byte at a time,
// with the capture going into a pipe nobody reads, and returns once the
// pipe and the queue behind it are full and the tracer holds both dd
// stopped, waiting for room. It returns their pids, record and the pipe's
// read end.
func stalledRecord(t *testing.T) ([]int, *exec.Cmd, *os.File) {
	t.Helper()
	needAttach(t)
	var pids []string
	var dds []int
	for i := 0; i < 2; i++ {
		victim := exec.Command("dd", "if=/dev/zero", "of=/dev/null", "bs=1")
		if err := victim.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { victim.Process.Kill(); victim.Wait() })
		dds = append(dds, victim.Process.Pid)
		pids = append(pids, "-p", strconv.Itoa(victim.Process.Pid))
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	rec := exec.Command(binary, append([]string{"record", "-o", "-"}, pids...)...)
	rec.Stdout = w
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	// Nothing reads r: the pipe fills, then the queue behind it, then the
	// tracer waits for room with both dd stopped. Wait for that: each in
	// tracing stop, their counts of read calls standing still for half a
	// second.
	reads := func() string {
		var s string
		for _, pid := range dds {
			b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/io", pid))
			for _, line := range strings.Split(string(b), "\n") {
				if v, ok := strings.CutPrefix(line, "syscr:"); ok {
					s += v + " " + procState(pid) + " "
				}
			}
		}
		return s
	}
	deadline := time.Now().Add(60 * time.Second)
	held, last := 0, ""
	for held < 10 {
		if time.Now().After(deadline) {
			rec.Process.Kill()
			rec.Wait()
			t.Fatalf("the dd never stayed stopped behind the stalled reader (%s)", reads())
		}
		if n := reads(); procState(dds[0]) == "t" && procState(dds[1]) == "t" && n == last {
			held++
		} else {
			held, last = 0, n
		}
		time.Sleep(50 * time.Millisecond)
	}
	return dds, rec, r
}

// released waits up to 2 s for every one of pids to run on untraced.
func released(pids []int) bool {
	for end := time.Now().Add(2 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		free := true
		for _, pid := range pids {
			if s := procState(pid); s == "t" || s == "T" || tracerPid(pid) != "0" {
				free = false
			}
		}
		if free {
			return true
		}
	}
	return false
}

// TestSecondStopSignalEndsRecord: once a stop has let the tracees go,
// record waits for the stalled reader to take what is queued and the
// statistics; a second stop signal ends that wait, and record with it,
// dead of the signal: the user insists, and the reader may never read.
func TestSecondStopSignalEndsRecord(t *testing.T) {
	pids, rec, r := stalledRecord(t)
	defer r.Close()
	rec.Process.Signal(syscall.SIGTERM)
	if !released(pids) {
		t.Fatal("2 s after SIGTERM, the dd are still held")
	}
	if procState(rec.Process.Pid) == "" {
		t.Fatal("record ended before the reader took the capture's end")
	}
	rec.Process.Signal(syscall.SIGINT)
	_, err := waitExit(t, rec, 5*time.Second)
	if ee, ok := err.(*exec.ExitError); !ok || ee.String() != "signal: interrupt" {
		t.Errorf("record after a second stop signal: %v; want it dead of SIGINT", err)
	}
}

// TestCtrlCReachesOnlyTheCommand: ^C at a terminal sends SIGINT to the
// whole foreground group, record and command alike. As under strace -o
// FILE COMMAND (-I never), the command handles it and finishes, and the
// capture goes on to its end; a signal the command sends its parent (the
// tracer) does not end the capture either. -I waiting keeps the old way:
// the signal stops the capture and the command with it.
func TestCtrlCReachesOnlyTheCommand(t *testing.T) {
	script := `trap 'echo handled' INT; kill -TERM $PPID; kill -HUP $PPID; echo ready; ` +
		`i=0; while [ $i -lt 40 ]; do i=$((i+1)); sleep 0.05; done; echo finished`
	for _, tc := range []struct {
		interrupt string
		want      string
		status    int
	}{{"", "ready\nhandled\nfinished\n", 0}, {"waiting", "", 0}} {
		t.Run("I="+tc.interrupt, func(t *testing.T) {
			capture := filepath.Join(t.TempDir(), "c.pcapng")
			args := []string{"record", "-o", capture}
			if tc.interrupt != "" {
				args = append(args, "-I", tc.interrupt)
			}
			rec := exec.Command(binary, append(args, "--", "sh", "-c", script)...)
			rec.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // a job of its own, as a shell's
			var stdout bytes.Buffer
			rec.Stdout = &stdout
			if err := rec.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(700 * time.Millisecond)
			syscall.Kill(-rec.Process.Pid, syscall.SIGINT) // ^C
			_, err := waitExit(t, rec, 10*time.Second)
			if tc.interrupt == "" {
				if err != nil {
					t.Errorf("record: %v; want the command's status 0", err)
				}
				if stdout.String() != tc.want {
					t.Errorf("the command printed %q, want %q: it did not handle ^C and finish", stdout.String(), tc.want)
				}
				var sigint, exit bool
				for _, r := range readRecords(t, capture) {
					sigint = sigint || r.Kind == pcapng.KindSignal && r.Nr == int64(syscall.SIGINT)
					exit = exit || r.Kind == pcapng.KindExit
				}
				if !sigint || !exit {
					t.Errorf("capture: SIGINT delivered %v, the command's exit %v; want both", sigint, exit)
				}
				return
			}
			if strings.Contains(stdout.String(), "finished") {
				t.Errorf("with -I waiting the command ran on after the stop: %q", stdout.String())
			}
		})
	}
}

// TestAttachMessages: a zombie is named as one, not as a privilege
// problem; a pid given twice is attached once.
func TestAttachMessages(t *testing.T) {
	needAttach(t)
	zombie := exec.Command("true")
	if err := zombie.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200 && procState(zombie.Process.Pid) != "Z"; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "z"), "-p", strconv.Itoa(zombie.Process.Pid)).CombinedOutput()
	zombie.Wait()
	if want := "it has exited (a zombie"; err == nil || !strings.Contains(string(out), want) || strings.Contains(string(out), "CAP_SYS_PTRACE") {
		t.Errorf("attach to a zombie: %v, %q; want a failure saying %q", err, out, want)
	}

	victim := exec.Command("sleep", "30")
	if err := victim.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { victim.Process.Kill(); victim.Wait() }()
	pid := strconv.Itoa(victim.Process.Pid)
	var stderr bytes.Buffer
	rec := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "twice"), "-p", pid, "-p", pid+","+pid)
	rec.Stderr = &stderr
	if err := rec.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	rec.Process.Signal(syscall.SIGINT)
	waitExit(t, rec, 5*time.Second)
	if stderr.Len() > 0 {
		t.Errorf("-p %s twice: %s", pid, stderr.String())
	}
}

// TestPrivilegedCopiesActForTheirCaller: a copy of stracedump given
// CAP_SYS_PTRACE with a file capability (setcap cap_sys_ptrace+ep), or made
// set-user-ID or set-group-ID root, run by an unprivileged user, attaches to
// that user's own process and refuses root's, runs what it launches with
// the user's ids alone, and reads and writes files as the user
// (docs/security.md).
func TestPrivilegedCopiesActForTheirCaller(t *testing.T) {
	testhost.Root(t, "copies of the binary are given privilege and run as another user")
	needAttach(t)
	const nobody = 65534
	dir, err := os.MkdirTemp("", "stracedump-priv-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	os.Chown(out, nobody, nobody)
	// Root's: a folder and files root's group may write, and a capture
	// only root may read.
	rootDir := filepath.Join(dir, "root")
	os.Mkdir(rootDir, 0o775)
	os.Chmod(rootDir, 0o775)
	victim := filepath.Join(rootDir, "victim")
	if err := os.WriteFile(victim, []byte("root's data\n"), 0o660); err != nil {
		t.Fatal(err)
	}
	// A third user's file anyone may write to, which its owner alone may
	// empty.
	thirds := filepath.Join(dir, "thirds")
	if err := os.WriteFile(thirds, []byte("a third user's data\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	os.Chmod(thirds, 0o666)
	os.Chown(thirds, 4242, 4242)
	rootCapture := filepath.Join(rootDir, "root.pcapng")
	if msg, err := exec.Command(binary, "record", "-o", rootCapture, "--", "true").CombinedOutput(); err != nil {
		t.Fatalf("record: %v: %s", err, msg)
	}
	b, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	// A set-user-ID root id, which a tracer without privilege runs without it.
	idBin, err := exec.LookPath("id")
	if err != nil {
		t.Fatal(err)
	}
	idb, err := os.ReadFile(idBin)
	if err != nil {
		t.Fatal(err)
	}
	suid := filepath.Join(dir, "id")
	if err := os.WriteFile(suid, idb, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(suid, 0o755|os.ModeSetuid); err != nil {
		t.Fatal(err)
	}

	roots := exec.Command("sleep", "30")
	if err := roots.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { roots.Process.Kill(); roots.Wait() }()

	for _, kind := range []struct {
		name string
		give func(path string) error
	}{
		{"file capability", func(path string) error {
			// struct vfs_cap_data, revision 2, effective: CAP_SYS_PTRACE
			// (19) permitted, nothing inheritable.
			capData := make([]byte, 20)
			binenc.LittleEndian.PutUint32(capData[0:], 0x02000000|1)
			binenc.LittleEndian.PutUint32(capData[4:], 1<<19)
			return unix.Setxattr(path, "security.capability", capData, 0)
		}},
		{"set-user-ID root", func(path string) error { return os.Chmod(path, 0o755|os.ModeSetuid) }},
		{"set-group-ID root", func(path string) error { return os.Chmod(path, 0o755|os.ModeSetgid) }},
	} {
		t.Run(kind.name, func(t *testing.T) {
			capped := filepath.Join(dir, "stracedump-"+strings.ReplaceAll(kind.name, " ", "-"))
			if err := os.WriteFile(capped, b, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := kind.give(capped); err != nil {
				t.Fatalf("giving %s its privilege: %v", capped, err)
			}
			asNobody := func(args ...string) *exec.Cmd {
				cmd := exec.Command(capped, args...)
				cmd.Dir = out
				cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
				return cmd
			}
			refused := func(what, want string, args ...string) {
				t.Helper()
				msg, err := asNobody(args...).CombinedOutput()
				if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 || !strings.Contains(string(msg), want) {
					t.Errorf("%s: %v, %q; want status 1 and %q", what, err, msg, want)
				}
			}

			refused("nobody attaching to root's process", "traces only its caller's (uid 65534) own processes",
				"record", "-o", "roots.pcapng", "-p", strconv.Itoa(roots.Process.Pid))
			own := exec.Command("sleep", "30")
			own.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
			if err := own.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() { own.Process.Kill(); own.Wait() }()
			rec := asNobody("record", "-o", "own.pcapng", "-p", strconv.Itoa(own.Process.Pid))
			var stderr bytes.Buffer
			rec.Stderr = &stderr
			if err := rec.Start(); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 100 && (tracerPid(own.Process.Pid) == "0" || stderr.Len() == 0 && tracerPid(own.Process.Pid) == ""); i++ {
				time.Sleep(20 * time.Millisecond)
			}
			if tp := tracerPid(own.Process.Pid); tp == "0" || tp == "" {
				t.Errorf("nobody's own process is not traced; stderr %q", stderr.String())
			}
			rec.Process.Signal(syscall.SIGINT)
			waitExit(t, rec, 5*time.Second)
			if stderr.Len() > 0 {
				t.Errorf("attaching to its own process: %s", stderr.String())
			}

			// What it launches has the caller's ids and no others, and a
			// set-user-ID program in it gets no privilege.
			for _, c := range [][]string{{"id"}, {suid}} {
				got, err := asNobody(append([]string{"record", "-o", "id.pcapng", "--"}, c...)...).Output()
				if want := "uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)"; err != nil || strings.TrimSpace(string(got)) != want {
					t.Errorf("%s launched by nobody printed %q (%v); want %q", c[0], got, err, want)
				}
			}
			refused("-u root", "-u root: running the command as another user needs root (stracedump runs as uid 65534)",
				"record", "-u", "root", "-o", "u.pcapng", "--", "id")

			// Files are the caller's business: root's are neither written
			// nor read, and nothing is created where only root may write.
			refused("record -o onto root's file", "permission denied", "record", "-o", victim, "--", "true")
			if got, _ := os.ReadFile(victim); string(got) != "root's data\n" {
				t.Errorf("root's file now holds %q", got)
			}
			refused("record -o onto a third user's world-writable file", "belongs to uid 4242", "record", "-o", thirds, "--", "true")
			if got, _ := os.ReadFile(thirds); string(got) != "a third user's data\n" {
				t.Errorf("the third user's file now holds %q", got)
			}
			refused("decode of a capture only root may read", "permission denied", "decode", rootCapture)
			refused("decode -o into root's folder", "permission denied", "decode", "-o", filepath.Join(rootDir, "new.txt"), "own.pcapng")
			if _, err := os.Stat(filepath.Join(rootDir, "new.txt")); err == nil {
				t.Error("decode -o created a file in root's folder")
			}
		})
	}
}

// A launched command starts as it would without the tracer: with the limit
// on open files stracedump was started with, not the one the Go runtime
// raises for itself; and one that cannot be exec'd ends with status 127
// and the reason on stderr, as under a shell.
func TestLaunchedCommandStartsAsWithoutTracer(t *testing.T) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Max < 16 {
		t.Skipf("RLIMIT_NOFILE %+v, %v: no room for a lower soft limit", lim, err)
	}
	low := syscall.Rlimit{Cur: lim.Max / 2, Max: lim.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(binary, "record", "-o", filepath.Join(t.TempDir(), "x"), "--", "sh", "-c", "ulimit -Sn").Output()
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	if err != nil || strings.TrimSpace(string(out)) != strconv.FormatUint(low.Cur, 10) {
		t.Errorf("the command's soft limit on open files: %q, %v; want %d, the one stracedump started with", out, err, low.Cur)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.WriteFile(bad, []byte("\x7fELF, but not one"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The failed execve traced, and left out by the seccomp filter.
	for _, filter := range []string{"trace=all", "trace=openat"} {
		var stderr bytes.Buffer
		cmd := exec.Command(binary, "record", "-e", filter, "-o", filepath.Join(t.TempDir(), "y"), "--", bad)
		cmd.Stderr = &stderr
		err = cmd.Run()
		want := "stracedump: exec " + bad + ": exec format error"
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 127 || !strings.Contains(stderr.String(), want) {
			t.Errorf("-e %s, exec of a bad binary: %v, stderr %q; want status 127 and %q", filter, err, stderr.String(), want)
		}
	}
}

// TestKillDuringLaunchLeavesNothing: SIGKILL to record in the first
// milliseconds, before or while it seizes the command's child, leaves no
// process behind: the child dies with a tracer that never seized it, and
// ptrace kills one it had seized. So a pipeline reading the command's
// stdout ends. 50 tries at staggered moments, every other one with record
// leading a session of its own, as a terminal's job or a service does.
func TestKillDuringLaunchLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	leftovers, open := 0, 0
	for i := 0; i < 50; i++ {
		marker := fmt.Sprintf("1000.%d%d", os.Getpid(), i) // sleep's argument, unique to this try
		rec := exec.Command(binary, "record", "-o", filepath.Join(dir, "x.pcapng"), "--", "sleep", marker)
		rec.SysProcAttr = &syscall.SysProcAttr{Setsid: i%2 == 1}
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		rec.Stdout = w
		if err := rec.Start(); err != nil {
			t.Fatal(err)
		}
		w.Close()
		// 0 to 24.5 ms in steps of half a millisecond: the launch is a
		// window of a millisecond or less, somewhere in there.
		time.Sleep(time.Duration(i%25)*time.Millisecond + time.Duration(i/25)*500*time.Microsecond)
		rec.Process.Kill()
		rec.Wait()
		// The reader of the pipeline sees its end once every process
		// that holds the write end is gone.
		eof := make(chan struct{})
		go func() { io.Copy(io.Discard, r); close(eof) }()
		select {
		case <-eof:
		case <-time.After(2 * time.Second):
			open++
			t.Errorf("try %d: the command's stdout is still open 2 s after the tracer was killed", i)
		}
		for end := time.Now().Add(2 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			left := processesWith(marker)
			if len(left) == 0 {
				break
			}
			if time.Now().After(end) {
				leftovers++
				for _, pid := range left {
					t.Errorf("try %d: pid %d (state %s, parent %s) outlived the killed tracer", i, pid, procState(pid), parentPid(pid))
					syscall.Kill(pid, syscall.SIGKILL)
				}
				break
			}
		}
		<-eof
		r.Close()
	}
	t.Logf("50 tries: %d left a process behind, %d left the pipeline open", leftovers, open)
}

// parentPid returns the parent pid /proc/PID/status gives, "" when gone.
func parentPid(pid int) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "PPid:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// processesWith lists the processes whose command line holds s.
func processesWith(s string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if err == nil && bytes.Contains(b, []byte(s)) && procState(pid) != "Z" {
			pids = append(pids, pid)
		}
	}
	return pids
}
