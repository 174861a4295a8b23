package tracer

import (
	"bytes"
	"encoding/binary"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/pcapng"
)

// procDir returns /proc/PID.
func procDir(pid int) string { return "/proc/" + strconv.Itoa(pid) }

// readProc reads a file of /proc whole, as os.ReadFile does, in four
// system calls (open, two reads, close) where os.ReadFile makes ten: it
// makes the descriptor non-blocking, offers it to the runtime's poller,
// which refuses a /proc file, makes it blocking again and stats it for a
// size /proc does not give. The tracer reads such files at every new
// process and every exec.
func readProc(path string) ([]byte, error) { return readProcInto(path, make([]byte, 0, 512)) }

// readProcInto reads path into b, growing it when the file does not fit.
func readProcInto(path string, b []byte) ([]byte, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer unix.Close(fd)
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

// procStatus is what the tracer takes from /proc/PID/status, one read
// where it used to read status, stat and comm (each read of a /proc file
// costs about 10 us here, and a shell loop or a build starts hundreds of
// processes).
type procStatus struct {
	// name is the comm, or nil when status escaped it: the kernel writes
	// a newline or backslash in it as \n or \\, and a name holding a
	// backslash is read from /proc/PID/comm instead (see commOf).
	name       []byte
	tgid, ppid int
	ids        [8]uint32 // real, effective, saved and filesystem uid, then the same gids
	idsOK      bool      // both lines had their four numbers
}

// statusBufs holds the buffers status files are read into: the fields
// are parsed out at once, and a buffer per read was most of what the
// tracer allocated for a shell loop's processes.
var statusBufs = sync.Pool{New: func() any { return new([4096]byte) }}

// readStatus reads and parses /proc/PID/status.
func readStatus(pid int) (procStatus, error) {
	buf := statusBufs.Get().(*[4096]byte)
	defer statusBufs.Put(buf)
	b, err := readProcInto(procDir(pid)+"/status", buf[:0])
	if err != nil {
		return procStatus{}, err
	}
	return parseStatus(b), nil
}

// parseStatus parses a status file; what it returns does not refer to b.
func parseStatus(b []byte) procStatus {
	var st procStatus
	if name, ok := statusLine(b, "Name:"); ok && bytes.IndexByte(name, '\\') < 0 {
		st.name = append([]byte{}, bytes.TrimPrefix(name, []byte{'\t'})...)
	}
	st.tgid = statusInt(b, "Tgid:")
	st.ppid = statusInt(b, "PPid:")
	uids, ok1 := statusLine(b, "Uid:")
	gids, ok2 := statusLine(b, "Gid:")
	st.idsOK = ok1 && ok2 && parseIDs(st.ids[:4], uids) && parseIDs(st.ids[4:], gids)
	return st
}

// parseIDs fills ids from the blank-separated numbers of line, which must
// be exactly len(ids).
func parseIDs(ids []uint32, line []byte) bool {
	n := 0
	for f := range bytes.FieldsSeq(line) {
		v, err := strconv.ParseUint(string(f), 10, 32)
		if err != nil || n == len(ids) {
			return false
		}
		ids[n] = uint32(v)
		n++
	}
	return n == len(ids)
}

// commOf returns st's name, reading /proc/PID/comm when status could not
// give it; nil when neither could.
func (st procStatus) commOf(pid int) []byte {
	if st.name != nil {
		return st.name
	}
	b, err := readProc(procDir(pid) + "/comm")
	if err != nil || len(b) == 0 {
		return nil
	}
	return bytes.TrimSuffix(b, []byte{'\n'})
}

// tgidOf reads a thread's thread-group id from /proc/TID/status.
func tgidOf(tid int) (int, bool) {
	st, err := readStatus(tid)
	return st.tgid, err == nil && st.tgid > 0
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

// statusLine returns what follows key on the line of status that starts
// with it.
func statusLine(status []byte, key string) ([]byte, bool) {
	for len(status) > 0 {
		line := status
		if i := bytes.IndexByte(status, '\n'); i >= 0 {
			line, status = status[:i], status[i+1:]
		} else {
			status = nil
		}
		if rest, ok := bytes.CutPrefix(line, []byte(key)); ok {
			return rest, true
		}
	}
	return nil, false
}

// statusField returns the blank-separated fields of key's line.
func statusField(status []byte, key string) ([]string, bool) {
	rest, ok := statusLine(status, key)
	if !ok {
		return nil, false
	}
	return strings.Fields(string(rest)), true
}

// statusInt returns the number on key's line, 0 when there is none.
func statusInt(status []byte, key string) int {
	rest, _ := statusLine(status, key)
	n, _ := strconv.Atoi(string(bytes.TrimSpace(rest)))
	return n
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
	st, stErr := readStatus(pid)
	rec.Args[0] = uint64(st.ppid)
	add := func(t pcapng.SectionType, key uint64, data []byte) {
		rec.Sections = append(rec.Sections, pcapng.Section{Type: t, Key: key, Data: data})
	}
	if comm := st.commOf(pid); comm != nil {
		add(pcapng.SecComm, 0, comm)
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
	if stErr == nil && st.idsOK {
		creds := make([]byte, 0, 4*len(st.ids))
		for _, id := range st.ids {
			creds = binary.LittleEndian.AppendUint32(creds, id)
		}
		add(pcapng.SecCreds, 0, creds)
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
