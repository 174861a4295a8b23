package tracer

import (
	"bytes"
	"encoding/binary"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

// procDir returns /proc/PID.
func procDir(pid int) string { return "/proc/" + strconv.Itoa(pid) }

// readProc reads a file of /proc whole, as os.ReadFile does, in four
// system calls (open, two reads, close) where os.ReadFile makes ten: it
// makes the descriptor non-blocking, offers it to the runtime's poller,
// which refuses a /proc file, makes it blocking again and stats it for a
// size /proc does not give. The tracer reads four such files for every
// exec it records and two for every new process.
func readProc(path string) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
	b := make([]byte, 0, 512)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := unix.Read(fd, b[len(b):cap(b)])
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		case n == 0:
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

// tgidOf reads a thread's thread-group id from /proc/TID/status.
func tgidOf(tid int) (int, bool) {
	b, err := readProc(procDir(tid) + "/status")
	if err != nil {
		return 0, false
	}
	v, ok := statusField(b, "Tgid:")
	if !ok || len(v) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(v[0])
	return n, err == nil
}

// tracerOf returns the pid tracing pid, 0 when none.
func tracerOf(pid int) int {
	b, err := readProc(procDir(pid) + "/status")
	if err != nil {
		return 0
	}
	v, ok := statusField(b, "TracerPid:")
	if !ok || len(v) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(v[0])
	return n
}

func statusField(status []byte, key string) ([]string, bool) {
	for _, line := range bytes.Split(status, []byte{'\n'}) {
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok {
			return strings.Fields(string(rest)), true
		}
	}
	return nil, false
}

// stateOf reads a process's state letter from /proc/PID/stat ('R', 'S',
// 'Z', ...), or 0 when there is no such process.
func stateOf(pid int) byte {
	b, err := readProc(procDir(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return 0
	}
	return b[i+2]
}

// ppidOf reads the parent pid from /proc/PID/stat (field 4, after the
// parenthesised comm, which may itself hold spaces and parentheses).
func ppidOf(pid int) int {
	b, err := readProc(procDir(pid) + "/stat")
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.Atoi(f[1])
	return n
}

// tasksOf lists the thread ids of a process.
func tasksOf(pid int) ([]int, error) {
	ents, err := os.ReadDir(procDir(pid) + "/task")
	if err != nil {
		return nil, err
	}
	tids := make([]int, 0, len(ents))
	for _, e := range ents {
		if n, err := strconv.Atoi(e.Name()); err == nil {
			tids = append(tids, n)
		}
	}
	sort.Ints(tids)
	return tids, nil
}

// processRecord builds a KindProcess record with what an offline reader
// needs about pid: comm, exe, argv, cwd, credentials and, when withFDs is
// set, every open fd's path. Missing pieces (a process that vanished, a
// field we may not read) are left out rather than failing the capture.
func processRecord(rec *pcapng.Record, pid int, flags uint16, withFDs bool) {
	dir := procDir(pid)
	rec.Kind = pcapng.KindProcess
	rec.Flags = flags
	rec.PID, rec.TID = uint32(pid), uint32(pid)
	rec.Args[0] = uint64(ppidOf(pid))
	add := func(t pcapng.SectionType, key uint64, data []byte) {
		rec.Sections = append(rec.Sections, pcapng.Section{Type: t, Key: key, Data: data})
	}
	if b, err := readProc(dir + "/comm"); err == nil {
		add(pcapng.SecComm, 0, bytes.TrimSuffix(b, []byte{'\n'}))
	}
	if s, err := os.Readlink(dir + "/exe"); err == nil {
		add(pcapng.SecExe, 0, []byte(s))
	}
	if b, err := readProc(dir + "/cmdline"); err == nil {
		add(pcapng.SecArgv, 0, bytes.TrimSuffix(b, []byte{0}))
	}
	if s, err := os.Readlink(dir + "/cwd"); err == nil {
		add(pcapng.SecCwd, 0, []byte(s))
	}
	if b, err := readProc(dir + "/status"); err == nil {
		uids, ok1 := statusField(b, "Uid:")
		gids, ok2 := statusField(b, "Gid:")
		if ok1 && ok2 && len(uids) == 4 && len(gids) == 4 {
			creds := make([]byte, 0, 32)
			for _, s := range append(uids, gids...) {
				n, _ := strconv.ParseUint(s, 10, 32)
				creds = binary.LittleEndian.AppendUint32(creds, uint32(n))
			}
			add(pcapng.SecCreds, 0, creds)
		}
	}
	if withFDs {
		ents, err := os.ReadDir(dir + "/fd")
		if err == nil {
			for _, e := range ents {
				fd, err := strconv.Atoi(e.Name())
				if err != nil {
					continue
				}
				if s, err := os.Readlink(dir + "/fd/" + e.Name()); err == nil {
					add(pcapng.SecFDPath, uint64(fd), []byte(s))
				}
			}
		}
	}
}
