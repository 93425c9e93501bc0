#!/usr/bin/env bash
# The proxy of 'authsome run' against a direct connection, measured in the same run (see
# docs/benchmarks.md). Usage: bench/proxy.sh [runs] [gib]. Needs the distribution built
# (mvn -B -q -DskipTests package) and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
authsome=runtime/target/authsome/bin/authsome
runs=${1:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$PWD/runtime/target/bench-cache"
mkdir -p "$AUTHSOME_HOME"

# An API server certificate from a CA of the benchmark's own.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
  -days 1 -subj "/CN=bench CA" -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign" 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/server.key" -out "$work/server.csr" \
  -subj "/CN=api.bench.test" 2> /dev/null
printf 'subjectAltName=DNS:api.bench.test,IP:127.0.0.1\nbasicConstraints=CA:false\n' > "$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
  -extfile "$work/ext" -out "$work/server.pem" 2> /dev/null
openssl pkcs12 -export -in "$work/server.pem" -inkey "$work/server.key" -out "$work/server.p12" -passout pass:bench

cat > "$AUTHSOME_HOME/config.json" << JSON
{"proxy": {"upstream_ca_file": "$work/ca.pem", "resolve": {"api.bench.test": "127.0.0.1"}}}
JSON
cat > "$work/bench.json" << 'JSON'
{"name": "bench", "auth_type": "api_key", "api_url": "api.bench.test",
 "api_key": {"header_name": "Authorization", "header_prefix": "Bearer ", "env_var": "BENCH_KEY"}}
JSON
"$authsome" --quiet register "$work/bench.json" > /dev/null
BENCH_KEY=bench-key "$authsome" --quiet login bench > /dev/null

echo "== proxy against direct ($(nproc) cores)"
"$authsome" run -- java bench/ProxyBench.java "$work/server.p12" bench "$work/ca.pem" api.bench.test ${2:-}

# shellcheck source=bench/timing.sh
source bench/timing.sh
echo "== wall time, median of $runs"
echo "authsome version:        $(median_ms "$authsome" version) ms"
echo "authsome run -- true:    $(median_ms "$authsome" run -- true) ms"
