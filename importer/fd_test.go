package importer

import (
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

func TestFDSections(t *testing.T) {
	for _, tt := range []struct {
		text, path string
		info       decoder.FDInfoKind // 0: no fdinfo section
	}{
		{"/etc/passwd", "/etc/passwd", 0},
		{"pipe:[2364044]", "pipe:[2364044]", 0},
		{"anon_inode:[eventpoll]", "anon_inode:[eventpoll]", 0},
		{"socket:[12]", "socket:[12]", 0},
		{"/dev/null<char 1:3>", "/dev/null", decoder.FDInfoChar},
		{"/dev/loop0<block 7:0>", "/dev/loop0", decoder.FDInfoBlock},
		{"pid:7101", decoder.PidfdPath, decoder.FDInfoPidfd},
		{"TCP:[2364255]", "socket:[2364255]", decoder.FDInfoSocket},
		{`UNIX-STREAM:[2354051->2355293,"sock"]`, "socket:[2354051]", decoder.FDInfoSocket},
		{`UNIX:[242756,@"abstract"]`, "socket:[242756]", decoder.FDInfoSocket},
		// No inode in the text: the text is the path.
		{"TCP:[127.0.0.1:33191->127.0.0.1:57360]", "TCP:[127.0.0.1:33191->127.0.0.1:57360]", 0},
	} {
		secs := fdSections(3, tt.text, 0)
		if string(secs[0].Data) != tt.path || secs[0].Type != pcapng.SecFDPath {
			t.Errorf("%s: path %q", tt.text, secs[0].Data)
		}
		switch {
		case tt.info == 0 && len(secs) != 1:
			t.Errorf("%s: an fdinfo section", tt.text)
		case tt.info != 0 && (len(secs) != 2 || secs[1].Data[0] != byte(tt.info)):
			t.Errorf("%s: fdinfo %v", tt.text, secs[1:])
		}
	}
}
