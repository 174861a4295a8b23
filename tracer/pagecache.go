package tracer

// pageCache holds the last pages read from a stopped thread's memory, so
// that the many small reads of one stop (an execve's argument and
// environment pointers and strings, a structure member by member) cost one
// process_vm_readv a page instead of one a read. It is valid for one stop
// only: the tracer empties it at every stop, before anything reads, since a
// tracee that runs changes its memory. One cache serves every thread: the
// tracing thread handles one stop at a time.
type pageCache struct {
	slots [4]cachedPage
	next  int // the slot the next miss replaces
}

type cachedPage struct {
	ok   bool
	tid  int
	base uint64 // page-aligned address
	data [pageSize]byte
}

// reset forgets every page: called at every stop.
func (c *pageCache) reset() {
	for i := range c.slots {
		c.slots[i].ok = false
	}
}

// page returns the page at base of tid's memory, reading it whole on a
// miss, or nil when the page cannot be read in one piece (unmapped or
// unreadable: the caller reads as it would without the cache and meets the
// fault where it is).
func (c *pageCache) page(tid int, base uint64) *[pageSize]byte {
	for i := range c.slots {
		if s := &c.slots[i]; s.ok && s.tid == tid && s.base == base {
			return &s.data
		}
	}
	s := &c.slots[c.next]
	s.ok = false
	if n, err := readPage(tid, base, &s.data); err != nil || n != pageSize {
		return nil
	}
	c.next = (c.next + 1) % len(c.slots)
	s.ok, s.tid, s.base = true, tid, base
	return &s.data
}
