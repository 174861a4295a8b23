package decoder

import (
	"fmt"
	"strings"
)

// SysV IPC arguments: keys and the flags of the gets.

// IPCKey is a SysV IPC key: IPC_PRIVATE or hex.
type IPCKey struct{}

func (IPCKey) render(c *ctx, v uint64) {
	if uint32(v) == 0 {
		c.str("IPC_PRIVATE")
		return
	}
	c.printf("%#x", uint32(v))
}

// IPCFlags are the flags of semget, shmget and msgget: IPC_CREAT and
// friends, then the permission bits in octal.
type IPCFlags struct{}

func (IPCFlags) render(c *ctx, v uint64) {
	v = uint64(uint32(v))
	perm := v & 0o777
	var parts []string
	if f := v &^ 0o777; f != 0 {
		parts = append(parts, c.xflags("ipc_flags", f))
	}
	parts = append(parts, fmt.Sprintf("%#03o", perm))
	c.str(strings.Join(parts, "|"))
}
