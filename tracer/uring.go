package tracer

import (
	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// io_uring: a process's rings are found from its io_uring_setup and the
// mmaps of the ring's fd (decoder.UringTracker), so that each
// io_uring_enter records the ring it used and the entries in it. A process
// that never calls io_uring_setup costs two comparisons a call.

// urings are the trackers of the processes that set a ring up, by pid.
type uringTrackers map[int]*decoder.UringTracker

// Uring returns the ring behind key (an fd, or a registered ring's index)
// as a SecUring section's data.
func (m *memSource) Uring(key uint64) ([]byte, error) {
	if tr := m.urings[m.pid]; tr != nil {
		if d, ok := tr.Ring(key, uint32(m.tid)); ok {
			return d, nil
		}
	}
	return nil, errNoInfo
}

// trackUring follows th's process's rings from the call th completed,
// whose record holds what its decoding read.
func (t *tracer) trackUring(th *thread) {
	if len(t.urings) > 0 {
		if tr := t.urings[th.pid]; tr != nil {
			tr.Observe(&th.rec)
			return
		}
	}
	if !t.isUringSetup(th.rec.Arch, th.rec.Nr) || th.rec.Ret < 0 {
		return
	}
	tr := &decoder.UringTracker{}
	tr.Observe(&th.rec)
	if !tr.Empty() {
		t.urings[th.pid] = tr
	}
}

// isUringSetup reports whether nr is io_uring_setup on arch, from the
// number of the arch last asked about.
func (t *tracer) isUringSetup(arch uint32, nr int64) bool {
	if arch != t.uringArch || t.uringSetup == 0 {
		t.uringArch, t.uringSetup = arch, -1
		if a := decoder.ArchByAudit(arch); a != nil {
			if n, ok := a.SyscallNumber("io_uring_setup"); ok {
				t.uringSetup = n
			}
		}
	}
	return nr == t.uringSetup
}

// checkUring, when set (by tests), sees each phase of every call right
// after its reads were recorded, while the thread is still stopped.
var checkUring func(rec *pcapng.Record, src decoder.Source, exit bool)
