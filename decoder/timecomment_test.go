package decoder

import (
	"testing"
	"time"
)

// The date comments of times, each next to the line strace 6.1 printed for
// it (utimensat's second timespec, TZ=UTC): none for zero and for a year
// localtime cannot hold, and the year as strftime's %Y, unpadded.
func TestTimeComment(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC
	for _, c := range []struct {
		sec  int64
		nsec uint64
		want string
	}{
		// [{tv_sec=0, tv_nsec=0}, ...
		{0, 0, ""},
		// {tv_sec=0, tv_nsec=5} /* 1970-01-01T00:00:00.000000005+0000 */
		{0, 5, "1970-01-01T00:00:00.000000005+0000"},
		// {tv_sec=-1, tv_nsec=5} /* 1969-12-31T23:59:59.000000005+0000 */
		{-1, 5, "1969-12-31T23:59:59.000000005+0000"},
		// {tv_sec=2463046411641358689, tv_nsec=5}
		{2463046411641358689, 5, ""},
		// {tv_sec=67767976233316799, tv_nsec=5} /* 2147483647-12-29T11:59:59.000000005+0000 */
		{67767976233316799, 5, "2147483647-12-29T11:59:59.000000005+0000"},
		// {tv_sec=253402300800, tv_nsec=5} /* 10000-01-01T00:00:00.000000005+0000 */
		{253402300800, 5, "10000-01-01T00:00:00.000000005+0000"},
		// {tv_sec=-62167219200, tv_nsec=5} /* 0-01-01T00:00:00.000000005+0000 */
		{-62167219200, 5, "0-01-01T00:00:00.000000005+0000"},
		// {tv_sec=-67768040609740800, tv_nsec=5} /* -2147481748-01-01T00:00:00.000000005+0000 */
		{-67768040609740800, 5, "-2147481748-01-01T00:00:00.000000005+0000"},
		// {tv_sec=-67768040609741000, tv_nsec=5}
		{-67768040609741000, 5, ""},
		// statx's stx_mtime={tv_sec=1700000000, tv_nsec=0} /* 2023-11-14T22:13:20+0000 */
		{1700000000, 0, "2023-11-14T22:13:20+0000"},
		// nanoseconds past a second: sprinttime_nsec gives no text
		{1700000000, 1000000000, ""},
	} {
		if got := timeComment(c.sec, c.nsec); got != c.want {
			t.Errorf("timeComment(%d, %d) = %q, want %q", c.sec, c.nsec, got, c.want)
		}
	}
}
