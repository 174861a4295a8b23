package decoder

// FutexOp is FUTEX_WAKE_OP's val3: the operation on the second futex word
// and the comparison that decides the second wake, packed as FUTEX_OP()
// packs them (include/uapi/linux/futex.h). strace prints each part
// shifted into place: "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1".
type FutexOp struct{}

// futexOpArgShift is FUTEX_OP_OPARG_SHIFT, bit 3 of the operation: the
// operand is 1<<oparg.
const futexOpArgShift = 8

func (FutexOp) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	op, cmp := (v>>28)&0xf, (v>>24)&0xf
	oparg, cmparg := (v>>12)&0xfff, v&0xfff
	if op&futexOpArgShift != 0 {
		// A flag, not a value of the set: -X raw prints its number bare.
		switch c.opts.Xlat {
		case XlatRaw:
			c.str(hex(futexOpArgShift) + "<<28|")
		case XlatVerbose:
			c.str(hex(futexOpArgShift) + " /* FUTEX_OP_OPARG_SHIFT */<<28|")
		default:
			c.str("FUTEX_OP_OPARG_SHIFT<<28|")
		}
		op &^= futexOpArgShift
	}
	c.str(c.futexOpPart("futex_wake_ops", op, "<<28"))
	c.str("|" + hex(oparg) + "<<12|")
	c.str(c.futexOpPart("futex_wake_cmps", cmp, "<<24"))
	c.str("|" + hex(cmparg))
}

// futexOpPart prints one part of a FutexOp in the -X style: its name and
// shift, or for an unknown value (and for every value under -X raw, as
// strace does) the number, the shift and the set's comment.
func (c *ctx) futexOpPart(set string, v uint64, shift string) string {
	x := xlats()[set]
	name := x.lookup(v, 0)
	switch {
	case name == "" || c.opts.Xlat == XlatRaw:
		return hex(v) + shift + " /* " + x.Unknown + " */"
	case c.opts.Xlat == XlatVerbose:
		return hex(v) + " /* " + name + " */" + shift
	}
	return name + shift
}
