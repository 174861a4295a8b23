package decoder

// fcntl's structures: the record locks of F_SETLK and friends (struct
// flock, and flock64 for the OFD and 64-bit commands) and F_*OWN_EX's
// owner.

func fcntlStructs() structRenderers {
	return structRenderers{
		"flock":       func(c *ctx, addr uint64, _ Struct) { c.flock(addr, "flock", false) },
		"flock_pid":   func(c *ctx, addr uint64, _ Struct) { c.flock(addr, "flock", true) },
		"flock64":     func(c *ctx, addr uint64, _ Struct) { c.flock(addr, "flock64", false) },
		"flock64_pid": func(c *ctx, addr uint64, _ Struct) { c.flock(addr, "flock64", true) },
		"f_owner_ex":  (*ctx).fOwnerEx,
	}
}

// flock renders a lock of layout name; withPID adds l_pid, which only
// F_GETLK's answer fills in.
func (c *ctx) flock(addr uint64, name string, withPID bool) {
	l := c.layout(name)
	if l == nil {
		c.ptr(addr)
		return
	}
	// Imported, it may lack l_pid, which F_SETLK's line does not show.
	b, _, ok := c.fetchStruct(addr, l)
	if !ok {
		return
	}
	kv := []string{
		"l_type", c.xenum("lock_types", uint64(uint16(c.mu(b, l, "l_type")))),
		"l_whence", c.xenum("whence", uint64(uint16(c.mu(b, l, "l_whence")))),
		"l_start", d10(c.ms(b, l, "l_start")),
		"l_len", d10(c.ms(b, l, "l_len")),
	}
	if withPID {
		kv = append(kv, "l_pid", d10(c.ms(b, l, "l_pid")))
	}
	c.fields(kv...)
}

// fOwnerEx renders struct f_owner_ex: {type=F_OWNER_PID, pid=1234}.
func (c *ctx) fOwnerEx(addr uint64, _ Struct) {
	l := c.layout("f_owner_ex")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("type", c.xenum("f_owner_types", c.mu(b, l, "type")), "pid", d10(c.ms(b, l, "pid")))
}
