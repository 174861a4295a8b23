package command

import "testing"

func TestRemoteDest(t *testing.T) {
	user := remoteProbe{home: "/home/ops"}
	root := remoteProbe{home: "/root", root: true}
	for _, tc := range []struct {
		to   string
		p    remoteProbe
		want string
	}{
		{"", user, "/home/ops/.local/bin/stracedump"},
		{"", root, "/usr/local/bin/stracedump"},
		{"~/bin/stracedump", user, "/home/ops/bin/stracedump"},
		{"bin/sd", user, "/home/ops/bin/sd"},
		{"/opt/sd/../bin/stracedump", root, "/opt/bin/stracedump"},
	} {
		if got := remoteDest(tc.to, tc.p); got != tc.want {
			t.Errorf("remoteDest(%q, %+v) = %q, want %q", tc.to, tc.p, got, tc.want)
		}
	}
}

func TestRunsOn(t *testing.T) {
	for _, tc := range []struct {
		goarch, machine string
		want            bool
	}{
		{"amd64", "x86_64", true},
		{"amd64", "aarch64", false},
		{"amd64", "i686", false},
		{"arm64", "aarch64", true},
		{"386", "i686", true},
		{"386", "x86_64", true},
		{"mips", "mips", false}, // no build of ours is known to run there
	} {
		if got := runsOn(tc.goarch, tc.machine); got != tc.want {
			t.Errorf("runsOn(%q, %q) = %v", tc.goarch, tc.machine, got)
		}
	}
}
