package lua

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/lua/workbench"
	"github.com/stracedump/stracedump/pcapng"
)

// uringCapture records command/testdata/uring.c: io_uring through raw
// syscalls (NOP, a file READ, a pipe WRITE, a failing READ, a linked pair).
func uringCapture(t *testing.T) string {
	t.Helper()
	gcc := need(t, "gcc")
	self, err := builtStracedump()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	prog := filepath.Join(dir, "uring")
	if out, err := exec.Command(gcc, "-O2", "-o", prog, filepath.Join("..", "command", "testdata", "uring.c")).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	if out, err := exec.Command(prog).CombinedOutput(); err != nil {
		t.Skipf("io_uring is not usable here: %v %s", err, out)
	}
	capture := filepath.Join(dir, "uring.pcapng")
	if out, err := exec.Command(self, "record", "-o", capture, "--", prog).CombinedOutput(); err != nil {
		t.Fatalf("record: %v\n%s", err, out)
	}
	return capture
}

// TestUringMatchesDecode: strace_uring.lua, under plain lua5.2 and lua5.4,
// gives every io_uring_enter record of a real capture the comment lines
// the Go decoder prints (decode --io-uring, default options), at two
// string limits; and the renderer gives every io_uring call the Go
// decoder's Info line.
func TestUringMatchesDecode(t *testing.T) {
	capture := uringCapture(t)
	f, err := os.Open(capture)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapng.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var cases, infos []diffCase
	for {
		var rec pcapng.Record
		if err := r.Next(&rec); err != nil {
			break
		}
		a := decoder.ArchByAudit(rec.Arch)
		if rec.Kind != pcapng.KindSyscall || a == nil || !strings.HasPrefix(a.SyscallName(rec.Nr), "io_uring_") {
			continue
		}
		// The Info line of every io_uring call, as the differential test
		// compares it.
		raw := rec.AppendTo(nil)
		var back pcapng.Record
		if err := pcapng.Unmarshal(raw, rec.PacketTime(), &back); err != nil {
			t.Fatal(err)
		}
		dec := decoder.New(decoder.DefaultOptions())
		infos = append(infos, diffCase{name: a.SyscallName(rec.Nr), limit: 32, raw: raw, want: workbench.InfoLine(dec, &back, dec.Line(&back))})
		if a.SyscallName(rec.Nr) != "io_uring_enter" {
			continue
		}
		for _, limit := range []int{32, 5} {
			var out strings.Builder
			p := decoder.NewPrinter(&out, decoder.New(decoder.Options{StringLimit: limit, IoUring: true, Prefix: decoder.PrefixNone}))
			if err := p.Write(&rec); err != nil {
				t.Fatal(err)
			}
			p.Close()
			_, lines, _ := strings.Cut(out.String(), "\n")
			cases = append(cases, diffCase{name: "io_uring_enter", limit: limit, raw: rec.AppendTo(nil), want: lines})
		}
	}
	withLines := 0
	for _, c := range cases {
		if c.want != "" {
			withLines++
		}
	}
	if withLines < 10 {
		t.Fatalf("%d io_uring_enter records with entries, want the program's 5 at two limits", withLines)
	}
	luaDir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{"lua5.2", "lua5.4"} {
		lua := need(t, l)
		got := runLuaDriver(t, lua, "uring.lua", luaDir, t.TempDir(), cases)
		if len(got) != len(cases) {
			t.Fatalf("%s: %d answers for %d records", l, len(got), len(cases))
		}
		for i, c := range cases {
			if got[i] != c.want {
				t.Errorf("%s, record %d, -s %d:\nlua:\n%s\ngo:\n%s", l, i, c.limit, got[i], c.want)
			}
		}
		got = runLuaDriver(t, lua, "difffuzz.lua", luaDir, t.TempDir(), infos)
		for i, c := range infos {
			if i >= len(got) || got[i] != c.want {
				t.Errorf("%s, %s Info:\nlua %q\ngo  %q", l, c.name, got[min(i, len(got)-1)], c.want)
			}
		}
	}
	if len(infos) < 15 {
		t.Errorf("%d io_uring calls, want the program's", len(infos))
	}
}

// TestUringFields: tshark shows an io_uring_enter's entries and
// completions as strace.uring.* fields a filter finds.
func TestUringFields(t *testing.T) {
	need(t, "tshark")
	capture := uringCapture(t)
	out := tshark(t, "-r", capture, "-Y", `strace.syscall == "io_uring_enter"`, "-T", "fields",
		"-e", "strace.uring.opcode", "-e", "strace.uring.user_data", "-e", "strace.uring.res", "-e", "strace.uring.errno",
		"-e", "strace.uring.fd.path", "-e", "strace.uring.len")
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"0\t0x0000000000000001,0x0000000000000001\t0\t\t\t",
		"22\t0x0000000000000002,0x0000000000000002\t*\t\t/etc/passwd\t4096",
		"23\t0x0000000000000003,0x0000000000000003\t5\t\tpipe:\\[*\\]\t5",
		"22\t0x0000000000000004,0x0000000000000004\t-9\t9\t\t16",
		"0,22\t0x0000000000000005,0x0000000000000006,0x0000000000000005,0x0000000000000006\t0,100\t\t/etc/passwd\t100",
		"0\t0x0000000000000007,0x0000000000000007\t0\t\t\t",
	}
	if len(rows) < len(want) {
		t.Fatalf("tshark fields:\n%s", out)
	}
	for i, w := range want {
		if ok, _ := filepath.Match(w, rows[i]); !ok {
			t.Errorf("row %d: %q\nwant %q", i, rows[i], w)
		}
	}
	failed := tshark(t, "-r", capture, "-Y", "strace.uring.errno == EBADF && strace.uring.opcode == READ", "-T", "fields", "-e", "strace.uring.fd")
	if strings.TrimSpace(failed) != "99" {
		t.Errorf("the failed READ by filter: %q, want fd 99", failed)
	}
}

// runLuaDriver runs testdata/DRIVER (difffuzz.lua's protocol) over cases
// and returns its answers.
func runLuaDriver(t *testing.T, lua, driver, luaDir, dir string, cases []diffCase) []string {
	t.Helper()
	in, out := filepath.Join(dir, "records"), filepath.Join(dir, "lines")
	var b bytes.Buffer
	for _, c := range cases {
		fmt.Fprintf(&b, "%d %d\n", c.limit, len(c.raw))
		b.Write(c.raw)
	}
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(lua, filepath.Join("testdata", driver), luaDir, in, out).CombinedOutput(); err != nil {
		t.Fatalf("%s testdata/%s: %v\n%s", lua, driver, err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var answers []string
	for len(data) > 0 {
		head, rest, ok := bytes.Cut(data, []byte("\n"))
		n, err := strconv.Atoi(string(head))
		if !ok || err != nil || len(rest) < n+1 {
			t.Fatalf("%s: bad answer %d", lua, len(answers)+1)
		}
		answers = append(answers, string(rest[:n]))
		data = rest[n+1:]
	}
	return answers
}
