# An HTTP/1.1 exchange over TCP on loopback, both ends in this process: a
# request written in three pieces, a response read in small ones. The
# server takes the first free port Wireshark gives to HTTP, so that the
# port picks the dissector. Prints the port.
import http.server
import socket
import sys
import threading

srv = None
for port in (8080, 8088, 3128, 3132, 5985, 11371):
    try:
        srv = http.server.HTTPServer(("127.0.0.1", port), http.server.BaseHTTPRequestHandler)
        break
    except OSError:
        continue
if srv is None:
    sys.exit("no free HTTP port on 127.0.0.1")


class Hello(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b"hello from the traced server\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


srv.RequestHandlerClass = Hello
t = threading.Thread(target=srv.handle_request)
t.start()
c = socket.create_connection(("127.0.0.1", srv.server_address[1]))
for part in (b"GET /hel", b"lo HTTP/1.1\r\nHost: loc", b"alhost\r\nConnection: close\r\n\r\n"):
    c.sendall(part)
while c.recv(16):
    pass
c.close()
t.join()
print(srv.server_address[1])
