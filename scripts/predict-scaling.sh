#!/usr/bin/env bash
# Batch prediction, crystal-bench against scikit-learn in one run (issue 30; docs/performance.md "Batch prediction
# at a million rows" and "... with the harness's threads"). For each thread count T of THREADS and each config:
# bench/PredictScaling (ours: the harness's T threads share out blocks of 4,096 rows, the JVM sees T processors),
# then scripts/sklearn-predict-scaling.py on the same file, rows and training rows with its BLAS and OpenMP pinned to
# T threads and n_jobs=T where an estimator has it (RandomForest); each side preceded and followed by the load
# average. Appends one line per model and T to OUT (default results/perf/predict-scaling.csv): ratio = our rows/s
# over scikit-learn's (>= 1: we are faster), threads = T, the last column (lines without it, before session 35: ours
# on one thread, scikit-learn with its defaults, i.e. its BLAS on both cores).
# Usage: scripts/predict-scaling.sh DATA [ROUND_LABEL] (needs target/crystal-bench.jar; /usr/bin/python3 with scikit-learn)
# Env: CONFIGS ("configs/predict-scaling.yaml:20000 configs/predict-scaling-svm.yaml:2000", config:train_rows),
#      THREADS ("1 2": one line per model for each), REPEATS (3), OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/predict-scaling.sh DATA [ROUND_LABEL]}
label=${2:-1}
out=${OUT:-results/perf/predict-scaling.csv}
repeats=${REPEATS:-3}
configs=${CONFIGS:-"configs/predict-scaling.yaml:20000 configs/predict-scaling-svm.yaml:2000"}
threads=${THREADS:-"1 2"}
jar=target/crystal-bench.jar
. scripts/env.sh
cb_find_jdk
java=$CB_JAVA_HOME/bin/java
load() { cut -d' ' -f1 /proc/loadavg; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
header="date,round,model,rows,train_rows,ours_seconds,ours_rows_per_second,sklearn_seconds,sklearn_rows_per_second,ratio,load_before,load_between,load_after,commit,threads"
[ -f "$out" ] || echo "$header" > "$out"
if [ "$(head -1 "$out")" != "$header" ]; then
    echo "predict-scaling.sh: $out: header is not '$header'" >&2
    exit 1
fi
for t in $threads; do
    case $t in ''|*[!0-9]*|0) echo "predict-scaling.sh: THREADS: '$t' (whole numbers >= 1)" >&2; exit 2;; esac
done
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benchmarks || echo +)
for t in $threads; do
    for entry in $configs; do
        config=${entry%%:*} train=${entry##*:}
        l0=$(load)
        # parallelism belongs to the harness: its T threads, no library's own (OpenBLAS pinned for Smile's natives)
        OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$java" --enable-native-access=ALL-UNNAMED -XX:ActiveProcessorCount="$t" \
            -cp "$jar" org.crystalbench.bench.PredictScaling "$config" "$data" "$train" "$repeats" "$t" > "$tmp/ours.csv"
        l1=$(load)
        OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t \
            /usr/bin/python3 scripts/sklearn-predict-scaling.py "$config" "$data" "$train" "$repeats" "$t" > "$tmp/sk.csv"
        l2=$(load)
        date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
        join -t, <(tail -n +2 "$tmp/ours.csv" | sort) <(tail -n +2 "$tmp/sk.csv" | sort) | while IFS=, read -r m rows s rps skrows sks skrps; do
            ratio=$(awk -v a="$rps" -v b="$skrps" 'BEGIN{printf "%.3f", a / b}')
            echo "$date,$label,$m,$rows,$train,$s,$rps,$sks,$skrps,$ratio,$l0,$l1,$l2,$commit,$t" | tee -a "$out"
        done
    done
done
