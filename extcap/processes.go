package extcap

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
)

// Process is a running process the user may attach to.
type Process struct {
	PID     int
	Name    string // /proc/PID/comm
	Cmdline string // arguments joined by spaces
}

// String is the process as the selector shows it: "pid name cmdline".
func (p Process) String() string {
	if p.Cmdline == "" {
		return fmt.Sprintf("%d %s", p.PID, p.Name)
	}
	return fmt.Sprintf("%d %s %s", p.PID, p.Name, p.Cmdline)
}

// cmdlineMax keeps a selector entry readable.
const cmdlineMax = 120

// Processes lists the processes under procRoot (normally /proc) that uid
// may trace without privileges, newest first: those it owns, or every one
// for root. Kernel threads (no command line) and the processes in skip
// (ourselves) are left out. It only reads procRoot.
func Processes(procRoot string, uid int, skip ...int) ([]Process, error) {
	entries, err := os.ReadDir(procRoot)
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	var procs []Process
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid <= 0 || contains(skip, pid) {
			continue
		}
		dir := filepath.Join(procRoot, e.Name())
		if uid != 0 {
			fi, err := os.Stat(dir)
			if err != nil {
				continue
			}
			if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != uid {
				continue
			}
		}
		raw, err := os.ReadFile(filepath.Join(dir, "cmdline"))
		if err != nil || len(raw) == 0 {
			continue // gone, or a kernel thread
		}
		comm, _ := os.ReadFile(filepath.Join(dir, "comm"))
		cmd := strings.TrimSpace(string(bytes.ReplaceAll(raw, []byte{0}, []byte{' '})))
		if r := []rune(cmd); len(r) > cmdlineMax {
			cmd = string(r[:cmdlineMax]) + "..."
		}
		procs = append(procs, Process{PID: pid, Name: strings.TrimSpace(string(comm)), Cmdline: cmd})
	}
	sort.Slice(procs, func(i, j int) bool { return procs[i].PID > procs[j].PID })
	return procs, nil
}

func contains(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Ancestors returns pid's parent, its parent's parent and so on up to
// (not including) pid 1, as procRoot shows them. An extcap's ancestors
// are Wireshark and dumpcap, which read the capture: tracing them would
// stop the reader the tracer waits on.
func Ancestors(procRoot string, pid int) []int {
	var list []int
	for len(list) < 64 { // a loop in a fake /proc must not hang us
		b, err := os.ReadFile(filepath.Join(procRoot, strconv.Itoa(pid), "status"))
		if err != nil {
			break
		}
		ppid := 0
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "PPid:"); ok {
				ppid, _ = strconv.Atoi(strings.TrimSpace(v))
				break
			}
		}
		if ppid <= 1 {
			break
		}
		list = append(list, ppid)
		pid = ppid
	}
	return list
}
