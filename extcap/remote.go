package extcap

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Remote is where a capture runs when it is not this machine: a host the
// system ssh client logs in to, without asking anything (BatchMode), and
// the stracedump there.
type Remote struct {
	Host string // "host" or "user@host"
	Port int    // 0: ssh's default
	Key  string // identity file; "" for ssh's defaults
	Path string // the remote stracedump
}

// RemoteFromOptions reads the Remote tab's options through value (an
// option's value by call, "" when not given); nil when no host is set.
func RemoteFromOptions(value func(call string) string) (*Remote, error) {
	return parseRemote(func(call string) string {
		if v := value(call); v != "" {
			return v
		}
		return option(call).Default
	})
}

// parseRemote reads the Remote tab; nil when no host is set.
func parseRemote(value func(string) string) (*Remote, error) {
	host := strings.TrimSpace(value(optRemoteHost))
	if host == "" {
		return nil, nil
	}
	if err := CheckHost(host); err != nil {
		return nil, optionError(optRemoteHost, err)
	}
	r := &Remote{Host: host, Key: strings.TrimSpace(value(optRemoteKey)), Path: strings.TrimSpace(value(optRemotePath))}
	if p := strings.TrimSpace(value(optRemotePort)); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, optionError(optRemotePort, fmt.Errorf("%q is not a port number (1..65535)", p))
		}
		r.Port = n
	}
	if r.Path == "" {
		r.Path = "stracedump"
	}
	return r, nil
}

// CheckHost says why host is not something to give ssh as its host: it
// would read as an option, or is more than one word.
func CheckHost(host string) error {
	if host == "" || strings.HasPrefix(host, "-") || strings.ContainsAny(host, " \t\n'\"\\;&|$`") {
		return fmt.Errorf("%q is not a host name or user@host", host)
	}
	return nil
}

// Label names the host in captures and messages: the host as typed,
// without the user, with the port when one is set ("web1", "web1:2222"),
// so two SSH servers on one address stay apart.
func (r *Remote) Label() string {
	_, host, ok := strings.Cut(r.Host, "@")
	if !ok {
		host = r.Host
	}
	if r.Port != 0 {
		host += ":" + strconv.Itoa(r.Port)
	}
	return host
}

// SSHArgs is the ssh command line (without "ssh") that runs stracedump
// with args on the remote host. The remote side runs the command through
// the user's shell, so every word is quoted for it; dir, when set, is
// changed to first.
func (r *Remote) SSHArgs(dir string, args ...string) []string {
	cmd := JoinWords(append([]string{r.Path}, args...))
	if dir != "" {
		cmd = "cd " + JoinWords([]string{dir}) + " && exec " + cmd
	}
	return append(r.sshOptions(), r.Host, "--", cmd)
}

// SSHScript is the ssh command line (without "ssh") that runs the POSIX
// shell script with args as its $1, $2 ... on the remote host, whatever
// the remote user's login shell is.
func (r *Remote) SSHScript(script string, args ...string) []string {
	cmd := JoinWords(append([]string{"sh", "-c", script, "sh"}, args...))
	return append(r.sshOptions(), r.Host, "--", cmd)
}

// sshOptions never let ssh ask anything: a capture has no terminal.
func (r *Remote) sshOptions() []string {
	ssh := []string{"-o", "BatchMode=yes"}
	if r.Port != 0 {
		ssh = append(ssh, "-p", strconv.Itoa(r.Port))
	}
	if r.Key != "" {
		ssh = append(ssh, "-i", r.Key)
	}
	return ssh
}

// RecordArgs are the arguments of the remote "stracedump record" that
// runs c's capture with the capture filter text filter, writing to stdout.
func (c *Config) RecordArgs(filter string) []string {
	args := []string{"record", "-o", "-",
		"-f=" + strconv.FormatBool(c.FollowForks),
		"-s", strconv.Itoa(c.StringLimit),
		"--snaplen", strconv.Itoa(c.CaptureLength),
		"--snaplen-socket", strconv.Itoa(c.SocketCaptureLength)}
	if c.DetachOnStop {
		args = append(args, "--detach-on-stop")
	}
	for _, e := range strings.Fields(filter) {
		args = append(args, "-e", e)
	}
	if len(c.PIDs) > 0 {
		for _, p := range c.PIDs {
			args = append(args, "-p", strconv.Itoa(p))
		}
		return args
	}
	for _, e := range c.Env {
		args = append(args, "-E", e)
	}
	// As a local capture: the stop signals stop the capture, which then
	// kills the program (or lets it run on, with --detach-on-stop).
	args = append(args, "-I", "2", "--")
	return append(args, c.Argv...)
}

// ReloadArgs are the arguments that make the remote stracedump print the
// process picker's values, as its own reload does.
func ReloadArgs() []string {
	return []string{"--" + FlagConfig, "--" + FlagInterface, Interface, "--" + FlagReloadOption, optProcess}
}

// ParseProcessValues reads the process picker's value sentences, as a
// remote stracedump's reload prints them, back into processes.
func ParseProcessValues(text string) []Process {
	var procs []Process
	for _, line := range strings.Split(text, "\n") {
		_, rest, ok := strings.Cut(line, "}{value=")
		if !ok || !strings.HasPrefix(line, "value {arg=") {
			continue
		}
		pid, rest, _ := strings.Cut(rest, "}{display=")
		display, _, _ := strings.Cut(rest, "}")
		n, err := strconv.Atoi(pid)
		if err != nil || n <= 0 {
			continue // "(none)"
		}
		_, display, _ = strings.Cut(display, " ") // the pid again
		name, cmdline, _ := strings.Cut(display, " ")
		procs = append(procs, Process{PID: n, Name: name, Cmdline: cmdline})
	}
	return procs
}

// ErrSSH marks a failure of ssh itself (exit status 255): no connection,
// no login, an unknown host key, or a connection that dropped.
var ErrSSH = errors.New("ssh failed")

// SSHError turns how a remote run ended into one line that says what to do:
// status is ssh's exit status, stderr the lines ssh and the remote shell
// wrote (stracedump's own errors are passed on before this), started
// whether the capture had begun to arrive.
func (r *Remote) SSHError(status int, stderr []string, started bool) error {
	last := ""
	for i := len(stderr) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(stderr[i]); l != "" && !strings.HasPrefix(l, "Warning: Permanently added") {
			last = l
			break
		}
	}
	all := strings.Join(stderr, "\n")
	ssh := "ssh"
	if r.Port != 0 {
		ssh += " -p " + strconv.Itoa(r.Port)
	}
	ssh += " " + r.Host
	switch {
	case status == 255 && strings.Contains(all, "Host key verification failed"):
		return fmt.Errorf("%w: the host key of %s is not known yet (or has changed), and BatchMode cannot ask: run '%s true' in a terminal once and accept the key", ErrSSH, r.Label(), ssh)
	case status == 255 && strings.Contains(all, "Permission denied"):
		return fmt.Errorf("%w: %s refused the login (%s): give an Identity file (Remote tab, extcap.%s) whose public key is in the remote user's authorized_keys; BatchMode asks for no password", ErrSSH, r.Label(), last, PrefName(optRemoteKey))
	case status == 255 && started:
		return fmt.Errorf("%w: the connection to %s dropped during the capture: %s", ErrSSH, r.Label(), orUnknown(last))
	case status == 255:
		return fmt.Errorf("%w: cannot reach %s: %s", ErrSSH, r.Label(), orUnknown(last))
	case status == 127 || status == 126 || strings.Contains(all, r.Path+": not found") || strings.Contains(all, "command not found"):
		return fmt.Errorf("%s has no %q (%s): install stracedump there, or set the Remote stracedump path (Remote tab, extcap.%s)", r.Label(), r.Path, orUnknown(last), PrefName(optRemotePath))
	}
	if last == "" {
		return fmt.Errorf("the remote stracedump on %s failed (exit status %d)", r.Label(), status)
	}
	return fmt.Errorf("on %s: %s", r.Label(), last)
}

// SSHComplained reports whether ssh itself wrote one of stderr's lines,
// as it does when a connection drops: a status of 255 is otherwise the
// remote command's own.
func SSHComplained(stderr []string) bool {
	for _, l := range stderr {
		if strings.HasPrefix(l, "ssh: ") || strings.HasPrefix(l, "client_loop: ") || strings.HasPrefix(l, "Connection to ") ||
			strings.Contains(l, "closed by remote host") || strings.Contains(l, "Connection reset") || strings.HasPrefix(l, "Timeout, server ") {
			return true
		}
	}
	return false
}

func orUnknown(s string) string {
	if s == "" {
		return "no reason given"
	}
	return s
}
