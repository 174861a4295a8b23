package nofile

// arch/x86/entry/syscalls/syscall_64.tbl
const sysPrlimit64 = 302
