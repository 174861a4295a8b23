package command

import (
	"runtime/debug"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	info := func(main string, settings ...string) func() (*debug.BuildInfo, bool) {
		return func() (*debug.BuildInfo, bool) {
			bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/stracedump/stracedump", Version: main}}
			for i := 0; i+1 < len(settings); i += 2 {
				bi.Settings = append(bi.Settings, debug.BuildSetting{Key: settings[i], Value: settings[i+1]})
			}
			return bi, true
		}
	}
	for _, tc := range []struct {
		name string
		read func() (*debug.BuildInfo, bool)
		want string
	}{
		{"go install @v1.2.3", info("v1.2.3"), "1.2.3"},
		{"a checkout", info("(devel)", "vcs.revision", "1b14096c3a2fb6d1e0d5a7c1f0e2a9b8c7d6e5f4", "vcs.modified", "false"), "0.1.0-dev+1b14096c3a2f"},
		{"a changed checkout", info("(devel)", "vcs.revision", "1b14096c3a2fb6d1", "vcs.modified", "true"), "0.1.0-dev+1b14096c3a2f.dirty"},
		{"no vcs", info("(devel)"), "0.1.0-dev"},
		{"no build info", func() (*debug.BuildInfo, bool) { return nil, false }, "0.1.0-dev"},
	} {
		if got := buildVersion(tc.read); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
