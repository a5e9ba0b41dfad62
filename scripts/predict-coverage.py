#!/usr/bin/env python3
"""Measures the coverage of `predict --coverage` end to end: the bundle's own cross-conformal sets on rows it never saw.

    /usr/bin/python3 scripts/predict-coverage.py CONFIG DATA --models RF,NB --feature-set S [--group-column Formula]
        [--composition] [--folds 5] [--levels 0.8,0.9] [--seed 1]

For each fold of an outer k-fold over DATA (scikit-learn's StratifiedGroupKFold grouped by --group-column, by the
reduced composition of the formula it holds with --composition; StratifiedKFold without a group column), it writes
the training and test rows to a temporary folder, runs `crystal-bench train CONFIG --data train.csv` (which stores the
calibration, grouped as the config's protocols.groups say) and `crystal-bench predict --coverage LEVEL` on the test
rows, with and without --class-conditional (CRYSTAL_BENCH names another launcher than ./crystal-bench). Prints, per model, method and level, the coverage over all test rows
(each row is a test row once) with its binomial standard error, the range over folds and the mean set size.
Nothing is written outside the temporary folder. scikit-learn is the only dependency (used for the folds).
"""
import argparse
import os
import csv
import math
import re
import subprocess
import sys
import tempfile
from fractions import Fraction
from functools import reduce
from math import gcd
from pathlib import Path

from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent


def amounts(formula):
    """Element -> amount of a formula with nested parentheses (the grammar of chemistry/Formula)."""
    tokens = re.findall(r"([A-Z][a-z]?|\(|\)|\[|\]|\d+(?:\.\d+)?)", formula.replace(" ", ""))
    stack = [{}]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1]) else None
        if t in "([":
            stack.append({})
        elif t in ")]":
            group = stack.pop()
            n = Fraction(nxt) if nxt else 1
            for e, a in group.items():
                stack[-1][e] = stack[-1].get(e, 0) + a * n
            if nxt:
                i += 1
        else:
            stack[-1][t] = stack[-1].get(t, 0) + (Fraction(nxt) if nxt else 1)
            if nxt:
                i += 1
        i += 1
    return stack[0]


def reduced(formula):
    a = amounts(formula)
    if all(v.denominator == 1 for v in map(Fraction, a.values())):
        g = reduce(gcd, (int(v) for v in a.values()))
        return "".join(f"{e}{int(a[e]) // g}" for e in sorted(a))
    total = sum(a.values())
    return "".join(f"{e}{float(Fraction(a[e]) / total):.9f}" for e in sorted(a))


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"predict-coverage: {' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("data")
    ap.add_argument("--models", required=True)
    ap.add_argument("--feature-set")
    ap.add_argument("--group-column")
    ap.add_argument("--composition", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--levels", default="0.8,0.9")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target")
    args = ap.parse_args()
    cli = os.environ.get("CRYSTAL_BENCH", str(ROOT / "crystal-bench"))
    with open(args.data, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    target = args.target or re.search(r"^\s*target:\s*(.+?)\s*$", Path(args.config).read_text(), re.M).group(1)
    y = [r[header.index(target)] for r in body]
    if args.group_column:
        cells = [r[header.index(args.group_column)] for r in body]
        groups = [reduced(c) if args.composition else c for c in cells]
        folds = StratifiedGroupKFold(args.folds, shuffle=True, random_state=args.seed).split(body, y, groups)
    else:
        folds = StratifiedKFold(args.folds, shuffle=True, random_state=args.seed).split(body, y)
    levels = [float(v) for v in args.levels.split(",")]
    results = {}  # (model, method, level) -> list of (covered, size) per test row, and per-fold coverages
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for k, (tr, te) in enumerate(folds):
            for name, idx in (("train", tr), ("test", te)):
                with open(tmp / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
                    w = csv.writer(f)
                    w.writerow(header)
                    w.writerows(body[i] for i in idx)
            for model in args.models.split(","):
                bundle = tmp / f"{model}.cbm"
                cmd = [cli, "train", args.config, "--data", str(tmp / "train.csv"), "--model", model, "--out", str(bundle)]
                if args.feature_set:
                    cmd += ["--feature-set", args.feature_set]
                run(cmd)
                for level in levels:
                    for method in ("split", "mondrian"):
                        out = tmp / "p.csv"
                        cmd = [cli, "predict", "--model", str(bundle), "--data", str(tmp / "test.csv"), "--coverage",
                               str(level), "--out", str(out)] + (["--class-conditional"] if method == "mondrian" else [])
                        run(cmd)
                        with open(out, newline="", encoding="utf-8") as f:
                            pred = list(csv.DictReader(f))
                        truth = [y[i] for i in te]
                        per = [(t in p["conformal_set"].split("|"), int(p["set_size"])) for t, p in zip(truth, pred)]
                        r = results.setdefault((model, method, level), {"rows": [], "folds": []})
                        r["rows"] += per
                        r["folds"].append(sum(c for c, _ in per) / len(per))
            print(f"fold {k + 1} done", file=sys.stderr)
    print("model,method,level,rows,coverage,se,fold_min,fold_max,mean_set_size")
    for (model, method, level), r in results.items():
        n = len(r["rows"])
        cov = sum(c for c, _ in r["rows"]) / n
        size = sum(s for _, s in r["rows"]) / n
        print(f"{model},{method},{level},{n},{cov:.4f},{math.sqrt(cov * (1 - cov) / n):.4f},{min(r['folds']):.3f},"
              f"{max(r['folds']):.3f},{size:.3f}")


if __name__ == "__main__":
    main()
