#!/usr/bin/env bash
# The measuring half of bench/proxy.sh, run by it as the child of 'authsome run': the same
# clients with the same settings against nginx directly and through the proxy, figures side by
# side. Not meant to be run by hand.
#
# h2load speaks no HTTP proxy, so the proxied runs go through a CONNECT tunnel: socat listens on
# loopback and, for each connection h2load opens, sends CONNECT api.bench.test:<nginx port> with
# the run's proxy credential. The proxy then intercepts that connection as it would any client's.
# socat's own CPU is measured and printed, so that it can be told apart from the proxy's.
# Both of socat's sockets are TCP_NODELAY, as the proxy's and nginx's are: otherwise socat holds
# back the second of two small writes (an HTTP/2 answer's HEADERS, then its DATA) for the client's
# delayed ACK, some 40 ms, which would be counted against the proxy.
set -euo pipefail
: "${BENCH_WORK:?run bench/proxy.sh, not this script}"
work=$BENCH_WORK host=$BENCH_HOST port=$BENCH_PORT soak=$BENCH_SOAK
hz=$(getconf CLK_TCK)
failures=0

# Counts: the cold figure is always the first 2,000 requests of a fresh proxy, the warm ones
# follow 20,000 requests; --quick makes the rest smaller.
cold=2000 warmup=18000
if [ "$BENCH_QUICK" = 1 ]; then
  rounds=1 round=10000 latency_n=2000 mib_n=200 conns_n=30 conns_warmup=300 h2_n=20000 rss_target=30000 idle_n=2000
else
  rounds=3 round=25000 latency_n=5000 mib_n=1000 conns_n=100 conns_warmup=1000 h2_n=20000 rss_target=100000 idle_n=2000
fi

# The proxy is the JVM of 'authsome run' (the launcher, in-process): the nearest java ancestor.
# A thin client instead would mean a daemon runs the proxy, and its figures would not be this run's.
find_proxy() {
  local pid=$PPID cmd
  while [ "$pid" -gt 1 ]; do
    cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline")
    if [[ $cmd == *java* ]]; then
      [[ $cmd == *authsome-launcher.jar*run* ]] && { echo "$pid"; return; }
      echo "the proxy is not in this run's JVM (a daemon?): $cmd" >&2
      exit 1
    fi
    pid=$(awk '{print $4}' "/proc/$pid/stat")
  done
  echo "no 'authsome run' JVM above this process" >&2
  exit 1
}

# CPU ticks (user + system, all threads) of a process; with "all", those of its reaped children too.
cpu_ticks() {
  sed 's/.*) //' "/proc/$1/stat" | awk -v all="${2:-}" '{print $12 + $13 + (all ? $14 + $15 : 0)}'
}
# CPU ticks of a JVM's JIT compiler threads (a thread that ended since is not counted).
jit_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    if [[ $(cat "$task/comm" 2> /dev/null) == C[12]\ CompilerThre* ]]; then
      sed 's/.*) //' "$task/stat" 2> /dev/null | awk '{print $12 + $13}'
    fi
  done | awk '{sum += $1} END {print sum + 0}'
}
status_field() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
rss_mib() { echo $(($(status_field "$1" VmRSS) / 1024)); }
ms_per() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN {printf "%.3f", t * 1000 / hz / n}'; }
ms() { awk -v us="$1" -v sign="${2:-}" 'BEGIN {printf "%" sign ".3f", us / 1000}'; }  # µs as ms; "+": signed
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2fx", b / a}'; }
met() { awk "BEGIN {exit !($1)}" && echo "met" || echo "NOT met"; }

# One row of the table: figure, direct, proxy, ratio or added, goal (and whether it is met).
row() { printf '%-50s %14s %14s %12s  %s\n' "$@"; }

# The tunnel h2load uses to reach the proxy (see the top of this file).
start_tunnel() {
  local credential=${HTTPS_PROXY#http://}
  credential=${credential%@*}
  proxy_port=${HTTPS_PROXY##*:}
  proxy_port=${proxy_port%/}
  tunnel_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  socat "TCP-LISTEN:$tunnel_port,bind=127.0.0.1,reuseaddr,fork,nodelay" \
    "PROXY:127.0.0.1:$host:$port,proxyport=$proxy_port,proxyauth=$credential,nodelay" 2> /dev/null &
  socat_pid=$!
  # Waits for the listener without connecting to it: a connection would reach the proxy, which
  # must still be cold for the first figure.
  local i
  for i in $(seq 50); do
    ss -Hltn "sport = :$tunnel_port" | grep -q . && return
    sleep 0.1
  done
  echo "socat did not listen" >&2
  exit 1
}

# h2load at nginx, directly (with the key) or through the tunnel (with a placeholder the proxy
# must replace); the URL, and so SNI and Host, are the same both ways. Sets $rate (requests/s as
# h2load reports it) and counts every answer that is not a 200 as a failure.
# Usage: load direct|proxy h2load-options... PATH
load() {
  local via=$1 target auth
  shift
  if [ "$via" = direct ]; then
    target=127.0.0.1:$port auth="Bearer bench-key"
  else
    target=127.0.0.1:$tunnel_port auth="Bearer placeholder"
  fi
  local args=("$@")
  local path=${args[-1]}
  unset 'args[-1]'
  timeout 900 h2load "${args[@]}" --connect-to "$target" -H "Authorization: $auth" "https://$host:$port$path" \
    > "$work/h2load.out" 2>&1 || true
  rate=$(awk '/^finished in/ {printf "%.0f", $4}' "$work/h2load.out")
  local total ok
  total=$(awk '/^requests:/ {print $2}' "$work/h2load.out")
  ok=$(awk '/^status codes:/ {print $3}' "$work/h2load.out")
  # With a duration (-D), h2load can count one 2xx more than the requests it finished: the answer
  # that came as the time ran out.
  if [ -z "$total" ] || [ "${ok:-0}" -lt "$total" ]; then
    failures=$((failures + ${total:-1} - ${ok:-0}))
    echo "!! $via $path (${args[*]}): $((${total:-1} - ${ok:-0})) of ${total:-?} requests not 200:" \
      "$(grep -E '^(requests|status codes):' "$work/h2load.out" | tr '\n' ' ')"
  fi
}

# A percentile (µs) of the per-request times in an h2load log.
percentile() { awk '{print $3}' "$1" | sort -n | awk -v p="$2" '{a[NR] = $1} END {i = int(NR * p); print a[i < 1 ? 1 : i]}'; }

# The median of several h2load rates.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

proxy=$(find_proxy)
start_tunnel
trap 'kill "$socat_pid" 2> /dev/null' EXIT
trap 'exit 143' TERM INT
small_done=0  # small requests through the proxy so far
rss_before=$(rss_mib "$proxy") threads_before=$(status_field "$proxy" Threads)

row "figure" "direct" "proxy" "ratio/added" "goal"

# 1. Small requests over 8 keep-alive HTTP/1.1 connections. nginx gets 2,000 requests first,
#    directly, so that only the proxy is cold; then the first 2,000 of the fresh proxy; then
#    20,000 in all through it; then direct and proxied rounds alternate (medians).
load direct --h1 -c8 -n "$cold" /small
cpu0=$(cpu_ticks "$proxy") jit0=$(jit_ticks "$proxy")
load proxy --h1 -c8 -n "$cold" /small
cold_rate=$rate cold_cpu=$(($(cpu_ticks "$proxy") - cpu0)) cold_jit=$(($(jit_ticks "$proxy") - jit0))
load proxy --h1 -c8 -n "$warmup" /small
small_done=$((cold + warmup))
direct_rates=() proxy_rates=() round_cpus=() warm_cpu=0 warm_jit=0 tunnel_cpu=0
for _ in $(seq "$rounds"); do
  load direct --h1 -c8 -n "$round" /small
  direct_rates+=("$rate")
  cpu0=$(cpu_ticks "$proxy") jit0=$(jit_ticks "$proxy") tunnel0=$(cpu_ticks "$socat_pid" all)
  load proxy --h1 -c8 -n "$round" /small
  proxy_rates+=("$rate")
  sleep 0.3  # socat reaps its per-connection children, whose CPU it then counts
  round_cpus+=("$(ms_per $(($(cpu_ticks "$proxy") - cpu0)) "$round")")
  warm_cpu=$((warm_cpu + $(cpu_ticks "$proxy") - cpu0)) warm_jit=$((warm_jit + $(jit_ticks "$proxy") - jit0))
  tunnel_cpu=$((tunnel_cpu + $(cpu_ticks "$socat_pid" all) - tunnel0))
done
small_done=$((small_done + rounds * round))
direct_rate=$(median "${direct_rates[@]}") warm_rate=$(median "${proxy_rates[@]}")
row "small req/s, 8 conns: proxy cold, first $cold" "$direct_rate" "$cold_rate" "$(ratio "$direct_rate" "$cold_rate")" \
  ">=0.35x $(met "$cold_rate >= 0.35 * $direct_rate")"
row "small req/s, 8 conns: proxy warm, median of $rounds" "$direct_rate" "$warm_rate" "$(ratio "$direct_rate" "$warm_rate")" \
  ">=0.5x $(met "$warm_rate >= 0.5 * $direct_rate")"

# 2. Latency: sequential requests on one kept-alive connection, each timed by h2load.
load direct --h1 -c1 -n "$latency_n" --log-file "$work/direct.log" /small
load proxy --h1 -c1 -n "$latency_n" --log-file "$work/proxy.log" /small
small_done=$((small_done + latency_n))
for p in 50 99; do
  d=$(percentile "$work/direct.log" 0.$p) x=$(percentile "$work/proxy.log" 0.$p)
  row "latency p$p, 1 conn, ms ($latency_n sequential)" "$(ms "$d")" "$(ms "$x")" "$(ms $((x - d)) +)"
done

# 3. Memory after many small requests (the rest up to the target), before any large body.
if [ "$small_done" -lt "$rss_target" ]; then
  load proxy --h1 -c8 -n $((rss_target - small_done)) /small
  small_done=$rss_target
fi
rss_small=$(rss_mib "$proxy")

# 4. 1 MiB bodies over 8 connections (as many to warm up first, not counted).
load direct --h1 -c8 -n "$mib_n" /1m
load direct --h1 -c8 -n "$mib_n" /1m
direct_mib=$rate
load proxy --h1 -c8 -n "$mib_n" /1m
cpu0=$(cpu_ticks "$proxy") tunnel0=$(cpu_ticks "$socat_pid" all)
load proxy --h1 -c8 -n "$mib_n" /1m
proxy_mib=$rate
sleep 0.3
mib_cpu=$(($(cpu_ticks "$proxy") - cpu0)) mib_tunnel_cpu=$(($(cpu_ticks "$socat_pid" all) - tunnel0))
row "1 MiB bodies, 8 conns, MiB/s ($mib_n)" "$direct_mib" "$proxy_mib" "$(ratio "$direct_mib" "$proxy_mib")" \
  ">=0.7x $(met "$proxy_mib >= 0.7 * $direct_mib")"

# 5. New connections: TCP + TLS directly, TCP + CONNECT + TLS through the proxy (its leaf for
#    the host is cached by now), then the first response on it (through the proxy that includes
#    the proxy's own new connection to nginx). One python3 process, one SSL context. First after
#    the rest, when the proxy's code run once a connection is still cold (it ran for a few dozen
#    connections), then warm: after $conns_warmup more each way.
cat "$work/ca.pem" "$work/home/ca/ca.pem" > "$work/trust.pem"  # the bench CA and the proxy's
new_connections() {  # label, connections before the counted ones
  local d_tls x_tls d_first x_first conn_failures cpu0
  cpu0=$(cpu_ticks "$proxy")
  read -r d_tls x_tls d_first x_first conn_failures < <(python3 bench/proxy_conns.py handshakes "$conns_n" \
    "$work/trust.pem" "$host" "$port" "$HTTPS_PROXY" "$2")
  failures=$((failures + conn_failures))
  [ "$conn_failures" = 0 ] || echo "!! $conn_failures new connections failed"
  row "new conn$1: TCP(+CONNECT)+TLS, ms (median of $conns_n)" "$d_tls" "$x_tls" "$(ratio "$d_tls" "$x_tls")" \
    "<2x $(met "$x_tls < 2 * $d_tls")"
  row "new conn$1: first response, ms (median)" "$d_first" "$x_first" "$(ratio "$d_first" "$x_first")"
  row "  proxy CPU a new connection and its request, ms" "" "$(ms_per $(($(cpu_ticks "$proxy") - cpu0)) $(($2 + conns_n)))" ""
}
new_connections "" 5
new_connections ", warm" "$conns_warmup"

# 6. The proxy's CPU: what the proxied phases above cost it.
row "proxy CPU a small request, ms: cold / warm" "" "$(ms_per "$cold_cpu" "$cold") / $(ms_per "$warm_cpu" $((rounds * round)))" "" \
  "<0.15 $(met "$warm_cpu * 1000 / $hz < 0.15 * $rounds * $round")"
row "  (of which the JIT compiling: cold / warm)" "" "$(ms_per "$cold_jit" "$cold") / $(ms_per "$warm_jit" $((rounds * round)))" ""
# The JIT is still compiling in the first warm round: the rounds one by one show it ending.
[ "$rounds" -gt 1 ] && row "  (warm, round by round)" "" "$(printf '%s / ' "${round_cpus[@]}" | sed 's| / $||')" ""
row "proxy CPU a MiB, ms" "" "$(ms_per "$mib_cpu" "$mib_n")" "" "<3 $(met "$mib_cpu * 1000 / $hz < 3 * $mib_n")"
row "  (tunnel, socat: a small request / a MiB)" "" "$(ms_per "$tunnel_cpu" $((rounds * round))) / $(ms_per "$mib_tunnel_cpu" "$mib_n")" ""

# 7. HTTP/2: 8 streams on one connection, offering h2 only, both ways (through the proxy: HTTP/2
#    to it, and from it to nginx, which offers h2). As many first, not counted, so that both are warm.
load direct -c1 -m8 -n "$h2_n" --npn-list=h2 /small
load direct -c1 -m8 -n "$h2_n" --npn-list=h2 /small
direct_h2=$rate
load proxy -c1 -m8 -n "$h2_n" --npn-list=h2 /small
cpu0=$(cpu_ticks "$proxy")
load proxy -c1 -m8 -n "$h2_n" --npn-list=h2 /small
proxy_h2=$rate h2_cpu=$(($(cpu_ticks "$proxy") - cpu0))
if grep -q '^Application protocol: h2' "$work/h2load.out"; then
  row "HTTP/2 req/s, 1 conn x 8 streams ($h2_n)" "$direct_h2" "$proxy_h2" "$(ratio "$direct_h2" "$proxy_h2")"
  row "proxy CPU an HTTP/2 request, ms" "" "$(ms_per "$h2_cpu" "$h2_n")" ""
else
  failures=$((failures + 1))
  echo "!! the proxy did not negotiate h2: $(grep -E '^(Application protocol|No protocol)' "$work/h2load.out")"
fi
#    The same with 1 MiB bodies (as many first, not counted): the answers of 8 streams share the
#    client connection, each moved into its stream by the reactor as it arrives from nginx.
load direct -c1 -m8 -n "$mib_n" --npn-list=h2 /1m
load direct -c1 -m8 -n "$mib_n" --npn-list=h2 /1m
direct_h2_mib=$rate
load proxy -c1 -m8 -n "$mib_n" --npn-list=h2 /1m
cpu0=$(cpu_ticks "$proxy")
load proxy -c1 -m8 -n "$mib_n" --npn-list=h2 /1m
proxy_h2_mib=$rate h2_mib_cpu=$(($(cpu_ticks "$proxy") - cpu0))
row "HTTP/2 1 MiB bodies, 1 conn x 8 streams, MiB/s ($mib_n)" "$direct_h2_mib" "$proxy_h2_mib" \
  "$(ratio "$direct_h2_mib" "$proxy_h2_mib")"
row "proxy CPU a MiB over HTTP/2, ms" "" "$(ms_per "$h2_mib_cpu" "$mib_n")" ""

# 8. Memory.
row "proxy RSS, MiB: before / after $small_done small" "" "$rss_before / $rss_small" "" \
  "<150 $(met "$rss_small < 150")"
row "proxy RSS, MiB: after the 1 MiB bodies" "" "$(rss_mib "$proxy")" ""

# 9. Optional soak: small requests for $soak seconds, in runs of at most a minute (each bounded
#    by h2load's own -D), the proxy's memory after each.
if [ "$soak" -gt 0 ]; then
  echo "== soak: small requests over 8 connections for $soak s"
  left=$soak
  while [ "$left" -gt 0 ]; do
    d=$((left < 60 ? left : 60))
    load proxy --h1 -c8 -D "$d" /small
    left=$((left - d))
    printf '%5d s: %8.0f req/s, RSS %d MiB, %d threads\n' $((soak - left)) "$rate" "$(rss_mib "$proxy")" \
      "$(status_field "$proxy" Threads)"
  done
fi

# 10. Idle connections, last, as they leave threads behind for a while: CONNECT and nothing more.
echo "== $idle_n idle connections to the proxy (threads before the load: $threads_before; at most 512 open at once)"
python3 bench/proxy_conns.py idle "$idle_n" "$host" "$port" "$HTTPS_PROXY" "$proxy"
# 11. Blind tunnels: CONNECT to 127.0.0.1, which no provider routes, so the proxy connects nginx and
# relays the bytes, held open (nginx waits for a TLS handshake that does not come).
echo "== $idle_n blind tunnels to nginx held open (at most 512 at once)"
python3 bench/proxy_conns.py idle "$idle_n" 127.0.0.1 "$port" "$HTTPS_PROXY" "$proxy"

echo "failed requests (not 200, or no answer): $failures"
[ "$failures" = 0 ]
