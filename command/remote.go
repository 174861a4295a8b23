package command

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/extcap"
	"github.com/stracedump/stracedump/internal/private"
	"github.com/stracedump/stracedump/pcapng"
)

// sshClient is the system ssh client: stracedump speaks no SSH itself, so
// the user's keys, agent, known hosts and ~/.ssh/config all apply.
func sshClient() (string, error) {
	p, err := exec.LookPath("ssh")
	if err != nil {
		return "", errors.New("a remote host needs the ssh client, which is not on PATH: install openssh-client")
	}
	return p, nil
}

// remoteCapture runs cfg's capture on cfg.Remote: ssh runs stracedump
// record there, writing pcapng to its stdout, which is copied into out
// with the host named in the interface description. A stop (out's reader
// gone, SIGTERM, SIGINT, SIGHUP) ends ssh; the remote record then sees
// its own reader go, and lets go of its tracees as a local capture does.
func remoteCapture(out *os.File, cfg *extcap.Config, filter string, logger *log.Logger) error {
	r := cfg.Remote
	ssh, err := sshClient()
	if err != nil {
		return err
	}
	dir := "" // the working directory is the launched program's
	if len(cfg.Argv) > 0 {
		dir = cfg.Dir
	}
	args := r.SSHArgs(dir, cfg.RecordArgs(filter)...)
	logger.Printf("remote: %s %q", ssh, args)
	cmd := exec.Command(ssh, args...)
	// Its own process group: a terminal's ^C reaches us, and we end ssh.
	// Should we die first (Wireshark's SIGKILL), it gets a SIGTERM.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	// The launched program's stdout and stderr come back on ssh's stderr
	// (record -o - keeps stdout for the capture).
	var programOut io.Writer = io.Discard
	if cfg.Output != "" && len(cfg.Argv) > 0 {
		f, err := private.Create(cfg.Output)
		if err != nil {
			return fmt.Errorf("program output: %w", err)
		}
		defer f.Close()
		programOut = f
	}

	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)

	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting ssh: %w", err)
	}
	var stopped atomic.Bool
	var stopOnce sync.Once
	stop := func(why string) {
		stopOnce.Do(func() {
			stopped.Store(true)
			logger.Printf("remote: stopping (%s)", why)
			stdin.Close()
			_ = cmd.Process.Signal(syscall.SIGTERM)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case sig := <-sigs:
			stop(sig.String())
		case <-ctx.Done():
		}
	}()
	go watchFIFO(ctx, out, func() { stop("the capture's reader went away") })

	// stderr: the remote stracedump's errors, ssh's, and the program's
	// output.
	var (
		mu        sync.Mutex
		remoteErr string
		tail      []string
	)
	errDone := make(chan struct{})
	go func() {
		defer close(errDone)
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			line := sc.Text()
			mu.Lock()
			if msg, ok := strings.CutPrefix(line, "stracedump: "); ok && remoteErr == "" {
				remoteErr = msg
			}
			tail = append(tail, line)
			if len(tail) > 20 {
				tail = tail[1:]
			}
			mu.Unlock()
			fmt.Fprintln(programOut, line)
		}
	}()

	var begun atomic.Bool
	copyErr := pcapng.CopyRelabelled(out, stdout, func(desc string) string {
		return pcapng.HostDescription(r.Label(), desc)
	}, func() { begun.Store(true) })
	if errors.Is(copyErr, syscall.EPIPE) {
		stop("the capture's reader went away")
	}
	if copyErr != nil {
		logger.Printf("remote: copy: %v", copyErr)
	}
	// An early end of the copy (not a pcapng stream) must not leave ssh
	// blocked on a full pipe.
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	<-errDone
	waitErr := cmd.Wait()
	cancel()
	status := cmd.ProcessState.ExitCode()
	logger.Printf("remote: ssh ended: %v (status %d), %d stderr lines kept", waitErr, status, len(tail))
	if stopped.Load() {
		return nil // a stop is a capture that went well
	}
	mu.Lock()
	defer mu.Unlock()
	started := begun.Load()
	switch {
	case remoteErr != "" && status != 0 && status != 255:
		return fmt.Errorf("on %s: %s", r.Label(), remoteErr)
	case !started:
		// record writes the capture's header before anything can fail
		// there: without it, ssh or the remote shell failed.
		return r.SSHError(status, tail, false)
	case status < 0 || status == 255 && extcap.SSHComplained(tail):
		return r.SSHError(255, tail, true)
	case copyErr != nil:
		return fmt.Errorf("on %s: %w", r.Label(), copyErr)
	}
	// Any other status is the traced program's own, passed on by record
	// (255 and 127 included, once the capture has started).
	return nil
}

// watchFIFO calls gone once out's reader has gone away, which a pipe's
// write end shows by polling with an error, until ctx ends.
func watchFIFO(ctx context.Context, out *os.File, gone func()) {
	fi, err := out.Stat()
	if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return
	}
	fds := []unix.PollFd{{Fd: int32(out.Fd())}}
	for ctx.Err() == nil {
		n, err := unix.Poll(fds, 250)
		if err == nil && n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0 {
			gone()
			return
		}
	}
}

// remoteProcesses lists the processes of r as its own process picker
// does: the remote stracedump answers the picker's reload.
func remoteProcesses(r *extcap.Remote) ([]extcap.Process, error) {
	ssh, err := sshClient()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, ssh, r.SSHArgs("", extcap.ReloadArgs()...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("listing the processes of %s: no answer in 30 s", r.Label())
	}
	if err != nil {
		lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
		if msg, ok := strings.CutPrefix(lines[len(lines)-1], "stracedump: "); ok && cmd.ProcessState.ExitCode() == 1 {
			return nil, fmt.Errorf("listing the processes of %s: %s", r.Label(), msg)
		}
		return nil, r.SSHError(cmd.ProcessState.ExitCode(), lines, false)
	}
	return extcap.ParseProcessValues(stdout.String()), nil
}
