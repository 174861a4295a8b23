package command

import (
	"testing"
	"time"
)

func TestParseRing(t *testing.T) {
	for _, tc := range []struct {
		b, a []string
		want ringOptions
		err  string
	}{
		{b: []string{"filesize:100", "files:3"}, want: ringOptions{fileSize: 100000, files: 3}},
		{b: []string{"duration:60"}, a: []string{"files:5", "duration:3600", "filesize:10"},
			want: ringOptions{duration: time.Minute, stopFiles: 5, stopAfter: time.Hour, stopSize: 10000}},
		{a: []string{"duration:2"}, want: ringOptions{stopAfter: 2 * time.Second}},
		{b: []string{"files:3"}, err: "-b files:3 needs -b filesize: or -b duration: to switch files"},
		{a: []string{"files:3"}, err: "-a files:3 needs -b filesize: or -b duration: to switch files"},
		{b: []string{"filesize"}, err: "-b filesize: want filesize:KB, duration:SECONDS or files:N with a positive number"},
		{b: []string{"filesize:0"}, err: "-b filesize:0: want filesize:KB, duration:SECONDS or files:N with a positive number"},
		{a: []string{"packets:10"}, err: `-a packets:10: unknown condition "packets" (want filesize, duration or files)`},
	} {
		got, err := parseRing(tc.b, tc.a)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("-b %v -a %v: error %v, want %q", tc.b, tc.a, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("-b %v -a %v: %+v, %v; want %+v", tc.b, tc.a, got, err, tc.want)
		}
	}
}

func TestRingName(t *testing.T) {
	at := time.Date(2026, 12, 4, 10, 15, 0, 0, time.Local)
	for base, want := range map[string]string{
		"trace.pcapng":         "trace_00007_20261204101500.pcapng",
		"/var/tmp/t.pcapng.gz": "/var/tmp/t_00007_20261204101500.pcapng.gz",
		"out":                  "out_00007_20261204101500",
		"x.cap":                "x_00007_20261204101500.cap",
	} {
		if got := ringName(base, 7, at); got != want {
			t.Errorf("ringName(%q) = %q, want %q", base, got, want)
		}
	}
}
