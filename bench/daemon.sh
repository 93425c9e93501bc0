#!/usr/bin/env bash
# The long-lived runtime: one-shot commands through the daemon's thin client next to a bare JVM
# start (a trivial main, with the thin client's JVM options) and to the same commands in-process,
# all measured in the same run. Also: a secret read among 1,000 connections against a vault of one.
# Usage: bench/daemon.sh [runs]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
runs="${1:-15}"
dist=runtime/target/authsome
authsome="$dist/bin/authsome"
[ -x "$authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
export XDG_CACHE_HOME="$work/cache"
stop_daemons() {
  for home in "$work"/home*; do AUTHSOME_HOME="$home" "$authsome" --quiet daemon stop > /dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap stop_daemons EXIT
mkdir -p "$work/bare"
cat > "$work/bare/Bare.java" <<'JAVA'
public class Bare { public static void main(String[] args) { System.out.println("bare"); } }
JAVA
# The floor of any JDK client of the daemon: a trivial main that opens a Unix socket and connects.
# On Java 17 the first Unix socket initialises the security providers and NIO (about 35 ms).
cat > "$work/bare/BareSocket.java" <<'JAVA'
public class BareSocket {
    public static void main(String[] args) throws Exception {
        try (var channel = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.connect(java.net.UnixDomainSocketAddress.of(args[0]));
        }
        System.out.println("bare");
    }
}
JAVA
javac -XDstringConcat=inline -d "$work/bare" "$work/bare/Bare.java" "$work/bare/BareSocket.java"
java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
row() { printf '%-44s %8d %8s\n' "$1" "$2" "$(ratio "$2" "$bare")"; }

key=sk-bench0123456789abcdefghijklmnop
export AUTHSOME_HOME="$work/home1"
mkdir -p "$AUTHSOME_HOME"
OPENAI_API_KEY=$key "$authsome" --quiet login openai > /dev/null
AUTHSOME_NO_DAEMON=1 "$authsome" list --json > /dev/null   # warm the bundle cache and the CDS archive

bare=$(median_ms java "${java_opts[@]}" -cp "$work/bare" Bare)
in_list=$(AUTHSOME_NO_DAEMON=1 median_ms "$authsome" list --json)
in_state=$(AUTHSOME_NO_DAEMON=1 median_ms "$authsome" get openai --field state)
in_run=$(AUTHSOME_NO_DAEMON=1 median_ms "$authsome" run -- true)
"$authsome" --quiet daemon start > /dev/null
"$authsome" list --json > /dev/null
bare_socket=$(median_ms java "${java_opts[@]}" -cp "$work/bare" BareSocket "$AUTHSOME_HOME/run/authsome.sock")
d_list=$(median_ms "$authsome" list --json)
d_state=$(median_ms "$authsome" get openai --field state)
d_run=$(median_ms "$authsome" run -- true)
one=$(median_ms "$authsome" get openai --show-secret --field api_key)

# 1,000 connections, logged in by one script through the daemon.
export AUTHSOME_HOME="$work/home1000"
mkdir -p "$AUTHSOME_HOME"
for i in $(seq 1000); do echo "login openai --connection c$i"; done > "$work/logins.txt"
"$authsome" --quiet daemon start > /dev/null
OPENAI_API_KEY=$key "$authsome" --quiet -f "$work/logins.txt" > /dev/null
many=$(median_ms "$authsome" get openai --connection c500 --show-secret --field api_key)

printf '%-44s %8s %8s\n' "median of $runs runs ($(nproc) cores)" "ms" "x bare"
row "bare JVM (trivial main, client options)" "$bare"
row "bare JVM connecting to the daemon's socket" "$bare_socket"
row "list --json, in-process" "$in_list"
row "list --json, through the daemon" "$d_list"
row "get openai --field state, in-process" "$in_state"
row "get openai --field state, through the daemon" "$d_state"
row "run -- true, in-process" "$in_run"
row "run -- true, through the daemon" "$d_run"
row "get --show-secret, vault of 1 connection" "$one"
row "get --show-secret, vault of 1,000" "$many"
