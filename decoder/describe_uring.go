package decoder

// io_uring's three calls as strace 6.1 prints them (src/io_uring.c). What
// a process submits through its rings, which strace does not show, is in
// uring.go.

func addUringDescriptions(d map[string]*Syscall) {
	// The kernel reads the params at entry and writes them back at exit;
	// strace shows them whole even when the call failed.
	d["io_uring_setup"] = sys(A("entries", Uint{}), A("params", Struct{Type: "io_uring_params"}).OnExit().AsInput()).Returns(FD{})
	d["io_uring_enter"] = sys(A("fd", FD{}), A("to_submit", Uint{}), A("min_complete", Uint{}),
		A("flags", Flags{Set: "uring_enter_flags"}), A("sig", Sigset{SizeArg: 5}), A("sigsz", Ulong{}))
	// The argument by opcode; every opcode strace 6.1 decodes further
	// than an address that is not here prints as its address.
	fdArray := func() Tail {
		return tail(nil, A("arg", Struct{Type: "uring_fds", LenArg: 3}).At(2), A("nr_args", Uint{}))
	}
	d["io_uring_register"] = sys(A("fd", FD{}), A("opcode", Enum{Set: "uring_register_opcodes"})).Switching(&Switch{
		Arg: 1, Set: "uring_register_opcodes",
		Cases: map[string]Tail{
			"IORING_REGISTER_BUFFERS":       tail(nil, A("arg", Struct{Type: "uring_iovecs", LenArg: 3}).At(2), A("nr_args", Uint{})),
			"IORING_REGISTER_FILES":         fdArray(),
			"IORING_REGISTER_EVENTFD":       fdArray(),
			"IORING_REGISTER_EVENTFD_ASYNC": fdArray(),
		},
		Default: tail(nil, A("arg", Ptr{}).At(2), A("nr_args", Uint{})),
	})
}
