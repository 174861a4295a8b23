package extcap

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRemoteCommandLine(t *testing.T) {
	c, err := ParseConfig(getter(map[string]string{"command": `sh -c 'echo "$HOME"'`, "workdir": "/srv/my app", "env": "A=1",
		"strlimit": "64", "remote-host": "ops@web1", "remote-port": "2222", "remote-key": "/k/id", "onstop": "detach"}), Caller{})
	if err != nil {
		t.Fatal(err)
	}
	got := c.Remote.SSHArgs(c.Dir, c.RecordArgs("trace=%file status=failed")...)
	want := []string{"-o", "BatchMode=yes", "-p", "2222", "-i", "/k/id", "ops@web1", "--",
		`cd '/srv/my app' && exec stracedump record -o - -f=true -s 64 --snaplen 256 --snaplen-socket 65536 --detach-on-stop -e trace=%file -e status=failed -E A=1 -I 2 -- sh -c 'echo "$HOME"'`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ssh args\n got %q\nwant %q", got, want)
	}
	if got := c.Remote.Label(); got != "web1:2222" {
		t.Errorf("label %q", got)
	}
	// The remote shell gets back exactly the words.
	words, err := SplitWords(strings.TrimPrefix(got[len(got)-1], "cd '/srv/my app' && exec "))
	if err != nil || words[len(words)-1] != `echo "$HOME"` {
		t.Errorf("remote words %q (%v)", words, err)
	}

	c, err = ParseConfig(getter(map[string]string{"pids": "12 34", "remote-host": "web1", "remote-path": "/opt/sd"}), Caller{})
	if err != nil {
		t.Fatal(err)
	}
	got = c.Remote.SSHArgs(c.Dir, c.RecordArgs("")...)
	want = []string{"-o", "BatchMode=yes", "web1", "--", "/opt/sd record -o - -f=true -s 32 --snaplen 256 --snaplen-socket 65536 -p 12 -p 34"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ssh args\n got %q\nwant %q", got, want)
	}
}

func TestRemoteOptionErrors(t *testing.T) {
	for _, tc := range []struct {
		in   map[string]string
		want string
	}{
		{map[string]string{"command": "ls", "remote-host": "-oProxyCommand=x"}, "Remote host (strace.remotehost): \"-oProxyCommand=x\" is not a host name"},
		{map[string]string{"command": "ls", "remote-host": "a b"}, "is not a host name"},
		{map[string]string{"command": "ls", "remote-host": "h", "remote-port": "70000"}, "SSH port (strace.remoteport): \"70000\" is not a port number"},
		{map[string]string{"command": "ls", "remote-host": "h", "fdpaths": "false"}, "File descriptor paths (strace.fdpaths): a remote capture always captures them"},
	} {
		_, err := ParseConfig(getter(tc.in), Caller{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%v) = %v, want an error containing %q", tc.in, err, tc.want)
		}
	}
}

func TestSSHError(t *testing.T) {
	r := &Remote{Host: "ops@web1", Port: 2222, Path: "stracedump"}
	for _, tc := range []struct {
		status  int
		stderr  string
		started bool
		want    string
	}{
		{255, "Host key verification failed.", false, "the host key of web1:2222 is not known yet (or has changed), and BatchMode cannot ask: run 'ssh -p 2222 ops@web1 true'"},
		{255, "ops@web1: Permission denied (publickey).", false, "web1:2222 refused the login (ops@web1: Permission denied (publickey).): give an Identity file (Remote tab, extcap.strace.remotekey)"},
		{255, "ssh: connect to host web1 port 2222: Connection refused", false, "cannot reach web1:2222: ssh: connect to host web1 port 2222: Connection refused"},
		{255, "Connection to web1 closed by remote host.", true, "the connection to web1:2222 dropped during the capture: Connection to web1 closed by remote host."},
		{127, "bash: line 1: stracedump: command not found", false, `web1:2222 has no "stracedump" (bash: line 1: stracedump: command not found): install stracedump there, or set the Remote stracedump path (Remote tab, extcap.strace.remotepath)`},
	} {
		err := r.SSHError(tc.status, strings.Split(tc.stderr, "\n"), tc.started)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("SSHError(%d, %q) = %v\nwant it to contain %q", tc.status, tc.stderr, err, tc.want)
		}
		if tc.status == 255 && !errors.Is(err, ErrSSH) {
			t.Errorf("SSHError(255, %q) is not ErrSSH", tc.stderr)
		}
	}
}

func TestParseProcessValues(t *testing.T) {
	text := "value {arg=3}{value=}{display=(none)}{default=true}\n" +
		"value {arg=3}{value=42}{display=42 sleep sleep 100}\n" +
		"value {arg=3}{value=7}{display=7 sh}\n"
	got := ParseProcessValues(text)
	want := []Process{{PID: 42, Name: "sleep", Cmdline: "sleep 100"}, {PID: 7, Name: "sh"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for i, p := range got {
		if want := []string{"42 sleep sleep 100", "7 sh"}[i]; p.String() != want {
			t.Errorf("%q shows as %q", want, p.String())
		}
	}
}
