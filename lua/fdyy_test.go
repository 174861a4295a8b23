package lua

import (
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
)

// fieldLists returns one field's values, one list per frame number:
// values may hold commas, which joined occurrences would cut.
func fieldLists(t *testing.T, path, field string) map[int][]string {
	t.Helper()
	lists := map[int][]string{}
	for _, l := range jsonLayers(t, []string{"-r", path}, field) {
		lists[frameNumber(t, l)] = l[field]
	}
	return lists
}

// bracketed returns what a -y or -yy line prints between an fd's angle
// brackets ("3<TCP:[127.0.0.1:80]>", "0</dev/null<char 1:3>>"), each fd
// in order; quoted strings are skipped.
func bracketed(line string) []string {
	var out []string
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '"':
			for i++; i < len(line) && line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
			}
		case line[i] == '<' && i > 0 && line[i-1] >= '0' && line[i-1] <= '9':
			depth, start := 1, i+1
			for i++; i < len(line) && depth > 0; i++ {
				switch line[i] {
				case '<':
					depth++
				case '>':
					if line[i-1] != '-' { // "->" joins a socket's ends
						depth--
					}
				case '"':
					for i++; i < len(line) && line[i] != '"'; i++ {
						if line[i] == '\\' {
							i++
						}
					}
				}
			}
			if depth == 0 {
				out = append(out, line[start:i-1])
			}
			i--
		}
	}
	return out
}

// TestFDYYMatchesDecode: strace.fd.yy, what the FD column shows, is what
// decode -yy prints between the fd's brackets, for every fd argument and
// returned fd of the corpus and the payload captures (sockets of TCP, UDP
// and unix, devices).
func TestFDYYMatchesDecode(t *testing.T) {
	opts := decoder.DefaultOptions()
	opts.DecodeFDs = 2
	kinds := map[string]int{}
	caps := getCorpus(t)
	for _, name := range []string{"http_tcp", "dns_udp", "http_unix"} {
		path, _ := payloadCapture(t, name)
		c, err := load(name, path)
		if err != nil {
			t.Fatal(err)
		}
		caps = append(caps, c)
	}
	for _, c := range caps {
		dec := decoder.New(opts)
		lists := fieldLists(t, c.path, "strace.fd.yy")
		for _, fr := range c.recs {
			if fr.err != nil || fr.name == "" {
				continue
			}
			goSide := map[string]bool{}
			for _, b := range bracketed(dec.Line(&fr.rec)) {
				goSide[b] = true
			}
			for _, v := range lists[fr.number] {
				if strings.ContainsAny(v, "\\\n\t") {
					continue // decode escapes such paths
				}
				// decode moves a deleted file's " (deleted)" out of the
				// brackets, as strace does; the field keeps the link.
				if !goSide[strings.TrimSuffix(v, " (deleted)")] {
					t.Errorf("%s frame %d: strace.fd.yy %q is not among decode -yy's %q", c.name, fr.number, v, bracketed(dec.Line(&fr.rec)))
					continue
				}
				switch {
				case strings.HasPrefix(v, "TCP"), strings.HasPrefix(v, "UDP"), strings.HasPrefix(v, "UNIX"):
					kinds[v[:strings.IndexAny(v, ":v-")]]++
				case strings.Contains(v, "<char "):
					kinds["char"]++
				}
			}
		}
	}
	t.Logf("fds compared, by kind: %v", kinds)
	for _, k := range []string{"TCP", "UDP", "UNIX", "char"} {
		if kinds[k] == 0 {
			t.Errorf("no %s fd compared", k)
		}
	}
}
