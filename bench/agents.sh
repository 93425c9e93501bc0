#!/usr/bin/env bash
# Many agents on the daemon's shared proxy against direct TLS connections to the same API,
# measured in the same run (see docs/benchmarks.md): every agent holds several kept-alive
# connections and sends small requests on each.
# Usage: bench/agents.sh [requests per connection] [agents] [connections per agent] [paced req/s] [paced s]
#   defaults: 10 100 8 200 20; 0 req/s leaves out the paced phase.
#   RAMP=s: the agents start one after another over s seconds (default 20; 0: all 800 connections
#   at once); WARM=n: warm-up requests per leg (default 4000).
# Needs the distribution built (mvn -B -q -DskipTests package) and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
authsome=runtime/target/authsome/bin/authsome
[ -x "$authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
requests=${1:-10}
agents=${2:-100}
per_agent=${3:-8}
rate=${4:-200}
seconds=${5:-20}
warm=${WARM:-4000}
ramp=${RAMP:-20}
work=$(mktemp -d)
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$PWD/runtime/target/bench-cache"
cleanup() {
  "$authsome" --quiet daemon stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
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

# A port for the shared proxy where nothing listens, below the ephemeral range, so that no
# outgoing connection takes it before the daemon binds it.
port=$(( 20000 + RANDOM % 12000 ))
while (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; do port=$(( 20000 + RANDOM % 12000 )); done
cat > "$AUTHSOME_HOME/config.json" << JSON
{"proxy": {"upstream_ca_file": "$work/ca.pem", "resolve": {"api.bench.test": "127.0.0.1"}},
 "daemon": {"proxy_port": $port}}
JSON
cat > "$work/bench.json" << 'JSON'
{"name": "bench", "auth_type": "api_key", "api_url": "api.bench.test",
 "api_key": {"header_name": "Authorization", "header_prefix": "Bearer ", "env_var": "BENCH_KEY"}}
JSON
"$authsome" --quiet daemon start > /dev/null
"$authsome" --quiet register "$work/bench.json" > /dev/null
BENCH_KEY=bench-key "$authsome" --quiet login bench > /dev/null

# The agents, added by one script through the daemon; their credentials are read from --json.
for i in $(seq "$agents"); do echo "agent add agent$i --allow bench --json"; done > "$work/agents.txt"
started=$(date +%s%N)
"$authsome" --quiet -f "$work/agents.txt" > "$work/agents.json"
added_ms=$(( ($(date +%s%N) - started) / 1000000 ))
pid=$("$authsome" daemon status --json | sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p')
echo "== the shared proxy against direct TLS ($agents agents added in $added_ms ms; daemon pid $pid, proxy port $port)"

status=0
java -Xss256k bench/AgentsBench.java "$work/server.p12" bench "$work/ca.pem" api.bench.test "$work/agents.json" \
  "$AUTHSOME_HOME/ca/agents/truststore.jks" "$port" "$pid" "$per_agent" "$requests" "$rate" "$seconds" "$warm" "$ramp" || status=$?

"$authsome" --quiet daemon stop > /dev/null
audited=$(cat "$AUTHSOME_HOME"/audit.log* 2> /dev/null | grep -c '"proxy_request"' || true)
refused=$(cat "$AUTHSOME_HOME"/audit.log* 2> /dev/null | grep -c '"proxy_refused"' || true)
echo "audit: $audited proxy_request events, $refused proxy_refused"
grep -i 'proxy' "$AUTHSOME_HOME/logs/daemon.log" | grep -v 'listening on' || true
exit "$status"
