// Package matrix holds the Wireshark suite that tests/matrix/run.sh runs on
// every supported Wireshark version (the host's, and one per Debian root).
// The suite is a test binary built with CGO_ENABLED=0, so it runs in roots
// that have no Go; it only talks to the tshark, luac and stracedump it finds
// there, and skips itself when not started by the runner.
package matrix
