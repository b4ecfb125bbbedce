"""numpy baseline for bench/linalg.ts: times the same operations on the same kind of inputs.

Usage: /usr/bin/python3 bench/linalg_baseline.py --sizes 200,500 --ops gemm,svd --repeats 3
Prints JSON {"numpy": version, "results": [{"op", "n", "ms"}]} (median of repeats after one warm-up).
"""
import argparse
import json
import time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="200,500")
    ap.add_argument("--ops", default="gemm,svd,eigh,eig,cholesky,lstsq")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    rng = np.random.default_rng(1)
    results = []
    for op in args.ops.split(","):
        for n in [int(s) for s in args.sizes.split(",")]:
            A = rng.uniform(-1, 1, (n, n))
            B = rng.uniform(-1, 1, (n, n))
            S = A.T @ A + n * np.eye(n)
            run = {
                "gemm": lambda: A @ B,
                "svd": lambda: np.linalg.svd(A, full_matrices=False),
                "eigh": lambda: np.linalg.eigh(S),
                "eig": lambda: np.linalg.eig(A),
                "cholesky": lambda: np.linalg.cholesky(S),
                "lstsq": lambda: np.linalg.lstsq(A, B, rcond=None),
            }[op]
            run()
            times = []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                run()
                times.append((time.perf_counter() - t0) * 1e3)
            times.sort()
            results.append({"op": op, "n": n, "ms": times[len(times) // 2]})
    print(json.dumps({"numpy": np.__version__, "results": results}))


if __name__ == "__main__":
    main()
