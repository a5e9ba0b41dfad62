#!/usr/bin/python3
"""Writes the logistic-regression agreement fixtures (issue 30) for LogisticSklearnAgreementTest.

Generated data only (numpy's seeded generator; no third-party data): rows of 4 continuous features and a
3-level one-hot column, labels drawn from a softmax of a fixed linear score, so the classes overlap. For
each case, scikit-learn's LogisticRegression(solver="lbfgs", C=1/lambda, tol, max_iter) is fitted and its
coef_, intercept_ and predict_proba of every row are written at full precision:
  src/test/resources/logistic/<case>.csv   label,x0..x6 rows, then lines 'coef,c,v0..v6', 'intercept,v...',
                                           'proba,p0..' (one per row), 'params,lambda,tol,max_iter,n_iter'
Usage: /usr/bin/python3 scripts/logistic-sklearn-fixture.py   (scikit-learn 1.2.1 wrote the committed files)
"""
import os
import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "logistic")


def data(rng, n, classes):
    cont = rng.normal(size=(n, 4)) * np.array([1.0, 0.5, 2.0, 1.0])
    level = rng.integers(0, 3, size=n)
    onehot = np.eye(3)[level]
    x = np.hstack([cont, onehot])
    beta = rng.normal(size=(7, classes))
    score = x @ beta
    p = np.exp(score - score.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    y = np.array([rng.choice(classes, p=row) for row in p])
    return x, y


def write(name, x, y, lam, tol, max_iter):
    m = LogisticRegression(solver="lbfgs", C=1 / lam, tol=tol, max_iter=max_iter).fit(x, y)
    proba = m.predict_proba(x)
    with open(os.path.join(here, name + ".csv"), "w") as f:
        f.write("# scikit-learn %s LogisticRegression(lbfgs, C=1/%r, tol=%r, max_iter=%d); "
                "scripts/logistic-sklearn-fixture.py\n" % (sklearn.__version__, lam, tol, max_iter))
        for xi, yi in zip(x, y):
            f.write("%d,%s\n" % (yi, ",".join(repr(float(v)) for v in xi)))
        for c, row in enumerate(m.coef_):
            f.write("coef,%d,%s\n" % (c, ",".join(repr(float(v)) for v in row)))
        f.write("intercept,%s\n" % ",".join(repr(float(v)) for v in m.intercept_))
        for row in proba:
            f.write("proba,%s\n" % ",".join(repr(float(v)) for v in row))
        f.write("params,%r,%r,%d,%d\n" % (lam, tol, max_iter, int(m.n_iter_[0])))


rng = np.random.default_rng(30)
x, y = data(rng, 300, 3)
write("multinomial", x, y, 0.1, 1e-5, 500)
x, y = data(rng, 200, 2)
write("binomial", x, y, 1.0, 1e-5, 500)
