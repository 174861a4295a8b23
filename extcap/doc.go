// Package extcap speaks Wireshark's extcap protocol for stracedump: the
// sentences that describe the strace interface and its options, and the
// reading of the options Wireshark passes back. It never traces: the
// capture itself runs in package command.
package extcap
