package decoder

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

func TestErrnoNames(t *testing.T) {
	tests := []struct {
		n          int
		name, text string
	}{
		{1, "EPERM", "Operation not permitted"},
		{2, "ENOENT", "No such file or directory"},
		{11, "EAGAIN", "Resource temporarily unavailable"},
		{13, "EACCES", "Permission denied"},
		{35, "EDEADLK", "Resource deadlock avoided"},
		{95, "EOPNOTSUPP", "Operation not supported"},
		{110, "ETIMEDOUT", "Connection timed out"},
		{133, "EHWPOISON", "Memory page has hardware error"},
		{512, "ERESTARTSYS", "To be restarted if SA_RESTART is set"},
		{513, "ERESTARTNOINTR", "To be restarted"},
		{514, "ERESTARTNOHAND", "To be restarted if no handler"},
		{515, "ENOIOCTLCMD", "Unknown error 515"},
		{516, "ERESTART_RESTARTBLOCK", "Interrupted by signal"},
		{517, "EPROBE_DEFER", "Unknown error 517"},
		{518, "EOPENSTALE", "Unknown error 518"},
		{521, "EBADHANDLE", "Unknown error 521"},
		{530, "ERECALLCONFLICT", "Unknown error 530"},
		// Numbers strace has no name for.
		{0, "", "Unknown error 0"},
		{41, "", "Unknown error 41"},
		{58, "", "Unknown error 58"},
		{134, "", "Unknown error 134"},
		{519, "", "Unknown error 519"},
		{531, "", "Unknown error 531"},
	}
	for _, tt := range tests {
		if got := ErrnoName(tt.n); got != tt.name {
			t.Errorf("ErrnoName(%d) = %q, want %q", tt.n, got, tt.name)
		}
		if got := ErrnoMessage(tt.n); got != tt.text {
			t.Errorf("ErrnoMessage(%d) = %q, want %q", tt.n, got, tt.text)
		}
		if tt.name == "" {
			continue
		}
		if n, ok := ErrnoByName(tt.name); !ok || n != tt.n {
			t.Errorf("ErrnoByName(%q) = %d, %v; want %d", tt.name, n, ok, tt.n)
		}
	}
	for name, want := range map[string]int{"EWOULDBLOCK": 11, "EDEADLOCK": 35, "ENOTSUP": 95} {
		if n, ok := ErrnoByName(name); !ok || n != want {
			t.Errorf("ErrnoByName(%q) = %d, %v; want %d", name, n, ok, want)
		}
	}
	for _, name := range []string{"", "enoent", "ENOPARAM", "E2"} {
		if _, ok := ErrnoByName(name); ok {
			t.Errorf("ErrnoByName(%q) is ok", name)
		}
	}
}

// errnoLine is the result strace prints for a call failing with n.
func errnoLine(n int) string {
	switch {
	case ErrnoRestarts(n):
		return fmt.Sprintf("? %s (%s)", ErrnoName(n), ErrnoMessage(n))
	case ErrnoName(n) != "":
		return fmt.Sprintf("-1 %s (%s)", ErrnoName(n), ErrnoMessage(n))
	}
	return fmt.Sprintf("-1 (errno %d)", n)
}

// Every error number, failed by strace's own fault injection, prints as
// the tables say.
func TestErrnoAgainstStrace(t *testing.T) {
	strace := needTool(t, "strace")
	var nums []int
	for n := 1; n <= 135; n++ {
		nums = append(nums, n)
	}
	for n := 510; n <= 535; n++ {
		nums = append(nums, n)
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for _, n := range nums {
		wg.Add(1)
		sem <- struct{}{}
		go func(n int) {
			defer func() { <-sem; wg.Done() }()
			out, _ := exec.Command(strace, "-qq", "-o", "/dev/stdout", "-e", "trace=chdir",
				"-e", fmt.Sprintf("inject=chdir:error=%d", n), "env", "-C", "/", "true").Output()
			line := strings.TrimSpace(string(out))
			want := "= " + errnoLine(n) + " (INJECTED)"
			if !strings.HasPrefix(line, `chdir("/")`) || !strings.HasSuffix(line, want) {
				t.Errorf("errno %d: strace printed %q, want it to end in %q", n, line, want)
			}
		}(n)
	}
	wg.Wait()
}

// needTool returns the path of a tool the test compares against, and
// skips the test, saying so, when it is missing.
func needTool(t *testing.T, name string) string {
	t.Helper()
	return testhost.Tool(t, name, "the tables are compared with the tool's")
}
