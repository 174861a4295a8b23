# A DNS query over UDP to a server on loopback, both in this process, on a
# port no dissector owns (the test gives it to DNS with Decode As). The
# answer: localhost.test A 127.0.0.53. Prints the port.
import socket
import struct
import threading

srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(("127.0.0.1", 0))
port = srv.getsockname()[1]


def serve():
    q, peer = srv.recvfrom(512)
    qid = q[:2]
    question = q[12:]
    answer = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton("127.0.0.53")
    srv.sendto(qid + b"\x81\x80" + struct.pack(">HHHH", 1, 1, 0, 0) + question + answer, peer)


t = threading.Thread(target=serve)
t.start()
name = b"".join(bytes([len(p)]) + p for p in b"localhost.test".split(b".")) + b"\x00"
query = b"\x12\x34\x01\x00" + struct.pack(">HHHH", 1, 0, 0, 0) + name + struct.pack(">HH", 1, 1)
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
c.sendto(query, ("127.0.0.1", port))
c.recvfrom(512)
t.join()
print(port)
