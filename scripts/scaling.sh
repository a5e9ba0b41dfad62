#!/usr/bin/env bash
# The scaling benchmark (issue 17): for each row count, synthetic rows from `crystal-bench synth`, then one child
# JVM (-Xmx4g unless SCALING_HEAP says otherwise) that times every stage of a run on them (bench/Scaling.java:
# hash, load, splits, audit, encode, one fit per model of configs/scaling.yaml on FIT_SPLITS holdout splits,
# statistics, tables, report) with its peak heap; /usr/bin/time's maximum RSS of the child is the cross-check.
# Then (issue 30) the scikit-learn side on the same file: scripts/sklearn-scaling.py with /usr/bin/python3 (load,
# encode, the config's logistic and naive-Bayes models on the same number of holdout splits, predictions.csv.gz),
# its stages named sklearn:..., with its own maximum RSS, so each ratio is measured in one run under one load.
# scikit-learn fits crystal-bench's own fit splits (the run folder's fit-splits.txt: the same training rows in the same
# order, so each LR fit is the same problem on both sides) when crystal-bench's side ran; else (SCALING_JAVA=0) its own.
# Skipped, with a line saying so, where /usr/bin/python3 has no scikit-learn or SCALING_SKLEARN=0.
#
# Usage: scripts/scaling.sh [OUT_CSV] [ROWS...]   (default results/perf/scaling.csv, 1000 10000 100000 1000000)
# Environment: SCALING_HEAP (4g), SCALING_THREADS (2; also scikit-learn's OMP_NUM_THREADS), SCALING_FIT_SPLITS (2),
# SCALING_SYSTEMS (3), SCALING_CONFIG (configs/scaling.yaml; configs/scaling-lr.yaml times LR alone), SCALING_TMP (/tmp), SCALING_SKLEARN (1; 0 leaves the scikit-learn side out), SCALING_JAVA (1; 0
# leaves crystal-bench's side out: a 1M-row pass in two pieces, each within a CPU-lock hold; the same seed, the same file).
# SCALING_JAR (default: build this checkout and use target/crystal-bench.jar; a jar named here is timed as it is, not
# built: e.g. main's build against the same files), SCALING_LABEL (written in the last column, label: which build or pass).
# The synthetic files and run folders go to SCALING_TMP and are deleted; only the CSV is kept.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/results/perf/scaling.csv}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000)
config=${SCALING_CONFIG:-$here/configs/scaling.yaml}
heap=${SCALING_HEAP:-4g} threads=${SCALING_THREADS:-2} fit_splits=${SCALING_FIT_SPLITS:-2} systems=${SCALING_SYSTEMS:-3}
tmp=$(mktemp -d "${SCALING_TMP:-/tmp}/scaling.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/scripts/env.sh"
cb_find_jdk

# Always build (unless SCALING_JAR names the jar to time): the launcher's "jar older than a source" check misses a
# source edited while a jar was being built.
if [ -z "${SCALING_JAR:-}" ]; then
  "$here/mvnw" -B -q -DskipTests package > "$tmp/build.log" 2>&1 || { tail -n 30 "$tmp/build.log" >&2; exit 1; }
fi
jar=${SCALING_JAR:-$here/target/crystal-bench.jar} label=${SCALING_LABEL:-}
mkdir -p "$(dirname "$out")"
echo "rows,stage,seconds,peak_heap_mib,retained_mib,detail,max_rss_mib,heap_limit,threads,load_1min_before,load_1min_after,date,label" > "$out"
for n in "${sizes[@]}"; do
  "$here/crystal-bench" synth --rows "$n" --systems "$systems" --out "$tmp/data.csv" 2> /dev/null
  if [ "${SCALING_JAVA:-1}" != 0 ]; then
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  OPENBLAS_NUM_THREADS=1 /usr/bin/time -f '%M' -o "$tmp/rss" "$CB_JAVA_HOME/bin/java" -Xmx"$heap" \
    --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -cp "$jar" \
    org.crystalbench.bench.Scaling "$config" "$tmp/data.csv" "$tmp/run" "$threads" "$fit_splits" \
    > "$tmp/lines.csv" 2> "$tmp/stderr.log" || { cat "$tmp/stderr.log" >&2; exit 1; }
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  rss=$(awk '{ printf "%.0f", $1 / 1024 }' "$tmp/rss")
  when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  sed "s/\$/,$rss,$heap,$threads,$load_before,$load_after,$when,$label/" "$tmp/lines.csv" >> "$out"
  echo "scaling: $n rows done (max RSS $rss MiB, load $load_before -> $load_after)" >&2
  fi
  if [ "${SCALING_SKLEARN:-1}" != 0 ] && /usr/bin/python3 -c 'import sklearn, pandas, yaml' 2> /dev/null; then
    same=(); [ -f "$tmp/run/fit-splits.txt" ] && same=("$tmp/run/fit-splits.txt")
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    OMP_NUM_THREADS=$threads /usr/bin/time -f '%M' -o "$tmp/rss" /usr/bin/python3 "$here/scripts/sklearn-scaling.py" \
      "$config" "$tmp/data.csv" "$fit_splits" "$tmp/sk" ${same[@]+"${same[@]}"} > "$tmp/lines.csv" 2> "$tmp/stderr.log" \
      || { cat "$tmp/stderr.log" >&2; exit 1; }
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    rss=$(awk '{ printf "%.0f", $1 / 1024 }' "$tmp/rss")
    when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    sed "s/\$/,$rss,,$threads,$load_before,$load_after,$when,$label/" "$tmp/lines.csv" >> "$out"
    echo "scaling: $n rows, scikit-learn side done (max RSS $rss MiB, load $load_before -> $load_after)" >&2
  else
    echo "scaling: no scikit-learn side (SCALING_SKLEARN=0 or /usr/bin/python3 lacks sklearn, pandas or yaml)" >&2
  fi
  rm -rf "$tmp/run" "$tmp/data.csv" "$tmp/sk"
done
echo "$out"
