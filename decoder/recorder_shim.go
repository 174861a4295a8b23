package decoder

import "github.com/stracedump/stracedump/pcapng"

// Source is what the live recorder reads; temporary until the renderer lands.
type Source interface {
	ReadAt(addr uint64, p []byte) (int, error)
	FDPath(fd int32) (string, error)
}

// NewRecorder is a temporary stand-in; the renderer branch replaces it.
func NewRecorder(rec *pcapng.Record, exit bool, src Source) Memory { return nil }
