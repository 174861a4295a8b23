package decoder

import "testing"

// Each case is a value strace 6.1 printed, with the text it printed.
func TestFormatFlags(t *testing.T) {
	for _, tc := range []struct {
		set  string
		arch uint32
		v    uint64
		want string
	}{
		{"open_flags", AuditArchX86_64, 0, "O_RDONLY"},
		{"open_flags", AuditArchX86_64, 0o2000000, "O_RDONLY|O_CLOEXEC"},
		{"open_flags", AuditArchX86_64, 0x80000000, "O_RDONLY|0x80000000"},
		{"open_flags", AuditArchX86_64, 3, "O_ACCMODE"},
		{"open_flags", AuditArchX86_64, 0o20200002, "O_RDWR|O_TMPFILE"},
		{"open_flags", AuditArchX86_64, 0o4010001, "O_WRONLY|O_SYNC"},
		{"open_flags", AuditArchX86_64, 0o10001, "O_WRONLY|O_DSYNC"},
		{"open_flags", AuditArchX86_64, 0o2204000, "O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY"},
		{"open_flags", AuditArchX86_64, 0x8002, "O_RDWR|O_LARGEFILE"},
		// arm64 moves O_DIRECTORY to 0x4000 and O_LARGEFILE to 0x20000.
		{"open_flags", AuditArchAarch64, 0o2044000, "O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY"},
		{"open_flags", AuditArchAarch64, 0x20002, "O_RDWR|O_LARGEFILE"},
		{"open_flags", AuditArchAarch64, 0o20040002, "O_RDWR|O_TMPFILE"},
		{"access_modes", AuditArchX86_64, 0, "F_OK"},
		{"access_modes", AuditArchX86_64, 0x17, "R_OK|W_OK|X_OK|0x10"},
		{"mmap_prot", AuditArchX86_64, 0, "PROT_NONE"},
		{"mmap_prot", AuditArchX86_64, 0x107, "PROT_READ|PROT_WRITE|PROT_EXEC|0x100"},
		{"mmap_flags", AuditArchX86_64, 0x22, "MAP_PRIVATE|MAP_ANONYMOUS"},
		{"mmap_flags", AuditArchX86_64, 0x3 | 0x40000 | 21<<26, "MAP_SHARED_VALIDATE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT"},
		{"mmap_flags", AuditArchX86_64, 0x42, "MAP_PRIVATE|MAP_32BIT"},
		{"mmap_flags", AuditArchAarch64, 0x42, "MAP_PRIVATE|0x40"},
		// Without MAP_HUGETLB, bit 26 is MAP_UNINITIALIZED.
		{"mmap_flags", AuditArchX86_64, 0x4000022, "MAP_PRIVATE|MAP_ANONYMOUS|MAP_UNINITIALIZED"},
		{"at_flags", AuditArchX86_64, 0, "0"},
		{"at_flags", AuditArchX86_64, 0x1000, "AT_EMPTY_PATH"},
		{"statx_flags", AuditArchX86_64, 0x900, "AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT"},
		{"wait4_options", AuditArchX86_64, 0x40000001, "WNOHANG|__WALL"},
		{"futex_op", AuditArchX86_64, 0x189, "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"},
		{"statx_mask", AuditArchX86_64, 0x17ff, "STATX_BASIC_STATS|STATX_MNT_ID"},
		{"fd_flags", AuditArchX86_64, 0, "0"},
	} {
		if got := formatFlags(tc.set, tc.v, tc.arch); got != tc.want {
			t.Errorf("%s %#x: got %s, want %s", tc.set, tc.v, got, tc.want)
		}
	}
}

func TestFormatEnum(t *testing.T) {
	for _, tc := range []struct {
		set  string
		v    uint64
		want string
	}{
		{"whence", 2, "SEEK_END"},
		{"whence", 7, "0x7 /* SEEK_??? */"},
		{"fcntl_cmds", 1234, "0x4d2 /* F_??? */"},
		{"fcntl_cmds", 1030, "F_DUPFD_CLOEXEC"},
		{"fsmagic", 0xef53, "EXT2_SUPER_MAGIC"},
		{"fsmagic", 0x1234, "0x1234"},
		{"rlimits", 3, "RLIMIT_STACK"},
	} {
		if got := formatEnum(tc.set, tc.v, AuditArchX86_64); got != tc.want {
			t.Errorf("%s %#x: got %s, want %s", tc.set, tc.v, got, tc.want)
		}
	}
}

// bitmaskSets are the sets printed as bitmasks: those of Flags arguments
// and those the structure renderers print with formatFlags.
func bitmaskSets() map[string]bool {
	sets := map[string]bool{"statx_mask": true, "statx_attrs": true, "sigact_flags": true,
		"clone_flags": true, "statfs_flags": true}
	add := func(as []Arg) {
		for _, a := range as {
			switch k := a.Kind.(type) {
			case Flags:
				sets[k.Set] = true
			case FlagsRet:
				sets[k.Set] = true
			}
		}
	}
	for _, d := range descriptions() {
		add(d.Args)
		if d.Switch != nil {
			for _, tl := range d.Switch.Cases {
				add(tl.Args)
			}
			add(d.Switch.Default.Args)
		}
	}
	return sets
}

// TestXlatOrder: in a bitmask, a combination comes before the flags it
// contains, or it could never print.
func TestXlatOrder(t *testing.T) {
	for name := range bitmaskSets() {
		x := xlats()[name]
		if x == nil {
			continue // TestSetsExist reports it
		}
		for _, arch := range []uint32{AuditArchX86_64, AuditArchAarch64, AuditArchI386} {
			seen := map[uint64]string{}
			for _, f := range x.entries(arch) {
				for v, n := range seen {
					if v != 0 && f.Value != v && f.Value&v == v {
						t.Errorf("%s: %s (%#x) after %s (%#x), which it contains", name, f.Name, f.Value, n, v)
					}
				}
				seen[f.Value] = f.Name
			}
		}
	}
}

func TestSetsExist(t *testing.T) {
	for name, d := range descriptions() {
		var all []Arg
		all = append(all, d.Args...)
		if sw := d.Switch; sw != nil {
			if xlats()[sw.Set] == nil {
				t.Errorf("%s: switch set %q missing", name, sw.Set)
			}
			for c, tl := range sw.Cases {
				if _, ok := XlatValue(sw.Set, c, AuditArchX86_64); !ok {
					t.Errorf("%s: case %q not in %s", name, c, sw.Set)
				}
				all = append(all, tl.Args...)
			}
			all = append(all, sw.Default.Args...)
		}
		for _, a := range all {
			var set string
			switch k := a.Kind.(type) {
			case Flags:
				set = k.Set
			case Enum:
				set = k.Set
			case FlagsRet:
				set = k.Set
			case Struct:
				if structs()[k.Type] == nil {
					t.Errorf("%s: struct %q has no renderer", name, k.Type)
				}
			}
			if set != "" && xlats()[set] == nil {
				t.Errorf("%s: set %q missing", name, set)
			}
			if a.Cond != nil {
				checkCond(t, name+" "+a.Name, a.Cond)
			}
			if a.Index < 0 || a.Index > 5 {
				t.Errorf("%s: %s has register %d", name, a.Name, a.Index)
			}
		}
	}
}

// checkCond fails for a condition naming a set, or a flag of a set, that
// does not exist: the condition would silently never hold.
func checkCond(t *testing.T, where string, c Cond) {
	t.Helper()
	flagsOf := func(set string, names []string) {
		if xlats()[set] == nil {
			t.Errorf("%s: condition on set %q, which is missing", where, set)
			return
		}
		for _, n := range names {
			if _, ok := XlatValue(set, n, AuditArchX86_64); !ok {
				t.Errorf("%s: condition on %s, not in set %s", where, n, set)
			}
		}
	}
	switch k := c.(type) {
	case HasFlag:
		flagsOf(k.Set, k.Names)
	case MemHasFlag:
		flagsOf(k.Set, k.Names)
	case Not:
		checkCond(t, where, k.Cond)
	case All:
		for _, sub := range k.Conds {
			checkCond(t, where, sub)
		}
	default:
		t.Errorf("%s: condition %T: teach checkCond what it names", where, c)
	}
}
