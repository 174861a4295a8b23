package nofile

// arch/x86/entry/syscalls/syscall_32.tbl
const sysPrlimit64 = 340
