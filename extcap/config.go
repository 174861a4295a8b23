package extcap

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is a capture's options, read and checked.
type Config struct {
	Argv        []string // program to launch; empty when attaching
	Dir         string   // its working directory
	Env         []string // VAR=VAL (or a bare VAR to remove) edits of its environment
	PIDs        []int    // processes to attach to
	FollowForks bool
	StringLimit int
	// CaptureLength is the most bytes of each string or buffer kept: the
	// capture length option, raised to StringLimit when that is larger.
	CaptureLength int
	// SocketCaptureLength is that of the data read from or written to a
	// socket: the socket capture length option, at least CaptureLength.
	SocketCaptureLength int
	FDPaths             bool
	DetachOnStop        bool
	Output              string // file for the program's stdout and stderr; "" discards them
	DebugFile           string
	// Remote, when set, is the host the capture runs on, over ssh.
	Remote  *Remote
	Ignored []string // values passed but not used, for the log: "process 1234"
}

// ParseConfig reads the options through get, which returns an option's
// value by call and whether it was given; a missing option takes its
// default (tshark does not pass a radio's default, for one). The error
// names the option as the dialog does.
//
// What to trace follows one rule (see targets): a command or processes
// that the caller's command line sets with -o win over the other kind's
// values, which Wireshark may have saved in an earlier session.
func ParseConfig(get func(call string) (string, bool), caller Caller) (*Config, error) {
	value := func(call string) string {
		if v, ok := get(call); ok {
			return v
		}
		return option(call).Default
	}
	c := &Config{Dir: value(optWorkdir), Output: value(optOutput), DebugFile: value(optDebugFile)}
	t := targets(value, caller)
	c.Ignored = t.ignored
	var err error
	if c.Argv, err = SplitWords(t.values[optCommand]); err != nil {
		return nil, optionError(optCommand, err)
	}
	if c.Env, err = SplitWords(value(optEnv)); err != nil {
		return nil, optionError(optEnv, err)
	}
	for _, e := range c.Env {
		if name, _, _ := strings.Cut(e, "="); name == "" {
			return nil, optionError(optEnv, fmt.Errorf("%q has no variable name", e))
		}
	}
	if c.PIDs, err = parsePIDs(t.values[optProcess] + " " + t.values[optPIDs]); err != nil {
		return nil, optionError(optPIDs, err)
	}
	if c.Remote, err = parseRemote(value); err != nil {
		return nil, err
	}
	if c.FollowForks, err = parseBool(value(optFollow)); err != nil {
		return nil, optionError(optFollow, err)
	}
	if c.FDPaths, err = parseBool(value(optFDPaths)); err != nil {
		return nil, optionError(optFDPaths, err)
	}
	if c.StringLimit, err = parseInt(value(optStrLimit), option(optStrLimit).Range); err != nil {
		return nil, optionError(optStrLimit, err)
	}
	if c.CaptureLength, err = parseInt(value(optSnaplen), option(optSnaplen).Range); err != nil {
		return nil, optionError(optSnaplen, err)
	}
	c.CaptureLength = max(c.CaptureLength, c.StringLimit)
	if c.SocketCaptureLength, err = parseInt(value(optSockSnaplen), option(optSockSnaplen).Range); err != nil {
		return nil, optionError(optSockSnaplen, err)
	}
	c.SocketCaptureLength = max(c.SocketCaptureLength, c.CaptureLength)
	switch v := value(optOnStop); v {
	case "", "kill":
	case "detach":
		c.DetachOnStop = true
	default:
		return nil, optionError(optOnStop, fmt.Errorf("%q is neither kill nor detach", v))
	}
	switch {
	case len(c.Argv) == 0 && len(c.PIDs) == 0:
		return nil, nothingToTrace(caller)
	case len(c.Argv) > 0 && len(c.PIDs) > 0:
		return nil, bothTargets(t, caller)
	}
	if c.Remote != nil && !c.FDPaths {
		return nil, optionError(optFDPaths, fmt.Errorf("a remote capture always captures them (the remote record has no switch for it)"))
	}
	// The program is looked up from here, before it moves to its directory
	// (on a remote host, the shell there looks it up after the cd).
	if c.Remote == nil && c.Dir != "" && strings.Contains(c.Argv0(), "/") && !filepath.IsAbs(c.Argv0()) {
		c.Argv[0] = filepath.Join(c.Dir, c.Argv[0])
	}
	return c, nil
}

// Argv0 is the program to launch, or "".
func (c *Config) Argv0() string {
	if len(c.Argv) == 0 {
		return ""
	}
	return c.Argv[0]
}

func option(call string) *Option {
	for i := range Options {
		if Options[i].Call == call {
			return &Options[i]
		}
	}
	panic("extcap: no option " + call) // a typo in this package, caught by every test
}

func optionError(call string, err error) error {
	return fmt.Errorf("%s (%s): %w", option(call).Display, PrefName(call), err)
}

func parsePIDs(s string) ([]int, error) {
	var pids []int
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not a process id", f)
		}
		if !contains(pids, n) {
			pids = append(pids, n)
		}
	}
	return pids, nil
}

func parseBool(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return false, fmt.Errorf("%q is neither true nor false", s)
}

func parseInt(s, bounds string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	lo, hi, _ := strings.Cut(bounds, ",")
	min, _ := strconv.Atoi(lo)
	max, _ := strconv.Atoi(hi)
	if bounds != "" && (n < min || n > max) {
		return 0, fmt.Errorf("%d is outside %d..%d", n, min, max)
	}
	return n, nil
}
