package extcap

import (
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

func TestParseFilterErrors(t *testing.T) {
	for _, tc := range []struct{ filter, want string }{
		{"opn", "invalid system call 'opn'"},
		{"%fil", "unknown syscall class '%fil' (the classes: %file %desc %network"},
		{"trace=open,%netw@64", "unknown syscall class '%netw' (the classes:"},
		{"%file,%foo", "unknown syscall class '%foo'"},
		{"trace=", "invalid system call ''"},
		{"signal=SIGFOO", "invalid signal 'SIGFOO'"},
		{"status=ok", "invalid status 'ok'"},
		{"trace=/[", "invalid regular expression '['"},
		{"abbrev=none", "-e abbrev= is not supported"},
		{"tcp port 80", "invalid system call 'tcp'"},
	} {
		_, err := ParseFilter(tc.filter)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseFilter(%q) = %v, want one line containing %q", tc.filter, err, tc.want)
		}
	}
}

func TestFilterKeep(t *testing.T) {
	x86 := decoder.ArchByAudit(decoder.AuditArchX86_64)
	arm := decoder.ArchByAudit(decoder.AuditArchAarch64)
	call := func(a *decoder.Arch, name string, kind pcapng.Kind) *pcapng.Record {
		nr, ok := a.SyscallNumber(name)
		if !ok {
			t.Fatalf("%s has no %s", a.Name, name)
		}
		return &pcapng.Record{Kind: kind, Arch: a.Audit, Nr: nr}
	}
	signal := &pcapng.Record{Kind: pcapng.KindSignal, Arch: x86.Audit, Nr: 2}
	exit := &pcapng.Record{Kind: pcapng.KindExit, Arch: x86.Audit}
	for _, tc := range []struct {
		filter string
		keep   []string // syscalls kept, on x86_64
		drop   []string
	}{
		{"", []string{"openat", "read", "getpid"}, nil},
		{"all", []string{"openat", "read"}, nil},
		{"%file", []string{"openat", "execve", "newfstatat", "unlink"}, []string{"read", "close", "mmap", "getpid"}},
		{"trace=%file", []string{"openat"}, []string{"read"}},
		{"%network", []string{"socket", "connect", "sendto"}, []string{"openat", "read"}},
		{"%process", []string{"execve", "clone", "exit_group", "wait4"}, []string{"openat"}},
		{"openat, close", []string{"openat", "close"}, []string{"read", "open"}},
		{"trace=read,%memory", []string{"read", "mmap", "munmap"}, []string{"write", "openat"}},
		{"!openat", []string{"read", "close"}, []string{"openat"}},
		{"/^open", []string{"openat", "open"}, []string{"read"}},
		{"trace=openat,,close", []string{"openat", "close"}, []string{"read"}},
		{"?nosuch,read", []string{"read"}, []string{"write"}},
		{"trace=%file trace=close", []string{"close"}, []string{"openat"}},
	} {
		f, err := ParseFilter(tc.filter)
		if err != nil {
			t.Fatalf("ParseFilter(%q): %v", tc.filter, err)
		}
		for _, name := range tc.keep {
			for _, kind := range []pcapng.Kind{pcapng.KindSyscall, pcapng.KindSyscallEntry} {
				if !f.Keep(call(x86, name, kind)) {
					t.Errorf("%q drops %s (%v)", tc.filter, name, kind)
				}
			}
		}
		for _, name := range tc.drop {
			if f.Keep(call(x86, name, pcapng.KindSyscall)) {
				t.Errorf("%q keeps %s", tc.filter, name)
			}
		}
		if !f.Keep(signal) || !f.Keep(exit) {
			t.Errorf("%q drops a record that is not a syscall", tc.filter)
		}
	}
	// Names are matched per record arch: openat is 257 on x86_64, 56 on
	// aarch64, where 257 is something else.
	f, _ := ParseFilter("openat")
	if !f.Keep(call(arm, "openat", pcapng.KindSyscall)) {
		t.Error("openat filter drops aarch64 openat")
	}
	if f.Keep(&pcapng.Record{Kind: pcapng.KindSyscall, Arch: arm.Audit, Nr: 257}) {
		t.Error("openat filter keeps aarch64 syscall 257")
	}
	if f.Keep(&pcapng.Record{Kind: pcapng.KindSyscall, Arch: 0x1234, Nr: 257}) {
		t.Error("openat filter keeps a syscall of an unknown arch")
	}
}
