// Package decoder is the one place that knows syscalls: per-architecture
// tables, declarative descriptions of arguments, flag and value sets, and
// the renderer of strace-format text. It reads tracee memory only through
// the Memory interface, so the same descriptions decide what the tracer
// reads at capture time and how a capture is replayed later.
package decoder

//go:generate go run ./gendoc -o ../docs/syscalls.md
