package lua

import (
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The payload tests record real programs speaking real protocols through
// sockets on loopback (testdata/payloads: HTTP over TCP, DNS over UDP, a
// TLS handshake over TCP, HTTP over a unix socket), with the script the
// Wireshark matrix runs too, and check that Wireshark's own dissectors find
// each protocol's fields in the calls that moved the bytes.

var (
	payloadOnce sync.Once
	payloadDir  string
	payloadErr  error
)

// payloadCapture is the capture of testdata/payloads/NAME.py and what the
// program printed: its port (a path for the unix socket).
func payloadCapture(t *testing.T, name string) (path, port string) {
	t.Helper()
	need(t, "tshark")
	need(t, "python3")
	need(t, "openssl")
	payloadOnce.Do(func() { payloadDir, payloadErr = recordPayloads() })
	if payloadErr != nil {
		t.Fatal(payloadErr)
	}
	b, err := os.ReadFile(filepath.Join(payloadDir, name+".port"))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(payloadDir, name+".pcapng"), strings.TrimSpace(string(b))
}

func recordPayloads() (string, error) {
	dir, err := os.MkdirTemp("", "stracedump-payloads-")
	if err != nil {
		return "", err
	}
	cleanups = append(cleanups, dir)
	self, err := builtStracedump()
	if err != nil {
		return "", err
	}
	script, err := filepath.Abs(filepath.Join("testdata", "payloads", "record.sh"))
	if err != nil {
		return "", err
	}
	if out, err := exec.Command("sh", script, self, dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("%s: %v\n%s", script, err, out)
	}
	return dir, nil
}

// payloadRows runs tshark -2 with opts and filter and returns each
// matching frame's fields, in frame order.
func payloadRows(t *testing.T, path string, opts []string, filter string, fields ...string) [][]string {
	t.Helper()
	var rows [][]string
	for _, l := range jsonLayers(t, append([]string{"-r", path, "-2", "-Y", filter}, opts...), fields...) {
		row := make([]string, len(fields))
		for i, f := range fields {
			row[i] = strings.Join(l[f], ",")
		}
		rows = append(rows, row)
	}
	return rows
}

// dataCalls are the calls that move a socket's bytes in these programs.
var dataCalls = map[string]bool{"read": true, "write": true, "sendto": true, "recvfrom": true, "sendmsg": true, "recvmsg": true}

// onePayload checks that filter finds exactly one frame, a data call whose
// Info is its strace line and whose Protocol column is proto, and returns
// its fields.
func onePayload(t *testing.T, path string, opts []string, filter, proto string, fields ...string) []string {
	t.Helper()
	// The Protocol column's field: _ws.col.Protocol up to 4.0,
	// _ws.col.protocol from 4.2; only one is filled in.
	rows := payloadRows(t, path, opts, filter, append([]string{"strace.syscall", info(t, path), "_ws.col.Protocol", "_ws.col.protocol"}, fields...)...)
	if len(rows) != 1 {
		t.Fatalf("tshark -Y '%s' %v: %d frames, want 1: %q", filter, opts, len(rows), rows)
	}
	r := append(rows[0][:2], append([]string{rows[0][2] + rows[0][3]}, rows[0][4:]...)...)
	for i, v := range r[3:] {
		// http.file_data is bytes from 4.2 on, which JSON shows in hex.
		if b, err := hex.DecodeString(v); err == nil && len(v) > 8 {
			r[3+i] = string(b)
		}
	}
	if !dataCalls[r[0]] {
		t.Errorf("-Y '%s': the frame is a %q call, want a call moving socket data", filter, r[0])
	}
	if !strings.HasPrefix(r[1], r[0]+"(") {
		t.Errorf("-Y '%s': Info %q is not the call's strace line", filter, r[1])
	}
	if r[2] != proto {
		t.Errorf("-Y '%s': Protocol column %q, want %q", filter, r[2], proto)
	}
	return r[3:]
}

func TestPayloadHTTPOverTCP(t *testing.T) {
	path, port := payloadCapture(t, "http_tcp")
	// The port picks HTTP, as on the wire: no option.
	got := onePayload(t, path, nil, `http.request.method == "GET"`, "HTTP", "http.request.uri", "tcp.dstport", "http.host")
	if want := []string{"/hello", port, "localhost"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the request: uri, port, host %q, want %q", got, want)
	}
	got = onePayload(t, path, nil, "http.response.code == 200", "HTTP", "http.file_data", "tcp.srcport")
	if want := []string{"hello from the traced server\n", port}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the response: body, port %q, want %q", got, want)
	}
	// Follow TCP Stream shows the conversation, the request reassembled
	// from its three writes.
	stream := followTCP(t, path)
	for _, want := range []string{"GET /hello HTTP/1.1\r\nHost: localhost\r\n", "HTTP/1.1 200 OK\r\n", "\r\n\r\nhello from the traced server\n"} {
		if !strings.Contains(stream, want) {
			t.Errorf("-z follow,tcp,raw,0 lacks %q:\n%s", want, stream)
		}
	}
	// The Process column (Source) still names the process.
	out := tshark(t, "-r", path, "-Y", "http")
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(l, " python3 → kernel ") {
			t.Errorf("an HTTP row does not name the process: %q", l)
		}
	}
}

func TestPayloadDNSOverUDP(t *testing.T) {
	path, port := payloadCapture(t, "dns_udp")
	// A port no dissector owns (Wireshark 4.0 may still find DNS by its
	// heuristics): Decode As names the protocol.
	opts := []string{"-d", "udp.port==" + port + ",dns"}
	got := onePayload(t, path, opts, "dns.flags.response == 0", "DNS", "dns.qry.name", "udp.dstport")
	if want := []string{"localhost.test", port}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the query: name, port %q, want %q", got, want)
	}
	got = onePayload(t, path, opts, "dns.flags.response == 1", "DNS", "dns.qry.name", "dns.a", "udp.srcport")
	if want := []string{"localhost.test", "127.0.0.53", port}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the answer: name, address, port %q, want %q", got, want)
	}
}

func TestPayloadTLSHandshake(t *testing.T) {
	path, port := payloadCapture(t, "tls_tcp")
	opts := []string{"-d", "tcp.port==" + port + ",tls"}
	got := onePayload(t, path, opts, "tls.handshake.type == 1", "TLSv1.3", "tls.handshake.extensions_server_name")
	if strings.Join(got, "|") != "localhost" {
		t.Errorf("the Client Hello's server name: %q, want localhost", got)
	}
	if rows := payloadRows(t, path, opts, "tls.handshake.type == 2", "frame.number"); len(rows) != 1 {
		t.Errorf("Server Hellos: %d, want 1", len(rows))
	}
}

func TestPayloadHTTPOverUnixSocket(t *testing.T) {
	path, sock := payloadCapture(t, "http_unix")
	if rows := payloadRows(t, path, nil, "http", "frame.number"); len(rows) != 0 {
		t.Errorf("HTTP on %s without the preference: %q", sock, rows)
	}
	opts := []string{"-o", "strace.unix_protocols:" + sock + "=http"}
	got := onePayload(t, path, opts, `http.request.method == "GET"`, "HTTP", "http.request.uri", "http.host")
	if want := []string{"/v1.43/info", "docker"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the request: uri, host %q, want %q", got, want)
	}
	got = onePayload(t, path, opts, "http.response.code == 200", "HTTP", "http.file_data", "http.content_length_header")
	if want := []string{"hello over a unix socket\n", "25"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("the response: body, length %q, want %q", got, want)
	}
}

// TestPayloadRejected gives the unix socket's HTTP to the DNS dissector:
// it rejects the bytes, and the calls stay as they were, with no Lua error.
func TestPayloadRejected(t *testing.T) {
	path, sock := payloadCapture(t, "http_unix")
	want := tshark(t, "-r", path, "-T", "fields", "-e", "frame.number", "-e", info(t, path))
	got := tshark(t, "-r", path, "-o", "strace.unix_protocols:"+sock+"=dns", "-T", "fields", "-e", "frame.number", "-e", info(t, path))
	if got != want {
		t.Errorf("Info with the payload given to DNS differs from Info without")
	}
	if rows := payloadRows(t, path, []string{"-o", "strace.unix_protocols:" + sock + "=dns"}, "_ws.lua.error", "frame.number"); len(rows) != 0 {
		t.Errorf("Lua errors in frames %q", rows)
	}
	n := strings.Count(got, "\n")
	calls := payloadRows(t, path, []string{"-o", "strace.unix_protocols:" + sock + "=dns"}, "strace", "frame.number")
	if len(calls) != n {
		t.Errorf("%d frames are strace records with the bad setting, %d without", len(calls), n)
	}
}

// followTCP is the bytes -z follow,tcp,raw,0 shows of the first TCP
// stream, both directions in the order they were moved.
func followTCP(t *testing.T, path string) string {
	t.Helper()
	out := tshark(t, "-r", path, "-q", "-z", "follow,tcp,raw,0")
	var b strings.Builder
	for _, l := range strings.Split(out, "\n") {
		h, err := hex.DecodeString(strings.TrimSpace(l))
		if err == nil && len(h) > 0 {
			b.Write(h)
		}
	}
	return b.String()
}

// TestCaptureLengths: the capture record says how much of each buffer the
// capture keeps, socket data apart; a capture from before the socket length
// keeps socket data to its capture length.
func TestCaptureLengths(t *testing.T) {
	path, _ := payloadCapture(t, "http_tcp")
	fields := []string{"-T", "fields", "-e", "strace.capture.string_limit", "-e", "strace.capture.length", "-e", "strace.capture.socket_length"}
	if got := tshark(t, append([]string{"-r", path, "-c", "1"}, fields...)...); got != "32\t256\t65536\n" {
		t.Errorf("record's defaults: -s, capture length, socket length %q, want 32, 256, 65536", got)
	}
	old := filepath.Join("..", "pcapng", "testdata", "v1.pcapng")
	if got := tshark(t, append([]string{"-r", old, "-c", "1"}, fields...)...); got != "16\t16\t16\n" {
		t.Errorf("a version 1 capture taken with -s 16: %q, want 16 for each", got)
	}
}
