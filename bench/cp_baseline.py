"""numpy baseline for bench/cp.ts: CP-ALS sweeps on a C-order tensor, the same algorithm
as lib/tensor/cp_als.ts (Z = T_[IJ,K] C shared by modes 0 and 1, mode-2 MTTKRP as one gemm
on the un-permuted data, R x R normal equations by Cholesky, rebalancing, cheap error), and
a tensorly-style variant (unfold copies + Khatri-Rao per mode) for reference.

Usage: /usr/bin/python3 bench/cp_baseline.py I J K R sweeps repeats [which]
(which = both | same: run only the same-algorithm timing)
Prints JSON {"same_algorithm_s": median seconds (wall), "same_algorithm_cpu_s": (CPU),
"unfold_variant_s": ..., "rel_err": ...}.
"""
import json
import sys
import time

import numpy as np
from scipy.linalg import cho_factor, cho_solve


def kr(A, B):
    return (A[:, None, :] * B[None, :, :]).reshape(-1, A.shape[1])


def rebalance(F):
    norms = [np.linalg.norm(f, axis=0) for f in F]
    lam = np.prod(norms, axis=0)
    t = lam ** (1 / 3)
    return [f * (t / n) for f, n in zip(F, norms)]


def solve(M, V):
    return cho_solve(cho_factor(V), M.T).T


def sweeps_same(T, F, n):
    I, J, K = T.shape
    T2 = T.reshape(I * J, K)
    nx2 = np.sum(T * T)
    A, B, C = F
    for _ in range(n):
        Z = (T2 @ C).reshape(I, J, -1)
        gC = C.T @ C
        A = solve(np.einsum("ijr,jr->ir", Z, B), (B.T @ B) * gC)
        gA = A.T @ A
        B = solve(np.einsum("ijr,ir->jr", Z, A), gA * gC)
        gAB = gA * (B.T @ B)
        M2 = T2.T @ kr(A, B)
        C = solve(M2, gAB)
        err = np.sqrt(max(0.0, nx2 - 2 * np.sum(M2 * C) + np.sum(gAB * (C.T @ C)))) / np.sqrt(nx2)
        A, B, C = rebalance([A, B, C])
    return err


def unfold(T, m):
    return np.moveaxis(T, m, 0).reshape(T.shape[m], -1)


def sweeps_unfold(T, F, n):
    F = list(F)
    for _ in range(n):
        for m in range(3):
            o = [F[q] for q in range(3) if q != m]
            V = (o[0].T @ o[0]) * (o[1].T @ o[1])
            F[m] = solve(unfold(T, m) @ kr(o[0], o[1]), V)
        F = rebalance(F)


def main():
    I, J, K, R, n, reps = map(int, sys.argv[1:7])
    which = sys.argv[7] if len(sys.argv) > 7 else "both"
    rng = np.random.default_rng(1)
    T = rng.standard_normal((I, J, K))
    F = [rng.standard_normal((d, R)) for d in (I, J, K)]
    same, same_cpu, unf = [], [], []
    err = None
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        err = sweeps_same(T, F, n)
        same.append(time.perf_counter() - t0)
        same_cpu.append(time.process_time() - c0)
        if which == "both":
            t0 = time.perf_counter()
            sweeps_unfold(T, F, n)
            unf.append(time.perf_counter() - t0)
    print(json.dumps({"same_algorithm_s": float(np.median(same)),
                      "same_algorithm_cpu_s": float(np.median(same_cpu)),
                      "unfold_variant_s": float(np.median(unf)) if unf else None, "rel_err": float(err)}))


main()
