package decoder

import (
	"bufio"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/internal/testhost"
)

func TestLayoutDeclarations(t *testing.T) {
	for _, err := range layoutErrors() {
		t.Error(err)
	}
	// A declaration with no C type of its own (an anonymous union) must
	// be part of one that has.
	parts := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, d := range layoutDecls {
			for _, m := range d.members {
				if m.sub != "" && (d.c != "" || parts[d.name]) && !parts[m.sub] {
					parts[m.sub], changed = true, true
				}
			}
		}
	}
	for _, d := range layoutDecls {
		if (d.c == "" && !parts[d.name]) || (d.c != "" && d.header == "") {
			t.Errorf("%s: no C type or header to check it against", d.name)
		}
	}
}

// Table test of the layout rules: alignment, arrays, nesting, packing
// and the i386 4-byte alignment of 64-bit integers.
func TestLay(t *testing.T) {
	decls := map[string]*layoutDecl{
		"inner": {name: "inner", decl: "s32 a; u64 b"},
		"outer": {name: "outer", decl: "u8 c; struct inner in; u16 d[2]; char s[3]; sigset m"},
		"pk":    {name: "pk", decl: "u32 e; u64 f", packed: archX86_64},
		"un":    {name: "un", decl: "u16 g; ptr h; u8 i[3]", union: true},
		"hasun": {name: "hasun", decl: "u8 j; struct un k; u8 l"},
		"anon":  {name: "anon", decl: "struct inner; u16 z"},
		"bf":    {name: "bf", decl: "u8 p; u32 q:3, r:30, s:2; u8 t"},
	}
	saved := layoutDecls
	defer func() { layoutDecls = saved }()
	layoutDecls = nil
	for _, d := range decls {
		if err := parseDecl(d); err != nil {
			t.Fatal(err)
		}
		layoutDecls = append(layoutDecls, d)
	}
	for _, tc := range []struct {
		name string
		arch *Arch
		want string
	}{
		{"outer", X86_64, "size 40: c 0 1 u, in.a 8 4 s, in.b 16 8 u, d[0] 24 2 u, d[1] 26 2 u, s 28 3 c, m 32 8 b"},
		{"outer", I386, "size 32: c 0 1 u, in.a 4 4 s, in.b 8 8 u, d[0] 16 2 u, d[1] 18 2 u, s 20 3 c, m 24 8 b"},
		{"pk", X86_64, "size 12: e 0 4 u, f 4 8 u"},
		{"pk", Aarch64, "size 16: e 0 4 u, f 8 8 u"},
		{"pk", I386, "size 12: e 0 4 u, f 4 8 u"},
		{"hasun", X86_64, "size 24: j 0 1 u, k.g 8 2 u, k.h 8 8 p, k.i[0] 8 1 u, k.i[1] 9 1 u, k.i[2] 10 1 u, l 16 1 u"},
		{"bf", X86_64, "size 16: p 0 1 u, q 4 4 u bits 0+3, r 8 4 u bits 0+30, s 8 4 u bits 30+2, t 12 1 u"},
		{"anon", I386, "size 16: a 0 4 s, b 4 8 u, z 12 2 u"},
		{"hasun", I386, "size 12: j 0 1 u, k.g 4 2 u, k.h 4 4 p, k.i[0] 4 1 u, k.i[1] 5 1 u, k.i[2] 6 1 u, l 8 1 u"},
	} {
		l, err := lay(decls[tc.name], tc.arch)
		if err != nil {
			t.Fatal(err)
		}
		if got := layoutString(l); got != tc.want {
			t.Errorf("%s on %s:\n got %s\nwant %s", tc.name, tc.arch.Name, got, tc.want)
		}
	}
}

func TestEvalLen(t *testing.T) {
	for _, tc := range []struct {
		s    string
		word int
		want int
		err  bool
	}{
		{"3", 8, 3, false}, {"20-2*W-4", 8, 0, false}, {"20-2*W-4", 4, 8, false},
		{"14-W/4", 8, 12, false}, {"14-W/4", 4, 13, false}, {"W*2/4+1", 4, 3, false},
		{"x", 8, 0, true}, {"1/0", 8, 0, true}, {"1-2", 8, 0, true}, {"", 8, 0, true},
	} {
		got, err := evalLen(tc.s, tc.word)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("evalLen(%q, %d) = %d, %v; want %d, error %v", tc.s, tc.word, got, err, tc.want, tc.err)
		}
	}
}

func layoutString(l *Layout) string {
	parts := make([]string, len(l.Members))
	for i, m := range l.Members {
		parts[i] = fmt.Sprintf("%s %d %d %s", m.Name, m.Off, m.Size, m.Kind)
		if m.Bits > 0 {
			parts[i] += fmt.Sprintf(" bits %d+%d", m.Bit, m.Bits)
		}
	}
	return fmt.Sprintf("size %d: %s", l.Size, strings.Join(parts, ", "))
}

// layoutCompilers are how gcc on an x86_64 host lays out each arch's
// structures: natively, with -m32, and for arm64 natively again, which
// holds for the asm-generic and linux headers arm64 uses (both are LP64
// with natural alignment); declarations that differ there say so in
// noCheck.
var layoutCompilers = map[uint32][]string{
	AuditArchX86_64:  {"-m64"},
	AuditArchI386:    {"-m32"},
	AuditArchAarch64: {"-m64"},
}

// TestLayoutsMatchC compiles a file per header that holds, as constant
// data, sizeof, offsetof, the size, type class and signedness of every
// declared member, from the system's kernel headers, reads those numbers
// back from the object file and compares them with the layouts. Nothing is
// run: the compiler computes every number, so the i386 layouts are checked
// with gcc -m32 on a kernel that refuses 32-bit executables too.
func TestLayoutsMatchC(t *testing.T) {
	gcc := testhost.Tool(t, "gcc", "the layouts are checked against the kernel headers as gcc lays them out")
	dir := t.TempDir()
	checked := 0
	for _, a := range Arches() {
		// One file per header: the asm/ and asm-generic/ headers
		// declare the same names.
		groups := map[string][]*Layout{}
		for _, name := range LayoutNames() {
			l := layouts()[name][a.Audit]
			if l == nil {
				continue
			}
			if l.decl.c == "" {
				continue // checked as part of the structures that hold it
			}
			if why := l.decl.noCheck[a.Audit]; why != "" {
				t.Logf("%s on %s: not checked: %s", name, a.Name, why)
				continue
			}
			key := l.decl.pre + "\x00" + l.decl.header
			groups[key] = append(groups[key], l)
		}
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			ls := groups[k]
			src := filepath.Join(dir, fmt.Sprintf("%s_%d.c", a.Name, i))
			obj := strings.TrimSuffix(src, ".c") + ".o"
			if err := os.WriteFile(src, []byte(layoutProgram(ls)), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append(append([]string{}, layoutCompilers[a.Audit]...), "-c", "-o", obj, src)
			if out, err := exec.Command(gcc, args...).CombinedOutput(); err != nil {
				t.Fatalf("%s on %s: gcc %s: %v\n%s(gcc -m32 needs gcc-multilib)", ls[0].decl.header, a.Name, strings.Join(args, " "), err, out)
			}
			report, err := layoutReport(ls, obj)
			if err != nil {
				t.Fatalf("%s on %s: %v", ls[0].decl.header, a.Name, err)
			}
			checked += compareLayouts(t, a, ls, report)
		}
	}
	t.Logf("%d members checked", checked)
	if checked < 500 {
		t.Errorf("only %d members checked: the object files did not hold the layouts", checked)
	}
}

// layoutProgram declares, for each layout, its numbers as one constant
// array, layout_N = {sizeof, then per member: offsetof, sizeof, gcc's type
// class, signed} (class and signed -1 where they do not apply; a bit-field
// member's four are 0), and for each bit-field member a constant structure
// bits_N_M with only that member set to all ones, whose bytes show where
// it lies: offsetof and sizeof do not apply to a bit-field.
func layoutProgram(ls []*Layout) string {
	var b strings.Builder
	b.WriteString(ls[0].decl.pre + "\n")
	b.WriteString("#include <stddef.h>\n")
	fmt.Fprintf(&b, "#include <%s>\n", ls[0].decl.header)
	b.WriteString("#define SIGNED(x) ((__typeof__(x))-1 < (__typeof__(x))0)\n")
	var bits []string
	for i, l := range ls {
		ct := l.decl.c
		fmt.Fprintf(&b, "const long long layout_%d[] = {\n\tsizeof(%s),\n", i, ct)
		for j, m := range l.Members {
			if m.Bits > 0 {
				b.WriteString("\t0, 0, 0, 0,\n")
				bits = append(bits, fmt.Sprintf("const %s bits_%d_%d = { .%s = -1 };\n", ct, i, j, m.Name))
				continue
			}
			x := fmt.Sprintf("(((%s *)0)->%s)", ct, m.Name)
			sign, class := "-1", "-1"
			switch m.Kind {
			case Unsigned, Signed, Net:
				sign = "SIGNED(" + x + ")"
				class = "__builtin_classify_type(" + x + ")"
			case Pointer:
				class = "__builtin_classify_type(" + x + ")"
			}
			fmt.Fprintf(&b, "\toffsetof(%s, %s), sizeof%s, %s, %s,\n", ct, m.Name, x, class, sign)
		}
		b.WriteString("};\n")
	}
	for _, s := range bits {
		b.WriteString(s)
	}
	return b.String()
}

// layoutReport reads the numbers layoutProgram declared back from the
// object file gcc made of it, as lines compareLayouts reads: "L name size",
// "M name offset size class signed" and "B name first-bit width".
func layoutReport(ls []*Layout, obj string) (string, error) {
	f, err := elf.Open(obj)
	if err != nil {
		return "", err
	}
	defer f.Close()
	syms, err := f.Symbols()
	if err != nil {
		return "", err
	}
	data := func(name string) ([]byte, error) {
		for _, s := range syms {
			if s.Name != name {
				continue
			}
			if int(s.Section) >= len(f.Sections) {
				return nil, fmt.Errorf("%s: symbol %s is in no section", obj, name)
			}
			sec, err := f.Sections[s.Section].Data()
			if err != nil {
				return nil, err
			}
			if s.Value+s.Size > uint64(len(sec)) {
				return nil, fmt.Errorf("%s: symbol %s lies past its section", obj, name)
			}
			return sec[s.Value : s.Value+s.Size], nil
		}
		return nil, fmt.Errorf("%s: no symbol %s", obj, name)
	}
	var b strings.Builder
	for i, l := range ls {
		arr, err := data(fmt.Sprintf("layout_%d", i))
		if err != nil {
			return "", err
		}
		if len(arr) != 8*(1+4*len(l.Members)) {
			return "", fmt.Errorf("%s: layout_%d is %d bytes for %d members", obj, i, len(arr), len(l.Members))
		}
		num := func(k int) int64 { return int64(f.ByteOrder.Uint64(arr[8*k:])) }
		fmt.Fprintf(&b, "L %s %d\n", l.Name, num(0))
		for j, m := range l.Members {
			if m.Bits > 0 {
				bs, err := data(fmt.Sprintf("bits_%d_%d", i, j))
				if err != nil {
					return "", err
				}
				first, n := -1, 0
				for k := 0; k < 8*len(bs); k++ {
					if bs[k/8]>>(k%8)&1 == 1 {
						if first < 0 {
							first = k
						}
						n++
					}
				}
				fmt.Fprintf(&b, "B %s %d %d\n", m.Name, first, n)
				continue
			}
			k := 1 + 4*j
			fmt.Fprintf(&b, "M %s %d %d %d %d\n", m.Name, num(k), num(k+1), num(k+2), num(k+3))
		}
	}
	return b.String(), nil
}

// gcc's type classes (typeclass.h): integers, chars, pointers.
const (
	classInteger = 1
	classChar    = 2
	classPointer = 5
)

func compareLayouts(t *testing.T, a *Arch, ls []*Layout, out string) int {
	t.Helper()
	n := 0
	var l *Layout
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		nums := make([]int, 0, 4)
		for _, s := range f[2:] {
			v, _ := strconv.Atoi(s)
			nums = append(nums, v)
		}
		switch f[0] {
		case "B":
			m, _ := l.Member(f[1])
			if m.Off*8+m.Bit != nums[0] || m.Bits != nums[1] {
				t.Errorf("%s.%s on %s: bit-field at bit %d, %d wide; gcc says bit %d, %d wide",
					l.Name, m.Name, a.Name, m.Off*8+m.Bit, m.Bits, nums[0], nums[1])
			}
			n++
		case "L":
			l = layouts()[f[1]][a.Audit]
			if l.Size != nums[0] {
				t.Errorf("%s on %s: size %d, gcc says %d", l.Name, a.Name, l.Size, nums[0])
			}
		case "M":
			m, _ := l.Member(f[1])
			off, size, class, signed := nums[0], nums[1], nums[2], nums[3]
			if m.Off != off || m.Size != size {
				t.Errorf("%s.%s on %s: offset %d size %d, gcc says offset %d size %d", l.Name, m.Name, a.Name, m.Off, m.Size, off, size)
			}
			switch m.Kind {
			case Unsigned, Signed, Net:
				if class != classInteger && class != classChar {
					t.Errorf("%s.%s on %s: declared an integer, gcc's type class is %d", l.Name, m.Name, a.Name, class)
				}
				if want := m.Kind == Signed; (signed == 1) != want {
					t.Errorf("%s.%s on %s: declared %v, gcc says signed=%d", l.Name, m.Name, a.Name, m.Kind, signed)
				}
			case Pointer:
				if class != classPointer {
					t.Errorf("%s.%s on %s: declared a pointer, gcc's type class is %d", l.Name, m.Name, a.Name, class)
				}
			}
			n++
		}
	}
	return n
}
