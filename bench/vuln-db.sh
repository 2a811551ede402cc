#!/usr/bin/env bash
# Vulnerability database figures: `bulwark db import` of the whole advisory corpus (wall time of RUNS runs,
# median, and the database size), then the JMH benchmark matching 1,000 packages against that database.
# Usage: bench/vuln-db.sh [RUNS]   (default 5; needs ../shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${BULWARK_CORPUS:-../shared/corpus}
[ -d "$corpus/advisories" ] || { echo "bench/vuln-db.sh: $corpus/advisories not found" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  bin/bulwark -q --cache-dir "$cache" db import "$corpus/advisories" >/dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
done
size=$(stat -c %s "$cache/db/vuln.db")
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$runs" -v size="$size" '
  { t[NR] = $1 } END {
    m = (n % 2) ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
    printf "db import %s: median %.2f s of %d runs (min %.2f, max %.2f); database %.1f MiB\n", "corpus/advisories", m, n, t[1], t[n], size / 1048576
  }'

# JMH: matching 1,000 packages (bulwark-vuln/src/test/java/dev/bulwark/vuln/bench/MatchBenchmark.java).
./mvnw -q -pl bulwark-vuln -am -Pbench -Dbulwark.skipAot=true -DskipTests clean install
./mvnw -q -pl bulwark-vuln dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cache/cp.txt"
. bin/java-env.sh
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dbulwark.corpus="$(cd "$corpus" && pwd)" \
  -cp "bulwark-vuln/target/test-classes:bulwark-vuln/target/classes:$(cat "$cache/cp.txt")" \
  org.openjdk.jmh.Main MatchBenchmark -rf text -rff "$cache/jmh.txt" >/dev/null
cat "$cache/jmh.txt"
