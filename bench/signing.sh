#!/usr/bin/env bash
# What request signing costs at the proxy of 'authsome run' (see docs/benchmarks.md): small
# requests to one nginx through the proxy, to a bearer-header provider and to the aws provider
# (SigV4, body hashed first), interleaved in the same run; the bearer provider's host is an AWS host
# name too (an exact host, which wins over the aws provider's *.amazonaws.com), so that both take
# the same way through the route table and differ only by how the credential is set; then a large S3 upload
# (UNSIGNED-PAYLOAD, streamed) with the proxy's memory sampled.
# Usage: bench/signing.sh [upload MiB, default 100]. Needs the distribution built
# (mvn -B -q -DskipTests package), nginx and openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
authsome=$PWD/runtime/target/authsome/bin/authsome
command -v nginx > /dev/null || { echo "bench/signing.sh needs nginx (apt-get install nginx-light)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "$(cat "$work/nginx.pid" 2> /dev/null)" 2> /dev/null || true; rm -rf "$work"' EXIT
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$PWD/runtime/target/bench-cache" AUTHSOME_NO_DAEMON=1
mkdir -p "$AUTHSOME_HOME"
port=$((20000 + RANDOM % 20000))
sts=sts.us-east-1.amazonaws.com
bearer=sts.eu-west-1.amazonaws.com
s3=bench-bucket.s3.us-east-1.amazonaws.com

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/ca.key" -out "$work/ca.pem" \
  -days 1 -subj "/CN=bench CA" -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign" 2> /dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/server.key" -out "$work/server.csr" \
  -subj "/CN=bench" 2> /dev/null
printf 'subjectAltName=DNS:%s,DNS:%s,DNS:%s\nbasicConstraints=CA:false\n' "$bearer" "$sts" "$s3" > "$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
  -extfile "$work/ext" -out "$work/server.pem" 2> /dev/null

# nginx answers who signed: the bearer key, a SigV4 signature of the benchmark's key id, or nobody.
cat > "$work/nginx.conf" << CONF
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_max_body_size 0;
  client_body_temp_path $work/body;
  map \$http_authorization \$who {
    "Bearer bench-key" bearer;
    "~^AWS4-HMAC-SHA256 Credential=AKIABENCH" signed;
    default none;
  }
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $work/server.pem;
    ssl_certificate_key $work/server.key;
    keepalive_requests 100000;
    location / { default_type text/plain; return 200 "\$who\n"; }
  }
}
CONF
nginx -p "$work" -c "$work/nginx.conf"

cat > "$AUTHSOME_HOME/config.json" << JSON
{"proxy": {"upstream_ca_file": "$work/ca.pem",
           "resolve": {"$bearer": "127.0.0.1", "$sts": "127.0.0.1", "$s3": "127.0.0.1"}}}
JSON
cat > "$work/bench.json" << JSON
{"name": "bench", "auth_type": "api_key", "api_url": "$bearer",
 "api_key": {"header_name": "Authorization", "header_prefix": "Bearer ", "env_var": "BENCH_KEY"}}
JSON
"$authsome" --quiet register "$work/bench.json" > /dev/null
BENCH_KEY=bench-key "$authsome" --quiet login bench > /dev/null
AWS_ACCESS_KEY_ID=AKIABENCH00000000000 AWS_SECRET_ACCESS_KEY=benchbenchbenchbenchbenchbenchbenchbench \
  AWS_REGION=us-east-1 "$authsome" --quiet login aws > /dev/null

echo "== request signing at the proxy ($(nproc) cores, nginx $(nginx -v 2>&1 | sed 's/.*\///'))"
"$authsome" run -- java bench/SigningBench.java "https://$bearer:$port/" "https://$sts:$port/" \
  "https://$s3:$port/upload.bin" "${1:-100}" "$(getconf CLK_TCK)"
