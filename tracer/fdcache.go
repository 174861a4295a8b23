package tracer

import "github.com/stracedump/stracedump/decoder"

// fdCache remembers the paths of one process's fds (its threads share the
// fd table), so a call on an fd costs no readlink of /proc/PID/fd/N when
// the fd was looked up since the table last could have changed. Without
// it a readlink per fd argument is the largest cost of a stop that is
// ours (dd bs=1: one in every read and write).
//
// Calls known to leave the fd table alone (decoder.FDNone) keep it whole.
// Calls whose only change is one descriptor (FDReturned and the others) forget that one
// at their exit: the fd an open, socket or dup returned, the fd a close
// closed, dup2's new fd. Every other call clears it at its entry and at
// its exit, so an exec, a pipe or a recvmsg (SCM_RIGHTS) is always
// followed by fresh lookups.
// What it cannot see is another process renaming or deleting an open
// file, which changes the fd's path (" (deleted)"): entries live at most
// fdCacheTTL for that.
//
// It also keeps what -yy adds to a path (a device's numbers, a socket's
// endpoints once the kernel has reported them), forgotten with the path.
type fdCache struct {
	paths  map[int32]string
	infos  map[int32][]byte // nil data: nothing to add
	filled int64            // when the oldest entry was read, Unix ns; 0 when empty
}

// fdCacheTTL bounds how stale a path may be after another process renamed
// or deleted the file.
const fdCacheTTL = 50e6 // 50ms

func (c *fdCache) clear() {
	if c.filled != 0 {
		clear(c.paths)
		clear(c.infos)
		c.filled = 0
	}
}

// expire clears the cache when its oldest entry is older than fdCacheTTL.
func (c *fdCache) expire(now int64) {
	if c.filled != 0 && now-c.filled > fdCacheTTL {
		c.clear()
	}
}

func (c *fdCache) get(fd int32) (string, bool) {
	p, ok := c.paths[fd]
	return p, ok
}

// forget drops fd's path, whose descriptor was closed or replaced.
func (c *fdCache) forget(fd int32) {
	delete(c.paths, fd)
	delete(c.infos, fd)
}

func (c *fdCache) getInfo(fd int32) ([]byte, bool) {
	d, ok := c.infos[fd]
	return d, ok
}

// putInfo keeps fd's -yy details; its path must be in the cache (they are
// forgotten together).
func (c *fdCache) putInfo(fd int32, data []byte) {
	if c.infos == nil {
		c.infos = map[int32][]byte{}
	}
	c.infos[fd] = data
}

func (c *fdCache) put(fd int32, path string, now int64) {
	if c.paths == nil {
		c.paths = map[int32]string{}
	}
	if c.filled == 0 {
		c.filled = now
	}
	c.paths[fd] = path
}

// fdEffectOf says what syscall nr of arch does to the fd table, caching
// the answer per arch and number.
func (t *tracer) fdEffectOf(arch uint32, nr uint64) decoder.FDEffect {
	key := uint64(arch)<<32 | uint64(uint32(nr))
	if v, ok := t.fdEffects[key]; ok {
		return v
	}
	e := decoder.FDAny
	if a := decoder.ArchByAudit(arch); a != nil {
		e = a.FDEffectOf(int64(nr))
	}
	t.fdEffects[key] = e
	return e
}

// updateFDCache keeps c true around a stop of a call of effect e: at the
// exit of a call that changed one descriptor, that one is forgotten.
func updateFDCache(c *fdCache, e decoder.FDEffect, exit bool, args *[6]uint64, ret int64) {
	switch e {
	case decoder.FDNone:
	case decoder.FDReturned:
		if exit && int32(ret) >= 0 {
			c.forget(int32(ret))
		}
	case decoder.FDClosesArg0:
		if exit {
			c.forget(int32(args[0]))
		}
	case decoder.FDReplacesArg1:
		if exit {
			c.forget(int32(args[1]))
		}
	default:
		c.clear()
	}
}

// fdCacheOf returns process pid's cache, nil when caching is off: under a
// seccomp filter the calls that change the fd table may not stop at all.
// fresh starts a new one, for a new process that may reuse a gone one's
// pid.
func (t *tracer) fdCacheOf(pid int, fresh bool) *fdCache {
	if t.seccomp || t.noFDCache {
		return nil
	}
	c := t.fdCaches[pid]
	if c == nil || fresh {
		c = &fdCache{}
		t.fdCaches[pid] = c
	}
	return c
}
