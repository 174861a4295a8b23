package extcap

import (
	"reflect"
	"strings"
	"testing"
)

func getter(m map[string]string) func(string) (string, bool) {
	return func(call string) (string, bool) { v, ok := m[call]; return v, ok }
}

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   map[string]string
		want Config
	}{
		{"defaults", map[string]string{"command": "ls -l /"},
			Config{Argv: []string{"ls", "-l", "/"}, FollowForks: true, StringLimit: 32, CaptureLength: 256, SocketCaptureLength: 65536, FDPaths: true}},
		{"everything set", map[string]string{"command": `./run "x y"`, "workdir": "/srv", "env": `A=1 B="two words" C`,
			"follow": "false", "strlimit": "256", "snaplen": "1024", "socksnaplen": "4096", "fdpaths": "false", "onstop": "detach", "output": "/tmp/o", "debug-file": "/tmp/l"},
			Config{Argv: []string{"/srv/run", "x y"}, Dir: "/srv", Env: []string{"A=1", "B=two words", "C"},
				StringLimit: 256, CaptureLength: 1024, SocketCaptureLength: 4096, DetachOnStop: true, Output: "/tmp/o", DebugFile: "/tmp/l"}},
		{"attach by selector and typed", map[string]string{"process": "12", "pids": "34, 56 12"},
			Config{PIDs: []int{12, 34, 56}, FollowForks: true, StringLimit: 32, CaptureLength: 256, SocketCaptureLength: 65536, FDPaths: true}},
		{"string limit above the capture length", map[string]string{"command": "ls", "strlimit": "512", "snaplen": "64", "socksnaplen": "100"},
			Config{Argv: []string{"ls"}, FollowForks: true, StringLimit: 512, CaptureLength: 512, SocketCaptureLength: 512, FDPaths: true}},
		{"empty selector", map[string]string{"process": "", "pids": "7"},
			Config{PIDs: []int{7}, FollowForks: true, StringLimit: 32, CaptureLength: 256, SocketCaptureLength: 65536, FDPaths: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConfig(getter(tc.in), Caller{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		in   map[string]string
		want string
	}{
		{map[string]string{}, "nothing to trace"},
		{map[string]string{"command": "ls", "pids": "1"}, "not both"},
		{map[string]string{"command": "echo 'x"}, "Command (strace.command): a single quote is not closed"},
		{map[string]string{"pids": "12x"}, `"12x" is not a process id`},
		{map[string]string{"pids": "-3"}, `"-3" is not a process id`},
		{map[string]string{"command": "ls", "strlimit": "0"}, "String limit (strace.strlimit): 0 is outside 1..1048576"},
		{map[string]string{"command": "ls", "strlimit": "lots"}, `"lots" is not a whole number`},
		{map[string]string{"command": "ls", "snaplen": "0"}, "Capture length (strace.snaplen): 0 is outside 1..1048576"},
		{map[string]string{"command": "ls", "follow": "maybe"}, `Follow forks (strace.follow): "maybe" is neither true nor false`},
		{map[string]string{"command": "ls", "onstop": "explode"}, "neither kill nor detach"},
		{map[string]string{"command": "ls", "env": "=x"}, "has no variable name"},
	} {
		_, err := ParseConfig(getter(tc.in), Caller{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%v) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
}

func TestEveryOptionParsed(t *testing.T) {
	// An option in the table that ParseConfig ignores would be a dialog
	// field that does nothing: a wrong value for each must fail, or a
	// changed value must change the config.
	base := map[string]string{"command": "ls"}
	ref, err := ParseConfig(getter(base), Caller{})
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]string{"command": "true", "workdir": "/x", "env": "A=1", "process": "1", "pids": "1",
		"follow": "false", "strlimit": "99", "snaplen": "4096", "socksnaplen": "512", "fdpaths": "false", "onstop": "detach", "output": "/o", "debug-file": "/l",
		"remote-host": "web1", "remote-port": "2222", "remote-key": "/k", "remote-path": "/opt/stracedump"}
	// The other Remote options count only with a host.
	refRemote, err := ParseConfig(getter(map[string]string{"command": "ls", "remote-host": "web1"}), Caller{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range Options {
		v, ok := changed[o.Call]
		if !ok {
			t.Errorf("option %s has no case here", o.Call)
			continue
		}
		in := map[string]string{"command": "ls", o.Call: v}
		if o.Call == "process" || o.Call == "pids" {
			in = map[string]string{o.Call: v}
		}
		want := ref
		if o.Call != "remote-host" && strings.HasPrefix(o.Call, "remote-") {
			in["remote-host"], want = "web1", refRemote
		}
		if o.Call == "fdpaths" {
			delete(in, "remote-host")
		}
		got, err := ParseConfig(getter(in), Caller{})
		if err != nil {
			t.Errorf("%s=%s: %v", o.Call, v, err)
			continue
		}
		if reflect.DeepEqual(got, want) {
			t.Errorf("%s=%s changes nothing", o.Call, v)
		}
	}
}

func TestPrefNames(t *testing.T) {
	for call, want := range map[string]string{"command": "strace.command", "debug-file": "strace.debugfile"} {
		if got := PrefName(call); got != want {
			t.Errorf("PrefName(%s) = %s, want %s", call, got, want)
		}
	}
}

func TestStripUnknown(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"--extcap-interfaces", "--extcap-version=4.2"}, []string{"--extcap-interfaces", "--extcap-version=4.2"}},
		{[]string{"--extcap-config", "--extcap-config-option-x", "v", "--extcap-interface", "strace"},
			[]string{"--extcap-config", "--extcap-interface", "strace"}},
		{[]string{"--capture", "--extcap-new=3", "--extcap-flag", "--fifo", "/f"}, []string{"--capture", "--fifo", "/f"}},
		{[]string{"--command", "--extcap-x"}, []string{"--command", "--extcap-x"}}, // a value, not an option
		{[]string{"--capture", "--", "--extcap-x"}, []string{"--capture", "--", "--extcap-x"}},
	} {
		if got := StripUnknown(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("StripUnknown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParseCaller(t *testing.T) {
	for _, tc := range []struct {
		argv []string
		want Caller
	}{
		{[]string{"/usr/bin/tshark", "-i", "strace", "-o", "extcap.strace.command:ls -l /", "-oextcap.strace.pids:12", "-o", "gui.x:1"},
			Caller{Name: "tshark", Set: map[string]string{"command": "ls -l /", "pids": "12"}}},
		{[]string{"wireshark", "-o", "Extcap.Strace.Process:", "-o", "extcap.strace.debugfile:/l", "-o", "extcap.strace.process:7"},
			Caller{Name: "wireshark", Set: map[string]string{"process": "7", "debug-file": "/l"}}},
		{[]string{"wireshark", "-k"}, Caller{Name: "wireshark"}},
		{[]string{"tshark", "-o"}, Caller{Name: "tshark"}},
		{[]string{"tshark", "--", "-o", "extcap.strace.pids:1"}, Caller{Name: "tshark"}},
		{[]string{"go", "-o", "extcap.strace.pids:1"}, Caller{}}, // another program's -o
		{nil, Caller{}},
	} {
		if got := ParseCaller(tc.argv); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseCaller(%q) = %+v, want %+v", tc.argv, got, tc.want)
		}
	}
}

// TestWhatToTrace: a command or processes set with -o win over the other
// kind's values, which Wireshark passes when it saved them in an earlier
// session; without -o, both kinds at once is an error naming the values.
func TestWhatToTrace(t *testing.T) {
	tshark := func(set map[string]string) Caller { return Caller{Name: "tshark", Set: set} }
	for _, tc := range []struct {
		name     string
		in       map[string]string // what arrives, saved values included
		caller   Caller
		argv     []string
		pids     []int
		errParts []string
	}{
		{"saved process, -o command", map[string]string{"command": "ls -l /", "process": "1234"},
			tshark(map[string]string{"command": "ls -l /"}), []string{"ls", "-l", "/"}, nil, nil},
		{"saved process, -o pids", map[string]string{"process": "1234", "pids": "55"},
			tshark(map[string]string{"pids": "55"}), nil, []int{55}, nil},
		{"saved command and pids, -o process", map[string]string{"command": "make", "pids": "9", "process": "77"},
			Caller{Name: "wireshark", Set: map[string]string{"process": "77"}}, nil, []int{77}, nil},
		{"saved command, -o pids", map[string]string{"command": "make", "pids": "55"},
			tshark(map[string]string{"pids": "55"}), nil, []int{55}, nil},
		{"-o clears the saved process", map[string]string{"command": "make", "process": ""},
			tshark(map[string]string{"process": ""}), []string{"make"}, nil, nil},
		{"-o command since cleared in the dialog", map[string]string{"command": "", "process": "77"},
			Caller{Name: "wireshark", Set: map[string]string{"command": "make"}}, nil, []int{77}, nil},
		{"-o command since changed in the dialog", map[string]string{"command": "ls", "process": "77"},
			Caller{Name: "wireshark", Set: map[string]string{"command": "make"}}, nil, nil, []string{`Command "ls" (Program tab)`}},
		{"picker and typed ids together", map[string]string{"process": "12", "pids": "34"},
			Caller{Name: "wireshark"}, nil, []int{12, 34}, nil},
		{"both in the dialog", map[string]string{"command": "ls -l /", "process": "1234"}, Caller{Name: "wireshark"}, nil, nil,
			[]string{`Command "ls -l /" (Program tab)`, `Process "1234" (Attach tab)`, "gear next to strace"}},
		{"both saved, tshark without -o", map[string]string{"command": "ls", "process": "1234"}, tshark(nil), nil, nil,
			[]string{`extcap.strace.command "ls"`, `extcap.strace.process "1234"`, "-o extcap.strace.process:"}},
		{"both with -o", map[string]string{"command": "ls", "pids": "5"}, tshark(map[string]string{"command": "ls", "pids": "5"}), nil, nil,
			[]string{"set with -o", "give only one"}},
		{"both by hand", map[string]string{"command": "ls", "pids": "5"}, Caller{}, nil, nil,
			[]string{"not both", `--command "ls"`, `--pids "5"`}},
		{"nothing, Wireshark", map[string]string{}, Caller{Name: "wireshark"}, nil, nil,
			[]string{"nothing to trace", "Command in the Program tab", "Process IDs in the Attach tab"}},
		{"nothing, tshark", map[string]string{"process": ""}, tshark(nil), nil, nil,
			[]string{"nothing to trace", "-o 'extcap.strace.command:ls -l /'", "-o extcap.strace.pids:1234"}},
		{"nothing, by hand", map[string]string{}, Caller{}, nil, nil, []string{"nothing to trace", "--command", "--pids"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConfig(getter(tc.in), tc.caller)
			if tc.errParts != nil {
				if err == nil {
					t.Fatalf("got %+v, want an error", got)
				}
				for _, p := range tc.errParts {
					if !strings.Contains(err.Error(), p) {
						t.Errorf("error %q lacks %q", err, p)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Argv, tc.argv) || !reflect.DeepEqual(got.PIDs, tc.pids) {
				t.Errorf("traces %q and pids %v, want %q and %v", got.Argv, got.PIDs, tc.argv, tc.pids)
			}
		})
	}
}
