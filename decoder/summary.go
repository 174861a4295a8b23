package decoder

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/stracedump/stracedump/pcapng"
)

// Summary is strace -c's table of a capture: calls, errors and time per
// syscall, one table per personality. Times are each call's duration from
// entry to exit, the only time a capture holds, so the table is that of
// strace -c -w (strace -c alone sums the tracee's system time).
type Summary struct {
	arches map[uint32]map[string]*summaryRow
}

type summaryRow struct {
	name          string
	nr            int64
	ns            uint64
	calls, errors uint64
}

// NewSummary returns an empty Summary.
func NewSummary() *Summary { return &Summary{arches: map[uint32]map[string]*summaryRow{}} }

// Add counts rec if it is a completed call; strace counts a call at its
// exit, so calls that never returned (exit_group) and calls still open
// when the capture ended are left out.
func (s *Summary) Add(rec *pcapng.Record) {
	if rec.Kind != pcapng.KindSyscall || rec.Flags&pcapng.FlagNoReturn != 0 {
		return
	}
	name := CallName(rec)
	if name == "" {
		// strace's name for a number it does not know, as the call prints.
		name = fmt.Sprintf("syscall_%#x", uint64(rec.Nr))
	}
	c := &ctx{rec: rec, arch: ArchByAudit(rec.Arch)}
	rows := s.arches[rec.Arch]
	if rows == nil {
		rows = map[string]*summaryRow{}
		s.arches[rec.Arch] = rows
	}
	row := rows[name]
	if row == nil {
		row = &summaryRow{name: name, nr: rec.Nr}
		rows[name] = row
	}
	row.calls++
	row.ns += rec.Duration
	if c.failed() {
		row.errors++
	}
}

// SummarySorts are the orders strace's -S takes.
var SummarySorts = []string{"time", "calls", "errors", "name", "nothing"}

// Write prints the tables as strace -c does: the host's personality first
// with no heading, each other one under "System call usage summary for 32
// bit mode:". sortBy is one of SummarySorts ("" is "time"). Nothing is
// printed when no call was counted.
func (s *Summary) Write(w io.Writer, sortBy string) error {
	audits := make([]uint32, 0, len(s.arches))
	for a := range s.arches {
		audits = append(audits, a)
	}
	// The 64-bit personality before the 32-bit one, as strace's order.
	sort.Slice(audits, func(i, j int) bool {
		wi, wj := wordSizeOf(audits[i]), wordSizeOf(audits[j])
		if wi != wj {
			return wi > wj
		}
		return audits[i] < audits[j]
	})
	var b strings.Builder
	for i, a := range audits {
		if i > 0 {
			fmt.Fprintf(&b, "System call usage summary for %s mode:\n", personalityName(a))
		}
		if err := writeSummaryTable(&b, s.arches[a], sortBy); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func wordSizeOf(audit uint32) int {
	if a := ArchByAudit(audit); a != nil {
		return a.WordSize
	}
	return 0
}

func personalityName(audit uint32) string {
	if wordSizeOf(audit) == 4 {
		return "32 bit"
	}
	if a := ArchByAudit(audit); a != nil {
		return a.Name
	}
	return fmt.Sprintf("arch %#x", audit)
}

func writeSummaryTable(b *strings.Builder, byName map[string]*summaryRow, sortBy string) error {
	rows := make([]*summaryRow, 0, len(byName))
	var total summaryRow
	width := 16 // strace's name column: at least 16, else one more than the longest name
	for _, r := range byName {
		rows = append(rows, r)
		total.ns += r.ns
		total.calls += r.calls
		total.errors += r.errors
		width = max(width, len(r.name)+1)
	}
	// strace sorts its table by number first (its qsort is stable on
	// glibc), then by the key: ties stay in syscall-number order.
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].nr != rows[j].nr {
			return rows[i].nr < rows[j].nr
		}
		return rows[i].name < rows[j].name
	})
	var less func(a, b *summaryRow) bool
	switch sortBy {
	case "", "time":
		less = func(a, b *summaryRow) bool { return a.ns > b.ns }
	case "calls":
		less = func(a, b *summaryRow) bool { return a.calls > b.calls }
	case "errors":
		less = func(a, b *summaryRow) bool { return a.errors > b.errors }
	case "name":
		less = func(a, b *summaryRow) bool { return a.name < b.name }
	case "nothing":
	default:
		return fmt.Errorf("invalid sortby: '%s'", sortBy)
	}
	if less != nil {
		sort.SliceStable(rows, func(i, j int) bool { return less(rows[i], rows[j]) })
	}
	dashes := "------ ----------- ----------- --------- --------- " + strings.Repeat("-", width)
	fmt.Fprintf(b, "%6.6s %11.11s %11.11s %9.9s %9.9s %s\n", "% time", "seconds", "usecs/call", "calls", "errors", "syscall")
	b.WriteString(dashes + "\n")
	row := func(pct float64, r *summaryRow, name string) {
		errs := ""
		if r.errors > 0 {
			errs = fmt.Sprint(r.errors)
		}
		secs := float64(r.ns) / 1e9
		usecs := uint64(0)
		if r.calls > 0 {
			usecs = uint64(math.Floor(secs / float64(r.calls) * 1e6))
		}
		fmt.Fprintf(b, "%6.2f %11.6f %11d %9d %9.9s %s\n", pct, secs, usecs, r.calls, errs, name)
	}
	for _, r := range rows {
		pct := 0.0
		if total.ns > 0 {
			pct = 100 * float64(r.ns) / float64(total.ns)
		}
		row(pct, r, r.name)
	}
	b.WriteString(dashes + "\n")
	row(100, &total, "total")
	return nil
}
