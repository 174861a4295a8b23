package matrix

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkPayloads: Wireshark's own dissectors find HTTP, DNS, TLS and HTTP
// over a unix socket in the calls that moved their bytes, in the captures
// run.sh recorded on the host with lua/testdata/payloads/record.sh (the
// roots hold tshark alone, no python3 or openssl).
func (s *suite) checkPayloads(t *testing.T) {
	s.needInstall(t)
	dir := os.Getenv(envTestdata)
	if dir == "" {
		s.notYet(t, envTestdata+" (the payload captures)")
	}
	dir = filepath.Join(dir, "payloads")
	port := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name+".port"))
		if err != nil {
			s.failf(t, "%v", err)
		}
		return strings.TrimSpace(string(b))
	}
	checks := []struct {
		capture string
		opts    []string
		filter  string
		proto   string
		field   string
		want    string
	}{
		{"http_tcp", nil, `http.request.method == "GET"`, "HTTP", "http.request.uri", "/hello"},
		{"http_tcp", nil, "http.response.code == 200", "HTTP", "http.file_data", "hello from the traced server\n"},
		{"dns_udp", []string{"-d", "udp.port==" + port("dns_udp") + ",dns"}, "dns.flags.response == 0", "DNS", "dns.qry.name", "localhost.test"},
		{"dns_udp", []string{"-d", "udp.port==" + port("dns_udp") + ",dns"}, "dns.flags.response == 1", "DNS", "dns.a", "127.0.0.53"},
		{"tls_tcp", []string{"-d", "tcp.port==" + port("tls_tcp") + ",tls"}, "tls.handshake.type == 1", "TLSv1.3", "tls.handshake.extensions_server_name", "localhost"},
		{"http_unix", []string{"-o", "strace.unix_protocols:" + port("http_unix") + "=http"}, `http.request.method == "GET"`, "HTTP", "http.request.uri", "/v1.43/info"},
		{"http_unix", []string{"-o", "strace.unix_protocols:" + port("http_unix") + "=http"}, "http.response.code == 200", "HTTP", "http.file_data", "hello over a unix socket\n"},
	}
	for _, c := range checks {
		args := append([]string{"-r", filepath.Join(dir, c.capture+".pcapng"), "-2", "-Y", c.filter, "-T", "json",
			"-e", "strace.syscall", "-e", "_ws.col.Protocol", "-e", "_ws.col.protocol", "-e", "_ws.col.Info", "-e", "_ws.col.info",
			"-e", c.field}, c.opts...)
		o := s.tshark(t, nil, args...)
		if o.code != 0 {
			s.errorf(t, "tshark %s: %s", strings.Join(args, " "), o)
			continue
		}
		var packets []struct {
			Source struct {
				Layers map[string][]string `json:"layers"`
			} `json:"_source"`
		}
		if err := json.Unmarshal([]byte(o.stdout), &packets); err != nil {
			s.errorf(t, "tshark %s: %v", strings.Join(args, " "), err)
			continue
		}
		if len(packets) != 1 {
			s.errorf(t, "%s -Y '%s' %v: %d frames, want 1", c.capture, c.filter, c.opts, len(packets))
			continue
		}
		l := packets[0].Source.Layers
		call := strings.Join(l["strace.syscall"], "")
		info := strings.Join(append(l["_ws.col.Info"], l["_ws.col.info"]...), "")
		proto := strings.Join(append(l["_ws.col.Protocol"], l["_ws.col.protocol"]...), "")
		got := strings.Join(l[c.field], ",")
		if got == hex.EncodeToString([]byte(c.want)) {
			// http.file_data is bytes from 4.2 on, which JSON shows in hex.
			got = c.want
		}
		if call == "" || !strings.HasPrefix(info, call+"(") || proto != c.proto || got != c.want {
			s.errorf(t, "%s -Y '%s': call %q, Info %q, Protocol %q, %s %q; want a call's line, Protocol %q, %q",
				c.capture, c.filter, call, info, proto, c.field, got, c.proto, c.want)
		}
	}
}
