package decoder

// File status structures: stat (and i386's stat64 and __old_kernel_stat), statx
// and statfs.

import "fmt"

// statOf renders the stat structure of layout name: struct stat on
// every arch (i386's is the old 32-bit one, which stat, lstat and fstat
// fill there), i386's struct stat64 and its __old_kernel_stat, whose times have no nanoseconds and which has no
// st_blksize or st_blocks (strace prints them as 0).
func statOf(name string) func(c *ctx, addr uint64, _ Struct) {
	return func(c *ctx, addr uint64, _ Struct) {
		l := c.layout(name)
		if l == nil {
			c.ptr(addr)
			return
		}
		b, whole, ok := c.fetchStruct(addr, l)
		if !ok || c.sb.mute {
			return // muted: the capture wants the read, not the text
		}
		verbose := c.opts.Verbose && whole
		mode := uint32(c.mu(b, l, "st_mode"))
		kv := make([]string, 0, 32) // room for every field: no growing
		if verbose {
			kv = append(kv, "st_dev", c.dev(c.mu(b, l, "st_dev")), "st_ino", u10(c.mu(b, l, "st_ino")),
				"st_mode", c.mode(mode), "st_nlink", u10(c.mu(b, l, "st_nlink")),
				"st_uid", u10(c.mu(b, l, "st_uid")), "st_gid", u10(c.mu(b, l, "st_gid")),
				"st_blksize", u10(c.mu(b, l, "st_blksize")), "st_blocks", u10(c.mu(b, l, "st_blocks")))
		} else {
			kv = append(kv, "st_mode", c.mode(mode))
		}
		if t := mode & 0o170000; t == 0o20000 || t == 0o60000 {
			kv = append(kv, "st_rdev", c.dev(c.mu(b, l, "st_rdev")))
		} else {
			kv = append(kv, "st_size", d10(c.mv(b, l, "st_size")))
		}
		if !verbose {
			c.fields(append(kv, "", "...")...)
			return
		}
		for _, n := range [...]string{"st_atime", "st_mtime", "st_ctime"} {
			sec, nsec := c.ms(b, l, n), c.mu(b, l, n+"_nsec")
			kv = append(kv, n, withTimeComment(d10(sec), sec, nsec))
			if l.has(n + "_nsec") {
				kv = append(kv, n+"_nsec", u10(nsec))
			}
		}
		c.fields(kv...)
	}
}

// statx renders struct statx: the members its mask says the kernel
// filled, fewer without -v.
func (c *ctx) statx(addr uint64, _ Struct) {
	l := c.layout("statx")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, whole, ok := c.fetchStruct(addr, l)
	if !ok || c.sb.mute {
		return // muted: the capture wants the read, not the text
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	mask := c.mu(b, l, "stx_mask")
	kv := []string{"stx_mask", c.xflags("statx_mask", mask)}
	v := c.opts.Verbose && whole
	if v {
		kv = append(kv, "stx_blksize", u("stx_blksize"))
	}
	kv = append(kv, "stx_attributes", c.xflags("statx_attrs", c.mu(b, l, "stx_attributes")))
	if v {
		if mask&0x4 != 0 {
			kv = append(kv, "stx_nlink", u("stx_nlink"))
		}
		if mask&0x8 != 0 {
			kv = append(kv, "stx_uid", u("stx_uid"))
		}
		if mask&0x10 != 0 {
			kv = append(kv, "stx_gid", u("stx_gid"))
		}
	}
	if mask&0x3 != 0 {
		kv = append(kv, "stx_mode", c.mode(uint32(c.mu(b, l, "stx_mode"))))
	}
	if v && mask&0x100 != 0 {
		kv = append(kv, "stx_ino", u("stx_ino"))
	}
	if mask&0x200 != 0 {
		kv = append(kv, "stx_size", u("stx_size"))
	}
	if !v {
		kv = append(kv, "", "...")
		c.fields(kv...)
		return
	}
	if mask&0x400 != 0 {
		kv = append(kv, "stx_blocks", u("stx_blocks"))
	}
	kv = append(kv, "stx_attributes_mask", c.xflags("statx_attrs", c.mu(b, l, "stx_attributes_mask")))
	for _, t := range []struct {
		bit  uint64
		name string
	}{{0x20, "stx_atime"}, {0x800, "stx_btime"}, {0x80, "stx_ctime"}, {0x40, "stx_mtime"}} {
		if mask&t.bit != 0 {
			sec := c.ms(b, l, t.name+".tv_sec")
			nsec := c.mu(b, l, t.name+".tv_nsec")
			kv = append(kv, t.name, withTimeComment(fmt.Sprintf("{tv_sec=%d, tv_nsec=%d}", sec, nsec), sec, nsec))
		}
	}
	kv = append(kv, "stx_rdev_major", u("stx_rdev_major"), "stx_rdev_minor", u("stx_rdev_minor"),
		"stx_dev_major", u("stx_dev_major"), "stx_dev_minor", u("stx_dev_minor"))
	if mask&0x1000 != 0 {
		kv = append(kv, "stx_mnt_id", hex(c.mu(b, l, "stx_mnt_id")))
	}
	if mask&0x2000 != 0 {
		kv = append(kv, "stx_dio_mem_align", u("stx_dio_mem_align"), "stx_dio_offset_align", u("stx_dio_offset_align"))
	}
	c.fields(kv...)
}

// statfs renders struct statfs, or struct statfs64 of the size argument 1
// gives (statfs64, fstatfs64), which strace shows only when that size is
// the structure's own, or the 88 bytes of its padded form; f_flags shows
// when ST_VALID says the kernel filled it.
func (c *ctx) statfs(addr uint64, s Struct) {
	l := c.layout(s.Type)
	if s.Type == "statfs64" && l != nil {
		if size := c.rec.Args[1]; size != uint64(l.Size) && size != 88 {
			l = nil
		}
	}
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	kv := []string{"f_type", c.xenum("fsmagic", c.mu(b, l, "f_type")), "f_bsize", u("f_bsize"),
		"f_blocks", u("f_blocks"), "f_bfree", u("f_bfree"), "f_bavail", u("f_bavail"), "f_files", u("f_files"),
		"f_ffree", u("f_ffree"),
		"f_fsid", fmt.Sprintf("{val=[%s, %s]}", hex(c.mu(b, l, "f_fsid.val[0]")), hex(c.mu(b, l, "f_fsid.val[1]"))),
		"f_namelen", u("f_namelen"), "f_frsize", u("f_frsize")}
	if flags := c.mu(b, l, "f_flags"); flags&0x20 != 0 {
		kv = append(kv, "f_flags", c.xflags("statfs_flags", flags))
	}
	c.fields(kv...)
}
