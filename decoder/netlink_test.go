package decoder

import (
	"encoding/binary"
	"strings"
	"testing"
)

// nlmsg builds a netlink message: its header then payload, nlmsg_len
// set to length (the true length when 0).
func nlmsg(length uint32, typ, flags uint16, payload ...byte) []byte {
	b := make([]byte, 16, 16+len(payload))
	if length == 0 {
		length = uint32(16 + len(payload))
	}
	binary.LittleEndian.PutUint32(b, length)
	binary.LittleEndian.PutUint16(b[4:], typ)
	binary.LittleEndian.PutUint16(b[6:], flags)
	return append(b, payload...)
}

// TestNetlinkSendto checks a netlink socket's sendto against strace 6.1's
// line of the same bytes (ip link show's first request), and that a
// truncated or lying message renders without a panic, alike live and
// replayed.
func TestNetlinkSendto(t *testing.T) {
	ifinfo := make([]byte, 16)
	cases := []struct {
		name string
		buf  []byte
		want string // "" checks only that it renders
	}{
		{"ip link request", nlmsg(0, 16, 5, ifinfo...),
			`sendto(3, [{nlmsg_len=32, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_ACK, nlmsg_seq=0, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, ifi_flags=0, ifi_change=0}], 32, 0, NULL, 0) = 32`},
		{"short", []byte{1, 2, 3}, `sendto(3, "\x01\x02\x03", 3, 0, NULL, 0) = 3`},
		{"done", nlmsg(0, 3, 2, 0, 0, 0, 0),
			`sendto(3, [{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0, nlmsg_pid=0}, 0], 20, 0, NULL, 0) = 20`},
		{"lying length", nlmsg(0xffffffff, 16, 0, ifinfo...), ""},
		{"length below header", append(nlmsg(4, 18, 0x301), nlmsg(0, 2, 0, 0xed, 0xff, 0xff, 0xff)...), ""},
		{"error", nlmsg(0, 2, 0, append([]byte{0xed, 0xff, 0xff, 0xff}, nlmsg(0, 16, 5, ifinfo[:5]...)...)...), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			f.fds[3] = "socket:[1234]"
			f.infos = map[int32]FDInfo{3: FDInfo{Kind: FDInfoSocket, Proto: "NETLINK", Inode: 1234, Family: afNetlink}}
			addr := f.bytes(0x10000, tc.buf)
			rec := captured(call(t, "sendto", int64(len(tc.buf)), 3, addr, uint64(len(tc.buf)), 0, 0, 0), f)
			got := New(DefaultOptions()).Line(rec)
			if tc.want != "" && got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !strings.HasPrefix(got, "sendto(3, ") {
				t.Errorf("got %s", got)
			}
		})
	}
}
