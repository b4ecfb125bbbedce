"""numpy baseline for bench/shape_metrics.ts: the linear shape metric computed the
way the reference Python implementation does it (per pair: centre and partially
whiten both networks, SVD of the whitened cross-product, map both networks with
the fitted transforms, then score; pairwise matrices loop over pairs sequentially
and re-whiten both networks for every pair).

Usage: /usr/bin/python3 bench/shape_metrics_baseline.py CASE DIR ALPHA
  CASE = pair      : DIR/X.npy, DIR/Y.npy           -> one fit + score
  CASE = pairwise  : DIR/net_000.npy, net_001.npy … -> K×K matrix, sequential
Prints JSON {"seconds": wall time of the computation, "distance" or "matrix_checksum"}.
"""
import glob
import json
import os
import sys
import time

import numpy as np

CLIP = 1e-7


def whiten(Xc, alpha):
    if alpha > 1 - CLIP:
        return Xc, np.eye(Xc.shape[1])
    lam, V = np.linalg.eigh(Xc.T @ Xc)
    lam = np.maximum(lam, CLIP)
    g = alpha + (1 - alpha) * lam ** -0.5
    g = g * np.sqrt(lam.sum() / np.sum(g * g * lam))
    Z = (V * g[None, :]) @ V.T
    return Xc @ Z, Z


def pad(X, Y):
    p = max(X.shape[1], Y.shape[1])
    return np.pad(X, ((0, 0), (0, p - X.shape[1]))), np.pad(Y, ((0, 0), (0, p - Y.shape[1])))


def fit(X, Y, alpha):
    X, Y = pad(X, Y)
    mx, my = X.mean(axis=0), Y.mean(axis=0)
    Xw, Zx = whiten(X - mx, alpha)
    Yw, Zy = whiten(Y - my, alpha)
    U, _, Vt = np.linalg.svd(Xw.T @ Yw)
    return mx, my, Zx @ U, Zy @ Vt.T


def score(model, X, Y):
    mx, my, Wx, Wy = model
    X, Y = pad(X, Y)
    A, B = (X - mx) @ Wx, (Y - my) @ Wy
    c = np.dot(A.ravel(), B.ravel()) / (np.linalg.norm(A.ravel()) * np.linalg.norm(B.ravel()))
    return float(np.arccos(np.clip(c, -1.0, 1.0)))


def main():
    case, folder, alpha = sys.argv[1], sys.argv[2], float(sys.argv[3])
    if case == "pair":
        X, Y = np.load(os.path.join(folder, "X.npy")), np.load(os.path.join(folder, "Y.npy"))
        t0 = time.perf_counter()
        d = score(fit(X, Y, alpha), X, Y)
        print(json.dumps({"seconds": time.perf_counter() - t0, "distance": d}))
        return
    nets = [np.load(f) for f in sorted(glob.glob(os.path.join(folder, "net_*.npy")))]
    K = len(nets)
    t0 = time.perf_counter()
    D = np.zeros((K, K))
    for i in range(K):
        for j in range(i + 1, K):
            D[i, j] = D[j, i] = score(fit(nets[i], nets[j], alpha), nets[i], nets[j])
    seconds = time.perf_counter() - t0
    np.save(os.path.join(folder, "numpy_D.npy"), D)
    print(json.dumps({"seconds": seconds, "sum": float(D.sum())}))


if __name__ == "__main__":
    main()
