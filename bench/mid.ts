/**
 * Benchmark: the MID pipeline (train the MLP on 6,000 sprites, features on
 * 2,000 held-out and 2,000 test sprites — 10,000 sprites in all — MID selection,
 * random / MID / oracle last-layer retraining with 10 resamples each, group
 * accuracies) in TypeScript against the same pipeline in numpy + scikit-learn
 * (bench/mid_baseline.py), run side by side on the same data.
 *
 * Run: .tools/deno run -A bench/mid.ts [--repeats 3] [--threads 1]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { getBackend } from "../lib/linalg/backend.ts";
import { matmul } from "../lib/linalg/products.ts";
import type { Matrix } from "../lib/linalg/matrix.ts";
import { randn } from "../lib/random.ts";
import { benchmarkData } from "../lib/activations/benchmark.ts";
import { runMidExperiment } from "../lib/activations/experiment.ts";
import { trainMlp } from "../lib/activations/mlp.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { repeats: { type: "string", default: "3" }, threads: { type: "string", default: "1" } },
});
const repeats = Number(values.repeats), threads = Number(values.threads);
getBackend().setThreads(threads);

function status(): { hwm: number; rss: number } {
  const text = Deno.readTextFileSync("/proc/self/status");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(text)?.[1] ?? NaN);
  return { hwm: kb("VmHWM") / 1024, rss: kb("VmRSS") / 1024 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Data: 10,000 sprites, written once for the Python baseline.
const data = benchmarkData({ data: "sprites", correlation: 0.95 }, 0);
const sets = [data.train, data.heldout, data.test];
const d = data.train.X.cols;
const parts: Uint8Array[] = [
  new Uint8Array(
    Int32Array.from([data.train.X.rows, data.heldout.X.rows, data.test.X.rows, d]).buffer,
  ),
];
for (const s of sets) {
  parts.push(new Uint8Array(s.X.data.slice().buffer));
  parts.push(new Uint8Array(s.labels.slice().buffer));
  parts.push(new Uint8Array(s.attribute.slice().buffer));
}
const file = await Deno.makeTempFile({ suffix: ".bin" });
const total = parts.reduce((a, p) => a + p.length, 0);
const buf = new Uint8Array(total);
let off = 0;
for (const p of parts) {
  buf.set(p, off);
  off += p.length;
}
Deno.writeFileSync(file, buf);

// TypeScript pipeline.
const before = status();
const tsTimes: number[] = [];
let last = null;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  last = runMidExperiment(data, { seed: r, mlp: { hidden: [64], epochs: 20 } });
  tsTimes.push((performance.now() - t0) / 1000);
}
const after = status();
// Phase split: MLP training alone.
const t1 = performance.now();
trainMlp(data.train.X, data.train.labels, { hidden: [64], epochs: 20, seed: 0 });
const trainOnly = (performance.now() - t1) / 1000;

// Python baseline.
const py = new Deno.Command("/usr/bin/python3", {
  args: [new URL("./mid_baseline.py", import.meta.url).pathname, file, String(repeats)],
  env: {
    OPENBLAS_NUM_THREADS: String(threads),
    OMP_NUM_THREADS: String(threads),
    MKL_NUM_THREADS: String(threads),
  },
  stdout: "piped",
  stderr: "piped",
});
const res = await py.output();
Deno.removeSync(file);
if (!res.success) throw new Error(new TextDecoder().decode(res.stderr));
const base = JSON.parse(new TextDecoder().decode(res.stdout));

// FFI gemm against a plain TypeScript loop at the MLP's batch sizes.
function plainMatmul(A: Matrix, B: Matrix, transA: boolean, transB: boolean): Matrix {
  const m = transA ? A.cols : A.rows, k = transA ? A.rows : A.cols, n = transB ? B.rows : B.cols;
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const a = transA ? A.data[p * A.cols + i]! : A.data[i * A.cols + p]!;
      if (a === 0) continue;
      for (let j = 0; j < n; j++) {
        C[i * n + j]! += a * (transB ? B.data[j * B.cols + p]! : B.data[p * B.cols + j]!);
      }
    }
  }
  return { rows: m, cols: n, data: C };
}
const shapes: [string, Matrix, Matrix, boolean, boolean][] = [
  ["X·W1 [64×256]·[256×64]", randn(64, 256, 1), randn(256, 64, 2), false, false],
  ["Xᵀ·δ [64×256]ᵀ·[64×64]", randn(64, 256, 3), randn(64, 64, 4), true, false],
  ["H·W2 [64×64]·[64×2]", randn(64, 64, 5), randn(64, 2, 6), false, false],
  ["δ·W2ᵀ [64×2]·[64×2]ᵀ", randn(64, 2, 7), randn(64, 2, 8), false, true],
];
const gemm = shapes.map(([name, A, B, ta, tb]) => {
  const time = (f: () => unknown) => {
    for (let i = 0; i < 200; i++) f();
    const t0 = performance.now();
    for (let i = 0; i < 2000; i++) f();
    return (performance.now() - t0) / 2000 * 1000;
  };
  return {
    name,
    ffi_us: time(() => matmul(A, B, { transA: ta, transB: tb })),
    plain_us: time(() => plainMatmul(A, B, ta, tb)),
  };
});

const ts = median(tsTimes), pyT = median(base.times_s);
const report = {
  sprites: {
    train: data.train.X.rows,
    heldout: data.heldout.X.rows,
    test: data.test.X.rows,
    pixels: d,
  },
  threads,
  repeats,
  typescript: {
    median_s: ts,
    times_s: tsTimes,
    mlp_training_s: trainOnly,
    peak_rss_mb: after.hwm,
    rss_before_mb: before.rss,
    worst_group: last && Object.fromEntries(
      Object.entries(last.methods).map(([k, v]) => [k, v.worstGroupAccuracy]),
    ),
  },
  numpy_sklearn: {
    median_s: pyT,
    times_s: base.times_s,
    peak_rss_mb: base.peak_rss_mb,
    rss_before_mb: base.rss_before_mb,
    worst_group: Object.fromEntries(
      ["erm", "random", "mid", "oracle"].map((k) => [k, base.last[k][1]]),
    ),
  },
  ratio_ts_over_numpy: ts / pyT,
  gemm_microseconds: gemm,
};
console.log(JSON.stringify(report, null, 2));
console.log(
  `\n| pipeline | median time (s) | peak RSS (MB) |\n|---|---|---|\n| TypeScript (lib/activations) | ${
    ts.toFixed(2)
  } | ${after.hwm.toFixed(0)} |\n| numpy + scikit-learn | ${pyT.toFixed(2)} | ${
    base.peak_rss_mb.toFixed(0)
  } |\n\nratio TS / numpy: ${(ts / pyT).toFixed(2)}`,
);
