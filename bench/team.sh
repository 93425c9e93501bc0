#!/usr/bin/env bash
# The team store (docs/team.md), measured on this machine against a real PostgreSQL started here:
#  1. get --show-secret through a daemon, file store and postgres store, alternating, each run a
#     new thin-client process as users run it: p50 and p90 of each and the difference.
#  2. Lookups by 50 concurrent clients (bench/TeamBench.java, the thin client's own code over the
#     daemon's socket; a warm-up as long as the measure first): one daemon on the file store and
#     one on the postgres store, an API key; then 10 daemons of 10 homes sharing the store on an
#     OAuth token that comes due every 10 s: the latency distribution, and the refreshes the
#     authorization server saw per token that came due.
# Usage: bench/team.sh [runs of part 1, default 40] [seconds of part 2, default 40]
# Needs the distribution built (mvn -B -q -DskipTests package), Debian's postgresql, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-40}"
seconds="${2:-40}"
daemons=10
clients=50
dist=$PWD/runtime/target/authsome
authsome=$dist/bin/authsome
[ -x "$authsome" ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 1; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "bench/team.sh needs PostgreSQL: apt-get install postgresql" >&2; exit 1; }

work=$(mktemp -d /tmp/authsome-team-bench.XXXXXX)
chmod 755 "$work"
export XDG_CACHE_HOME="$PWD/runtime/target/bench-cache"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for home in "$work"/home-*; do AUTHSOME_HOME="$home" "$authsome" --quiet daemon stop > /dev/null 2>&1 || true; done
  [ -f "$work/oauth.pid" ] && kill "$(cat "$work/oauth.pid")" 2> /dev/null || true
  as_postgres "$bin/pg_ctl" -D "$work/pg/data" -m immediate stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL in a temporary directory, on a free port, with a password.
pg_port=$((20000 + RANDOM % 20000))
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
mkdir -p "$work/pg"
echo "$password" > "$work/pg/pw"
[ "$(id -u)" = 0 ] && chown -R postgres "$work/pg"
as_postgres "$bin/initdb" -D "$work/pg/data" --username=authsome --pwfile="$work/pg/pw" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C > /dev/null
as_postgres "$bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start > /dev/null
PGPASSWORD=$password psql -q -h 127.0.0.1 -p "$pg_port" -U authsome -d postgres -c "create database team"
url="jdbc:postgresql://127.0.0.1:$pg_port/team"

# The authorization server: tokens live 20 s, so they come due (at half their life) every 10 s.
oauth_port=$((20000 + RANDOM % 20000))
python3 bench/team_oauth.py "$oauth_port" 20 & echo $! > "$work/oauth.pid"
cat > "$work/team.json" << JSON
{"name": "team", "auth_type": "oauth2", "flow": "device_code", "api_url": "127.0.0.1:1",
 "oauth": {"authorization_url": "http://127.0.0.1:$oauth_port/authorize", "token_url": "http://127.0.0.1:$oauth_port/token",
           "device_authorization_url": "http://127.0.0.1:$oauth_port/device"}}
JSON

key=sk-bench0123456789abcdefghijklmnop
home() { echo "$work/home-$1"; }
make_home() {  # name, store section
  mkdir -m 700 "$(home "$1")"
  printf '%s\n' "$password" > "$(home "$1")/db.password"
  chmod 600 "$(home "$1")/db.password"
  printf '{"store": %s}\n' "$2" > "$(home "$1")/config.json"
}
team_store() { printf '{"backend": "postgres", "url": "%s", "user": "authsome", "password_file": "db.password", "member": "%s"}' "$url" "$1"; }
in_home() { local name=$1; shift; AUTHSOME_HOME="$(home "$name")" "$authsome" "$@"; }

make_home file '{"backend": "file"}'
for i in $(seq $daemons); do make_home "p$i" "$(team_store "p$i")"; done
for name in file p1; do
  OPENAI_API_KEY=$key in_home "$name" --quiet login openai > /dev/null
done
in_home p1 --quiet register "$work/team.json" > /dev/null   # a custom provider of the store: every home has it
echo | in_home p1 --quiet login team --client-id bench --no-browser > /dev/null 2>&1
for i in $(seq 2 $daemons); do
  member_key=$(in_home "p$i" vault members self --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key"])')
  in_home p1 --quiet vault members add "p$i" "$member_key" > /dev/null
done

# Part 1: one secret read through a daemon, file store against postgres store.
in_home file --quiet daemon start > /dev/null
in_home p1 --quiet daemon start > /dev/null
for _ in 1 2 3; do in_home file get openai --show-secret --field api_key > /dev/null; in_home p1 get openai --show-secret --field api_key > /dev/null; done
: > "$work/file.ms"; : > "$work/postgres.ms"
for _ in $(seq "$runs"); do
  for name in file p1; do
    start=$(date +%s%N)
    in_home "$name" get openai --show-secret --field api_key > /dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >> "$work/$([ "$name" = file ] && echo file || echo postgres).ms"
  done
done
pct() { sort -n "$1" | awk -v q="$2" '{a[NR]=$1} END {i=int(q*NR+0.999999); if(i<1)i=1; printf "%.2f", a[i]/1000}'; }
printf '\nget openai --show-secret through a daemon, %d runs each, alternating (%d cores)\n' "$runs" "$(nproc)"
printf '%-16s %10s %10s\n' "store" "p50 ms" "p90 ms"
printf '%-16s %10s %10s\n' "file" "$(pct "$work/file.ms" 0.5)" "$(pct "$work/file.ms" 0.9)"
printf '%-16s %10s %10s\n' "postgres" "$(pct "$work/postgres.ms" 0.5)" "$(pct "$work/postgres.ms" 0.9)"
awk -v a="$(pct "$work/postgres.ms" 0.5)" -v b="$(pct "$work/file.ms" 0.5)" \
  'BEGIN { printf "postgres - file at p50: %+.2f ms\n", a - b }'

# Part 2: lookups by many clients at once; one daemon on each store first, as the baseline.
bench_lookups() { java -Xss512k -cp "$dist/lib/io.authsome.client.jar" bench/TeamBench.java "$@"; }
printf '\nfile store, one daemon: '
bench_lookups openai api_key "$clients" "$seconds" "$(home file)/run/authsome.sock"
printf 'postgres store, one daemon: '
bench_lookups openai api_key "$clients" "$seconds" "$(home p1)/run/authsome.sock"
in_home file --quiet daemon stop > /dev/null
for i in $(seq 2 $daemons); do in_home "p$i" --quiet daemon start > /dev/null; done
sockets=()
for i in $(seq $daemons); do sockets+=("$(home "p$i")/run/authsome.sock"); done
before=$(curl -s "http://127.0.0.1:$oauth_port/stats")
printf 'postgres store, %d daemons: ' "$daemons"
bench_lookups team access_token "$clients" "$seconds" "${sockets[@]}"
after=$(curl -s "http://127.0.0.1:$oauth_port/stats")
python3 - "$before" "$after" << 'PY'
import json, sys
b, a = json.loads(sys.argv[1]), json.loads(sys.argv[2])
refreshes = a["refreshes"] - b["refreshes"]
due = a["refreshed_tokens"] - b["refreshed_tokens"]
print("refresh requests at the authorization server: %d for %d tokens that came due (%.2f per token), %d refused"
      % (refreshes, due, refreshes / due if due else float("nan"), a["rejected"] - b["rejected"]))
PY
ps -o rss= -p "$(cat "$(home p1)/run/daemon.pid")" | awk '{printf "RSS of one daemon afterwards: %d MiB\n", $1 / 1024}'
