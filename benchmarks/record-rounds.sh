#!/usr/bin/env bash
# Records rounds of the perf gate's own comparison for measuring its error rates (docs/performance.md,
# "The perf gate"): the same jar as base and head (so every hot-path pair is an A/A pair), with
# KnownEffectBench beside them at factor 1.00 in the base and FACTOR (default 1.10) in the head (a true
# slowdown of known size, +10.01%). Each block is one `perf-check` of ROUNDS_PER_BLOCK rounds with the
# gate's settings (one JVM per build and round, 3 warmup + 3 iterations of 100 ms, thread CPU time);
# blocks alternate between the machine as it is ("background") and the machine plus LOAD_SPINNERS
# (default 2: one per core) busy loops of this script's own ("spinners"), so both conditions see the same
# background. blocks.tsv has each block's condition, time and 1-minute load average before and after;
# every fork's JMH JSON stays in DIR/bNNN-<condition>/. GateErrorRates reads them.
# Usage: benchmarks/record-rounds.sh JAR DIR UNTIL_EPOCH [ROUNDS_PER_BLOCK]
set -uo pipefail
jar=$(realpath "$1"); dir=$2; until=$3; per=${4:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/env.sh"; cb_find_jdk >/dev/null
java="$CB_JAVA_HOME/bin/java"
mkdir -p "$dir"; dir=$(realpath "$dir")
log="$dir/blocks.tsv"
[ -f "$log" ] || echo -e "block\tcondition\tseconds\tload_before\tload_after" > "$log"
b=$(( $(wc -l < "$log") ))
spin=()
trap '[ ${#spin[@]} -gt 0 ] && kill "${spin[@]}" 2>/dev/null' EXIT
while [ "$(date +%s)" -lt "$until" ]; do
  cond=background; [ $(( b % 2 )) -eq 0 ] && cond=spinners
  if [ "$cond" = spinners ] && [ ${#spin[@]} -eq 0 ]; then
    for _ in $(seq "${LOAD_SPINNERS:-2}"); do timeout 3600 sh -c 'while :; do :; done' & spin+=($!); done
  elif [ "$cond" = background ] && [ ${#spin[@]} -gt 0 ]; then
    kill "${spin[@]}" 2>/dev/null; wait "${spin[@]}" 2>/dev/null; spin=()
  fi
  u0=$(cut -d' ' -f1 /proc/loadavg); t0=$(date +%s.%N)
  out="$dir/$(printf 'b%03d' "$b")-$cond"
  "$java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -jar "$jar" perf-check --base-jar "$jar" --head-jar "$jar" \
    --config "$here/configs/paper.yaml" \
    --include 'org\.crystalbench\.bench\.(TrainBench\.fit|SingleRowBench\.predictRow|BatchInferenceBench\.predictBatch|KnownEffectBench\.kernel)$' \
    --param model="${MODELS:-DNN,DNN-smile,SVM,LR,NB,RF,GBT}" --base-param factor=1.00 --head-param factor="${FACTOR:-1.10}" \
    --rounds "$per" --one-jvm --duet --warmup 3 --iterations 8 --iteration-time 20ms --seed "$b" --out "$out" > "$out.md" 2> "$out.log"
  echo -e "$b\t$cond\t$(echo "$(date +%s.%N) - $t0" | bc)\t$u0\t$(cut -d' ' -f1 /proc/loadavg)" >> "$log"
  b=$((b + 1))
done
[ ${#spin[@]} -gt 0 ] && { kill "${spin[@]}" 2>/dev/null; wait "${spin[@]}" 2>/dev/null; }
echo "done $(date -u +%T)" >> "$dir/progress.txt"
