#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of the repository, one target at a time, for MINUTES each (default 5), and prints per
# target: executions, findings (crash/timeout/OOM inputs written) and where they were written.
# FILTER (an extended regex, default: all) selects targets by "module Class#method", e.g. `bench/fuzz.sh 2 sbom`
# or `bench/fuzz.sh 1 'DpkgStatus|Osv'`.
# Usage: bench/fuzz.sh [MINUTES] [FILTER]
# FUZZ_JOBS=N runs N targets at a time (default 1; each target is one single-threaded fuzzing JVM, so N = cores).
#
# In `./mvnw verify` the same tests run in regression mode only (JAZZER_FUZZ unset): each replays its seed inputs
# from src/test/resources/<package>/<Class>Inputs/<method>/ and any finding saved there. Here JAZZER_FUZZ=1 makes
# Jazzer fuzz the one selected method with coverage instrumentation of dev.bulwark.** (Jazzer fuzzes a single
# method per JVM, hence one JVM per target, started by bench/java/FuzzOne.java on the module's test class path).
# A finding is written by Jazzer into the target's Inputs directory (so it becomes a regression test once fixed;
# give it a name that says what it is) and the generated corpus goes to <module>/.cifuzz-corpus/ (git-ignored).
# Logs: bench/out/fuzz/<Class>.<method>.log.
# Limits: -timeout=${FUZZ_TIMEOUT:-20} seconds per input, -rss_limit_mb=${FUZZ_RSS_MB:-3072}, Java heap
# ${FUZZ_HEAP:-1g} (with a heap sized from the machine's memory the process could outgrow the RSS limit: false OOMs).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-5}
filter=${2:-.}
duration=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
logs=bench/out/fuzz
mkdir -p "$logs"
. bin/java-env.sh

# module class method, for every @FuzzTest method.
targets=$(for file in $(grep -rl --include='*.java' '@FuzzTest' bulwark-*/src/test/java | sort); do
  module=${file%%/*}
  class=$(sed -e "s|^$module/src/test/java/||" -e 's|\.java$||' -e 's|/|.|g' <<<"$file")
  awk '/@FuzzTest/ {want=1; next} want && /void [a-zA-Z0-9_]+\(/ {match($0, /void [a-zA-Z0-9_]+\(/);
       print substr($0, RSTART + 5, RLENGTH - 6); want=0}' "$file" |
    while read -r method; do echo "$module $class $method"; done
done | grep -E -- "$filter" || true)
[ -n "$targets" ] || { echo "bench/fuzz.sh: no @FuzzTest matches '$filter'" >&2; exit 2; }

jobs=${FUZZ_JOBS:-1}
echo "bench/fuzz.sh: $(wc -l <<<"$targets") target(s), ${minutes} min each, $jobs at a time; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Compile and resolve the test class path once per module, before any fuzzing starts (parallel targets share them).
for module in $(cut -d' ' -f1 <<<"$targets" | sort -u); do
  ./mvnw -q -pl "$module" -am test-compile dependency:build-classpath -Dbulwark.skipAot=true \
    -Dmdep.outputFile=target/fuzz.classpath -Dmdep.includeScope=test >"$logs/build-$module.log" 2>&1 \
    || { cat "$logs/build-$module.log" >&2; exit 1; }
done
printf '%-62s %9s %12s %9s  %s\n' target seconds executions findings "written to"

# fuzz_one MODULE CLASS METHOD: fuzzes one target, writes its result line to $logs/<Class>.<method>.result
fuzz_one() {
  local module=$1 class=$2 method=$3
  local cp="$PWD/$module/target/test-classes:$PWD/$module/target/classes:$(cat "$module/target/fuzz.classpath")"
  # The gitleaks config loader and the RE2 translator compile regular expressions from their input by design:
  # Jazzer's regex-injection detector would report every invalid pattern they refuse.
  local hooks=""
  [ "$module" = bulwark-secret ] && [ "$method" != scansContent ] && \
    hooks="-Djazzer.disabled_hooks=com.code_intelligence.jazzer.sanitizers.RegexInjection"
  local simple=${class##*.}
  local log="$PWD/$logs/$simple.$method.log"
  # Jazzer writes a finding into this target's own Inputs directory: looking only there keeps targets that run at
  # the same time from counting each other's findings.
  local inputs="$module/src/test/resources/$(dirname "${class//.//}")/${simple}Inputs/$method"
  local stamp start status
  stamp=$(mktemp)
  start=$(date +%s)
  set +e
  (cd "$module" && JAZZER_FUZZ=1 "$JAVA_HOME/bin/java" -Xmx"${FUZZ_HEAP:-1g}" -XX:+EnableDynamicAgentLoading \
    -cp "$cp" -Djazzer.max_duration="${duration}s" -Djazzer.instrument='dev.bulwark.**' -Djazzer.keep_going=5 \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-timeout="${FUZZ_TIMEOUT:-20}" \
    -Djazzer.internal.arg.2=-rss_limit_mb="${FUZZ_RSS_MB:-3072}" -Djazzer.internal.arg.3=-print_final_stats=1 \
    $hooks ../bench/java/FuzzOne.java "$class#$method") >"$log" 2>&1
  status=$?
  set -e
  local seconds=$(( $(date +%s) - start ))
  local executions findings count where
  executions=$(grep -aoE 'stat::number_of_executed_units: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  findings=$(find "$inputs" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) \
    -newer "$stamp" -print 2>/dev/null || true)
  count=$(grep -c . <<<"$findings" || true)
  where=$( [ "$count" -gt 0 ] && echo "$inputs" || echo "-")
  if [ "$status" -ne 0 ] && [ "$count" -eq 0 ]; then
    where="run failed (exit $status), see $log"
    count=1
  fi
  rm -f "$stamp"
  printf '%-62s %9s %12s %9s  %s\n' "$simple#$method" "$seconds" "${executions:-?}" "$count" "$where" \
    | tee "$logs/$simple.$method.result"
}

results=()
running=0
while read -r module class method; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  fuzz_one "$module" "$class" "$method" &
  running=$((running + 1))
  results+=("$logs/${class##*.}.$method.result")
done <<<"$targets"
wait || true
total_findings=$(cat "${results[@]}" 2>/dev/null | awk '{ s += $4 } END { print s + 0 }')
echo "bench/fuzz.sh: $total_findings finding(s); logs in $logs/"
[ "$total_findings" -eq 0 ]
