package tracer

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestExplainAttach: a refused attach says which of Yama's ptrace_scope
// settings refused it and what to do instead (docs/security.md), whatever
// the scope of the machine running the test.
func TestExplainAttach(t *testing.T) {
	for _, tc := range []struct {
		err   error
		scope string
		want  string
	}{
		{unix.EPERM, "", "operation not permitted (needs CAP_SYS_PTRACE or the same user, no other tracer, and kernel.yama.ptrace_scope allowing it)"},
		{unix.EPERM, "0", "operation not permitted (needs CAP_SYS_PTRACE or the same user, no other tracer, and kernel.yama.ptrace_scope allowing it)"},
		{unix.EPERM, "1", "operation not permitted: kernel.yama.ptrace_scope=1 lets a user trace only its own descendants; run stracedump as root, or launch the program under it instead of attaching"},
		{unix.EPERM, "2", "operation not permitted: kernel.yama.ptrace_scope=2 lets only CAP_SYS_PTRACE attach; run stracedump as root"},
		{unix.EPERM, "3", "operation not permitted: kernel.yama.ptrace_scope=3 forbids attaching to any process until reboot; launch the program under stracedump instead"},
		{unix.ESRCH, "1", "no such process"},
		{unix.EBUSY, "1", "device or resource busy"},
	} {
		got := explainAttach(tc.err, tc.scope)
		if got.Error() != tc.want {
			t.Errorf("%v with ptrace_scope %q: %q, want %q", tc.err, tc.scope, got, tc.want)
		}
		if tc.err == unix.EPERM && !errors.Is(got, unix.EPERM) {
			t.Errorf("%v with ptrace_scope %q: the errno is lost", tc.err, tc.scope)
		}
	}
	if s := yamaScope(); s != "" && !strings.Contains("0123", s) {
		t.Errorf("ptrace_scope read as %q", s)
	}
}
