package matrix

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// checkFollow: -z strace,follow prints what ls wrote to its stdout, in
// the order of its writes, and -z strace,follow,PID names ls's filter.
func (s *suite) checkFollow(t *testing.T) {
	s.needCapture(t)
	o := s.tshark(t, nil, "-r", s.capture, "-Y", `strace.syscall == "write" && strace.fd == 1`,
		"-T", "fields", "-e", "strace.pid", "-e", "frame.number")
	if o.code != 0 {
		s.failf(t, "tshark -Y write on fd 1: %s", o)
	}
	rows := lines(o.stdout)
	if len(rows) == 0 {
		s.failf(t, "ls -l / made no write on fd 1 in the capture")
	}
	first := strings.Fields(rows[0])
	if len(first) != 2 {
		s.failf(t, "pid and frame of the first write: %q", rows[0])
	}
	pid, frame := first[0], first[1]
	o = s.tshark(t, nil, "-r", s.capture, "-q", "-z", "strace,follow,"+pid+",1")
	if o.code != 0 {
		s.failf(t, "tshark -z strace,follow,%s,1: %s", pid, o)
	}
	for _, want := range []string{
		"Follow: strace,ascii",
		"Node 0: process " + pid + " ls",
		fmt.Sprintf("frame %s: write ", frame),
		"total ", // ls -l's first line
	} {
		if !strings.Contains(o.stdout, want) {
			s.errorf(t, "-z strace,follow,%s,1 lacks %q:\n%s", pid, want, firstLines(o.stdout, 12))
		}
	}
	if n := strings.Count(o.stdout, ": write "); n != len(rows) {
		s.errorf(t, "-z strace,follow,%s,1 shows %d writes, the capture has %d", pid, n, len(rows))
	}
	o = s.tshark(t, nil, "-r", s.capture, "-q", "-z", "strace,follow,"+pid)
	if !strings.Contains(o.stdout, "Filter: strace.pid == "+pid) {
		s.errorf(t, "-z strace,follow,%s has no filter for the process:\n%s", pid, firstLines(o.stdout, 6))
	}
}

// checkStatistics: the per-process, per-file and errno tables have the
// rows a capture of ls -l / must give.
func (s *suite) checkStatistics(t *testing.T) {
	s.needCapture(t)
	o := s.tshark(t, nil, "-r", s.capture, "-q", "-z", "strace,processes", "-z", "strace,files", "-z", "strace,errors")
	if o.code != 0 {
		s.failf(t, "tshark -z strace,processes,files,errors: %s", o)
	}
	for _, re := range []string{
		// pid ppid threads calls errors seconds end command
		`(?m)^\s*\d+\s+\d+\s+1\s+\d+\s+\d+\s+\d+\.\d{6}\s+exit 0\s+ls$`,
		// opens calls errors read written path: ls opened / and read it.
		`(?m)^\s*[1-9]\d*\s+\d+\s+\d+\s+\d+\s+\d+\s+/$`,
		`(?m)^ENOENT\s+[1-9]\d*\s+\S*access\S*\s+/etc/ld\.so\.preload$`,
	} {
		if !regexp.MustCompile(re).MatchString(o.stdout) {
			s.errorf(t, "the statistics have no row matching %s:\n%s", re, o.stdout)
		}
	}
}
