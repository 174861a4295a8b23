package lua

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stracedump/stracedump/decoder"
)

// memberField is one entry of the renderer's member_fields: the field key
// and the layout member it shows ("m = ...", or the key after its group).
var memberField = regexp.MustCompile(`\{ "([a-z_0-9]+)\.([a-z_0-9.]+)", "[a-z0-9]+"[^{}]*?(?:, m = "([^"]+)")? \}`)

// Every structure member field names a member that some layout has: the
// renderers note fields by member name and take the offset and size from
// the generated layouts, so a misspelt name would leave the field empty.
func TestMemberFieldsHaveLayouts(t *testing.T) {
	s := rendererSource(t)
	start := strings.Index(s, "local member_fields = {")
	if start < 0 {
		t.Fatal("the renderer (strace_render*.lua) has no member_fields table")
	}
	end := strings.Index(s[start:], "\n}\n")
	table := s[start : start+end]
	members := map[string]bool{}
	for _, name := range decoder.LayoutNames() {
		for _, a := range decoder.Arches() {
			if l := decoder.LayoutOf(name, a.Audit); l != nil {
				for _, m := range l.Members {
					members[m.Name] = true
				}
			}
		}
	}
	found := memberField.FindAllStringSubmatch(table, -1)
	if want := strings.Count(table, `{ "`); len(found) != want {
		t.Fatalf("read %d of the %d member fields: the pattern no longer matches the table", len(found), want)
	}
	for _, f := range found {
		group, name := f[1], f[2]
		if f[3] != "" {
			name = f[3]
		}
		if group == "sockaddr" {
			continue // sockaddr_members notes each family's members by name
		}
		if !members[name] {
			t.Errorf("field strace.%s.%s shows member %q, which no layout has", group, f[2], name)
		}
	}
}
