"""Baseline for bench/dsa.ts: a numpy/scipy re-implementation of the reference
DSA pipeline (Ostrow et al. 2023, public implementation v2.0) on one thread.

- HAVOK DMD exactly as the spec: delay embedding (newest sample first), thin SVD
  H = V S U^T, rank r, ridge regression in V-coordinates.
- The reference similarity-transform optimiser: C = Cayley(skew(f(X))) where
  f is a bias-free 3-layer tanh network applied to a parameter X initialised to
  the identity (weights initialised like torch.nn.Linear), loss
  ||A - C B C^T||_F^2 on Frobenius-normalised operators, Adam (lr 5e-3,
  torch defaults otherwise) for 1500 iterations, then a second run with rows
  and columns 0 and 1 of B swapped; the run with the lower final loss is kept.
  Gradients are derived by hand (no autograd).

- With "framework": "torch" the optimiser runs in PyTorch instead, as the
  reference does: float32 tensors, three bias-free nn.Linear layers and tanh,
  the Cayley map through torch.linalg.solve, both registered with
  torch.nn.utils.parametrize, MSELoss(reduction="sum"), torch.optim.Adam, and
  autograd (one thread: torch.set_num_threads(1)). The returned C is rounded
  to the nearest orthogonal matrix (polar factor) and scored in float64.

Usage: python3 bench/dsa_baseline.py spec.json  -> JSON on stdout
spec.json: {"pairs": [[X, Y], ...], "n_delays": D, "rank": r,
            "ridge": lam, "iters": 1500, "lr": 0.005, "seed": 0, "repeats": 1,
            "framework": "numpy" | "torch", "operator_pairs": [[A, B], ...]}
"pairs" time the whole pipeline (two DMDs and the optimiser); "operator_pairs"
(optional) time the optimiser alone on given square operators.
Each X is {"path": raw little-endian float64 file, "shape": [time, dims]}. Prints per pair: seconds (wall) and
cpu_seconds (process time), medians over repeats, and the angular distance,
euclidean distance and similarity s.
"""
import json
import sys
import time

import numpy as np
from scipy.linalg import solve


def embed(X, D, k=1):
    T, N = X.shape
    Tp = T - (D - 1) * k
    H = np.empty((Tp, N * D))
    for d in range(D):
        H[:, d * N:(d + 1) * N] = X[(D - 1 - d) * k:(D - 1 - d) * k + Tp]
    return H


def havok_dmd(X, D, rank, ridge):
    H = embed(X, D)
    V, s, Ut = np.linalg.svd(H, full_matrices=False)
    r = min(rank, H.shape[1])
    Vm, Vp = V[:-1, :r], V[1:, :r]
    return np.linalg.solve(Vm.T @ Vm + ridge * np.eye(r), Vm.T @ Vp).T


def reference_optimise(A, B, iters, lr, rng):
    n = A.shape[0]
    I = np.eye(n)
    bound = 1.0 / np.sqrt(n)
    params = [I.copy()] + [rng.uniform(-bound, bound, (n, n)) for _ in range(3)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    loss = np.inf
    for t in range(1, iters + 1):
        X0, W1, W2, W3 = params
        H1 = np.tanh(X0 @ W1.T)
        H2 = np.tanh(H1 @ W2.T)
        Y = H2 @ W3.T
        S = Y - Y.T
        M = I + S
        C = solve(M, I - S)
        R = A - C @ B @ C.T
        loss = float(np.sum(R * R))
        GC = -2.0 * (R @ C @ B.T + R.T @ C @ B)
        GS = -solve(M.T, GC) @ (I + C).T
        GY = GS - GS.T
        GW3 = GY.T @ H2
        GZ2 = (GY @ W3) * (1.0 - H2 * H2)
        GW2 = GZ2.T @ H1
        GZ1 = (GZ2 @ W2) * (1.0 - H1 * H1)
        GW1 = GZ1.T @ X0
        GX0 = GZ1 @ W1
        grads = [GX0, GW1, GW2, GW3]
        for i, g in enumerate(grads):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            mh = m[i] / (1 - b1 ** t)
            vh = v[i] / (1 - b2 ** t)
            params[i] = params[i] - lr * mh / (np.sqrt(vh) + eps)
    X0, W1, W2, W3 = params
    Y = np.tanh(np.tanh(X0 @ W1.T) @ W2.T) @ W3.T
    S = Y - Y.T
    C = solve(I + S, I - S)
    return C, loss


def torch_optimise(A, B, iters, lr):
    """The reference optimiser in PyTorch (float32, autograd, parametrize)."""
    import torch
    from torch import nn
    from torch.nn.utils import parametrize

    n = A.shape[0]

    class SkewNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.first = nn.Linear(n, n, bias=False)
            self.second = nn.Linear(n, n, bias=False)
            self.third = nn.Linear(n, n, bias=False)

        def forward(self, X):
            Y = self.third(torch.tanh(self.second(torch.tanh(self.first(X)))))
            return Y - Y.transpose(-1, -2)

    class Cayley(nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("eye", torch.eye(n))

        def forward(self, S):
            return torch.linalg.solve(self.eye + S, self.eye - S)

    class Conjugate(nn.Module):
        def __init__(self):
            super().__init__()
            self.C = nn.Parameter(torch.eye(n))

        def forward(self, M):
            return self.C @ M @ self.C.transpose(-1, -2)

    model = Conjugate()
    parametrize.register_parametrization(model, "C", SkewNet())
    parametrize.register_parametrization(model, "C", Cayley())
    loss_fn = nn.MSELoss(reduction="sum")
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    At = torch.from_numpy(A).float()
    Bt = torch.from_numpy(B).float()
    loss = np.inf
    for _ in range(iters):
        opt.zero_grad()
        value = loss_fn(At, model(Bt))
        value.backward()
        opt.step()
        loss = value.item()
    C = model.C.detach().double().numpy()
    U, _, Vt = np.linalg.svd(C)
    return U @ Vt, loss


def reference_distance(A, B, iters, lr, seed, framework="numpy"):
    A = A / np.linalg.norm(A)
    B = B / np.linalg.norm(B)
    P = np.eye(B.shape[0])
    if P.shape[0] > 1:
        P[[0, 1], :] = P[[1, 0], :]
    if framework == "torch":
        import torch
        torch.set_num_threads(1)
        torch.manual_seed(seed)
        C1, l1 = torch_optimise(A, B, iters, lr)
        C2, l2 = torch_optimise(A, P @ B @ P.T, iters, lr)
    else:
        rng = np.random.default_rng(seed)
        C1, l1 = reference_optimise(A, B, iters, lr, rng)
        C2, l2 = reference_optimise(A, P @ B @ P.T, iters, lr, rng)
    C = C1 if l1 <= l2 else C2 @ P
    s = float(np.sum(A * (C @ B @ C.T)))
    e = float(np.linalg.norm(A - C @ B @ C.T))
    return {"angular": float(np.arccos(np.clip(s, -1, 1))), "euclidean": e, "similarity": s}


def main():
    spec = json.load(open(sys.argv[1]))
    out = []
    for xp, yp in spec["pairs"]:
        X = np.fromfile(xp["path"], dtype="<f8").reshape(xp["shape"])
        Y = np.fromfile(yp["path"], dtype="<f8").reshape(yp["shape"])
        times, cpu, res = [], [], None
        for _ in range(spec.get("repeats", 1)):
            t0, c0 = time.perf_counter(), time.process_time()
            A = havok_dmd(X, spec["n_delays"], spec["rank"], spec["ridge"])
            B = havok_dmd(Y, spec["n_delays"], spec["rank"], spec["ridge"])
            res = reference_distance(A, B, spec.get("iters", 1500), spec.get("lr", 5e-3), spec.get("seed", 0),
                                     spec.get("framework", "numpy"))
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        res["seconds"] = float(np.median(times))
        res["cpu_seconds"] = float(np.median(cpu))
        out.append(res)
    ops = []
    for ap, bp in spec.get("operator_pairs", []):
        A = np.fromfile(ap["path"], dtype="<f8").reshape(ap["shape"])
        B = np.fromfile(bp["path"], dtype="<f8").reshape(bp["shape"])
        times, cpu, res = [], [], None
        for _ in range(spec.get("repeats", 1)):
            t0, c0 = time.perf_counter(), time.process_time()
            res = reference_distance(A, B, spec.get("iters", 1500), spec.get("lr", 5e-3), spec.get("seed", 0),
                                     spec.get("framework", "numpy"))
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        res["seconds"] = float(np.median(times))
        res["cpu_seconds"] = float(np.median(cpu))
        ops.append(res)
    json.dump({"pairs": out, "operator_pairs": ops}, sys.stdout)


if __name__ == "__main__":
    main()
