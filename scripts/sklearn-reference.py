#!/usr/bin/env python3
"""scikit-learn reference for a crystal-bench config: the same models, features and protocols, in
scikit-learn, for the two comparisons the project's targets name (docs/sklearn.md):

  run   the config's experiment (every model x feature set x protocol split), macro F1 per cell and
        the wall time with N workers: the reference for `crystal-bench run` (quality and speed).
  grid  the config's `grid` section as GridSearchCV over repeated stratified k-fold: fits per second
        with N workers, the reference for `crystal-bench grid`.

Not part of the Java build: needs Python 3 with scikit-learn, pandas and PyYAML
(Debian: apt-get install -y python3-sklearn python3-pandas python3-yaml). Hyperparameters are read
from the config and mapped to scikit-learn's (see HOW below); splits are drawn by scikit-learn with
the config's seed, so they are the same kind of splits as crystal-bench's, not the same rows.

  python3 scripts/sklearn-reference.py run  configs/paper.yaml      --data FILE --out DIR [--jobs 2] [--models DNN]
  python3 scripts/sklearn-reference.py grid configs/grid-bench.yaml --data FILE --out DIR [--jobs 2]
"""
import argparse
import csv
import itertools
import json
import os
import platform
import sys
import time
import warnings

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # parallelism belongs to the workers, as in crystal-bench
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("PYTHONWARNINGS", "ignore")  # workers inherit it: no convergence-warning floods

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import sklearn  # noqa: E402
import yaml  # noqa: E402
from joblib import Parallel, delayed  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.ensemble import VotingClassifier  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score, precision_score, recall_score  # noqa: E402
from sklearn.model_selection import GridSearchCV, RepeatedStratifiedKFold, StratifiedShuffleSplit  # noqa: E402
from sklearn.naive_bayes import GaussianNB  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.pipeline import Pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

HOW = {
    "mlp": "MLPClassifier(solver='sgd', momentum, nesterovs_momentum=False, relu, batch_size=batch, "
           "max_iter=epochs, learning_rate_init=learning_rate, alpha=2*weight_decay*batch: the same "
           "per-step L2 decay as Smile's w *= 1 - 2*lr*lambda); scikit-learn's own stopping rule (tol 1e-4, 10 epochs)",
    "svm": "SVC(kernel, gamma=1/(2 sigma^2) or 'scale' for sigma: auto, C, tol, degree, coef0, class_weight, "
           "decision_function_shape='ovo'; probability=True only inside soft voting)",
    "logistic": "LogisticRegression(multi_class='auto': multinomial, binomial on two classes; lbfgs, C=1/lambda, max_iter, tol)",
    "naive-bayes": "GaussianNB(var_smoothing)",
    "voting": "VotingClassifier(members, voting=rule, weights): refits its members (scikit-learn has no reuse)",
    "random-forest": "RandomForestClassifier(n_estimators=trees, max_features=mtry or 'sqrt', criterion=split_rule, "
                     "max_depth (default None), max_leaf_nodes=max_nodes or None, min_samples_leaf=node_size (default 1), bootstrap; "
                     "subsample < 1 becomes max_samples (with replacement: scikit-learn has no without-replacement forest), "
                     "class_weight as scikit-learn's (crystal-bench applies it by down-sampling each tree's draws: docs/models.md)",
    "gradient-boosting": "GradientBoostingClassifier(n_estimators=trees, learning_rate=shrinkage, max_depth, "
                         "max_leaf_nodes=max_nodes, min_samples_leaf=node_size, subsample)",
    "chance": "DummyClassifier(strategy='stratified', or 'most_frequent' for strategy: majority); added to every run as "
              "crystal-bench adds 'chance (stratified)'",
    "class_weight": "a list in class order, a map by class name or 'balanced': scikit-learn's class_weight (svm, random-forest)",
    "--sklearn-defaults": "each model type at scikit-learn's own defaults instead of the mapped hyperparameters: MLPClassifier(), "
                          "SVC(), LogisticRegression(max_iter=1000), GaussianNB(), RandomForestClassifier(), "
                          "GradientBoostingClassifier(), VotingClassifier of those, DummyClassifier('stratified')",
    "missing": "dataset.missing: impute = SimpleImputer(median, add_indicator=True) then StandardScaler for numeric "
               "columns, SimpleImputer(constant 'missing') then OneHotEncoder for categorical ones, fitted per split; "
               "drop-rows = each feature set leaves out the rows missing one of its columns, on both sides of a split",
}

# crystal-bench's missing-cell tokens (DatasetSpec.MISSING_TOKENS, compared case-insensitively)
MISSING = ["", "na", "n/a", "nan", "null", "?", "missing"]
NA_VALUES = sorted({v for t in MISSING for v in (t, t.upper(), t.title())})


def estimator(spec, by_name, seed, probability=False):
    t = spec["type"]
    if t == "mlp":
        batch = spec.get("batch", 32)
        return MLPClassifier(hidden_layer_sizes=tuple(spec.get("hidden", [64, 32])), activation="relu", solver="sgd",
                             learning_rate_init=spec.get("learning_rate", 0.01), momentum=spec.get("momentum", 0.9),
                             nesterovs_momentum=False, alpha=2 * spec.get("weight_decay", 1e-4) * batch,
                             batch_size=batch, max_iter=spec.get("epochs", 200), shuffle=True, random_state=seed)
    if t == "svm":
        sigma = spec.get("sigma", "auto")
        return SVC(kernel=spec.get("kernel", "rbf"), gamma="scale" if sigma == "auto" else 1 / (2 * sigma * sigma),
                   C=spec.get("C", 1.0), tol=spec.get("tol", 1e-3), degree=spec.get("degree", 3), coef0=spec.get("coef0", 0.0),
                   class_weight=class_weight(spec), decision_function_shape="ovo",
                   probability=probability, random_state=seed)
    if t == "logistic":
        return LogisticRegression(C=1 / spec.get("lambda", 0.1), max_iter=spec.get("max_iter", 500),
                                  tol=spec.get("tol", 1e-5), multi_class="auto")  # multinomial; binomial on 2 classes, as crystal-bench
    if t == "naive-bayes":
        return GaussianNB(var_smoothing=spec.get("var_smoothing", 1e-9))
    if t == "voting":
        soft = spec.get("rule", "hard") == "soft"
        members = [(m, estimator(by_name[m], by_name, seed, probability=soft)) for m in spec["members"]]
        return VotingClassifier(members, voting="soft" if soft else "hard", weights=spec.get("weights"))
    if t == "random-forest":
        from sklearn.ensemble import RandomForestClassifier
        sub = spec.get("subsample", 1.0)
        return RandomForestClassifier(
            n_estimators=spec.get("trees", 200), max_features=spec.get("mtry") or "sqrt",
            criterion={"gini": "gini", "entropy": "entropy"}.get(spec.get("split_rule", "gini"), "gini"),
            max_depth=spec.get("max_depth"), max_leaf_nodes=spec.get("max_nodes") or None,  # default: unbounded, as crystal-bench's
            min_samples_leaf=spec.get("node_size", 1), bootstrap=True, max_samples=None if sub >= 1 else sub,
            class_weight=class_weight(spec), random_state=seed)
    if t == "gradient-boosting":
        from sklearn.ensemble import GradientBoostingClassifier
        return GradientBoostingClassifier(
            n_estimators=spec.get("trees", 200), learning_rate=spec.get("shrinkage", 0.05), max_depth=spec.get("max_depth", 20),
            max_leaf_nodes=spec.get("max_nodes", 6), min_samples_leaf=spec.get("node_size", 5),
            subsample=spec.get("subsample", 0.7), random_state=seed)
    if t == "chance":
        from sklearn.dummy import DummyClassifier
        return DummyClassifier(strategy="most_frequent" if spec.get("strategy") == "majority" else "stratified",
                               random_state=seed)
    raise SystemExit(f"model type {t!r} has no scikit-learn mapping here")


def class_weight(spec):
    """crystal-bench's class_weight (a list in class order, a map by class name, or 'balanced') as scikit-learn's."""
    w = spec.get("class_weight")
    if w is None or w == "balanced":
        return w
    return {str(k): v for k, v in w.items()} if isinstance(w, dict) else dict(zip(CLASSES, w))


def default_estimator(spec, by_name, seed):
    """scikit-learn's own defaults for the model's type (--sklearn-defaults): what a user of scikit-learn gets."""
    from sklearn.dummy import DummyClassifier
    from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
    t = spec["type"]
    if t == "voting":
        return VotingClassifier([(m, default_estimator(by_name[m], by_name, seed)) for m in spec["members"]],
                                voting=spec.get("rule", "hard"))
    return {"mlp": lambda: MLPClassifier(random_state=seed), "svm": lambda: SVC(random_state=seed, probability=False),
            "logistic": lambda: LogisticRegression(max_iter=1000), "naive-bayes": GaussianNB,
            "random-forest": lambda: RandomForestClassifier(random_state=seed),
            "gradient-boosting": lambda: GradientBoostingClassifier(random_state=seed),
            "chance": lambda: DummyClassifier(strategy="stratified", random_state=seed)}[t]()


DEFAULTS = False  # --sklearn-defaults
CLASSES = []  # the data's classes, sorted (crystal-bench's class order), set by load()


def pipeline(cfg, features, model):
    ds = cfg["dataset"]
    num = [f for f in features if f in ds.get("numeric", [])]
    cat = [f for f in features if f in ds.get("categorical", [])]
    if ds.get("missing", "error") == "impute":
        from sklearn.impute import SimpleImputer
        numeric = Pipeline([("fill", SimpleImputer(strategy="median", add_indicator=True)), ("scale", StandardScaler())])
        categorical = Pipeline([("fill", SimpleImputer(strategy="constant", fill_value="missing")),
                                ("onehot", OneHotEncoder(handle_unknown="ignore"))])
    else:
        numeric, categorical = StandardScaler(), OneHotEncoder(handle_unknown="ignore")
    pre = ColumnTransformer([("num", numeric, num), ("cat", categorical, cat)],
                            sparse_threshold=0)  # dense, as crystal-bench encodes (GaussianNB needs it)
    return Pipeline([("encode", pre), ("model", model)])


def load(cfg, data):
    ds = cfg["dataset"]
    raw = pd.read_csv(data, dtype=str, keep_default_na=False, na_values=NA_VALUES, skipinitialspace=True)
    raw.columns = [c.strip() for c in raw.columns]
    # numeric: auto / categorical: auto, typed by content as crystal-bench does (config/Columns.java)
    taken = set(ds.get("id_columns", [])) | {ds["target"]}
    for key in ("numeric", "categorical"):
        if ds.get(key) not in ("auto", ["auto"]):
            taken |= set(ds.get(key) or [])
    rest = [c for c in raw.columns if c not in taken and c]
    is_num = {c: raw[c].notna().any() and pd.to_numeric(raw[c], errors="coerce").notna().sum() == raw[c].notna().sum()
              for c in rest}
    for key, want in (("numeric", True), ("categorical", False)):
        if ds.get(key) in ("auto", ["auto"]):
            ds[key] = [c for c in rest if is_num[c] == want]
    df = raw.copy()
    for c in ds.get("numeric", []):
        df[c] = pd.to_numeric(df[c])
    df = df[df[ds["target"]].notna()].reset_index(drop=True)  # a row without its label is dropped (both modes)
    if ds.get("missing", "error") == "error" and df[ds.get("numeric", []) + ds.get("categorical", [])].isna().any().any():
        raise SystemExit("the data has missing cells and dataset.missing is 'error'")
    CLASSES[:] = sorted(df[ds["target"]].unique())
    return df, df[ds["target"]].to_numpy()


def feature_sets(cfg):
    ds = cfg["dataset"]
    every = ds.get("numeric", []) + ds.get("categorical", [])
    out = {}
    for name, entries in (ds.get("feature_sets") or {"all": every}).items():
        cols = []
        for e in entries:  # the entries 'all' and '-Column', as config/Columns.java expands them
            if e == "all" and e not in every:
                cols += [f for f in every if f not in cols]
            elif e.startswith("-") and e not in every:
                cols.remove(e[1:].strip())
            else:
                cols.append(e)
        out[name] = cols
    return out


def splits(protocol, p, y, seed):
    if protocol == "holdout":
        s = StratifiedShuffleSplit(n_splits=p.get("repeats", 30), test_size=p.get("test_ratio", 0.2), random_state=seed)
    else:
        s = RepeatedStratifiedKFold(n_splits=p.get("folds", 5), n_repeats=p.get("repeats", 10), random_state=seed)
    return list(s.split(np.zeros(len(y)), y))


def one_cell(cfg, df, y, fs, features, protocol, k, train, test, specs, by_name):
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    rows = []
    if cfg["dataset"].get("missing", "error") == "drop-rows":
        complete = df[features].notna().all(axis=1).to_numpy()
        train, test = train[complete[train]], test[complete[test]]
    for spec in specs:
        t0 = time.perf_counter()
        est = (default_estimator if DEFAULTS else estimator)(spec, by_name, cfg.get("seed", 42) + k)
        m = pipeline(cfg, features, est).fit(df.iloc[train], y[train])
        t1 = time.perf_counter()
        pred = m.predict(df.iloc[test])
        p = precision_score(y[test], pred, average="macro", zero_division=0)
        r = recall_score(y[test], pred, average="macro", zero_division=0)
        rows.append({"feature_set": fs, "protocol": protocol, "model": spec["name"], "split": k,
                     "macro_f1": f1_score(y[test], pred, average="macro", zero_division=0),
                     "paper_f1": 0.0 if p + r == 0 else 2 * p * r / (p + r), "fit_ms": (t1 - t0) * 1000})
    return rows


def run(cfg, args):
    df, y = load(cfg, args.data)
    by_name = {m["name"]: m for m in cfg["models"]}
    if not any(m["type"] == "chance" for m in cfg["models"]):  # the baseline crystal-bench's run adds
        cfg["models"].append({"name": "chance (stratified)", "type": "chance"})
    by_name = {m["name"]: m for m in cfg["models"]}
    specs = [m for m in cfg["models"] if not args.models or m["name"] in args.models]
    tasks = []
    for fs, features in feature_sets(cfg).items():
        for protocol, p in (cfg.get("protocols") or {}).items():
            for k, (train, test) in enumerate(splits(protocol, p, y, cfg.get("seed", 42))):
                tasks.append((fs, features, protocol, k, train, test))
    print(f"sklearn-reference run: {len(tasks)} splits x {len(specs)} models on {args.jobs} workers", file=sys.stderr)
    t0 = time.perf_counter()
    out = Parallel(n_jobs=args.jobs)(delayed(one_cell)(cfg, df, y, fs, f, pr, k, tr, te, specs, by_name)
                                     for fs, f, pr, k, tr, te in tasks)
    wall = time.perf_counter() - t0
    rows = [r for cell in out for r in cell]
    write_csv(os.path.join(args.out, "sklearn-splits.csv"), rows)
    summary = []
    for key, group in itertools.groupby(sorted(rows, key=lambda r: (r["feature_set"], r["protocol"], r["model"])),
                                        key=lambda r: (r["feature_set"], r["protocol"], r["model"])):
        g = list(group)
        f1 = np.array([r["macro_f1"] for r in g])
        summary.append({"feature_set": key[0], "protocol": key[1], "model": key[2], "n": len(g),
                        "macro_f1_mean": f1.mean(), "macro_f1_sd": f1.std(ddof=1),
                        "paper_f1_mean": np.mean([r["paper_f1"] for r in g]),
                        "fit_ms_mean": np.mean([r["fit_ms"] for r in g])})
    write_csv(os.path.join(args.out, "sklearn-summary.csv"), summary)
    record(args, cfg, {"command": "run", "splits": len(tasks), "models": [s["name"] for s in specs],
                       "fits": len(rows), "wall_seconds": wall})
    print(f"sklearn-reference run: {len(rows)} fits in {wall:.1f} s with {args.jobs} workers -> {args.out}", file=sys.stderr)


def grid(cfg, args):
    df, y = load(cfg, args.data)
    by_name = {m["name"]: m for m in cfg["models"]}
    g = cfg["grid"]["models"]
    p = cfg["protocols"]["cv"]
    cv = RepeatedStratifiedKFold(n_splits=p.get("folds", 5), n_repeats=p.get("repeats", 3), random_state=cfg.get("seed", 42))
    fs, features = next(iter(feature_sets(cfg).items()))
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    total_fits, total_wall, rows = 0, 0.0, []
    for name, values in g.items():
        spec = by_name[name]
        keys = list(values)
        grid_points = [dict(zip(keys, combo)) for combo in itertools.product(*(values[k] for k in keys))]
        # Each point becomes a full estimator (the mapping of HOW), so scikit-learn searches exactly these.
        param_grid = {"model": [estimator({**spec, **pt}, by_name, cfg.get("seed", 42)) for pt in grid_points]}
        search = GridSearchCV(pipeline(cfg, features, estimator(spec, by_name, 0)), param_grid, cv=cv,
                              scoring="f1_macro", n_jobs=args.jobs, refit=False)
        t0 = time.perf_counter()
        search.fit(df, y)
        wall = time.perf_counter() - t0
        fits = len(grid_points) * cv.get_n_splits()
        total_fits += fits
        total_wall += wall
        for pt, score in zip(grid_points, search.cv_results_["mean_test_score"]):
            rows.append({"model": name, "params": json.dumps(pt), "macro_f1_mean": score})
        print(f"sklearn-reference grid: {name}: {fits} fits in {wall:.1f} s", file=sys.stderr)
    write_csv(os.path.join(args.out, "sklearn-grid.csv"), rows)
    record(args, cfg, {"command": "grid", "fits": total_fits, "wall_seconds": total_wall,
                       "fits_per_second": total_fits / total_wall})
    print(f"sklearn-reference grid: {total_fits} fits in {total_wall:.1f} s ({total_fits / total_wall:.1f} fits/s) "
          f"with {args.jobs} workers -> {args.out}", file=sys.stderr)


def write_csv(path, rows):
    with open(path + ".tmp", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    os.replace(path + ".tmp", path)


def record(args, cfg, result):
    info = {"sklearn_version": sklearn.__version__, "numpy_version": np.__version__, "python": platform.python_version(),
            "config": args.config, "data": args.data, "jobs": args.jobs, "cores": os.cpu_count(),
            "mapping": HOW, **result}
    with open(os.path.join(args.out, "sklearn-reference.json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=["run", "grid"])
    ap.add_argument("config")
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--models", nargs="*", help="run: only these models of the config (default all)")
    ap.add_argument("--sklearn-defaults", action="store_true",
                    help="run: every model at scikit-learn's own defaults for its type (not the config's hyperparameters)")
    args = ap.parse_args()
    global DEFAULTS
    DEFAULTS = args.sklearn_defaults
    with open(args.config) as f:
        cfg = yaml.safe_load(f)
    os.makedirs(args.out, exist_ok=True)
    (run if args.command == "run" else grid)(cfg, args)


if __name__ == "__main__":
    main()
