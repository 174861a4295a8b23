package extcap

import "github.com/stracedump/stracedump/decoder/filter"

// ParseFilter parses the capture filter field: what follows -e on
// strace's command line ("trace=%file,connect", "status=failed"), a bare
// list meaning trace= ("%file,connect"), several expressions separated by
// spaces. Records that are not syscalls or signals (process metadata,
// exits) are always kept. An empty field keeps everything. The error is
// one line, shown to the user as typed.
func ParseFilter(s string) (*filter.Filter, error) {
	return filter.ParseCapture(s)
}
