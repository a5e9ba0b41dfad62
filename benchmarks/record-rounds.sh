#!/usr/bin/env bash
# Records interleaved rounds of KnownEffectBench for measuring the perf gate's error rates
# (docs/performance.md, "The perf gate"): each round runs four forks in a shuffled order, factor
# 1.00 (the base), 1.00 again (an A/A head), 1.05 and 1.10 (+5% and +10% heads), each with the CPU-time
# profiler and the gate's fork settings, so every round gives one A/A, one +5% and one +10% pair in
# wall time and in CPU time. Rounds alternate in blocks between the machine as it is and the machine
# plus a load this script generates (LOAD_SPINNERS busy loops, default 2 = one per core), so both
# conditions see the same background. Forks run with -Xbatch, as perf-check's do. Usage: benchmarks/record-rounds.sh JAR OUTDIR UNTIL_EPOCH [BLOCK]
set -uo pipefail
jar=$(realpath "$1"); dir=$2; until=$3; block=${4:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/env.sh"; cb_find_jdk >/dev/null
java="$CB_JAVA_HOME/bin/java"; export OPENBLAS_NUM_THREADS=1
mkdir -p "$dir/prof"; dir=$(realpath "$dir")
# the profiler alone in a jar put first on the class path, as perf-check does for either build
(cd "$dir/prof" && unzip -oq "$jar" 'org/crystalbench/perf/CpuTimeProfiler*' && "$CB_JAVA_HOME/bin/jar" cf "$dir/cpuprof.jar" org)
log="$dir/rounds.tsv"
[ -f "$log" ] || echo -e "round\tcondition\torder\tseconds\tload_before\tload_after" > "$log"
fork() { # name factor
  "$java" -Djmh.ignoreLock=true -cp "$dir/cpuprof.jar:$jar" org.openjdk.jmh.Main KnownEffectBench -p factor="$2" \
    -f 1 -wi "${WI:-1}" -w "${W:-300ms}" -i "${I:-3}" -r "${W:-300ms}" -prof org.crystalbench.perf.CpuTimeProfiler \
    -rf json -rff "$dir/$1.json" -jvmArgsAppend "--enable-native-access=ALL-UNNAMED -Xbatch" > "$dir/$1.log" 2>&1
}
r=$(( $(wc -l < "$log") ))
spin=()
trap '[ ${#spin[@]} -gt 0 ] && kill "${spin[@]}" 2>/dev/null' EXIT
while [ "$(date +%s)" -lt "$until" ]; do
  cond=quiet; [ $(( (r - 1) / block % 2 )) -eq 1 ] && cond=loaded
  if [ "$cond" = loaded ] && [ ${#spin[@]} -eq 0 ]; then
    for _ in $(seq "${LOAD_SPINNERS:-2}"); do timeout 3600 sh -c 'while :; do :; done' & spin+=($!); done
  elif [ "$cond" = quiet ] && [ ${#spin[@]} -gt 0 ]; then
    kill "${spin[@]}" 2>/dev/null; wait "${spin[@]}" 2>/dev/null; spin=()
  fi
  u0=$(cut -d' ' -f1 /proc/loadavg); t0=$(date +%s.%N)
  order=$(printf 'base\naa\nf05\nf10\n' | shuf | tr '\n' ' ')
  for s in $order; do
    case $s in base|aa) f=1.00 ;; f05) f=1.05 ;; f10) f=1.10 ;; esac
    fork "r$(printf %04d "$r")-$s" "$f"
  done
  echo -e "$r\t$cond\t$order\t$(echo "$(date +%s.%N) - $t0" | bc)\t$u0\t$(cut -d' ' -f1 /proc/loadavg)" >> "$log"
  r=$((r + 1))
done
[ ${#spin[@]} -gt 0 ] && { kill "${spin[@]}" 2>/dev/null; wait "${spin[@]}" 2>/dev/null; }
echo "done $(date -u +%T)" >> "$dir/progress.txt"
