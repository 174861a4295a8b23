package extcap

import (
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/stracedump/stracedump/decoder"
)

// Type is an extcap argument type. Only the types Wireshark 4.0 handles are
// declared: editselector, table and configurable break its dialog there.
type Type string

// The argument types in use.
const (
	TypeString     Type = "string"
	TypeInteger    Type = "integer"
	TypeBoolean    Type = "boolean" // passed as "--call true" or "--call false"
	TypeSelector   Type = "selector"
	TypeRadio      Type = "radio"
	TypeFileSelect Type = "fileselect"
)

// Option is one capture option: a field of Wireshark's interface dialog, a
// preference tshark sets with -o, and a flag of stracedump.
type Option struct {
	Call        string // the flag without "--": lower case, so its preference name is predictable
	Display     string
	Tooltip     string
	Placeholder string
	Group       string // the dialog tab
	Type        Type
	Default     string // as passed on the command line; "" for none
	Range       string // "min,max" for integers
	Reload      bool   // a selector whose values come from --extcap-reload-option
	Values      []Value
}

// Value is one fixed choice of a selector or radio option.
type Value struct {
	Value, Display string
	Default        bool
}

// Option calls, named once for the code that reads them.
const (
	optCommand     = "command"
	optWorkdir     = "workdir"
	optEnv         = "env"
	optProcess     = "process"
	optPIDs        = "pids"
	optFollow      = "follow"
	optStrLimit    = "strlimit"
	optSnaplen     = "snaplen"
	optSockSnaplen = "socksnaplen"
	optFDPaths     = "fdpaths"
	optOnStop      = "onstop"
	optOutput      = "output"
	optRemoteHost  = "remote-host"
	optRemotePort  = "remote-port"
	optRemoteKey   = "remote-key"
	optRemotePath  = "remote-path"
	optDebugFile   = "debug-file"
)

// OptionProcess is the process picker, the option whose values reload.
const OptionProcess = optProcess

// Options are the capture options in the order Wireshark shows and passes
// them; an option's index is its extcap arg number. Calls have no dashes
// where it can be helped: tshark's preference name drops them
// (-o extcap.strace.debugfile:...), see PrefName.
var Options = []Option{
	{Call: optCommand, Display: "Command", Group: "Program", Type: TypeString,
		Placeholder: "ls -l /tmp",
		Tooltip:     "Program to launch and trace, with its arguments; quotes and backslashes group words as in a shell, but no shell runs it"},
	{Call: optWorkdir, Display: "Working directory", Group: "Program", Type: TypeString,
		Tooltip: "Directory the program starts in; empty: the one Wireshark runs in"},
	{Call: optEnv, Display: "Environment", Group: "Program", Type: TypeString,
		Placeholder: "LANG=C TZ=UTC",
		Tooltip:     "VAR=VAL words added to the program's environment (a bare VAR removes it); quoted like the command"},
	{Call: optProcess, Display: "Process", Group: "Attach", Type: TypeSelector, Reload: true,
		Tooltip: "Running process to attach to, with all its threads: your processes as the dialog opened; reload lists them again",
		Values:  []Value{{Value: "", Display: "(none)", Default: true}}},
	{Call: optPIDs, Display: "Process IDs", Group: "Attach", Type: TypeString,
		Placeholder: "1234, 5678",
		Tooltip:     "Process IDs to attach to, separated by commas or spaces"},
	{Call: optFollow, Display: "Follow forks", Group: "Options", Type: TypeBoolean, Default: "true",
		Tooltip: "Also trace the children and threads the traced processes create (strace -f)"},
	{Call: optStrLimit, Display: "String limit", Group: "Options", Type: TypeInteger, Default: "32", Range: "1,1048576",
		Tooltip: "Bytes of each string or buffer the Info column shows (strace -s)"},
	{Call: optSnaplen, Display: "Capture length", Group: "Options", Type: TypeInteger, Default: strconv.Itoa(decoder.DefaultCaptureLength), Range: "1,1048576",
		Tooltip: "Bytes of each string or buffer to keep (at least the string limit): what the data fields and a later 'stracedump decode -s' can show"},
	{Call: optSockSnaplen, Display: "Socket capture length", Group: "Options", Type: TypeInteger, Default: strconv.Itoa(decoder.DefaultSocketCaptureLength), Range: "1,1048576",
		Tooltip: "Bytes of the data read from or written to a socket to keep (at least the capture length)"},
	{Call: optFDPaths, Display: "File descriptor paths", Group: "Options", Type: TypeBoolean, Default: "true",
		Tooltip: "Capture the file or socket behind each file descriptor (strace -yy)"},
	{Call: optOnStop, Display: "When the capture stops", Group: "Options", Type: TypeRadio,
		Tooltip: "What happens to a launched program when the capture stops; attached processes are always let go unharmed",
		Values: []Value{
			{Value: "kill", Display: "Kill the launched program", Default: true},
			{Value: "detach", Display: "Let the launched program run on"},
		}},
	{Call: optOutput, Display: "Program output", Group: "Options", Type: TypeFileSelect,
		Tooltip: "File that receives the launched program's stdout and stderr; empty discards them"},
	{Call: optRemoteHost, Display: "Remote host", Group: "Remote", Type: TypeString,
		Placeholder: "user@web1",
		Tooltip:     "Trace on this host instead, through the system ssh client (BatchMode: keys only, the host key already known); the Attach tab's reload lists its processes; empty: this machine"},
	{Call: optRemotePort, Display: "SSH port", Group: "Remote", Type: TypeString,
		Placeholder: "22",
		Tooltip:     "Port of the remote host's SSH server; empty: ssh's default (22, or ~/.ssh/config)"},
	{Call: optRemoteKey, Display: "Identity file", Group: "Remote", Type: TypeFileSelect,
		Tooltip: "Private key ssh logs in with (ssh -i); empty: ssh's defaults and agent"},
	{Call: optRemotePath, Display: "Remote stracedump", Group: "Remote", Type: TypeString, Default: "stracedump",
		Tooltip: "stracedump on the remote host: a command on its PATH or an absolute path"},
	{Call: optDebugFile, Display: "Log file", Group: "Debug", Type: TypeFileSelect,
		Tooltip: "File stracedump writes a log of the capture to; empty: no log"},
}

// PrefName is the tshark preference that sets option call:
// "-o extcap.strace.NAME:VALUE". Wireshark 4.0 drops the dashes of a call
// (checked: --string-limit became extcap.IFACE.stringlimit).
func PrefName(call string) string {
	return Interface + "." + strings.ReplaceAll(strings.ToLower(call), "-", "")
}

// Protocol flags: what Wireshark itself passes. These and the options are
// all declared because urfave/cli aborts on an undeclared flag; newer
// Wireshark versions may pass more --extcap-* flags, which StripUnknown
// removes before parsing.
const (
	FlagInterfaces    = "extcap-interfaces"
	FlagVersion       = "extcap-version"
	FlagInterface     = "extcap-interface"
	FlagDLTs          = "extcap-dlts"
	FlagConfig        = "extcap-config"
	FlagReloadOption  = "extcap-reload-option"
	FlagCaptureFilter = "extcap-capture-filter"
	FlagCapture       = "capture"
	FlagFIFO          = "fifo"
	FlagControlIn     = "extcap-control-in"
	FlagControlOut    = "extcap-control-out"
	FlagCleanup       = "extcap-cleanup-postkill"
	FlagDebug         = "debug"
)

const flagCategory = "Wireshark extcap (see docs/extcap.md)"

// Flags returns the command-line flags of every protocol call and option.
// Option values are all strings, parsed by ParseConfig, so that a boolean
// passed as "--follow false" keeps its value and every bad value gets the
// same kind of message.
func Flags() []cli.Flag {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: FlagInterfaces, Usage: "extcap: list the interfaces"},
		&cli.StringFlag{Name: FlagVersion, Usage: "extcap: the calling Wireshark's `VERSION`"},
		&cli.StringFlag{Name: FlagInterface, Usage: "extcap: the interface (strace)"},
		&cli.BoolFlag{Name: FlagDLTs, Usage: "extcap: list the link types of --extcap-interface"},
		&cli.BoolFlag{Name: FlagConfig, Usage: "extcap: describe the options of --extcap-interface"},
		&cli.StringFlag{Name: FlagReloadOption, Usage: "extcap: list the values of option `NAME` again"},
		&cli.StringFlag{Name: FlagCaptureFilter, Usage: "extcap: strace filter `EXPR` as after -e (trace=%file,connect, status=failed, a bare syscall list; several separated by spaces); alone, only validates it"},
		&cli.BoolFlag{Name: FlagCapture, Usage: "extcap: capture into --fifo"},
		&cli.StringFlag{Name: FlagFIFO, Usage: "extcap: write the capture to `PATH`"},
		&cli.StringFlag{Name: FlagControlIn, Hidden: true},
		&cli.StringFlag{Name: FlagControlOut, Hidden: true},
		&cli.BoolFlag{Name: FlagCleanup, Hidden: true},
		&cli.BoolFlag{Name: FlagDebug, Usage: "extcap: write a log (to --debug-file, else to stracedump/extcap.log in the user cache directory)"},
	}
	for _, o := range Options {
		flags = append(flags, &cli.StringFlag{Name: o.Call, Usage: o.Display + " (" + o.Tooltip + ")"})
	}
	for _, f := range flags {
		switch f := f.(type) {
		case *cli.BoolFlag:
			f.Category = flagCategory
		case *cli.StringFlag:
			f.Category = flagCategory
		}
	}
	return flags
}

// StripUnknown removes the --extcap-* options this version does not know
// from args, with their value when one follows as a separate word. The
// value of a known option is never taken for an option.
func StripUnknown(args []string) []string {
	known := map[string]bool{} // name: takes a value
	for _, f := range Flags() {
		_, isBool := f.(*cli.BoolFlag)
		for _, n := range f.Names() {
			known[n] = !isBool
		}
	}
	out := args[:0:0]
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i:]...)
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		takesValue, isKnown := known[name]
		switch {
		case !strings.HasPrefix(a, "-"):
			out = append(out, a)
		case isKnown || !strings.HasPrefix(a, "--extcap-"):
			out = append(out, a)
			if isKnown && takesValue && !hasValue && i+1 < len(args) {
				i++
				out = append(out, args[i])
			}
		case !hasValue && i+1 < len(args) && !strings.HasPrefix(args[i+1], "-"):
			i++ // the unknown option's value
		}
	}
	return out
}
