#!/usr/bin/env bash
# OS-package SBOM of an unpacked root filesystem: `bulwark rootfs DIR --scanners none -f cyclonedx` against Trivy
# 0.74.0's `rootfs` (the trimmed build from ../shared/tools/get-peers.sh: OS packages to CycloneDX, fair start-up),
# on the root filesystems of the corpus's OCI images unpacked with umoci (untimed). Runs alternate; prints medians of
# RUNS runs, Bulwark's peak RSS, the ratio, the package counts of both SBOMs and the load average.
# Usage: bench/rootfs-sbom.sh [RUNS] [OCI-IMAGE...]   (default 5 runs; images: the corpus's distribution images)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
runs=${1:-5}
shift $(( $# > 0 ? 1 : 0 ))
require_tools
command -v umoci >/dev/null || { echo "bench/rootfs-sbom.sh: umoci not found ($tools/get-peers.sh installs it)" >&2; exit 1; }
[ -x "$peers/trivy-0.74.0" ] || { echo "bench/rootfs-sbom.sh: Trivy 0.74.0 not installed; run $tools/get-peers.sh" >&2; exit 1; }
[ -f bulwark-cli/target/bulwark.jar ] || ./mvnw -q package -DskipTests
images=("$@")
if [ ${#images[@]} -eq 0 ]; then
  images=("$corpus/images/alpine-3.20.3-app.oci.tar" "$corpus/images/debian-11-slim.oci.tar"
          "$corpus/images/centos-7.5.1804-rpmdb-bdb.oci.tar" "$corpus/images/pkgdb-centos-8.2.2004.oci.tar")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { python3 -c "import json,sys; print(sum(1 for c in json.load(open(sys.argv[1])).get('components', []) if c.get('type') == 'library'))" "$1"; }
printf '%-40s %8s %8s %8s %7s %9s %9s  %s\n' rootfs bulwark "RSS MiB" trivy /trivy "pkgs B" "pkgs T" "load average"
for image in "${images[@]}"; do
  rm -rf "$work/oci" "$work/bundle"; mkdir -p "$work/oci"
  tar -xf "$image" -C "$work/oci"
  tag=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['manifests'][0]['annotations']['org.opencontainers.image.ref.name'])" "$work/oci/index.json")
  umoci raw unpack --rootless --image "$work/oci:$tag" "$work/rootfs" >/dev/null 2>&1
  load=$(loadavg)
  : > "$work/b"; : > "$work/t"
  for _ in $(seq "$runs"); do
    timed_rss "$work/b" bin/bulwark -q --cache-dir "$work/cache" rootfs "$work/rootfs" --scanners none -f cyclonedx \
      -o "$work/bulwark.cdx.json"
    rm -rf "$work/trivy-cache"
    timed_rss "$work/t" "$peers/trivy-0.74.0" rootfs -q --cache-dir "$work/trivy-cache" --output "$work/trivy.cdx.json" \
      "$work/rootfs"
  done
  b=$(awk '{ print $1 }' "$work/b" | median); rss=$(awk '{ print $2 / 1024 }' "$work/b" | median)
  t=$(awk '{ print $1 }' "$work/t" | median)
  printf '%-40s %7ss %8.0f %7ss %7s %9s %9s  %s\n' "$(basename "$image")" "$b" "$rss" "$t" "$(ratio "$b" "$t")" \
    "$(count "$work/bulwark.cdx.json")" "$(count "$work/trivy.cdx.json")" "$load"
  chmod -R u+w "$work/rootfs" 2>/dev/null || true
  rm -rf "$work/rootfs" "$work/oci"
done
echo "pkgs B / pkgs T: library components in Bulwark's / Trivy's SBOM (Bulwark's also lists application packages)."
echo "Load average now: $(loadavg)"
