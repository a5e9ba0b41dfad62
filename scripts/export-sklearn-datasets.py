#!/usr/bin/env python3
"""Writes scikit-learn's bundled public data sets as CSV files for crystal-bench checks on non-Li-ion data.

    python3 scripts/export-sklearn-datasets.py /tmp/sk-data

writes wine.csv (178 rows, 13 features, 3 classes), breast-cancer.csv (569 rows, 30 features, 2 classes),
iris.csv (150 rows, 4 features, 3 classes) and digits.csv (1,797 rows, 64 features, 10 classes), each with an `id` column and a `class` target column, and
a crystal-bench config beside each (every feature numeric, the protocol and models of docs/sklearn.md). It also writes
wine-missing.csv: wine with each feature cell blanked to NA independently with probability 0.10
(numpy.random.default_rng(28): 222 of 2,314 cells), and beside every set a NAME-defaults.yaml: every model type at
its defaults, `numeric: auto`, `missing: impute`, cv 2 x 5 (the comparison of docs/sklearn.md, "Defaults"). The data
ship with scikit-learn (UCI repository); they are not committed here.
"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn import datasets

LOADERS = {"wine": datasets.load_wine, "breast-cancer": datasets.load_breast_cancer, "iris": datasets.load_iris,
           "digits": datasets.load_digits}

CONFIG = """name: {name}
seed: 42
dataset:
  path: {name}.csv
  target: class
  id_columns: [id]
  numeric: [{numeric}]
  feature_sets:
    all: [{numeric}]
protocols:
  holdout: {{repeats: 20, test_ratio: 0.2}}
  cv: {{repeats: 5, folds: 5}}
models:
  - {{name: MLP, type: mlp, hidden: [64, 32], epochs: 200, batch: 32, engine: gemm}}
  - {{name: SVM, type: svm, C: 1.0}}
  - {{name: LR, type: logistic, lambda: 0.1}}
  - {{name: NB, type: naive-bayes}}
  - {{name: Voting, type: voting, members: [SVM, LR, NB], rule: hard}}
"""

DEFAULTS = """name: {name}-defaults
seed: 42
dataset:
  path: {name}.csv
  target: class
  id_columns: [id]
  numeric: auto
  missing: impute
protocols:
  cv: {{repeats: 2, folds: 5}}
models:
  - {{name: MLP, type: mlp}}
  - {{name: SVM, type: svm}}
  - {{name: LR, type: logistic}}
  - {{name: NB, type: naive-bayes}}
  - {{name: RF, type: random-forest}}
  - {{name: GBT, type: gradient-boosting}}
  - {{name: Voting, type: voting, members: [SVM, LR, NB]}}
"""


def quote(name):
    return '"' + name.replace('"', '\\"') + '"'


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    for name, load in LOADERS.items():
        d = load()
        features = [f.replace(",", " ") for f in d.feature_names]
        frame = pd.DataFrame(d.data, columns=features)
        frame.insert(0, "id", [f"{name}-{i + 1}" for i in range(len(frame))])
        frame["class"] = [str(d.target_names[t]) for t in d.target]
        frame.to_csv(out / f"{name}.csv", index=False)
        # the SVM's sigma: auto is scikit-learn's default gamma='scale'
        (out / f"{name}.yaml").write_text(CONFIG.format(name=name, numeric=", ".join(quote(f) for f in features)))
        (out / f"{name}-defaults.yaml").write_text(DEFAULTS.format(name=name))
        print(f"{out / (name + '.csv')}: {len(frame)} rows, {len(features)} features, {len(d.target_names)} classes")
        if name == "wine":
            blank = np.random.default_rng(28).random((len(frame), len(features))) < 0.10
            holed = frame.copy()
            holed[features] = holed[features].astype(object).mask(blank, "NA")
            holed.to_csv(out / "wine-missing.csv", index=False)
            (out / "wine-missing-defaults.yaml").write_text(DEFAULTS.format(name="wine-missing"))
            print(f"{out / 'wine-missing.csv'}: wine with {int(blank.sum())} of {blank.size} feature cells blanked to NA")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/sk-data"))
