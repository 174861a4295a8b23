package extcap

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stracedump/stracedump/decoder"
	"github.com/stracedump/stracedump/decoder/filter"
)

// ParseFilter parses the capture filter field: what follows -e on
// strace's command line ("trace=%file,connect", "status=failed"), a bare
// list meaning trace= ("%file,connect"), several expressions separated by
// spaces. Records that are not syscalls or signals (process metadata,
// exits) are always kept. An empty field keeps everything. The error is
// one line, shown to the user as typed: strace's words, except that a
// mistyped class ("%fil") is called one and the classes are listed, where
// strace calls it an invalid system call.
func ParseFilter(s string) (*filter.Filter, error) {
	f, err := filter.ParseCapture(s)
	var se *filter.SyscallError
	if errors.As(err, &se) {
		class, _, _ := strings.Cut(strings.TrimLeft(se.Item, "?!"), "@")
		if strings.HasPrefix(class, "%") {
			return nil, fmt.Errorf("unknown syscall class '%s' (the classes: %s)", class, strings.Join(decoder.ClassNames(), " "))
		}
	}
	return f, err
}
