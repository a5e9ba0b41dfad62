#!/usr/bin/env bash
# Runs a crystal-bench grid search as a Slurm job array, one shard per array task, then merges.
#
#   scripts/grid-slurm.sh CONFIG DATA OUT [SHARDS]      (on a login node: builds, submits, returns)
#
# Submits an array of SHARDS tasks (default 8); task i runs shard i of SHARDS (crystal-bench reads
# SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT) into OUT/shard-<i>, then a merge job that runs once
# every task has ended (afterany: even if some failed) and writes OUT/merged. A task killed by the
# time limit or a node failure loses only its fits in flight: submit the same command again and
# every shard resumes from its journal (finished units are skipped), then the merge runs again.
# Edit the #SBATCH lines (partition, account, time, cpus) for your cluster.
#SBATCH --job-name=crystal-grid
#SBATCH --cpus-per-task=4
#SBATCH --mem=4G
#SBATCH --time=08:00:00
#SBATCH --output=crystal-grid-%A_%a.out
set -euo pipefail

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
  # Submit mode (login node).
  [ $# -ge 3 ] || { echo "usage: $0 CONFIG DATA OUT [SHARDS]" >&2; exit 2; }
  config=$1 data=$2 out=$3 shards=${4:-8}
  here=$(cd "$(dirname "$0")/.." && pwd)
  # Build once here: concurrent tasks must not race to rebuild the jar.
  "$here/crystal-bench" --version >/dev/null
  mkdir -p "$out"
  job=$(sbatch --parsable --array="0-$((shards - 1))" --chdir="$here" "$0" "$config" "$data" "$out")
  merge=$(sbatch --parsable --job-name=crystal-grid-merge --dependency="afterany:$job" --chdir="$here" \
    --cpus-per-task=1 --time=00:30:00 --output="crystal-grid-merge-%j.out" \
    --wrap="./crystal-bench merge $out/shard-* --out $out/merged")
  echo "submitted array job $job ($shards shards) and merge job $merge; tables will be in $out/merged/grid.md"
  exit 0
fi

# Task mode (inside the array): shard index and count come from the Slurm environment.
config=$1 data=$2 out=$3
# Leave a margin before the time limit for writing the tables (--max-time stops starting new fits).
code=0
./crystal-bench grid "$config" --data "$data" --out "$out/shard-$SLURM_ARRAY_TASK_ID" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" --fit-timeout 10m --max-time 7h40m || code=$?
# 0 complete, 1 complete with failed fits (listed in grid.md), 4 stopped at --max-time (resubmit to resume).
case $code in
  0|1) exit 0 ;;
  *) exit "$code" ;;
esac
