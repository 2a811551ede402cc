#!/usr/bin/env bash
# Wall time of reading each corpus image end to end with `bin/bulwark image --input IMAGE` (open, stream and verify
# every layer, merge the final filesystem; until the scan engine lands the command then exits 2, which is ignored),
# against a floor: decompressing the same bytes with gzip alone (`gzip -dc` of a .tar.gz; the gzip layer blobs of an
# OCI tar), and the JVM's start (`bin/bulwark version`).
# Prints the median of RUNS runs (default 5) per image, and the ratio to the floor. Needs hyperfine and the corpus.
# Usage: bench/image-walk.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
corpus=${BULWARK_CORPUS:-../shared/corpus}
command -v hyperfine >/dev/null || { echo "bench/image-walk.sh: hyperfine not found (apt-get install hyperfine)" >&2; exit 1; }
[ -d "$corpus/images" ] || { echo "bench/image-walk.sh: corpus not found at $corpus" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cache="$out/cache"

# The gzip floor of an image: every gzip stream in it decompressed once, nothing else.
floor_cmd() {
  case "$1" in
    *.tar.gz) echo "gzip -dc '$1' > /dev/null" ;;
    *) echo "bash -c 'for b in \$(tar -tf \"$1\" | grep \"^blobs/sha256/.\"); do tar -xOf \"$1\" \"\$b\" | { gzip -dc 2>/dev/null || true; } > /dev/null; done'" ;;
  esac
}

hyperfine --warmup 1 --runs "$runs" -N --export-json "$out/version.json" -n startup 'bin/bulwark version' >/dev/null
printf '%-40s %10s %10s %10s %8s\n' image "MiB" "walk ms" "gzip ms" "ratio"
for image in "$corpus"/images/*.tar "$corpus"/images/*.tar.gz "$corpus"/images/thirdparty/*.tar.gz; do
  [ -f "$image" ] || continue
  name=$(basename "$image")
  hyperfine --warmup 1 --runs "$runs" -i --export-json "$out/$name.json" \
    -n walk "bin/bulwark --cache-dir $cache -q image --input $image" \
    -n floor "$(floor_cmd "$image")" >/dev/null 2>&1
  python3 - "$out/$name.json" "$name" "$(stat -c %s "$image")" <<'PY'
import json, statistics, sys
results = {r["command"]: statistics.median(r["times"]) * 1000 for r in json.load(open(sys.argv[1]))["results"]}
walk, floor = results["walk"], results["floor"]
print(f"{sys.argv[2]:<40} {int(sys.argv[3]) / 2**20:>10.1f} {walk:>10.0f} {floor:>10.0f} {walk / floor:>8.2f}")
PY
done
python3 - "$out/version.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"(bin/bulwark version, the start-up included in every walk: {statistics.median(r['times']) * 1000:.0f} ms)")
PY
