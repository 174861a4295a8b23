package decoder

// io_uring's three calls as strace 6.1 prints them (src/io_uring.c). What
// a process submits through its rings, which strace does not show, is in
// uring.go.

// describeUring makes the description of name from this file, or returns
// nil.
func describeUring(name string) *Syscall {
	switch name {
	case "io_uring_setup":
		// The kernel reads the params at entry and writes them back at exit;
		// strace shows them whole even when the call failed.
		return sys(A("entries", Uint{}), A("params", Struct{Type: "io_uring_params"}).OnExit().AsInput()).Returns(FD{})
	case "io_uring_enter":
		return sys(A("fd", FD{}), A("to_submit", Uint{}), A("min_complete", Uint{}),
			A("flags", Flags{Set: "uring_enter_flags"}), A("sig", Sigset{SizeArg: 5}), A("sigsz", Ulong{}))
	case "io_uring_register":
		// The argument by opcode. strace 6.1 decodes more of
		// IORING_REGISTER_FILES_UPDATE(2), _PROBE, _RESTRICTIONS, _FILES2,
		// _BUFFERS2, _BUFFERS_UPDATE, _IOWQ_AFF and _IOWQ_MAX_WORKERS, which
		// print as their address here.
		fdArray := func() Tail {
			return tail(nil, A("arg", Struct{Type: "uring_fds", LenArg: 3}).At(2), A("nr_args", Uint{}))
		}
		return sys(A("fd", FD{}), A("opcode", Enum{Set: "uring_register_opcodes"})).Switching(&Switch{
			Arg: 1, Set: "uring_register_opcodes",
			Cases: map[string]Tail{
				"IORING_REGISTER_BUFFERS":       tail(nil, A("arg", Struct{Type: "uring_iovecs", LenArg: 3}).At(2), A("nr_args", Uint{})),
				"IORING_REGISTER_RING_FDS":      tail(nil, A("arg", Struct{Type: "uring_ring_fds", LenArg: 3}).At(2), A("nr_args", Uint{})),
				"IORING_UNREGISTER_RING_FDS":    tail(nil, A("arg", Struct{Type: "uring_ring_fds_off", LenArg: 3}).At(2), A("nr_args", Uint{})),
				"IORING_REGISTER_PBUF_RING":     tail(nil, A("arg", Struct{Type: "io_uring_buf_reg"}).At(2), A("nr_args", Uint{})),
				"IORING_UNREGISTER_PBUF_RING":   tail(nil, A("arg", Struct{Type: "io_uring_buf_reg"}).At(2), A("nr_args", Uint{})),
				"IORING_REGISTER_FILES":         fdArray(),
				"IORING_REGISTER_EVENTFD":       fdArray(),
				"IORING_REGISTER_EVENTFD_ASYNC": fdArray(),
			},
			Default: tail(nil, A("arg", Ptr{}).At(2), A("nr_args", Uint{})),
		})
	}
	return nil
}
