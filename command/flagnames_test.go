package command

import (
	"io"
	"reflect"
	"testing"

	"github.com/urfave/cli/v2"
)

// Every command flag answers Names from its fixed list, and the list is the
// library's own.
func TestFlagsHaveFixedNames(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	var walk func(prefix string, cmds []*cli.Command)
	walk = func(prefix string, cmds []*cli.Command) {
		for _, c := range cmds {
			for _, f := range c.Flags {
				var lib cli.Flag
				switch f := f.(type) {
				case boolFlag:
					lib = f.BoolFlag
				case intFlag:
					lib = f.IntFlag
				case stringFlag:
					lib = f.StringFlag
				case stringSliceFlag:
					lib = f.StringSliceFlag
				default:
					t.Errorf("%s%s: flag %v is a %T, which withFixedNames leaves slow", prefix, c.Name, f.Names(), f)
					continue
				}
				if !reflect.DeepEqual(f.Names(), lib.Names()) {
					t.Errorf("%s%s: names %q, the library says %q", prefix, c.Name, f.Names(), lib.Names())
				}
			}
			walk(prefix+c.Name+" ", c.Subcommands)
		}
	}
	walk("", app.Commands)
}
