#!/usr/bin/env bash
# Runs a crystal-bench grid search as a Slurm job array (one shard per array task), then merges.
# Run it on a login node; `scripts/grid-slurm.sh --help` says what it submits. docs/grid.md, "Slurm".
#
# The same file is also the batch script of the jobs it submits (`--task`, `--merge`): sbatch copies
# it, so everything a job needs (repository, absolute paths, shard count) is in its arguments.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: scripts/grid-slurm.sh [options] CONFIG DATA OUT [SHARDS]

Builds the jar once (here, so that tasks never race to rebuild it), then submits with sbatch:

  1. a job array "crystal-grid", one task per shard (tasks 0..SHARDS-1, or --array LIST), each with
     --cpus-per-task CPUS --mem MEM --time TIME [--partition P] [--account A]. Task i runs
       crystal-bench grid CONFIG --data DATA --out OUT/shard-i --shard i/SHARDS --threads CPUS
           --fit-timeout FIT --max-time (time left in the task - margin)
     (the shard is passed explicitly: `--array 1` reruns shard 1 of SHARDS and nothing else);
  2. a merge job "crystal-merge-<id of OUT>" (1 CPU, MEM, 30 min, same partition and account) that
     starts once every task of (1) has ended, even a failed one, and never beside another merge of
     the same OUT: crystal-bench merge OUT/shard-* --out OUT/merged.
     With grid.search race or halving, the merge decides the search's next stage (merge exit 6);
     the merge job then submits (1) and (2) again with the same options, and each task passes
     --merged OUT/merged to grid, until the search ends (at most 100 stages, counted in OUT/stage;
     a stage that adds no result stops the chain with exit 4: submit again once fixed).

CONFIG, DATA and OUT are made absolute here; the jobs run in OUT and write their logs to OUT/logs/
(grid-<array job>_<index>.out, merge-<job>.out); job ids are appended to OUT/slurm-jobs.txt.
Exit codes of a task: 0 its shard is complete (failed fits are listed in grid.md), 4 it stopped at
--max-time (submit again: it resumes from its journal), 2 bad input, 3 internal error.

options (default in brackets):
  --shards N        number of shards [8]; a 4th argument SHARDS works too
  --cpus N          CPUs per task, and the grid's --threads [2]
  --mem SIZE        memory per task, Slurm syntax (e.g. 2G, 1500M) [2G]; unless
                    CRYSTAL_BENCH_JAVA_OPTS is set, the JVM heap is capped at 2/3 of it
  --time LIMIT      time limit per task, Slurm syntax (MM, HH:MM:SS, D-HH:MM) [2:00:00]
  --partition P     partition [the cluster's default]
  --account A       account [the cluster's default]
  --fit-timeout D   per-fit limit given to grid, e.g. 10m [10m]
  --margin D        time kept free at the end of a task for the fits in flight and the tables
                    [fit timeout + 5% of the time limit, at least 1m]; --max-time is the
                    task's time left when it starts (squeue %L, else --time) minus this
  --array LIST      submit only these shard indices, e.g. 1 or 0,2-3 (to rerun cancelled or
                    failed tasks; a finished shard resumes with nothing to do) [0-(SHARDS-1)]
  --sbatch-arg ARG  one more option for both sbatch calls (repeatable), e.g. --sbatch-arg=--qos=long
  -n, --dry-run     print the sbatch commands, submit nothing
  -h, --help        this text

Example (8 shards of 4 CPUs, 8 h each; `sinfo -o '%P %l %c %m'` lists each partition's time
limit, CPUs and memory per node):
  scripts/grid-slurm.sh --cpus 4 --mem 4G --time 8:00:00 --partition long \
      configs/grid.yaml /data/lithium-ion-batteries.csv /scratch/$USER/grid 8
  # after a cancelled or failed task 3:  ... same line ... --array 3
EOF
}

die() { echo "grid-slurm: $*" >&2; exit 2; }

# Slurm time ("MM", "MM:SS", "HH:MM:SS", "D-HH", "D-HH:MM", "D-HH:MM:SS") in seconds; fails on
# anything else (UNLIMITED, NOT_SET, INVALID).
slurm_seconds() {
  local t=$1
  if [[ $t =~ ^([0-9]+)-([0-9]+)(:([0-9]+))?(:([0-9]+))?$ ]]; then
    echo $(( 10#${BASH_REMATCH[1]} * 86400 + 10#${BASH_REMATCH[2]} * 3600 + 10#${BASH_REMATCH[4]:-0} * 60 + 10#${BASH_REMATCH[6]:-0} ))
  elif [[ $t =~ ^([0-9]+)(:([0-9]+))?(:([0-9]+))?$ ]]; then
    if [ -n "${BASH_REMATCH[5]}" ]; then
      echo $(( 10#${BASH_REMATCH[1]} * 3600 + 10#${BASH_REMATCH[3]} * 60 + 10#${BASH_REMATCH[5]} ))
    else
      echo $(( 10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[3]:-0} ))
    fi
  else
    return 1
  fi
}

# crystal-bench duration ("90s", "10m", "1h30m", "1d") in whole seconds (rounded up); fails otherwise.
duration_seconds() {
  local t=$1 total=0
  [[ $t =~ ^([0-9]+(ms|s|m|h|d))+$ ]] || return 1
  while [[ $t =~ ^([0-9]+)(ms|s|m|h|d)(.*)$ ]]; do
    case ${BASH_REMATCH[2]} in
      ms) total=$(( total + (10#${BASH_REMATCH[1]} + 999) / 1000 )) ;;
      s) total=$(( total + 10#${BASH_REMATCH[1]} )) ;;
      m) total=$(( total + 10#${BASH_REMATCH[1]} * 60 )) ;;
      h) total=$(( total + 10#${BASH_REMATCH[1]} * 3600 )) ;;
      d) total=$(( total + 10#${BASH_REMATCH[1]} * 86400 )) ;;
    esac
    t=${BASH_REMATCH[3]}
  done
  echo "$total"
}

# Seconds to keep free at the end: --margin, else fit timeout + 5% of the limit, at least 60 s.
margin_seconds() { # $1 = limit in seconds, $2 = fit timeout in seconds, $3 = --margin seconds or "auto"
  if [ "$3" != auto ]; then echo "$3"; return; fi
  local m=$(( $2 + $1 / 20 ))
  [ "$m" -ge 60 ] || m=60
  echo "$m"
}

# Unless the user chose JVM options, cap the heap at 2/3 of the job's memory (SLURM_MEM_PER_NODE, MB).
java_heap() {
  if [ -z "${CRYSTAL_BENCH_JAVA_OPTS:-}" ] && [[ ${SLURM_MEM_PER_NODE:-} =~ ^[0-9]+$ ]]; then
    export CRYSTAL_BENCH_JAVA_OPTS="-Xmx$(( SLURM_MEM_PER_NODE * 2 / 3 ))m"
  fi
}

# --- task mode: one shard (inside the job array) ----------------------------------------------------
if [ "${1:-}" = --task ]; then
  [ $# -eq 9 ] || die "--task needs REPO CONFIG DATA OUT SHARDS FIT_TIMEOUT MARGIN TIME (got $# arguments)"
  repo=$2 config=$3 data=$4 out=$5 shards=$6 fit=$7 margin=$8 submitted=$9
  i=${SLURM_ARRAY_TASK_ID:?--task runs inside a Slurm job array (SLURM_ARRAY_TASK_ID is not set)}
  [ "$i" -lt "$shards" ] || die "array index $i is not a shard of $shards (0..$((shards - 1)))"
  cd "$out"
  java_heap
  # --max-time from this task's own limit: its time left now (squeue %L), less the margin; without
  # squeue, the --time it was submitted with.
  read -r limit left < <(squeue -h -j "${SLURM_JOB_ID:?}" -o '%l %L' 2>/dev/null || true) || true
  [ -n "${left:-}" ] || { limit=$submitted left=$submitted; }
  max=()
  if left_s=$(slurm_seconds "${left:-}") && limit_s=$(slurm_seconds "${limit:-}"); then
    m=$(margin_seconds "$limit_s" "$(duration_seconds "$fit")" "$margin")
    run_s=$(( left_s - m ))
    if [ "$run_s" -lt 30 ]; then
      run_s=$(( left_s / 2 > 1 ? left_s / 2 : 1 ))
      echo "grid-slurm: warning: $left left is too little for a margin of ${m}s; stopping new fits after ${run_s}s" >&2
    fi
    max=(--max-time "${run_s}s")
  else
    echo "grid-slurm: time limit '${limit:-?}' (left '${left:-?}'): no --max-time" >&2
  fi
  echo "grid-slurm: job ${SLURM_ARRAY_JOB_ID:-?}_$i (job id ${SLURM_JOB_ID}) on $(hostname): shard $i/$shards," \
    "${SLURM_CPUS_PER_TASK:-1} CPUs, ${SLURM_MEM_PER_NODE:-?}M, limit ${limit:-?}, left ${left:-?}, ${max[*]:-no --max-time}" >&2
  # A race or halving goes stage by stage: the last merge's results tell this shard what the search decided.
  merged=()
  [ -f "$out/merged/grid-meta.json" ] && merged=(--merged "$out/merged")
  code=0
  "$repo/crystal-bench" grid "$config" --data "$data" --out "$out/shard-$i" --shard "$i/$shards" \
    --threads "${SLURM_CPUS_PER_TASK:-1}" --fit-timeout "$fit" "${max[@]}" "${merged[@]}" || code=$?
  # 0 complete, 1 complete with failed fits (listed in grid.md), 4 stopped at --max-time (resubmit).
  case $code in
    0|1) exit 0 ;;
    4) echo "grid-slurm: shard $i/$shards stopped at --max-time; submit again (--array $i) to resume" >&2; exit 4 ;;
    *) exit "$code" ;;
  esac
fi

# --- merge mode: after the array --------------------------------------------------------------------
if [ "${1:-}" = --merge ]; then
  [ $# -eq 3 ] || die "--merge needs REPO OUT"
  repo=$2 out=$3
  cd "$out"
  java_heap
  shopt -s nullglob
  dirs=("$out"/shard-*/)
  [ ${#dirs[@]} -gt 0 ] || die "no shard folders in $out"
  code=0
  "$repo/crystal-bench" merge "${dirs[@]%/}" --out "$out/merged" || code=$?
  case $code in
    0|1) exit 0 ;;
    4) echo "grid-slurm: merge incomplete (units missing, listed in $out/merged/missing.csv): resubmit the shards that did not finish" >&2; exit 4 ;;
    6) # a race or halving goes on: submit the same array and merge again, while each stage adds results
      stage=$(( $(cat "$out/stage" 2>/dev/null || echo 1) + 1 ))
      [ "$stage" -le 100 ] || { echo "grid-slurm: 100 stages submitted; stopping (see $out/merged/grid.md)" >&2; exit 6; }
      units=$(wc -l < "$out/merged/journal.jsonl")
      if [ "$units" -le "$(cat "$out/merged-units" 2>/dev/null || echo -1)" ]; then
        echo "grid-slurm: the last stage added no results (shard logs in $out/logs); not submitting again." \
          "Fix the cause, then submit the same command again: it resumes" >&2
        exit 4
      fi
      echo "$units" > "$out/merged-units"
      echo "$stage" > "$out/stage"
      mapfile -d '' args < "$out/submit-args"
      echo "grid-slurm: the search goes on: submitting stage $stage (next units in $out/merged/missing.csv)" >&2
      "$repo/scripts/grid-slurm.sh" "${args[@]}"
      exit 0 ;;
    *) exit "$code" ;;
  esac
fi

# --- submit mode (login node) ------------------------------------------------------------------------
submit_args=("$@")   # kept in OUT/submit-args: a race's merge job submits its next stage with them
shards=8 cpus=2 mem=2G time=2:00:00 partition= account= fit=10m margin=auto array= dry=0
extra=() pos=()
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    -n|--dry-run) dry=1 ;;
    --shards|--cpus|--mem|--time|--partition|--account|--fit-timeout|--margin|--array|--sbatch-arg)
      [ $# -ge 2 ] || die "$1 needs a value"
      opt=${1#--} val=$2; shift
      case $opt in
        shards) shards=$val ;; cpus) cpus=$val ;; mem) mem=$val ;; time) time=$val ;;
        partition) partition=$val ;; account) account=$val ;; fit-timeout) fit=$val ;;
        margin) margin=$val ;; array) array=$val ;; sbatch-arg) extra+=("$val") ;;
      esac ;;
    --*=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) pos+=("$1") ;;
  esac
  shift
done
[ ${#pos[@]} -eq 3 ] || [ ${#pos[@]} -eq 4 ] || { usage >&2; exit 2; }
[ ${#pos[@]} -eq 4 ] && shards=${pos[3]}
[[ $shards =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, got '$shards'"
[[ $cpus =~ ^[1-9][0-9]*$ ]] || die "--cpus must be a positive whole number, got '$cpus'"
[[ $mem =~ ^[1-9][0-9]*[KMGTkmgt]?$ ]] || die "--mem: '$mem' is not a Slurm memory size (e.g. 2G, 1500M)"
limit_s=$(slurm_seconds "$time") || die "--time: '$time' is not a Slurm time (MM, HH:MM:SS, D-HH:MM)"
fit_s=$(duration_seconds "$fit") || die "--fit-timeout: '$fit' is not a duration (e.g. 90s, 10m, 1h30m)"
if [ "$margin" != auto ]; then
  margin=$(duration_seconds "$margin") || die "--margin: '$margin' is not a duration (e.g. 90s, 10m)"
fi
m=$(margin_seconds "$limit_s" "$fit_s" "$margin")
[ "$m" -lt "$limit_s" ] || die "--time $time leaves nothing after a margin of ${m}s (fit timeout + 5%, at least 1m): raise --time or lower --fit-timeout/--margin"
if [ -n "$array" ]; then
  [[ $array =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || die "--array: '$array' is not a list of indices (e.g. 1 or 0,2-3)"
  for n in ${array//[,-]/ }; do
    [ "$((10#$n))" -lt "$shards" ] || die "--array $array: index $n is not a shard of $shards (0..$((shards - 1)))"
  done
else
  array="0-$((shards - 1))"
fi

here=$(cd "$(dirname "$0")/.." && pwd)
self="$here/scripts/grid-slurm.sh"
[ -f "${pos[0]}" ] || die "config ${pos[0]}: no such file"
[ -e "${pos[1]}" ] || die "data ${pos[1]}: no such file (a suite config takes its data folder)"
config=$(realpath "${pos[0]}") data=$(realpath "${pos[1]}") out=$(realpath -m "${pos[2]}")

res=(--mem="$mem")
[ -n "$partition" ] && res+=(--partition="$partition")
[ -n "$account" ] && res+=(--account="$account")
tag=$(printf %s "$out" | cksum | cut -d' ' -f1)
task_cmd=(sbatch --parsable --job-name=crystal-grid --array="$array" --cpus-per-task="$cpus" --time="$time" "${res[@]}"
  --chdir="$out" --output="$out/logs/grid-%A_%a.out" "${extra[@]}"
  "$self" --task "$here" "$config" "$data" "$out" "$shards" "$fit" "$margin" "$time")
merge_cmd=(sbatch --parsable --job-name="crystal-merge-$tag" --cpus-per-task=1 --time=30:00 "${res[@]}"
  --chdir="$out" --output="$out/logs/merge-%j.out" "${extra[@]}")
show() { printf '%q ' "$@" | sed 's/ $//'; echo; }

if [ "$dry" -eq 1 ]; then
  show "${task_cmd[@]}"
  show "${merge_cmd[@]}" --dependency=afterany:ARRAY_JOB,singleton "$self" --merge "$here" "$out"
  exit 0
fi

command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node (or use --dry-run)"
# Build once here: concurrent tasks must not race to rebuild the jar.
"$here/crystal-bench" --version >/dev/null
mkdir -p "$out/logs"
# Absolute paths, so that the merge job (which runs in OUT) can submit a race's next stage.
for k in "${!submit_args[@]}"; do
  case ${submit_args[$k]} in
    "${pos[0]}") submit_args[$k]=$config ;; "${pos[1]}") submit_args[$k]=$data ;; "${pos[2]}") submit_args[$k]=$out ;;
  esac
done
[ -f "$out/stage" ] || echo 1 > "$out/stage"
printf '%s\0' "${submit_args[@]}" > "$out/submit-args"
show "${task_cmd[@]}" >&2
job=$("${task_cmd[@]}") || die "sbatch refused the array (above). \`sinfo -o '%P %l %c %m'\` lists each partition's time limit, CPUs and memory per node"
job=${job%%;*}
merge_cmd+=(--dependency="afterany:$job,singleton" "$self" --merge "$here" "$out")
show "${merge_cmd[@]}" >&2
merge=$("${merge_cmd[@]}")
merge=${merge%%;*}
printf '%s array %s %s/%s\n%s merge %s\n' "$(date -Is)" "$job" "$array" "$shards" "$(date -Is)" "$merge" >> "$out/slurm-jobs.txt"
echo "grid-slurm: array job $job (shards $array of $shards: $cpus CPUs, $mem, $time each) and merge job $merge;" \
  "logs in $out/logs, tables in $out/merged/grid.md"

# A request the partition can never grant pends forever without an error: say so now.
sleep 2
reasons=$(squeue -h -j "$job" -o '%r' 2>/dev/null | sort -u | tr '\n' ' ' || true)
case $reasons in
  *Partition*|*ReqNodeNotAvail*|*QOSMax*|*AssocMax*|*MaxCpu*|*MaxMem*|*MaxWall*)
    echo "grid-slurm: warning: the tasks pend with reason: $reasons- they may never start." \
      "Compare --cpus/--mem/--time with \`sinfo -o '%P %l %c %m'\` (time limit, CPUs, memory per node)," \
      "then \`scancel $job $merge\` and submit again with smaller values or another --partition." >&2 ;;
esac
