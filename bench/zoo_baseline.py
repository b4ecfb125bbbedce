"""numpy baseline for bench/zoo.ts: every measure of the zoo on one pair, written
in idiomatic, vectorised numpy from the issue's formulas (dense n×n masks where
that is the natural numpy form; scipy/POT only for the exact transport).

Usage: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/zoo_baseline.py DIR REPEATS K
  DIR/X.npy, DIR/Y.npy, DIR/Yn.npy (a narrower Y for the unequal-width soft match)
Prints JSON {measure: {"seconds": [wall time of each repeat], "value": result}}.
"""
import json
import os
import sys
import time

import numpy as np
import ot


def unit_rows(X):
    return X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-12)


def knn(X, k):
    U = unit_rows(X)
    S = U @ U.T
    keys = np.floor(S * 2.0**40 + 0.5)
    np.fill_diagonal(keys, -np.inf)
    idx = np.argsort(-keys, axis=1, kind="stable")[:, :k]
    return S, idx


def masks(X, Y, k):
    n = X.shape[0]
    SX, ix = knn(X, k)
    SY, iy = knn(Y, k)
    rows = np.arange(n)[:, None]
    RX = np.zeros((n, n))
    RY = np.zeros((n, n))
    RX[rows, ix] = np.arange(1, k + 1)
    RY[rows, iy] = np.arange(1, k + 1)
    return SX, SY, RX, RY


def mutual_knn(X, Y, k):
    _, _, RX, RY = masks(X, Y, k)
    return float(((RX > 0) & (RY > 0)).sum() / (X.shape[0] * k))


def jaccard_knn(X, Y, k):
    _, _, RX, RY = masks(X, Y, k)
    inter = ((RX > 0) & (RY > 0)).sum(1)
    return float(np.mean(inter / (2 * k - inter)))


def rank_similarity(X, Y, k):
    _, _, RX, RY = masks(X, Y, k)
    J = (RX > 0) & (RY > 0)
    w = np.where(J, 2 / ((1 + np.abs(RX - RY)) * np.maximum(RX + RY, 1)), 0).sum(1)
    H = np.concatenate([[1.0], np.cumsum(1 / np.arange(1, k + 1))])
    c = J.sum(1)
    return float(np.mean(np.where(c > 0, w / H[c], 0)))


def second_order_cosine(X, Y, k):
    SX, SY, RX, RY = masks(X, Y, k)
    U = (RX > 0) | (RY > 0)
    DX, DY = np.where(U, 1 - SX, 0), np.where(U, 1 - SY, 0)
    return float(np.mean((DX * DY).sum(1) / np.sqrt((DX * DX).sum(1) * (DY * DY).sum(1))))


def hsic_u(A, B):
    n = A.shape[0]
    tr = np.sum(A * B.T)
    return (tr + A.sum() * B.sum() / ((n - 1) * (n - 2)) - 2 * (A.sum(0) @ B.sum(1)) / (n - 2)) / (n * (n - 3))


def cknna(X, Y, k):
    SX, SY, RX, RY = masks(X, Y, k)
    MX, MY = (RX > 0), (RY > 0)
    M = MX & MY
    return float(hsic_u(M * SX, M * SY) / np.sqrt(hsic_u(MX * SX, MX * SX) * hsic_u(MY * SY, MY * SY)))


def svcca(X, Y):
    def basis(Z):
        U, s, _ = np.linalg.svd(Z - Z.mean(0), full_matrices=False)
        c = np.cumsum(s**2)
        return U[:, : int(np.argmax(c >= 0.99 * c[-1])) + 1]

    A, B = basis(X), basis(Y)
    rho = np.linalg.svd(A.T @ B, compute_uv=False)
    return float(np.mean(np.clip(rho[: min(A.shape[1], B.shape[1])], 0, 1)))


def inv_sqrt(C):
    lam, V = np.linalg.eigh(C)
    return (V / np.sqrt(lam)) @ V.T


def pwcca(X, Y):
    A, B = X - X.mean(0), Y - Y.mean(0)
    if B.shape[1] < A.shape[1]:
        A, B = B, A
    M = inv_sqrt(A.T @ A) @ (A.T @ B) @ inv_sqrt(B.T @ B)
    U, rho, _ = np.linalg.svd(M)
    P, _ = np.linalg.qr(A @ U)
    alpha = np.abs(P.T @ A).sum(1)
    return float(np.sum(alpha / alpha.sum() * rho[: A.shape[1]]))


def dcor(X, Y):
    def dc(Z):
        Z = Z - Z.mean(0)
        r = (Z * Z).sum(1)
        D = np.sqrt(np.maximum(r[:, None] + r[None, :] - 2 * Z @ Z.T, 0))
        return D - D.mean(0, keepdims=True) - D.mean(1, keepdims=True) + D.mean()

    A, B = dc(X), dc(Y)
    return float(np.sqrt(np.mean(A * B) / np.sqrt(np.mean(A * A) * np.mean(B * B))))


def eigenspace_overlap(X, Y):
    def basis(Z):
        U, s, _ = np.linalg.svd(Z, full_matrices=False)
        return U[:, : int(np.sum(s > s[0] * max(Z.shape) * np.finfo(float).eps))]

    return float(np.sum((basis(X).T @ basis(Y)) ** 2) / max(X.shape[1], Y.shape[1]))


def procrustes_sq(X, Y):
    Xc, Yc = X - X.mean(0), Y - Y.mean(0)
    return float(max(np.sum(Xc**2) + np.sum(Yc**2) - 2 * np.linalg.norm(Xc.T @ Yc, "nuc"), 0))


def linreg_r2(X, Y):
    Xc, Yc = X - X.mean(0), Y - Y.mean(0)
    Q, _ = np.linalg.qr(Yc)
    return float(np.sum((Q.T @ Xc) ** 2) / np.sum(Xc**2))


def soft_match(X, Y):
    x = X / np.maximum(np.linalg.norm(X, axis=0), 1e-12)
    y = Y / np.maximum(np.linalg.norm(Y, axis=0), 1e-12)
    C = np.maximum((x * x).sum(0)[:, None] + (y * y).sum(0)[None, :] - 2 * x.T @ y, 0)
    px, py = X.shape[1], Y.shape[1]
    P = ot.emd(np.full(px, 1 / px), np.full(py, 1 / py), C)
    return float(np.sqrt(max(np.sum(P * C), 0)))


def magnitude_diff(X, Y):
    return abs(float(np.linalg.norm(X.mean(0)) - np.linalg.norm(Y.mean(0))))


def concentricity_diff(X, Y):
    def c(Z):
        m = Z.mean(0)
        return np.mean((Z @ m) / (np.maximum(np.linalg.norm(Z, axis=1), 1e-12) * max(np.linalg.norm(m), 1e-12)))

    return abs(float(c(X) - c(Y)))


def uniformity_diff(X, Y):
    def u(Z):
        r = (Z * Z).sum(1)
        D2 = np.maximum(r[:, None] + r[None, :] - 2 * Z @ Z.T, 0)
        np.fill_diagonal(D2, 0)
        return np.log(np.exp(-2 * D2).sum() / Z.shape[0] ** 2)

    return abs(float(u(X) - u(Y)))


def main():
    folder, repeats, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    X, Y, Yn = (np.load(os.path.join(folder, f)) for f in ("X.npy", "Y.npy", "Yn.npy"))
    measures = {
        "mutual-knn": lambda: mutual_knn(X, Y, k),
        "jaccard-knn": lambda: jaccard_knn(X, Y, k),
        "rank-similarity": lambda: rank_similarity(X, Y, k),
        "second-order-cosine": lambda: second_order_cosine(X, Y, k),
        "cknna": lambda: cknna(X, Y, k),
        "svcca": lambda: svcca(X, Y),
        "pwcca": lambda: pwcca(X, Y),
        "dcor": lambda: dcor(X, Y),
        "eigenspace-overlap": lambda: eigenspace_overlap(X, Y),
        "procrustes-sq": lambda: procrustes_sq(X, Y),
        "linreg-r2": lambda: linreg_r2(X, Y),
        "soft-match": lambda: soft_match(X, Y),
        "soft-match (100 vs 70 units)": lambda: soft_match(X, Yn),
        "magnitude-diff": lambda: magnitude_diff(X, Y),
        "concentricity-diff": lambda: concentricity_diff(X, Y),
        "uniformity-diff": lambda: uniformity_diff(X, Y),
    }
    out = {}
    for name, f in measures.items():
        f()  # warm-up
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            v = f()
            times.append(time.perf_counter() - t0)
        out[name] = {"seconds": times, "value": v}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
