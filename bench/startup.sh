#!/usr/bin/env bash
# Startup time of `bin/bulwark version`, with and without the JDK AOT cache made at build time.
# Prints the median of RUNS runs (default 10) for each, and the ratio. Needs hyperfine (apt-get install hyperfine).
# Usage: bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v hyperfine >/dev/null || { echo "bench/startup.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
. bin/java-env.sh
out=$(mktemp -d)
hyperfine --warmup 3 --runs "$runs" -N --export-json "$out/startup.json" \
  -n "with AOT cache" 'bin/bulwark version' \
  -n "without AOT cache" 'env BULWARK_NO_AOT=1 bin/bulwark version' \
  -n "JVM alone (java -version)" "$JAVA_HOME/bin/java -version" >/dev/null
python3 - "$out/startup.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
med = {r["command"]: statistics.median(r["times"]) * 1000 for r in results}
base = med["without AOT cache"]
print(f"{'variant':<28} {'median ms':>10} {'vs no AOT':>10}")
for name, ms in med.items():
    print(f"{name:<28} {ms:>10.1f} {ms / base:>10.2f}")
PY
rm -rf "$out"
