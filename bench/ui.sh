#!/usr/bin/env bash
# The dashboard's overview at the server: 45 bundled providers and 1,000 connections, signed in,
# fetched back to back with curl (time to the last byte, loopback), next to the same page with
# one connection, all in the same run; the daemon's heap before and after.
# Usage: bench/ui.sh [requests]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-200}"
authsome="$PWD/runtime/target/authsome/bin/authsome"
[ -x "$authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
command -v curl > /dev/null || { echo "needs curl" >&2; exit 1; }

source bench/dashboard.sh
export OPENAI_API_KEY=sk-bench0123456789abcdefghijklmnop
"$authsome" --quiet login openai > /dev/null
"$authsome" --quiet daemon start > /dev/null

# Times $requests fetches of the overview; prints the median and the 99th percentile in ms.
overview_ms() {
  local link cookie="$work/cookies"
  link=$(sign_in_link)
  rm -f "$cookie"
  curl -s -o /dev/null -c "$cookie" "$link"
  for _ in $(seq 20); do curl -s -o /dev/null -b "$cookie" "http://127.0.0.1:$port/"; done   # warm-up
  for _ in $(seq "$requests"); do
    curl -s -o /dev/null -b "$cookie" -w '%{time_total}\n' "http://127.0.0.1:$port/"
  done | sort -n | awk '{a[NR] = $1 * 1000} END {printf "%.1f %.1f", a[int((NR + 1) / 2)], a[int(NR * 0.99)]}'
}

heap() { "$authsome" daemon status --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["heap_used_mb"])'; }

read -r one_p50 one_p99 <<< "$(overview_ms)"
for i in $(seq 1000); do echo "login openai --connection c$i --quiet"; done > "$work/fill.txt"
"$authsome" -f "$work/fill.txt" > /dev/null
bytes=$(curl -s -b "$work/cookies" "http://127.0.0.1:$port/" | wc -c)
read -r many_p50 many_p99 <<< "$(overview_ms)"

printf '%-52s %8s %8s\n' "overview, $requests requests ($(nproc) cores)" "p50 ms" "p99 ms"
printf '%-52s %8s %8s\n' "1 connection" "$one_p50" "$one_p99"
printf '%-52s %8s %8s\n' "1,001 connections ($((bytes / 1024)) KiB page)" "$many_p50" "$many_p99"
echo "daemon heap used after: $(heap) MiB"
