#!/usr/bin/python3
"""The scikit-learn side of scripts/scaling.sh (issue 30): the same data file, the config's first feature set
and its logistic and naive-Bayes models, fitted on FIT_SPLITS stratified 80/20 holdout splits one after the
other, as bench/Scaling.java does for crystal-bench. Prints CSV lines rows,stage,seconds,,,detail with the
stages sklearn:load (pandas.read_csv), sklearn:encode (one split: numeric columns standardised, categorical
ones one-hot, fitted on the training rows; dense, as crystal-bench's encoding), sklearn:fit:NAME (per model:
encode + fit + predict_proba on each split; the detail gives the mean fit and predict seconds and the last
fit, as crystal-bench's line) and sklearn:predictions (predictions.csv.gz of the fitted splits' test rows,
one line per row and model with every probability, as crystal-bench's table).

With SPLITS (crystal-bench's OUT_DIR/fit-splits.txt, written by bench/Scaling.java: lines REPEAT train|test ROW...)
the splits are crystal-bench's own, training rows in its order, so each fit is the same optimisation problem as
crystal-bench's (up to the order of the one-hot columns and classes); without it, FIT_SPLITS splits drawn here
(train_test_split, seeds seed..seed+FIT_SPLITS-1), as before 2026-12-02T17. The fit line's detail names which, and
gives lbfgs's iterations on every split.

Models of other types (the MLP) are left out: scikit-learn's MLPClassifier is a different algorithm.
LogisticRegression(solver="lbfgs", C=1/lambda, tol, max_iter) and GaussianNB(var_smoothing) use the config's
values and crystal-bench's defaults (lambda 0.1, tol 1e-5, max_iter 500, var_smoothing 1e-9). scikit-learn
uses its own threads where it has them (OpenMP in the logistic loss, up to the machine's cores).

Usage: /usr/bin/python3 scripts/sklearn-scaling.py CONFIG DATA FIT_SPLITS OUT_DIR [SPLITS]
"""
import gzip
import os
import sys
import time

import numpy as np
import pandas as pd
import yaml
from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.preprocessing import OneHotEncoder, StandardScaler


def read_splits(file, fit_splits):
    """crystal-bench's fit splits: [(train rows, test rows)] in file order, at most fit_splits of them."""
    parts, order = {}, []
    with open(file) as f:
        for line in f:
            fields = line.split(" ", 2)
            repeat, part, rows = fields[0], fields[1].strip(), fields[2] if len(fields) > 2 else ""
            if repeat not in parts:
                parts[repeat] = {}
                order.append(repeat)
            parts[repeat][part] = np.array(rows.split(), dtype=np.int64)
    return [(parts[r]["train"], parts[r]["test"]) for r in order[:fit_splits]]


def main(config_file, data_file, fit_splits, out_dir, splits_file=None):
    with open(config_file) as f:
        cfg = yaml.safe_load(f)
    ds = cfg["dataset"]
    features = next(iter(ds["feature_sets"].values()))
    numeric = [c for c in features if c in ds.get("numeric", [])]
    categorical = [c for c in features if c in ds.get("categorical", [])]
    models = [m for m in cfg["models"] if m["type"] in ("logistic", "naive-bayes")]

    t0 = time.perf_counter()
    df = pd.read_csv(data_file, dtype={c: str for c in categorical})
    rows = len(df)
    line(rows, "sklearn:load", time.perf_counter() - t0, "%d rows, %d columns" % (rows, df.shape[1]))
    y = df[ds["target"]].astype(str).to_numpy()
    x = df[numeric + categorical]
    seed = int(cfg.get("seed", 42))
    if splits_file:
        splits = read_splits(splits_file, fit_splits)
        origin = "crystal-bench's splits"
    else:
        splits = [train_test_split(np.arange(rows), test_size=0.2, stratify=y, random_state=seed + s)
                  for s in range(fit_splits)]
        origin = "own splits"

    def encode(train, test):
        ct = ColumnTransformer([("num", StandardScaler(), numeric),
                                ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical)],
                               sparse_threshold=0)
        return ct.fit_transform(x.iloc[train]), ct.transform(x.iloc[test])

    t0 = time.perf_counter()
    xtr, xte = encode(*splits[0])
    line(rows, "sklearn:encode", time.perf_counter() - t0, "%d + %d rows x %d columns" % (len(xtr), len(xte), xtr.shape[1]))
    del xtr, xte

    predictions = []
    for m in models:
        fits, predicts, iters = [], [], []
        t_stage = time.perf_counter()
        for train, test in splits:
            xtr, xte = encode(train, test)
            if m["type"] == "logistic":
                est = LogisticRegression(solver="lbfgs", C=1 / float(m.get("lambda", 0.1)), tol=float(m.get("tol", 1e-5)),
                                         max_iter=int(m.get("max_iter", 500)))
            else:
                est = GaussianNB(var_smoothing=float(m.get("var_smoothing", 1e-9)))
            t0 = time.perf_counter()
            est.fit(xtr, y[train])
            fits.append(time.perf_counter() - t0)
            if m["type"] == "logistic":
                iters.append("/".join(str(int(e)) for e in np.atleast_1d(est.n_iter_)))
            t0 = time.perf_counter()
            proba = est.predict_proba(xte)
            label = est.classes_[proba.argmax(axis=1)]
            predicts.append(time.perf_counter() - t0)
            predictions.append((m["name"], test, label, proba, est.classes_))
        # the last split's iterations as before, then (since 2026-12-02T17) every split's and the splits' origin
        account = " (lbfgs iterations %s; per split %s; %s)" % (iters[-1], ", ".join(iters), origin) \
            if m["type"] == "logistic" else " (%s)" % origin
        line(rows, "sklearn:fit:" + m["name"], time.perf_counter() - t_stage,
             "%d splits, %d training rows each, fit %.3f s, predict %.3f s (mean); last fit %.3f s%s"
             % (len(splits), len(splits[0][0]), sum(fits) / len(fits), sum(predicts) / len(predicts), fits[-1], account))

    t0 = time.perf_counter()
    os.makedirs(out_dir, exist_ok=True)
    n = 0
    with gzip.open(os.path.join(out_dir, "predictions.csv.gz"), "wt", compresslevel=6) as f:
        f.write("model,row,actual,predicted,%s\n" % ",".join("p_" + c for c in predictions[0][4]))
        for name, test, label, proba, _ in predictions:
            frame = pd.DataFrame(proba)
            frame.insert(0, "predicted", label)
            frame.insert(0, "actual", y[test])
            frame.insert(0, "row", test)
            frame.insert(0, "model", name)
            frame.to_csv(f, header=False, index=False)
            n += len(test)
    line(rows, "sklearn:predictions", time.perf_counter() - t0, "%d prediction rows" % n)


def line(rows, stage, seconds, detail):
    print('%d,%s,%.3f,,,"%s"' % (rows, stage, seconds, detail), flush=True)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit("usage: sklearn-scaling.py CONFIG DATA FIT_SPLITS OUT_DIR [SPLITS]")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5] if len(sys.argv) == 6 else None)
