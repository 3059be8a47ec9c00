#!/usr/bin/python3
"""Iteration and evaluation counts of scipy.optimize on the problems of slope's second-order tests.

Run with Debian's python3-scipy (the system python, not a virtual environment), from this folder:
    /usr/bin/python3 make_scipy_reference.py > scipy_reference.json

Problems (the Java test, SciPyComparisonTest, builds the same ones from the same formulas):
  rosenbrock2   (1 - x0)^2 + 100 (x1 - x0^2)^2 from (-1.2, 1); minimum 0 at (1, 1)
  rosenbrock10  scipy.optimize.rosen (the chained form) in 10-d from zeros; minimum 0 at ones
                (from the alternating start (-1.2, 1, ...) BFGS ends in the local minimum near
                (-1, 1, ..., 1), so the test starts at zeros, where every method finds the global one)
  quadratic50   1/2 (x - 1)^T A (x - 1), A = Q diag(d) Q with d_i = 10^(4 i / 49) (condition number
                1e4) and Q = I - 2 u u^T, u = sin(1..50) / ||sin(1..50)||; from zeros; minimum 0 at ones
  logreg_digits L2-regularized logistic regression on the 1797 8x8 digits (examples' digits.csv.gz):
                features pixel / 16 and a constant 1 (65 weights, all regularized), label +1 for
                digits 5-9 and -1 for 0-4; f(w) = mean(log(1 + exp(-y x.w))) + 1e-3 / 2 ||w||^2,
                from zeros; its minimum is the lowest value the methods reach
Methods and the options that make them stop on the gradient where they can (as slope does with
tolerance_grad 1e-6 on max |g|):
  BFGS        gtol 1e-6 (max |g|)
  L-BFGS-B    gtol 1e-6 (max |projected g|), ftol 1e-15 (so that the relative-reduction test does
              not stop it first), maxcor 10 (its default memory)
  Newton-CG   hessp, xtol 1e-8 (scipy's Newton-CG has no gradient test: it stops when the mean
              absolute step is below xtol)
  trust-ncg   hessp, gtol 1e-6 (on ||g||_2, scipy's only choice)
"""
import gzip
import json
import os
import sys

import numpy as np
import scipy
import scipy.optimize as so
from scipy.special import expit

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "..", "..", "..", "..", "examples", "src", "main", "resources", "dev", "slope",
                      "examples", "data", "digits.csv.gz")
GTOL = 1e-6


def rosen_problem(x0):
    return dict(f=so.rosen, g=so.rosen_der, hp=so.rosen_hess_prod, x0=np.array(x0, dtype=float))


def quadratic_problem(n=50):
    i = np.arange(n)
    d = 10.0 ** (4 * i / (n - 1))
    u = np.sin(np.arange(1, n + 1))
    u /= np.linalg.norm(u)
    q = np.eye(n) - 2 * np.outer(u, u)
    a = q @ np.diag(d) @ q
    return dict(f=lambda x: 0.5 * (x - 1) @ a @ (x - 1), g=lambda x: a @ (x - 1), hp=lambda x, v: a @ v, x0=np.zeros(n))


def logreg_problem(lam=1e-3):
    data = np.loadtxt(gzip.open(DIGITS, "rt"), delimiter=",")
    x = np.hstack([data[:, :64] / 16.0, np.ones((len(data), 1))])
    y = np.where(data[:, 64] >= 5, 1.0, -1.0)
    n = len(y)

    def f(w):
        return np.logaddexp(0, -y * (x @ w)).mean() + 0.5 * lam * w @ w

    def g(w):
        return -(x.T @ (y * expit(-y * (x @ w)))) / n + lam * w

    def hp(w, v):
        s = expit(x @ w)
        return x.T @ (s * (1 - s) * (x @ v)) / n + lam * v

    return dict(f=f, g=g, hp=hp, x0=np.zeros(65))


def run(p, method):
    if method == "BFGS":
        kw = dict(options=dict(gtol=GTOL, maxiter=100000))
    elif method == "L-BFGS-B":
        kw = dict(options=dict(gtol=GTOL, ftol=1e-15, maxcor=10, maxiter=100000, maxfun=100000))
    elif method == "Newton-CG":
        kw = dict(hessp=p["hp"], options=dict(xtol=1e-8, maxiter=100000))
    else:
        kw = dict(hessp=p["hp"], options=dict(gtol=GTOL, maxiter=100000))
    r = so.minimize(p["f"], p["x0"], jac=p["g"], method=method, **kw)
    return dict(nit=int(r.nit), nfev=int(r.nfev), njev=int(r.get("njev", r.nfev)), nhev=int(r.get("nhev", 0)),
                fun=float(r.fun), grad_max_abs=float(np.abs(p["g"](r.x)).max()), success=bool(r.success),
                message=str(r.message))


def main():
    problems = {
        "rosenbrock2": rosen_problem([-1.2, 1.0]),
        "rosenbrock10": rosen_problem(np.zeros(10)),
        "quadratic50": quadratic_problem(),
        "logreg_digits": logreg_problem(),
    }
    out = dict(scipy=scipy.__version__, numpy=np.__version__, gtol=GTOL, problems={})
    for name, p in problems.items():
        methods = {m: run(p, m) for m in ("BFGS", "L-BFGS-B", "Newton-CG", "trust-ncg")}
        out["problems"][name] = dict(n=int(len(p["x0"])), f0=float(p["f"](p["x0"])),
                                     fmin=min(r["fun"] for r in methods.values()), methods=methods)
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
