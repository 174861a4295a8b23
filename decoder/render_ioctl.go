package decoder

import (
	"fmt"
	"strconv"
	"strings"
)

// ioctl requests and the structures their arguments point to.

// termios renders the kernel's struct termios (asm-generic/termbits.h):
// four flag words, c_line, c_cc[19]. strace prints the flag words with
// their fields first and an empty list for no flags.
func (c *ctx) termios(addr uint64, _ Struct) {
	l := c.layout("termios")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	arch := c.rec.Arch
	// Each part prints in the -X style: "0x500 /* ICRNL|IXON */" under
	// -X verbose; an empty flags part prints nothing in every style.
	flags := func(set string, v uint64) string {
		if v == 0 {
			return ""
		}
		return c.xflags(set, v)
	}
	iflag, oflag, cflag, lflag := c.mu(b, l, "c_iflag"), c.mu(b, l, "c_oflag"), c.mu(b, l, "c_cflag"), c.mu(b, l, "c_lflag")
	var o strings.Builder
	for _, f := range []struct {
		mask  uint64
		names []string
	}{
		{0o400, []string{"NL0", "NL1"}},
		{0o3000, []string{"CR0", "CR1", "CR2", "CR3"}},
		{0o14000, []string{"TAB0", "TAB1", "TAB2", "XTABS"}},
		{0o20000, []string{"BS0", "BS1"}},
		{0o40000, []string{"VT0", "VT1"}},
		{0o100000, []string{"FF0", "FF1"}},
	} {
		shift := 0
		for f.mask>>shift&1 == 0 {
			shift++
		}
		o.WriteString(c.styled(hex(oflag&f.mask), f.names[oflag&f.mask>>shift]) + "|")
	}
	o.WriteString(flags("term_oflags", oflag&^0o177400))
	var cf strings.Builder
	cf.WriteString(c.xenum("baud_options", cflag&0o10017) + "|")
	if ib := cflag >> 16 & 0o10017; ib != 0 {
		cf.WriteString(c.xenum("baud_options", ib) + "<<IBSHIFT|")
	}
	cf.WriteString(c.xenum("term_csize", cflag&0o60) + "|")
	cf.WriteString(flags("term_cflags", cflag&^(0o10017|0o10017<<16|0o60)))
	kv := []string{"c_iflag", flags("term_iflags", iflag), "c_oflag", o.String(), "c_cflag", cf.String(),
		"c_lflag", flags("term_lflags", lflag)}
	if !c.opts.Verbose {
		c.fields(append(kv, "", "...")...)
		return
	}
	var cc strings.Builder
	cc.WriteByte('[')
	for i := 0; ; i++ {
		m := "c_cc[" + strconv.Itoa(i) + "]"
		if !l.has(m) {
			break
		}
		if i > 0 {
			cc.WriteString(", ")
		}
		name := strconv.Itoa(i)
		if i < len(termCC) {
			name = termCC[i]
		}
		cc.WriteString("[" + name + "]=" + hex(c.mu(b, l, m)))
	}
	cc.WriteByte(']')
	c.fields(append(kv, "c_line", formatEnum("line_disciplines", c.mu(b, l, "c_line"), arch), "c_cc", cc.String())...)
}

// charPtr is one byte to print as a string (TIOCSTI).
func (c *ctx) charPtr(addr uint64, _ Struct) { c.readBuf(addr, 1, false) }

// IoctlReq is an ioctl request: every name of its number ("SNDCTL_TMR_START
// or TCSETS"), the name with its parameter of the types strace decodes so
// ("EVIOCGNAME(256)"), or else its _IOC() decoding.
type IoctlReq struct{}

func (IoctlReq) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	var names []string
	if n := c.ioctlNumberName(uint32(v)); n != "" {
		names = append(names, n)
	}
	for _, set := range []string{"ioctl_aliases", "ioctl_requests"} {
		if n := xlats()[set].lookup(v, c.rec.Arch); n != "" {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		c.str(c.styled(hex(v), strings.Join(names, " or ")))
		return
	}
	// include/uapi/asm-generic/ioctl.h: dir(2) size(14) type(8) nr(8).
	dir := []string{"_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"}[v>>30]
	c.str(c.styled(hex(v), fmt.Sprintf("_IOC(%s, %s, %s, %s)", dir, hex(v>>8&0xff), hex(v&0xff), hex(v>>16&0x3fff))))
}

// ioctlStructs are the struct renderers of the ioctl families beyond
// terminals: network interfaces, block and loop devices, the random pool.
func ioctlStructs() structRenderers {
	return structRenderers{
		"ifreq_get":      (*ctx).ifreqGet,
		"ifreq_set":      (*ctx).ifreqSet,
		"ifconf":         (*ctx).ifconf,
		"ushort":         func(c *ctx, addr uint64, _ Struct) { c.numPtr(addr, 2, false) },
		"uint":           func(c *ctx, addr uint64, _ Struct) { c.numPtr(addr, 4, false) },
		"ulong":          func(c *ctx, addr uint64, _ Struct) { c.numPtr(addr, c.wordSize(), false) },
		"slong":          func(c *ctx, addr uint64, _ Struct) { c.numPtr(addr, c.wordSize(), true) },
		"u64":            func(c *ctx, addr uint64, _ Struct) { c.numPtr(addr, 8, false) },
		"u64_pair":       (*ctx).u64Pair,
		"rand_pool_info": (*ctx).randPoolInfo,
		"loop_info64":    (*ctx).loopInfo64,
		"loop_config":    (*ctx).loopConfig,
	}
}

// numPtr prints the number of n bytes at addr in brackets, as strace's
// printnum_* do: "[4096]".
func (c *ctx) numPtr(addr uint64, n int, signed bool) {
	b, ok := c.fetch(addr, n)
	if !ok {
		return
	}
	v := c.uint(b)
	if signed {
		c.str("[" + d10(int64(v<<(64-8*n))>>(64-8*n)) + "]")
		return
	}
	c.str("[" + u10(v) + "]")
}

// u64Pair is BLKDISCARD's range: two u64s, "[0, 4096]".
func (c *ctx) u64Pair(addr uint64, _ Struct) {
	b, ok := c.fetch(addr, 16)
	if !ok {
		return
	}
	c.str("[" + u10(c.field(b, 0, 8)) + ", " + u10(c.field(b, 8, 8)) + "]")
}

// entryBytes reads n bytes at addr as they were at entry (see entryInt).
func (c *ctx) entryBytes(addr uint64, n int) ([]byte, bool) {
	m := c.mem
	if c.exit {
		m = entryMemory(c.mem)
	}
	if m == nil || addr == 0 {
		return nil, false
	}
	b, err := m.Read(addr, n)
	return b, err == nil
}

// ifreqMember renders the member of struct ifreq a SIOC[GS]IF* request
// reads or fills, "ifr_mtu=65536", as strace's print_ifreq; "" for none.
func (c *ctx) ifreqMember(code uint32, b []byte, l *Layout) string {
	u, _ := l.Member("ifr_map.mem_start")
	un := b[u.Off:]
	sockaddr := func(name string) string { return name + "=" + c.sockaddrText(un[:16]) }
	switch code {
	case 0x8915, 0x8916: // SIOC[GS]IFADDR
		return sockaddr("ifr_addr")
	case 0x8917, 0x8918: // SIOC[GS]IFDSTADDR
		return sockaddr("ifr_dstaddr")
	case 0x8919, 0x891a: // SIOC[GS]IFBRDADDR
		return sockaddr("ifr_broadaddr")
	case 0x891b, 0x891c: // SIOC[GS]IFNETMASK
		return sockaddr("ifr_netmask")
	case 0x8931, 0x8932, 0x8927, 0x8924, 0x8937: // SIOC{ADD,DEL}MULTI, SIOC[GS]IFHWADDR, SIOCSIFHWBROADCAST
		fam := c.field(un, 0, 2)
		return "ifr_hwaddr={sa_family=" + c.xenum("arp_hardware_types", fam) + ", sa_data=" + c.hwaddr(un[2:16], fam) + "}"
	case 0x8913, 0x8914: // SIOC[GS]IFFLAGS: a short
		return "ifr_flags=" + c.xflags("iffflags", c.field(un, 0, 2))
	case 0x8933:
		return "ifr_ifindex=" + d10(int64(int32(c.field(un, 0, 4))))
	case 0x891d, 0x891e:
		return "ifr_metric=" + d10(int64(int32(c.field(un, 0, 4))))
	case 0x8921, 0x8922:
		return "ifr_mtu=" + d10(int64(int32(c.field(un, 0, 4))))
	case 0x8942, 0x8943:
		return "ifr_qlen=" + d10(int64(int32(c.field(un, 0, 4))))
	case 0x8929, 0x8930: // SIOC[GS]IFSLAVE
		return "ifr_slave=" + cstring(un[:16])
	case 0x8923: // SIOCSIFNAME
		return "ifr_newname=" + cstring(un[:16])
	case 0x8910: // SIOCGIFNAME
		return "ifr_name=" + cstring(b[:16])
	case 0x8970, 0x8971: // SIOC[GS]IFMAP
		m := func(name string) string { return name + "=" + hex(c.mu(b, l, "ifr_map."+name)) }
		return "ifr_map={" + strings.Join([]string{m("mem_start"), m("mem_end"), m("base_addr"), m("irq"), m("dma"), m("port")}, ", ") + "}"
	}
	return ""
}

// ifreqSet is the struct ifreq a SIOCSIF* request passes in.
func (c *ctx) ifreqSet(addr uint64, _ Struct) {
	l := c.layout("ifreq")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	c.fields("ifr_name", cstring(b[:16]), "", c.ifreqMember(uint32(c.rec.Args[1]), b, l))
}

// ifreqGet is the struct ifreq of a SIOCGIF* request: the name (the
// index for SIOCGIFNAME) as it was at entry, then what the kernel filled
// in when the call succeeded.
func (c *ctx) ifreqGet(addr uint64, _ Struct) {
	l := c.layout("ifreq")
	if l == nil {
		c.ptr(addr)
		return
	}
	in, ok := c.entryBytes(addr, l.Size)
	if !ok {
		c.ptr(addr)
		return
	}
	code := uint32(c.rec.Args[1])
	u, _ := l.Member("ifr_map.mem_start")
	kv := []string{"ifr_name", cstring(in[:16])}
	if code == 0x8910 { // SIOCGIFNAME
		kv = []string{"ifr_ifindex", d10(int64(int32(c.field(in, u.Off, 4))))}
	}
	if !c.failed() {
		if b, err := c.mem.Read(addr, l.Size); err == nil {
			kv = append(kv, "", c.ifreqMember(code, b, l))
		}
	}
	c.fields(kv...)
}

// arphrdAddrLens are the lengths of the hardware address of each ARPHRD_*
// type strace knows one for (its print_mac.c, values from
// include/uapi/linux/if_arp.h), for an ifreq's sa_data and a netlink
// link's address alike; any other shows whole. An array, not a map: the
// compiler lays it out, where a map is built by every process start.
var arphrdAddrLens = [...]struct {
	typ uint16
	n   uint8
}{
	{0, 7}, {1, 6}, {3, 7}, {6, 6}, {7, 1}, {15, 2}, {24, 16}, {27, 8}, {32, 20}, {256, 0}, {270, 5}, {271, 0},
	{280, 0}, {290, 1}, {512, 0}, {518, 0}, {519, 0}, {768, 4}, {769, 16}, {772, 6}, {773, 1}, {774, 6},
	{776, 4}, {777, 0}, {778, 4}, {779, 0}, {780, 6}, {783, 4}, {801, 6}, {802, 6}, {803, 6}, {804, 8},
	{805, 8}, {820, 1}, {821, 1}, {822, 0}, {823, 16}, {824, 0}, {825, 8}, {826, 0},
}

// arphrdAddrLen is the hardware address length of ARPHRD_* type typ, if
// strace knows one.
func arphrdAddrLen(typ uint64) (int, bool) {
	for _, e := range arphrdAddrLens {
		if uint64(e.typ) == typ {
			return int(e.n), true
		}
	}
	return 0, false
}

// hwaddr renders sa_data as a hardware address of ARPHRD_* type typ:
// "00:00:00:00:00:00", under -X verbose after the bytes in hex, under -X
// raw the bytes alone.
func (c *ctx) hwaddr(b []byte, typ uint64) string {
	var sb strings.Builder
	if c.opts.Xlat != XlatAbbrev {
		quote(&sb, b, true)
		if c.opts.Xlat == XlatRaw {
			return sb.String()
		}
		sb.WriteString(" /* ")
	}
	if n, ok := arphrdAddrLen(typ); ok && n < len(b) {
		b = b[:n]
	}
	for i, x := range b {
		if i > 0 {
			sb.WriteByte(':')
		}
		fmt.Fprintf(&sb, "%02x", x)
	}
	if c.opts.Xlat != XlatAbbrev {
		sb.WriteString(" */")
	}
	return sb.String()
}

// ifcLen is ifc_len, with the count of ifreqs it holds when it is a
// whole number of them: "80 /* 2 * sizeof(struct ifreq) */".
func ifcLen(n int32, size int) string {
	s := d10(int64(n))
	if k := uint32(n) / uint32(size); n > 0 && int(k)*size == int(n) {
		s += " /* " + u10(uint64(k)) + " * sizeof(struct ifreq) */"
	}
	return s
}

// maxIfreqs bounds the ifreqs read from SIOCGIFCONF's buffer under -v.
const maxIfreqs = 1024

// ifconf is SIOCGIFCONF's struct ifconf, as strace's decode_ifconf
// prints it: the length asked for and the length filled, and the
// interfaces' names and addresses; with a NULL buffer the kernel only
// says how long one must be.
func (c *ctx) ifconf(addr uint64, _ Struct) {
	l, rl := c.layout("ifconf"), c.layout("ifreq")
	if l == nil || rl == nil {
		c.ptr(addr)
		return
	}
	in, ok := c.entryBytes(addr, l.Size)
	if !ok {
		c.ptr(addr)
		return
	}
	inLen, inBuf := int32(c.mu(in, l, "ifc_len")), c.mu(in, l, "ifc_buf")
	var sb strings.Builder
	sb.WriteString("{ifc_len=")
	if inBuf != 0 {
		sb.WriteString(ifcLen(inLen, rl.Size))
	}
	b, err := c.mem.Read(addr, l.Size)
	if err != nil {
		if inBuf == 0 {
			sb.WriteString(ifcLen(inLen, rl.Size))
		}
		c.str(sb.String() + ", ifc_buf=" + ptrText(inBuf) + "}")
		return
	}
	outLen, outBuf := int32(c.mu(b, l, "ifc_len")), c.mu(b, l, "ifc_buf")
	if inBuf != 0 && inLen != outLen {
		sb.WriteString(" => ")
	}
	if inBuf == 0 || inLen != outLen {
		sb.WriteString(ifcLen(outLen, rl.Size))
	}
	sb.WriteString(", ifc_buf=")
	c.str(sb.String())
	if inBuf == 0 || c.failed() {
		c.str(ptrText(inBuf))
		if inBuf != outBuf {
			c.str(" => " + ptrText(outBuf))
		}
		c.str("}")
		return
	}
	c.ifreqArray(outBuf, uint64(uint32(outLen))/uint64(rl.Size), rl)
	c.str("}")
}

// ptrText is an address as printaddr prints it.
func ptrText(v uint64) string {
	if v == 0 {
		return "NULL"
	}
	return hex(v)
}

// ifreqArray prints n ifreqs of SIOCGIFCONF at addr, each a name and an
// address, as strace's print_array: cut at -s elements unless -v, "..."
// and the address of the first that cannot be read.
func (c *ctx) ifreqArray(addr, n uint64, l *Layout) {
	if addr == 0 {
		c.str("NULL")
		return
	}
	if n == 0 {
		c.str("[]")
		return
	}
	size := uint64(l.Size)
	u, _ := l.Member("ifr_map.mem_start")
	for i := uint64(0); i < n; i++ {
		at := c.word(addr + i*size)
		if i > 0 {
			c.str(", ")
		}
		b, err := c.mem.Read(at, l.Size)
		if err != nil {
			if i == 0 {
				c.ptr(at)
				return
			}
			c.str("... /* " + hex(at) + " */]")
			return
		}
		if i == 0 {
			c.str("[")
		}
		if (!c.opts.Verbose && i >= uint64(c.limit)) || i >= maxIfreqs {
			c.str("...")
			break
		}
		c.fields("ifr_name", cstring(b[:16]), "ifr_addr", c.sockaddrText(b[u.Off:u.Off+16]))
	}
	c.str("]")
}

// randPoolInfo is RNDADDENTROPY's struct rand_pool_info and the bytes
// after it.
func (c *ctx) randPoolInfo(addr uint64, _ Struct) {
	l := c.layout("rand_pool_info")
	if l == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	n := int32(c.mu(b, l, "buf_size"))
	c.str("{entropy_count=" + d10(c.ms(b, l, "entropy_count")) + ", buf_size=" + d10(int64(n)) + ", buf=")
	c.readBuf(addr+uint64(l.Size), c.word(uint64(int64(n))), false)
	c.str("}")
}

// loopInfo64Text renders a struct loop_info64 as strace's
// print_loop_info64: abbreviated, the device numbers and the key show
// only under -v, or the key with an encryption type.
func (c *ctx) loopInfo64Text(b []byte, l *Layout) string {
	verbose := c.opts.Verbose
	u := func(name string) string { return u10(c.mu(b, l, name)) }
	var kv []string
	if verbose {
		kv = append(kv, "lo_device", c.dev(c.mu(b, l, "lo_device")), "lo_inode", u("lo_inode"),
			"lo_rdevice", c.dev(c.mu(b, l, "lo_rdevice")), "lo_offset", hex(c.mu(b, l, "lo_offset")),
			"lo_sizelimit", u("lo_sizelimit"), "lo_number", u("lo_number"))
	} else {
		kv = append(kv, "lo_offset", hex(c.mu(b, l, "lo_offset")), "lo_number", u("lo_number"))
	}
	enc := c.mu(b, l, "lo_encrypt_type")
	if verbose || enc != 0 {
		kv = append(kv, "lo_encrypt_type", c.xenum("loop_crypt_type_options", enc), "lo_encrypt_key_size", u("lo_encrypt_key_size"))
	}
	kv = append(kv, "lo_flags", c.xflags("loop_flags_options", c.mu(b, l, "lo_flags")),
		"lo_file_name", cstring(l.mb(b, "lo_file_name")))
	if verbose || enc != 0 {
		key := l.mb(b, "lo_encrypt_key")
		if n := c.mu(b, l, "lo_encrypt_key_size"); n < uint64(len(key)) {
			key = key[:n]
		}
		kv = append(kv, "lo_crypt_name", cstring(l.mb(b, "lo_crypt_name")), "lo_encrypt_key", c.quoted(key))
	}
	if verbose {
		kv = append(kv, "lo_init", "["+hex(c.mu(b, l, "lo_init[0]"))+", "+hex(c.mu(b, l, "lo_init[1]"))+"]")
	} else {
		kv = append(kv, "", "...")
	}
	return c.capture(func() { c.fields(kv...) })
}

// loopInfo64 is LOOP_[GS]ET_STATUS64's struct loop_info64.
func (c *ctx) loopInfo64(addr uint64, _ Struct) {
	l := c.layout("loop_info64")
	if l == nil {
		c.ptr(addr)
		return
	}
	if b, ok := c.fetch(addr, l.Size); ok {
		c.str(c.loopInfo64Text(b, l))
	}
}

// loopConfig is LOOP_CONFIGURE's struct loop_config: the backing fd, the
// block size, the loop_info64, and the reserved words when any is set.
func (c *ctx) loopConfig(addr uint64, _ Struct) {
	l, il := c.layout("loop_config"), c.layout("loop_info64")
	if l == nil || il == nil {
		c.ptr(addr)
		return
	}
	b, ok := c.fetch(addr, l.Size)
	if !ok {
		return
	}
	info, _ := l.Member("info.lo_device")
	c.str("{fd=")
	c.fd(c.mu(b, l, "fd"))
	c.str(", block_size=" + u10(c.mu(b, l, "block_size")) + ", info=" + c.loopInfo64Text(b[info.Off:info.Off+il.Size], il))
	var res []string
	zero := true
	for i := 0; i < 8; i++ {
		v := c.mu(b, l, "__reserved["+strconv.Itoa(i)+"]")
		zero = zero && v == 0
		res = append(res, hex(v))
	}
	if !zero {
		c.str(", __reserved=[" + strings.Join(res, ", ") + "]")
	}
	c.str("}")
}

// ioctlNumberName is the name strace 6.1 makes of a request number whose
// type takes its parameter in the number (ioctl_decode_command_number):
// "EVIOCGNAME(256)", "EVIOCGBIT(EV_KEY, 96)", "MIXER_READ(0)"; "" for any
// other. The name table's names of the number follow it.
func (c *ctx) ioctlNumberName(code uint32) string {
	dir, typ, nr, size := code>>30, code>>8&0xff, code&0xff, code>>16&0x3fff
	const write, read = 1, 2
	call := func(name string, args ...string) string { return name + "(" + strings.Join(args, ", ") + ")" }
	sz := u10(uint64(size))
	// An axis or event type by name; under -X verbose an unknown one is
	// its number alone, as strace's printxval_ex with no default.
	val := func(set string, v uint32) string {
		if n := xlats()[set].lookup(uint64(v), c.rec.Arch); n != "" {
			return n
		}
		if c.opts.Xlat == XlatVerbose {
			return hex(uint64(v))
		}
		return formatEnum(set, uint64(v), c.rec.Arch)
	}
	switch typ {
	case '!':
		if dir == read && nr == 2 && size == 8 {
			return "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR"
		}
	case 'E':
		switch {
		case dir == write && nr >= 0xc0 && nr <= 0xff:
			return call("EVIOCSABS", val("evdev_abs", nr-0xc0))
		case dir != read:
		case nr == 0x20:
			return call("EVIOCGBIT", "0", sz)
		case nr > 0x20 && nr <= 0x3f:
			return call("EVIOCGBIT", val("evdev_ev", nr-0x20), sz)
		case nr >= 0x40 && nr <= 0x7f:
			return call("EVIOCGABS", val("evdev_abs", nr-0x40))
		default:
			if n := evdevSized[nr]; n != "" {
				return call(n, sz)
			}
		}
	case 'H':
		switch {
		case dir == read && hiddevRead[nr] != "":
			return call(hiddevRead[nr], sz)
		case dir == read|write && nr == 6:
			return call("HIDIOCSFEATURE", sz)
		case dir == read|write && nr == 7:
			return call("HIDIOCGFEATURE", sz)
		}
	case 'M':
		switch dir {
		case write:
			return call("MIXER_WRITE", u10(uint64(nr)))
		case read:
			return call("MIXER_READ", u10(uint64(nr)))
		}
	case 'U':
		if dir == read && nr == 0x2c {
			return call("UI_GET_SYSNAME", sz)
		}
	case 'j':
		if dir == read && nr == 0x13 {
			return call("JSIOCGNAME", sz)
		}
	case 'k':
		if dir == write && nr == 0 {
			return call("SPI_IOC_MESSAGE", sz)
		}
	}
	return ""
}

// evdevSized are the evdev requests of a buffer's size, read (by nr).
var evdevSized = map[uint32]string{6: "EVIOCGNAME", 7: "EVIOCGPHYS", 8: "EVIOCGUNIQ", 9: "EVIOCGPROP",
	0x0a: "EVIOCGMTSLOTS", 0x18: "EVIOCGKEY", 0x19: "EVIOCGLED", 0x1a: "EVIOCGSND", 0x1b: "EVIOCGSW"}

// hiddevRead are the hiddev requests of a buffer's size, read (by nr).
var hiddevRead = map[uint32]string{4: "HIDIOCGRAWNAME", 5: "HIDIOCGRAWPHYS", 6: "HIDIOCSFEATURE",
	8: "HIDIOCGRAWUNIQ", 0x12: "HIDIOCGPHYS"}
