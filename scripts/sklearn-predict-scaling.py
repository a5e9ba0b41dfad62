#!/usr/bin/python3
"""scikit-learn's side of bench/PredictScaling.java (issue 30): each model of the config with a scikit-learn
counterpart is fitted on the data's first TRAIN_ROWS rows (first feature set: numeric columns standardised,
categorical ones one-hot, dense), then every row of the file is encoded once and predict_proba'd (plus the argmax),
REPEATS times. Prints model,rows,best_seconds,rows_per_second for the fastest repeat.

Counterparts: logistic -> LogisticRegression(lbfgs, C=1/lambda), naive-bayes -> GaussianNB, mlp -> MLPClassifier
(sgd, same layers, batch, rate, momentum, alpha = weight_decay, max_iter = epochs), svm -> SVC(rbf, gamma =
1/(2 sigma^2), C, probability=True), random-forest -> RandomForestClassifier(trees, RandomForestSpec's defaults: unbounded depth, min_samples_leaf 1), gradient-boosting ->
GradientBoostingClassifier(trees), voting -> VotingClassifier of the members (soft or hard; hard has no
predict_proba, so predict). Usage: /usr/bin/python3 scripts/sklearn-predict-scaling.py CONFIG DATA TRAIN_ROWS REPEATS
[THREADS]

THREADS (optional): n_jobs=THREADS for every estimator that has it before its fit (its prediction uses them:
RandomForest, and so the forest inside a voting ensemble; LogisticRegression's n_jobs is for its fit only); the
BLAS's and OpenMP's threads are set by the caller (OMP_NUM_THREADS / OPENBLAS_NUM_THREADS, read when numpy loads;
scripts/predict-scaling.sh sets them) and printed on standard error. GaussianNB, GradientBoosting and SVC predict on
one thread whatever THREADS is; MLP and LR predict through the BLAS (its threads).
"""
import sys
import time
import warnings

import numpy as np
import pandas as pd
import yaml
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC


def estimator(m, by_name):
    t = m["type"]
    if t == "logistic":
        return LogisticRegression(C=1 / float(m.get("lambda", 0.1)), tol=float(m.get("tol", 1e-5)),
                                  max_iter=int(m.get("max_iter", 500)))
    if t == "naive-bayes":
        return GaussianNB(var_smoothing=float(m.get("var_smoothing", 1e-9)))
    if t == "mlp":
        return MLPClassifier(hidden_layer_sizes=tuple(m["hidden"]), solver="sgd", batch_size=int(m["batch"]),
                             learning_rate_init=float(m["learning_rate"]), momentum=float(m["momentum"]),
                             alpha=float(m["weight_decay"]), max_iter=int(m["epochs"]), random_state=1)
    if t == "svm":
        return SVC(gamma=1 / (2 * float(m["sigma"]) ** 2), C=float(m.get("C", 1)), tol=float(m.get("tol", 1e-3)),
                   probability=True, random_state=1)
    if t == "random-forest":
        # RandomForestSpec's defaults: depth unbounded (its 500 is a bundle limit), leaves of one row
        depth = m.get("max_depth")
        return RandomForestClassifier(n_estimators=int(m.get("trees", 200)), max_depth=None if depth is None else int(depth),
                                      min_samples_leaf=int(m.get("node_size", 1)), random_state=1, n_jobs=1)
    if t == "gradient-boosting":
        return GradientBoostingClassifier(n_estimators=int(m.get("trees", 200)), max_leaf_nodes=int(m.get("max_nodes", 6)),
                                          learning_rate=float(m.get("shrinkage", 0.05)),
                                          subsample=float(m.get("subsample", 0.7)), random_state=1)
    if t == "voting":
        return VotingClassifier([(n, by_name[n]) for n in m["members"]], voting=m.get("rule", "hard"))
    return None


def main(config_file, data_file, train_rows, repeats, threads=None):
    warnings.simplefilter("ignore")
    try:
        from threadpoolctl import threadpool_info
        pools = ", ".join("%s %s" % (p["internal_api"], p["num_threads"]) for p in threadpool_info())
        print("sklearn-predict-scaling: threads: n_jobs %s, %s" % (threads or "default", pools), file=sys.stderr)
    except ImportError:
        pass
    with open(config_file) as f:
        cfg = yaml.safe_load(f)
    ds = cfg["dataset"]
    features = next(iter(ds["feature_sets"].values()))
    numeric = [c for c in features if c in ds.get("numeric", [])]
    categorical = [c for c in features if c in ds.get("categorical", [])]
    df = pd.read_csv(data_file, dtype={c: str for c in categorical})
    y = df[ds["target"]].astype(str).to_numpy()
    ct = ColumnTransformer([("num", StandardScaler(), numeric),
                            ("cat", OneHotEncoder(handle_unknown="ignore", sparse_output=False), categorical)],
                           sparse_threshold=0)
    xtr = ct.fit_transform(df[numeric + categorical].iloc[:train_rows])
    x = ct.transform(df[numeric + categorical])
    by_name = {}
    print("model,rows,best_seconds,rows_per_second", flush=True)
    for m in cfg["models"]:
        est = estimator(m, by_name)
        if est is None:
            continue
        if threads is not None and "n_jobs" in est.get_params(deep=False):
            est.set_params(n_jobs=threads)
        est.fit(xtr, y[:train_rows])
        by_name[m["name"]] = est
        soft = hasattr(est, "predict_proba") and not (m["type"] == "voting" and m.get("rule", "hard") == "hard")
        best = float("inf")
        for _ in range(repeats):
            t0 = time.perf_counter()
            if soft:
                est.classes_[est.predict_proba(x).argmax(axis=1)]
            else:
                est.predict(x)
            best = min(best, time.perf_counter() - t0)
        print("%s,%d,%.4f,%.0f" % (m["name"], len(x), best, len(x) / best), flush=True)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        sys.exit("usage: sklearn-predict-scaling.py CONFIG DATA TRAIN_ROWS REPEATS [THREADS]")
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) == 6 else None)
