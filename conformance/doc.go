// Package conformance measures how much of stracedump's decoded text is
// identical to what Debian's strace prints for the same programs; its test
// runs both, normalizes what legitimately differs from run to run, and
// compares the two line by line. Outside its own tests, the corpus it
// defines (the C programs of testdata, BuildCPrograms, Tools and the
// setups) is also traced by the dissector's tests (lua/corpus_test.go) and
// the importer's round trip (importer/roundtrip_test.go).
package conformance
