package command

import (
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/decoder/filter"
)

// filterFlags are strace's filtering options, shared by record (what the
// capture keeps) and decode (what it prints of a capture).
func filterFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringSliceFlag{Name: "e", Aliases: []string{"expr"}, Usage: "strace filter `EXPR`: trace=SET, status=SET, signal=SET, trace-fds=SET, or a bare syscall SET (repeatable; a later one of a kind replaces an earlier); decode also takes read=SET and write=SET: hex dumps of the data read from or written to descriptors of SET, as far as the capture holds it"},
		&cli.StringSliceFlag{Name: "P", Aliases: []string{"trace-path"}, Usage: "only calls that touch `PATH` by a path or fd argument (repeatable)"},
		&cli.StringFlag{Name: "trace-fds", Usage: "only calls that operate on a descriptor of `SET` (\"3,4\", \"!0,1,2\"), as strace 6.3's --trace-fds; with -P, calls touching either"},
		&cli.BoolFlag{Name: "z", Aliases: []string{"successful-only"}, Usage: "only calls that returned without an error (status=successful)"},
		&cli.BoolFlag{Name: "Z", Aliases: []string{"failed-only"}, Usage: "only calls that returned an error (status=failed)"},
	}
}

// dumps are strace's -e read=SET and -e write=SET, for decoding.
type dumps struct {
	read, write func(fd int32) bool
}

// filterFromFlags builds the filter the flags ask for; nil when they ask
// for nothing, so callers skip filtering altogether. With d set, -e read=
// and -e write= expressions go there instead (decode); without, they are
// refused as any expression the filter does not know.
func filterFromFlags(c *cli.Context, d *dumps) (*filter.Filter, error) {
	exprs, paths := c.StringSlice("e"), c.StringSlice("P")
	if d != nil {
		var rest []string
		for _, e := range exprs {
			kind, has, err := filter.Dump(e)
			switch {
			case err != nil:
				return nil, err
			case kind == "read":
				d.read = has
			case kind == "write":
				d.write = has
			default:
				rest = append(rest, e)
			}
		}
		exprs = rest
	} else {
		for _, e := range exprs {
			if kind, _, _ := filter.Dump(e); kind != "" {
				return nil, fmt.Errorf("-e %s: hex dumps are for decode (stracedump decode -e %s=SET); the capture keeps each call's data up to --snaplen bytes", e, kind)
			}
		}
	}
	if c.IsSet("trace-fds") {
		exprs = append(exprs, "trace-fds="+c.String("trace-fds"))
	}
	if len(exprs) == 0 && len(paths) == 0 && !c.Bool("z") && !c.Bool("Z") {
		return nil, nil
	}
	f, err := filter.Parse(exprs...)
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		if err := f.TracePath(p); err != nil {
			return nil, err
		}
	}
	// strace lets the last of -z and -Z win, with a warning; flags here
	// carry no order, so both is a mistake to point out.
	switch {
	case c.Bool("z") && c.Bool("Z"):
		return nil, errors.New("-z and -Z exclude each other: for both, give -e status=successful,failed")
	case c.Bool("z"):
		f.SuccessfulOnly()
	case c.Bool("Z"):
		f.FailedOnly()
	}
	return f, nil
}
