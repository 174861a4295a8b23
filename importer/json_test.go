package importer_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stracedump/stracedump/command"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestImportedJSON imports testdata/kinds.strace, strace 6.1's lines of
// every kind an import makes (strace -f -ttt -yy -x: calls kept as values,
// one with a structure shown in part, whose members are those the line
// shows, calls with arguments, a result, all arguments or a siginfo kept
// as text, an
// unfinished call, signals, a group stop, each kind of exit) and a line no
// strace wrote, and decodes the capture with --json. Every line must
// match docs/json-schema.json, every record kind must be there, flag
// arg_text on calls, entries and signals; the lines of each kind are the
// golden file testdata/json_import_KIND.golden (refresh with -update).
func TestImportedJSON(t *testing.T) {
	dir := t.TempDir()
	capture := filepath.Join(dir, "kinds.pcapng")
	var stderr bytes.Buffer
	if code := command.Main([]string{"stracedump", "import", "-x", "-o", capture, "testdata/kinds.strace"}, io.Discard, &stderr); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "kinds.strace:18: kept as a comment") {
		t.Errorf("import did not warn of line 17: %q", stderr.String())
	}
	// The round trip first: the JSON is of the records that print the log.
	back := filepath.Join(dir, "back")
	if code := command.Main([]string{"stracedump", "decode", "-ttt", "-yy", "-x", "-o", back, capture}, io.Discard, os.Stderr); code != 0 {
		t.Fatalf("decode: exit %d", code)
	}
	if n, same := sameLines(t, "testdata/kinds.strace", back); n != same {
		t.Errorf("decode gives %d of %d lines back", same, n)
	}
	var out bytes.Buffer
	if code := command.Main([]string{"stracedump", "decode", "--json", capture}, &out, os.Stderr); code != 0 {
		t.Fatalf("decode --json: exit %d", code)
	}
	sch, err := jsonschema.NewCompiler().Compile("../docs/json-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	byKind := map[string][]string{}
	argText := map[string]int{}
	for i, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(line))
		if err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("line %d does not match docs/json-schema.json: %v\n%s", i+1, err, line)
		}
		var head struct {
			Kind  string
			Flags []string
		}
		if err := json.Unmarshal([]byte(line), &head); err != nil {
			t.Fatal(err)
		}
		byKind[head.Kind] = append(byKind[head.Kind], line)
		if slices.Contains(head.Flags, "arg_text") {
			argText[head.Kind]++
		}
	}
	for _, kind := range []string{"capture", "syscall", "syscall-entry", "signal", "exit", "comment"} {
		if len(byKind[kind]) == 0 {
			t.Errorf("no %s line", kind)
			continue
		}
		checkGolden(t, filepath.Join("testdata", "json_import_"+kind+".golden"), strings.Join(byKind[kind], "\n")+"\n")
	}
	// execve's environment, poll's fds and result, clone3's and
	// restart_syscall's arguments; rt_sigprocmask's entry; SIGSYS's siginfo.
	if argText["syscall"] != 4 || argText["syscall-entry"] != 1 || argText["signal"] != 1 {
		t.Errorf("records flagged arg_text by kind: %v", argText)
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", path, got, want)
	}
}
