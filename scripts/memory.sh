#!/usr/bin/env bash
# Peak memory of a million-row run (issue 30): `run CONFIG --data ROWS.csv --threads T -q` on `synth` rows under
# /usr/bin/time (maximum RSS, wall time), for this worktree's jar and a baseline revision's (default main), alternating,
# under each JVM-option variant, MEMORY_REPEATS times. Each side runs through its own revision's launcher
# (./crystal-bench, so its default JVM flags count), from a copy in a temporary folder.
# Per side, variant and repeat also the same command on 1,000 rows: its maximum RSS is the stated fixed overhead, and
# bound = 2 x raw numeric MiB (rows x numeric columns x 8 / 2^20) + that overhead. Live heap: -Xlog:gc is added to
# every run, and the largest heap-after-GC of any pause is recorded (an upper bound of the live set at a collection:
# a young pause leaves old garbage; unintrusive, so it is taken in the very run whose RSS is recorded).
# MEMORY_HISTOGRAM=1 adds one run per side (not timed, not in the CSV) sampling `jcmd PID GC.class_histogram` every
# 2 s (a full GC each: live objects only) and keeps the largest sample as MEMORY_HISTOGRAM_DIR/histogram-<side>.txt (default /tmp).
# Appends to results/perf/memory.csv (columns: docs/performance.md, "Memory of a million-row run, fourth session").
# Run it under the CPU lock: flock /work/wt/cpu.lock scripts/memory.sh
#
# Usage: scripts/memory.sh [OUT_CSV]
# Environment: MEMORY_ROWS (1000000), MEMORY_SMALL (1000), MEMORY_CONFIG (configs/scale-lr-nb.yaml), MEMORY_THREADS (2),
# MEMORY_OPTS (JVM-option variants separated by ';', each added as CRYSTAL_BENCH_JAVA_OPTS; "" is the launcher's
# default; default ";-Xmx300m"), MEMORY_REPEATS (2), MEMORY_BASELINE (a git revision, default main; "none" measures
# only this worktree), MEMORY_HISTOGRAM (0), MEMORY_TMP (/tmp).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/results/perf/memory.csv}
rows=${MEMORY_ROWS:-1000000} small=${MEMORY_SMALL:-1000} threads=${MEMORY_THREADS:-2} repeats=${MEMORY_REPEATS:-2}
config=${MEMORY_CONFIG:-$here/configs/scale-lr-nb.yaml} baseline=${MEMORY_BASELINE:-main}
IFS=';' read -r -a variants <<< "${MEMORY_OPTS-;-Xmx300m}"
[ ${#variants[@]} -gt 0 ] || variants=("")
case "${MEMORY_OPTS-;-Xmx300m}" in *';') variants+=("") ;; esac # a trailing ';' is an empty variant too
tmp=$(mktemp -d "${MEMORY_TMP:-/tmp}/memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/scripts/env.sh"
cb_find_jdk

# One side: a folder with that revision's launcher, scripts/env.sh and jar (no sources, so the launcher never rebuilds).
side() { # $1 = name, $2 = source tree, $3 = commit label
  local d="$tmp/$1"
  mkdir -p "$d/scripts" "$d/target"
  (cd "$2" && ./mvnw -B -o -q -DskipTests package > "$tmp/build-$1.log" 2>&1) || { tail -n 30 "$tmp/build-$1.log" >&2; exit 1; }
  cp "$2/crystal-bench" "$d/"; cp "$2/scripts/env.sh" "$d/scripts/"; cp "$2/target/crystal-bench.jar" "$d/target/"
  echo "$3" > "$d/commit"
}
commit=$(git -C "$here" rev-parse --short HEAD)
git -C "$here" diff --quiet HEAD -- src pom.xml crystal-bench || commit="$commit-dirty"
side new "$here" "$commit"
sides=(new)
if [ "$baseline" != none ]; then
  mkdir -p "$tmp/base-src"
  git -C "$here" archive "$baseline" | tar -x -C "$tmp/base-src"
  side base "$tmp/base-src" "$(git -C "$here" rev-parse --short "$baseline")"
  rm -rf "$tmp/base-src"
  sides=(base new)
fi

cols=$(awk -F'[][]' '/^[[:space:]]*numeric:[[:space:]]*\[/ { print split($2, a, ","); exit }' "$config")
[ -n "$cols" ] || { echo "memory.sh: $config: no 'numeric: [...]' line to count the numeric columns of" >&2; exit 2; }
"$tmp/new/crystal-bench" synth --rows "$small" --systems 3 --out "$tmp/small.csv" 2> /dev/null
"$tmp/new/crystal-bench" synth --rows "$rows" --systems 3 --out "$tmp/big.csv" 2> /dev/null
raw=$(awk -v n="$rows" -v c="$cols" 'BEGIN { printf "%.1f", n * c * 8 / 1048576 }')

mib() { awk '{ printf "%.0f", $1 / 1024 }' "$1"; }
# Largest heap after a GC pause and largest committed heap in MiB, and the counts of pauses and full GCs.
gclog() {
  awk 'function m(v, u) { return u == "K" ? v / 1024 : u == "G" ? v * 1024 : u == "B" ? v / 1048576 : v }
       match($0, /[0-9]+[BKMG]->[0-9]+[BKMG]\([0-9]+[BKMG]\)/) {
         s = substr($0, RSTART, RLENGTH); split(s, p, /->|\(|\)/)
         a = m(p[2] + 0, substr(p[2], length(p[2]))); c = m(p[3] + 0, substr(p[3], length(p[3])))
         if (a > after) after = a; if (c > com) com = c; n++; if ($0 ~ /Pause Full/) full++ }
       END { printf "%.0f,%.0f,%d,%d", after, com, n, full }' "$1"
}
run_once() { # $1 side, $2 data, $3 opts -> sets rss wall status gc
  rm -rf "$tmp/run"
  set +e
  CRYSTAL_BENCH_JAVA_OPTS="$3 -Xlog:gc:file=$tmp/gc.log" /usr/bin/time -f '%M %e' -o "$tmp/time" \
    "$tmp/$1/crystal-bench" run "$config" --data "$2" --threads "$threads" --out "$tmp/run" -q > "$tmp/stdout" 2> "$tmp/stderr"
  status=$?
  set -e
  rss=$(awk 'END { printf "%.0f", $1 / 1024 }' "$tmp/time"); wall=$(awk 'END { print $2 }' "$tmp/time")
  gc=$(gclog "$tmp/gc.log")
  [ "$status" = 0 ] || echo "memory.sh: $1 '$3' on $(basename "$2") exited $status: $(tail -n 1 "$tmp/stderr")" >&2
}

[ -s "$out" ] || { mkdir -p "$(dirname "$out")"
  echo "date,side,commit,rows,numeric_columns,threads,java_opts,repeat,raw_numeric_mib,fixed_overhead_mib,bound_mib,peak_rss_mib,heap_after_gc_max_mib,heap_committed_max_mib,gc_pauses,full_gcs,wall_s,exit,load_1min_before,load_1min_after" > "$out"; }
for r in $(seq 1 "$repeats"); do
  for opts in "${variants[@]}"; do
    for s in "${sides[@]}"; do
      run_once "$s" "$tmp/small.csv" "$opts"; fixed=$rss
      load_before=$(cut -d' ' -f1 /proc/loadavg)
      run_once "$s" "$tmp/big.csv" "$opts"
      load_after=$(cut -d' ' -f1 /proc/loadavg)
      bound=$(awk -v r="$raw" -v f="$fixed" 'BEGIN { printf "%.0f", 2 * r + f }')
      echo "$(date -u +%Y-%m-%dT%H:%M:%SZ),$s,$(cat "$tmp/$s/commit"),$rows,$cols,$threads,\"$opts\",$r,$raw,$fixed,$bound,$rss,$gc,$wall,$status,$load_before,$load_after" >> "$out"
      echo "memory.sh: $s '${opts}' #$r: peak RSS $rss MiB (bound $bound = 2 x $raw + $fixed), heap after GC max/committed max/pauses/full $gc, $wall s, load $load_before -> $load_after" >&2
    done
  done
done

if [ "${MEMORY_HISTOGRAM:-0}" = 1 ]; then
  hist=${MEMORY_HISTOGRAM_DIR:-/tmp}; mkdir -p "$hist"
  for s in "${sides[@]}"; do
    rm -rf "$tmp/run"
    CRYSTAL_BENCH_JAVA_OPTS="${variants[-1]}" "$tmp/$s/crystal-bench" run "$config" --data "$tmp/big.csv" \
      --threads "$threads" --out "$tmp/run" -q > /dev/null 2>&1 &
    pid=$! best=0
    while kill -0 "$pid" 2> /dev/null; do
      sleep 2
      "$CB_JAVA_HOME/bin/jcmd" "$pid" GC.class_histogram > "$tmp/h.txt" 2> /dev/null || continue
      total=$(awk '$1 == "Total" { print $3 }' "$tmp/h.txt")
      if [ -n "$total" ] && [ "$total" -gt "$best" ]; then best=$total; cp "$tmp/h.txt" "$hist/histogram-$s.txt"; fi
    done
    wait "$pid" || true
    echo "memory.sh: $s '${variants[-1]}': largest live heap sampled $((best / 1048576)) MiB -> $hist/histogram-$s.txt" >&2
  done
fi
echo "$out"
