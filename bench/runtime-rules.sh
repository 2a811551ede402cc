#!/usr/bin/env bash
# Syscall events per second through the full default Falco ruleset on one thread (JMH; 1 fork, 3 warm-up and 5
# measured iterations of 2 s per case): a corpus capture is held in memory and replayed over and over through a fresh
# state table and the rule engine (bulwark-runtime/src/test/java/dev/bulwark/runtime/bench/RuleEngineBenchmark.java).
# Cases: two captures (Falco's PSP run_as_user_0_container.scap, 4,141 events with a container; open-multiple-files.scap,
# 1,269 events), the current default rules and Falco 0.32.2's, with and without -A, already decoded ("pipeline") or
# decoded from the in-memory bytes on every pass ("replay"). The goal is 1,000,000 events/s per core.
# Usage: bench/runtime-rules.sh [quick|cpu]  (quick: 1 warm-up and 2 measured iterations; cpu: no JMH, events per
# CPU-second of the replaying thread, for a machine shared with other jobs)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${BULWARK_CORPUS:-../shared/corpus}
[ -f "$corpus/falco/rules/falco_rules.yaml" ] || { echo "bench/runtime-rules.sh: shared corpus not found at $corpus" >&2; exit 1; }
corpus=$(cd "$corpus" && pwd)
./mvnw -q -pl bulwark-runtime -am test-compile dependency:build-classpath -Dbulwark.skipAot=true \
  -Dmdep.outputFile=target/runtime-bench.classpath -Dmdep.includeScope=test >/dev/null
. bin/java-env.sh
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
cp="bulwark-runtime/target/test-classes:bulwark-runtime/target/classes:$(cat bulwark-runtime/target/runtime-bench.classpath)"
"$JAVA_HOME/bin/java" -cp "$cp" -Dbulwark.corpus="$corpus" dev.bulwark.runtime.bench.RuleEngineBenchmark "$@" \
  | grep -v '^#' | sed -n '/^capture /,$p' | grep -v '^$'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
