// Package private creates the files that hold traced processes' data
// (captures, decoded text, the program's output, the extcap's log):
// readable by their owner only, never written through a symlink planted in
// a shared directory, and never another user's file emptied.
package private

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// Create opens path for writing, creating it with mode 0600 or emptying it.
// An existing regular file must be the caller's, unless the caller is root:
// another user's file, even a world-writable one, is refused untouched.
// Its mode is narrowed to 0600, since an existing file keeps its own. Fifos
// and devices (Wireshark's fifo, /dev/null, /dev/stdout) are opened as they
// are. In a sticky world-writable directory such as /tmp, where anyone can
// plant one, a symlink is not followed, and a file or fifo that is neither
// the caller's nor the directory owner's is refused, root's captures
// included: its owner could read what is written there (the kernel's
// protected_regular and protected_fifos rules, which may be off).
func Create(path string) (*os.File, error) { return open(path, true) }

// Append is Create for a log: an existing file is appended to, not emptied.
func Append(path string) (*os.File, error) { return open(path, false) }

func open(path string, truncate bool) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE | unix.O_CLOEXEC
	if !truncate {
		flag |= os.O_APPEND
	}
	shared, dirOwner := sharedDir(filepath.Dir(path))
	if shared {
		flag |= unix.O_NOFOLLOW
		// Before the open too: opening a planted fifo would wait for
		// its reader.
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink == 0 {
			if err := checkPlanted(path, fi, dirOwner); err != nil {
				return nil, err
			}
		}
	}
	f, err := os.OpenFile(path, flag, 0o600)
	if errors.Is(err, syscall.ELOOP) {
		return nil, fmt.Errorf("%s is a symlink in a directory anyone can write to: not following it", path)
	}
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if shared {
		if err := checkPlanted(path, fi, dirOwner); err != nil {
			f.Close()
			return nil, err
		}
	}
	if !fi.Mode().IsRegular() {
		return f, nil
	}
	if err := checkOwner(path, fi, fileUID); err != nil {
		f.Close()
		return nil, err
	}
	if truncate {
		err = f.Truncate(0)
	}
	if err == nil && fi.Mode().Perm()&0o077 != 0 {
		err = f.Chmod(0o600)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("making %s private: %w", path, err)
	}
	return f, nil
}

// checkOwner refuses a regular file euid does not own, unless euid is root.
func checkOwner(path string, fi os.FileInfo, euid int) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || euid == 0 || int(st.Uid) == euid {
		return nil
	}
	return fmt.Errorf("%s belongs to uid %d: not writing over another user's file", path, st.Uid)
}

// checkPlanted refuses a file in a shared directory that is neither the
// caller's nor the directory owner's: another user put it there.
func checkPlanted(path string, fi os.FileInfo, dirOwner int) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || int(st.Uid) == fileUID || int(st.Uid) == dirOwner {
		return nil
	}
	return fmt.Errorf("%s belongs to uid %d in a directory anyone can write to: not writing where its owner could read it", path, st.Uid)
}

// sharedDir reports whether dir is sticky and writable by everyone, as
// /tmp is, where the kernel's own protected_symlinks rule applies, and who
// owns it.
func sharedDir(dir string) (bool, int) {
	fi, err := os.Stat(dir)
	if err != nil {
		return false, -1
	}
	m := fi.Mode()
	owner := -1
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		owner = int(st.Uid)
	}
	return m&os.ModeSticky != 0 && m.Perm()&0o002 != 0, owner
}

// fileUID is the user files are created for: the effective one, or the
// caller once AsCaller has made the files the caller's business.
var fileUID = os.Geteuid()

// AsCaller makes a set-user-ID or set-group-ID stracedump open, create and
// read files as the user who ran it. The ids it borrows are for ptrace
// alone (docs/security.md): without this, a user could have a set-user-ID
// root stracedump write a capture over a file only root may write, or
// decode a file only root may read. It sets the filesystem ids of every
// thread, which a set-user-ID root binary's file capabilities
// (CAP_DAC_OVERRIDE and the like) go with; CAP_SYS_PTRACE stays.
func AsCaller() error {
	uid, gid := unix.Getuid(), unix.Getgid()
	if unix.Geteuid() == uid && unix.Getegid() == gid {
		return nil
	}
	for _, id := range []struct{ nr, id uintptr }{{unix.SYS_SETFSGID, uintptr(gid)}, {unix.SYS_SETFSUID, uintptr(uid)}} {
		if _, _, errno := syscall.AllThreadsSyscall(id.nr, id.id, 0, 0); errno == syscall.ENOTSUP {
			return fmt.Errorf("a set-user-ID or set-group-ID stracedump must be built without cgo (CGO_ENABLED=0, as make builds it) to use files as its caller")
		} else if errno != 0 {
			return fmt.Errorf("a set-user-ID or set-group-ID stracedump cannot use files as its caller (uid %d): %v", uid, errno)
		}
		// setfsuid reports no error: asking with an invalid id returns
		// the one in force, which must now be the caller's.
		if now, _, _ := syscall.RawSyscall(id.nr, ^uintptr(0), 0, 0); now != id.id {
			return fmt.Errorf("a set-user-ID or set-group-ID stracedump cannot use files as its caller (uid %d)", uid)
		}
	}
	// Whose files may be written over is the caller's question too: a
	// set-user-ID root binary must not empty a third user's world-writable
	// file as root may.
	fileUID = uid
	return nil
}
