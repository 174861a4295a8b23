package lua

import (
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// ProfileFilter is a filter the profile offers the user: a capture filter
// bookmark (file cfilters, in the extcap's filter language), a display
// filter bookmark (dfilters) or a display filter button (dfilter_buttons).
type ProfileFilter struct {
	File, Name, Expr string
}

// ProfileFilters reads every filter of the profile's three filter files.
func ProfileFilters() ([]ProfileFilter, error) {
	var list []ProfileFilter
	for _, file := range []string{"cfilters", "dfilters"} {
		b, err := fs.ReadFile(Profile, "profile/"+file)
		if err != nil {
			return nil, err
		}
		// Wireshark's filter lists: "name" expression, one a line.
		for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			name, expr, ok := strings.Cut(strings.TrimPrefix(line, `"`), `" `)
			if !ok || !strings.HasPrefix(line, `"`) || strings.TrimSpace(expr) == "" {
				return nil, fmt.Errorf("%s:%d: not a \"name\" filter line: %q", file, i+1, line)
			}
			list = append(list, ProfileFilter{file, name, strings.TrimSpace(expr)})
		}
	}
	b, err := fs.ReadFile(Profile, "profile/dfilter_buttons")
	if err != nil {
		return nil, err
	}
	// A UAT file: "show","label","filter","comment", \xNN escapes.
	for i, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(strings.TrimSuffix(strings.TrimPrefix(line, `"`), `"`), `","`)
		if len(f) != 4 || f[0] != "TRUE" && f[0] != "FALSE" {
			return nil, fmt.Errorf("dfilter_buttons:%d: not a \"show\",\"label\",\"filter\",\"comment\" line: %q", i+1, line)
		}
		expr, err := uatUnescape(f[2])
		if err != nil {
			return nil, fmt.Errorf("dfilter_buttons:%d: %v", i+1, err)
		}
		list = append(list, ProfileFilter{"dfilter_buttons", f[1], expr})
	}
	return list, nil
}

// uatUnescape undoes a UAT string's \xNN escapes, which Wireshark uses
// for quotes and other bytes that would end the field.
func uatUnescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			return "", fmt.Errorf("a bare quote in %q (write \\x22)", s)
		}
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i+4 > len(s) || s[i+1] != 'x' {
			return "", fmt.Errorf("a bad escape in %q", s)
		}
		n, err := strconv.ParseUint(s[i+2:i+4], 16, 8)
		if err != nil {
			return "", fmt.Errorf("a bad escape in %q", s)
		}
		b.WriteByte(byte(n))
		i += 3
	}
	return b.String(), nil
}
