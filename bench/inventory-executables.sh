#!/usr/bin/env bash
# What reading Rust binaries costs the package inventory: every executable is offered to both the Go and the
# cargo-auditable analyzers, so the inventory reads it into memory (up to 8 MiB) or spools it once more. Times the
# inventory of corpus images with every image analyzer and without cargo-auditable, alternately in one JVM after a
# warm-up walk (bench/java/InventoryExecutables.java), median of RUNS (default 5), and prints the ratio.
# Usage: bench/inventory-executables.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${BULWARK_CORPUS:-../shared/corpus}
[ -d "$corpus/images" ] || { echo "bench/inventory-executables.sh: corpus not found at $corpus" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
. bin/java-env.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp bulwark-cli/target/bulwark.jar bench/java/InventoryExecutables.java
printf '| image | without cargo-auditable | with | with / without | packages (without, with) |\n|---|---|---|---|---|\n'
for image in debian-13-slim-app.docker.tar.gz alpine-3.20.3-app.oci.tar debian-11-slim.oci.tar; do
  read -r without with pw pwith < <("$JAVA_HOME/bin/java" -cp "bulwark-cli/target/bulwark.jar:$out/classes" \
    InventoryExecutables "$corpus/images/$image" "$out/cache" "$runs" 2>/dev/null)
  printf '| %s | %d ms | %d ms | %s | %d, %d |\n' "$image" "$without" "$with" \
    "$(awk -v a="$with" -v b="$without" 'BEGIN { printf "%.2f", a / b }')" "$pw" "$pwith"
done
