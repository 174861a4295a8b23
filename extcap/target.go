package extcap

import (
	"errors"
	"fmt"
	"strings"
)

// The options that say what to trace: a command to launch (Program tab),
// or processes to attach to (Attach tab: the picker and the typed ids).
var (
	launchCalls = []string{optCommand}
	attachCalls = []string{optProcess, optPIDs}
)

// target is what to trace, once the rule below has picked.
type target struct {
	values   map[string]string // the value of each target option in use; "" when not
	explicit bool              // chosen on the caller's command line
	ignored  []string
}

// targets applies the rule for what to trace. Wireshark passes every
// option's value, and with "Save parameters on capture start" (ticked by
// default) that includes values saved in an earlier session: after one
// attach from the dialog, every later run passes that process too. So:
//
//   - A command, or processes, set with -o on Wireshark's or tshark's
//     command line win: the other kind's values are not used, and neither
//     are other attach values (a saved picker entry beside -o pids). An
//     -o value that the user has since changed in the dialog is not
//     passed any more, and no longer counts.
//   - Otherwise the values are used as given; both kinds at once is an
//     error that names them.
func targets(value func(string) string, caller Caller) target {
	t := target{values: map[string]string{}}
	for _, call := range append(launchCalls, attachCalls...) {
		t.values[call] = value(call)
	}
	// A value is the command line's while it is the one passed: a field
	// changed in the dialog since is the user's latest word.
	explicit := func(calls []string) bool {
		for _, call := range calls {
			v, ok := caller.Set[call]
			if v = strings.TrimSpace(v); ok && v != "" && v == strings.TrimSpace(t.values[call]) {
				return true
			}
		}
		return false
	}
	launch, attach := explicit(launchCalls), explicit(attachCalls)
	if launch == attach {
		t.explicit = launch
		return t // neither chosen on the command line, or both: as given
	}
	t.explicit = true
	for _, call := range append(launchCalls, attachCalls...) {
		if _, set := caller.Set[call]; set {
			continue
		}
		if v := strings.TrimSpace(t.values[call]); v != "" {
			t.ignored = append(t.ignored, fmt.Sprintf("%s %q", call, v))
		}
		t.values[call] = ""
	}
	return t
}

// nothingToTrace says what to fill in, in the words of where the user is.
func nothingToTrace(caller Caller) error {
	switch caller.Name {
	case "wireshark":
		return errors.New("nothing to trace: in the strace interface's options (the gear next to strace), " +
			"type a Command in the Program tab, or pick a Process or type Process IDs in the Attach tab")
	case "tshark":
		return errors.New("nothing to trace: give a command to launch (-o 'extcap.strace.command:ls -l /') " +
			"or processes to attach to (-o extcap.strace.pids:1234)")
	}
	return errors.New("nothing to trace: give a command to launch (--command 'ls -l /') or processes to attach to (--pids 1234)")
}

// bothTargets names the command and the processes given together, and
// how to keep only one.
func bothTargets(t target, caller Caller) error {
	var set, clear []string
	for _, call := range append(launchCalls, attachCalls...) {
		v := strings.TrimSpace(t.values[call])
		if v == "" {
			continue
		}
		o := option(call)
		switch caller.Name {
		case "wireshark":
			set = append(set, fmt.Sprintf("%s %q (%s tab)", o.Display, v, o.Group))
		case "tshark":
			set = append(set, fmt.Sprintf("extcap.%s %q", PrefName(call), v))
			clear = append(clear, "-o extcap."+PrefName(call)+":")
		default:
			set = append(set, fmt.Sprintf("--%s %q", call, v))
		}
	}
	given := strings.Join(set, ", ")
	switch {
	case t.explicit:
		return fmt.Errorf("both a command to launch and processes to attach to are set with -o (%s): give only one", given)
	case caller.Name == "wireshark":
		return fmt.Errorf("both a command to launch and processes to attach to are set: %s. "+
			"Clear the one you do not want in the strace interface's options (the gear next to strace); "+
			"Wireshark keeps these fields from earlier captures", given)
	case caller.Name == "tshark":
		return fmt.Errorf("both a command to launch and processes to attach to are set (%s), "+
			"probably saved by Wireshark's capture options: give the one you want with -o, which then wins, "+
			"or clear the other with an empty value (%s)", given, strings.Join(clear, " or "))
	}
	return fmt.Errorf("give a command to launch or processes to attach to, not both (%s)", given)
}
