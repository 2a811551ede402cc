#!/usr/bin/env bash
# The physical floor of an image scan: every compressed layer stream of each image decompressed to /dev/null with
# gzip (or zstd), one after the other, median of RUNS passes; a docker-archive .tar.gz is one gzip stream, an OCI
# tar's layer blobs are unpacked first (untimed). Prints the floor per image and the load average.
# Usage: bench/gunzip-floor.sh [RUNS] [IMAGE...]   (default 5 runs, every corpus image)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
shift $(( $# > 0 ? 1 : 0 ))
require_tools
images=("$@")
[ ${#images[@]} -gt 0 ] || mapfile -t images < <(corpus_images)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-42s %8s %8s %9s  %s\n' image MiB streams "floor s" "load average"
for image in "${images[@]}"; do
  rm -rf "$work/floor"; floor_prepare "$image" "$work/floor"
  load=$(loadavg)
  printf '%-42s %8.1f %8d %8ss  %s\n' "$(basename "$image")" "$(echo "$(stat -c %s "$image") / 1048576" | bc -l)" \
    "$(wc -l < "$work/floor/floor.list")" "$(floor_seconds "$work/floor" "$runs")" "$load"
done
