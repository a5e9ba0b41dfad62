#!/usr/bin/env bash
# The CI performance gate (docs/performance.md, "The perf gate"): the head's jar against its base's,
# interleaved on one machine, on the hot-path benchmarks (fit, single-row and batch prediction of every
# model type the head's benchmarks declare, voting ensembles aside: they cost what their members cost),
# both builds in one JVM per fork (each jar in its own class loader, alternating short slices of base and
# head, forks 2 at a time: perf-check --same-jvm), judged on thread CPU time per operation (process CPU time
# for work off the benchmark thread) with sequential looks over the forks until each interval clears the
# minimum effect or the time budget ends. Exit 1 on a regression (or a benchmark the head cannot run), 0
# otherwise, with one line saying why when there is nothing to compare with:
#   - no base commit (a first commit, or a shallow clone without it): skipped;
#   - a base that does not build (e.g. a broken commit, or dependencies it can no longer fetch): skipped,
#     its build log kept; a base whose benchmarks the harness cannot run: those benchmarks skipped;
#   - a model type the base's benchmarks do not declare: that benchmark skipped.
# Usage: scripts/perf-gate.sh [HEAD_JAR]
# Environment: BASE_REF (default HEAD~1; CI passes the pull request's target), BASE_JAR (a base jar already
# built: no build; its config is then the head's), PERF_GATE_TOTAL (seconds for the whole gate, base build
# included, default 600: the rounds get what the build left, less 30 s for JMH's last JVM and the table),
# PERF_GATE_BUDGET (the rounds' time budget instead, e.g. 8m),
# PERF_GATE_MODELS (default: every model type, as above), PERF_GATE_MIN_EFFECT (percent, default 3),
# PERF_GATE_ROUNDS (most rounds, default 24), PERF_GATE_LOOKS (sequential looks FIRST:EVERY, default 12:4),
# PERF_GATE_OUT (default results/perf/gate), PERF_GATE_ARGS (more perf-check options).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
cb_find_jdk
java="$CB_JAVA_HOME/bin/java"
head_jar=$(realpath "${1:-target/crystal-bench.jar}")
out=${PERF_GATE_OUT:-results/perf/gate}
rm -rf "$out"; mkdir -p "$out"; out=$(realpath "$out")
base_ref=${BASE_REF:-HEAD~1}
t0=$(date +%s)
say() { echo "perf-gate: $*"; }

if [ -n "${BASE_JAR:-}" ]; then
  cp "$BASE_JAR" "$out/base.jar"; cp configs/paper.yaml "$out/base-paper.yaml"; say "base jar $BASE_JAR (prebuilt)"
else
base=$(git rev-parse --verify -q "$base_ref^{commit}" 2>/dev/null) || { say "no base commit '$base_ref' (first commit or shallow clone): nothing to compare, skipped"; exit 0; }
if [ "$base" = "$(git rev-parse HEAD)" ] && [ -z "$(git status --porcelain --untracked-files=no -- src benchmarks pom.xml configs)" ]; then
  say "base $base_ref is the head commit itself: nothing to compare, skipped"; exit 0
fi
tree=$(mktemp -d "${TMPDIR:-/tmp}/perf-gate-base.XXXXXX")
trap 'rm -rf "$tree"' EXIT
# git archive: the base commit's files only, no worktree bookkeeping to clean up; works on any clone holding the commit
git archive "$base" | tar -x -C "$tree"
say "base $base ($(git log -1 --format='%h %s' "$base" | cut -c1-70)); building it"
if ! (cd "$tree" && ./mvnw -B -q -DskipTests package) > "$out/base-build.log" 2>&1 || [ ! -f "$tree/target/crystal-bench.jar" ]; then
  grep -m 3 'ERROR' "$out/base-build.log" | cut -c1-200 | sed 's/^/  /' || true
  say "the base does not build (log $out/base-build.log): nothing to compare, skipped"; exit 0
fi
cp "$tree/target/crystal-bench.jar" "$out/base.jar"
if ! unzip -l "$out/base.jar" META-INF/BenchmarkList >/dev/null 2>&1; then
  say "the base jar has no JMH benchmarks: nothing to compare, skipped"; exit 0
fi
base_config="$tree/configs/paper.yaml"; [ -f "$base_config" ] || base_config=configs/paper.yaml
cp "$base_config" "$out/base-paper.yaml"
say "base built in $(( $(date +%s) - t0 )) s"
fi

# every model type the head's benchmarks declare (one @Param list per benchmark class), voting ensembles aside
models=${PERF_GATE_MODELS:-$("$java" -cp "$head_jar" org.openjdk.jmh.Main -lp 'TrainBench.fit$' 2>/dev/null \
  | sed -n 's/.*param "model" = {\(.*\)}.*/\1/p' | head -n 1 | tr -d ' ' | tr ',' '\n' | grep -v '^Voting' | paste -sd, -)}
[ -n "$models" ] || { say "the head's benchmarks declare no models: nothing to compare"; exit 1; }
say "models: $models"

# the rounds' budget: what is left of the gate's 10 minutes after the base build (a slow build on a busy machine
# must not push the gate past them), less 30 s for the last JVM's exit and the table
budget=${PERF_GATE_BUDGET:-$(( ${PERF_GATE_TOTAL:-600} - ($(date +%s) - t0) - 30 ))s}
case "$budget" in -*|0s|[0-9]s) say "no time left for rounds after the base build ($(( $(date +%s) - t0 )) s): NOT MEASURED, passes"; exit 0;; esac
say "rounds' time budget $budget (load $(cut -d' ' -f1-3 /proc/loadavg))"

# shellcheck disable=SC2086
"$java" --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -jar "$head_jar" perf-check \
  --base-jar "$out/base.jar" --head-jar "$head_jar" --base-config "$out/base-paper.yaml" --config configs/paper.yaml \
  --include 'org\.crystalbench\.bench\.(TrainBench\.fit|SingleRowBench\.predictRow|BatchInferenceBench\.predictBatch)$' \
  --param model="$models" --measure cpu --min-effect "${PERF_GATE_MIN_EFFECT:-3}" --confidence 95 \
  --rounds "${PERF_GATE_ROUNDS:-24}" --sequential "${PERF_GATE_LOOKS:-12:4}" --budget "$budget" --same-jvm \
  --seed "$(date +%s)" --out "$out/rounds" ${PERF_GATE_ARGS:-} \
  | tee "$out/table.md"
rc=${PIPESTATUS[0]}
# a gate that could not finish one round judged nothing: say so plainly (it still passes: no evidence of a regression)
if grep -q '^### perf-check, interleaved: 0 rounds' "$out/table.md"; then
  say "NOT MEASURED: no fork of base and head finished within the budget (the machine was too busy; load $(cut -d' ' -f1-3 /proc/loadavg))"
fi
say "$(( $(date +%s) - t0 )) s in all, exit $rc"
exit "$rc"
