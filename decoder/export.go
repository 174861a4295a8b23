package decoder

// Read-only views of the decoder's declarative tables, for generators that
// translate them into another language (lua/gen writes the Wireshark
// dissector's decode helper from them). Callers must not modify what these
// return: the maps are the decoder's own.

// Descriptions returns the syscall descriptions, keyed by name, shared by
// every arch. Describe gives the one an arch actually uses.
func Descriptions() map[string]*Syscall { return descriptions() }

// Describe returns the description of syscall name as decoded on arch (clone
// differs on CONFIG_CLONE_BACKWARDS arches), or nil when there is none.
func Describe(name string, arch *Arch) *Syscall { return describe(name, arch) }

// Xlats returns every flag and value set, keyed by its name.
func Xlats() map[string]*Xlat { return xlats() }

// XlatEntries returns the entries of x with arch's values applied, in the
// order they are tried.
func XlatEntries(x *Xlat, arch uint32) []Flag { return x.entries(arch) }

// StructTypes returns the names of the structures a Struct kind may name.
func StructTypes() []string {
	names := make([]string, 0, len(structs()))
	for n := range structs() {
		names = append(names, n)
	}
	return names
}
