package tracer

import (
	"net"
	"os"
	"strconv"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/decoder"
)

const pageSize = 4096

// memSource reads a stopped thread's memory and fd table; it is the live
// Source under the decoder's recording Memory.
type memSource struct {
	tid      int
	noVMRead bool // process_vm_readv refused once: use PTRACE_PEEKDATA
	iov      [8]unix.RemoteIovec
	ip, sp   uint64   // at the current syscall stop
	fds      *fdCache // the process's fd paths; nil: always read
	socks    *sockInfoCache
	now      int64 // the current stop's time, for the cache
	// pages, when set, serves reads smaller than a page from whole pages
	// read once per stop (see pageCache).
	pages *pageCache
	// urings are the tracer's io_uring trackers; pid is the thread's
	// process, whose tracker Uring asks.
	urings uringTrackers
	pid    int
}

// IfName returns the name of network interface index in the tracer's
// network namespace, as strace's if_indextoname does.
func (m *memSource) IfName(index uint32) (string, error) {
	ifi, err := net.InterfaceByIndex(int(index))
	if err != nil {
		return "", err
	}
	return ifi.Name, nil
}

// Regs returns the pointers PTRACE_GET_SYSCALL_INFO gave at this stop.
func (m *memSource) Regs() (ip, sp uint64, err error) { return m.ip, m.sp, nil }

// ReadAt reads up to len(p) bytes at addr. Like process_vm_readv it returns
// a short count, and no error, when it meets an unreadable page: the remote
// range is split at page boundaries so the kernel stops exactly there.
func (m *memSource) ReadAt(addr uint64, p []byte) (int, error) {
	if m.pages != nil && len(p) > 0 && len(p) < pageSize && !m.noVMRead && !peekOnly {
		if n, ok := m.readCached(addr, p); ok {
			return n, nil
		}
	}
	total := 0
	for total < len(p) {
		n, err := m.readChunk(addr+uint64(total), p[total:])
		total += n
		if err != nil {
			if total > 0 {
				return total, nil
			}
			return 0, err
		}
		if n == 0 {
			break
		}
	}
	return total, nil
}

// readCached serves a read of less than a page from the page cache. ok is
// false when a page it needs cannot be read whole; the caller then reads
// the usual way, which stops at the fault exactly.
func (m *memSource) readCached(addr uint64, p []byte) (n int, ok bool) {
	for n < len(p) {
		a := addr + uint64(n)
		base := a &^ (pageSize - 1)
		page := m.pages.page(m.tid, base)
		if page == nil {
			return 0, false
		}
		n += copy(p[n:], page[a-base:])
	}
	return n, true
}

// readPage reads the whole page at base, in one process_vm_readv.
func readPage(tid int, base uint64, page *[pageSize]byte) (int, error) {
	local := []unix.Iovec{{Base: &page[0]}}
	local[0].SetLen(pageSize)
	remote := []unix.RemoteIovec{{Base: uintptr(base), Len: pageSize}}
	return processVMReadv(tid, local, remote)
}

// peekOnly makes every read take the PTRACE_PEEKDATA fallback, as on a
// kernel without process_vm_readv: the tests check that path on every host.
var peekOnly bool

func (m *memSource) readChunk(addr uint64, p []byte) (int, error) {
	if !m.noVMRead && !peekOnly {
		// Up to len(m.iov) pages per call, each iovec inside one page.
		k := 0
		want := 0
		for a := addr; k < len(m.iov) && want < len(p); k++ {
			n := pageSize - int(a%pageSize)
			if n > len(p)-want {
				n = len(p) - want
			}
			m.iov[k] = unix.RemoteIovec{Base: uintptr(a), Len: n}
			a += uint64(n)
			want += n
		}
		local := []unix.Iovec{{Base: &p[0]}}
		local[0].SetLen(want)
		n, err := processVMReadv(m.tid, local, m.iov[:k])
		switch err {
		case nil:
			if n < want {
				// Stopped at an unreadable page.
				return n, unix.EFAULT
			}
			return n, nil
		case unix.EFAULT:
			return 0, err
		case unix.ENOSYS, unix.EPERM:
			m.noVMRead = true
		default:
			return 0, err
		}
	}
	return m.peek(addr, p)
}

// peek is the fallback for kernels or credentials that refuse
// process_vm_readv: word-sized PTRACE_PEEKDATA from the tracer thread.
func (m *memSource) peek(addr uint64, p []byte) (int, error) {
	n := len(p)
	if end := pageSize - int(addr%pageSize); n > end {
		n = end
	}
	got, err := unix.PtracePeekData(m.tid, uintptr(addr), p[:n])
	if got > 0 {
		return got, nil
	}
	return 0, err
}

// FDPath returns the target of /proc/TID/fd/FD, or of /proc/TID/cwd for
// AT_FDCWD, which strace -y shows as "AT_FDCWD<cwd>", from the process's
// cache when it was looked up since the fd table (or the cwd) last may
// have changed.
func (m *memSource) FDPath(fd int32) (string, error) {
	if m.fds != nil {
		if p, ok := m.fds.get(fd); ok {
			if checkFDCache != nil {
				fresh, err := m.readFDPath(fd)
				checkFDCache(m.tid, fd, p, fresh, err)
			}
			return p, nil
		}
	}
	p, err := m.readFDPath(fd)
	if err == nil && m.fds != nil {
		m.fds.put(fd, p, m.now)
	}
	return p, err
}

// readFDPath reads what FDPath returns from /proc.
func (m *memSource) readFDPath(fd int32) (string, error) {
	var b [64]byte
	path := strconv.AppendInt(append(b[:0], "/proc/"...), int64(m.tid), 10)
	if fd == atFDCWD {
		return os.Readlink(string(append(path, "/cwd"...)))
	}
	path = strconv.AppendInt(append(path, "/fd/"...), int64(fd), 10)
	return os.Readlink(string(path))
}

// FDInfo returns what -yy adds to the path of fd (a socket's endpoints, a
// device's numbers) in the layout of decoder.FDInfo, from the process's
// cache when it holds it.
func (m *memSource) FDInfo(fd int32, path string) ([]byte, error) {
	if m.fds != nil {
		if _, ok := m.fds.get(fd); ok {
			if d, ok := m.fds.getInfo(fd); ok {
				if d == nil {
					return nil, errNoInfo
				}
				return d, nil
			}
		}
	}
	d, final, err := m.readFDInfo(fd, path)
	if final && m.fds != nil {
		if _, ok := m.fds.get(fd); ok {
			m.fds.putInfo(fd, d)
		}
	}
	return d, err
}

// readFDInfo asks the kernel what FDInfo returns; final says the answer
// stays true for as long as fd refers to the same file.
func (m *memSource) readFDInfo(fd int32, path string) (d []byte, final bool, err error) {
	if fd == atFDCWD {
		// A directory: no endpoints, device numbers or pid to add. Asked
		// of /proc/TID/fd/-100 it was a failed stat at every call on
		// AT_FDCWD, and never cached, as a failure is not final.
		return nil, true, errNoInfo
	}
	var b [64]byte
	link := strconv.AppendInt(append(b[:0], "/proc/"...), int64(m.tid), 10)
	link = strconv.AppendInt(append(link, "/fd/"...), int64(fd), 10)
	if inode, ok := socketInode(path); ok {
		if m.socks != nil {
			if d, ok := m.socks.get(inode); ok {
				return d, true, nil
			}
		}
		d, final, err := socketInfo(string(link), inode)
		if final && err == nil && m.socks != nil {
			m.socks.put(inode, d)
		}
		return d, final, err
	}
	if path == decoder.PidfdPath {
		// Not kept: the Pid: line turns to -1 when the process is reaped.
		d, err := pidfdInfo(m.tid, fd)
		return d, false, err
	}
	if path == "" || path[0] != '/' {
		return nil, true, errNoInfo
	}
	d, err = deviceInfo(string(link))
	if err != nil {
		return nil, err == errNoInfo, err
	}
	return d, true, nil
}

// checkFDCache, when set (by tests), is called on every cache hit with a
// fresh lookup to compare.
var checkFDCache func(tid int, fd int32, cached, fresh string, err error)

// atFDCWD is AT_FDCWD, the same on every arch (include/uapi/linux/fcntl.h).
const atFDCWD = -100
