#!/usr/bin/env bash
# Batch prediction, crystal-bench against scikit-learn in one run (issue 30; docs/performance.md "Batch prediction
# at a million rows"). For each config: bench/PredictScaling (ours, one thread), then scripts/sklearn-predict-scaling.py
# on the same file, rows and training rows, each preceded and followed by the load average. Appends one line per
# model to OUT (default results/perf/predict-scaling.csv): ratio = our rows/s over scikit-learn's (>= 1: we are faster).
# Usage: scripts/predict-scaling.sh DATA [ROUND_LABEL] (needs target/crystal-bench.jar; /usr/bin/python3 with scikit-learn)
# Env: CONFIGS ("configs/predict-scaling.yaml:20000 configs/predict-scaling-svm.yaml:2000", config:train_rows),
#      REPEATS (3), OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: scripts/predict-scaling.sh DATA [ROUND_LABEL]}
label=${2:-1}
out=${OUT:-results/perf/predict-scaling.csv}
repeats=${REPEATS:-3}
configs=${CONFIGS:-"configs/predict-scaling.yaml:20000 configs/predict-scaling-svm.yaml:2000"}
jar=target/crystal-bench.jar
. scripts/env.sh
cb_find_jdk
java=$CB_JAVA_HOME/bin/java
load() { cut -d' ' -f1 /proc/loadavg; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -f "$out" ] || echo "date,round,model,rows,train_rows,ours_seconds,ours_rows_per_second,sklearn_seconds,sklearn_rows_per_second,ratio,load_before,load_between,load_after,commit" > "$out"
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src benchmarks || echo +)
for entry in $configs; do
    config=${entry%%:*} train=${entry##*:}
    l0=$(load)
    # one thread everywhere inside our JVM (parallelism belongs to the harness); scikit-learn keeps its defaults
    OPENBLAS_NUM_THREADS=1 "$java" --enable-native-access=ALL-UNNAMED -XX:ActiveProcessorCount=1 -cp "$jar" org.crystalbench.bench.PredictScaling \
        "$config" "$data" "$train" "$repeats" > "$tmp/ours.csv"
    l1=$(load)
    /usr/bin/python3 scripts/sklearn-predict-scaling.py "$config" "$data" "$train" "$repeats" > "$tmp/sk.csv"
    l2=$(load)
    date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
    join -t, <(tail -n +2 "$tmp/ours.csv" | sort) <(tail -n +2 "$tmp/sk.csv" | sort) | while IFS=, read -r m rows s rps skrows sks skrps; do
        ratio=$(awk -v a="$rps" -v b="$skrps" 'BEGIN{printf "%.3f", a / b}')
        echo "$date,$label,$m,$rows,$train,$s,$rps,$sks,$skrps,$ratio,$l0,$l1,$l2,$commit" | tee -a "$out"
    done
done
