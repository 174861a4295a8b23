package extcap

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stracedump/stracedump/internal/testhost"
)

func TestProcessesFakeProc(t *testing.T) {
	testhost.Root(t, "files are chowned to fake another user's processes")
	root := t.TempDir()
	mk := func(pid, comm, cmdline string, uid int) {
		dir := filepath.Join(root, pid)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "comm"), []byte(comm+"\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "cmdline"), []byte(cmdline), 0o644)
		if err := os.Chown(dir, uid, 0); err != nil {
			t.Fatalf("faking another user's process: %v", err)
		}
	}
	mk("1", "init", "/sbin/init\x00splash\x00", 0)
	mk("2", "kthreadd", "", 0)
	mk("300", "sleep", "sleep\x00100\x00", 1000)
	mk("301", "vim", "vim\x00notes.txt\x00", 1000)
	mk("302", "me", "stracedump\x00", 1000)
	os.MkdirAll(filepath.Join(root, "self"), 0o755)

	got, err := Processes(root, 1000, 302)
	if err != nil {
		t.Fatal(err)
	}
	want := []Process{{301, "vim", "vim notes.txt"}, {300, "sleep", "sleep 100"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("uid 1000 sees %+v, want %+v", got, want)
	}
	got, _ = Processes(root, 0)
	if len(got) != 4 || got[3] != (Process{1, "init", "/sbin/init splash"}) {
		t.Errorf("root sees %+v, want every process but the kernel thread", got)
	}
}

func TestProcessesLive(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	// Start returns before the child has exec'd sleep: wait until it has.
	cmdline := filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "cmdline")
	for i := 0; i < 200; i++ {
		if b, _ := os.ReadFile(cmdline); strings.HasPrefix(string(b), "sleep\x00") {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	procs, err := Processes("/proc", os.Getuid(), os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, p := range procs {
		if p.PID == os.Getpid() {
			t.Error("lists the caller itself")
		}
		if p.PID == cmd.Process.Pid {
			found = p.Name == "sleep" && p.Cmdline == "sleep 30" && p.String() == strconv.Itoa(p.PID)+" sleep sleep 30"
		}
	}
	if !found {
		t.Errorf("child %d not listed as sleep 30 among %d processes", cmd.Process.Pid, len(procs))
	}
}

func TestAncestors(t *testing.T) {
	root := t.TempDir()
	for pid, ppid := range map[string]string{"50": "40", "40": "30", "30": "1", "7": "7"} {
		os.MkdirAll(filepath.Join(root, pid), 0o755)
		os.WriteFile(filepath.Join(root, pid, "status"), []byte("Name:\tx\nPPid:\t"+ppid+"\nUid:\t0\n"), 0o644)
	}
	if got := Ancestors(root, 50); !reflect.DeepEqual(got, []int{40, 30}) {
		t.Errorf("Ancestors(50) = %v, want [40 30]", got)
	}
	if got := Ancestors(root, 7); len(got) != 64 {
		t.Errorf("Ancestors of a self-parented pid: %d entries, want the cap of 64", len(got))
	}
	if got := Ancestors("/proc", os.Getpid()); len(got) == 0 || got[0] != os.Getppid() {
		t.Errorf("live Ancestors = %v, want to start with our parent %d", got, os.Getppid())
	}
}
