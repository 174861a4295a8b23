package testhost

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"golang.org/x/sys/unix"
)

// Attach is ptrace's attaching to a running process that is not a child of
// the tracer's launch (stracedump record -p, the extcap's process picker).
// Yama's kernel.yama.ptrace_scope limits it (1: descendants only, 2:
// CAP_SYS_PTRACE only, 3: never), and so do containers that drop
// CAP_SYS_PTRACE.
var Attach = NewFeature("ptrace attach to a running process", "attach", probeAttach)

// probeAttach seizes a sleeping process, as stracedump record -p does, and
// reads the reason when the kernel refuses.
func probeAttach() error {
	child := exec.Command("sleep", "30")
	if err := child.Start(); err != nil {
		return fmt.Errorf("starting a process to attach to: %w", err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()
	// A ptrace tracer is a thread: seize and detach from the same one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	err := unix.PtraceSeize(child.Process.Pid)
	if err == nil {
		// Killing the tracee ends the tracing; nothing to detach.
		return nil
	}
	why := fmt.Sprintf("PTRACE_SEIZE of a process gave %v", err)
	if b, rerr := os.ReadFile("/proc/sys/kernel/yama/ptrace_scope"); rerr == nil {
		why += "; kernel.yama.ptrace_scope=" + strings.TrimSpace(string(b))
	}
	return errors.New(why)
}
