#!/usr/bin/env bash
# The proxy of 'authsome run' against a direct connection to a fast upstream, side by side in one
# run (see docs/benchmarks.md, "The run proxy"). The upstream is nginx with TLS on loopback; the
# clients are h2load (load, latency, HTTP/2) and a small python3 program (new and idle
# connections); the measuring itself is bench/proxy_child.sh, run as the child of 'authsome run'.
#
# Usage: bench/proxy.sh [--quick] [--soak SECONDS]
#   --quick          smaller counts (30-45 s here; a full run takes about 80 s)
#   --soak SECONDS   keep small requests going through the proxy for SECONDS at the end and print
#                    its memory each minute (600 for the full check; off by default)
# Needs the distribution built (mvn -B -q -DskipTests package); installs nginx-light,
# nghttp2-client (h2load), socat, curl and openssl when they are missing. Only 127.0.0.1 is used.
set -euo pipefail
cd "$(dirname "$0")/.."
authsome=$PWD/runtime/target/authsome/bin/authsome
host=api.bench.test

quick=0 soak=0
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=1 ;;
    --soak) soak=${2:?--soak needs a number of seconds}; shift ;;
    *) echo "usage: bench/proxy.sh [--quick] [--soak SECONDS]" >&2; exit 64 ;;
  esac
  shift
done
[[ $soak =~ ^[0-9]+$ ]] || { echo "--soak takes whole seconds" >&2; exit 64; }
[ -x "$authsome" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }

# The Debian packages of the tools this benchmark runs, installed only when missing
# (apt-get update once, and only if something is missing).
install_missing() {
  local missing=() tool
  for tool in nginx:nginx-light h2load:nghttp2-client socat:socat curl:curl openssl:openssl python3:python3; do
    command -v "${tool%%:*}" > /dev/null || missing+=("${tool#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "installing ${missing[*]}" >&2
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" > /dev/null
}

# A free TCP port on loopback (bound and released; nothing else here races for it).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# An API server certificate for $host from a CA of the benchmark's own.
make_certs() {
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
    -days 1 -subj "/CN=bench CA" -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign" 2> /dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/server.key" -out "$work/server.csr" \
    -subj "/CN=$host" 2> /dev/null
  printf 'subjectAltName=DNS:%s,IP:127.0.0.1\nbasicConstraints=CA:false\n' "$host" > "$work/ext"
  openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
    -extfile "$work/ext" -out "$work/server.pem" 2> /dev/null
}

# nginx in the foreground (daemon off), everything it writes under $work/nginx. One worker: it
# answers about 100,000 small requests/s here, far more than the proxy, and leaves the other core
# to the client. /small and /1m answer 403 unless the API key arrived, so every 200 through the
# proxy proves the key was injected (the proxied client sends only a placeholder).
start_nginx() {
  mkdir -p "$work/nginx/www"
  head -c 1048576 /dev/urandom > "$work/nginx/www/1m"
  # As root the workers would switch to nginx's default user, who cannot read this private
  # directory; as anyone else they run as that user anyway.
  local user=
  [ "$(id -u)" = 0 ] && user="user root;"
  cat > "$work/nginx/nginx.conf" << CONF
$user
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 600s;
  server {
    listen 127.0.0.1:$port ssl http2;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    root $work/nginx/www;
    if (\$http_authorization != "Bearer bench-key") { return 403; }
    location = /small { default_type text/plain; return 200 "$(printf '%063d' 0)\n"; }
    location = /1m { default_type application/octet-stream; }
  }
}
CONF
  nginx -e "$work/nginx/error.log" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  nginx_pid=$!
  local i
  for i in $(seq 50); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$work/ca.pem" --resolve "$host:$port:127.0.0.1" \
      -H 'Authorization: Bearer bench-key' "https://$host:$port/small")" = 200 ] && return
    sleep 0.1
  done
  echo "nginx did not start:" >&2
  cat "$work/nginx/error.log" >&2
  exit 1
}

# A fresh home (so no daemon serves it, and the proxy is the JVM of 'authsome run' itself) with
# one api_key provider whose API host is pinned to loopback and trusted through the bench CA.
make_home() {
  export AUTHSOME_HOME="$work/home" AUTHSOME_NO_DAEMON=1
  mkdir -p "$AUTHSOME_HOME"
  cat > "$AUTHSOME_HOME/config.json" << JSON
{"proxy": {"upstream_ca_file": "$work/ca.pem", "resolve": {"$host": "127.0.0.1"}}}
JSON
  cat > "$work/bench.json" << JSON
{"name": "bench", "auth_type": "api_key", "api_url": "$host",
 "api_key": {"header_name": "Authorization", "header_prefix": "Bearer ", "env_var": "BENCH_KEY"}}
JSON
  "$authsome" --quiet register "$work/bench.json" > /dev/null
  BENCH_KEY=bench-key "$authsome" --quiet login bench > /dev/null
}

# On any exit: the run (if it is still going; it passes SIGTERM on to the child, which stops its
# tunnel), nginx, and the temporary directory.
cleanup() {
  set +e
  [ -n "${run_pid:-}" ] && kill "$run_pid" 2> /dev/null && wait "$run_pid" 2> /dev/null
  [ -n "${nginx_pid:-}" ] && kill "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null
  rm -rf "$work"
}

install_missing
work=$(mktemp -d)
trap cleanup EXIT
trap 'exit 130' INT TERM
export XDG_CACHE_HOME="$PWD/runtime/target/bench-cache"
port=$(free_port)
make_certs
start_nginx
make_home

# The load average is printed because the figures are only as quiet as the machine.
echo "== the proxy of 'authsome run' against nginx directly ($(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)," \
  "$(nginx -v 2>&1 | sed 's/.*: //'), $(h2load --version | head -1)$([ $quick = 1 ] && echo ', --quick'))"
# In the background, so that the trap can stop it.
BENCH_WORK=$work BENCH_HOST=$host BENCH_PORT=$port BENCH_QUICK=$quick BENCH_SOAK=$soak \
  "$authsome" run -- bash bench/proxy_child.sh &
run_pid=$!
wait "$run_pid"
run_pid=

# shellcheck source=bench/timing.sh
source bench/timing.sh
runs=$([ $quick = 1 ] && echo 5 || echo 9)
echo "== wall time, median of $runs"
echo "authsome version:        $(median_ms "$authsome" version) ms"
echo "authsome run -- true:    $(median_ms "$authsome" run -- true) ms"
