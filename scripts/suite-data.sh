#!/usr/bin/env bash
# Makes the data sets of configs/suite.yaml and configs/suite-smoke.yaml in DIR (never committed):
# three synthetic sets (crystal-bench synth: 3, 5 and 7 crystal systems) and, when python3 has scikit-learn,
# its bundled wine, breast-cancer and iris (scripts/export-sklearn-datasets.py). docs/suite.md.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/suite-data.sh DIR" >&2; exit 2; }
cd "$(dirname "$0")/.."
dir=$1
mkdir -p "$dir"
for k in 3 5 7; do ./crystal-bench synth --rows 339 --seed "$k" --systems "$k" --out "$dir/synth-$k.csv" >/dev/null; done
# the first python3 with scikit-learn and pandas (Debian's python3-sklearn is /usr/bin/python3's)
py=$(for p in python3 /usr/bin/python3; do "$p" -c 'import sklearn, pandas' 2>/dev/null && { echo "$p"; break; }; done)
if [ -n "$py" ]; then
  "$py" scripts/export-sklearn-datasets.py "$dir" >/dev/null
else
  echo "suite-data: python3 without scikit-learn: wrote only the synth sets (configs/suite.yaml needs all six)" >&2
fi
ls "$dir"
