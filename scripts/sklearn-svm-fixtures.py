#!/usr/bin/env python3
"""Writes the fixtures of SvmSklearnAgreementTest (issue 21): scikit-learn's SVC predictions on its own bundled
public data sets. Both the data and the answers are third-party data, so they are written under target/ and never
committed; .ci/run runs this before the tests, and without them the Java tests are skipped with a line.

    /usr/bin/python3 scripts/sklearn-svm-fixtures.py target/sklearn-svm

For iris, wine, breast-cancer and digits (scikit-learn's bundled copies of the UCI sets, BSD-licensed with
scikit-learn; small) it writes <name>.csv.gz: one row per sample, `split` (train/test: a stratified 70:30 split,
random_state 0), `class` (index) and the features standardised on the training rows (rounded to 6 decimals before scikit-learn sees them), and
<name>-svc.csv: per setting, scikit-learn's parameters, its number of support vectors per class and its predicted
class of every test row (SVC.predict: the one-vs-one vote). Needs only numpy and scikit-learn.
"""
import csv
import gzip
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.model_selection import train_test_split
from sklearn.svm import SVC

SETS = {"iris": datasets.load_iris, "wine": datasets.load_wine, "breast-cancer": datasets.load_breast_cancer,
        "digits": datasets.load_digits}

# name, SVC keyword arguments; the Java test maps each to an SvmSpec (docs/svm.md)
SETTINGS = [
    ("rbf-auto-C1", dict(kernel="rbf", gamma="scale", C=1.0)),
    ("rbf-sigma2-C10", dict(kernel="rbf", gamma=1 / (2 * 2.0 ** 2), C=10.0)),
    ("linear-C1", dict(kernel="linear", C=1.0)),
    ("poly3-auto-C1", dict(kernel="poly", degree=3, gamma="scale", coef0=1.0, C=1.0)),
    ("rbf-auto-C1-balanced", dict(kernel="rbf", gamma="scale", C=1.0, class_weight="balanced")),
]


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    for name, load in SETS.items():
        d = load()
        x, y = d.data.astype(float), d.target
        idx = np.arange(len(y))
        tr, te = train_test_split(idx, test_size=0.3, stratify=y, random_state=0)
        mean, sd = x[tr].mean(axis=0), x[tr].std(axis=0)
        sd[sd == 0] = 1
        z = np.round((x - mean) / sd, 6)  # rounded before fitting: both sides see these exact numbers, and the file is small
        split = np.array(["train"] * len(y), dtype=object)
        split[te] = "test"
        with gzip.open(out / f"{name}.csv.gz", "wt", newline="") as f:
            w = csv.writer(f)
            w.writerow(["split", "class"] + [f"x{j}" for j in range(z.shape[1])])
            for i in range(len(y)):
                w.writerow([split[i], int(y[i])] + [repr(float(v)) for v in z[i]])
        with open(out / f"{name}-svc.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["setting", "sklearn", "n_support", "test_predictions"])
            order = np.sort(te)  # test rows in file order
            for setting, kw in SETTINGS:
                m = SVC(**kw).fit(z[np.sort(tr)], y[np.sort(tr)])
                pred = m.predict(z[order])
                w.writerow([setting, sklearn.__version__, " ".join(map(str, m.n_support_)), " ".join(map(str, pred))])
        print(f"{name}: {len(tr)} train, {len(te)} test rows, {z.shape[1]} features")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "target/sklearn-svm"))
