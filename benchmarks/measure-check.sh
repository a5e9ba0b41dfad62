#!/usr/bin/env bash
# Measures perf-check itself (docs/performance.md, "How often is the check right?"): false alarms
# (A/A: factor 1.00 both sides) and detection of a true +5% / +10% slowdown (KnownEffectBench factor
# 1.05 / 1.10 against 1.00), for the interleaved mode and the two-file mode, in rotation so that every
# condition sees the same background load. Each loop: interleaved A/A, interleaved +10%, a second
# interleaved A/A, one two-file set (a base run and three head runs: 1.00, 1.05, 1.10 in shuffled order),
# and every fourth loop an interleaved +5%. Usage: benchmarks/measure-check.sh JAR OUTDIR FIRST LAST
set -uo pipefail
jar=$1; dir=$2; first=${3:-1}; last=${4:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/env.sh"; cb_find_jdk >/dev/null
java="$CB_JAVA_HOME/bin/java"; export OPENBLAS_NUM_THREADS=1
mkdir -p "$dir"; log="$dir/log.tsv"
echo -e "loop\tmode\tcondition\texit\tseconds\tverdict\tuptime_before\tuptime_after" > "$log"
cb() { "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"; }
interleaved() { # loop condition factor
  local u0 t0 rc; u0=$(uptime | sed 's/.*load average: //'); t0=$(date +%s.%N)
  cb perf-check --base-jar "$jar" --head-jar "$jar" --include KnownEffectBench --base-param factor=1.00 \
    --head-param factor="$3" --rounds 6 --warmup 1 --iterations 3 --iteration-time 400ms --seed "$1" \
    --config "$here/configs/paper.yaml" --out "$dir/il-$2-$1" > "$dir/il-$2-$1.md" 2> "$dir/il-$2-$1.err"; rc=$?
  echo -e "$1\tinterleaved\t$2\t$rc\t$(echo "$(date +%s.%N) - $t0" | bc)\t$(grep -o 'REGRESSION\|within noise\|improvement\| ok ' "$dir/il-$2-$1.md" | head -1)\t$u0\t$(uptime | sed 's/.*load average: //')" >> "$log"
}
jmh() { # out.json factor
  "$java" -Djmh.ignoreLock=true -cp "$jar" org.openjdk.jmh.Main KnownEffectBench -p factor="$2" -f 1 -wi 1 -w 400ms \
    -i 5 -r 400ms -rf json -rff "$1" -jvmArgsAppend "--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" > "$1.log" 2>&1
}
twofile() { # loop: one base run (1.00) and three head runs (1.00, 1.05, 1.10) in a shuffled order
  local u0 t0 f; u0=$(uptime | sed 's/.*load average: //'); t0=$(date +%s.%N)
  jmh "$dir/tf-$1-base.json" 1.00
  for f in $(printf '1.00\n1.05\n1.10\n' | shuf --random-source=<(yes "$1")); do
    jmh "$dir/tf-$1-head-$f.json" "$f"
    sed -i 's/"factor" : "1\.[01][05]"/"factor" : "1.00"/' "$dir/tf-$1-head-$f.json"   # same benchmark key as the base
  done
  local secs; secs=$(echo "($(date +%s.%N) - $t0) / 2" | bc -l)   # two of the four runs make one comparison
  for f in 1.00 1.05 1.10; do
    for th in 10 3; do
      cb perf-check --baseline "$dir/tf-$1-base.json" --current "$dir/tf-$1-head-$f.json" --threshold "$th" > "$dir/tf-$1-$f-t$th.md" 2>&1; rc=$?
      echo -e "$1\ttwo-file-t$th\tf$f\t$rc\t$secs\t$(grep -o 'REGRESSION\|within noise\|improvement\|| ok |' "$dir/tf-$1-$f-t$th.md" | head -1)\t$u0\t$(uptime | sed 's/.*load average: //')" >> "$log"
    done
  done
}
for k in $(seq "$first" "$last"); do
  echo "loop $k $(date +%T) load $(uptime | sed 's/.*load average: //')" >> "$dir/progress.txt"
  ps -eo pcpu,etime,args --sort=-pcpu | head -6 | cut -c1-160 >> "$dir/progress.txt"
  interleaved "$k" aa 1.00
  interleaved "$k" ab10 1.10
  interleaved "$((k + 1000))" aa 1.00
  twofile "$k"
  [ $((k % 4)) -eq 0 ] && interleaved "$k" ab05 1.05
done
echo "done $(date +%T)" >> "$dir/progress.txt"
