// Package conformance measures how much of stracedump's decoded text is
// identical to what Debian's strace prints for the same programs; its test
// runs both, normalizes what legitimately differs from run to run, and
// compares the two line by line. Nothing outside its test uses it.
package conformance
