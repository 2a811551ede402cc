#!/usr/bin/env bash
# Time to read each corpus image end to end with bulwark-image: open it, stream and verify every layer, hand every
# file's content to a consumer, merge the final filesystem (bench/java/WalkImage.java, timed in-process): the first
# walk in a fresh JVM ("cold": class loading and JIT included, JVM start excluded), then the median of RUNS more
# walks in the same JVM, layers read one after the other ("seq") and 4 at once ("par"); against a floor:
# decompressing the same gzip streams with gzip alone (`gzip -dc` of a .tar.gz; the gzip layer blobs of an OCI
# tar), median of RUNS runs (default 5). Needs hyperfine and the corpus.
# Usage: bench/image-walk.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${BULWARK_CORPUS:-../shared/corpus}
command -v hyperfine >/dev/null || { echo "bench/image-walk.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
[ -d "$corpus/images" ] || { echo "bench/image-walk.sh: corpus not found at $corpus" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
. bin/java-env.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Compile the harness once instead of at every run.
"$JAVA_HOME/bin/javac" -d "$out/classes" -cp bulwark-cli/target/bulwark.jar bench/java/WalkImage.java
walk() { # IMAGE PARALLELISM -> "cold-ms warm-median-ms"
  "$JAVA_HOME/bin/java" -cp "bulwark-cli/target/bulwark.jar:$out/classes" WalkImage "$1" "$out/cache" "$2" \
    "$((runs + 1))" 2>/dev/null | awk '{print $1, $2}'
}
floor_cmd() {
  case "$1" in
    *.tar.gz) echo "gzip -dc '$1'" ;;
    *) echo "bash -c 'for b in \$(tar -tf \"$1\" | grep \"^blobs/sha256/.\"); do tar -xOf \"$1\" \"\$b\" | { gzip -dc 2>/dev/null || true; } > /dev/null; done'" ;;
  esac
}
printf '%-44s %6s %8s %8s %8s %8s %9s\n' image MiB "cold ms" "seq ms" "par ms" "gzip ms" "par/gzip"
for image in "$corpus"/images/*.tar "$corpus"/images/*.tar.gz "$corpus"/images/thirdparty/*.tar.gz; do
  [ -f "$image" ] || continue
  name=$(basename "$image")
  read -r cold seq < <(walk "$image" 1)
  read -r _ par < <(walk "$image" 4)
  hyperfine --warmup 1 --runs "$runs" -i --export-json "$out/floor.json" "$(floor_cmd "$image")" >/dev/null 2>&1
  floor=$(python3 -c "import json,statistics,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(round(statistics.median(r['times'])*1000))" "$out/floor.json")
  python3 -c "import sys; n,mib,c,s,p,f=sys.argv[1:]; print(f'{n:<44} {float(mib):>6.1f} {int(c):>8} {int(s):>8} {int(p):>8} {int(f):>8} {int(p)/max(int(f),1):>9.2f}')" \
    "$name" "$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/2**20)" "$image")" "$cold" "$seq" "$par" "$floor"
done
echo "(nproc: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg))"
