package extcap

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Interface is the one interface stracedump offers.
const Interface = "strace"

// DLT is the link type of every packet: Wireshark's Upper PDU, whose
// exported-PDU header names the strace dissector.
const DLT = 252

// WriteInterfaces answers --extcap-interfaces.
func WriteInterfaces(w io.Writer, version, help string) error {
	_, err := fmt.Fprintf(w, "extcap {version=%s}{help=%s}\ninterface {value=%s}{display=System calls (strace)}\n",
		clean(version), clean(help), Interface)
	return err
}

// WriteDLTs answers --extcap-dlts for iface.
func WriteDLTs(w io.Writer, iface string) error {
	if err := checkInterface(iface); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "dlt {number=%d}{name=WIRESHARK_UPPER_PDU}{display=System calls (stracedump records)}\n", DLT)
	return err
}

// WriteConfig answers --extcap-config: one arg sentence per option, then
// its values: the fixed ones, and for the process picker the processes
// list returns, so the picker is filled when the dialog opens (the reload
// button lists them again). Wireshark runs this at every start and for
// every tshark -D: list must be fast and only read.
func WriteConfig(w io.Writer, iface string, list func() ([]Process, error)) error {
	if err := checkInterface(iface); err != nil {
		return err
	}
	var b strings.Builder
	for i, o := range Options {
		fmt.Fprintf(&b, "arg {number=%d}{call=--%s}{display=%s}{type=%s}", i, o.Call, clean(o.Display), o.Type)
		if o.Tooltip != "" {
			fmt.Fprintf(&b, "{tooltip=%s}", clean(o.Tooltip))
		}
		if o.Placeholder != "" {
			fmt.Fprintf(&b, "{placeholder=%s}", clean(o.Placeholder))
		}
		if o.Default != "" {
			fmt.Fprintf(&b, "{default=%s}", clean(o.Default))
		}
		if o.Range != "" {
			fmt.Fprintf(&b, "{range=%s}", o.Range)
		}
		if o.Type == TypeFileSelect {
			b.WriteString("{mustexist=false}")
		}
		if o.Reload {
			b.WriteString("{reload=true}")
		}
		fmt.Fprintf(&b, "{group=%s}\n", clean(o.Group))
		values := o.Values
		if o.Reload {
			var err error
			if values, err = withProcesses(o.Values, list); err != nil {
				return err
			}
		}
		writeValues(&b, i, values)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeValues(b *strings.Builder, arg int, values []Value) {
	for _, v := range values {
		fmt.Fprintf(b, "value {arg=%d}{value=%s}{display=%s}", arg, clean(v.Value), clean(v.Display))
		if v.Default {
			b.WriteString("{default=true}")
		}
		b.WriteByte('\n')
	}
}

// WriteReload answers --extcap-reload-option NAME: the value sentences of
// that option, freshly listed. Only the process selector reloads; any
// other name gets no values.
func WriteReload(w io.Writer, iface, name string, list func() ([]Process, error)) error {
	if err := checkInterface(iface); err != nil {
		return err
	}
	name = strings.TrimLeft(name, "-")
	for i, o := range Options {
		if o.Call != name || !o.Reload {
			continue
		}
		values, err := withProcesses(o.Values, list)
		if err != nil {
			return err
		}
		var b strings.Builder
		writeValues(&b, i, values)
		_, err = io.WriteString(w, b.String())
		return err
	}
	return nil
}

// WriteReloadFailed answers --extcap-reload-option NAME when listing the
// values failed: the picker then offers only its fixed "(none)" entry,
// which says why, since Wireshark shows no error of a reload.
func WriteReloadFailed(w io.Writer, iface, name string, why error) error {
	if err := checkInterface(iface); err != nil {
		return err
	}
	name = strings.TrimLeft(name, "-")
	for i, o := range Options {
		if o.Call != name || !o.Reload {
			continue
		}
		values := append([]Value(nil), o.Values...)
		for j := range values {
			if values[j].Value == "" {
				values[j].Display = fmt.Sprintf("%s %v", values[j].Display, why)
			}
		}
		var b strings.Builder
		writeValues(&b, i, values)
		_, err := io.WriteString(w, b.String())
		return err
	}
	return nil
}

// withProcesses is a picker's fixed values followed by one value per
// process that list returns.
func withProcesses(fixed []Value, list func() ([]Process, error)) ([]Value, error) {
	procs, err := list()
	if err != nil {
		return nil, err
	}
	values := append([]Value(nil), fixed...)
	for _, p := range procs {
		values = append(values, Value{Value: fmt.Sprint(p.PID), Display: p.String()})
	}
	return values, nil
}

func checkInterface(iface string) error {
	if iface != Interface {
		return fmt.Errorf("unknown extcap interface %q (stracedump has %q)", iface, Interface)
	}
	return nil
}

// clean makes s safe inside a sentence's {key=value}. Wireshark splits the
// output into lines, drops a line that is not valid UTF-8, and ends a value
// at the first "}" followed by "{", a space or the line's end, so a "}"
// or "{" in free text (a command line) would cut the sentence short.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '{':
			return '('
		case r == '}':
			return ')'
		case r < ' ' || r == 0x7f:
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

// HelpDir is where install puts the interface's help pages: the user's
// XDG data folder (~/.local/share/doc/stracedump), or for every user
// /usr/local/share/doc/stracedump.
func HelpDir(system bool) string {
	if system {
		return "/usr/local/share/doc/stracedump"
	}
	data := os.Getenv("XDG_DATA_HOME")
	if data == "" {
		home, _ := os.UserHomeDir()
		data = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(data, "doc", "stracedump")
}

// HelpURL is where the interface's help link points: the first help page
// that exists of those install writes (personal, then global), a
// distribution's doc folder and a checkout's docs/ beside the binary.
// Wireshark's Help button says "Extcap Help cannot be found" for a file
// that does not exist, so a URL is only made of one that does; with none
// it is the personal one, which install creates.
func HelpURL(page string) string {
	candidates := []string{
		filepath.Join(HelpDir(false), page),
		filepath.Join(HelpDir(true), page),
		filepath.Join("/usr/share/doc/stracedump", page),
	}
	if exe, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(exe), "docs", page))
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && fi.Mode().IsRegular() {
			if abs, err := filepath.Abs(c); err == nil {
				return "file://" + abs
			}
		}
	}
	return "file://" + candidates[0]
}
