package decoder

// The structures the renderers read, in the notation of layoutDecl: the
// members and types of the header each names (include/uapi/... in the
// kernel tree), which TestLayoutsMatchC compiles. __kernel_long_t is long,
// __kernel_ulong_t and __kernel_size_t are ulong, pointers are ptr.

var (
	archX86_64  = []uint32{AuditArchX86_64}
	archI386    = []uint32{AuditArchI386}
	archAarch64 = []uint32{AuditArchAarch64}
)

var layoutDecls = []*layoutDecl{
	// The stat family.

	// arch/x86/include/uapi/asm/stat.h, x86_64.
	{name: "stat", c: "struct stat", header: "asm/stat.h", arches: archX86_64, decl: `
		ulong st_dev, st_ino, st_nlink; u32 st_mode, st_uid, st_gid, __pad0;
		ulong st_rdev; long st_size, st_blksize, st_blocks;
		ulong st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
		long __unused[3]`},
	// The same header for i386: the old 32-bit stat, with 16-bit ids.
	{name: "stat", c: "struct stat", header: "asm/stat.h", arches: archI386, decl: `
		ulong st_dev, st_ino; u16 st_mode, st_nlink, st_uid, st_gid;
		ulong st_rdev, st_size, st_blksize, st_blocks;
		ulong st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
		ulong __unused4, __unused5`},
	// include/uapi/asm-generic/stat.h, which arm64 uses.
	{name: "stat", c: "struct stat", header: "asm-generic/stat.h", arches: archAarch64, decl: `
		ulong st_dev, st_ino; u32 st_mode, st_nlink, st_uid, st_gid;
		ulong st_rdev, __pad1; long st_size; s32 st_blksize, __pad2; long st_blocks;
		long st_atime; ulong st_atime_nsec; long st_mtime; ulong st_mtime_nsec;
		long st_ctime; ulong st_ctime_nsec; u32 __unused4, __unused5`},
	// arch/x86/include/uapi/asm/stat.h, i386: 64-bit sizes and inodes,
	// 64-bit integers 4-aligned, st_ino again at the end.
	{name: "stat64", c: "struct stat64", header: "asm/stat.h", arches: archI386, decl: `
		u64 st_dev; u8 __pad0[4]; ulong __st_ino; u32 st_mode, st_nlink; ulong st_uid, st_gid;
		u64 st_rdev; u8 __pad3[4]; s64 st_size; ulong st_blksize; u64 st_blocks;
		ulong st_atime, st_atime_nsec, st_mtime; u32 st_mtime_nsec; ulong st_ctime, st_ctime_nsec;
		u64 st_ino`},
	// arch/x86/include/uapi/asm/stat.h: what oldstat fills, times in
	// seconds only.
	{name: "__old_kernel_stat", c: "struct __old_kernel_stat", header: "asm/stat.h", arches: archI386, decl: `
		u16 st_dev, st_ino, st_mode, st_nlink, st_uid, st_gid, st_rdev;
		ulong st_size, st_atime, st_mtime, st_ctime`},
	// include/uapi/linux/stat.h, the same on every arch.
	{name: "statx_timestamp", c: "struct statx_timestamp", header: "linux/stat.h", decl: `
		s64 tv_sec; u32 tv_nsec; s32 __reserved`},
	{name: "statx", c: "struct statx", header: "linux/stat.h", decl: `
		u32 stx_mask, stx_blksize; u64 stx_attributes; u32 stx_nlink, stx_uid, stx_gid;
		u16 stx_mode, __spare0[1]; u64 stx_ino, stx_size, stx_blocks, stx_attributes_mask;
		struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
		u32 stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
		u64 stx_mnt_id; u32 stx_dio_mem_align, stx_dio_offset_align; u64 __spare3[12]`},
	// include/uapi/asm-generic/statfs.h (x86 and arm64 alike);
	// __kernel_fsid_t is two ints.
	{name: "__kernel_fsid_t", c: "__kernel_fsid_t", header: "asm/statfs.h", decl: `s32 val[2]`},
	{name: "statfs", c: "struct statfs", header: "asm/statfs.h", decl: `
		statfs_word f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
		struct __kernel_fsid_t f_fsid; statfs_word f_namelen, f_frsize, f_flags, f_spare[4]`},
	// What i386's statfs64 and fstatfs64 fill (x86's asm/statfs.h packs
	// it to 4 bytes, as i386 aligns its 64-bit members anyway).
	{name: "statfs64", c: "struct statfs64", header: "asm/statfs.h", arches: archI386, decl: `
		statfs_word f_type, f_bsize; u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
		struct __kernel_fsid_t f_fsid; statfs_word f_namelen, f_frsize, f_flags, f_spare[4]`},

	// Time structures. include/uapi/linux/time.h: the old ones, in words.
	{name: "timespec", c: "struct timespec", header: "linux/time.h", decl: `long tv_sec, tv_nsec`},
	{name: "timeval", c: "struct timeval", header: "linux/time.h", decl: `long tv_sec, tv_usec`},
	{name: "itimerspec", c: "struct itimerspec", header: "linux/time.h", decl: `struct timespec it_interval, it_value`},
	{name: "itimerval", c: "struct itimerval", header: "linux/time.h", decl: `struct timeval it_interval, it_value`},
	// include/uapi/linux/time_types.h: 64-bit times on every arch.
	{name: "__kernel_timespec", c: "struct __kernel_timespec", header: "linux/time_types.h", decl: `s64 tv_sec, tv_nsec`},
	// include/uapi/linux/resource.h; its timevals are __kernel_old_timeval,
	// laid out as timeval.
	{name: "rusage", c: "struct rusage", header: "linux/resource.h", decl: `
		struct timeval ru_utime, ru_stime;
		long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap,
		ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw`},
	// include/uapi/linux/times.h: clock_t is __kernel_clock_t, a long.
	{name: "tms", c: "struct tms", header: "linux/times.h", decl: `long tms_utime, tms_stime, tms_cutime, tms_cstime`},

	// Resource limits: include/uapi/linux/resource.h.
	{name: "rlimit", c: "struct rlimit", header: "linux/resource.h", decl: `ulong rlim_cur, rlim_max`},
	{name: "rlimit64", c: "struct rlimit64", header: "linux/resource.h", decl: `u64 rlim_cur, rlim_max`},

	// Signals. rt_sigaction takes the kernel's struct sigaction
	// (include/linux/signal_types.h), whose mask follows the restorer on
	// every arch; x86_64's UAPI header declares the same.
	{name: "sigaction", c: "struct sigaction", header: "asm/signal.h", arches: []uint32{AuditArchX86_64, AuditArchI386},
		noCheck: map[uint32]string{AuditArchI386: "the i386 UAPI header declares old_sigaction's layout, not rt_sigaction's"},
		decl:    `ptr sa_handler; ulong sa_flags; ptr sa_restorer; sigset sa_mask`},
	// arm64 defines SA_RESTORER, then takes include/uapi/asm-generic/signal.h.
	{name: "sigaction", c: "struct sigaction", header: "asm-generic/signal.h", pre: "#define SA_RESTORER 0x04000000",
		arches: archAarch64, decl: `ptr sa_handler; ulong sa_flags; ptr sa_restorer; sigset sa_mask`},
	{name: "stack_t", c: "stack_t", header: "asm/signal.h", arches: []uint32{AuditArchX86_64, AuditArchI386},
		decl: `ptr ss_sp; s32 ss_flags; ulong ss_size`},
	{name: "stack_t", c: "stack_t", header: "asm-generic/signal.h", arches: archAarch64,
		decl: `ptr ss_sp; s32 ss_flags; ulong ss_size`},

	// System information: include/uapi/linux/utsname.h, sysinfo.h.
	{name: "new_utsname", c: "struct new_utsname", header: "linux/utsname.h",
		decl: `char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65]`},
	{name: "sysinfo", c: "struct sysinfo", header: "linux/sysinfo.h", decl: `
		long uptime; ulong loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
		u16 procs, pad; ulong totalhigh, freehigh; u32 mem_unit; char _f[20-2*W-4]`},

	// Vectored I/O and messages. include/uapi/linux/uio.h.
	{name: "iovec", c: "struct iovec", header: "linux/uio.h", decl: `ptr iov_base; ulong iov_len`},
	// The kernel's user_msghdr (include/linux/socket.h) is not in the UAPI
	// headers; glibc's struct msghdr has its layout, with an unsigned
	// msg_namelen and a signed msg_flags where the kernel has them the
	// other way round.
	{name: "msghdr", c: "struct msghdr", header: "sys/socket.h", decl: `
		ptr msg_name; u32 msg_namelen; ptr msg_iov; ulong msg_iovlen; ptr msg_control; ulong msg_controllen;
		s32 msg_flags`},
	{name: "mmsghdr", c: "struct mmsghdr", header: "sys/socket.h", pre: "#define _GNU_SOURCE",
		decl: `struct msghdr msg_hdr; u32 msg_len`},
	{name: "cmsghdr", c: "struct cmsghdr", header: "sys/socket.h", decl: `ulong cmsg_len; s32 cmsg_level, cmsg_type`},

	// Polling: include/uapi/asm-generic/poll.h, linux/eventpoll.h (packed
	// on x86_64; i386 aligns its __u64 to 4, to the same effect).
	{name: "pollfd", c: "struct pollfd", header: "asm/poll.h", decl: `s32 fd; s16 events, revents`},
	{name: "epoll_event", c: "struct epoll_event", header: "linux/eventpoll.h", packed: archX86_64,
		noCheck: map[uint32]string{AuditArchAarch64: "EPOLL_PACKED follows the compiling arch, and the x86_64 host packs it"},
		decl:    `u32 events; u64 data`},

	// Socket addresses: glibc's sys/socket.h (struct sockaddr), then
	// include/uapi/linux/in.h, in6.h, un.h, netlink.h.
	{name: "sockaddr", c: "struct sockaddr", header: "sys/socket.h", decl: `u16 sa_family; char sa_data[14]`},
	{name: "in_addr", c: "struct in_addr", header: "linux/in.h", decl: `be32 s_addr`},
	{name: "sockaddr_in", c: "struct sockaddr_in", header: "linux/in.h",
		decl: `u16 sin_family; be16 sin_port; struct in_addr sin_addr; u8 __pad[8]`},
	{name: "sockaddr_in6", c: "struct sockaddr_in6", header: "linux/in6.h",
		decl: `u16 sin6_family; be16 sin6_port; be32 sin6_flowinfo; in6_addr sin6_addr; u32 sin6_scope_id`},
	{name: "sockaddr_un", c: "struct sockaddr_un", header: "linux/un.h", decl: `u16 sun_family; char sun_path[108]`},
	{name: "sockaddr_nl", c: "struct sockaddr_nl", header: "linux/netlink.h", decl: `u16 nl_family, nl_pad; u32 nl_pid, nl_groups`},

	// Network interfaces: glibc's net/if.h. struct ifreq is a name and a
	// union whose largest member is struct ifmap; every other member
	// (an address, flags, an int, a name) starts where ifr_map does.
	{name: "ifmap", c: "struct ifmap", header: "net/if.h", decl: `ulong mem_start, mem_end; u16 base_addr; u8 irq, dma, port`},
	{name: "ifreq", c: "struct ifreq", header: "net/if.h", decl: `char ifr_name[16]; struct ifmap ifr_map`},
	{name: "ifconf", c: "struct ifconf", header: "net/if.h", decl: `s32 ifc_len; ptr ifc_buf`},

	// Loop devices: include/uapi/linux/loop.h, the same on every arch.
	{name: "loop_info64", c: "struct loop_info64", header: "linux/loop.h", decl: `
		u64 lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
		u32 lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
		char lo_file_name[64], lo_crypt_name[64], lo_encrypt_key[32]; u64 lo_init[2]`},
	{name: "loop_config", c: "struct loop_config", header: "linux/loop.h", decl: `
		u32 fd, block_size; struct loop_info64 info; u64 __reserved[8]`},
	// include/uapi/linux/random.h: the pool's bytes follow the header.
	{name: "rand_pool_info", c: "struct rand_pool_info", header: "linux/random.h", decl: `s32 entropy_count, buf_size`},

	// Terminals: include/uapi/asm-generic/termios.h, termbits.h.
	{name: "winsize", c: "struct winsize", header: "asm/termios.h", decl: `u16 ws_row, ws_col, ws_xpixel, ws_ypixel`},
	{name: "termios", c: "struct termios", header: "asm/termbits.h", decl: `
		u32 c_iflag, c_oflag, c_cflag, c_lflag; u8 c_line, c_cc[19]`},

	// Processes: include/uapi/linux/sched.h (every member __aligned_u64),
	// linux/capability.h.
	{name: "clone_args", c: "struct clone_args", header: "linux/sched.h", decl: `
		u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup`},
	{name: "__user_cap_header_struct", c: "struct __user_cap_header_struct", header: "linux/capability.h",
		decl: `u32 version; s32 pid`},
	{name: "__user_cap_data_struct", c: "struct __user_cap_data_struct", header: "linux/capability.h",
		decl: `u32 effective, permitted, inheritable`},

	// Socket options and control messages: glibc's sys/socket.h.
	{name: "linger", c: "struct linger", header: "sys/socket.h", decl: `s32 l_onoff, l_linger`},
	{name: "ucred", c: "struct ucred", header: "sys/socket.h", pre: "#define _GNU_SOURCE", decl: `s32 pid; u32 uid, gid`},

	// getdents64's records: the kernel's linux_dirent64 (fs/readdir.c) is
	// glibc's struct dirent64 with a name of any length.
	{name: "dirent64", c: "struct dirent64", header: "dirent.h", pre: "#define _GNU_SOURCE",
		decl: `u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[256]`},

	// include/uapi/asm-generic/fcntl.h: record locks. struct flock's
	// offsets are longs (32-bit on i386), flock64's 64-bit everywhere
	// (4-aligned on i386, so 24 bytes there).
	{name: "flock", c: "struct flock", header: "linux/fcntl.h", decl: `
		s16 l_type, l_whence; long l_start, l_len; s32 l_pid`},
	{name: "flock64", c: "struct flock64", header: "linux/fcntl.h", decl: `
		s16 l_type, l_whence; s64 l_start, l_len; s32 l_pid`},
	{name: "f_owner_ex", c: "struct f_owner_ex", header: "linux/fcntl.h", decl: `s32 type, pid`},

	// include/uapi/linux/io_uring.h as strace 6.1 knows it: resv2 is the
	// user_addr of IORING_SETUP_NO_MMAP in later kernels.
	{name: "io_sqring_offsets", c: "struct io_sqring_offsets", header: "linux/io_uring.h", decl: `
		u32 head, tail, ring_mask, ring_entries, flags, dropped, array, resv1; u64 resv2`},
	{name: "io_cqring_offsets", c: "struct io_cqring_offsets", header: "linux/io_uring.h", decl: `
		u32 head, tail, ring_mask, ring_entries, overflow, cqes, flags, resv1; u64 resv2`},
	{name: "io_uring_params", c: "struct io_uring_params", header: "linux/io_uring.h", decl: `
		u32 sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features, wq_fd, resv[3];
		struct io_sqring_offsets sq_off; struct io_cqring_offsets cq_off`},
	{name: "io_uring_rsrc_update", c: "struct io_uring_rsrc_update", header: "linux/io_uring.h", decl: `u32 offset, resv; u64 data`},
	{name: "io_uring_buf_reg", c: "struct io_uring_buf_reg", header: "linux/io_uring.h", decl: `
		u64 ring_addr; u32 ring_entries; u16 bgid, pad; u64 resv[3]`},

	// include/uapi/linux/mqueue.h
	{name: "mq_attr", c: "struct mq_attr", header: "linux/mqueue.h", decl: `
		long mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, __reserved[4]`},

	// include/uapi/asm-generic/siginfo.h: struct sigevent, padded to 64
	// bytes by its union (SIGEV_PAD_SIZE ints after the preamble).
	{name: "sigval", c: "union sigval", header: "asm/siginfo.h", union: true, decl: `s32 sival_int; ptr sival_ptr`},
	{name: "sigev_thread", decl: `ptr _function, _attribute`},
	{name: "sigev_un", union: true, decl: `s32 _pad[14-W/4], _tid; struct sigev_thread _sigev_thread`},
	{name: "sigevent", c: "struct sigevent", header: "asm/siginfo.h", decl: `
		struct sigval sigev_value; s32 sigev_signo, sigev_notify; struct sigev_un _sigev_un`},

	// include/uapi/asm-generic/siginfo.h: siginfo_t, 128 bytes, whose
	// anonymous structure holds three ints and the union of each kind of
	// signal's fields; only the members strace prints are declared.
	{name: "si_kill", decl: `s32 _pid; u32 _uid`},
	{name: "si_timer", decl: `s32 _tid, _overrun; struct sigval _sigval; s32 _sys_private`},
	{name: "si_rt", decl: `s32 _pid; u32 _uid; struct sigval _sigval`},
	{name: "si_sigchld", decl: `s32 _pid; u32 _uid; s32 _status; long _utime, _stime`},
	{name: "si_sigfault", decl: `ptr _addr`},
	{name: "si_sigpoll", decl: `long _band; s32 _fd`},
	{name: "si_sigsys", decl: `ptr _call_addr; s32 _syscall; u32 _arch`},
	{name: "sifields", union: true, decl: `
		struct si_kill _kill; struct si_timer _timer; struct si_rt _rt; struct si_sigchld _sigchld;
		struct si_sigfault _sigfault; struct si_sigpoll _sigpoll; struct si_sigsys _sigsys`},
	{name: "siginfo_head", decl: `s32 si_signo, si_errno, si_code; struct sifields _sifields`},
	{name: "siginfo_t", c: "siginfo_t", header: "asm/siginfo.h", union: true, decl: `struct siginfo_head; s32 _si_pad[32]`},

	// arch/x86/include/uapi/asm/ldt.h: set_thread_area's descriptor, its
	// flags bit-fields; lm exists for 64-bit tracees only.
	{name: "user_desc", c: "struct user_desc", header: "asm/ldt.h", arches: archX86_64, decl: `
		u32 entry_number, base_addr, limit;
		u32 seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1, seg_not_present:1, useable:1, lm:1`},
	{name: "user_desc", c: "struct user_desc", header: "asm/ldt.h", arches: archI386, decl: `
		u32 entry_number, base_addr, limit;
		u32 seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1, seg_not_present:1, useable:1`},
}
