"""numpy baseline for bench/streaming.ts: linear CKA and the linear shape metric (alpha = 1,
angular) of two float64 .npy files loaded whole into memory.

Usage:
  python3 bench/streaming_baseline.py write DIR ROWS COLS   # DIR/x.npy, DIR/y.npy
  python3 bench/streaming_baseline.py time DIR              # JSON: seconds, values, peak RSS
"""
import json
import sys
import time

import numpy as np


def peak_rss():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    if mode == "write":
        rows, cols = int(sys.argv[3]), int(sys.argv[4])
        rng = np.random.default_rng(1)
        for name, shift in (("x", 3.0), ("y", -1.0)):
            out = np.lib.format.open_memmap(f"{folder}/{name}.npy", mode="w+", dtype="<f8",
                                            shape=(rows, cols))
            mix = rng.standard_normal((cols, cols)) / np.sqrt(cols)
            for a in range(0, rows, 8192):
                b = min(rows, a + 8192)
                out[a:b] = rng.standard_normal((b - a, cols)) @ mix + shift
            out.flush()
            del out
        return
    t0 = time.perf_counter()
    X = np.load(f"{folder}/x.npy")
    Y = np.load(f"{folder}/y.npy")
    Xc = X - X.mean(axis=0)
    Yc = Y - Y.mean(axis=0)
    cka = np.sum((Xc.T @ Yc) ** 2) / np.sqrt(np.sum((Xc.T @ Xc) ** 2) * np.sum((Yc.T @ Yc) ** 2))
    t_cka = time.perf_counter() - t0
    # Procrustes angular distance on the same centred data
    t1 = time.perf_counter()
    nuc = np.linalg.svd(Xc.T @ Yc, compute_uv=False).sum()
    proc = np.arccos(min(1.0, nuc / (np.linalg.norm(Xc) * np.linalg.norm(Yc))))
    t_proc = time.perf_counter() - t1
    print(json.dumps({"numpy": np.__version__, "cka": float(cka), "cka_s": t_cka,
                      "procrustes": float(proc), "procrustes_extra_s": t_proc,
                      "peak": peak_rss()}))


main()
