package lua

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stracedump/stracedump/pcapng"
)

var update = flag.Bool("update", false, "rewrite docs/fields.md from tshark -G fields and the golden files")

// minParity is the share of printing records whose Info column must equal
// the Go decoder's line. Raise it as the Lua renderer catches up.
const minParity = 100.0

func TestGeneratedHelperIsFresh(t *testing.T) {
	need(t, "go")
	tmp := filepath.Join(t.TempDir(), "strace_decode.lua")
	if out, err := exec.Command("go", "run", "./gen", "-o", tmp).CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	want, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("strace_decode.lua")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("lua/strace_decode.lua is stale: run go generate ./lua")
	}
	if !bytes.HasPrefix(got, []byte("-- Code generated ")) || !bytes.Contains(got[:200], []byte("DO NOT EDIT.")) {
		t.Error("the helper lacks its generated-code header")
	}
}

func TestLuaSyntax(t *testing.T) {
	files, err := filepath.Glob("*.lua")
	if err != nil || len(files) < 3 {
		t.Fatalf("lua files: %v %v", files, err)
	}
	for _, luac := range []string{"luac5.2", "luac5.4"} {
		bin := need(t, luac)
		for _, f := range files {
			if out, err := exec.Command(bin, "-p", f).CombinedOutput(); err != nil {
				t.Errorf("%s -p %s: %v\n%s", luac, f, err, out)
			}
		}
	}
}

// The portability rules of the notes: no native bit operators or integer
// division (a syntax error on 5.2), nothing removed in 5.4.
// strace_render.lua's shim for plain Lua names bit32 and the native
// operators only in strings.
func TestLuaPortable(t *testing.T) {
	for _, name := range handWritten(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(src), "\n") {
			code := l
			if j := strings.Index(code, "--"); j >= 0 {
				code = code[:j]
			}
			code = stripStrings(code)
			for _, bad := range []string{"bit32", "loadstring", "unpack(", "math.pow", "utf8.", "//", ">>", "<<", " & ", " | ", " ~ "} {
				if strings.Contains(code, bad) {
					t.Errorf("%s:%d uses %q, which does not run on both Lua 5.2 and 5.4: %s", name, i+1, bad, l)
				}
			}
		}
	}
}

// stripStrings blanks quoted strings so that their text is not read as code.
func stripStrings(s string) string {
	var b strings.Builder
	var q byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0 && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		case q != 0:
		case c == '"' || c == '\'':
			q = c
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var (
	infoOnce  sync.Once
	infoField string
)

// info is the Info column's field name: _ws.col.Info up to 4.0,
// _ws.col.info from 4.2.
func info(t *testing.T, path string) string {
	infoOnce.Do(func() {
		// Both names are accepted everywhere; only one is filled in.
		infoField = "_ws.col.Info"
		out := tshark(t, "-r", path, "-c", "1", "-T", "fields", "-e", "_ws.col.info")
		if strings.TrimSpace(out) != "" {
			infoField = "_ws.col.info"
		}
	})
	return infoField
}

func TestInfoMatchesDecode(t *testing.T) {
	var total, same int
	bad := map[string]int{}
	var examples, perCapture []string
	for _, c := range getCorpus(t) {
		rows := fieldRows(t, c.path, "", info(t, c.path), "strace.render_error")
		total0, same0 := total, same
		for _, fr := range c.recs {
			row, ok := rows[fr.number]
			if !ok {
				t.Errorf("%s frame %d: tshark printed no row", c.name, fr.number)
				continue
			}
			if fr.err != nil || fr.info == "" {
				// Records strace prints nothing for still get an Info text.
				if row[0] == "" {
					t.Errorf("%s frame %d: empty Info", c.name, fr.number)
				}
				continue
			}
			total++
			if row[0] == fr.info {
				same++
				continue
			}
			key := fr.name
			if key == "" {
				key = fr.rec.Kind.String()
			}
			bad[key]++
			if bad[key] <= 2 {
				examples = append(examples, fmt.Sprintf("%s frame %d:\n  go:  %s\n  lua: %s", c.name, fr.number, fr.info, row[0]))
			}
		}
		perCapture = append(perCapture, fmt.Sprintf("  %-14s %5d of %5d", c.name, same-same0, total-total0))
	}
	if total == 0 {
		t.Fatal("no printing records in the corpus")
	}
	share := 100 * float64(same) / float64(total)
	t.Logf("Info equals the Go decoder's line for %d of %d records (%.1f%%)", same, total, share)
	for _, l := range perCapture {
		t.Log(l)
	}
	var names []string
	for n := range bad {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		t.Logf("  differs: %s x%d", n, bad[n])
	}
	for _, e := range examples {
		t.Log(e)
	}
	if share < minParity {
		t.Errorf("Info parity %.1f%% is below %.1f%%", share, minParity)
	}
}

// No record of the corpus makes the renderer fail.
func TestNoRenderErrors(t *testing.T) {
	for _, c := range getCorpus(t) {
		rows := fieldRows(t, c.path, "strace.render_error || _ws.lua.error || _ws.malformed || strace.malformed", "strace.render_error")
		for n, r := range rows {
			t.Errorf("%s frame %d: %v", c.name, n, r)
		}
	}
}

func TestDisplayFilters(t *testing.T) {
	creat := 0
	for _, c := range getCorpus(t) {
		want := map[string]map[int]bool{
			"strace.errno == ENOENT":         {},
			`strace.syscall == "openat"`:     {},
			"strace.open_flags.O_CREAT == 1": {},
			"strace.fd.path":                 {},
		}
		for _, fr := range c.recs {
			if fr.err != nil {
				continue
			}
			if fr.rec.Kind == pcapng.KindSyscall && strings.HasSuffix(fr.line, "= -1 ENOENT (No such file or directory)") {
				want["strace.errno == ENOENT"][fr.number] = true
			}
			if fr.name == "openat" {
				want[`strace.syscall == "openat"`][fr.number] = true
			}
			// Every call taking open flags: openat, open, mq_open.
			if (fr.name == "openat" || fr.name == "open" || fr.name == "mq_open") && strings.Contains(fr.line, "O_CREAT") {
				want["strace.open_flags.O_CREAT == 1"][fr.number] = true
				creat++
			}
			for _, s := range fr.rec.Sections {
				if s.Type == pcapng.SecFDPath {
					want["strace.fd.path"][fr.number] = true
				}
			}
		}
		for filter, frames := range want {
			rows := fieldRows(t, c.path, filter)
			if filter == "strace.fd.path" {
				// Only records holding an fd path have one, and most
				// captures' reads and closes show theirs.
				for n := range rows {
					if !frames[n] {
						t.Errorf("%s: %s matched frame %d, which holds no fd path", c.name, filter, n)
					}
				}
				if len(rows) == 0 && len(frames) > 0 {
					t.Errorf("%s: %s matched nothing", c.name, filter)
				}
				continue
			}
			for n := range frames {
				if _, ok := rows[n]; !ok {
					t.Errorf("%s: %s missed frame %d", c.name, filter, n)
				}
			}
			for n := range rows {
				if !frames[n] {
					t.Errorf("%s: %s matched frame %d, which it should not", c.name, filter, n)
				}
			}
		}
	}
	if creat == 0 {
		t.Error("the corpus has no openat with O_CREAT: the flag filter was not exercised")
	}
}

func TestFieldsListed(t *testing.T) {
	need(t, "tshark")
	out := tshark(t, "-G", "fields")
	got := map[string]string{}
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		p := strings.Split(l, "\t")
		if len(p) >= 4 && p[0] == "F" && strings.HasPrefix(p[2], "strace.") {
			got[p[2]] = p[1]
			lines = append(lines, fmt.Sprintf("| `%s` | %s | %s |", p[2], p[1], strings.TrimPrefix(p[3], "FT_")))
		}
	}
	for _, f := range []string{"strace.pid", "strace.tid", "strace.kind", "strace.arch", "strace.syscall", "strace.nr",
		"strace.arg", "strace.arg.name", "strace.arg.text", "strace.ret", "strace.errno", "strace.duration",
		"strace.fd", "strace.fd.path", "strace.path", "strace.data", "strace.open_flags", "strace.open_flags.O_CREAT", "strace.open_flags.access", "strace.result",
		"strace.signal", "strace.siginfo.code", "strace.exit.code", "strace.proc.comm", "strace.proc.exe",
		"strace.proc.argv", "strace.proc.cwd", "strace.proc.uid", "strace.proc.fd", "strace.request_in",
		"strace.response_in", "strace.time", "strace.line", "strace.capture.string_limit", "strace.host"} {
		if _, ok := got[f]; !ok {
			t.Errorf("tshark -G fields does not list %s", f)
		}
	}
	// By field name, so that a set sorts before its flags.
	sort.Slice(lines, func(i, j int) bool {
		return strings.Split(lines[i], "`")[1] < strings.Split(lines[j], "`")[1]
	})
	doc := fieldsDoc(lines)
	path := filepath.Join("..", "docs", "fields.md")
	if *update {
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cur, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./lua -run TestFieldsListed -update writes it)", err)
	}
	if string(cur) != doc {
		t.Error("docs/fields.md does not match tshark -G fields: go test ./lua -run TestFieldsListed -update")
	}
}

func fieldsDoc(rows []string) string {
	return "# strace dissector fields\n\n" +
		"Every field of the Lua dissector (`lua/strace.lua`), as `tshark -G fields` lists them. Generated by\n" +
		"`go test ./lua -run TestFieldsListed -update`; the test fails when this page and the dissector differ.\n\n" +
		"Each call's result is `strace.result`, the text strace prints after `= ` (`-1 ENOENT (No such file or\n" +
		"directory)`, `0x7f12c4a2e000`, `?` for a call that never returned): the Result column and Info always agree.\n" +
		"`strace.ret` is the raw return value, for numeric filters (`strace.ret < 0`).\n\n" +
		"Flag words show as Wireshark's own dissectors show them, as bit fields with masks: one field per flag set\n" +
		"that an argument uses (`strace.open_flags`), a value field with its mask for a set's multi-bit part (open's\n" +
		"access mode: `strace.open_flags.access == O_WRONLY`), and a boolean per flag named as strace names it\n" +
		"(`strace.open_flags.O_CREAT`). A bare boolean field tests presence; compare it with 1\n" +
		"(`strace.open_flags.O_CREAT == 1`). Flags with the value 0 (`O_RDONLY`) are values of the multi-bit field,\n" +
		"not bits. An internal bit is named after the flag strace prints for it: `__O_TMPFILE` is `O_TMPFILE`.\n" +
		"Masks are those of x86_64 and the generic UAPI headers; where an arch gives a flag other bits (arm64's\n" +
		"`O_DIRECTORY`, `O_NOFOLLOW`, `O_DIRECT`, `O_LARGEFILE`), the flag has a second field of the same name with\n" +
		"that arch's mask, so one filter finds it on every arch (such names are listed twice below). The two clone\n" +
		"flags past bit 31 have no mask (Wireshark 4.0 takes masks of 32 bits only): their booleans are computed.\n\n" +
		"Names work in filters where a field has a value string: `strace.errno == ENOENT`, `strace.signal == SIGCHLD`.\n\n" +
		"Under each fd (`strace.fd`, as an argument or a result), what `strace -yy` shows of it when the capture\n" +
		"holds it (captures made before stracedump recorded it have only `strace.fd.path`): for a socket its\n" +
		"protocol (`strace.fd.proto`: `TCP`, `UDPv6`, `UNIX-STREAM`, `NETLINK`, ...) and inode, then the local and\n" +
		"peer address and port of a TCP or UDP socket (`strace.fd.local.addr` or `.addr6`, `strace.fd.local.port`,\n" +
		"`strace.fd.peer.*`; zero when not connected), the bound path and the peer's inode of a unix socket\n" +
		"(`strace.fd.unix.path`, `@` before an abstract name; `strace.fd.unix.peer`), or the protocol and port id\n" +
		"of a netlink socket; for a character or block device `strace.fd.dev.type` (`char`, `block`) and\n" +
		"`strace.fd.dev.major`, `strace.fd.dev.minor`; for a pidfd its process, `strace.fd.pid`. Find a connection's calls with\n" +
		"`strace.fd.peer.port == 8080` or `strace.fd.unix.path == \"/run/app.sock\"`. `strace.fd.yy` is the whole of it\n" +
		"as `strace -yy` prints it between the fd's brackets (`TCP:[127.0.0.1:41234->127.0.0.1:8080]`,\n" +
		"`/dev/null<char 1:3>`, a file's path): the profile's FD column.\n\n" +
		"| field | name | type |\n|---|---|---|\n" + strings.Join(rows, "\n") + "\n"
}

// Mutated captures: flipped bytes and truncated records never raise a Lua
// error, and every packet still gets a row.
func TestMutatedRecords(t *testing.T) {
	caps := getCorpus(t)
	rng := rand.New(rand.NewSource(1))
	dir := t.TempDir()
	for _, c := range caps {
		path := filepath.Join(dir, c.name+".mut.pcapng")
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		w, err := pcapng.NewWriter(f, pcapng.WriterOptions{Command: "mutated " + c.name, OS: "Linux", Hardware: "x86_64"})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, fr := range c.recs {
			if fr.err != nil {
				continue
			}
			b := fr.rec.AppendTo(nil)
			for i := 0; i < 3; i++ {
				m := append([]byte(nil), b...)
				switch i {
				case 0: // flip a few bytes anywhere
					for j := 0; j < 1+rng.Intn(4); j++ {
						m[rng.Intn(len(m))] ^= byte(1 + rng.Intn(255))
					}
				case 1: // truncate
					m = m[:rng.Intn(len(m))]
				case 2: // flip bytes inside sections only, keeping the framing
					head := fr.rec
					head.Sections = nil
					if hl := head.MarshalledLen(); len(m) > hl {
						for j := 0; j < 1+rng.Intn(8); j++ {
							k := hl + rng.Intn(len(m)-hl)
							m[k] ^= byte(1 + rng.Intn(255))
						}
					}
				}
				if err := w.WriteMarshalled(m, time.Now().UnixNano()); err != nil {
					t.Fatal(err)
				}
				n++
			}
		}
		if err := w.Close(pcapng.Stats{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		rows := fieldRows(t, path, "", info(t, path), "_ws.lua.error", "strace.render_error")
		if len(rows) != n {
			t.Errorf("%s: %d rows for %d packets", c.name, len(rows), n)
		}
		errs := 0
		for num, r := range rows {
			if r[1] != "" || r[2] != "" {
				errs++
				if errs <= 5 {
					t.Errorf("%s mutated frame %d: lua error %q, render error %q (Info %q)", c.name, num, r[1], r[2], r[0])
				}
			}
		}
		// Without a tree, the quick parser must take or refuse each
		// mutated record as the full one does: the same Info.
		for i, got := range treelessInfo(t, path, rows, n) {
			if want := rows[i+1][0]; asJSON(got) != want {
				t.Errorf("%s mutated frame %d: Info without a tree %q, with a tree %q", c.name, i+1, got, want)
			}
		}
		// Also dissect every tree in full, twice, as the GUI does.
		tshark(t, "-r", path, "-2", "-V")
	}
}

// strace_render.lua reads no global but Lua's own library: a Wireshark
// name (ProtoField, base, UInt64) would break plain lua5.2 and lua5.4, and
// a name it forgot to take along from strace.lua would be nil there. It
// sets none. The list is luac's listing of the chunk's _ENV accesses.
func TestRendererUsesOnlyLua(t *testing.T) {
	luac := need(t, "luac5.2")
	allowed := map[string]bool{"_G": true, "assert": true, "debug": true, "error": true, "ipairs": true, "load": true,
		"loadfile": true, "math": true, "next": true, "os": true, "pairs": true, "pcall": true, "rawget": true,
		"select": true, "setmetatable": true, "string": true, "table": true, "tonumber": true, "tostring": true, "type": true}
	checkGlobals(t, luac, rendererFiles(t), allowed, "which plain Lua lacks")
}

// rendererFiles are strace_render.lua and its parts, and the io_uring
// renderer strace_uring.lua, which runs under plain Lua too.
func rendererFiles(t *testing.T) []string {
	t.Helper()
	parts, err := filepath.Glob("strace_render_*.lua")
	if err != nil || len(parts) == 0 {
		t.Fatalf("the renderer's parts: %v %v", parts, err)
	}
	return append([]string{"strace_render.lua", "strace_uring.lua"}, parts...)
}

// handWritten are the dissector's Lua files but the generated helper.
func handWritten(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, f := range PluginFiles() {
		if f != "strace_decode.lua" {
			files = append(files, f)
		}
	}
	if len(files) < 2 {
		t.Fatalf("hand-written Lua files: %v", files)
	}
	return files
}

// rendererSource is the text of strace_render.lua and its parts, one after
// the other.
func rendererSource(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	for _, name := range rendererFiles(t) {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src)
	}
	return b.String()
}

// partsList is the list of part files in loader's PARTS table.
var partsList = regexp.MustCompile(`(?s)\nlocal PARTS = \{\n(.*?)\n\}\n`)

// Each loader (strace.lua, strace_render.lua) lists every part file of its
// prefix, each once, and no other: a part missing from the list would be
// installed and never run, one missing from the folder fails the load.
func TestPartsListed(t *testing.T) {
	for loader, pattern := range map[string]string{"strace.lua": "strace_dissector_*.lua", "strace_render.lua": "strace_render_*.lua"} {
		src, err := os.ReadFile(loader)
		if err != nil {
			t.Fatal(err)
		}
		m := partsList.FindSubmatch(src)
		if m == nil {
			t.Fatalf("%s has no PARTS table", loader)
		}
		var listed []string
		for _, q := range regexp.MustCompile(`"([^"]+)"`).FindAllSubmatch(m[1], -1) {
			listed = append(listed, string(q[1]))
		}
		sort.Strings(listed)
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(listed, " ") != strings.Join(files, " ") {
			t.Errorf("%s lists the parts %v; the folder holds %v", loader, listed, files)
		}
		for _, f := range files {
			if !strings.Contains(strings.Join(PluginFiles(), " "), f) {
				t.Errorf("%s is not among the embedded plugin files", f)
			}
		}
	}
}
