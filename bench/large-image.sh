#!/usr/bin/env bash
# Scaling: a synthetic image of about 1.1 GB uncompressed and 230,000 files in four gzip layers (bench/make-large-image.py,
# built once into the bench directory, several minutes), scanned with `bulwark image --input FILE --scanners
# vuln,secret --format json -o /dev/null` (warm database, cold layer cache, default settings) against the gunzip floor
# of the same layers; runs alternate (floor, Bulwark, floor, ...). Prints the medians of RUNS runs, the ratio (goal
# <= 1.5), Bulwark's peak RSS (median and maximum; goal <= 300 MiB), its CPU seconds and the load average.
# Usage: bench/large-image.sh [RUNS]   (default 5; BULWARK_OPTS adds options to the Bulwark command)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
require_tools
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
image=$bench_dir/large.oci.tar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ ! -f "$image" ]; then
  mkdir -p "$bench_dir"
  status=()
  if [ -f "$corpus/images/debian-11-slim.oci.tar" ]; then # a real dpkg status, so that packages match advisories
    mkdir -p "$work/deb"; tar -xf "$corpus/images/debian-11-slim.oci.tar" -C "$work/deb"
    for blob in "$work"/deb/blobs/sha256/*; do
      tar -xzf "$blob" -C "$work/deb" ./var/lib/dpkg/status 2>/dev/null && status=("$work/deb/var/lib/dpkg/status") && break
    done
  fi
  echo "building $image (once)..." >&2
  python3 bench/make-large-image.py "$image" "${status[@]}"
fi
cache=$(ensure_bulwark_db)
floor_prepare "$image" "$work/floor"
: > "$work/bulwark"; : > "$work/floor.times"; : > "$work/cpu"; : > "$work/floor.cpu"
load=$(loadavg)
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %U %S' -o "$work/f" bash -c '. bench/lib.sh && floor_run "$1"' floor "$work/floor"
  awk '{ print $1 }' "$work/f" >> "$work/floor.times"; awk '{ print $2 + $3 }' "$work/f" >> "$work/floor.cpu"
  rm -rf "$cache/layers" "$cache/tmp"
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %M %U %S' -o "$work/t" bin/bulwark -q --cache-dir "$cache" image --input "$image" \
    --scanners vuln,secret ${BULWARK_OPTS:-} --format json -o /dev/null
  awk '{ print $1, $2 }' "$work/t" >> "$work/bulwark"; awk '{ print $3 + $4 }' "$work/t" >> "$work/cpu"
done
b=$(awk '{ print $1 }' "$work/bulwark" | median); f=$(median < "$work/floor.times")
rss=$(awk '{ print $2 / 1024 }' "$work/bulwark" | median); rss_max=$(awk '{ print $2 / 1024 }' "$work/bulwark" | sort -n | tail -1)
uncompressed=$(while read -r _ f; do gzip -dc "$f" | wc -c; done < "$work/floor/floor.list" \
  | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')
echo "image: $(basename "$image"), $(echo "$(stat -c %s "$image") / 1048576" | bc) MiB compressed, $uncompressed MiB of layer tars"
bc=$(median < "$work/cpu"); fc=$(median < "$work/floor.cpu")
printf '%-5s %9s %9s %7s %9s %9s %9s %9s %8s  %s\n' runs bulwark floor /floor "RSS MiB" "RSS max" "CPU s" \
  "floor CPU" "CPU/CPU" "load average (start; end)"
printf '%-5s %8ss %8ss %7s %9.0f %9.0f %8ss %8ss %8s  %s; %s\n' "$runs" "$b" "$f" "$(ratio "$b" "$f")" "$rss" \
  "$rss_max" "$bc" "$fc" "$(ratio "$bc" "$fc")" "$load" "$(loadavg)"
