// Package pcapng defines the stracedump record format and streams records
// in pcapng files as Upper-PDU packets for Wireshark's "strace" dissector.
// It knows nothing about syscalls: that is package decoder's job.
package pcapng
