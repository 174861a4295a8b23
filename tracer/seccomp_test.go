package tracer

import (
	"context"
	"errors"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/decoder/filter"
	"github.com/stracedump/stracedump/internal/testhost"
	"github.com/stracedump/stracedump/pcapng"
	"golang.org/x/sys/unix"
)

// runBPF interprets the classic BPF subset seccompProgram emits, on a
// seccomp_data holding nr and arch.
func runBPF(t *testing.T, prog []unix.SockFilter, nr, arch uint32) uint32 {
	t.Helper()
	var acc uint32
	for pc := 0; pc < len(prog); pc++ {
		in := prog[pc]
		switch in.Code {
		case bpfLdAbsW:
			switch in.K {
			case dataNr:
				acc = nr
			case dataArch:
				acc = arch
			default:
				t.Fatalf("load of offset %d", in.K)
			}
		case bpfJa:
			pc += int(in.K)
		case bpfJeq, bpfJge, bpfJgt:
			var cond bool
			switch in.Code {
			case bpfJeq:
				cond = acc == in.K
			case bpfJge:
				cond = acc >= in.K
			default:
				cond = acc > in.K
			}
			if cond {
				pc += int(in.Jt)
			} else {
				pc += int(in.Jf)
			}
		case bpfRet:
			return in.K
		default:
			t.Fatalf("unexpected opcode %#x at %d", in.Code, pc)
		}
	}
	t.Fatal("program fell off its end")
	return 0
}

// TestSeccompProgram runs the filter for every syscall number of every
// arch the host's tracees may have and checks the verdict against the
// selection: TRACE exactly for the selected numbers, TRACE for x32
// numbers and for arches without a table.
func TestSeccompProgram(t *testing.T) {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		t.Skip("no seccomp arches for " + runtime.GOARCH)
	}
	for _, exprs := range [][]string{
		{"trace=openat"},
		{"trace=openat,close,read,write"},
		{"trace=%file"},
		{"trace=!openat"},
		{"trace=%network"},
		{"trace=/^(get|set)"},
		{"trace=none"},
	} {
		f, err := filter.Parse(exprs...)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := seccompProgram(f)
		if err != nil {
			t.Fatalf("%v: %v", exprs, err)
		}
		// The kernel (5.11 on) runs no filter at all for a number the
		// filter allows whatever the arguments, and knows it by emulating
		// the program (kernel/seccomp.c, seccomp_is_const_allow), which
		// gives up on any load but the number and the arch and on any
		// instruction but these. Unselected calls then cost no BPF.
		for i, in := range prog {
			switch in.Code {
			case bpfLdAbsW:
				if in.K != dataNr && in.K != dataArch {
					t.Errorf("%v: instruction %d loads seccomp_data at %d: the kernel cannot cache the verdicts", exprs, i, in.K)
				}
			case bpfJeq, bpfJge, bpfJgt, bpfJa, bpfRet:
			default:
				t.Errorf("%v: instruction %d (code %#x) is beyond what the kernel's verdict cache emulates", exprs, i, in.Code)
			}
		}
		for _, a := range seccompArches() {
			sel, rest := f.Syscalls(a)
			for nr := uint32(0); nr < uint32(len(sel))+20; nr++ {
				want := rest
				if int(nr) < len(sel) {
					want = sel[nr]
				}
				got := runBPF(t, prog, nr, a.Audit) == retTrace
				if got != want {
					t.Errorf("%v on %s: syscall %d (%s) traced %v, want %v", exprs, a.Name, nr, a.SyscallName(int64(nr)), got, want)
				}
			}
			if a.Audit == decoder.AuditArchX86_64 {
				if runBPF(t, prog, x32SyscallBit|257, a.Audit) != retTrace {
					t.Errorf("%v: an x32 call passes untraced", exprs)
				}
			}
		}
		if runBPF(t, prog, 257, 0x40000028 /* AUDIT_ARCH_ARM */) != retTrace {
			t.Errorf("%v: a call of an arch without a table passes untraced", exprs)
		}
	}
}

// seccompFilters is the kernel's seccomp-bpf with SECCOMP_RET_TRACE,
// which record -e installs in a launched command.
var seccompFilters = testhost.NewFeature("seccomp-bpf filters with SECCOMP_RET_TRACE", "seccomp", func() error {
	if !seccompAvailable() {
		return errors.New("PR_GET_SECCOMP or SECCOMP_GET_ACTION_AVAIL(SECCOMP_RET_TRACE) failed")
	}
	return nil
})

// TestSeccompTrace traces real programs under a seccomp filter and
// without one: the calls the filter selects must be the same, in the
// same order per thread, and nothing else may stop.
func TestSeccompTrace(t *testing.T) {
	if err := seccompFilters.Err(); err != nil {
		testhost.Substitute(t, seccompFilters, "the filter programs are run instruction by instruction in TestSeccompProgram, "+
			"and record falls back to filtering in the tracer, which TestConformanceFiltered checks against strace")
		t.SkipNow()
	}
	f, err := filter.Parse("trace=openat,close,kill")
	if err != nil {
		t.Fatal(err)
	}
	x86 := decoder.ArchByAudit(hostAudit())
	argv := []string{"sh", "-c", "trap 'echo got >/dev/null' USR1; cat /etc/hostname >/dev/null; (kill -USR1 $$; true) & wait; ls / >/dev/null"}
	// names returns each process's selected calls, one string a process,
	// sorted: which process runs first is the scheduler's business.
	names := func(seccomp bool) ([]string, Stats) {
		opts := Options{FollowForks: true, Decoder: decoder.New(decoder.CaptureOptions(32))}
		if seccomp {
			opts.Seccomp = f
		}
		perPID := map[uint32][]string{}
		stats, err := Trace(context.Background(), Target{Argv: argv}, opts, func(rec *pcapng.Record) error {
			if rec.Kind == pcapng.KindSyscall {
				name := x86.SyscallName(rec.Nr)
				if seccomp && !f.Keep(rec) {
					t.Errorf("the seccomp filter stopped on %s", name)
				}
				if f.Keep(rec) {
					perPID[rec.PID] = append(perPID[rec.PID], name)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, calls := range perPID {
			got = append(got, strings.Join(calls, " "))
		}
		sort.Strings(got)
		return got, stats
	}
	plain, plainStats := names(false)
	fast, fastStats := names(true)
	if !fastStats.Seccomp || plainStats.Seccomp {
		t.Errorf("Stats.Seccomp: %v with a selector, %v without", fastStats.Seccomp, plainStats.Seccomp)
	}
	if len(plain) < 3 || strings.Join(plain, "\n") != strings.Join(fast, "\n") {
		t.Errorf("selected calls differ:\nptrace only: %v\nseccomp:     %v", plain, fast)
	}
	if fastStats.Syscalls >= plainStats.Syscalls/2 {
		t.Errorf("seccomp stopped on %d calls, plain ptrace on %d: the filter hardly filtered", fastStats.Syscalls, plainStats.Syscalls)
	}
}
