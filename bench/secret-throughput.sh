#!/usr/bin/env bash
# Secret-scanning throughput on one thread, in MB of scanned text per second (JMH; 1 fork, 3 warm-up and 5 measured
# iterations of 3 s per case). Inputs from the shared corpus: every text file of the two app images' layers, and
# gitleaks' rule test cases. Prints MB/s for Bulwark's built-in rules and, as the baseline, for gitleaks' default
# rules run through the same engine with gitleaks' semantics, and the ratio.
# Usage: bench/secret-throughput.sh [quick|cpu]  (quick: 1 warm-up and 2 measured iterations; cpu: no JMH, MB per
# CPU-second of the scanning thread, for a machine shared with other jobs)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${BULWARK_CORPUS:-../shared/corpus}
[ -f "$corpus/secrets/gitleaks.toml" ] || { echo "bench/secret-throughput.sh: shared corpus not found at $corpus" >&2; exit 1; }
./mvnw -q -pl bulwark-secret -am test-compile dependency:build-classpath -Dbulwark.skipAot=true \
  -Dmdep.outputFile=target/secret-bench.classpath -Dmdep.includeScope=test >/dev/null
. bin/java-env.sh
cp="bulwark-secret/target/test-classes:bulwark-secret/target/classes:$(cat bulwark-secret/target/secret-bench.classpath)"
"$JAVA_HOME/bin/java" -cp "$cp" -Dbulwark.corpus="$corpus" dev.bulwark.secret.bench.SecretScanBenchmark "$@" \
  | grep -v '^#' | sed -n '/^input /,$p'
