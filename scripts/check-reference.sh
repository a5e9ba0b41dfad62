#!/usr/bin/env bash
# Fails when the committed reference results (results/reference/paper) or the README's results table drift
# from a fresh run of configs/paper.yaml on the public data. Usage: scripts/check-reference.sh RUN_DIR [REF_DIR]
# Timing columns and the provenance header (times, commit, machine) legitimately differ and are not compared.
set -euo pipefail
run=${1:?usage: check-reference.sh RUN_DIR [REF_DIR]}
ref=${2:-results/reference/paper}
cd "$(dirname "$0")/.."
fail=0

# CSV without the named columns (by header name, so appended columns are compared too)
without() { awk -F, -v drop="$2" 'BEGIN { n = split(drop, d, " "); for (i = 1; i <= n; i++) skip[d[i]] = 1 }
  NR == 1 { for (i = 1; i <= NF; i++) keep[i] = !($i in skip) }
  { line = ""; for (i = 1; i <= NF; i++) if (keep[i]) line = line (line == "" ? "" : ",") $i; print line }' "$1"; }

check() { # name, command producing the reference text, command producing the fresh text
  if ! diff <(eval "$2") <(eval "$3") > /tmp/check-reference.$$ 2>&1; then
    echo "check-reference: $1 differs from a fresh run (reference < > fresh):"; head -n 20 /tmp/check-reference.$$; fail=1
  fi
  rm -f /tmp/check-reference.$$
}

check summary.csv "without $ref/summary.csv 'fit_ms_mean predict_ms_mean'" "without $run/summary.csv 'fit_ms_mean predict_ms_mean'"
for f in comparisons.csv audit.csv splits-manifest.csv; do check "$f" "cat $ref/$f" "cat $run/$f"; done
# summary.md from its first section on (the header above it names the commit, machine and times)
check summary.md "sed -n '/^## /,\$p' $ref/summary.md" "sed -n '/^## /,\$p' $run/summary.md"

# README: every row of the results table must be the fresh run's mean macro F1, to 3 decimals (the config's models;
# the chance baseline every run adds is in summary.csv, not in the README's table)
rows=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  $c["model"] ~ /^chance / { next }
  { k = $c["feature_set"] "|" $c["protocol"]; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
    v[k] = v[k] sprintf(" %.3f |", $c["macro_f1_mean"]) }
  END { for (i = 1; i <= n; i++) { split(order[i], p, "|"); print "| " (p[1] == "paper" ? "paper (9 features)" : p[1]) " | " p[2] " |" v[order[i]] } }' "$run/summary.csv")
while IFS= read -r row; do
  grep -qxF -- "$row" README.md || { echo "check-reference: README.md lacks the fresh row: $row"; fail=1; }
done <<< "$rows"

[ "$fail" -eq 0 ] && echo "check-reference: results/reference and README.md match the fresh run"
exit "$fail"
