package extcap

import (
	"os"
	"strings"
	"testing"
)

// TestDocsListEveryOption keeps docs/extcap.md's preference table in step
// with the option table.
func TestDocsListEveryOption(t *testing.T) {
	b, err := os.ReadFile("../docs/extcap.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range Options {
		if row := "| `extcap." + PrefName(o.Call) + "` |"; !strings.Contains(string(b), row) {
			t.Errorf("docs/extcap.md has no row %q", row)
		}
	}
}
