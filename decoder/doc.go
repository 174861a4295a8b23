// Package decoder is the one place that knows syscalls: per-architecture
// tables, declarative descriptions of arguments, flag and value sets, and
// the renderer of strace-format text. It reads tracee memory only through
// the Memory interface, so the same descriptions decide what the tracer
// reads at capture time and how a capture is replayed later.
//
// # Adding a syscall
//
// A call is decoded from its description, one case in describe.go's
// describeShared (or describe_net.go's describeNet for sockets, IPC and the
// calls whose layout differs by arch): its arguments in order, each with
// its kind, and what prints at exit. For example a call that takes an
// address, a length and flags the kernel has not defined yet:
//
//	case "mseal":
//		return sys(A("addr", Ptr{}), A("len", Ulong{}), A("flags", Hex{}))
//
// A description is made the first time a call of that name is decoded,
// not at start: a traced command waits for the tracer's start, and most
// commands make a few dozen of the calls described.
//
// That case is all a call of the per-arch number tables needs: the
// tracer then reads at capture time exactly the memory the description
// prints (a Path's string, a Struct's bytes), the replay prints it, and
// `go generate ./...` carries it into the Lua dissector
// (lua/strace_decode.lua) and docs/syscalls.md. A call the kernel added
// after the tables also gets its number in sysent_x86_64.go,
// sysent_i386.go and sysent_aarch64.go (from the kernel's syscall tables,
// spelled as strace spells them), and its trace classes, which filters
// such as -e trace=%file use, on its description: .In(ClassFile|ClassDesc)
// (sysinfo.go has them for every call strace knows, from strace's tables).
//
// The rest is optional and by kind, not by call:
//   - a new flag or value set: xlat_sets.go (names as strace prints them,
//     values from the kernel's UAPI headers);
//   - a new structure: its layout per arch in layout_decls.go and, when a
//     member needs more than a number, a renderer in render_struct.go;
//   - what the call does to the fd table, when it leaves it alone or
//     changes one descriptor (effects.go): otherwise the tracer's fd path
//     cache is emptied around it, which is always right, only slower;
//   - a call that never fails (sysinfo.go's neverFailing): its result
//     prints without an error check, as strace's RVAL_DECODED calls do.
//
// Then a golden line: a case in golden_families_test.go (or the golden
// test of its family) with the record as a real call made it and the line
// strace 6.1 prints for it, and `go test ./decoder -update` writes the
// golden file, to be read before it is committed. The conformance suite
// (conformance/) compares whole programs' traces with strace's.
package decoder

//go:generate go run ./gendoc -o ../docs/syscalls.md
