#!/usr/bin/env bash
# Vulnerability database figures: `bulwark db import` of the whole advisory corpus (RUNS fresh processes: median,
# min, max, and the database size), then the JMH benchmark matching 1,000 packages against that database
# (bulwark-vuln/src/test/java/dev/bulwark/vuln/bench/MatchBenchmark.java: warm match, open+match, and open+match
# in a fresh JVM). The machine may be shared: the load average is printed before and after; compare only figures
# taken at similar load.
# Usage: bench/vuln-db.sh [RUNS]   (default 5; needs ../shared/corpus, or BULWARK_CORPUS)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${BULWARK_CORPUS:-../shared/corpus}
[ -d "$corpus/advisories" ] || { echo "bench/vuln-db.sh: $corpus/advisories not found" >&2; exit 1; }
corpus=$(cd "$corpus" && pwd)
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

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
    printf "db import corpus/advisories: median %.2f s of %d runs (min %.2f, max %.2f), %.2fx the 10 s goal; database %.1f MiB\n", m, n, t[1], t[n], m / 10, size / 1048576
  }'
echo "load average after import: $(cut -d' ' -f1-3 /proc/loadavg)"

# JMH against the database just imported. `package` (not `install`): nothing benchmarked leaks into ~/.m2.
./mvnw -q -pl bulwark-vuln -am -Pbench -Dbulwark.skipAot=true -DskipTests clean package \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cache/cp.txt"
. bin/java-env.sh
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dbulwark.corpus="$corpus" -Dbulwark.bench.cache="$cache" \
  -cp "bulwark-vuln/target/test-classes:bulwark-vuln/target/classes:$(cat "$cache/cp.txt")" \
  org.openjdk.jmh.Main MatchBenchmark -rf text -rff "$cache/jmh.txt" >/dev/null
cat "$cache/jmh.txt"
awk '$1 ~ /match1000Packages$/ && $1 !~ /open/ { printf "match1000Packages: %.1f ms = %.2fx the 100 ms target\n", $4, $4 / 100 }' "$cache/jmh.txt"
echo "load average after JMH: $(cut -d' ' -f1-3 /proc/loadavg)"
