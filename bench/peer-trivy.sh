#!/usr/bin/env bash
# Image scan, Bulwark vs Trivy v0.44.1, on every corpus image (or the images given): `bulwark image --input FILE
# --scanners vuln,secret --format json -o /dev/null` with a warm database (the advisory corpus imported once) and a
# cold layer cache (emptied before every run), against `../shared/tools/peer-trivy.sh` on the same file with a Trivy
# DB that osv2trivydb built from the same OSV data. Runs alternate (Bulwark, Trivy, Bulwark, ...) so both see the
# same load. Prints per image the medians of RUNS runs: Bulwark's wall time and peak RSS, Trivy's wall time and its
# time after its first log line (which excludes most of the ~2.5 s the UPX-packed binary spends unpacking itself),
# Bulwark's ratio to each, the gunzip floor (every compressed layer stream decompressed to /dev/null) and Bulwark's
# ratio to it, and the load average at the start of that image.
# Usage: bench/peer-trivy.sh [RUNS] [IMAGE...]   (default 5 runs, every corpus image; BULWARK_OPTS adds options to
#        the Bulwark command, e.g. BULWARK_OPTS="--parallel 1")
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
shift $(( $# > 0 ? 1 : 0 ))
require_tools
[ -x "$peers/trivy-0.44.1" ] && [ -x "$peers/osv2trivydb" ] \
  || { echo "bench/peer-trivy.sh: Trivy not installed; run $tools/get-peers.sh" >&2; exit 1; }
[ -d "$corpus/images" ] || { echo "bench/peer-trivy.sh: corpus not found at $corpus" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
images=("$@")
[ ${#images[@]} -gt 0 ] || mapfile -t images < <(corpus_images)

cache=$(ensure_bulwark_db)
trivy_db=$(ensure_trivy_db)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "$(bin/bulwark version 2>/dev/null | head -1) vs Trivy 0.44.1; $runs runs each; $(nproc) cores"
printf '%-42s %6s %8s %7s %8s %8s %8s %8s %7s %7s  %s\n' image MiB bulwark "RSS MiB" trivy "trivy-x" "/trivy" "/trivy-x" \
  floor "/floor" "load average"
for image in "${images[@]}"; do
  load=$(loadavg)
  : > "$work/bulwark"; : > "$work/wall"; : > "$work/after"
  for _ in $(seq "$runs"); do
    rm -rf "$cache/layers" "$cache/tmp"
    # shellcheck disable=SC2086
    timed_rss "$work/bulwark" bin/bulwark -q --cache-dir "$cache" image --input "$image" --scanners vuln,secret \
      ${BULWARK_OPTS:-} --format json -o /dev/null
    "$tools/peer-trivy.sh" -o "$work/trivy-out" -d "$trivy_db" "$image" > "$work/run.txt"
    awk -F'\t' '$1 == "trivy-wall-seconds" { print $2 }' "$work/run.txt" >> "$work/wall"
    awk -F'\t' '$1 == "trivy-seconds-after-first-log" { print $2 }' "$work/run.txt" >> "$work/after"
  done
  rm -rf "$work/floor"; floor_prepare "$image" "$work/floor"
  floor=$(floor_seconds "$work/floor" "$runs")
  rm -rf "$work/floor"
  b=$(awk '{ print $1 }' "$work/bulwark" | median)
  rss=$(awk '{ print $2 / 1024 }' "$work/bulwark" | median)
  w=$(median < "$work/wall"); a=$(median < "$work/after")
  printf '%-42s %6.1f %7ss %7.0f %7ss %7ss %8s %8s %6ss %7s  %s\n' "$(basename "$image")" \
    "$(echo "$(stat -c %s "$image") / 1048576" | bc -l)" "$b" "$rss" "$w" "$a" "$(ratio "$b" "$w")" "$(ratio "$b" "$a")" \
    "$floor" "$(ratio "$b" "$floor")" "$load"
done
echo "trivy = Trivy's wall time; trivy-x = Trivy after its first log line (without its self-unpacking);"
echo "/trivy, /trivy-x, /floor = Bulwark's median divided by that figure (goal: /trivy <= 0.50). Load average now: $(loadavg)"
