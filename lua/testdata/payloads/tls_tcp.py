# A TLS handshake and one request over TCP on loopback, both ends in this
# process, with the certificate and key given as arguments; the port is
# one no dissector owns (the test gives it to TLS with Decode As). Prints
# the port.
import socket
import ssl
import sys
import threading

cert, key = sys.argv[1], sys.argv[2]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]
sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
sctx.load_cert_chain(cert, key)


def serve():
    conn, _ = srv.accept()
    with sctx.wrap_socket(conn, server_side=True) as s:
        s.recv(64)
        s.sendall(b"pong\n")


t = threading.Thread(target=serve)
t.start()
cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
cctx.load_verify_locations(cert)
with cctx.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost") as c:
    c.sendall(b"ping\n")
    c.recv(64)
t.join()
print(port)
