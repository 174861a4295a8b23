package lua

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// failed says whether a syscall record is an error return, as strace -c
// counts errors.
func failed(r *pcapng.Record) bool {
	a := decoder.ArchByAudit(r.Arch)
	ret := r.Ret
	if a != nil && a.WordSize == 4 {
		ret = int64(int32(ret))
	}
	return r.Flags&pcapng.FlagNoReturn == 0 && ret < 0 && ret >= -4095 && !(a != nil && a.NeverFails(r.Nr))
}

func TestSummary(t *testing.T) {
	for _, c := range getCorpus(t) {
		type count struct{ calls, errors int }
		want := map[string]*count{}
		var total count
		for _, fr := range c.recs {
			if fr.err != nil || fr.rec.Kind != pcapng.KindSyscall || fr.rec.Flags&pcapng.FlagNoReturn != 0 {
				continue
			}
			w := want[fr.name]
			if w == nil {
				w = &count{}
				want[fr.name] = w
			}
			w.calls++
			total.calls++
			if failed(&fr.rec) {
				w.errors++
				total.errors++
			}
		}
		out := tshark(t, "-q", "-r", c.path, "-z", "strace,summary")
		lines := strings.Split(out, "\n")
		start := -1
		for i, l := range lines {
			if l == "% time     seconds  usecs/call     calls    errors syscall" {
				start = i
				break
			}
		}
		// strace's name column: 16 dashes, or one more than the longest name.
		width := 16
		for name := range want {
			width = max(width, len(name)+1)
		}
		dashes := "------ ----------- ----------- --------- --------- " + strings.Repeat("-", width)
		if start < 0 || start+1 >= len(lines) || lines[start+1] != dashes {
			t.Fatalf("%s: no strace -c header with %d dashes for names in:\n%s", c.name, width, out)
		}
		got := map[string]count{}
		for _, l := range lines[start+2:] {
			if l == "" || strings.HasPrefix(l, "------") {
				continue
			}
			// Columns are fixed width; errors are blank when zero.
			if len(l) < 50 {
				t.Fatalf("%s: short row %q", c.name, l)
			}
			calls, err1 := strconv.Atoi(strings.TrimSpace(l[31:40]))
			errs := 0
			var err2 error
			if s := strings.TrimSpace(l[41:50]); s != "" {
				errs, err2 = strconv.Atoi(s)
			}
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: row %q: %v %v", c.name, l, err1, err2)
			}
			got[l[51:]] = count{calls, errs}
		}
		if g := got["total"]; g != total {
			t.Errorf("%s: total %+v, want %+v", c.name, g, total)
		}
		for name, w := range want {
			if got[name] != *w {
				t.Errorf("%s: %s: %+v, want %+v", c.name, name, got[name], *w)
			}
		}
		if len(got) != len(want)+1 {
			t.Errorf("%s: %d rows, want %d and the total", c.name, len(got)-1, len(want))
		}
	}
}

// An entry record and the syscall record that completes it link to each
// other like a request and its response.
func TestEntryExitLinks(t *testing.T) {
	links := 0
	for _, c := range getCorpus(t) {
		req := map[int]int{}  // syscall frame -> entry frame
		resp := map[int]int{} // entry frame -> syscall frame
		pending := map[uint32]int{}
		for _, fr := range c.recs {
			if fr.err != nil {
				continue
			}
			switch fr.rec.Kind {
			case pcapng.KindSyscallEntry:
				if pending[fr.rec.TID] == 0 {
					pending[fr.rec.TID] = fr.number
				}
			case pcapng.KindSyscall:
				if e := pending[fr.rec.TID]; e != 0 {
					req[fr.number], resp[e] = e, fr.number
					delete(pending, fr.rec.TID)
				}
			case pcapng.KindExit:
				delete(pending, fr.rec.TID)
				if fr.rec.Flags&pcapng.FlagSuperseded != 0 {
					// The thread that called execve took the leader's
					// tid: its execve completes there.
					former := uint32(fr.rec.Nr)
					if e := pending[former]; e != 0 {
						pending[fr.rec.TID] = e
						delete(pending, former)
					}
				}
			}
		}
		links += len(req)
		rows := fieldRows(t, c.path, "strace", "strace.request_in", "strace.response_in")
		for _, fr := range c.recs {
			r := rows[fr.number]
			if r == nil {
				t.Errorf("%s: no row for frame %d", c.name, fr.number)
				continue
			}
			wantReq, wantResp := "", ""
			if e := req[fr.number]; e != 0 {
				wantReq = strconv.Itoa(e)
			}
			if s := resp[fr.number]; s != 0 {
				wantResp = strconv.Itoa(s)
			}
			if r[0] != wantReq || r[1] != wantResp {
				t.Errorf("%s frame %d: request_in %q response_in %q, want %q %q", c.name, fr.number, r[0], r[1], wantReq, wantResp)
			}
		}
	}
	if links == 0 {
		t.Error("the corpus has no entry record followed by its call: links were not exercised")
	}
}

// Bare records in DLT_USER0 dissect as those in Upper-PDU packets do.
func TestUser0(t *testing.T) {
	c := getCorpus(t)[0]
	var recs []pcapng.Record
	for _, fr := range c.recs {
		if fr.err == nil {
			recs = append(recs, fr.rec)
		}
	}
	n := len(recs)
	path := writeUser0(t, recs)
	rows := fieldRows(t, path, "", info(t, path), "strace.syscall")
	if len(rows) != n {
		t.Fatalf("%d rows for %d records", len(rows), n)
	}
	i := 0
	for _, fr := range c.recs {
		if fr.err != nil {
			continue
		}
		i++
		if fr.info != "" && rows[i][0] != fr.info {
			t.Errorf("record %d: Info %q, want %q", i, rows[i][0], fr.info)
		}
	}
}

// Installed in the personal Lua plugins folder, the dissector finds its
// renderer and helper next to itself.
func TestPluginsFolder(t *testing.T) {
	c := getCorpus(t)[0]
	home := t.TempDir()
	dir := filepath.Join(home, ".local", "lib", "wireshark", "plugins")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"strace.lua", "strace_render.lua", "strace_decode.lua", "strace_uring.lua"} {
		copyFile(t, f, filepath.Join(dir, f))
	}
	cmd := execTshark(home, "-r", c.path, "-T", "fields", "-e", "strace.line")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tshark: %v\n%s", err, out)
	}
	if strings.Contains(string(out), "Lua:") {
		t.Fatalf("Lua errors:\n%s", out)
	}
	var want string
	for _, fr := range c.recs {
		if fr.line != "" {
			want = fr.line
			break
		}
	}
	if !strings.Contains(string(out), want+"\n") {
		t.Errorf("tshark with the plugin installed does not print %q", want)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func execTshark(home string, args ...string) *exec.Cmd {
	cmd := exec.Command("tshark", args...)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	return cmd
}

// Every structure the Go renderer knows has a Lua renderer: a new one in
// package decoder shows up here before it lowers the Info parity.
func TestStructRenderers(t *testing.T) {
	src, err := os.ReadFile("strace_render.lua")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range decoder.StructTypes() {
		if !strings.Contains(string(src), "\nstructs."+s+" = ") {
			t.Errorf("strace_render.lua has no renderer for struct %q", s)
		}
	}
}

// writeUser0 writes recs as bare records in a DLT_USER0 capture and returns
// its path.
func writeUser0(t *testing.T, recs []pcapng.Record) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "user0.pcapng")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := pcapgo.NewNgWriter(f, layers.LinkType(pcapng.LinkTypeUser0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range recs {
		b := recs[i].AppendTo(nil)
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(0, recs[i].PacketTime()), CaptureLength: len(b), Length: len(b)}
		if err := w.WritePacket(ci, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return path
}
