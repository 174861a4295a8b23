#!/bin/sh
# record.sh STRACEDUMP OUTDIR: records the payload test programs (python3,
# openssl for the TLS certificate) into OUTDIR/NAME.pcapng, with the port
# each used in OUTDIR/NAME.port. The Lua tests and the Wireshark matrix read
# the same captures: the matrix's roots hold tshark alone.
set -eu
bin=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
py=$(command -v python3)
cd "$out"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -addext subjectAltName=DNS:localhost \
	-days 2 -keyout key.pem -out cert.pem >/dev/null 2>&1
"$bin" record -f -o http_tcp.pcapng -- "$py" "$here/http_tcp.py" >http_tcp.port
"$bin" record -f -o dns_udp.pcapng -- "$py" "$here/dns_udp.py" >dns_udp.port
"$bin" record -f -o tls_tcp.pcapng -- "$py" "$here/tls_tcp.py" cert.pem key.pem >tls_tcp.port
"$bin" record -f -o http_unix.pcapng -- "$py" "$here/http_unix.py" "$out/app.sock"
echo "$out/app.sock" >http_unix.port
