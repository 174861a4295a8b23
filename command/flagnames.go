package command

import "github.com/urfave/cli/v2"

// urfave/cli runs a command by looking each of its flags up by each name
// (runFlagActions, then Context.IsSet), and every lookup walks the
// command's flags asking each for its names, which the library recomputes
// through a regular expression every time: a number of regexp calls that
// grows with the square of the flags, about 0.5 ms at every start of
// `record`. The flags below answer Names from a list made once; everything
// else is the embedded flag's.

type boolFlag struct {
	*cli.BoolFlag
	names []string
}

type intFlag struct {
	*cli.IntFlag
	names []string
}

type stringFlag struct {
	*cli.StringFlag
	names []string
}

type stringSliceFlag struct {
	*cli.StringSliceFlag
	names []string
}

func (f boolFlag) Names() []string        { return f.names }
func (f intFlag) Names() []string         { return f.names }
func (f stringFlag) Names() []string      { return f.names }
func (f stringSliceFlag) Names() []string { return f.names }

// withFixedNames wraps the flags of cmd and its subcommands in the types
// above. A flag of another type stays as it is, slow but correct.
func withFixedNames(cmd *cli.Command) {
	for i, f := range cmd.Flags {
		switch f := f.(type) {
		case *cli.BoolFlag:
			cmd.Flags[i] = boolFlag{f, f.Names()}
		case *cli.IntFlag:
			cmd.Flags[i] = intFlag{f, f.Names()}
		case *cli.StringFlag:
			cmd.Flags[i] = stringFlag{f, f.Names()}
		case *cli.StringSliceFlag:
			cmd.Flags[i] = stringSliceFlag{f, f.Names()}
		}
	}
	for _, sub := range cmd.Subcommands {
		withFixedNames(sub)
	}
}
