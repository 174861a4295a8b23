package command_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// v1Capture is a real capture in record format version 1, kept so that
// readers go on decoding the captures users already have:
//
//	env -i PATH=/usr/bin:/bin stracedump record -s 16 -o v1.pcapng -- \
//		/bin/sh -c 'echo hi | cat; cat /nonexistent; kill -TERM $$'
//
// taken before format version 2 existed.
var v1Capture = filepath.Join("..", "pcapng", "testdata", "v1.pcapng")

// TestDecodeVersion1 decodes the version 1 capture with every field a record
// holds shown (epoch times, durations, numbers, fd paths) against the text
// decode printed when the capture was taken.
func TestDecodeVersion1(t *testing.T) {
	got, err := exec.Command(binary, "decode", "--ttt", "-T", "-n", "--yy", v1Capture).Output()
	if err != nil {
		t.Fatalf("decode %s: %v", v1Capture, err)
	}
	golden := filepath.Join("..", "pcapng", "testdata", "v1.decode.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./command -run TestDecodeVersion1 -update writes it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("decode of the version 1 capture changed:\n got %d bytes\nwant %d bytes\n(diff %s against the output of: stracedump decode --ttt -T -n --yy %s)", len(got), len(want), golden, v1Capture)
	}
}
