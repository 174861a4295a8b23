package decoder

// io_uring's structures as strace 6.1 prints them: io_uring_setup's
// params, io_uring_register's descriptor arrays and buffers.

func uringStructs() structRenderers {
	return structRenderers{
		"io_uring_params": (*ctx).uringParams,
		"uring_fds":       (*ctx).uringFDs,
		"uring_iovecs":    (*ctx).uringIovecs,
		// IORING_REGISTER_RING_FDS's and IORING_UNREGISTER_RING_FDS's
		// arrays of struct io_uring_rsrc_update.
		"uring_ring_fds":     func(c *ctx, addr uint64, s Struct) { c.uringRsrcUpdates(addr, s, true) },
		"uring_ring_fds_off": func(c *ctx, addr uint64, s Struct) { c.uringRsrcUpdates(addr, s, false) },
		"io_uring_buf_reg":   (*ctx).uringBufReg,
	}
}

// uringRsrcUpdates renders nr_args io_uring_rsrc_updates as strace 6.1
// does, registering ring fds (the offset, -1 for "any", and the fd in
// data) or unregistering them (the offset; data in hex when not zero).
func (c *ctx) uringRsrcUpdates(addr uint64, s Struct, register bool) {
	l := c.layout("io_uring_rsrc_update")
	if l == nil {
		c.ptr(addr)
		return
	}
	c.uringArray(addr, uint64(uint32(c.rec.Args[s.LenArg])), l.Size, func(b []byte) {
		off := c.mu(b, l, "offset")
		c.str("{offset=")
		if register && off == 0xffffffff {
			c.str("-1")
		} else {
			c.str(u10(off))
		}
		if v := c.mu(b, l, "resv"); v != 0 {
			c.str(", resv=" + hex(v))
		}
		data := c.mu(b, l, "data")
		switch {
		case register:
			c.str(", data=")
			c.fd(data)
		case data != 0:
			c.str(", data=" + hex(data))
		}
		c.sb.WriteByte('}')
	})
}

// uringArray renders n elements of size bytes at addr as strace's
// print_array does: at most -s of them unless -v, then "..."; an element
// it cannot read ends the array with its address, the first one prints
// the array's address alone. The whole array is read at once; only when
// that faults, element by element.
func (c *ctx) uringArray(addr, n uint64, size int, elem func(b []byte)) {
	if n == 0 {
		c.str("[]")
		return
	}
	show := n
	if !c.opts.Verbose && show > uint64(c.limit) {
		show = uint64(c.limit)
	}
	show = min(show, 1<<16)
	b, err := c.mem.Read(addr, size*int(show))
	if err != nil {
		if _, err0 := c.mem.Read(addr, size); err0 != nil {
			c.ptr(addr)
			return
		}
	}
	c.sb.WriteByte('[')
	for i := range int(show) {
		if i > 0 {
			c.str(", ")
		}
		at := addr + uint64(size*i)
		if err != nil {
			e, eerr := c.mem.Read(at, size)
			if eerr != nil {
				c.str("... /* ")
				c.hex(at)
				c.str(" */]")
				return
			}
			elem(e)
			continue
		}
		elem(b[size*i : size*(i+1)])
	}
	if show < n {
		c.str(", ...")
	}
	c.sb.WriteByte(']')
}

// uringBufReg renders struct io_uring_buf_reg (IORING_REGISTER_PBUF_RING):
// pad and the reserved words only when not zero.
func (c *ctx) uringBufReg(addr uint64, _ Struct) {
	l := c.layout("io_uring_buf_reg")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	ring := "NULL"
	if v := c.mu(b, l, "ring_addr"); v != 0 {
		ring = hex(v)
	}
	c.str("{ring_addr=" + ring + ", ring_entries=" + u10(c.mu(b, l, "ring_entries")) + ", bgid=" + u10(c.mu(b, l, "bgid")))
	if v := c.mu(b, l, "pad"); v != 0 {
		c.str(", pad=" + hex(v))
	}
	c.xintArray(b, l, "resv", 3)
	c.sb.WriteByte('}')
}

// uringIovecs renders IORING_REGISTER_BUFFERS's nr_args iovecs, the
// buffers as their addresses: "[{iov_base=0x..., iov_len=4096}]".
func (c *ctx) uringIovecs(addr uint64, s Struct) {
	c.iovecs(addr, uint64(uint32(c.rec.Args[s.LenArg])), -1, false)
}

// uringParams renders struct io_uring_params: what the caller filled in,
// then, when the call succeeded, what the kernel answered. wq_fd shows only with
// IORING_SETUP_ATTACH_WQ, the reserved words only when not zero.
func (c *ctx) uringParams(addr uint64, _ Struct) {
	l := c.layout("io_uring_params")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	flags := c.mu(b, l, "flags")
	c.str("{flags=")
	c.flags("uring_setup_flags", flags)
	c.str(", sq_thread_cpu=" + hex(c.mu(b, l, "sq_thread_cpu")))
	c.str(", sq_thread_idle=" + u10(c.mu(b, l, "sq_thread_idle")))
	if flags&0x20 != 0 { // IORING_SETUP_ATTACH_WQ
		c.str(", wq_fd=")
		c.fd(c.mu(b, l, "wq_fd"))
	}
	c.xintArray(b, l, "resv", 3)
	if c.failed() {
		// strace reads the kernel's answer only from a call that succeeded.
		c.sb.WriteByte('}')
		return
	}
	c.str(", sq_entries=" + u10(c.mu(b, l, "sq_entries")))
	c.str(", cq_entries=" + u10(c.mu(b, l, "cq_entries")))
	c.str(", features=")
	c.flags("uring_setup_features", c.mu(b, l, "features"))
	c.str(", sq_off=")
	c.ringOffsets(b, l, "sq_off.", "head", "tail", "ring_mask", "ring_entries", "flags", "dropped", "array")
	c.str(", cq_off=")
	c.ringOffsets(b, l, "cq_off.", "head", "tail", "ring_mask", "ring_entries", "overflow", "cqes", "flags")
	c.sb.WriteByte('}')
}

// ringOffsets renders an io_sqring_offsets or io_cqring_offsets: its
// members in decimal, the reserved ones in hex when not zero.
func (c *ctx) ringOffsets(b []byte, l *Layout, prefix string, names ...string) {
	c.sb.WriteByte('{')
	for i, n := range names {
		if i > 0 {
			c.str(", ")
		}
		c.str(n + "=" + u10(c.mu(b, l, prefix+n)))
	}
	for _, n := range []string{"resv1", "resv2"} {
		if v := c.mu(b, l, prefix+n); v != 0 {
			c.str(", " + n + "=" + hex(v))
		}
	}
	c.sb.WriteByte('}')
}

// xintArray prints ", name=[...]" of an array of n unsigned members in
// hex, when one is not zero.
func (c *ctx) xintArray(b []byte, l *Layout, name string, n int) {
	vals := make([]uint64, n)
	zero := true
	for i := range vals {
		vals[i] = c.mu(b, l, name+"["+u10(uint64(i))+"]")
		zero = zero && vals[i] == 0
	}
	if zero {
		return
	}
	c.str(", " + name + "=[")
	for i, v := range vals {
		if i > 0 {
			c.str(", ")
		}
		c.str(hex(v))
	}
	c.sb.WriteByte(']')
}

// uringFDs renders io_uring_register's array of nr_args descriptors
// (IORING_REGISTER_FILES, IORING_REGISTER_EVENTFD): "[4</etc/passwd>,
// 5]", at most -s of them unless -v.
func (c *ctx) uringFDs(addr uint64, s Struct) {
	n := uint64(uint32(c.rec.Args[s.LenArg]))
	if n == 0 {
		c.str("[]")
		return
	}
	show := n
	if !c.opts.Verbose && show > uint64(c.limit) {
		show = uint64(c.limit)
	}
	if show > 1<<16 {
		// The kernel takes no more (IORING_MAX_FIXED_FILES): a larger
		// count shows as far as this, then "...".
		show = 1 << 16
	}
	// The whole array in one read; when it faults, element by element
	// as strace reads it, to show where it stopped.
	b, err := c.mem.Read(addr, 4*int(show))
	if err != nil {
		if _, err0 := c.mem.Read(addr, 4); err0 != nil {
			c.ptr(addr)
			return
		}
	}
	c.sb.WriteByte('[')
	for i := range int(show) {
		if i > 0 {
			c.str(", ")
		}
		if err != nil {
			e, eerr := c.mem.Read(addr+uint64(4*i), 4)
			if eerr != nil {
				c.str("... /* ")
				c.hex(addr + uint64(4*i))
				c.str(" */]")
				return
			}
			c.fd(c.uint(e))
			continue
		}
		c.fd(c.field(b, 4*i, 4))
	}
	if show < n {
		c.str(", ...")
	}
	c.sb.WriteByte(']')
}
