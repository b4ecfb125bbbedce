"""numpy baseline for bench/ltr.ts: the same ltrRNN forward pass, loss and hand-written
BPTT gradient as lib/rnn (latent coordinates, trials batched, loop over time), plus Adam
and 20% trial dropout, run for a fixed number of iterations on data from a file.

Usage: /usr/bin/python3 bench/ltr_baseline.py problem.json
Prints JSON {"seconds": ..., "final_loss": ...}.
"""
import json
import sys
import time

import numpy as np


def run(p):
    K, T, N, n, R, C = p["K"], p["T"], p["N"], p["n"], p["R"], p["C"]
    alpha, lam_x, lam_u, lr, iters = p["alpha"], p["lambdaState"], p["lambdaInput"], p["lr"], p["iterations"]
    Y = np.array(p["Y"], dtype=float).reshape(K, T, N)
    mask = np.array(p["mask"], dtype=float).reshape(K, T, N)
    Yz = np.where(mask > 0, Y, 0.0)
    cond = np.array(p["conditions"], dtype=int)
    U = np.array(p["inputs"], dtype=float).reshape(C, T, -1)
    L = np.array(p["L"], dtype=float).reshape(K, K)
    th = {k: np.array(v, dtype=float) for k, v in p["theta"].items()}
    shapes = {"Cr": (n, R), "Pr": (n, R), "z": (K, R), "ab": (R,), "beta": (R, U.shape[2]),
              "b0": (R,), "k0": (C, R), "D": (N, n), "d": (N,)}
    th = {k: th[k].reshape(shapes[k]) for k in shapes}
    m = {k: np.zeros_like(v) for k, v in th.items()}
    v = {k: np.zeros_like(x) for k, x in th.items()}
    rng = np.random.default_rng(0)
    loss = np.nan
    t0 = time.perf_counter()
    for it in range(iters):
        keep = np.nonzero(rng.random(K) >= 0.2)[0]
        if keep.size == 0:
            keep = np.array([0])
        B = keep.size
        cn = np.linalg.norm(th["Cr"], axis=0)
        pn = np.linalg.norm(th["Pr"], axis=0)
        Ch, Ph = th["Cr"] / cn, th["Pr"] / pn
        A = (L @ th["z"] + th["ab"])[keep]              # B x R
        c = cond[keep]
        V = np.einsum("ctu,ru->ctr", U, th["beta"])      # C x T x R
        Vk = V[c]                                        # B x T x R
        kap = np.empty((T + 1, B, R))
        X = np.empty((T + 1, B, n))
        H = np.empty((T + 1, B, n))
        S = np.empty((T, B, R))
        kap[0] = th["k0"][c]
        for t in range(T + 1):
            X[t] = kap[t] @ Ch.T
            H[t] = np.tanh(X[t])
            if t == T:
                break
            S[t] = H[t] @ Ph
            kap[t + 1] = (1 - alpha) * kap[t] + alpha * (A * S[t] + Vk[:, t] + th["b0"])
        Ho = H[1:].transpose(1, 0, 2)                   # B x T x n
        Yhat = Ho @ th["D"].T + th["d"]
        Mk = mask[keep]
        E = (Yhat - Yz[keep]) * Mk
        M = Mk.sum()
        mse = (E ** 2).sum() / M
        pen = lam_x * np.mean(X[1:] ** 2) + lam_u * np.mean(Vk ** 2)
        loss = mse + pen
        E *= 2 / M
        g = {k: np.zeros_like(x) for k, x in th.items()}
        g["D"] = E.reshape(-1, N).T @ Ho.reshape(-1, n)
        g["d"] = E.sum(axis=(0, 1))
        dHo = (E @ th["D"]).transpose(1, 0, 2)          # T x B x n
        cx = 2 * lam_x / (B * T * n)
        cu = 2 * lam_u / (B * T * R)
        gCh = np.zeros((n, R)); gPh = np.zeros((n, R)); gA = np.zeros((B, R))
        gV = cu * Vk.copy()                               # B x T x R
        gb0 = np.zeros(R)
        gk = np.zeros((B, R))
        for t in range(T, -1, -1):
            dh = dHo[t - 1].copy() if t >= 1 else np.zeros((B, n))
            if t < T:
                ag = alpha * A * gk
                dh += ag @ Ph.T
                gPh += H[t].T @ ag
                gA += alpha * gk * S[t]
                gb0 += alpha * gk.sum(axis=0)
                gV[:, t] += alpha * gk
            dx = dh * (1 - H[t] ** 2)
            if t >= 1:
                dx += cx * X[t]
            gnew = dx @ Ch
            gCh += dx.T @ kap[t]
            if t < T:
                gnew += (1 - alpha) * gk
            gk = gnew
        np.add.at(g["k0"], c, gk)
        gAfull = np.zeros((K, R)); gAfull[keep] = gA
        g["z"] = L.T @ gAfull
        g["ab"] = gAfull.sum(axis=0)
        g["b0"] = gb0
        g["beta"] = np.einsum("btr,btu->ru", gV, U[c])
        g["Cr"] = (gCh - Ch * (Ch * gCh).sum(axis=0)) / cn
        g["Pr"] = (gPh - Ph * (Ph * gPh).sum(axis=0)) / pn
        b1, b2, eps = 0.9, 0.999, 1e-8
        c1, c2 = 1 / (1 - b1 ** (it + 1)), 1 / (1 - b2 ** (it + 1))
        for k in th:
            m[k] = b1 * m[k] + (1 - b1) * g[k]
            v[k] = b2 * v[k] + (1 - b2) * g[k] ** 2
            th[k] -= lr * m[k] * c1 / (np.sqrt(v[k] * c2) + eps)
    return {"seconds": time.perf_counter() - t0, "final_loss": float(loss)}


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(json.dumps(run(json.load(f))))
