package private

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

func TestCreateIsPrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "new")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("new file mode %v, want 0600", fi.Mode().Perm())
	}
	// An existing file is emptied and narrowed.
	old := filepath.Join(dir, "old")
	os.WriteFile(old, []byte("secret"), 0o644)
	os.Chmod(old, 0o644)
	f, err = Create(old)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(old); fi.Mode().Perm() != 0o600 || fi.Size() != 0 {
		t.Errorf("existing file mode %v size %d, want 0600 and empty", fi.Mode().Perm(), fi.Size())
	}
	// Append keeps what is there.
	os.WriteFile(old, []byte("line 1\n"), 0o600)
	f, err = Append(old)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("line 2\n")
	f.Close()
	if b, _ := os.ReadFile(old); string(b) != "line 1\nline 2\n" {
		t.Errorf("appended log holds %q", b)
	}
	// A device is opened as it is.
	f, err = Create(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if fi, _ := os.Stat(os.DevNull); fi.Mode().Perm() != 0o666 {
		t.Errorf("/dev/null's mode changed to %v", fi.Mode().Perm())
	}
}

// TestSymlinkInSharedDir: in a sticky world-writable directory a planted
// symlink is refused and its target left alone; elsewhere a symlink is the
// user's own and is followed.
func TestSymlinkInSharedDir(t *testing.T) {
	dir := t.TempDir()
	shared := filepath.Join(dir, "tmp")
	os.Mkdir(shared, 0o777)
	if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "victim")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(shared, "stracedump-extcap.log")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, open := range []func(string) (*os.File, error){Create, Append} {
		if f, err := open(link); err == nil {
			f.Close()
			t.Error("a symlink in a sticky world-writable directory was followed")
		} else if !strings.Contains(err.Error(), "symlink") {
			t.Errorf("error %q does not say why", err)
		}
	}
	if b, _ := os.ReadFile(target); string(b) != "keep" {
		t.Errorf("the symlink's target now holds %q", b)
	}
	own := filepath.Join(dir, "mine")
	os.Symlink(target, own)
	f, err := Create(own)
	if err != nil {
		t.Fatalf("a symlink in the user's own directory: %v", err)
	}
	f.Close()
}

// TestPlantedFileInSharedDir: in a sticky world-writable directory, a file
// or fifo another user put there is refused even to root, whose capture
// its owner could read, and left as it was; a planted fifo is refused
// without waiting for a reader. The directory owner's file, and another
// user's file elsewhere, are root's to write.
func TestPlantedFileInSharedDir(t *testing.T) {
	testhost.Root(t, "files are given to another user")
	const nobody = 65534
	dir := t.TempDir()
	shared := filepath.Join(dir, "tmp")
	os.Mkdir(shared, 0o777)
	if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	plant := func(name string, owner int, fifo bool) string {
		path := name
		if fifo {
			if err := syscall.Mkfifo(path, 0o666); err != nil {
				t.Fatal(err)
			}
		} else if err := os.WriteFile(path, []byte("planted"), 0o666); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, 0o666)
		if err := os.Chown(path, owner, owner); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for _, tc := range []struct {
		name string
		path string
		ok   bool
	}{
		{"another user's file", plant(filepath.Join(shared, "nobodys.pcapng"), nobody, false), false},
		{"another user's fifo", plant(filepath.Join(shared, "nobodys.fifo"), nobody, true), false},
		{"the directory owner's file", plant(filepath.Join(shared, "roots.pcapng"), os.Getuid(), false), true},
		{"another user's file, not in a shared directory", plant(filepath.Join(dir, "nobodys.pcapng"), nobody, false), true},
	} {
		for _, open := range []func(string) (*os.File, error){Create, Append} {
			f, err := open(tc.path)
			if err == nil {
				f.Close()
			}
			if (err == nil) != tc.ok {
				t.Errorf("%s: %v, want it opened %v", tc.name, err, tc.ok)
			}
			if !tc.ok && err != nil && !strings.Contains(err.Error(), "belongs to uid 65534 in a directory anyone can write to") {
				t.Errorf("%s: error %q does not say why", tc.name, err)
			}
		}
		if tc.ok || strings.HasSuffix(tc.name, "fifo") {
			continue
		}
		if b, _ := os.ReadFile(tc.path); string(b) != "planted" {
			t.Errorf("%s now holds %q", tc.name, b)
		}
	}
}

func TestCheckOwner(t *testing.T) {
	fi, err := os.Stat(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	owner := int(fi.Sys().(*syscall.Stat_t).Uid)
	for _, tc := range []struct {
		euid int
		ok   bool
	}{{owner, true}, {0, true}, {owner + 4242, false}} {
		if err := checkOwner("f", fi, tc.euid); (err == nil) != tc.ok {
			t.Errorf("euid %d on a file of uid %d: %v", tc.euid, owner, err)
		}
	}
}

// TestOtherUsersFileUntouched runs a writer as an unprivileged user onto a
// world-writable file root owns: refused, and the file keeps its bytes.
func TestOtherUsersFileUntouched(t *testing.T) {
	testhost.Root(t, "a file is written as another user")
	// A directory nobody can reach: t.TempDir's parent is root's only.
	dir, err := os.MkdirTemp("", "private-test-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	os.Chmod(dir, 0o755)
	path := filepath.Join(dir, "roots")
	os.WriteFile(path, []byte("root's data"), 0o666)
	os.Chmod(path, 0o666)
	// This test binary, copied where nobody can run it, opens the file
	// as nobody (see TestMain).
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	self := filepath.Join(dir, "private.test")
	if err := os.WriteFile(self, b, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), "PRIVATE_TEST_CREATE="+path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "belongs to uid 0") {
		t.Errorf("as nobody: %v: %s; want a refusal naming the owner", err, out)
	}
	if b, _ := os.ReadFile(path); string(b) != "root's data" {
		t.Errorf("the file now holds %q", b)
	}
}

func TestMain(m *testing.M) {
	if path := os.Getenv("PRIVATE_TEST_CREATE"); path != "" {
		f, err := Create(path)
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		f.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
