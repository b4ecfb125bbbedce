"""Baseline for bench/dmd_sweep.ts: the same DMD sweep as lib/dynamics/sweep.ts written
as the obvious numpy loop (one HAVOK fit per (nDelays, rank) cell: embed, thin SVD,
truncate, ridge regression, predict every sample, score the held-out part).

Usage: python3 bench/dmd_sweep_baseline.py spec.json -> JSON on stdout
spec.json: {"path": raw float64 file, "shape": [T, N], "n_delays": [...], "ranks": [...],
            "ridge": 1e-8, "test_fraction": 0.2, "repeats": 5}
Prints {"seconds": median wall time of one sweep, "cells": [{"mase", "nmse", "r2", "aic"}, ...]}.
"""
import json
import sys
import time

import numpy as np


def hankel(X, D):
    """Rows [x_{t+D-1}, ..., x_t] (newest sample first)."""
    Tp = X.shape[0] - (D - 1)
    return np.hstack([X[D - 1 - j:D - 1 - j + Tp] for j in range(D)])


def sweep(X, delays, ranks, ridge, f):
    T, N = X.shape
    cut = int(np.floor((1 - f) * T))
    train = X[:cut]
    naive = np.mean(np.abs(train[1:] - train[:-1]))
    cells = []
    for D in delays:
        for rank in ranks:
            H = hankel(train, D)
            V, s, Ut = np.linalg.svd(H, full_matrices=False)
            r = min(rank, H.shape[1])
            Vm, Vp = V[:-1, :r], V[1:, :r]
            Av = np.linalg.solve(Vm.T @ Vm + ridge * np.eye(r), Vm.T @ Vp).T
            Hf = hankel(X, D)
            Vf = (Hf @ Ut[:r].T) / s[:r]
            pred_rows = ((Vf @ Av.T) * s[:r]) @ Ut[:r, :N]  # newest block of row t+1
            pred = np.full_like(X, np.nan)
            pred[D:] = pred_rows[:-1]
            te = slice(cut, T)
            e = X[te] - pred[te]
            dev = X[te] - X[te].mean(axis=0)
            tr = slice(D, cut)
            m = (cut - D) * N
            cells.append({
                "mase": float(np.mean(np.abs(e)) / naive),
                "nmse": float(np.mean(np.sum(e ** 2, axis=0) / np.sum(dev ** 2, axis=0))),
                "r2": float(1 - np.sum(e ** 2) / np.sum(dev ** 2)),
                "aic": float(m * np.log(np.sum((X[tr] - pred[tr]) ** 2) / m) + 2 * r * r),
            })
    return cells


def main():
    spec = json.load(open(sys.argv[1]))
    X = np.fromfile(spec["path"], dtype="<f8").reshape(spec["shape"])
    times = []
    cells = None
    for _ in range(spec.get("repeats", 5) + 1):
        t0 = time.perf_counter()
        cells = sweep(X, spec["n_delays"], spec["ranks"], spec["ridge"], spec["test_fraction"])
        times.append(time.perf_counter() - t0)
    times = sorted(times[1:])
    print(json.dumps({"seconds": times[len(times) // 2], "cells": cells}))


if __name__ == "__main__":
    main()
