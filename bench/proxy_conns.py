#!/usr/bin/env python3
"""Connection figures of bench/proxy.sh, run by bench/proxy_child.sh inside 'authsome run'.

  proxy_conns.py handshakes N TRUST HOST PORT PROXY_URL [SKIP]
      SKIP (5 unless given) and then N new connections each way, alternating: directly (TCP + TLS
      to 127.0.0.1:PORT) and through the proxy (TCP + CONNECT HOST:PORT + TLS with the proxy, whose
      leaf for HOST is already cached after the first), each followed by one GET /small. Prints the
      medians of the N in ms: "direct_tls proxy_tls direct_first_response proxy_first_response
      failures".
  proxy_conns.py idle N HOST PORT PROXY_URL PROXY_PID
      Opens N connections to the proxy, sends CONNECT on each and stops there (no TLS), then
      counts the answers and prints the proxy's threads before, while they are open (as soon as
      every CONNECT is answered) and 2 s after they are closed.

One SSL context serves every handshake, so that what is timed is the connection, not the loading
of the trust file. Only 127.0.0.1 is ever connected to.
"""
import base64
import socket
import ssl
import statistics
import sys
import time
from urllib.parse import urlsplit


def proxy_address(proxy_url):
    """(port, Proxy-Authorization value) of http://user:pass@127.0.0.1:port."""
    parts = urlsplit(proxy_url)
    token = base64.b64encode(f"{parts.username}:{parts.password}".encode()).decode()
    return parts.port, "Basic " + token


def read_head(sock):
    """The bytes of a response head (through the blank line), or what came before the end."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def connect_through(proxy_port, authorization, host, port, timeout=10):
    sock = socket.create_connection(("127.0.0.1", proxy_port), timeout=timeout)
    sock.sendall(f"CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n"
                 f"Proxy-Authorization: {authorization}\r\n\r\n".encode())
    return sock


def get_small(tls, host, port, authorization):
    """One GET /small on the connection; True when the answer is a 200 with its whole body."""
    tls.sendall(f"GET /small HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: {authorization}\r\n\r\n".encode())
    data = read_head(tls)
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        chunk = tls.recv(65536)
        if not chunk:
            break
        body += chunk
    return head.startswith(b"HTTP/1.1 200 ") and len(body) == length


def one_connection(context, host, port, proxy):
    """Seconds to a finished TLS handshake and to the first full response, and whether it was a 200."""
    started = time.perf_counter()
    if proxy:
        sock = connect_through(proxy[0], proxy[1], host, port)
        if b" 200 " not in read_head(sock).split(b"\r\n")[0]:
            sock.close()
            return None
    else:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    with context.wrap_socket(sock, server_hostname=host) as tls:
        handshake = time.perf_counter() - started
        # Directly the client holds the key; through the proxy a placeholder, which the proxy replaces.
        ok = get_small(tls, host, port, "Bearer placeholder" if proxy else "Bearer bench-key")
        first = time.perf_counter() - started
    return handshake, first, ok


def handshakes(count, trust, host, port, proxy_url, skip=5):
    context = ssl.create_default_context(cafile=trust)
    proxy = proxy_address(proxy_url)
    times = {False: ([], []), True: ([], [])}
    failures = 0
    for i in range(count + skip):  # the first ones each way are not counted
        for through in (False, True):
            result = one_connection(context, host, port, proxy if through else None)
            if result is None or not result[2]:
                failures += 1
            elif i >= skip:
                times[through][0].append(result[0] * 1000)
                times[through][1].append(result[1] * 1000)
    med = lambda values: statistics.median(values) if values else float("nan")
    print(f"{med(times[False][0]):.3f} {med(times[True][0]):.3f} "
          f"{med(times[False][1]):.3f} {med(times[True][1]):.3f} {failures}")


def status_field(pid, name):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    return -1


def threads(pid):
    return status_field(pid, "Threads")


def rss_kib(pid):
    return status_field(pid, "VmRSS")


def idle(count, host, port, proxy_url, pid):
    proxy_port, authorization = proxy_address(proxy_url)
    before, rss_before = threads(pid), rss_kib(pid)
    sockets, not_connected = [], 0
    started = time.perf_counter()
    for _ in range(count):
        try:
            sockets.append(connect_through(proxy_port, authorization, host, port))
        except OSError:
            not_connected += 1
    accepted = refused = reset = 0
    for sock in sockets:
        try:
            status = read_head(sock).split(b"\r\n")[0]
            if b" 200 " in status:
                accepted += 1
            elif b" 503 " in status:
                refused += 1
            else:
                reset += 1  # closed without an answer
        except OSError:
            reset += 1  # reset (the 503 lost with it) or no answer within 10 s
    opened = time.perf_counter() - started
    # At once: the proxy closes a connection that sends nothing after its CONNECT within 10 s.
    during, rss_during = threads(pid), rss_kib(pid)
    for sock in sockets:
        sock.close()
    time.sleep(2)
    after = threads(pid)
    print(f"{count} CONNECTs answered in {opened:.1f} s: {accepted} accepted (200), {refused} refused (503), "
          f"{reset} reset or closed unanswered, {not_connected} not connected")
    print(f"proxy threads: {before} before, {during} with them open, {after} 2 s after closing them")
    if accepted:
        print(f"proxy RSS: {rss_before // 1024} MiB before, {rss_during // 1024} MiB with them open:"
              f" {(rss_during - rss_before) / accepted:.0f} KiB a connection")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "handshakes":
        handshakes(int(args[0]), args[1], args[2], int(args[3]), args[4], *map(int, args[5:6]))
    elif mode == "idle":
        idle(int(args[0]), args[1], int(args[2]), args[3], int(args[4]))
    else:
        sys.exit(f"unknown mode {mode}")
