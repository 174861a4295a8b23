package decoder

// Netlink attributes (struct nlattr): the walk of an attribute list and the
// decoders of the attribute values, as strace's nlattr.c prints them.

import "fmt"

// nlaDecoder prints an attribute's n bytes of data at addr; false prints
// them as a hex string instead.
type nlaDecoder func(c *ctx, addr, n uint64) bool

// nlattrs prints a list of attributes whose types are values of set;
// decoder picks the decoder of a type.
func (c *ctx) nlattrs(addr, n uint64, set string, decoder func(typ uint64) nlaDecoder) {
	c.tlvList(addr, n, nlaHdrLen, func(b []byte) uint64 { return c.uint(b[0:2]) },
		func(addr, n uint64, b []byte) {
			l := min(c.uint(b[0:2]), n)
			if l > nlaHdrLen {
				c.sb.WriteByte('[')
			}
			typ := c.uint(b[2:4])
			c.str("{nla_len=")
			c.udec(c.uint(b[0:2]))
			c.str(", nla_type=")
			if typ&nlaFNested != 0 {
				c.str(c.styled("0x8000", "NLA_F_NESTED"))
				c.sb.WriteByte('|')
			}
			if typ&nlaFNetOrder != 0 {
				c.str(c.styled("0x4000", "NLA_F_NET_BYTEORDER"))
				c.sb.WriteByte('|')
			}
			typ &^= nlaFNested | nlaFNetOrder
			c.enum(set, typ)
			c.sb.WriteByte('}')
			if l > nlaHdrLen {
				c.str(", ")
				var d nlaDecoder
				if decoder != nil {
					d = decoder(typ)
				}
				if d == nil || !d(c, addr+nlaHdrLen, l-nlaHdrLen) {
					c.readBuf(addr+nlaHdrLen, l-nlaHdrLen, true)
				}
				c.sb.WriteByte(']')
			}
		})
}

// nlaStr prints a string attribute without its trailing NUL, as strace's
// decode_nla_str; a string that lacks one ends in "...".
func (c *ctx) nlaStr(addr, n uint64) bool {
	size := min(n, uint64(c.limit))
	b, err := c.mem.Read(addr, int(size))
	if err != nil {
		c.ptr(addr)
		return true
	}
	// Under -x the trailing NUL counts as unprintable: the string then
	// prints whole in hex, NUL included, and ends in "...".
	if size > 0 && b[size-1] == 0 && !c.hexString(b) {
		c.quote(b[:size-1], false)
		return true
	}
	c.quote(b, false)
	if n > 0 {
		c.str("...")
	}
	return true
}

// hexString says whether quote prints b in hex: always under -xx, under
// -x when b holds an unprintable byte.
func (c *ctx) hexString(b []byte) bool {
	switch {
	case c.opts.HexStrings >= 2:
		return true
	case c.opts.HexStrings == 1:
		for _, x := range b {
			if x > 0x7e || (x < ' ' && (x < '\t' || x > '\r')) {
				return true
			}
		}
	}
	return false
}

// styledBytes prints what an address's bytes b mean, text, in the -X
// style: the text (abbrev), the bytes in hex (raw), or both (verbose:
// "\x7f\x00\x00\x01" /* inet_addr("127.0.0.1") */).
func (c *ctx) styledBytes(b []byte, text string) {
	if c.opts.Xlat == XlatAbbrev {
		c.str(text)
		return
	}
	c.quote(b, true)
	if c.opts.Xlat == XlatVerbose {
		c.str(" /* " + text + " */")
	}
}

// nlaU32 prints a u32 attribute; a shorter one is a hex string.
func (c *ctx) nlaU32(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.udec(c.uint(b))
	}
	return true
}

// nlaU8 prints a u8 attribute.
func (c *ctx) nlaU8(addr, n uint64) bool {
	if n < 1 {
		return false
	}
	if b, ok := c.fetch(addr, 1); ok {
		c.udec(uint64(b[0]))
	}
	return true
}

// nlaFlags32 returns a decoder of a u32 attribute that is a bitmask of set.
func nlaFlags32(set string) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		if n < 4 {
			return false
		}
		if b, ok := c.fetch(addr, 4); ok {
			c.flags(set, c.uint(b))
		}
		return true
	}
}

// nlaInetAddr returns a decoder of an address of family: inet_addr("...")
// or inet_pton(AF_INET6, "..."), as strace's decode_inet_addr.
func nlaInetAddr(family uint64) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		switch {
		case family == 2 && n >= 4:
			if b, ok := c.fetch(addr, 4); ok {
				c.styledBytes(b, fmt.Sprintf("inet_addr(\"%d.%d.%d.%d\")", b[0], b[1], b[2], b[3]))
			}
			return true
		case family == 10 && n >= 16:
			if b, ok := c.fetch(addr, 16); ok {
				c.styledBytes(b, "inet_pton(AF_INET6, \""+inet6String(b)+"\")")
			}
			return true
		}
		return false
	}
}

// nlaIfindex prints an interface index attribute.
func (c *ctx) nlaIfindex(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.ifindex(c.uint(b))
	}
	return true
}

// nlaU64 prints a u64 attribute.
func (c *ctx) nlaU64(addr, n uint64) bool {
	if n < 8 {
		return false
	}
	if b, ok := c.fetch(addr, 8); ok {
		c.udec(c.uint(b))
	}
	return true
}

// nlaS32 prints an s32 attribute.
func (c *ctx) nlaS32(addr, n uint64) bool {
	if n < 4 {
		return false
	}
	if b, ok := c.fetch(addr, 4); ok {
		c.dec(int64(int32(c.uint(b))))
	}
	return true
}

// nlaU32s returns a decoder printing a structure of u32 fields named
// names, when the attribute holds it whole (struct ifa_cacheinfo).
func nlaU32s(names ...string) nlaDecoder {
	return func(c *ctx, addr, n uint64) bool {
		if n < uint64(4*len(names)) {
			return false
		}
		b, ok := c.fetch(addr, 4*len(names))
		if !ok {
			return true
		}
		c.sb.WriteByte('{')
		for i, name := range names {
			if i > 0 {
				c.str(", ")
			}
			c.str(name)
			c.sb.WriteByte('=')
			c.udec(c.uint(b[4*i : 4*i+4]))
		}
		c.sb.WriteByte('}')
		return true
	}
}
