"""numpy + scikit-learn implementation of the MID pipeline, timed beside bench/mid.ts.

Usage: /usr/bin/python3 bench/mid_baseline.py DATA.bin REPEATS
DATA.bin is written by bench/mid.ts: int32 header (nTrain, nHeldout, nTest, nFeatures),
then for each split float64 X (row-major), int32 labels, int32 attribute.

Same pipeline as lib/activations (runMidExperiment): MLP [d, 64, 2] with ReLU, softmax
cross-entropy, Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8), batch 64, 20 epochs, He-normal
init; penultimate features and logits on held-out and test; MIDs = binary margin within
±10% of the half-range around 0; last-layer retraining by L2 logistic regression (C = 1,
tol 1e-8) on standardised features, balanced to the smallest group, 10 resamples averaged,
for random (classes), MID (class × MID) and oracle (class × attribute); mean and
worst-group accuracy. Prints one JSON line.
"""

import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def read(path):
    raw = open(path, "rb").read()
    n_tr, n_he, n_te, d = np.frombuffer(raw[:16], dtype="<i4")
    off = 16
    out = []
    for n in (n_tr, n_he, n_te):
        X = np.frombuffer(raw[off : off + 8 * n * d], dtype="<f8").reshape(n, d)
        off += 8 * n * d
        y = np.frombuffer(raw[off : off + 4 * n], dtype="<i4")
        off += 4 * n
        a = np.frombuffer(raw[off : off + 4 * n], dtype="<i4")
        off += 4 * n
        out.append((X, y, a))
    return out


def train_mlp(X, y, seed, hidden=64, epochs=20, batch=64, lr=1e-3):
    rng = np.random.default_rng(seed)
    n, d = X.shape
    K = 2
    sizes = [d, hidden, K]
    Ws = [rng.standard_normal((i, o)) * np.sqrt(2.0 / i) for i, o in zip(sizes[:-1], sizes[1:])]
    bs = [np.zeros(o) for o in sizes[1:]]
    params = [p for pair in zip(Ws, bs) for p in pair]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2, eps, t = 0.9, 0.999, 1e-8, 0
    onehot = np.eye(K)[y]
    for _ in range(epochs):
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s : s + batch]
            xb, tb = X[idx], onehot[idx]
            h = np.maximum(xb @ Ws[0] + bs[0], 0)
            z = h @ Ws[1] + bs[1]
            z = z - z.max(axis=1, keepdims=True)
            p = np.exp(z)
            p /= p.sum(axis=1, keepdims=True)
            dz = (p - tb) / len(idx)
            gW1 = h.T @ dz
            gb1 = dz.sum(axis=0)
            dh = (dz @ Ws[1].T) * (h > 0)
            gW0 = xb.T @ dh
            gb0 = dh.sum(axis=0)
            grads = [gW0, gb0, gW1, gb1]
            t += 1
            c1, c2 = 1 - b1**t, 1 - b2**t
            for k in range(4):
                m[k] = b1 * m[k] + (1 - b1) * grads[k]
                v[k] = b2 * v[k] + (1 - b2) * grads[k] ** 2
                params[k] -= lr * (m[k] / c1) / (np.sqrt(v[k] / c2) + eps)
    return params


def forward(params, X):
    W0, b0, W1, b1 = params
    h = np.maximum(X @ W0 + b0, 0)
    return h, h @ W1 + b1


def balanced_retrain(F, y, groups, seed, resamples=10, C=1.0):
    scaler = StandardScaler().fit(F)
    Z = scaler.transform(F)
    rng = np.random.default_rng(seed)
    ids = np.unique(groups)
    members = [np.flatnonzero(groups == g) for g in ids]
    per = min(len(mm) for mm in members)
    coef = np.zeros((1, F.shape[1]))
    icpt = np.zeros(1)
    for _ in range(resamples):
        pick = np.sort(np.concatenate([rng.choice(mm, per, replace=False) for mm in members]))
        lr = LogisticRegression(C=C, tol=1e-8, max_iter=1000).fit(Z[pick], y[pick])
        coef += lr.coef_
        icpt += lr.intercept_
    return scaler, coef / resamples, icpt / resamples


def predict(model, F):
    scaler, coef, icpt = model
    return ((scaler.transform(F) @ coef.T + icpt)[:, 0] > 0).astype(int)


def group_acc(pred, y, a):
    accs = [np.mean(pred[(y == c) & (a == k)] == c) for c in (0, 1) for k in (0, 1)]
    return float(np.mean(pred == y)), float(min(accs))


def pipeline(data, seed):
    (Xtr, ytr, _), (Xhe, yhe, ahe), (Xte, yte, ate) = data
    params = train_mlp(Xtr, ytr, seed)
    Fhe, Zhe = forward(params, Xhe)
    Fte, Zte = forward(params, Xte)
    margin = Zhe[:, 1] - Zhe[:, 0]
    half = (margin.max() - margin.min()) / 2
    is_mid = (np.abs(margin) <= 0.1 * half).astype(int)
    out = {"erm": group_acc(Zte.argmax(axis=1), yte, ate)}
    out["random"] = group_acc(predict(balanced_retrain(Fhe, yhe, yhe, seed), Fte), yte, ate)
    out["mid"] = group_acc(predict(balanced_retrain(Fhe, yhe, 2 * yhe + is_mid, seed), Fte), yte, ate)
    out["oracle"] = group_acc(predict(balanced_retrain(Fhe, yhe, 2 * yhe + ahe, seed), Fte), yte, ate)
    out["mid_count"] = int(is_mid.sum())
    return out


def vm(key):
    # /proc/self/status, in MB. VmHWM resets at exec, unlike ru_maxrss, which a child
    # spawned by the Deno benchmark inherits from the forked parent.
    for line in open("/proc/self/status"):
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    rss0 = vm("VmRSS")
    data = read(path)
    times, result = [], None
    for r in range(repeats):
        t0 = time.perf_counter()
        result = pipeline(data, r)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"times_s": times, "peak_rss_mb": vm("VmHWM"), "rss_before_mb": rss0,
                      "last": result}))


if __name__ == "__main__":
    main()
