package tracer

import (
	"bytes"
	"os"
	"testing"
)

func TestParseStatus(t *testing.T) {
	const rest = "Umask:\t0022\nState:\tS (sleeping)\nTgid:\t4242\nNgid:\t0\nPid:\t4243\nPPid:\t17\n" +
		"TracerPid:\t0\nUid:\t1000\t1001\t1002\t1003\nGid:\t20\t21\t22\t23\nFDSize:\t64\n"
	for _, tc := range []struct {
		name string
		line string // the Name: line, as the kernel writes it
		want []byte // nil: status cannot give the name
	}{
		{"plain", "Name:\tsh\n", []byte("sh")},
		{"blank and tab kept", "Name:\tmy prog\tx\n", []byte("my prog\tx")},
		{"escaped newline", "Name:\ta\\nb\n", nil},
		{"escaped backslash", "Name:\ta\\\\b\n", nil},
		{"empty", "Name:\t\n", []byte{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := parseStatus([]byte(tc.line + rest))
			if (st.name == nil) != (tc.want == nil) || !bytes.Equal(st.name, tc.want) {
				t.Errorf("name %q, want %q", st.name, tc.want)
			}
			if st.tgid != 4242 || st.ppid != 17 {
				t.Errorf("tgid %d ppid %d, want 4242 17", st.tgid, st.ppid)
			}
			if want := [8]uint32{1000, 1001, 1002, 1003, 20, 21, 22, 23}; !st.idsOK || st.ids != want {
				t.Errorf("ids %v (ok %v), want %v", st.ids, st.idsOK, want)
			}
		})
	}
	// A key must start its line: "Tgid:" is not found inside "NTgid:".
	if st := parseStatus([]byte("NTgid:\t9\nPPid:\t1\n")); st.tgid != 0 || st.ppid != 1 {
		t.Errorf("tgid %d ppid %d, want 0 1", st.tgid, st.ppid)
	}
	// Ids come in fours, or not at all.
	for _, ids := range []string{"Uid:\t1\t2\t3\nGid:\t1\t2\t3\t4\n", "Uid:\t1\t2\t3\t4\t5\nGid:\t1\t2\t3\t4\n", "Uid:\t1\t2\tx\t4\nGid:\t1\t2\t3\t4\n", "Uid:\t1\t2\t3\t4\n"} {
		if st := parseStatus([]byte(ids)); st.idsOK {
			t.Errorf("%q: ids %v accepted", ids, st.ids)
		}
	}
}

// The one status read gives what the three reads it replaced gave.
func TestReadStatusAgreesWithProc(t *testing.T) {
	st, err := readStatus(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	comm, err := os.ReadFile("/proc/self/comm")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := st.commOf(os.Getpid()), bytes.TrimSuffix(comm, []byte{'\n'}); !bytes.Equal(got, want) {
		t.Errorf("comm %q, want %q", got, want)
	}
	if st.tgid != os.Getpid() || st.ppid != os.Getppid() {
		t.Errorf("tgid %d ppid %d, want %d %d", st.tgid, st.ppid, os.Getpid(), os.Getppid())
	}
	if !st.idsOK || st.ids[0] != uint32(os.Getuid()) || st.ids[4] != uint32(os.Getgid()) {
		t.Errorf("ids %v (ok %v), want the real uid %d and gid %d first", st.ids, st.idsOK, os.Getuid(), os.Getgid())
	}
}
