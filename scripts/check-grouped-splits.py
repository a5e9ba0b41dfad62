#!/usr/bin/env python3
"""Checks a run's grouped k-fold against scikit-learn's StratifiedGroupKFold on the same rows (properties, not the
same assignment: the generators differ). Reads the run's predictions.csv.gz (row id, repeat, fold per test row of
the grouped-cv protocol) and the data file; prints, for crystal-bench and for StratifiedGroupKFold(shuffle=True)
with as many seeds as the run has repeats: groups on both sides of a split (must be 0), the mean over folds of the
largest gap between a class's share in the fold and overall, and the SD of fold sizes.
Usage: /usr/bin/python3 scripts/check-grouped-splits.py RUN_DIR DATA.csv [--group Formula] [--id 'Materials Id']
       [--target 'Crystal System'] [--composition]   (--composition: group by reduced composition, as key: composition)"""
import argparse, csv, gzip, math, re, statistics
from collections import Counter, defaultdict
from functools import reduce

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold


def reduced(formula):
    """Element -> amount with nested groups; reduced by the gcd of whole amounts, else by shares."""
    tokens = re.findall(r"[A-Z][a-z]?|\d+(?:\.\d+)?|[()\[\]]", formula.replace(" ", ""))
    stack = [Counter()]
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t in "([":
            stack.append(Counter())
        elif t in ")]":
            inner = stack.pop()
            k = float(tokens[i + 1]) if i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1]) else 1
            if k != 1 or (i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1])):
                i += 1 if i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1]) else 0
            for e, a in inner.items():
                stack[-1][e] += a * k
        else:
            k = float(tokens[i + 1]) if i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1]) else 1
            if i + 1 < len(tokens) and re.match(r"\d", tokens[i + 1]):
                i += 1
            stack[-1][t] += k
        i += 1
    amounts = stack[0]
    if all(a == int(a) for a in amounts.values()):
        g = reduce(math.gcd, (int(a) for a in amounts.values()))
        return "".join(e + ("" if int(a) // g == 1 else str(int(a) // g)) for e, a in sorted(amounts.items()))
    total = sum(amounts.values())
    return "".join(e + f"{a / total:.9f}".rstrip("0").rstrip(".") for e, a in sorted(amounts.items()))


def properties(folds, y, groups):
    """folds: list of lists of row indexes (one repeat)."""
    classes = sorted(set(y))
    overall = {c: sum(1 for v in y if v == c) / len(y) for c in classes}
    gaps, sizes, both = [], [], 0
    for test in folds:
        test_set = set(test)
        train_groups = {groups[i] for i in range(len(y)) if i not in test_set}
        both += sum(1 for g in {groups[i] for i in test} if g in train_groups)
        share = Counter(y[i] for i in test)
        gaps.append(max(abs(share[c] / len(test) - overall[c]) for c in classes))
        sizes.append(len(test))
    return both, statistics.mean(gaps), statistics.pstdev(sizes)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("data")
    ap.add_argument("--group", default="Formula")
    ap.add_argument("--id", default="Materials Id")
    ap.add_argument("--target", default="Crystal System")
    ap.add_argument("--composition", action="store_true")
    ap.add_argument("--protocol", default="grouped-cv")
    a = ap.parse_args()
    rows = list(csv.DictReader(open(a.data, encoding="utf-8-sig")))
    ids = [r[a.id] for r in rows]
    y = [r[a.target] for r in rows]
    groups = [reduced(r[a.group]) if a.composition else r[a.group] for r in rows]
    index = {i: k for k, i in enumerate(ids)}
    folds = defaultdict(lambda: defaultdict(set))
    with gzip.open(f"{a.run}/predictions.csv.gz", "rt") as f:
        for p in csv.DictReader(f):
            if p["protocol"] == a.protocol:
                folds[int(p["repeat"])][int(p["fold"])].add(index[p["id"]])
    if not folds:
        raise SystemExit(f"no {a.protocol} rows in {a.run}/predictions.csv.gz")
    k = len(next(iter(folds.values())))
    print(f"{len(y)} rows, {len(set(groups))} groups, {k} folds, {len(folds)} repeats")
    ours = [properties([sorted(folds[r][f]) for f in sorted(folds[r])], y, groups) for r in sorted(folds)]
    theirs = []
    for seed in range(len(folds)):
        cv = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
        theirs.append(properties([list(test) for _, test in cv.split(np.zeros(len(y)), y, groups)], y, groups))
    # shuffle=True in this scikit-learn shuffles the rows of per-group class counts, not the groups (read its
    # _iter_test_indices: rng.shuffle(y_counts_per_group), then group_idx indexes the unshuffled groups),
    # which spoils the balance; shuffle=False runs the algorithm as designed, in one fixed order
    plain = StratifiedGroupKFold(n_splits=k, shuffle=False)
    unshuffled = [properties([list(test) for _, test in plain.split(np.zeros(len(y)), y, groups)], y, groups)]
    import sklearn
    print(f"scikit-learn {sklearn.__version__}")
    for name, res in (("crystal-bench", ours), ("StratifiedGroupKFold shuffle", theirs),
                      ("StratifiedGroupKFold no shuffle", unshuffled)):
        print(f"{name:30s} groups on both sides: {sum(b for b, _, _ in res)}; mean worst class-share gap: "
              f"{statistics.mean(g for _, g, _ in res):.4f}; fold size SD: {statistics.mean(s for _, _, s in res):.2f}")


if __name__ == "__main__":
    main()
