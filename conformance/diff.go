package conformance

import (
	"fmt"
	"io"
	"regexp"
	"sort"
)

// Op is one step of a line diff: a line both sides have, or a line only one
// side has.
type Op struct {
	Kind byte   // ' ' both, '-' only in A (strace), '+' only in B (stracedump)
	Line string // the line
	A, B int    // 1-based line numbers on each side; 0 where the side lacks it
}

// Diff aligns a and b on a longest common subsequence, so one extra or
// missing line costs one line and does not shift everything after it. When
// several alignments are equally long it prefers removals before additions,
// like diff(1).
func Diff(a, b []string) []Op {
	n, m := len(a), len(b)
	// lcs[i][j] is the LCS length of a[i:] and b[j:], in one flat slice.
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	ops := make([]Op, 0, n+m)
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, Op{' ', a[i], i + 1, j + 1})
			i, j = i+1, j+1
		case j == m || (i < n && lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			ops = append(ops, Op{'-', a[i], i + 1, 0})
			i++
		default:
			ops = append(ops, Op{'+', b[j], 0, j + 1})
			j++
		}
	}
	return ops
}

// Common is how many lines both sides share in ops.
func Common(ops []Op) int {
	n := 0
	for _, op := range ops {
		if op.Kind == ' ' {
			n++
		}
	}
	return n
}

// WriteHunks writes ops as unified-diff hunks with ctx lines of context,
// headed by the two side names. It writes nothing past the header when the
// sides are equal.
func WriteHunks(w io.Writer, nameA, nameB string, ops []Op, ctx int) error {
	if _, err := fmt.Fprintf(w, "--- %s\n+++ %s\n", nameA, nameB); err != nil {
		return err
	}
	for start := 0; start < len(ops); {
		// Find the next change, then extend the hunk while changes are at
		// most 2*ctx lines apart.
		first := start
		for first < len(ops) && ops[first].Kind == ' ' {
			first++
		}
		if first == len(ops) {
			break
		}
		lo := max(first-ctx, start)
		hi := first
		for k := first; k < len(ops); k++ {
			if ops[k].Kind != ' ' {
				hi = k
			} else if k-hi > 2*ctx {
				break
			}
		}
		hi = min(hi+ctx+1, len(ops))
		aStart, bStart, aLen, bLen := 0, 0, 0, 0
		for _, op := range ops[lo:hi] {
			if op.A > 0 {
				if aStart == 0 {
					aStart = op.A
				}
				aLen++
			}
			if op.B > 0 {
				if bStart == 0 {
					bStart = op.B
				}
				bLen++
			}
		}
		if _, err := fmt.Fprintf(w, "@@ -%d,%d +%d,%d @@\n", aStart, aLen, bStart, bLen); err != nil {
			return err
		}
		for _, op := range ops[lo:hi] {
			if _, err := fmt.Fprintf(w, "%c%s\n", op.Kind, op.Line); err != nil {
				return err
			}
		}
		start = hi
	}
	return nil
}

// Category counts the mismatched lines of one syscall name (or "signal",
// "exit", "other").
type Category struct {
	Name               string
	OnlyA, OnlyB       int // lines only strace printed, lines only stracedump printed
	Programs           map[string]bool
	ExampleA, ExampleB string
}

// Categorize adds the mismatches of one program's ops to cats, keyed by the
// syscall name of each line; lines are expected in Normalize's form.
func Categorize(cats map[string]*Category, program string, ops []Op) {
	for _, op := range ops {
		if op.Kind == ' ' {
			continue
		}
		name := syscallName(normalizedPID.ReplaceAllString(op.Line, ""))
		c := cats[name]
		if c == nil {
			c = &Category{Name: name, Programs: map[string]bool{}}
			cats[name] = c
		}
		c.Programs[program] = true
		if op.Kind == '-' {
			c.OnlyA++
			if c.ExampleA == "" {
				c.ExampleA = op.Line
			}
		} else {
			c.OnlyB++
			if c.ExampleB == "" {
				c.ExampleB = op.Line
			}
		}
	}
}

var normalizedPID = regexp.MustCompile(`^P\d+ (?: *[0:.]+ )?(?:\[ *\d+\] )?`)

// TopCategories returns the categories with the most mismatched lines
// first, ties by name, at most n of them.
func TopCategories(cats map[string]*Category, n int) []*Category {
	list := make([]*Category, 0, len(cats))
	for _, c := range cats {
		list = append(list, c)
	}
	sort.Slice(list, func(i, j int) bool {
		ti, tj := list[i].OnlyA+list[i].OnlyB, list[j].OnlyA+list[j].OnlyB
		if ti != tj {
			return ti > tj
		}
		return list[i].Name < list[j].Name
	})
	if len(list) > n {
		list = list[:n]
	}
	return list
}
