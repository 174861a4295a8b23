package nofile

// include/uapi/asm-generic/unistd.h
const sysPrlimit64 = 261
