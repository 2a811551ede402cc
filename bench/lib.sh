# Shared helpers of the bench/ scripts that compare Bulwark with peers and with the gunzip floor (sourced, not run).
# Conventions: every figure is a median of RUNS fresh processes; the load average is printed next to it, because the
# reference machine is shared (2 cores) and a figure taken at load 8 is not comparable with one taken at load 1.

corpus=${BULWARK_CORPUS:-../shared/corpus}
tools=${BULWARK_PEER_TOOLS:-../shared/tools}
peers=${XDG_CACHE_HOME:-$HOME/.cache}/bulwark-peers
# Persistent across runs: the imported databases and the generated large image (several minutes to make).
bench_dir=${BULWARK_BENCH_DIR:-/tmp/bulwark-bench}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# median of the numbers on stdin, 2 decimals
median() { sort -n | awk '{ t[NR] = $1 } END { if (NR == 0) { print "nan"; exit } printf "%.2f", (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }

# ratio A B, 2 decimals ("-" when B is zero or missing)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }

# timed_rss OUT CMD...: runs CMD (stdout discarded), appends "wall-seconds peak-rss-KiB" to OUT; fails if CMD fails
timed_rss() {
  local out=$1; shift
  local t
  t=$(mktemp)
  if ! /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null; then
    echo "failed: $*" >&2; cat "$t" >&2; rm -f "$t"; return 1
  fi
  tail -1 "$t" >> "$out"
  rm -f "$t"
}

# require_tools: hyperfine-free, but /usr/bin/time, gzip and zstd are needed
require_tools() {
  [ -x /usr/bin/time ] || { echo "bench: /usr/bin/time not found (apt-get install time)" >&2; exit 1; }
  command -v zstd >/dev/null || { echo "bench: zstd not found (apt-get install zstd)" >&2; exit 1; }
}

# ensure_bulwark_db: imports the advisory corpus once into $bench_dir/bulwark-cache (the "warm DB"); prints the dir
ensure_bulwark_db() {
  local cache=$bench_dir/bulwark-cache
  if [ ! -f "$cache/db/vuln.db" ] || [ "$cache/db/vuln.db" -ot bulwark-cli/target/bulwark.jar ]; then
    mkdir -p "$cache"
    bin/bulwark -q --cache-dir "$cache" db import "$corpus/advisories" >/dev/null
  fi
  echo "$cache"
}

# ensure_trivy_db: the same OSV data converted for Trivy by the shared osv2trivydb; prints the Trivy cache dir
ensure_trivy_db() {
  local dir=$bench_dir/trivy-osv
  if [ ! -f "$dir/db/trivy.db" ]; then
    "$peers/osv2trivydb" -q -o "$dir" "$corpus/advisories" >/dev/null
  fi
  echo "$dir"
}

# floor_prepare IMAGE DIR: lists in DIR/floor.list the compressed streams that make up the image's layers:
# a docker-archive .tar.gz is one gzip stream; the layers of an OCI tar (or an uncompressed docker-archive) are
# blobs inside it, unpacked once here so that the floor times decompression only.
floor_prepare() {
  local image=$1 dir=$2 f magic
  mkdir -p "$dir"
  : > "$dir/floor.list"
  case "$image" in
    *.tar.gz|*.tgz) echo "gzip $image" > "$dir/floor.list"; return ;;
    *.tar.zst) echo "zstd $image" > "$dir/floor.list"; return ;;
  esac
  tar -xf "$image" -C "$dir"
  while IFS= read -r -d '' f; do
    magic=$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')
    case "$magic" in
      1f8b*) echo "gzip $f" >> "$dir/floor.list" ;;
      28b52ffd) echo "zstd $f" >> "$dir/floor.list" ;;
    esac
  done < <(find "$dir" -type f ! -name floor.list -print0)
}

# floor_run DIR: decompresses every stream listed by floor_prepare to /dev/null, one after the other
floor_run() {
  local kind f
  while read -r kind f; do
    case "$kind" in
      gzip) gzip -dc "$f" > /dev/null ;;
      zstd) zstd -qdc "$f" > /dev/null ;;
    esac
  done < "$1/floor.list"
}

# floor_seconds DIR RUNS: median wall seconds of RUNS floor_run passes
floor_seconds() {
  local dir=$1 runs=$2 i start end
  for i in $(seq "$runs"); do
    start=$(date +%s.%N); floor_run "$dir"; end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}

# corpus_images: every image file of the corpus (docker-archive and OCI tar files)
corpus_images() {
  local f
  for f in "$corpus"/images/*.tar "$corpus"/images/*.tar.gz "$corpus"/images/thirdparty/*.tar.gz; do
    [ -f "$f" ] && echo "$f"
  done
}
