#!/usr/bin/env bash
# The dashboard's live activity under load: 1,000 audit events a second appended to audit.log (as
# the proxies of other processes append them) for a while, with one page that reads its stream and
# one that stopped reading. The daemon's memory, sampled twice a second with 'daemon status' (the
# daemon takes no attach, so no jcmd): for each 10 s, the lowest heap in use seen (just after a
# collection, what the heap really holds) and the RSS.
# Usage: bench/activity.sh [seconds] [events-per-second]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
rate="${2:-1000}"
authsome="$PWD/runtime/target/authsome/bin/authsome"
[ -x "$authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

source bench/dashboard.sh
"$authsome" --quiet daemon start > /dev/null
pid=$(cat "$AUTHSOME_HOME/run/daemon.pid")
link=$(sign_in_link)

python3 - "$port" "$link" "$AUTHSOME_HOME/audit.log" "$pid" "$seconds" "$rate" "$authsome" <<'PY'
import json, os, re, socket, subprocess, sys, threading, time

port, link, log, pid, seconds, rate, authsome = (int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4],
                                                 int(sys.argv[5]), int(sys.argv[6]), sys.argv[7])

def request(path, cookie=None):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n" + (f"Cookie: {cookie}\r\n" if cookie else "")
               + "\r\n").encode())
    return s

signin = request(link[link.index("/signin"):])
head = signin.recv(65536).decode()
cookie = re.search(r"Set-Cookie: ([^;]+)", head, re.I).group(1)
signin.close()

def status():
    """The daemon's heap in use (MiB) and its RSS (MiB), now."""
    out = subprocess.run([authsome, "daemon", "status", "--json"], capture_output=True, text=True).stdout
    rss = int(re.search(r"VmRSS:\s+(\d+)", open(f"/proc/{pid}/status").read()).group(1)) / 1024
    return json.loads(out)["heap_used_mb"], rss

windows = []  # (second, lowest heap in use, RSS at the end of the window)
def sample(stop):
    lowest, began = None, time.monotonic()
    while not stop.is_set():
        heap, rss = status()
        lowest = heap if lowest is None else min(lowest, heap)
        if time.monotonic() - began >= 10:
            windows.append((round(time.monotonic() - start), lowest, rss))
            lowest, began = None, time.monotonic()
        time.sleep(0.5)

received = 0
def reader():
    global received
    s = request("/activity/stream", cookie)
    f = s.makefile("rb")
    for line in f:
        if line.startswith(b"data: {"):
            received += 1

threading.Thread(target=reader, daemon=True).start()
stalled = request("/activity/stream", cookie)  # connected, never read
stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
time.sleep(1)

before = status()
line = json.dumps({"time": "", "event": "proxy_request", "profile": "default", "provider": "github",
                   "connection": "default", "outcome": "success", "pid": 1, "mode": "injected",
                   "host": "api.github.com", "method": "GET", "path": "/repos/authsome/authsome/pulls",
                   "status": 200, "bytes_sent": 0, "bytes_received": 5120, "duration_ms": 41})
fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
written, start, batch = 0, time.monotonic(), max(rate // 100, 1)
stop = threading.Event()
threading.Thread(target=sample, args=(stop,), daemon=True).start()
while time.monotonic() - start < seconds:
    now = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".000Z"
    os.write(fd, ((line.replace('"time": ""', '"time": "' + now + '"') + "\n") * batch).encode())
    written += batch
    pause = start + written / rate - time.monotonic()
    if pause > 0:
        time.sleep(pause)
stop.set()
os.close(fd)
elapsed = time.monotonic() - start
time.sleep(2)
print(f"{written:,} events in {elapsed:.0f} s ({written / elapsed:,.0f}/s); the reading page got {received:,}"
      f" ({100 * received / written:.1f}%); a second page connected and stopped reading")
print(f"{'':>8} {'lowest heap in use MiB':>23} {'RSS MiB':>9}")
print(f"{'before':>8} {before[0]:>23} {before[1]:>9.0f}")
for second, heap, rss in windows:
    print(f"{str(second) + ' s':>8} {heap:>23} {rss:>9.0f}")
PY
