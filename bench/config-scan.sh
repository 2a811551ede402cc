#!/usr/bin/env bash
# Wall time of `bulwark config` on typical inputs, with the JDK AOT cache: one Dockerfile, one Kubernetes manifest
# (the first Kubernetes file pays for loading the CEL engine and the built-in policies), and every peer fixture of
# the shared corpus's misconfig folder (hadolint cases excluded: they are inline). `bulwark version` is the floor.
# Prints the median wall time of RUNS runs (default 5), then the median CPU time (user+sys) of 3 runs, and the load
# average before and after. Needs hyperfine (apt-get install hyperfine) and ../shared/corpus.
# Usage: bench/config-scan.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v hyperfine >/dev/null || { echo "bench/config-scan.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/config-scan.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
corpus=../shared/corpus/misconfig
[ -d "$corpus" ] || { echo "bench/config-scan.sh: $corpus not found" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
out=$(mktemp -d)
cp "$corpus/checkov/dockerfile/example_RootUser/failure/Dockerfile" "$out/Dockerfile"
cp "$corpus/kube-score/testdata/pod-test-resources-limits-and-requests.yaml" "$out/pod.yaml"
files=$(find "$corpus" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name 'Dockerfile*' \) | wc -l)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
hyperfine --warmup 1 --runs "$runs" -N -i --export-json "$out/config.json" \
  -n "version (floor)" 'bin/bulwark version' \
  -n "one Dockerfile" "bin/bulwark config $out/Dockerfile" \
  -n "one Kubernetes manifest" "bin/bulwark config $out/pod.yaml" \
  -n "misconfig corpus ($files files)" "bin/bulwark config --format json -o $out/report.json $corpus" >/dev/null
python3 - "$out/config.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
print(f"{'input':<34} {'median s':>9} {'vs version':>11}")
base = statistics.median(results[0]["times"])
for r in results:
    m = statistics.median(r["times"])
    print(f"{r['command']:<34} {m:>9.2f} {m / base:>11.2f}")
PY
# CPU time (user+sys), median of 3 runs: steadier than wall time when the machine is shared.
cpu() {
  for _ in 1 2 3; do /usr/bin/time -f "%U %S" "$@" >/dev/null 2>>"$out/cpu.txt" </dev/null; tail -1 "$out/cpu.txt"; done \
    | awk '{print $1 + $2}' | sort -n | sed -n 2p
}
printf '%-34s %9s\n' "input" "CPU s"
printf '%-34s %9s\n' "version (floor)" "$(cpu bin/bulwark version)"
printf '%-34s %9s\n' "one Dockerfile" "$(cpu bin/bulwark config "$out/Dockerfile")"
printf '%-34s %9s\n' "one Kubernetes manifest" "$(cpu bin/bulwark config "$out/pod.yaml")"
printf '%-34s %9s\n' "misconfig corpus ($files files)" "$(cpu bin/bulwark config --format json -o "$out/report.json" "$corpus")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$out"
