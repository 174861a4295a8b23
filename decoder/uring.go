package decoder

import (
	"encoding/binary"
	"strconv"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// What a process submits through its io_uring rings, which strace does not
// show: at io_uring_enter's entry the submission queue entries the kernel
// is about to consume, at its exit the completion queue entries waiting to
// be reaped. Both live in memory the process shares with the kernel, so
// they are read as any argument is, through Memory, and a capture holds
// the bytes. What it takes to find them (the ring's addresses and
// geometry) comes from earlier calls, io_uring_setup and the mmaps of the
// ring's fd: UringTracker follows those while capturing, and each
// io_uring_enter record gets a SecUring section with the ring it used, so
// that it decodes alone.

// Setup flags, features and mmap offsets of include/uapi/linux/io_uring.h.
const (
	uringSetupSQPoll    = 1 << 1
	uringSetupSQE128    = 1 << 10
	uringSetupCQE32     = 1 << 11
	uringSetupNoMmap    = 1 << 14
	uringSetupNoSQArray = 1 << 16
	uringFeatSingleMmap = 1 << 0
	uringOffSQRing      = 0
	uringOffCQRing      = 0x8000000
	uringOffSQEs        = 0x10000000
	uringEnterRegRing   = 1 << 4
	// uringRegistered marks a SecUring key that is an index into the
	// calling thread's registered ring fds (IORING_REGISTER_RING_FDS),
	// not an fd.
	uringRegistered = 1 << 32
	// io_uring_register's opcodes for registered ring fds; the kernel
	// takes at most 16 (IO_RINGFD_REG_MAX).
	uringRegisterRingFDs   = 20
	uringUnregisterRingFDs = 21
	uringMaxRingFDs        = 16
	uringFixedFile         = 1 << 0 // IOSQE_FIXED_FILE
	uringParamsSize        = 120
	uringSectionSize       = 24 + uringParamsSize
	// uringMaxEntries bounds the entries read at one stop, whatever the
	// ring's size.
	uringMaxEntries = 256
)

// UringRing is a ring as a SecUring section holds it: the addresses of
// its submission ring, completion ring and entries array in the tracee,
// and the io_uring_params io_uring_setup returned.
type UringRing struct {
	SQRing, CQRing, SQEs uint64
	Params               [uringParamsSize]byte
}

// AppendTo appends the SecUring section data of r: the three addresses
// (little-endian uint64), then the params as the tracee's memory held them.
func (r *UringRing) AppendTo(b []byte) []byte {
	b = binary.LittleEndian.AppendUint64(b, r.SQRing)
	b = binary.LittleEndian.AppendUint64(b, r.CQRing)
	b = binary.LittleEndian.AppendUint64(b, r.SQEs)
	return append(b, r.Params[:]...)
}

// ParseUringRing reads a SecUring section's data; longer data (a later
// revision's) is accepted, shorter is not.
func ParseUringRing(b []byte) (UringRing, bool) {
	var r UringRing
	if len(b) < uringSectionSize {
		return r, false
	}
	r.SQRing = binary.LittleEndian.Uint64(b)
	r.CQRing = binary.LittleEndian.Uint64(b[8:])
	r.SQEs = binary.LittleEndian.Uint64(b[16:])
	copy(r.Params[:], b[24:])
	return r, true
}

func (r *UringRing) p32(off int) uint32 { return binary.LittleEndian.Uint32(r.Params[off:]) }

func (r *UringRing) sqEntries() uint32 { return r.p32(0) }
func (r *UringRing) cqEntries() uint32 { return r.p32(4) }
func (r *UringRing) flags() uint32     { return r.p32(8) }

// sqOff and cqOff are members of sq_off and cq_off by index: head 0, tail
// 1, ring_mask 2, ring_entries 3, then sq's array 6 and cq's cqes 5.
func (r *UringRing) sqOff(i int) uint64 { return uint64(r.p32(40 + 4*i)) }
func (r *UringRing) cqOff(i int) uint64 { return uint64(r.p32(80 + 4*i)) }

// UringTracker follows the io_uring rings of one traced process, from the
// records of its calls: io_uring_setup gives a ring's fd and geometry, an
// mmap of that fd at IORING_OFF_SQ_RING, _CQ_RING or _SQES where each part
// lives (IORING_SETUP_NO_MMAP's rings are where the caller put them). An
// exec forgets them all, a close the fd's. IORING_REGISTER_RING_FDS gives
// a ring an index in the calling thread's table, which io_uring_enter takes
// with IORING_ENTER_REGISTERED_RING (and which outlives a close of the fd).
// A process it did not see set its ring up (attached later, a child that
// inherited it, a ring fd passed over a socket) has no ring known: its
// io_uring_enter shows no entries.
type UringTracker struct {
	rings map[int32]*UringRing
	regs  map[uringRegKey]*UringRing
}

// uringRegKey is a registered ring's index in one thread's table.
type uringRegKey struct {
	tid   uint32
	index uint32
}

// Empty reports whether no ring is known.
func (t *UringTracker) Empty() bool { return len(t.rings) == 0 && len(t.regs) == 0 }

// Ring returns the SecUring section data of the ring behind key, as
// thread tid's io_uring_enter names it: an fd, or uringRegistered and
// an index into its registered ring fds.
func (t *UringTracker) Ring(key uint64, tid uint32) ([]byte, bool) {
	var r *UringRing
	if key&uringRegistered != 0 {
		r = t.regs[uringRegKey{tid, uint32(key)}]
	} else {
		r = t.rings[int32(key)]
	}
	if r == nil || r.SQRing == 0 || r.SQEs == 0 {
		return nil, false
	}
	return r.AppendTo(nil), true
}

// IsUringSetup reports whether syscall nr of arch is io_uring_setup: the
// call that starts a tracker.
func IsUringSetup(arch uint32, nr int64) bool {
	a := ArchByAudit(arch)
	return a != nil && a.SyscallName(nr) == "io_uring_setup"
}

// Observe updates t from a completed call's record, whose sections hold
// what its decoding read (io_uring_setup's params at exit).
func (t *UringTracker) Observe(rec *pcapng.Record) {
	a := ArchByAudit(rec.Arch)
	if a == nil || rec.Kind != pcapng.KindSyscall || rec.Flags&pcapng.FlagNoReturn != 0 {
		return
	}
	ret := rec.Ret
	if a.Audit == AuditArchI386 {
		ret = int64(int32(ret))
	}
	switch a.SyscallName(rec.Nr) {
	case "io_uring_setup":
		if ret < 0 {
			return
		}
		p, err := NewReplay(rec, true).Read(a.word(rec.Args[1]), uringParamsSize)
		if err != nil {
			return
		}
		r := &UringRing{}
		copy(r.Params[:], p)
		if r.flags()&uringSetupNoMmap != 0 {
			// The caller's memory: sq_off.user_addr holds the entries,
			// cq_off.user_addr the rings, which share it.
			r.SQEs = binary.LittleEndian.Uint64(r.Params[72:])
			r.SQRing = binary.LittleEndian.Uint64(r.Params[112:])
			r.CQRing = r.SQRing
		}
		if t.rings == nil {
			t.rings = map[int32]*UringRing{}
		}
		t.rings[int32(ret)] = r
	case "mmap", "mmap2":
		r := t.rings[int32(rec.Args[4])]
		if r == nil || ret < 0 && ret >= -4095 {
			return
		}
		off := a.word(rec.Args[5])
		if a.SyscallName(rec.Nr) == "mmap2" {
			off *= 4096
		}
		addr := a.word(uint64(rec.Ret))
		switch off {
		case uringOffSQRing:
			r.SQRing = addr
		case uringOffCQRing:
			r.CQRing = addr
		case uringOffSQEs:
			r.SQEs = addr
		}
	case "io_uring_register":
		t.observeRingFDs(rec, a, ret)
	case "close":
		if ret == 0 {
			delete(t.rings, int32(rec.Args[0]))
		}
	case "execve", "execveat":
		if ret == 0 {
			clear(t.rings)
			clear(t.regs)
		}
	}
}

// observeRingFDs follows IORING_REGISTER_RING_FDS, from the offsets the
// kernel wrote back (read at exit, see captureUring), and
// IORING_UNREGISTER_RING_FDS; ret is how many it took.
func (t *UringTracker) observeRingFDs(rec *pcapng.Record, a *Arch, ret int64) {
	op := uint32(rec.Args[1])
	if ret <= 0 || op != uringRegisterRingFDs && op != uringUnregisterRingFDs {
		return
	}
	n := min(uint32(ret), uint32(rec.Args[3]), uringMaxRingFDs)
	b, err := NewReplay(rec, op == uringRegisterRingFDs).Read(a.word(rec.Args[2]), 16*int(n))
	if err != nil {
		return
	}
	for i := range int(n) {
		e := b[16*i:]
		k := uringRegKey{rec.TID, le32(e)}
		if op == uringUnregisterRingFDs {
			delete(t.regs, k)
			continue
		}
		if r := t.rings[int32(le64(e[8:]))]; r != nil {
			if t.regs == nil {
				t.regs = map[uringRegKey]*UringRing{}
			}
			t.regs[k] = r
		}
	}
}

// word narrows v to the arch's word.
func (a *Arch) word(v uint64) uint64 {
	if a.Audit == AuditArchI386 {
		return uint64(uint32(v))
	}
	return v
}

// uringSource is a Source that knows the tracee's rings (the tracer's).
type uringSource interface {
	Uring(key uint64) ([]byte, error)
}

// Uring returns the ring behind key (see UringTracker.Ring), recording it
// as a SecUring section.
func (r *recorder) Uring(key uint64) ([]byte, bool) {
	us, ok := r.src.(uringSource)
	if !ok {
		return nil, false
	}
	d, err := us.Uring(key)
	if err != nil || len(d) == 0 {
		return nil, false
	}
	b := r.alloc(len(d))
	copy(b, d)
	r.add(recKey{pcapng.SecUring, key, 0, false}, 0, b)
	return b, true
}

// Uring returns the ring behind key as the record holds it.
func (r *replay) Uring(key uint64) ([]byte, bool) {
	for i := range r.rec.Sections {
		s := &r.rec.Sections[i]
		if s.Type == pcapng.SecUring && s.Key == key && r.phase(s) {
			return s.Data, true
		}
	}
	return nil, false
}

// uringRing finds the ring of an io_uring_enter record through mem, which
// holds its entry phase.
func uringRing(rec *pcapng.Record, mem Memory) (UringRing, bool) {
	m, ok := mem.(interface{ Uring(uint64) ([]byte, bool) })
	if !ok {
		return UringRing{}, false
	}
	key := uint64(uint32(rec.Args[0]))
	if rec.Args[3]&uringEnterRegRing != 0 {
		// fd is an index into the ring fds the thread registered.
		key |= uringRegistered
	}
	d, ok := m.Uring(key)
	if !ok {
		return UringRing{}, false
	}
	return ParseUringRing(d)
}

// UringSQE is a submission queue entry, its members as
// include/uapi/linux/io_uring.h names them (op_flags is the union of the
// operations' flags: rw_flags, fsync_flags, msg_flags...).
type UringSQE struct {
	Opcode, Flags         uint8
	Ioprio                uint16
	FD                    int32
	Off, Addr             uint64
	Len, OpFlags          uint32
	UserData              uint64
	BufIndex, Personality uint16
	SpliceFDIn            int32
	Addr3                 uint64
	index                 uint32 // its slot in the entries array
}

// UringCQE is a completion queue entry.
type UringCQE struct {
	UserData uint64
	Res      int32
	Flags    uint32
}

func le16(b []byte) uint16 { return binary.LittleEndian.Uint16(b) }
func le32(b []byte) uint32 { return binary.LittleEndian.Uint32(b) }
func le64(b []byte) uint64 { return binary.LittleEndian.Uint64(b) }

// uringSQEs reads, through mem (the entry phase), the entries an
// io_uring_enter is about to submit: those between the ring's head and
// tail, at most to_submit (all of them under SQPOLL, where the kernel's
// thread takes them whenever it runs, maybe before this call).
func uringSQEs(rec *pcapng.Record, r *UringRing, mem Memory) []UringSQE {
	entries := r.sqEntries()
	if r.SQRing == 0 || r.SQEs == 0 || entries == 0 || entries&(entries-1) != 0 {
		return nil
	}
	hb, err := mem.Read(r.SQRing+r.sqOff(0), 4)
	if err != nil {
		return nil
	}
	tb, err := mem.Read(r.SQRing+r.sqOff(1), 4)
	if err != nil {
		return nil
	}
	head, tail := le32(hb), le32(tb)
	n := min(tail-head, entries, uringMaxEntries)
	if r.flags()&uringSetupSQPoll == 0 {
		n = min(n, uint32(rec.Args[1]))
	}
	size := uint64(64)
	if r.flags()&uringSetupSQE128 != 0 {
		size = 128
	}
	mask := entries - 1
	var out []UringSQE
	for i := range n {
		idx := (head + i) & mask
		if r.flags()&uringSetupNoSQArray == 0 {
			ib, err := mem.Read(r.SQRing+r.sqOff(6)+4*uint64(idx), 4)
			if err != nil {
				break
			}
			idx = le32(ib)
			if idx >= entries {
				continue // the kernel drops it
			}
		}
		b, err := mem.Read(r.SQEs+size*uint64(idx), 64)
		if err != nil {
			break
		}
		out = append(out, UringSQE{Opcode: b[0], Flags: b[1], Ioprio: le16(b[2:]), FD: int32(le32(b[4:])),
			Off: le64(b[8:]), Addr: le64(b[16:]), Len: le32(b[24:]), OpFlags: le32(b[28:]), UserData: le64(b[32:]),
			BufIndex: le16(b[40:]), Personality: le16(b[42:]), SpliceFDIn: int32(le32(b[44:])), Addr3: le64(b[48:]), index: idx})
	}
	return out
}

// uringCQEs reads, through mem (the exit phase), the completions waiting
// between the ring's head and tail when io_uring_enter returned.
func uringCQEs(r *UringRing, mem Memory) []UringCQE {
	ring := r.CQRing
	if ring == 0 && r.p32(20)&uringFeatSingleMmap != 0 {
		ring = r.SQRing // one mmap holds both rings
	}
	entries := r.cqEntries()
	if ring == 0 || entries == 0 || entries&(entries-1) != 0 {
		return nil
	}
	hb, err := mem.Read(ring+r.cqOff(0), 4)
	if err != nil {
		return nil
	}
	tb, err := mem.Read(ring+r.cqOff(1), 4)
	if err != nil {
		return nil
	}
	head, tail := le32(hb), le32(tb)
	n := min(tail-head, entries, uringMaxEntries)
	size := uint64(16)
	if r.flags()&uringSetupCQE32 != 0 {
		size = 32
	}
	var out []UringCQE
	for i := range n {
		b, err := mem.Read(ring+r.cqOff(5)+size*uint64((head+i)&(entries-1)), 16)
		if err != nil {
			break
		}
		out = append(out, UringCQE{UserData: le64(b), Res: int32(le32(b[8:])), Flags: le32(b[12:])})
	}
	return out
}

// uringOpName is an operation's name as the kernel's
// io_uring_get_opcode gives it ("READ"), or "op N".
func uringOpName(op uint8) string {
	if name := xlats()["uring_ops"].lookup(uint64(op), 0); name != "" {
		return name
	}
	return "op " + strconv.Itoa(int(op))
}

// uringWrites are the operations whose buffer is data the process hands
// the kernel: the comment line quotes it, as strace quotes write's.
var uringWrites = map[uint8]bool{5: true, 23: true, 26: true, 47: true} // WRITE_FIXED, WRITE, SEND, SEND_ZC

// uringReads are the operations that read into one buffer: their
// completion's line quotes what they read, up to the result.
var uringReads = map[uint8]bool{4: true, 22: true, 27: true} // READ_FIXED, READ, RECV

// uringBufferSelect is IOSQE_BUFFER_SELECT: the kernel picks the buffer
// from a group, and addr is not where the data went.
const uringBufferSelect = 1 << 5

// uringText appends to c's text the comment lines of one phase of an
// io_uring_enter record: the entries submitted (entry phase) or the
// completions waiting (exit phase), each "# io_uring ...\n". entry is the
// record's entry-phase memory, where the ring is found; c.mem is the
// phase's. It reads through them as it prints, so that at capture time
// (muted) it records what decoding will read.
func (c *ctx) uringText(entry Memory, exit bool) {
	r, ok := uringRing(c.rec, entry)
	if !ok {
		return
	}
	if !exit {
		for _, s := range uringSQEs(c.rec, &r, c.mem) {
			c.uringSQE(&s)
		}
		return
	}
	if c.rec.Flags&pcapng.FlagNoReturn != 0 {
		return
	}
	cqes := uringCQEs(&r, c.mem)
	var reads map[uint64]*UringSQE
	if len(cqes) > 0 {
		reads = uringReadsOf(c.rec, &r, entry)
	}
	for i := range cqes {
		c.uringCQE(&cqes[i], reads[cqes[i].UserData])
	}
}

// uringReadsOf are the reads an io_uring_enter submitted, by user_data: a
// completion of one shows the data read, as strace shows read's.
func uringReadsOf(rec *pcapng.Record, r *UringRing, entry Memory) map[uint64]*UringSQE {
	var reads map[uint64]*UringSQE
	for _, s := range uringSQEs(rec, r, entry) {
		if uringReads[s.Opcode] && s.Flags&uringBufferSelect == 0 {
			if reads == nil {
				reads = map[uint64]*UringSQE{}
			}
			reads[s.UserData] = &s
		}
	}
	return reads
}

// uringCQE appends the comment line of one completion; read, when not
// nil, is the read it completes, whose data it quotes.
func (c *ctx) uringCQE(q *UringCQE, read *UringSQE) {
	c.str("# io_uring cqe: user_data=")
	c.hex(q.UserData)
	c.str(" res=")
	c.dec(int64(q.Res))
	if e := -int(q.Res); e > 0 && e < 4096 {
		if name := ErrnoName(e); name != "" {
			c.str(" " + name)
		}
		c.str(" (" + ErrnoMessage(e) + ")")
	} else if read != nil && q.Res > 0 {
		c.str(" buf=")
		c.readBuf(read.Addr, uint64(q.Res), false)
	}
	if q.Flags != 0 {
		c.str(" flags=")
		c.flags("uring_cqe_flags", uint64(q.Flags))
	}
	c.sb.WriteByte('\n')
}

// uringSQE appends the comment line of one submission.
func (c *ctx) uringSQE(s *UringSQE) {
	c.str("# io_uring sqe: ")
	c.str(uringOpName(s.Opcode))
	if s.Opcode != 0 {
		c.str(" fd=")
		if s.Flags&uringFixedFile != 0 {
			// An index into the ring's registered files.
			c.str("#")
			c.dec(int64(s.FD))
		} else {
			c.fd(uint64(uint32(s.FD)))
		}
		c.str(" addr=")
		c.hex(s.Addr)
		if uringWrites[s.Opcode] {
			c.str(" buf=")
			c.readBuf(s.Addr, uint64(s.Len), false)
		}
		c.str(" len=")
		c.dec(int64(s.Len))
		c.str(" off=")
		c.dec(int64(s.Off))
		if s.OpFlags != 0 {
			c.str(" op_flags=")
			c.hex(uint64(s.OpFlags))
		}
	}
	if s.Flags != 0 {
		c.str(" flags=")
		c.flags("uring_sqe_flags", uint64(s.Flags))
	}
	if s.Ioprio != 0 {
		c.str(" ioprio=")
		c.dec(int64(s.Ioprio))
	}
	if s.BufIndex != 0 {
		c.str(" buf_index=")
		c.dec(int64(s.BufIndex))
	}
	if s.Personality != 0 {
		c.str(" personality=")
		c.dec(int64(s.Personality))
	}
	c.str(" user_data=")
	c.hex(s.UserData)
	c.sb.WriteByte('\n')
}

// captureUring makes, at capture time, the reads of the comment lines of
// io_uring_enter (name is the call's), which decode --io-uring prints, and
// those UringTracker needs of io_uring_register.
func (c *ctx) captureUring(name string, entry Memory, exit bool) {
	if !c.opts.IoUring {
		return
	}
	if name == "io_uring_register" && exit && uint32(c.rec.Args[1]) == uringRegisterRingFDs && !c.failed() {
		// The indexes the kernel chose, for the tracker.
		n := min(uint32(c.rec.Args[3]), uringMaxRingFDs)
		_, _ = c.mem.Read(c.word(c.rec.Args[2]), 16*int(n))
		return
	}
	if name != "io_uring_enter" {
		return
	}
	n := len(c.sb.b)
	c.uringText(entry, exit)
	c.sb.b = c.sb.b[:n]
}

// appendUring appends the comment lines of a completed io_uring_enter
// record, entries then completions; nothing for any other record or
// without Options.IoUring.
func (d *Decoder) appendUring(r *renderer, dst []byte, rec *pcapng.Record) []byte {
	if !d.opts.IoUring || rec.Kind != pcapng.KindSyscall {
		return dst
	}
	a := ArchByAudit(rec.Arch)
	if a == nil || a.SyscallName(rec.Nr) != "io_uring_enter" {
		return dst
	}
	c := &r.c
	entry := &replay{rec: rec}
	d.resetCtx(c, rec, entry, false, 0)
	c.sb.b = dst
	c.uringText(entry, false)
	c.mem, c.exit = &replay{rec: rec, exit: true}, true
	c.uringText(entry, true)
	return c.sb.b
}

// uring writes the comment lines of a completed io_uring_enter after its
// line, unprefixed as the -e read= dumps are.
func (p *Printer) uring(rec *pcapng.Record) {
	if b := p.dec.appendUring(&p.r, p.line[:0], rec); len(b) > 0 && p.err == nil {
		_, p.err = p.w.Write(b)
		p.line = b[:0]
	}
}

// uring writes an io_uring_enter's entries and completions (docs/json.md):
// "io_uring": {"sqes": [...], "cqes": [...]}, each with its members and
// its comment line's text; nothing when the record holds no ring.
func (j *JSONWriter) uring(rec *pcapng.Record) {
	a := ArchByAudit(rec.Arch)
	if a == nil || a.SyscallName(rec.Nr) != "io_uring_enter" {
		return
	}
	entry := &replay{rec: rec}
	r, ok := uringRing(rec, entry)
	if !ok {
		return
	}
	c := j.dec.newCtx(rec, entry, false, j.limit)
	line := func(f func()) string {
		c.sb.b = c.sb.b[:0]
		f()
		s := string(c.sb.b)
		_, s, _ = strings.Cut(s, ": ")
		return strings.TrimSuffix(s, "\n")
	}
	b := &j.b
	b.obj("io_uring")
	b.arr("sqes")
	for _, s := range uringSQEs(rec, &r, entry) {
		b.elem()
		b.open()
		b.str("opcode", uringOpName(s.Opcode))
		b.uint("opcode_number", uint64(s.Opcode))
		if s.Opcode != 0 {
			if s.Flags&uringFixedFile != 0 {
				b.int("fixed_file", int64(s.FD))
			} else {
				b.key("fd")
				j.fd(rec, s.FD, false)
			}
			b.uint("addr", s.Addr)
			b.uint("len", uint64(s.Len))
			b.int("off", int64(s.Off))
			b.uint("op_flags", uint64(s.OpFlags))
		}
		b.uint("flags", uint64(s.Flags))
		if s.Flags != 0 {
			b.str("flags_text", formatFlags("uring_sqe_flags", uint64(s.Flags), rec.Arch))
		}
		b.uint("user_data", s.UserData)
		b.str("text", line(func() { c.uringSQE(&s) }))
		b.close()
	}
	b.endArr()
	if rec.Kind == pcapng.KindSyscall && rec.Flags&pcapng.FlagNoReturn == 0 {
		exit := &replay{rec: rec, exit: true}
		cqes := uringCQEs(&r, exit)
		var reads map[uint64]*UringSQE
		if len(cqes) > 0 {
			reads = uringReadsOf(rec, &r, entry)
		}
		c.mem, c.exit = exit, true
		b.arr("cqes")
		for _, q := range cqes {
			b.elem()
			b.open()
			b.uint("user_data", q.UserData)
			b.int("res", int64(q.Res))
			if e := -int(q.Res); e > 0 && e < 4096 {
				if name := ErrnoName(e); name != "" {
					b.str("errno", name)
				}
			}
			b.uint("flags", uint64(q.Flags))
			if q.Flags != 0 {
				b.str("flags_text", formatFlags("uring_cqe_flags", uint64(q.Flags), rec.Arch))
			}
			b.str("text", line(func() { c.uringCQE(&q, reads[q.UserData]) }))
			b.close()
		}
		b.endArr()
	}
	b.close()
}

// UringText is the comment lines of one phase of an io_uring_enter record
// (entries at entry, completions at exit) read through mem, with entry
// the record's entry-phase memory: a live recorder while capturing, a
// replay after. Tests compare the two.
func (d *Decoder) UringText(rec *pcapng.Record, entry, mem Memory, exit bool) string {
	a := ArchByAudit(rec.Arch)
	if a == nil || a.SyscallName(rec.Nr) != "io_uring_enter" {
		return ""
	}
	c := d.newCtx(rec, mem, exit, 0)
	c.uringText(entry, exit)
	return c.sb.String()
}
