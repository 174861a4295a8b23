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
}
