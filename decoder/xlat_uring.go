package decoder

// io_uring's flag and value sets, include/uapi/linux/io_uring.h. The sets
// strace 6.1 prints stop where its xlat files stop (newer bits print as
// numbers, as strace's do); uring_ops and uring_cqe_flags name every
// operation and flag the kernel has, for the comment lines of the
// operations a process submits, which strace does not print.
var uringXlats = []*Xlat{
	{Name: "uring_setup_flags", UnknownFlags: "IORING_SETUP_???", Entries: []Flag{
		{1 << 0, "IORING_SETUP_IOPOLL"}, {1 << 1, "IORING_SETUP_SQPOLL"}, {1 << 2, "IORING_SETUP_SQ_AFF"},
		{1 << 3, "IORING_SETUP_CQSIZE"}, {1 << 4, "IORING_SETUP_CLAMP"}, {1 << 5, "IORING_SETUP_ATTACH_WQ"},
		{1 << 6, "IORING_SETUP_R_DISABLED"}, {1 << 7, "IORING_SETUP_SUBMIT_ALL"}, {1 << 8, "IORING_SETUP_COOP_TASKRUN"},
		{1 << 9, "IORING_SETUP_TASKRUN_FLAG"}, {1 << 10, "IORING_SETUP_SQE128"}, {1 << 11, "IORING_SETUP_CQE32"},
	}},
	{Name: "uring_setup_features", UnknownFlags: "IORING_FEAT_???", Entries: []Flag{
		{1 << 0, "IORING_FEAT_SINGLE_MMAP"}, {1 << 1, "IORING_FEAT_NODROP"}, {1 << 2, "IORING_FEAT_SUBMIT_STABLE"},
		{1 << 3, "IORING_FEAT_RW_CUR_POS"}, {1 << 4, "IORING_FEAT_CUR_PERSONALITY"}, {1 << 5, "IORING_FEAT_FAST_POLL"},
		{1 << 6, "IORING_FEAT_POLL_32BITS"}, {1 << 7, "IORING_FEAT_SQPOLL_NONFIXED"}, {1 << 8, "IORING_FEAT_EXT_ARG"},
		{1 << 9, "IORING_FEAT_NATIVE_WORKERS"}, {1 << 10, "IORING_FEAT_RSRC_TAGS"}, {1 << 11, "IORING_FEAT_CQE_SKIP"},
		{1 << 12, "IORING_FEAT_LINKED_FILE"},
	}},
	{Name: "uring_enter_flags", UnknownFlags: "IORING_ENTER_???", Entries: []Flag{
		{1 << 0, "IORING_ENTER_GETEVENTS"}, {1 << 1, "IORING_ENTER_SQ_WAKEUP"}, {1 << 2, "IORING_ENTER_SQ_WAIT"},
		{1 << 3, "IORING_ENTER_EXT_ARG"}, {1 << 4, "IORING_ENTER_REGISTERED_RING"},
	}},
	{Name: "uring_register_opcodes", Unknown: "IORING_REGISTER_???", Entries: []Flag{
		{0, "IORING_REGISTER_BUFFERS"}, {1, "IORING_UNREGISTER_BUFFERS"}, {2, "IORING_REGISTER_FILES"},
		{3, "IORING_UNREGISTER_FILES"}, {4, "IORING_REGISTER_EVENTFD"}, {5, "IORING_UNREGISTER_EVENTFD"},
		{6, "IORING_REGISTER_FILES_UPDATE"}, {7, "IORING_REGISTER_EVENTFD_ASYNC"}, {8, "IORING_REGISTER_PROBE"},
		{9, "IORING_REGISTER_PERSONALITY"}, {10, "IORING_UNREGISTER_PERSONALITY"}, {11, "IORING_REGISTER_RESTRICTIONS"},
		{12, "IORING_REGISTER_ENABLE_RINGS"}, {13, "IORING_REGISTER_FILES2"}, {14, "IORING_REGISTER_FILES_UPDATE2"},
		{15, "IORING_REGISTER_BUFFERS2"}, {16, "IORING_REGISTER_BUFFERS_UPDATE"}, {17, "IORING_REGISTER_IOWQ_AFF"},
		{18, "IORING_UNREGISTER_IOWQ_AFF"}, {19, "IORING_REGISTER_IOWQ_MAX_WORKERS"}, {20, "IORING_REGISTER_RING_FDS"},
		{21, "IORING_UNREGISTER_RING_FDS"}, {22, "IORING_REGISTER_PBUF_RING"}, {23, "IORING_UNREGISTER_PBUF_RING"},
	}},
	// enum io_uring_op, as the kernel's io_uring_get_opcode names them
	// (without IORING_OP_): the comment lines print these.
	{Name: "uring_ops", Entries: []Flag{
		{0, "NOP"}, {1, "READV"}, {2, "WRITEV"}, {3, "FSYNC"}, {4, "READ_FIXED"}, {5, "WRITE_FIXED"},
		{6, "POLL_ADD"}, {7, "POLL_REMOVE"}, {8, "SYNC_FILE_RANGE"}, {9, "SENDMSG"}, {10, "RECVMSG"},
		{11, "TIMEOUT"}, {12, "TIMEOUT_REMOVE"}, {13, "ACCEPT"}, {14, "ASYNC_CANCEL"}, {15, "LINK_TIMEOUT"},
		{16, "CONNECT"}, {17, "FALLOCATE"}, {18, "OPENAT"}, {19, "CLOSE"}, {20, "FILES_UPDATE"},
		{21, "STATX"}, {22, "READ"}, {23, "WRITE"}, {24, "FADVISE"}, {25, "MADVISE"}, {26, "SEND"},
		{27, "RECV"}, {28, "OPENAT2"}, {29, "EPOLL_CTL"}, {30, "SPLICE"}, {31, "PROVIDE_BUFFERS"},
		{32, "REMOVE_BUFFERS"}, {33, "TEE"}, {34, "SHUTDOWN"}, {35, "RENAMEAT"}, {36, "UNLINKAT"},
		{37, "MKDIRAT"}, {38, "SYMLINKAT"}, {39, "LINKAT"}, {40, "MSG_RING"}, {41, "FSETXATTR"},
		{42, "SETXATTR"}, {43, "FGETXATTR"}, {44, "GETXATTR"}, {45, "SOCKET"}, {46, "URING_CMD"},
		{47, "SEND_ZC"}, {48, "SENDMSG_ZC"}, {49, "READ_MULTISHOT"}, {50, "WAITID"}, {51, "FUTEX_WAIT"},
		{52, "FUTEX_WAKE"}, {53, "FUTEX_WAITV"}, {54, "FIXED_FD_INSTALL"}, {55, "FTRUNCATE"}, {56, "BIND"},
		{57, "LISTEN"}, {58, "RECV_ZC"}, {59, "EPOLL_WAIT"}, {60, "READV_FIXED"}, {61, "WRITEV_FIXED"},
		{62, "PIPE"},
	}},
	{Name: "uring_sqe_flags", Entries: []Flag{
		{1 << 0, "IOSQE_FIXED_FILE"}, {1 << 1, "IOSQE_IO_DRAIN"}, {1 << 2, "IOSQE_IO_LINK"},
		{1 << 3, "IOSQE_IO_HARDLINK"}, {1 << 4, "IOSQE_ASYNC"}, {1 << 5, "IOSQE_BUFFER_SELECT"},
		{1 << 6, "IOSQE_CQE_SKIP_SUCCESS"},
	}},
	{Name: "uring_cqe_flags", Entries: []Flag{
		{1 << 0, "IORING_CQE_F_BUFFER"}, {1 << 1, "IORING_CQE_F_MORE"}, {1 << 2, "IORING_CQE_F_SOCK_NONEMPTY"},
		{1 << 3, "IORING_CQE_F_NOTIF"}, {1 << 4, "IORING_CQE_F_BUF_MORE"},
	}},
}
