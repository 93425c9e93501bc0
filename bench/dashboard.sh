# Sourced by the dashboard's benchmarks (bench/ui.sh, bench/activity.sh): a home of its own in a
# temporary folder, removed on exit with its daemon, whose dashboard listens on a free port
# ($port) with the shared proxy off. Needs $authsome; sets $work, $port, AUTHSOME_HOME.
work="$(mktemp -d)"
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$work/cache"
trap '"$authsome" --quiet daemon stop > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
mkdir -p "$AUTHSOME_HOME"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "{\"daemon\": {\"ui_port\": $port, \"proxy_port\": 0}}" > "$AUTHSOME_HOME/config.json"

# A fresh one-time sign-in link from the running daemon.
sign_in_link() {
  "$authsome" ui --no-browser --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["sign_in_link"])'
}
