#!/usr/bin/env bash
# Whole-scan wall time and what the layer cache saves: for each image, RUNS runs each of a cold layer cache (emptied
# before every run), a warm one, --no-cache, and the package inventory alone; prints medians and warm/cold ratios.
# Usage: bench/scan-cache.sh [RUNS] [SCANNERS] [IMAGE...]
#   defaults: 5 runs, secret,misconfig (no database needed), the two corpus app images
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scanners=${2:-secret,misconfig}
shift $(( $# > 2 ? 2 : $# ))
corpus=${BULWARK_CORPUS:-../shared/corpus}
images=("$@")
[ ${#images[@]} -gt 0 ] || images=("$corpus/images/alpine-3.20.3-app.oci.tar" "$corpus/images/debian-13-slim-app.docker.tar.gz")
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT

median() { sort -n | awk '{ t[NR] = $1 } END { printf "%.2f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
timed() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes these figures noisy)"
printf '%-40s %8s %8s %8s %9s %10s\n' image cold warm no-cache inventory warm/cold
for image in "${images[@]}"; do
  cold=(); warm=(); none=(); inventory=()
  for _ in $(seq "$runs"); do
    rm -rf "$cache/layers"
    cold+=("$(timed bin/bulwark -q --cache-dir "$cache" image --input "$image" --scanners "$scanners" -f json -o /dev/null)")
    warm+=("$(timed bin/bulwark -q --cache-dir "$cache" image --input "$image" --scanners "$scanners" -f json -o /dev/null)")
    none+=("$(timed bin/bulwark -q --cache-dir "$cache" image --input "$image" --scanners "$scanners" --no-cache -f json -o /dev/null)")
    inventory+=("$(timed bin/bulwark -q --cache-dir "$cache" image --input "$image" --scanners none -f json -o /dev/null)")
  done
  c=$(printf '%s\n' "${cold[@]}" | median); w=$(printf '%s\n' "${warm[@]}" | median)
  n=$(printf '%s\n' "${none[@]}" | median); i=$(printf '%s\n' "${inventory[@]}" | median)
  printf '%-40s %7ss %7ss %7ss %8ss %10s\n' "$(basename "$image")" "$c" "$w" "$n" "$i" "$(echo "scale=2; $w / $c" | bc)"
done
