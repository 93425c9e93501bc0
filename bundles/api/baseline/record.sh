#!/usr/bin/env bash
# Records the API as it is built now as the baseline that `mvn verify` compares bundles/api with
# (bnd-baseline-maven-plugin, configured in bundles/api/pom.xml). Run it at a release, on the
# released commit, so that the next changes are checked against what was released:
#
#   bundles/api/baseline/record.sh 0.2.0
#
# It builds bundles/api, replaces the jar in this project-local Maven repository with the new
# one (one baseline at a time; git keeps the older ones), and points <api.baseline.version> in
# bundles/api/pom.xml at it. Commit the result. Every recording needs a new version: Maven
# caches the baseline in ~/.m2 by version and would keep comparing with an older copy.
# Extra Maven flags (e.g. -o) can be passed in MVN_FLAGS.
set -euo pipefail
version=${1:?usage: record.sh VERSION (the release, e.g. 0.2.0)}
here=$(cd "$(dirname "$0")" && pwd)
api=$(dirname "$here")
root=$(cd "$api/../.." && pwd)
group=io/authsome/io.authsome.api
dir="$here/$group/$version"
if [ -e "$dir" ]; then
  echo "record.sh: a baseline $version exists already; choose a new version" >&2
  exit 1
fi
cd "$root"
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl bundles/api -DskipTests package
jars=("$api"/target/io.authsome.api-*.jar)
if [ ${#jars[@]} -ne 1 ] || [ ! -f "${jars[0]}" ]; then
  echo "record.sh: expected one jar in bundles/api/target, found: ${jars[*]}" >&2
  exit 1
fi
jar=${jars[0]}
rm -rf "${here:?}/io"
mkdir -p "$dir"
cp "$jar" "$dir/io.authsome.api-$version.jar"
cat > "$dir/io.authsome.api-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.authsome</groupId>
  <artifactId>io.authsome.api</artifactId>
  <version>$version</version>
  <description>The recorded API baseline (bnd-baseline-maven-plugin compares bundles/api with it)</description>
</project>
POM
for f in "$dir"/*.jar "$dir"/*.pom; do
  sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' > "$f.sha1"
done
sed -i "s|<api.baseline.version>.*</api.baseline.version>|<api.baseline.version>$version</api.baseline.version>|" \
  "$api/pom.xml"
echo "Recorded $(basename "$jar") as the API baseline $version; exported packages:"
unzip -p "$dir/io.authsome.api-$version.jar" META-INF/MANIFEST.MF | tr -d '\r' \
  | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' | grep '^Export-Package:' \
  | grep -o 'io\.authsome\.api[a-z.]*;version="[^"]*"' || true
echo "Commit bundles/api/baseline and bundles/api/pom.xml."
