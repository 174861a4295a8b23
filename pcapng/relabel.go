package pcapng

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// HostPrefix starts the interface description of a capture made on
// another host: "host: web1; ls -l /". Wireshark shows it as
// frame.interface_description, the dissector as strace.host.
const HostPrefix = "host: "

// HostDescription is the interface description of command traced on host.
func HostDescription(host, command string) string {
	return HostPrefix + host + "; " + command
}

// DescriptionHost is the host that an interface description names, or "".
func DescriptionHost(desc string) string {
	rest, ok := strings.CutPrefix(desc, HostPrefix)
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "; ")
	return host
}

// maxHeaderBlock bounds the blocks CopyRelabelled reads whole.
const maxHeaderBlock = 1 << 20

// CopyRelabelled copies the pcapng stream r to w as it arrives, with the
// description of its first interface replaced by desc(old description).
// It calls begun once the first interface is written: the capture has
// started. Blocks are written as they are read, so a live reader sees
// every record as soon as it arrives. It returns when r ends (nil) or on
// the first error; write errors are wrapped, so errors.Is(err,
// syscall.EPIPE) tells that w's reader went away.
func CopyRelabelled(w io.Writer, r io.Reader, desc func(string) string, begun func()) error {
	var order byteOrder = binary.LittleEndian
	first := true
	for {
		var head [12]byte
		if _, err := io.ReadFull(r, head[:8]); err != nil {
			if err == io.EOF && !first {
				return nil
			}
			return fmt.Errorf("reading the remote capture: %w", noEOF(err))
		}
		typ := binary.LittleEndian.Uint32(head[:4])
		if first {
			if typ != 0x0a0d0d0a {
				return errors.New("reading the remote capture: it is not a pcapng stream")
			}
			if _, err := io.ReadFull(r, head[8:12]); err != nil {
				return fmt.Errorf("reading the remote capture: %w", noEOF(err))
			}
			if binary.BigEndian.Uint32(head[8:12]) == 0x1a2b3c4d {
				order = binary.BigEndian
			}
		}
		typ = order.Uint32(head[:4])
		size := order.Uint32(head[4:8])
		have := 8
		if first {
			have = 12
		}
		if size < uint32(have)+4 || size%4 != 0 || size > maxHeaderBlock {
			return fmt.Errorf("reading the remote capture: a block of %d bytes", size)
		}
		block := make([]byte, size)
		copy(block, head[:have])
		if _, err := io.ReadFull(r, block[have:]); err != nil {
			return fmt.Errorf("reading the remote capture: %w", noEOF(err))
		}
		first = false
		if typ == 1 { // interface description block
			out, err := relabelIDB(block, order, desc)
			if err != nil {
				return err
			}
			if _, err := w.Write(out); err != nil {
				return fmt.Errorf("writing the capture: %w", err)
			}
			if begun != nil {
				begun()
			}
			if _, err := io.Copy(w, r); err != nil {
				return fmt.Errorf("copying the capture: %w", err)
			}
			return nil
		}
		if _, err := w.Write(block); err != nil {
			return fmt.Errorf("writing the capture: %w", err)
		}
	}
}

// byteOrder is a section's byte order, read and appended.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// noEOF turns the end of the stream inside a block into
// io.ErrUnexpectedEOF.
func noEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// relabelIDB rebuilds an interface description block with its if_description
// option (3) replaced, or added when it has none.
func relabelIDB(block []byte, order byteOrder, desc func(string) string) ([]byte, error) {
	body := block[8 : len(block)-4]
	if len(body) < 8 {
		return nil, errors.New("reading the remote capture: a short interface block")
	}
	type option struct {
		code  uint16
		value []byte
	}
	var opts []option
	old := ""
	for o := body[8:]; len(o) >= 4; {
		code, n := order.Uint16(o[:2]), int(order.Uint16(o[2:4]))
		padded := (n + 3) &^ 3
		if 4+padded > len(o) {
			return nil, errors.New("reading the remote capture: a cut interface option")
		}
		if code == 0 {
			break
		}
		if code == 3 {
			old = string(o[4 : 4+n])
		} else {
			opts = append(opts, option{code, o[4 : 4+n]})
		}
		o = o[4+padded:]
	}
	opts = append([]option{{3, []byte(desc(old))}}, opts...)
	out := make([]byte, 8, len(block)+256)
	out = append(out, body[:8]...)
	for _, o := range opts {
		if len(o.value) > 0xffff {
			o.value = o.value[:0xffff]
		}
		out = order.AppendUint16(out, o.code)
		out = order.AppendUint16(out, uint16(len(o.value)))
		out = append(out, o.value...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	out = append(out, 0, 0, 0, 0) // opt_endofopt
	size := uint32(len(out) + 4)
	order.PutUint32(out[0:4], 1)
	order.PutUint32(out[4:8], size)
	return order.AppendUint32(out, size), nil
}
