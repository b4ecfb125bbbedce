/**
 * Benchmark: linear shape metrics against a numpy baseline that computes them
 * the way the reference Python implementation does (bench/shape_metrics_baseline.py:
 * whiten both networks for every pair, full transforms, sequential pairs), side
 * by side in one run. Single pairs: both sides with single-threaded OpenBLAS.
 * Pairwise: numpy with its default BLAS threading (all cores, as a user runs it)
 * against our Web Workers on all cores (one BLAS thread each).
 *
 * The machine may be shared, so the two implementations alternate and the
 * ratio is the median of the per-repeat ratios.
 *
 * Usage: .tools/deno run -A bench/shape_metrics.ts [--repeats 5] [--pairwise-repeats 2] [--networks 50]
 */

import { parseArgs } from "node:util";
import { writeNpy } from "../lib/io/mod.ts";
import { readMatrix } from "../lib/io/mod.ts";
import { getBackend } from "../lib/linalg/backend.ts";
import type { Matrix } from "../lib/linalg/matrix.ts";
import { linearMetric } from "../lib/metrics/linear.ts";
import { pairwiseDistances } from "../lib/multiset/pairwise.ts";
import { randn } from "../lib/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    repeats: { type: "string" },
    "pairwise-repeats": { type: "string" },
    networks: { type: "string" },
  },
});
const repeats = Number(values.repeats ?? 5);
const pairwiseRepeats = Number(values["pairwise-repeats"] ?? 2);
const K = Number(values.networks ?? 50);
const dir = Deno.makeTempDirSync({ prefix: "shape-bench-" });
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Two networks with shared structure: Y = tanh(X M) + noise. */
function pair(n: number, p: number, seed: number): [Matrix, Matrix] {
  const X = randn(n, p, seed), M = randn(p, p, seed + 1), E = randn(n, p, seed + 2);
  const Y = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += X.data[i * p + k]! * M.data[k * p + j]!;
      Y[i * p + j] = Math.tanh(s / Math.sqrt(p)) + 0.3 * E.data[i * p + j]!;
    }
  }
  return [X, { rows: n, cols: p, data: Y }];
}

function python(args: string[], singleThread: boolean) {
  const env: Record<string, string> = singleThread
    ? { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" }
    : {};
  const out = new Deno.Command("/usr/bin/python3", {
    args: ["bench/shape_metrics_baseline.py", ...args],
    env,
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

interface Row {
  case: string;
  ours: number;
  numpy: number;
  speedup: number;
  target: string;
  agreement: number;
}
const rows: Row[] = [];

function benchPair(n: number, p: number, alpha: number, reps: number) {
  const [X, Y] = pair(n, p, 7 + n + p);
  writeNpy(`${dir}/X.npy`, X);
  writeNpy(`${dir}/Y.npy`, Y);
  getBackend().setThreads(1);
  linearMetric(X, Y, { alpha }); // warm-up
  const ours: number[] = [], np: number[] = [], ratios: number[] = [];
  let d = NaN, dn = NaN;
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    d = linearMetric(X, Y, { alpha });
    ours.push((performance.now() - t0) / 1000);
    const py = python(["pair", dir, String(alpha)], true);
    np.push(py.seconds);
    dn = py.distance;
    ratios.push(py.seconds / ours[r]!);
  }
  rows.push({
    case: `one pair ${n}×${p}, α = ${alpha}`,
    ours: median(ours),
    numpy: median(np),
    speedup: median(ratios),
    target: "≥ 1",
    agreement: Math.abs(d - dn),
  });
}

async function benchPairwise(n: number, p: number, alpha: number, reps: number) {
  const nets = Array.from({ length: K }, (_, k) => pair(n, p, 1000 + 3 * k)[k % 2]!);
  nets.forEach((M, k) => writeNpy(`${dir}/net_${String(k).padStart(3, "0")}.npy`, M));
  const workers = navigator.hardwareConcurrency;
  const ours: number[] = [], single: number[] = [], np: number[] = [], ratios: number[] = [];
  let D: Matrix | null = null;
  for (let r = 0; r < reps; r++) {
    let t0 = performance.now();
    D = (await pairwiseDistances(nets, { alpha, workers })).matrix;
    ours.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    await pairwiseDistances(nets, { alpha, workers: 1 });
    single.push((performance.now() - t0) / 1000);
    const py = python(["pairwise", dir, String(alpha)], false);
    np.push(py.seconds);
    ratios.push(py.seconds / ours[r]!);
  }
  const Dn = readMatrix(`${dir}/numpy_D.npy`);
  let agree = 0;
  for (let k = 0; k < Dn.data.length; k++) {
    agree = Math.max(agree, Math.abs(Dn.data[k]! - D!.data[k]!));
  }
  rows.push({
    case: `pairwise ${K} networks ${n}×${p}, α = ${alpha} (${workers} workers)`,
    ours: median(ours),
    numpy: median(np),
    speedup: median(ratios),
    target: "≥ 3",
    agreement: agree,
  });
  rows.push({
    case: `  same, 1 worker (caching only)`,
    ours: median(single),
    numpy: median(np),
    speedup: median(np) / median(single),
    target: "",
    agreement: agree,
  });
}

for (const alpha of [0, 0.5, 1]) benchPair(1000, 100, alpha, repeats);
benchPair(2000, 500, 0.5, Math.max(1, Math.ceil(repeats / 2)));
await benchPairwise(1000, 100, 0.5, pairwiseRepeats);
Deno.removeSync(dir, { recursive: true });

const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
console.log(
  `| case | ours | numpy (reference procedure) | speed-up (numpy / ours, median of pairs) | target | max |Δ| of distances |`,
);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const r of rows) {
  console.log(
    `| ${r.case} | ${fmt(r.ours)} | ${fmt(r.numpy)} | ${r.speedup.toFixed(2)}× | ${r.target} | ${
      r.agreement.toExponential(1)
    } |`,
  );
}
