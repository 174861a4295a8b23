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
			Config{Argv: []string{"ls", "-l", "/"}, FollowForks: true, StringLimit: 32, FDPaths: true}},
		{"everything set", map[string]string{"command": `./run "x y"`, "workdir": "/srv", "env": `A=1 B="two words" C`,
			"follow": "false", "strlimit": "256", "fdpaths": "false", "onstop": "detach", "output": "/tmp/o", "debug-file": "/tmp/l"},
			Config{Argv: []string{"/srv/run", "x y"}, Dir: "/srv", Env: []string{"A=1", "B=two words", "C"},
				StringLimit: 256, DetachOnStop: true, Output: "/tmp/o", DebugFile: "/tmp/l"}},
		{"attach by selector and typed", map[string]string{"process": "12", "pids": "34, 56 12"},
			Config{PIDs: []int{12, 34, 56}, FollowForks: true, StringLimit: 32, FDPaths: true}},
		{"empty selector", map[string]string{"process": "", "pids": "7"},
			Config{PIDs: []int{7}, FollowForks: true, StringLimit: 32, FDPaths: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConfig(getter(tc.in))
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
		{map[string]string{"command": "ls", "follow": "maybe"}, `Follow forks (strace.follow): "maybe" is neither true nor false`},
		{map[string]string{"command": "ls", "onstop": "explode"}, "neither kill nor detach"},
		{map[string]string{"command": "ls", "env": "=x"}, "has no variable name"},
	} {
		_, err := ParseConfig(getter(tc.in))
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
	ref, err := ParseConfig(getter(base))
	if err != nil {
		t.Fatal(err)
	}
	changed := map[string]string{"command": "true", "workdir": "/x", "env": "A=1", "process": "1", "pids": "1",
		"follow": "false", "strlimit": "99", "fdpaths": "false", "onstop": "detach", "output": "/o", "debug-file": "/l"}
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
		got, err := ParseConfig(getter(in))
		if err != nil {
			t.Errorf("%s=%s: %v", o.Call, v, err)
			continue
		}
		if reflect.DeepEqual(got, ref) {
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
