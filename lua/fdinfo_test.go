package lua

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// The -yy fields (strace.fd.proto, strace.fd.peer.port, strace.fd.unix.path,
// strace.fd.dev.type, ...) select exactly the records whose first argument
// or result decode -yy shows with that detail. Details of fds elsewhere in
// a line (poll arrays, socketpair's pair, SCM_RIGHTS) have no fields, so
// for those a match only has to agree with the line.
func TestFDInfoFilters(t *testing.T) {
	byName := map[string]*capture{}
	for _, c := range getCorpus(t) {
		byName[c.name] = c
	}
	yy := decoder.New(decoder.Options{DecodeFDs: 2})
	lineYY := func(fr frame) string {
		if fr.err != nil || (fr.rec.Kind != pcapng.KindSyscall && fr.rec.Kind != pcapng.KindSyscallEntry) {
			return ""
		}
		return yy.Line(&fr.rec)
	}
	// The server's port is the kernel's pick: read it from the -yy line
	// of the listen call.
	port := ""
	listen := regexp.MustCompile(`^listen\(\d+<TCP:\[127\.0\.0\.1:(\d+)\]>`)
	for _, fr := range byName["tcp"].recs {
		if m := listen.FindStringSubmatch(lineYY(fr)); m != nil {
			port = m[1]
		}
	}
	if port == "" {
		t.Fatal("the tcp capture has no listen on a 127.0.0.1 port under -yy")
	}
	// first is a line's first argument or its result.
	first := func(detail string) *regexp.Regexp {
		return regexp.MustCompile(`^\w+\(-?\d+<` + detail + `|\) += \d+<` + detail)
	}
	cases := []struct {
		capture, filter string
		shown           *regexp.Regexp // the line shows the detail somewhere
		firstArg        *regexp.Regexp // the detail is on the first argument or the result
	}{
		{"tcp", `strace.fd.proto == "TCP"`, regexp.MustCompile(`<TCP:\[`), first(`TCP:\[`)},
		{"tcp", "strace.fd.peer.port == " + port, regexp.MustCompile(`->127\.0\.0\.1:` + port + `\]>`), first(`TCP:\[[0-9.:]+->127\.0\.0\.1:` + port + `\]`)},
		{"tcp", "strace.fd.local.port == " + port, regexp.MustCompile(`<TCP:\[127\.0\.0\.1:` + port + `[\]-]`), first(`TCP:\[127\.0\.0\.1:` + port + `[\]-]`)},
		{"tcp", "strace.fd.local.addr == 127.0.0.1", regexp.MustCompile(`<TCP:\[127\.0\.0\.1:`), first(`TCP:\[127\.0\.0\.1:`)},
		{"unix", `strace.fd.proto == "UNIX-STREAM"`, regexp.MustCompile(`<UNIX-STREAM:\[`), first(`UNIX-STREAM:\[`)},
		{"unix", "strace.fd.unix.path", regexp.MustCompile(`<UNIX(-STREAM)?:\[[0-9>-]+,`), first(`UNIX(-STREAM)?:\[[0-9>-]+,`)},
		{"unix", "strace.fd.unix.peer > 0", regexp.MustCompile(`<UNIX(-STREAM)?:\[\d+->`), first(`UNIX(-STREAM)?:\[\d+->`)},
		{"threads", `strace.fd.dev.type == "char" && strace.fd.dev.major == 1 && strace.fd.dev.minor == 3`, regexp.MustCompile(`</dev/null<char 1:3>>`), first(`/dev/null<char 1:3>`)},
	}
	for _, tc := range cases {
		c := byName[tc.capture]
		if c == nil {
			t.Fatalf("no %s capture in the corpus", tc.capture)
		}
		rows := fieldRows(t, c.path, tc.filter)
		must := 0
		for _, fr := range c.recs {
			l := lineYY(fr)
			_, matched := rows[fr.number]
			switch {
			case tc.firstArg.MatchString(l):
				must++
				if !matched {
					t.Errorf("%s: %s missed frame %d: %s", c.name, tc.filter, fr.number, l)
				}
			case matched && !tc.shown.MatchString(l):
				t.Errorf("%s: %s matched frame %d, which decode -yy shows without it: %s", c.name, tc.filter, fr.number, l)
			}
		}
		if must == 0 {
			t.Errorf("%s: no line shows what %s selects: the filter was not exercised", c.name, tc.filter)
		}
		if testing.Verbose() {
			fmt.Printf("%s: %s: %d frames, %d with it on the first argument or result\n", c.name, tc.filter, len(rows), must)
		}
	}
}
