"""Baseline for bench/subspace_resample.ts: the trial bootstrap of subspace DMDc written as the
obvious numpy loop, one full N4SID-style fit per draw on the stacked resampled trials (block
Hankel rows [U_f | U_p | Y_p | Y_f], reduced QR, oblique projection L32 L22^+ [L21 L22], SVD
order, states from Q, ridge least squares on unit-RMS regressors), the algorithm of
lib/dynamics/subspace_dmdc.ts written independently.

Usage: python3 bench/subspace_resample_baseline.py spec.json -> JSON on stdout
spec.json: {"y": raw float64 [K, T, q], "u": raw float64 [K, T, m], "shape_y", "shape_u",
            "n_delays": p, "rank": n, "ridge": 1e-8, "draws": [[trial, ...], ...]}
Prints {"seconds_per_draw": median wall time of one draw's fit,
        "eigenvalues": [[re..., im...] sorted, per draw]}.
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def hankel_rows(y, u, p, f):
    """One row per Hankel column t: [u_{t+p..t+p+f-1}, u_{t..t+p-1}, y_{t..t+p-1}, y_{t+p..}]."""
    T = y.shape[0]
    cols = T - p - f + 1
    wu = sliding_window_view(u, p + f, axis=0)  # [T-p-f+1, m, p+f]
    wy = sliding_window_view(y, p + f, axis=0)
    uf = wu[:cols, :, p:].transpose(0, 2, 1).reshape(cols, -1)
    up = wu[:cols, :, :p].transpose(0, 2, 1).reshape(cols, -1)
    yp = wy[:cols, :, :p].transpose(0, 2, 1).reshape(cols, -1)
    yf = wy[:cols, :, p:].transpose(0, 2, 1).reshape(cols, -1)
    return np.hstack([uf, up, yp, yf])


def ridge_lstsq(Z, T, ridge):
    rows, k = Z.shape
    rms = np.sqrt(np.mean(Z ** 2, axis=0))
    rms[rms == 0] = 1
    Za = np.vstack([Z / rms, np.sqrt(ridge * rows) * np.eye(k)])
    Ta = np.vstack([T, np.zeros((k, T.shape[1]))])
    W = np.linalg.lstsq(Za, Ta, rcond=None)[0]
    return W / rms[:, None]


def fit(ys, us, p, f, n, ridge):
    q, m = ys[0].shape[1], us[0].shape[1]
    a, b = f * m, p * (m + q)
    blocks = [hankel_rows(y, u, p, f) for y, u in zip(ys, us)]
    H = np.vstack(blocks)
    Q, R = np.linalg.qr(H)
    L = R.T
    L22, L32, Lw = L[a:a + b, a:a + b], L[a + b:, a:a + b], L[a:a + b, :a + b]
    M = L32 @ np.linalg.pinv(L22, rcond=1e-12) @ Lw
    _, s, Vt = np.linalg.svd(M, full_matrices=False)
    X = Q[:, :a + b] @ (Vt[:n].T * np.sqrt(s[:n]))
    Zs, Ts = [], []
    row = 0
    for blk in blocks:
        c = blk.shape[0]
        x, uu = X[row:row + c], blk[:, :m]
        Zs.append(np.hstack([x[:-1], uu[:-1]]))
        Ts.append(x[1:])
        row += c
    W = ridge_lstsq(np.vstack(Zs), np.vstack(Ts), ridge)
    A = W[:n].T
    ev = np.linalg.eigvals(A)
    ev = sorted(ev, key=lambda z: (round(z.real, 9), z.imag))
    return [float(z.real) for z in ev] + [float(z.imag) for z in ev]


def main():
    spec = json.load(open(sys.argv[1]))
    Y = np.fromfile(spec["y"], dtype="<f8").reshape(spec["shape_y"])
    U = np.fromfile(spec["u"], dtype="<f8").reshape(spec["shape_u"])
    p, n, ridge = spec["n_delays"], spec["rank"], spec["ridge"]
    times, eigs = [], []
    fit([Y[0], Y[1]], [U[0], U[1]], p, p, n, ridge)  # warm-up
    for draw in spec["draws"]:
        t0 = time.perf_counter()
        eigs.append(fit([Y[k] for k in draw], [U[k] for k in draw], p, p, n, ridge))
        times.append(time.perf_counter() - t0)
    print(json.dumps({"seconds_per_draw": float(np.median(times)), "eigenvalues": eigs}))


main()
