"""numpy baseline for bench/rsa.ts: the same bootstrap evaluation of a fixed model
(corr), written the way rsatoolbox runs it: each resample indexes every RDM with the
draw, marks entries between copies of one condition as NaN, drops them and compares.

Usage: python3 bench/rsa_baseline.py DATA.npy MODEL.npy SAMPLES REPEATS
Prints JSON: median seconds of eval_bootstrap_pattern and eval_bootstrap_rdm, evaluation, SEs.
"""
import json
import sys
import time

import numpy as np


def upper(D):
    return D[..., np.triu_indices(D.shape[-1], 1)[0], np.triu_indices(D.shape[-1], 1)[1]]


def corr_rows(a, B):
    """Pearson r of vector a with each row of B."""
    a = a - a.mean()
    B = B - B.mean(1, keepdims=True)
    return (B @ a) / np.sqrt((a @ a) * np.einsum("ij,ij->i", B, B))


def boot_pattern(data, model, N, rng):
    n = model.shape[0]
    iu = np.triu_indices(n, 1)
    evals = []
    for _ in range(N):
        draw = np.sort(rng.integers(0, n, n))
        if len(np.unique(draw)) < 3:
            continue
        keep = draw[iu[0]] != draw[iu[1]]
        rows, cols = draw[iu[0]][keep], draw[iu[1]][keep]
        evals.append(np.mean(corr_rows(model[rows, cols], data[:, rows, cols])))
    evals = np.asarray(evals)
    return np.sqrt(n / (n - 1) * np.var(evals, ddof=1))


def boot_rdm(data, model, N, rng):
    K = data.shape[0]
    evals = []
    for _ in range(N):
        idx = rng.integers(0, K, K)
        evals.append(np.mean(corr_rows(upper(model), upper(data[idx]))))
    return np.sqrt(K / (K - 1) * np.var(evals, ddof=1))


data, model = np.load(sys.argv[1]), np.load(sys.argv[2])
N, repeats = int(sys.argv[3]), int(sys.argv[4])
tp, tr = [], []
for r in range(repeats):
    t0 = time.perf_counter()
    se_p = boot_pattern(data, model, N, np.random.default_rng(r))
    tp.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    se_r = boot_rdm(data, model, N, np.random.default_rng(r))
    tr.append(time.perf_counter() - t0)
print(json.dumps({
    "pattern_s": float(np.median(tp)),
    "rdm_s": float(np.median(tr)),
    "evaluation": float(np.mean(corr_rows(upper(model), upper(data)))),
    "se_pattern": float(se_p),
    "se_rdm": float(se_r),
}))
