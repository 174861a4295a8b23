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
// are. In a sticky world-writable directory such as /tmp, a symlink is not
// followed: there anyone can plant one.
func Create(path string) (*os.File, error) { return open(path, true) }

// Append is Create for a log: an existing file is appended to, not emptied.
func Append(path string) (*os.File, error) { return open(path, false) }

func open(path string, truncate bool) (*os.File, error) {
	flag := os.O_WRONLY | os.O_CREATE | unix.O_CLOEXEC
	if !truncate {
		flag |= os.O_APPEND
	}
	if sharedDir(filepath.Dir(path)) {
		flag |= unix.O_NOFOLLOW
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
	if !fi.Mode().IsRegular() {
		return f, nil
	}
	if err := checkOwner(path, fi, os.Geteuid()); err != nil {
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

// sharedDir reports whether dir is sticky and writable by everyone, as
// /tmp is, where the kernel's own protected_symlinks rule applies.
func sharedDir(dir string) bool {
	fi, err := os.Stat(dir)
	if err != nil {
		return false
	}
	m := fi.Mode()
	return m&os.ModeSticky != 0 && m.Perm()&0o002 != 0
}
