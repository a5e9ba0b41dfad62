#!/usr/bin/env python3
"""scikit-learn's side of SvmFitBench (issue 21): SVC(gamma='scale', C=1) fitted on every row of a CSV written by
export-sklearn-datasets.py (features standardised), with and without probabilities; prints the median and the
spread of --repeats fits in ms.

    python3 scripts/sklearn-svm-timing.py /tmp/sk/digits.csv [--repeats 15]
"""
import argparse
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("--repeats", type=int, default=15)
    a = ap.parse_args()
    df = pd.read_csv(a.csv)
    x = StandardScaler().fit_transform(df.drop(columns=["id", "class"]).to_numpy(float))
    y = df["class"].astype(str).to_numpy()
    for probability in (True, False):
        times = []
        for r in range(a.repeats + 2):
            t0 = time.perf_counter()
            SVC(kernel="rbf", gamma="scale", C=1.0, probability=probability, random_state=r).fit(x, y)
            if r >= 2:  # two warm-up fits, as the JMH side warms up
                times.append((time.perf_counter() - t0) * 1000)
        print(f"{os.path.basename(a.csv)} rows={len(y)} probability={probability}: median {np.median(times):.1f} ms "
              f"(min {min(times):.1f}, max {max(times):.1f}, {len(times)} fits)")


if __name__ == "__main__":
    main()
