package decoder

import "testing"

// TestEffectNamesAreSyscalls: every name the fd effect and exec tables
// give is a syscall of some arch, so a misspelt name cannot silently leave
// a call out (the tracer would then clear its fd cache at every such call,
// or miss an exec).
func TestEffectNamesAreSyscalls(t *testing.T) {
	known := map[string]bool{}
	for _, a := range Arches() {
		for _, name := range a.Syscalls {
			known[name] = true
		}
	}
	for _, name := range fdNoneCalls {
		if !known[name] {
			t.Errorf("fd effect table names %q, which no arch's syscall table has", name)
		}
	}
	for _, c := range fdOneCalls {
		if name := c.name; !known[name] {
			t.Errorf("fd effect table names %q, which no arch's syscall table has", name)
		}
	}
	for name := range execCalls {
		if !known[name] {
			t.Errorf("exec table names %q, which no arch's syscall table has", name)
		}
	}
}

// TestFDEffectOf: the effects by number, on each arch.
func TestFDEffectOf(t *testing.T) {
	for _, tc := range []struct {
		arch *Arch
		name string
		want FDEffect
	}{
		{X86_64, "read", FDNone},
		{X86_64, "openat", FDReturned},
		{X86_64, "close", FDClosesArg0},
		{X86_64, "dup2", FDReplacesArg1},
		{X86_64, "pipe2", FDAny},
		{X86_64, "recvmsg", FDAny},
		{I386, "fstat64", FDNone},
		{I386, "socketcall", FDAny},
		{Aarch64, "dup3", FDReplacesArg1},
	} {
		nr, ok := tc.arch.SyscallNumber(tc.name)
		if !ok {
			t.Fatalf("%s has no %s", tc.arch.Name, tc.name)
		}
		if got := tc.arch.FDEffectOf(nr); got != tc.want {
			t.Errorf("%s %s: effect %d, want %d", tc.arch.Name, tc.name, got, tc.want)
		}
	}
	for _, a := range Arches() {
		nr, _ := a.SyscallNumber("execve")
		if !a.IsExec(nr) || a.IsExec(nr+1) {
			t.Errorf("%s: IsExec(execve's %d) %v, IsExec(%d) %v", a.Name, nr, a.IsExec(nr), nr+1, a.IsExec(nr+1))
		}
	}
}

// TestClassFromDescription: a call the sysinfo table lacks is known by its
// description's classes and argument count.
func TestClassFromDescription(t *testing.T) {
	const name = "test_newer_than_the_table"
	if _, ok := sysinfoOf(name); ok {
		t.Fatalf("%s is known before it is described", name)
	}
	describedMu.Lock()
	described[name] = sys(A("dirfd", DirFD{}), A("pathname", Path{}), A("flags", Hex{})).In(ClassDesc | ClassFile)
	describedMu.Unlock()
	t.Cleanup(func() {
		describedMu.Lock()
		delete(described, name)
		describedMu.Unlock()
	})
	si, ok := sysinfoOf(name)
	if !ok || si.class != ClassDesc|ClassFile || si.nargs != 3 {
		t.Errorf("sysinfoOf(%s) = %+v, %v; want classes %%desc|%%file and 3 arguments", name, si, ok)
	}
	if c, ok := ClassOf(name); !ok || !c.Has(ClassFile) {
		t.Errorf("ClassOf(%s) = %v, %v", name, c, ok)
	}
}
