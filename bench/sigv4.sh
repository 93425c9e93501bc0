#!/usr/bin/env bash
# The cost of a SigV4 signature by the aws provider's injector, in process (see
# docs/benchmarks.md). Usage: bench/sigv4.sh [iterations]. Needs the bundles built
# (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
classes=providers-bundled/aws/target/classes:bundles/api/target/classes
[ -d providers-bundled/aws/target/classes ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
echo "== SigV4 signing ($(nproc) cores, $(java -version 2>&1 | head -1))"
java -cp "$classes" bench/SigV4Bench.java "${1:-200000}"
