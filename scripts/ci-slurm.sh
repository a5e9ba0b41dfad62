#!/usr/bin/env bash
# Tests scripts/grid-slurm.sh on a real single-node Slurm cluster started here (Debian's slurm-wlm and
# munge): the smoke grid in three shards, task 1 cancelled while it runs and resubmitted alone
# (--array 1), and the merged grid.md "Best parameters" and nested.csv compared with a
# single-machine run; then the same grid as a race (grid.search: race) in two shards, whose merge
# jobs submit its stages, compared with a single-machine race. Called by .ci/run; runs by hand too (as root):
#
#   scripts/ci-slurm.sh [--data FILE] [--reference DIR] [--out DIR] [--keep] [--skip-if-unavailable]
#
#   --data FILE      the public data set [../shared/data/lithium-ion-batteries.csv]
#   --reference DIR  a finished single-machine grid folder of configs/grid-smoke.yaml on the same
#                    data [none: this script runs one into OUT/single]
#   --out DIR        where the grid folders go [results/grids/ci-slurm]
#   --keep           keep the cluster's folder (config, daemon logs) even when all went well
#   --skip-if-unavailable  exit 0 with a "skipped" line when the data, root or apt-get is missing
#
# Without the data file, root, or slurm and apt-get, it FAILS (exit 1): a pass must mean the cluster
# test ran. Pass --skip-if-unavailable to make those a "skipped" line and exit 0 instead. The cluster
# is private to this script: its own slurm.conf (SLURM_CONF), munge key and socket, state and logs
# in a fresh folder under /tmp, and free ports from 16817 up; /etc/slurm and /etc/munge are not
# touched, and every daemon it started is stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

data=../shared/data/lithium-ion-batteries.csv reference= out=results/grids/ci-slurm keep=0 skip=0
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=$2; shift ;;
    --reference) reference=$2; shift ;;
    --out) out=$2; shift ;;
    --keep) keep=1 ;;
    --skip-if-unavailable) skip=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "ci-slurm: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
log() { echo "ci-slurm: $*"; }
fail() { echo "ci-slurm: FAILED: $*" >&2; exit 1; }
t0=$SECONDS
elapsed() { echo "$((SECONDS - t0)) s"; }

# Something the test needs is missing: a failure, or a "skipped" line when asked for one.
unavailable() {
  if [ "$skip" -eq 1 ]; then log "skipped (--skip-if-unavailable): $*"; exit 0; fi
  fail "$* (nothing was tested; pass --skip-if-unavailable to skip instead)"
}
[ -f "$data" ] || unavailable "$data not present"
[ "$(id -u)" -eq 0 ] || unavailable "needs root (installs slurm-wlm and munge, runs slurmd); run as root"

# --- install ----------------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
   || ! command -v munged >/dev/null; then
  command -v apt-get >/dev/null || unavailable "slurm-wlm and munge are not installed and there is no apt-get"
  log "installing slurm-wlm munge"
  apt-get install -y -qq slurm-wlm munge >/dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq slurm-wlm munge >/dev/null; }
  log "installed ($(elapsed))"
fi
log "$(slurmctld -V), $(munged -V 2>&1 | head -n 1)"

# --- start a private cluster --------------------------------------------------------------------------
c=$(mktemp -d /tmp/cb-slurm.XXXXXX)
chmod 755 "$c"   # munged wants every folder above its socket searchable by all
mkdir -p "$c/state" "$c/spool"
pids=()
stop() {
  local rc=$? p i
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --quiet --user="$(id -un)" 2>/dev/null || true   # only this private cluster's jobs
    for _ in $(seq 50); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  # A job's slurmstepd outlives it by a moment; it keeps a socket in the spool folder until it exits.
  for _ in $(seq 100); do [ -z "$(find "$c/spool" -type s 2>/dev/null)" ] && break; sleep 0.1; done
  # slurmd, slurmctld, then munged (the first started): newest first
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    p=${pids[i]}; kill "$p" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ]; then
    for f in "$c"/*.log "$c"/*.out; do [ -f "$f" ] && { echo "--- $f (last lines)"; tail -n 15 "$f"; }; done >&2
    echo "ci-slurm: cluster folder kept: $c" >&2
  elif [ "$keep" -eq 1 ]; then
    log "cluster folder kept: $c"
  else
    rm -rf "$c"
  fi
  log "daemons stopped (total $(elapsed))"
}
trap stop EXIT
trap 'exit 130' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=16817
while ! { port_free "$port" && port_free $((port + 1)); }; do
  port=$((port + 2)); [ "$port" -lt 16917 ] || fail "no free port pair in 16817-16916"
done

dd if=/dev/urandom of="$c/munge.key" bs=1024 count=1 status=none
chmod 400 "$c/munge.key"
munged --foreground --key-file="$c/munge.key" --socket="$c/munge.socket" --pid-file="$c/munged.pid" \
  --log-file="$c/munged.log" --seed-file="$c/munged.seed" > "$c/munged.out" 2>&1 & pids+=($!)
for _ in $(seq 50); do [ -S "$c/munge.socket" ] && break; kill -0 "${pids[0]}" 2>/dev/null || break; sleep 0.1; done
[ -S "$c/munge.socket" ] || fail "munged did not start: $(cat "$c/munged.out")"

host=$(hostname -s)
node=cb-node
# One node with this machine's CPUs and memory, as slurmd itself counts them.
hw=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]*//')
cat > "$c/slurm.conf" <<EOF
ClusterName=cbci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$c/munge.socket
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$c/state
SlurmdSpoolDir=$c/spool
SlurmctldPidFile=$c/slurmctld.pid
SlurmdPidFile=$c/slurmd.pid
SlurmctldLogFile=$c/slurmctld.log
SlurmdLogFile=$c/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$host$hw State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$c/slurm.conf
slurmctld -D -i -f "$SLURM_CONF" > "$c/slurmctld.out" 2>&1 & pids+=($!)
slurmd -D -N "$node" -f "$SLURM_CONF" > "$c/slurmd.out" 2>&1 & pids+=($!)
for _ in $(seq 150); do
  [ "$(sinfo -h -N -o %T 2>/dev/null)" = idle ] && break; sleep 0.2
done
[ "$(sinfo -h -N -o %T 2>/dev/null)" = idle ] || fail "the node did not come up: $(sinfo -N 2>&1 | tail -n 1)"
log "cluster up: $(sinfo -h -N -o '%N %c CPUs %m MB, partition %P') on ports $port/$((port + 1)) ($(elapsed))"

# --- the grid on the cluster ------------------------------------------------------------------------
rm -rf "$out"
mkdir -p "$out"
if [ -z "$reference" ]; then
  reference=$out/single
  ./crystal-bench grid configs/grid-smoke.yaml --data "$data" --out "$reference" --threads 2 -q >/dev/null
  log "single-machine reference run done ($(elapsed))"
fi
[ -s "$reference/grid.md" ] && [ -s "$reference/nested.csv" ] || fail "$reference has no grid.md and nested.csv"
G=$out/run
opts=(--shards 3 --cpus 1 --mem 1G --time 10 --fit-timeout 2m)
scripts/grid-slurm.sh "${opts[@]}" configs/grid-smoke.yaml "$data" "$G"
array=$(awk '$2 == "array" {id = $3} END {print id}' "$G/slurm-jobs.txt")

wait_queue() { # $1 = seconds
  for _ in $(seq $(($1 * 5))); do [ -z "$(squeue -h)" ] && return 0; sleep 0.2; done
  squeue >&2; fail "jobs still queued after $1 s"
}
state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }
lines() { if [ -f "$1" ]; then wc -l < "$1"; else echo 0; fi; }

# Cancel task 1 once it has journalled a fit (or right away if it has not started in 60 s).
for _ in $(seq 300); do [ "$(lines "$G/shard-1/journal.jsonl")" -gt 0 ] && break; sleep 0.2; done
scancel "${array}_1"
at_cancel=$(lines "$G/shard-1/journal.jsonl")
log "cancelled task ${array}_1 with $at_cancel units journalled ($(elapsed))"
wait_queue 240
log "first submission done: tasks $(state "${array}_0") $(state "${array}_1") $(state "${array}_2"), merge $(state "$(awk '$2 == "merge" {id = $3} END {print id}' "$G/slurm-jobs.txt")") ($(elapsed))"
[ "$(state "${array}_1")" = CANCELLED ] || fail "task ${array}_1 is $(state "${array}_1"), not CANCELLED"
before0=$(lines "$G/shard-0/journal.jsonl") before2=$(lines "$G/shard-2/journal.jsonl")

# Resubmit only index 1: it resumes shard 1 of 3 and nothing else.
scripts/grid-slurm.sh "${opts[@]}" --array 1 configs/grid-smoke.yaml "$data" "$G"
again=$(awk '$2 == "array" {id = $3} END {print id}' "$G/slurm-jobs.txt")
wait_queue 240
merge=$(awk '$2 == "merge" {id = $3} END {print id}' "$G/slurm-jobs.txt")
log "resubmission done: task $(state "${again}_1"), merge $(state "$merge"), shard 1 has $(lines "$G/shard-1/journal.jsonl") units ($(elapsed))"
[ "$(state "${again}_1")" = COMPLETED ] || fail "resubmitted task ${again}_1 is $(state "${again}_1"); log: $(cat "$G/logs/grid-${again}_1.out")"
[ "$(state "$merge")" = COMPLETED ] || fail "merge job $merge is $(state "$merge"); log: $(cat "$G/logs/merge-$merge.out")"
grep -q 'shard 1/3' "$G/logs/grid-${again}_1.out" || fail "the resubmitted task did not run shard 1/3"
[ "$(lines "$G/shard-0/journal.jsonl")" -eq "$before0" ] && [ "$(lines "$G/shard-2/journal.jsonl")" -eq "$before2" ] \
  || fail "the resubmission of index 1 touched shards 0 or 2"
grep -q -- '--max-time' "$G/logs/grid-${again}_1.out" || fail "no --max-time derived from the time limit"

# The merge job's tables, and a merge by hand (exit 0 only when every unit is there), equal the single run.
./crystal-bench merge "$G"/shard-0 "$G"/shard-1 "$G"/shard-2 --out "$out/merged" >/dev/null
# same_answer REF DIR...: each DIR's grid.md "Best parameters" onwards (but the train --from-grid line, which names
# its own folder) and nested.csv equal REF's.
same_answer() {
  local ref=$1 m; shift
  for m in "$@"; do
    diff <(sed -n '/^## Best parameters/,$p' "$ref/grid.md" | grep -v 'train --from-grid') <(sed -n '/^## Best parameters/,$p' "$m/grid.md" | grep -v 'train --from-grid') \
      || fail "$m/grid.md differs from $ref/grid.md"
    cmp "$ref/nested.csv" "$m/nested.csv" || fail "$m/nested.csv differs from $ref/nested.csv"
  done
}
same_answer "$reference" "$G/merged" "$out/merged"
log "OK: 3 shards on Slurm, task 1 cancelled and resubmitted alone, merged == single-machine run ($(elapsed))"

# --- a race on the cluster: each merge job decides the next stage and submits it ----------------------
race_cfg=$out/grid-smoke-race.yaml
sed 's/^  metric: macro_f1$/&\n  search: race\n  race: {first_block: 2, block: 2}/' configs/grid-smoke.yaml > "$race_cfg"
grep -q '^  search: race$' "$race_cfg" || fail "could not make the race config from configs/grid-smoke.yaml"
./crystal-bench grid "$race_cfg" --data "$data" --out "$out/race-single" --threads 2 -q >/dev/null
R=$out/race
scripts/grid-slurm.sh --shards 2 --cpus 1 --mem 1G --time 10 --fit-timeout 2m "$race_cfg" "$data" "$R"
wait_queue 600
stages=$(cat "$R/stage")
[ "$stages" -ge 2 ] || fail "the race on Slurm ran $stages stage(s); its first block cannot end it"
rc=0; ./crystal-bench merge "$R"/shard-0 "$R"/shard-1 --out "$out/race-check" >/dev/null 2>&1 || rc=$?
[ "$rc" -le 1 ] || fail "the race's shards do not hold a finished race (merge exit $rc); logs in $R/logs"
same_answer "$out/race-single" "$R/merged" "$out/race-check"
log "OK: a race on 2 Slurm shards, $stages stages submitted by its merge jobs, == the single-machine race ($(elapsed))"
