package extcap

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sentence is one line of extcap output as Wireshark's parser
// (extcap_parser.c) splits it: a keyword, then {key=value} parameters.
type sentence struct {
	kind   string
	params map[string]string
}

var sentenceStart = regexp.MustCompile(`^[\t ]*(arg|value|interface|extcap|dlt|control)[\t ]+\{`)

// parseSentences applies Wireshark's rules, strictly: a line must be valid
// UTF-8, start with a known keyword and be made of {key=value} parameters
// only, where a value ends at the first "}" followed by "{", a space or the
// end of the line (Wireshark's lazy match). Anything Wireshark would
// silently skip or cut is an error here.
func parseSentences(out string) ([]sentence, error) {
	var list []sentence
	if out != "" && !strings.HasSuffix(out, "\n") {
		return nil, fmt.Errorf("output does not end with a newline")
	}
	for n, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d is not UTF-8: Wireshark drops it", n+1)
		}
		if strings.Count(line, "{") != strings.Count(line, "}") {
			return nil, fmt.Errorf("line %d has unbalanced braces: %s", n+1, line)
		}
		m := sentenceStart.FindStringSubmatchIndex(line)
		if m == nil {
			return nil, fmt.Errorf("line %d is not a sentence: %s", n+1, line)
		}
		s := sentence{kind: line[m[2]:m[3]], params: map[string]string{}}
		rest := line[m[1]-1:]
		for rest != "" {
			if rest[0] != '{' {
				return nil, fmt.Errorf("line %d: text outside a parameter at %q", n+1, rest)
			}
			eq := strings.IndexByte(rest, '=')
			if eq < 0 || !regexp.MustCompile(`^[a-zA-Z_-]*$`).MatchString(rest[1:eq]) {
				return nil, fmt.Errorf("line %d: bad parameter key in %q", n+1, rest)
			}
			key := strings.ToLower(rest[1:eq])
			end := -1
			for j := eq + 1; j < len(rest); j++ {
				if rest[j] == '}' && (j+1 == len(rest) || rest[j+1] == '{' || rest[j+1] == ' ' || rest[j+1] == '\t') {
					end = j
					break
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("line %d: parameter %s never closes", n+1, key)
			}
			if _, dup := s.params[key]; dup {
				return nil, fmt.Errorf("line %d: parameter %s twice", n+1, key)
			}
			s.params[key] = rest[eq+1 : end]
			rest = rest[end+1:]
		}
		list = append(list, s)
	}
	return list, nil
}

var (
	// Arg types that work on Wireshark 4.0 (editselector, table and
	// configurable break its dialog).
	safeTypes = map[string]bool{"integer": true, "unsigned": true, "long": true, "double": true,
		"string": true, "password": true, "boolean": true, "boolflag": true, "fileselect": true,
		"selector": true, "radio": true, "multicheck": true, "timestamp": true}
	valueTypes = map[string]bool{"selector": true, "radio": true, "multicheck": true}
	callShape  = regexp.MustCompile(`^--[a-z0-9][a-z0-9-]*$`)
)

// checkConfig checks config (and reload) sentences against the rules
// that make Wireshark show every option: each arg has a number, a
// lower-case call, a display and a 4.0-safe type; values name an existing
// arg that takes values; no option is both required and defaulted (4.0
// reopens the dialog forever) or unsaved (tshark could never set it).
func checkConfig(list []sentence, args map[int]sentence) error {
	defaults := map[int]int{}
	for _, s := range list {
		switch s.kind {
		case "arg":
			for _, k := range []string{"number", "call", "display", "type"} {
				if s.params[k] == "" {
					return fmt.Errorf("arg %v lacks %s", s.params, k)
				}
			}
			n, err := strconv.Atoi(s.params["number"])
			if err != nil || n < 0 {
				return fmt.Errorf("arg number %q", s.params["number"])
			}
			if _, dup := args[n]; dup {
				return fmt.Errorf("arg number %d twice", n)
			}
			args[n] = s
			if !callShape.MatchString(s.params["call"]) {
				return fmt.Errorf("call %q is not lower-case --name", s.params["call"])
			}
			if !safeTypes[s.params["type"]] {
				return fmt.Errorf("arg %s: type %q is not safe on Wireshark 4.0", s.params["call"], s.params["type"])
			}
			if _, req := s.params["required"]; req && s.params["default"] != "" {
				return fmt.Errorf("arg %s: required with a default", s.params["call"])
			}
			if s.params["save"] == "false" {
				return fmt.Errorf("arg %s: save=false cannot be set from tshark", s.params["call"])
			}
		case "value":
			n, err := strconv.Atoi(s.params["arg"])
			a, ok := args[n]
			if err != nil || !ok {
				return fmt.Errorf("value %v refers to no arg", s.params)
			}
			if !valueTypes[a.params["type"]] {
				return fmt.Errorf("value %v for arg %s of type %s", s.params, a.params["call"], a.params["type"])
			}
			if _, ok := s.params["value"]; !ok || s.params["display"] == "" {
				return fmt.Errorf("value %v lacks value or display", s.params)
			}
			if s.params["default"] == "true" {
				if defaults[n]++; defaults[n] > 1 {
					return fmt.Errorf("arg %s has two default values", a.params["call"])
				}
			}
		default:
			return fmt.Errorf("%s sentence in config output", s.kind)
		}
	}
	return nil
}
