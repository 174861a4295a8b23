package importer

import (
	"testing"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/pcapng"
)

// FuzzImportLine feeds lines to the parser and the importer: neither may
// panic, every record made must read back, and decoding it must not panic.
// The seeds (lineTests and testdata/fuzz) run with every go test.
func FuzzImportLine(f *testing.F) {
	for _, tt := range lineTests {
		f.Add(tt.line)
	}
	f.Add(`14412 openat(AT_FDCWD</tmp>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>`)
	f.Add(`1 fcntl(3</tmp/a>, F_GETFD) = 0x1 (flags FD_CLOEXEC)`)
	f.Add(`1 write(1</dev/pts/0<char 136:0>>, "\x68\x69\n"..., 300) = 300`)
	f.Add(`14785 pipe2([3<pipe:[2364044]>, 4<pipe:[2364044]>], O_NONBLOCK|O_CLOEXEC) = 0`)
	f.Add(`14474 prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0`)
	f.Add(`15154 connect(4<TCP:[2364255]>, {sa_family=AF_INET, sin_port=htons(34081), sin_addr=inet_addr("127.0.0.1")}, 16) = 0`)
	f.Add(`15459 pwritev(3</tmp/f.dat>, [{iov_base="hello", iov_len=5}], 1, 4294967298) = 5`)
	f.Add(`14536 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=14537, si_uid=0, si_status=3, si_utime=0, si_stime=0} ---`)
	f.Add(`15267 listen(3<UNIX-STREAM:[2364350,"sock"]>, 1) = 0`)
	f.Add(`14412 execve("/usr/bin/ls", ["ls", "-l", "/"], 0x7fff4e4d9780 /* 39 vars */) = 0`)
	f.Add(`3 fcntl(6</memfd:seal>(deleted), F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW) = 0`)
	dec := decoder.New(decoder.Options{StringLimit: 32, DecodeFDs: 2, Xlat: decoder.XlatRaw})
	f.Fuzz(func(t *testing.T, line string) {
		_, _ = ParseLine(line)
		var recs []*pcapng.Record
		im := New(Options{Warn: func(string, int, error) {}}, func(r *pcapng.Record) error {
			recs = append(recs, r)
			return nil
		})
		// Twice, so that an unfinished call may be resumed.
		for n := 1; n <= 2; n++ {
			if err := im.Line("fuzz", n, 0, line); err != nil {
				t.Fatal(err)
			}
		}
		for _, r := range recs {
			ts := r.Time
			if r.Kind == pcapng.KindSyscall {
				ts += int64(r.Duration)
			}
			var back pcapng.Record
			if err := pcapng.Unmarshal(r.AppendTo(nil), ts, &back); err != nil {
				t.Fatalf("%q: the record does not read back: %v", line, err)
			}
			_ = dec.Line(&back)
		}
	})
}
