"""numpy/h5py baseline for bench/io.ts: loading a float64 matrix from .npy and HDF5.

Usage:
  /usr/bin/python3 bench/io_baseline.py write DIR ROWS COLS   # writes DIR/m.npy, DIR/m_cols.f64 and DIR/m.h5
  /usr/bin/python3 bench/io_baseline.py time DIR REPEATS [--no-peak]
      # JSON per format: median ms, every wall and CPU (user + system) time in ms,
      # and peak memory (left out with --no-peak)

pyarrow is not available on Debian bookworm, so there is no pyarrow timing: bench/io.ts
compares its Arrow load against numpy's .npy load of the same matrix.
Peak memory: Linux VmHWM growth during one load (reset through /proc/self/clear_refs).
"""
import gc
import json
import sys
import time

import numpy as np

try:
    import h5py
except ImportError:  # the HDF5 row is then left out
    h5py = None


def rss_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(field)


def peak_bytes(fn):
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = rss_kib("VmRSS")
    out = fn()
    extra = (rss_kib("VmHWM") - before) * 1024
    del out
    gc.collect()
    return extra


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    if mode == "write":
        rows, cols = int(sys.argv[3]), int(sys.argv[4])
        X = np.random.default_rng(1).standard_normal((rows, cols))
        np.save(f"{folder}/m.npy", X)
        X.T.tofile(f"{folder}/m_cols.f64")  # column-major bytes, as an Arrow column per feature holds them
        if h5py is not None:
            with h5py.File(f"{folder}/m.h5", "w") as f:
                f["X"] = X
        print(json.dumps({"sum": float(X.sum())}))
        return
    repeats = int(sys.argv[3])
    peak = len(sys.argv) <= 4 or sys.argv[4] != "--no-peak"

    def h5():
        with h5py.File(f"{folder}/m.h5", "r") as f:
            return f["X"][()]

    shape = np.load(f"{folder}/m.npy", mmap_mode="r").shape

    def cols():
        # what a column-per-feature table costs numpy: read the columns, transpose into C order
        flat = np.fromfile(f"{folder}/m_cols.f64", dtype="<f8")
        return np.ascontiguousarray(flat.reshape(shape[1], shape[0]).T)

    loaders = {"npy": lambda: np.load(f"{folder}/m.npy"), "npy_transpose": cols}
    if h5py is not None:
        loaders["hdf5"] = h5
    out = {"numpy": np.__version__, "h5py": h5py and h5py.__version__, "results": {}}
    for name, fn in loaders.items():
        fn()  # warm the page cache
        times, cpu = [], []
        for _ in range(repeats):
            c0, t0 = time.process_time(), time.perf_counter()
            x = fn()
            times.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
            del x
        out["results"][name] = {
            "ms": sorted(times)[len(times) // 2],
            "times": times,
            "cpu": cpu,
            "peak": peak_bytes(fn) if peak else None,
        }
    print(json.dumps(out))


main()
