package lua

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	stSize   = regexp.MustCompile(`[{ ]st_size=(\d+)`)
	sinPort  = regexp.MustCompile(`sin6?_port=htons\((\d+)\)`)
	afInet   = regexp.MustCompile(`sa_family=AF_INET[,}]`)
	rlimCur  = regexp.MustCompile(`rlim_cur=`)
	sunPath  = regexp.MustCompile(`sun_path=`)
	pollFD   = regexp.MustCompile(`\{fd=-?\d+, (events|revents)=`)
	epollEvt = regexp.MustCompile(`\{events=`)
)

// Display filters on structure members select exactly the records whose
// decoded line shows that member with that value.
func TestMemberFilters(t *testing.T) {
	byName := map[string]*capture{}
	for _, c := range getCorpus(t) {
		byName[c.name] = c
	}
	// The tcp program's server port is chosen by the kernel: read it from
	// its connect line.
	port := ""
	for _, fr := range byName["tcp"].recs {
		if fr.name == "connect" {
			if m := sinPort.FindStringSubmatch(fr.line); m != nil {
				port = m[1]
				break
			}
		}
	}
	if port == "" {
		t.Fatal("the tcp capture has no connect to an inet address")
	}
	filters := []struct {
		filter string
		want   func(fr frame) bool
	}{
		{"strace.stat.st_size > 0", func(fr frame) bool {
			for _, m := range stSize.FindAllStringSubmatch(fr.line, -1) {
				if n, _ := strconv.ParseUint(m[1], 10, 64); n > 0 {
					return true
				}
			}
			return false
		}},
		{"strace.sockaddr.port == " + port, func(fr frame) bool {
			return strings.Contains(fr.line, "sin_port=htons("+port+")")
		}},
		{"strace.sockaddr.family == AF_INET", func(fr frame) bool { return afInet.MatchString(fr.line) }},
		{"strace.sockaddr.addr == 127.0.0.1", func(fr frame) bool {
			return strings.Contains(fr.line, `sin_addr=inet_addr("127.0.0.1")`)
		}},
		{"strace.sockaddr.path", func(fr frame) bool { return sunPath.MatchString(fr.line) }},
		{"strace.rlimit.cur", func(fr frame) bool { return rlimCur.MatchString(fr.line) }},
		{"strace.pollfd.fd", func(fr frame) bool {
			return strings.Contains(fr.name, "poll") && !strings.HasPrefix(fr.name, "epoll") && pollFD.MatchString(fr.line)
		}},
		{"strace.epoll.events", func(fr frame) bool {
			return strings.HasPrefix(fr.name, "epoll_") && epollEvt.MatchString(fr.line)
		}},
	}
	// A few captures that hold every kind of structure, to keep tshark
	// runs few.
	names := []string{"ls", "tcp", "unix", "epoll", "net", "misc", "i386_net", "i386_subcalls", "forkwait32"}
	hits := map[string]int{}
	for _, name := range names {
		c := byName[name]
		if c == nil {
			if name == "forkwait32" && !live32 {
				continue // the corpus said what it checked instead
			}
			t.Fatalf("no %s capture in the corpus", name)
		}
		for _, f := range filters {
			rows := fieldRows(t, c.path, f.filter)
			for _, fr := range c.recs {
				if fr.err != nil || fr.line == "" {
					continue
				}
				want := f.want(fr)
				_, got := rows[fr.number]
				if want {
					hits[f.filter]++
				}
				if want != got {
					t.Errorf("%s frame %d: filter %q matched %v, want %v: %s", name, fr.number, f.filter, got, want, fr.line)
				}
			}
		}
	}
	for _, f := range filters {
		t.Logf("%-40s %d records", f.filter, hits[f.filter])
		if hits[f.filter] == 0 {
			t.Errorf("filter %q: no record of %v shows it, so it was not exercised", f.filter, names)
		}
	}
}
