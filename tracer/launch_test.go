package tracer

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/decoder/filter"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
	"golang.org/x/sys/unix"
)

// TestLaunchWays launches commands both ways a launch can go: in our
// memory (cloneStopped, where the kernel and architecture allow it) and
// forked (forkChild). Each must set the command up the same: directory,
// stdin, stdout and stderr, no signal blocked, an ignored signal still
// ignored (as nohup leaves it), and the launch failures reported the
// same.
func TestLaunchWays(t *testing.T) {
	// What a shell started by nohup has; Go's handlers are reset at exec.
	if err := cloneLaunch.Err(); err != nil {
		testhost.Substitute(t, cloneLaunch, "the forked launch, which is the launch here")
	}
	signal.Ignore(syscall.SIGHUP)
	defer signal.Reset(syscall.SIGHUP)
	for _, byFork := range []bool{false, true} {
		t.Run(fmt.Sprintf("byFork=%v", byFork), func(t *testing.T) {
			// Without clone3 (or told so), the launch forks either way.
			launchByFork = byFork || cloneLaunch.Err() != nil
			defer func() { launchByFork = false }()
			dir := t.TempDir()
			in := filepath.Join(dir, "in")
			if err := os.WriteFile(in, []byte("from stdin\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			files := make([]*os.File, 3)
			for i, name := range []string{"in", "out", "err"} {
				f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR|os.O_CREATE, 0o644)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				files[i] = f
			}
			opts := Options{FollowForks: true, Decoder: decoder.New(decoder.CaptureOptions(32)), Dir: dir,
				Stdin: files[0], Stdout: files[1], Stderr: files[2]}
			run := func(argv ...string) string {
				t.Helper()
				if _, err := files[1].Seek(0, 0); err != nil {
					t.Fatal(err)
				}
				if err := files[1].Truncate(0); err != nil {
					t.Fatal(err)
				}
				stats, err := Trace(context.Background(), Target{Argv: argv}, opts, func(*pcapng.Record) error { return nil })
				if err != nil || stats.Syscalls == 0 {
					t.Fatalf("tracing %v: %v, %d calls", argv, err, stats.Syscalls)
				}
				if stats.Cloned == launchByFork {
					t.Errorf("Stats.Cloned %v, want %v", stats.Cloned, !launchByFork)
				}
				out, _ := os.ReadFile(files[1].Name())
				return string(out)
			}
			if out, want := run("sh", "-c", "pwd; cat; echo to stderr >&2"), dir+"\nfrom stdin\n"; out != want {
				t.Errorf("the command's stdout: %q, want %q", out, want)
			}
			if errOut, _ := os.ReadFile(files[2].Name()); string(errOut) != "to stderr\n" {
				t.Errorf("the command's stderr: %q, want %q", errOut, "to stderr\n")
			}
			// Not through sh, which unblocks every signal at its start. The
			// blocked and ignored signals are those of a command os/exec
			// starts: what we were started with, and SIGHUP ignored.
			signals := []string{"grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"}
			want, err := exec.Command(signals[0], signals[1:]...).Output()
			if err != nil {
				t.Fatal(err)
			}
			var blocked, ignored uint64
			if _, err := fmt.Sscanf(string(want), "SigBlk:\t%x\nSigIgn:\t%x\n", &blocked, &ignored); err != nil || ignored&1 == 0 {
				t.Fatalf("a command started by os/exec has %q (%v): not SIGHUP ignored", want, err)
			}
			if out := run(signals...); out != string(want) {
				t.Errorf("the command's signals: %q, want %q, as os/exec starts it", out, want)
			}

			opts.Dir = filepath.Join(dir, "missing")
			_, err = Trace(context.Background(), Target{Argv: []string{"true"}}, opts, func(*pcapng.Record) error { return nil })
			if want := "changing directory to " + opts.Dir + ": no such file or directory"; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("a launch into a missing directory: %v, want %q", err, want)
			}
		})
	}
}

// cloneLaunch is what cloneStopped needs: clone3 with CLONE_CLEAR_SIGHAND
// (Linux 5.5), not refused by a seccomp policy, and its assembly.
var cloneLaunch = testhost.NewFeature("clone3 with CLONE_VM and CLONE_CLEAR_SIGHAND", "clone3", func() error {
	if runtime.GOARCH != "amd64" {
		return fmt.Errorf("no clone3Run assembly for %s", runtime.GOARCH)
	}
	// No arguments: EFAULT or EINVAL where the call exists.
	if _, _, e := unix.Syscall(unix.SYS_CLONE3, 0, 0, 0); e == unix.ENOSYS {
		return fmt.Errorf("clone3 gave %v", e)
	}
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return err
	}
	var major, minor int
	release := unix.ByteSliceToString(u.Release[:])
	if _, err := fmt.Sscanf(release, "%d.%d", &major, &minor); err != nil || major < 5 || major == 5 && minor < 5 {
		return fmt.Errorf("kernel %s, CLONE_CLEAR_SIGHAND came in 5.5", release)
	}
	return nil
})

// TestLaunchWaysReportExec: under a seccomp filter that leaves execve
// out, the child itself reports a failed exec, both ways.
func TestLaunchWaysReportExec(t *testing.T) {
	if err := seccompFilters.Err(); err != nil {
		testhost.Substitute(t, seccompFilters, "TestLaunchWays checks both launch ways without a filter")
		t.SkipNow()
	}
	sel, err := filter.Parse("trace=openat")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.WriteFile(bad, []byte("\x7fELF, but not one"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, byFork := range []bool{false, true} {
		t.Run(fmt.Sprintf("byFork=%v", byFork), func(t *testing.T) {
			launchByFork = byFork
			defer func() { launchByFork = false }()
			stderr, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
			if err != nil {
				t.Fatal(err)
			}
			defer stderr.Close()
			opts := Options{FollowForks: true, Decoder: decoder.New(decoder.CaptureOptions(32)), Seccomp: sel, Stderr: stderr}
			stats, err := Trace(context.Background(), Target{Argv: []string{bad}}, opts, func(*pcapng.Record) error { return nil })
			msg, _ := os.ReadFile(stderr.Name())
			want := "stracedump: exec " + bad + ": exec format error\n"
			if err != nil || !stats.Seccomp || string(msg) != want {
				t.Errorf("exec of a bad binary under a filter: %v, seccomp %v, stderr %q; want %q", err, stats.Seccomp, msg, want)
			}
		})
	}
}
