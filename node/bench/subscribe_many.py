#!/usr/bin/env python3
"""Subscribes many unique topic filters over plain MQTT 3.1.1 and holds the connections.

Used by route-index.sh to fill the replicated route index: CLIENTS connections spread
round-robin over the given brokers, each subscribing FILTERS/CLIENTS unique filters
(<prefix>/<client>/<n>) in SUBSCRIBE packets of BATCH filters with up to WINDOW packets in
flight. Prints `subscribed filters=N seconds=S` once every SUBACK arrived, then keeps the
connections open until stdin closes or the process is terminated. Loopback only.
"""
import argparse
import socket
import struct
import sys
import threading
import time


def remaining_length(n):
    out = bytearray()
    while True:
        b = n % 128
        n //= 128
        out.append(b | 0x80 if n else b)
        if not n:
            return bytes(out)


def utf8(s):
    b = s.encode()
    return struct.pack("!H", len(b)) + b


def packet(first_byte, body):
    return bytes([first_byte]) + remaining_length(len(body)) + body


def read_packet(sock, buf):
    """Returns (type, body) of the next packet, reading more from sock as needed."""
    while True:
        if len(buf) >= 2:
            mult, length, i = 1, 0, 1
            while i < len(buf):
                b = buf[i]
                length += (b & 0x7F) * mult
                mult *= 128
                i += 1
                if not b & 0x80:
                    break
            else:
                i = -1
            if i > 0 and len(buf) >= i + length:
                ptype, body = buf[0] >> 4, bytes(buf[i:i + length])
                del buf[:i + length]
                return ptype, body
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("broker closed the connection")
        buf.extend(chunk)


def run_client(index, address, count, batch, window, errors, done, prefix, latencies):
    host, port = address.rsplit(":", 1)
    if not host.startswith("127."):
        errors.append(f"refusing non-loopback broker {address}")
        return
    try:
        sock = socket.create_connection((host, int(port)), timeout=120)
        client_id = f"{prefix}-{index}"
        connect = utf8("MQTT") + bytes([4, 0x02]) + struct.pack("!H", 0) + utf8(client_id)
        sock.sendall(packet(0x10, connect))
        buf = bytearray()
        ptype, body = read_packet(sock, buf)
        if ptype != 2 or body[1] != 0:
            raise ConnectionError(f"CONNACK refused: {body.hex()}")
        packets = []
        for start in range(0, count, batch):
            filters = b"".join(utf8(f"{prefix}/{index}/{n}") + b"\x00" for n in range(start, min(count, start + batch)))
            packets.append(filters)
        sent = acked = 0
        sent_at = {}
        while acked < len(packets):
            while sent < len(packets) and sent - acked < window:
                sent_at[sent % 65535 + 1] = time.monotonic()
                sock.sendall(packet(0x82, struct.pack("!H", sent % 65535 + 1) + packets[sent]))
                sent += 1
            ptype, body = read_packet(sock, buf)
            if ptype == 9:
                if any(code >= 0x80 for code in body[2:]):
                    raise ConnectionError("SUBACK with a failure code")
                latencies.append(time.monotonic() - sent_at.pop(struct.unpack("!H", body[:2])[0]))
                acked += 1
        done.append(sock)
    except Exception as e:  # reported, the run fails
        errors.append(f"client {index} at {address}: {e}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--brokers", required=True, help="host:port,host:port (loopback)")
    p.add_argument("--clients", type=int, default=30)
    p.add_argument("--filters", type=int, default=1_000_000)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--window", type=int, default=4)
    p.add_argument("--prefix", default="scale", help="client id prefix and first topic level")
    a = p.parse_args()
    brokers = a.brokers.split(",")
    per_client = a.filters // a.clients
    errors, done, threads, latencies = [], [], [], []
    start = time.monotonic()
    for i in range(a.clients):
        t = threading.Thread(target=run_client,
                             args=(i, brokers[i % len(brokers)], per_client, a.batch, a.window, errors, done,
                                   a.prefix, latencies))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, len(latencies) * 99 // 100)] * 1000
    print(f"subscribed filters={per_client * a.clients} seconds={time.monotonic() - start:.1f}"
          f" suback_p50_ms={p50:.1f} suback_p99_ms={p99:.1f}", flush=True)
    sys.stdin.read()  # hold the subscriptions until the caller closes stdin


if __name__ == "__main__":
    main()
