package command_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

// shCapture is a committed capture of a shell pipeline (four processes,
// signals, unfinished calls).
const shCapture = "../decoder/testdata/bench_sh.pcapng"

// jsonObjects parses decode --json output, failing on a line that is not
// one JSON object.
func jsonObjects(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatalf("line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		objs = append(objs, o)
	}
	return objs
}

// TestDecodeJSONFilters: --json goes through decode's own filter, so -e,
// -P and --trace-fds select the same calls as in the text.
func TestDecodeJSONFilters(t *testing.T) {
	for _, tc := range []struct {
		args []string
		keep func(o map[string]any) bool
	}{
		{[]string{"-e", "trace=openat"}, func(o map[string]any) bool { return o["syscall"] == "openat" }},
		{[]string{"-P", "/etc/ld.so.cache"}, func(o map[string]any) bool {
			return strings.Contains(o["line"].(string), "/etc/ld.so.cache") || o["syscall"] != "openat"
		}},
		{[]string{"--trace-fds", "3"}, func(o map[string]any) bool {
			fd, ok := o["args"].(map[string]any)["fd"].(map[string]any)
			return ok && fd["raw"] == 3.0 || o["syscall"] != "close" && o["syscall"] != "read"
		}},
		{[]string{"-Z"}, func(o map[string]any) bool { return o["failed"] == true }},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			out, errOut, code, _ := run(t, append(append([]string{"decode", "--json"}, tc.args...), shCapture)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			text, _, _, _ := run(t, append(append([]string{"decode", "-qq"}, tc.args...), shCapture)...)
			// The result column moves with the line's prefix.
			text = strings.Join(strings.Fields(text), " ")
			objs := jsonObjects(t, out)
			if objs[0]["schema"] != 1.0 {
				t.Errorf("first line is not the metadata: %v", objs[0])
			}
			calls := 0
			for _, o := range objs[1:] {
				if o["kind"] != "syscall" {
					continue
				}
				calls++
				if !tc.keep(o) {
					t.Errorf("kept %s", o["line"])
				}
				if !strings.Contains(text, strings.Join(strings.Fields(o["line"].(string)), " ")) {
					t.Errorf("%q is not in the text decode with the same filter", o["line"])
				}
			}
			if calls == 0 {
				t.Error("no call kept")
			}
		})
	}
}

// TestDecodeJSONOutputFile: -o FILE writes what stdout gets.
func TestDecodeJSONOutputFile(t *testing.T) {
	out, _, code, _ := run(t, "decode", "--json", shCapture)
	path := filepath.Join(t.TempDir(), "out.jsonl")
	_, errOut, code2, _ := run(t, "decode", "--json", "-o", path, shCapture)
	if code != 0 || code2 != 0 {
		t.Fatalf("exit %d, %d: %s", code, code2, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != out {
		t.Error("-o FILE differs from stdout")
	}
	if _, errOut, code, _ := run(t, "decode", "--json", "-c", shCapture); code == 0 || !strings.Contains(errOut, "--json") {
		t.Errorf("--json -c: exit %d, %q; want an error naming --json", code, errOut)
	}
}

// TestDecodeJSONCorruptCaptures: a damaged capture gives the objects of
// the records before the damage, each whole, then a one-line error and
// status 1; never a panic.
func TestDecodeJSONCorruptCaptures(t *testing.T) {
	data, err := os.ReadFile(shCapture)
	if err != nil {
		t.Fatal(err)
	}
	full, err := exec.Command(binary, "decode", "--json", shCapture).Output()
	if err != nil {
		t.Fatal(err)
	}
	tags := []byte("\x00\x0c\x00\x08strace\x00\x00\x00\x00\x00\x00")
	tenth := 0
	for k := 0; k < 10; k++ {
		i := bytes.Index(data[tenth:], tags)
		if i < 0 {
			t.Fatal("capture has fewer than ten records")
		}
		tenth += i + len(tags)
	}
	corrupt := append([]byte(nil), data...)
	copy(corrupt[tenth+2:], []byte{0xff, 0xff, 0xff, 0x7f})
	newer := append([]byte(nil), data...)
	newer[tenth] = 0x63
	// Damage inside records: every 97th byte of the records' area
	// flipped, which the reader must report or decode, never crash on.
	flipped := append([]byte(nil), data...)
	for i := tenth; i < len(flipped); i += 97 {
		flipped[i] ^= 0x5a
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", data[:len(data)/2], "truncated"},
		{"corrupt record", corrupt, "record 10"},
		{"newer version", newer, "unknown record version 99"},
		{"flipped bytes", flipped, ""},
		{"not pcapng", []byte("not a capture"), "not a pcapng capture"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			out, errOut, code, _ := run(t, "decode", "--json", path)
			msg := strings.TrimSpace(errOut)
			if strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") {
				t.Fatalf("panic:\n%s", msg)
			}
			if tc.want == "" && code == 0 {
				return // the damage fell where the reader cannot tell
			}
			if code != 1 || strings.Contains(msg, "\n") || !strings.Contains(msg, tc.want) {
				t.Errorf("exit %d, stderr %q; want status 1 and one line containing %q", code, msg, tc.want)
			}
			jsonObjects(t, out)
			if tc.name != "flipped bytes" && !bytes.HasPrefix(full, []byte(out)) {
				t.Errorf("partial output is not a prefix of the intact decode")
			}
			if tc.name == "truncated" && strings.Count(out, "\n") < 2 {
				t.Error("no record printed before the cut")
			}
		})
	}
}

// TestJSONDocExamples runs the examples of docs/json.md, each a "$ "
// command line (continued on lines starting "    | ") followed by
// its output, on the capture they name, and compares the output: the
// documentation shows what the commands print. It needs jq.
func TestJSONDocExamples(t *testing.T) {
	testhost.Tool(t, "jq", "docs/json.md's examples are jq commands")
	doc, err := os.ReadFile("../docs/json.md")
	if err != nil {
		t.Fatal(err)
	}
	// The commands name the binary as stracedump and the capture by its
	// file name: run them in the capture's folder with the test's binary
	// first on PATH.
	env := append(os.Environ(), "PATH="+filepath.Dir(binary)+":"+os.Getenv("PATH"))
	dir, err := filepath.Abs("../decoder/testdata")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(doc), "\n")
	n := 0
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "$ stracedump ") {
			continue
		}
		cmd := strings.TrimPrefix(lines[i], "$ ")
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "    | ") {
			i++
			cmd += " " + strings.TrimSpace(lines[i])
		}
		var want []string
		for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "$ ") && !strings.HasPrefix(lines[i+1], "```") {
			i++
			want = append(want, lines[i])
		}
		n++
		// No pipefail: head closing its pipe early is no error. A
		// failing decode shows as output that differs.
		sh := exec.Command("sh", "-c", cmd)
		sh.Dir, sh.Env = dir, env
		out, err := sh.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", cmd, err, out)
			continue
		}
		if got := strings.TrimSuffix(string(out), "\n"); got != strings.Join(want, "\n") {
			t.Errorf("%s\nprints\n%s\ndocs/json.md shows\n%s", cmd, got, strings.Join(want, "\n"))
		}
	}
	if n < 5 {
		t.Errorf("only %d examples found in docs/json.md", n)
	}
}
