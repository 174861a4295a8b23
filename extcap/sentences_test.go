package extcap

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\ngot:\n%s\nwant:\n%s", name, path, got, want)
	}
}

func TestWireLines(t *testing.T) {
	var b bytes.Buffer
	if err := WriteInterfaces(&b, "1.2.3", "file:///usr/share/doc/stracedump/extcap.md"); err != nil {
		t.Fatal(err)
	}
	golden(t, "interfaces", b.String())
	b.Reset()
	if err := WriteDLTs(&b, "strace"); err != nil {
		t.Fatal(err)
	}
	golden(t, "dlts", b.String())
	b.Reset()
	procs := []Process{{PID: 42, Name: "sleep", Cmdline: "sleep 100"}, {PID: 7, Name: "sh", Cmdline: ""}}
	// The config carries the process list, so the picker is filled when
	// the dialog opens.
	if err := WriteConfig(&b, "strace", func() ([]Process, error) { return procs, nil }); err != nil {
		t.Fatal(err)
	}
	golden(t, "config", b.String())
	b.Reset()
	if err := WriteReload(&b, "strace", "process", func() ([]Process, error) { return procs, nil }); err != nil {
		t.Fatal(err)
	}
	golden(t, "reload", b.String())
}

func TestUnknownInterface(t *testing.T) {
	var b bytes.Buffer
	for name, call := range map[string]func() error{
		"dlts":   func() error { return WriteDLTs(&b, "eth0") },
		"config": func() error { return WriteConfig(&b, "eth0", nil) },
		"reload": func() error { return WriteReload(&b, "eth0", "process", nil) },
	} {
		if err := call(); err == nil || !strings.Contains(err.Error(), `"eth0"`) {
			t.Errorf("%s for eth0: %v, want an error naming it", name, err)
		}
	}
	if b.Len() != 0 {
		t.Errorf("wrote %q for an unknown interface", b.String())
	}
}

// TestGrammar checks every answer against Wireshark's sentence rules.
func TestGrammar(t *testing.T) {
	var b bytes.Buffer
	if err := WriteInterfaces(&b, "1.2.3", HelpURL("extcap.md")); err != nil {
		t.Fatal(err)
	}
	list, err := parseSentences(b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].kind != "extcap" || list[0].params["version"] != "1.2.3" ||
		!strings.HasPrefix(list[0].params["help"], "file:///") ||
		list[1].kind != "interface" || list[1].params["value"] != Interface || list[1].params["display"] == "" {
		t.Errorf("interfaces: %+v", list)
	}

	b.Reset()
	WriteDLTs(&b, Interface)
	if list, err = parseSentences(b.String()); err != nil || len(list) != 1 ||
		list[0].params["number"] != "252" || list[0].params["name"] != "WIRESHARK_UPPER_PDU" {
		t.Errorf("dlts: %+v, %v", list, err)
	}

	b.Reset()
	WriteConfig(&b, Interface, func() ([]Process, error) { return Processes("/proc", os.Getuid()) })
	if list, err = parseSentences(b.String()); err != nil {
		t.Fatal(err)
	}
	args := map[int]sentence{}
	if err := checkConfig(list, args); err != nil {
		t.Fatalf("config: %v", err)
	}
	if len(args) != len(Options) {
		t.Errorf("config has %d args, want %d (one per option)", len(args), len(Options))
	}

	// The reload answer, from this machine's processes and from nasty
	// command lines, must fit the args the config declared.
	for name, list := range map[string]func() ([]Process, error){
		"live": func() ([]Process, error) { return Processes("/proc", os.Getuid()) },
		"nasty": func() ([]Process, error) {
			return []Process{{PID: 1, Name: "x", Cmdline: "a} {b}{c}\nd\te \xff\xfe {display=evil}"}}, nil
		},
	} {
		b.Reset()
		if err := WriteReload(&b, Interface, "process", list); err != nil {
			t.Fatal(err)
		}
		values, err := parseSentences(b.String())
		if err != nil {
			t.Fatalf("reload %s: %v", name, err)
		}
		if len(values) < 2 {
			t.Errorf("reload %s lists %d values", name, len(values))
		}
		for _, v := range values {
			if v.kind != "value" {
				t.Errorf("reload %s: %s sentence, want value sentences only", name, v.kind)
			}
		}
		if err := checkConfig(values, copyArgs(args)); err != nil {
			t.Errorf("reload %s: %v", name, err)
		}
	}
}

func copyArgs(m map[int]sentence) map[int]sentence {
	c := map[int]sentence{}
	for k, v := range m {
		c[k] = v
	}
	return c
}

// TestGrammarCatches makes sure the checker fails on the mistakes it is
// there to catch.
func TestGrammarCatches(t *testing.T) {
	for _, bad := range []string{
		"arg {number=0}{call=--a}{display=A}{type=string\n",        // missing brace
		"arg {number=0}{call=--a}{display=A}\n",                    // no type
		"arg {number=0}{call=--Big}{display=A}{type=string}\n",     // upper-case call
		"arg {number=0}{call=--a}{display=A}{type=editselector}\n", // breaks 4.0
		"arg {number=0}{call=--a}{display=A}{type=string}{required=true}{default=x}\n",
		"arg {number=0}{call=--a}{display=A}{type=radio}\nvalue {arg=1}{value=x}{display=X}\n",  // no arg 1
		"arg {number=0}{call=--a}{display=A}{type=string}\nvalue {arg=0}{value=x}{display=X}\n", // string takes no values
		"arg {number=0}{call=--a}{display=a} b}{type=string}\n",                                 // value cut short
		"value {arg=0}{value=1}{display=\xff}\n",                                                // not UTF-8
	} {
		list, err := parseSentences(bad)
		if err == nil {
			err = checkConfig(list, map[int]sentence{})
		}
		if err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestWriteReloadFailed(t *testing.T) {
	var b strings.Builder
	if err := WriteReloadFailed(&b, Interface, "process", errors.New("cannot reach web1: no route")); err != nil {
		t.Fatal(err)
	}
	if want := "value {arg=3}{value=}{display=(none) cannot reach web1: no route}{default=true}\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
