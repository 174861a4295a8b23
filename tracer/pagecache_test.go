package tracer

import (
	"bytes"
	"os"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/stracedump/stracedump/internal/testhost"
)

// TestPageCacheReads reads this process's own memory through memSource with
// and without the page cache: the same bytes, the same short count at an
// unreadable page, and fresh bytes after a reset (a new stop).
func TestPageCacheReads(t *testing.T) {
	if vmRead.Err() != nil {
		// Without process_vm_readv the cache is never used: every read
		// takes the PTRACE_PEEKDATA fallback.
		testhost.Substitute(t, vmRead, "the page cache is bypassed with process_vm_readv; TestPeekFallback checks the fallback")
		return
	}
	mem, err := unix.Mmap(-1, 0, 3*pageSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(mem)
	for i := range mem[:2*pageSize] {
		mem[i] = byte(i * 7)
	}
	if err := unix.Mprotect(mem[2*pageSize:], unix.PROT_NONE); err != nil {
		t.Fatal(err)
	}
	base := uint64(uintptr(unsafe.Pointer(&mem[0])))
	plain := memSource{tid: os.Getpid()}
	cached := memSource{tid: os.Getpid(), pages: &pageCache{}}
	reads := []struct {
		name      string
		off, size int
		want      int // bytes read
	}{
		{"inside a page", 100, 8, 8},
		{"across two pages", pageSize - 5, 10, 10},
		{"up to an unreadable page", 2*pageSize - 6, 12, 6},
		{"from an unreadable page", 2*pageSize + 1, 4, 0},
		{"a page and more", 10, pageSize + 10, pageSize + 10},
	}
	for _, r := range reads {
		a, b := make([]byte, r.size), make([]byte, r.size)
		na, erra := plain.ReadAt(base+uint64(r.off), a)
		nb, errb := cached.ReadAt(base+uint64(r.off), b)
		if na != r.want || nb != na || (erra == nil) != (errb == nil) || !bytes.Equal(a[:na], b[:nb]) {
			t.Errorf("%s: without the cache %d bytes (%v), with it %d (%v); want %d, the same bytes", r.name, na, erra, nb, errb, r.want)
		}
	}
	mem[100] = 0xAA
	got := make([]byte, 1)
	cached.ReadAt(base+100, got)
	if got[0] == 0xAA {
		t.Fatalf("the cache read memory afresh within a stop; this test expects its page from before")
	}
	cached.pages.reset()
	cached.ReadAt(base+100, got)
	if got[0] != 0xAA {
		t.Errorf("after a reset the cache gave %#x, want the new 0xaa", got[0])
	}
}
