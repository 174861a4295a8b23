package command

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"runtime"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/extcap"
)

// Remote install: this very binary (static, no cgo) copied through the
// system ssh client onto another host, where the strace interface's
// Remote tab and sshdump then run it. Nothing but a POSIX shell, uname,
// cat, wc, chmod and mv is needed there.

// remoteInstallFlags are install's and uninstall's flags for another host.
func remoteInstallFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "remote", Usage: "install on this `host` (or user@host) through ssh, instead of into Wireshark here"},
		&cli.StringFlag{Name: "remote-port", Usage: "the SSH server's `port` (with --remote)"},
		&cli.StringFlag{Name: "remote-key", Usage: "the identity `file` to log in with (with --remote)"},
		&cli.StringFlag{Name: "to", Usage: "the remote `path` of the binary (with --remote); default /usr/local/bin/stracedump for root, else ~/.local/bin/stracedump"},
	}
}

// remoteProbe is what install learns of the remote host first.
type remoteProbe struct {
	arch  string // uname -m
	root  bool
	home  string
	found string // the stracedump ssh commands find on PATH, or ""
}

// probeScript prints uname -m, the user id, $HOME and the stracedump a
// command run through ssh finds, a line each.
const probeScript = `uname -m && id -u && printf '%s\n' "$HOME" && { command -v stracedump || true; }`

// installScript writes standard input to $1 (through $1.new, renamed
// when whole, so a capture starting meanwhile never runs half a binary),
// checks that it has $2 bytes and runs, and prints its version and the
// stracedump ssh commands now find. Each failure is one line on stderr.
const installScript = `dest=$1 tmp=$1.new
if ! err=$(mkdir -p -- "$(dirname -- "$dest")" 2>&1); then echo "$err" >&2; exit 1; fi
if ! err=$({ cat >"$tmp"; } 2>&1); then rm -f -- "$tmp"; echo "cannot write $tmp: $err" >&2; exit 1; fi
size=$(wc -c <"$tmp")
if [ "$size" -ne "$2" ]; then rm -f -- "$tmp"; echo "the copy to $tmp was cut short: $size of $2 bytes" >&2; exit 1; fi
if ! err=$(chmod 755 -- "$tmp" 2>&1 && mv -f -- "$tmp" "$dest" 2>&1); then rm -f -- "$tmp"; echo "$err" >&2; exit 1; fi
if ! v=$("$dest" --version 2>&1); then echo "$dest does not run there: $v" >&2; exit 1; fi
printf '%s\n' "$v"
command -v stracedump || true`

// uninstallScript removes $1, if it is there.
const uninstallScript = `if [ -e "$1" ]; then rm -f -- "$1" && echo removed; fi`

// unameArches are the uname -m values of the machines a build for
// GOARCH runs on.
var unameArches = map[string][]string{
	"amd64":   {"x86_64"},
	"386":     {"i386", "i486", "i586", "i686", "x86_64"},
	"arm64":   {"aarch64", "arm64"},
	"riscv64": {"riscv64"},
}

// runsOn reports whether a build for goarch runs on a machine whose
// uname -m is machine.
func runsOn(goarch, machine string) bool {
	for _, m := range unameArches[goarch] {
		if m == machine {
			return true
		}
	}
	return false
}

func remoteFromFlags(c *cli.Context) (*extcap.Remote, error) {
	host := c.String("remote")
	if err := extcap.CheckHost(host); err != nil {
		return nil, fmt.Errorf("--remote: %w", err)
	}
	r := &extcap.Remote{Host: host, Key: c.String("remote-key")}
	if p := c.String("remote-port"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("--remote-port: %q is not a port number (1..65535)", p)
		}
		r.Port = n
	}
	if c.Bool("system") {
		return nil, errors.New("--system installs into this machine's Wireshark; with --remote, --to says where the binary goes")
	}
	return r, nil
}

// sshRun runs script with args on r's host, its stdin from stdin, and
// returns its stdout, or the reason it failed in one line.
func sshRun(r *extcap.Remote, stdin *os.File, script string, args ...string) (string, error) {
	ssh, err := sshClient()
	if err != nil {
		return "", err
	}
	cmd := exec.Command(ssh, r.SSHScript(script, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return "", r.SSHError(ee.ExitCode(), strings.Split(errb.String(), "\n"), false)
	} else if err != nil {
		return "", fmt.Errorf("running ssh: %w", err)
	}
	return out.String(), nil
}

func probeRemote(r *extcap.Remote) (remoteProbe, error) {
	out, err := sshRun(r, nil, probeScript)
	if err != nil {
		return remoteProbe{}, err
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 3 {
		return remoteProbe{}, fmt.Errorf("%s answered %q to uname -m, id -u and $HOME", r.Label(), out)
	}
	p := remoteProbe{arch: lines[0], root: lines[1] == "0", home: lines[2]}
	if len(lines) > 3 {
		p.found = lines[3]
	}
	return p, nil
}

// remoteDest is where the binary goes: --to (relative to the remote home
// directory unless absolute), else the usual place for the user.
func remoteDest(to string, p remoteProbe) string {
	switch {
	case to == "" && p.root:
		return "/usr/local/bin/stracedump"
	case to == "":
		return path.Join(p.home, ".local/bin/stracedump")
	case to == "~" || strings.HasPrefix(to, "~/"):
		return path.Join(p.home, to[1:])
	case !path.IsAbs(to):
		return path.Join(p.home, to)
	}
	return path.Clean(to)
}

func installRemote(c *cli.Context, remove bool) error {
	r, err := remoteFromFlags(c)
	if err != nil {
		return err
	}
	w := c.App.Writer
	p, err := probeRemote(r)
	if err != nil {
		return err
	}
	dest := remoteDest(c.String("to"), p)
	r.Path = dest
	if remove {
		fmt.Fprintf(w, "removing %s on %s\n", dest, r.Label())
		if c.Bool("dry-run") {
			return nil
		}
		out, err := sshRun(r, nil, uninstallScript, dest)
		if err != nil {
			return err
		}
		if out == "" {
			fmt.Fprintf(w, "%s has no %s\n", r.Label(), dest)
		}
		return nil
	}
	if !runsOn(runtime.GOARCH, p.arch) {
		return fmt.Errorf("%s is %s and this stracedump is built for %s (%s): build one for it (GOARCH=... make build) and install that", r.Label(), p.arch, strings.Join(unameArches[runtime.GOARCH], " or "), runtime.GOARCH)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot find this binary to copy: %w", err)
	}
	f, err := os.Open(self)
	if err != nil {
		return fmt.Errorf("cannot read this binary to copy: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "installing stracedump %s (%s, %d bytes) on %s as %s\n", Version, p.arch, st.Size(), r.Label(), dest)
	if c.Bool("dry-run") {
		return nil
	}
	out, err := sshRun(r, f, installScript, dest, strconv.FormatInt(st.Size(), 10))
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	fmt.Fprintf(w, "  it runs: %s\n", lines[0])
	found := ""
	if len(lines) > 1 {
		found = lines[1]
	}
	pathPrefs := fmt.Sprintf("-o extcap.strace.remotehost:%s", r.Host)
	if r.Port != 0 {
		pathPrefs += fmt.Sprintf(" -o extcap.strace.remoteport:%d", r.Port)
	}
	if r.Key != "" {
		pathPrefs += " -o extcap.strace.remotekey:" + r.Key
	}
	switch found {
	case dest:
	case "":
		fmt.Fprintf(w, "  %s is not on the PATH of commands run through ssh there: set the strace interface's Remote\n  stracedump path (Remote tab, extcap.strace.remotepath) to %s, and give sshdump's command that path\n", path.Dir(dest), dest)
		pathPrefs += " -o extcap.strace.remotepath:" + dest
	default:
		fmt.Fprintf(w, "  commands run through ssh there find another stracedump first (%s): set the strace interface's Remote\n  stracedump path (Remote tab, extcap.strace.remotepath) to %s, and give sshdump's command that path\n", found, dest)
		pathPrefs += " -o extcap.strace.remotepath:" + dest
	}
	fmt.Fprintf(w, "check with: tshark -i strace %s -o 'extcap.strace.command:ls /' -a duration:10 -w ls.pcapng\n", pathPrefs)
	return nil
}
