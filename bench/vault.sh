#!/usr/bin/env bash
# Vault scaling benchmark: wall time of `list --json` and `get --show-secret` with an empty
# vault, then with 1,000 connections in the profile, measured in the same run.
# Usage: bench/vault.sh [runs] [connections]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
runs="${1:-10}"
count="${2:-1000}"
authsome="$PWD/runtime/target/authsome/bin/authsome"
[ -x "$authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$work/cache"
cat > "$work/bench.json" <<'JSON'
{"name": "bench", "auth_type": "api_key", "api_url": "api.bench.invalid", "api_key": {"env_var": "BENCH_KEY"}}
JSON
"$authsome" register "$work/bench.json" > /dev/null
export BENCH_KEY="bench-key-0123456789abcdef"


"$authsome" login bench --connection probe > /dev/null
empty_list=$(median_ms "$authsome" list --json)
empty_get=$(median_ms "$authsome" get bench --connection probe --show-secret)

start=$(date +%s%N)
for i in $(seq "$count"); do echo "login bench --connection c$i --quiet"; done > "$work/fill.txt"
"$authsome" -f "$work/fill.txt" > /dev/null
fill_ms=$(( ($(date +%s%N) - start) / 1000000 ))

full_list=$(median_ms "$authsome" list --json)
full_get=$(median_ms "$authsome" get bench --connection probe --show-secret)

printf '%-34s %8s %8s %8s\n' "median of $runs runs (ms)" "1 conn" "$((count + 1)) conn" "delta"
printf '%-34s %8d %8d %8d\n' "list --json" "$empty_list" "$full_list" "$((full_list - empty_list))"
printf '%-34s %8d %8d %8d\n' "get --show-secret" "$empty_get" "$full_get" "$((full_get - empty_get))"
printf '%-34s %8d ms (%d logins in one script, %.1f ms each)\n' "filling the vault" "$fill_ms" "$count" \
  "$(awk -v a="$fill_ms" -v b="$count" 'BEGIN { print a / b }')"
