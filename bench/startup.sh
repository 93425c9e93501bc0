#!/usr/bin/env bash
# Start-up benchmark: wall time of one-shot commands next to a bare JVM start (a trivial main)
# measured in the same run, with the same JVM options as bin/authsome and a warm bundle cache.
# Usage: bench/startup.sh [runs]   (build first: mvn -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/timing.sh
runs="${1:-15}"
dist=runtime/target/authsome
[ -x "$dist/bin/authsome" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export AUTHSOME_HOME="$work/home" XDG_CACHE_HOME="$work/cache"
mkdir -p "$work/bare"
cat > "$work/bare/Bare.java" <<'JAVA'
public class Bare { public static void main(String[] args) { System.out.println("bare"); } }
JAVA
javac -d "$work/bare" "$work/bare/Bare.java"
java_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto)


"$dist/bin/authsome" list --json > /dev/null   # warm the bundle cache
bare=$(median_ms java "${java_opts[@]}" -cp "$work/bare" Bare)
version=$(median_ms "$dist/bin/authsome" version)
list=$(median_ms "$dist/bin/authsome" list --json)

printf '%-28s %8s %8s\n' "median of $runs runs" "ms" "x bare"
printf '%-28s %8d %8s\n' "bare JVM (trivial main)" "$bare" "1.0"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
printf '%-28s %8d %8s\n' "authsome version" "$version" "$(ratio "$version" "$bare")"
printf '%-28s %8d %8s\n' "authsome list --json" "$list" "$(ratio "$list" "$bare")"
