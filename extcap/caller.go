package extcap

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Caller is the program that runs the extcap, as its command line tells:
// Wireshark and tshark start their extcaps themselves, so the parent
// process is the one the user typed.
//
// It answers a question the arguments cannot: Wireshark passes every
// option's value, whether the user gave it on the command line with -o,
// typed it in the capture options dialog, or Wireshark saved it in the
// profile ("Save parameters on capture start") in some earlier session.
type Caller struct {
	// Name is "wireshark" or "tshark"; "" when stracedump runs by hand
	// or from another program.
	Name string
	// Set holds the options the caller's command line sets with
	// -o extcap.strace.NAME:VALUE, by call, with their value.
	Set map[string]string
}

// GUI reports whether the user is in Wireshark's window, where options
// are the capture dialog's fields.
func (c Caller) GUI() bool { return c.Name == "wireshark" }

// ParseCaller reads a caller's argv. Wireshark and tshark take "-o
// PREF:VALUE" and "-oPREF:VALUE"; preference names are compared without
// case, as Wireshark does.
func ParseCaller(argv []string) Caller {
	var c Caller
	if len(argv) == 0 {
		return c
	}
	switch name := filepath.Base(argv[0]); {
	case strings.HasPrefix(name, "wireshark"): // wireshark, wireshark-qt
		c.Name = "wireshark"
	case name == "tshark":
		c.Name = "tshark"
	default:
		return c // not a Wireshark: its -o means something else
	}
	byPref := map[string]string{}
	for _, o := range Options {
		byPref["extcap."+PrefName(o.Call)] = o.Call
	}
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		var pref string
		switch {
		case a == "--":
			return c
		case a == "-o" && i+1 < len(argv):
			i++
			pref = argv[i]
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			pref = a[2:]
		default:
			continue
		}
		name, value, ok := strings.Cut(pref, ":")
		if call, known := byPref[strings.ToLower(strings.TrimSpace(name))]; ok && known {
			if c.Set == nil {
				c.Set = map[string]string{}
			}
			c.Set[call] = value // the last -o of a preference wins, as in Wireshark
		}
	}
	return c
}

// ParentCaller is the Caller of this process: its parent, read from
// /proc. A parent that cannot be read is no Wireshark.
func ParentCaller() Caller {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(os.Getppid()), "cmdline"))
	if err != nil {
		return Caller{}
	}
	return ParseCaller(strings.Split(strings.TrimSuffix(string(b), "\x00"), "\x00"))
}
