"""numpy baseline for bench/spectral.ts: the same spectral analysis on the same data.

Usage: /usr/bin/python3 bench/spectral_baseline.py DIR --ridge 1e-6 --repeats 1
DIR holds X.npy [P, M], Y.npy [P, N] and subsets.json ({"ps": [...], "train": [[[...], ...], ...]},
the training rows of every subset, so both sides fit exactly the same subsets).

Computation (as lib/spectral): centre X and Y; Gram K = X Xᵀ; eigh(K); alignment W_full and the
out-of-span power; theory (vectorised safeguarded Newton for kappa over all p at once; E_i,
W̃, E_g, E_tr, R_em, D_em); empirical curve: per subset Cholesky of K[S,S] + p·ridge·I,
predictions K[T,S]·A for the held-out rows T and Y_S − αA for the training rows, per-neuron SSE, R² and Pearson r on all/test/train rows.
Prints JSON {"numpy", "ms": {stage: median ms}, "Eg", "gen", "test", "train"}.
"""
import argparse
import json
import os
import time

import numpy as np
import scipy.linalg as sl


def spectrum(X):
    P = X.shape[0]
    K = X @ X.T
    w, V = np.linalg.eigh(K)
    lam = np.clip(w[::-1], 0, None) / P
    r = int(np.sum(lam > 1e-10 * lam[0]))
    lam[r:] = 0
    return K, lam, r, np.ascontiguousarray(V[:, ::-1][:, :r])


def align(Y, lam, r, U):
    P, N = Y.shape
    proj = U.T @ Y
    tot = np.sum(Y**2)
    W = np.zeros(P)
    W[:r] = np.sum(proj**2, axis=1) / tot
    if P - r - 1 > 0:  # centred: the constant vector is a null direction without power
        W[r] = np.sum((Y - U @ proj) ** 2) / tot
    return W


def solve_kappa(lam, ps, ridge):
    lam = lam[lam > 0][None, :]
    ps = np.asarray(ps, float)[:, None]
    alpha = ps * ridge
    lo = alpha.copy()
    hi = alpha + lam.sum()
    x = lo.copy()
    for _ in range(400):
        d = ps * lam + x
        g = 1 - alpha / x - np.sum(lam / d, axis=1, keepdims=True)
        dg = alpha / x**2 + np.sum(lam / d**2, axis=1, keepdims=True)
        lo = np.where(g < 0, x, lo)
        hi = np.where(g > 0, x, hi)
        nxt = x - g / dg
        bad = ~((nxt > lo) & (nxt < hi))
        nxt = np.where(bad, np.sqrt(lo) * np.sqrt(hi), nxt)
        done = np.abs(nxt - x) <= 4e-16 * nxt
        x = nxt
        if np.all(done):
            break
    kappa = x[:, 0]
    d = ps * lam + x
    omg = alpha[:, 0] / kappa + kappa * np.sum(lam / d**2, axis=1)
    return kappa, omg


def theory(lam, W, ps, ridge):
    kappa, omg = solve_kappa(lam, ps, ridge)
    ps = np.asarray(ps, float)
    E = (kappa[:, None] / (ps[:, None] * lam[None, :] + kappa[:, None])) ** 2 / omg[:, None]
    Wt = W[None, :] * E
    Eg = Wt.sum(1)
    Rem = np.sqrt(np.sum(Wt**2, 1))
    Dem = Eg**2 / Rem**2
    Etr = (ps * ridge / kappa) ** 2 * Eg
    return dict(kappa=kappa, Eg=Eg, Etr=Etr, Rem=Rem, Dem=Dem, E=E, Wt=Wt)


def scores(Y, Yh, power, T):
    n = Y.shape[0]
    e = Yh - Y
    sse = np.sum(e**2, 0)
    yc = Y - Y.mean(0)
    hc = Yh - Yh.mean(0)
    syy = np.sum(yc**2, 0)
    shh = np.sum(hc**2, 0)
    r2 = np.where(syy > 0, 1 - sse / np.where(syy > 0, syy, 1), (sse == 0).astype(float))
    den = np.sqrt(syy * shh)
    r = np.where(den > 0, np.sum(yc * hc, 0) / np.where(den > 0, den, 1), 0.0)
    return sse.sum() / (n * T), sse / (n * power), r2, r


def empirical(K, Y, ps, train_sets, ridge):
    P = K.shape[0]
    power = np.sum(Y**2, 0) / P
    T = power.sum()
    out = {k: [] for k in ("gen", "test", "train")}
    for p, subsets in zip(ps, train_sets):
        acc = {k: [] for k in out}
        for S in subsets:
            S = np.asarray(S)
            mask = np.zeros(P, bool)
            mask[S] = True
            A = K[np.ix_(S, S)]
            A[np.diag_indices(p)] += p * ridge
            coef = sl.cho_solve(sl.cho_factor(A, lower=True, check_finite=False), Y[S],
                                check_finite=False)
            # K_SS·A = Y_S − αA on the training rows; a product only for the held-out rows
            Yh = np.empty_like(Y)
            Yh[S] = Y[S] - p * ridge * coef
            rest = np.flatnonzero(~mask)
            Yh[rest] = K[np.ix_(rest, S)] @ coef
            acc["gen"].append(scores(Y, Yh, power, T))
            acc["test"].append(scores(Y[~mask], Yh[~mask], power, T))
            acc["train"].append(scores(Y[mask], Yh[mask], power, T))
        for k in out:
            out[k].append([np.mean([a[i] for a in acc[k]], axis=0) for i in range(4)])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--ridge", type=float, default=1e-6)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    X0 = np.load(os.path.join(args.dir, "X.npy"))
    Y0 = np.load(os.path.join(args.dir, "Y.npy"))
    with open(os.path.join(args.dir, "subsets.json")) as f:
        sub = json.load(f)
    ps, train = sub["ps"], sub["train"]
    times = {k: [] for k in ("center", "gram_eigh", "alignment", "theory", "empirical", "total")}
    for _ in range(args.repeats):
        t = [time.perf_counter()]
        X = X0 - X0.mean(0)
        Y = Y0 - Y0.mean(0)
        t.append(time.perf_counter())
        K, lam, r, U = spectrum(X)
        t.append(time.perf_counter())
        W = align(Y, lam, r, U)
        t.append(time.perf_counter())
        th = theory(lam, W, ps, args.ridge)
        t.append(time.perf_counter())
        emp = empirical(K, Y, ps, train, args.ridge)
        t.append(time.perf_counter())
        for k, a, b in zip(list(times)[:5], t[:-1], t[1:]):
            times[k].append((b - a) * 1e3)
        times["total"].append((t[-1] - t[0]) * 1e3)
    print(json.dumps({
        "numpy": np.__version__,
        "ms": {k: float(np.median(v)) for k, v in times.items()},
        "Eg": th["Eg"].tolist(),
        "Dem": th["Dem"].tolist(),
        "gen": [float(e[0]) for e in emp["gen"]],
        "test": [float(e[0]) for e in emp["test"]],
        "train": [float(e[0]) for e in emp["train"]],
        "testR2": [e[2].tolist() for e in emp["test"]],
    }))


if __name__ == "__main__":
    main()
