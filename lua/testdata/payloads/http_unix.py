# HTTP/1.1 over a unix stream socket at the path given, both ends in this
# process, as a container engine's API is spoken: the request written in
# three pieces, the server reading it 7 bytes at a time, the response
# written in three. The test gives the path to HTTP with the preference.
import os
import socket
import sys
import threading

path = sys.argv[1]
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen(1)


def serve():
    c, _ = srv.accept()
    req = b""
    while b"\r\n\r\n" not in req:
        req += c.recv(7)
    body = b"hello over a unix socket\n"
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n" % len(body))
    c.sendall(b"Content-Type: text/plain\r\n\r\n" + body[:5])
    c.sendall(body[5:])
    c.close()


t = threading.Thread(target=serve)
t.start()
cl = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
cl.connect(path)
for part in (b"GET /v1.43/info HT", b"TP/1.1\r\nHost: docker\r\n", b"\r\n"):
    cl.sendall(part)
while cl.recv(10):
    pass
t.join()
os.unlink(path)
