//go:build !amd64 && !arm64 && !386

package nofile

// No number here for this arch: the limit is not read.
const sysPrlimit64 = -1
