package decoder

// POSIX message queues: the attributes of mq_open and mq_getsetattr.

func mqueueStructs() structRenderers {
	return structRenderers{
		"mq_attr": (*ctx).mqAttr,
	}
}

// mqAttr renders struct mq_attr; its flags are open flags (O_NONBLOCK).
func (c *ctx) mqAttr(addr uint64, _ Struct) {
	l := c.layout("mq_attr")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("mq_flags", c.mqFlags(c.mu(b, l, "mq_flags")), "mq_maxmsg", d10(c.ms(b, l, "mq_maxmsg")),
		"mq_msgsize", d10(c.ms(b, l, "mq_msgsize")), "mq_curmsgs", d10(c.ms(b, l, "mq_curmsgs")))
}

// mqFlags is mq_flags as strace prints it: O_NONBLOCK, or 0.
func (c *ctx) mqFlags(v uint64) string {
	if v == 0 {
		return "0"
	}
	return c.xflags("mq_flags", v)
}
