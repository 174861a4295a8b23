// Package tracer is stracedump's ptrace engine: it launches or attaches to
// processes, follows their children and threads, and turns every stop into
// a record, reading tracee memory only as the decoder's descriptions ask.
// All ptrace requests come from one locked OS thread.
package tracer
