/**
 * Trial-bootstrap benchmark of subspace DMDc (the refit behind `input-dsa --bootstrap`):
 * per draw, `refitSubspaceTrials` from per-trial statistics computed once, against a full
 * `fitSubspaceDmdc` on the stacked resampled trials (ours) and against
 * bench/subspace_resample_baseline.py, the same full fit per draw in numpy; one thread on
 * both sides, same data and draws. Prints the per-draw times, the speed-ups and the largest
 * difference between the eigenvalues of A from our refit and from numpy's full fit.
 *
 * Run: .tools/deno run -A bench/subspace_resample.ts [--draws 20]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { getBackend } from "../lib/linalg/backend.ts";
import { fitSubspaceDmdc } from "../lib/dynamics/subspace_dmdc.ts";
import { refitSubspaceTrials, subspaceTrialStatistics } from "../lib/dynamics/subspace_resample.ts";
import { simulateDriven } from "../lib/dynamics/simulate/driven.ts";
import { bootstrapDraw, drawRng } from "../lib/inference/resample.ts";
import { mulberry32, normalSampler } from "../lib/random.ts";

const { values } = parseArgs({ args: Deno.args, options: { draws: { type: "string" } } });
const draws = Number(values.draws ?? 20);
getBackend().setThreads(1);
const PYTHON = Deno.env.get("PYTHON") ?? "python3";
const root = new URL("..", import.meta.url).pathname;
const dir = Deno.makeTempDirSync({ prefix: "bench_subspace_resample_" });

const median = (x: number[]) => x.slice().sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
type Shaped = { shape: readonly number[]; data: Float64Array };
const take = (X: Shaped, d: Int32Array): Shaped => {
  const [, T, N] = X.shape as [number, number, number];
  const out = new Float64Array(d.length * T * N);
  d.forEach((k, i) => out.set(X.data.subarray(k * T * N, (k + 1) * T * N), i * T * N));
  return { shape: [d.length, T, N], data: out };
};
const sortedEigs = (e: { re: Float64Array; im: Float64Array }) => {
  const z = Array.from(e.re, (re, k) => [re, e.im[k]!] as const)
    .sort((a, b) => Math.abs(a[0] - b[0]) > 1e-9 ? a[0] - b[0] : a[1] - b[1]);
  return [...z.map((v) => v[0]), ...z.map((v) => v[1])];
};

console.log(
  "| trials × steps | stats once (s) | refit / draw (ms) | full fit / draw, ours (ms) | numpy full fit / draw (ms) | vs ours | vs numpy | max |Δλ| |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const [K, T] of [[40, 300], [40, 1000], [100, 300]] as const) {
  const g = normalSampler(mulberry32(K + T));
  const U = { shape: [K, T, 2], data: Float64Array.from({ length: K * T * 2 }, g) };
  const Y = simulateDriven(
    {
      A: [[0.9, 0.2, 0], [-0.2, 0.9, 0.1], [0, 0, 0.5]],
      B: [[1, 0], [0, 1], [0.5, 0]],
      C: [[1, 0, 0.3], [0, 1, -1]],
    },
    U,
    { processNoise: 0.1, observationNoise: 0.05, seed: 2 },
  );
  const options = { nDelays: 5, rank: 3 };
  const plan = Array.from({ length: draws }, (_, k) => bootstrapDraw(K, drawRng(1, k)));
  let t0 = performance.now();
  const stats = subspaceTrialStatistics(Y, U, options);
  const tStats = (performance.now() - t0) / 1000;
  refitSubspaceTrials(stats, plan[0]!); // warm-up
  const refit: number[] = [], full: number[] = [], eigs: number[][] = [];
  for (const d of plan) {
    t0 = performance.now();
    const r = refitSubspaceTrials(stats, d);
    refit.push(performance.now() - t0);
    eigs.push(sortedEigs(r.eigenvalues));
    const y = take(Y, d), u = take(U, d);
    t0 = performance.now();
    fitSubspaceDmdc(y, u, options);
    full.push(performance.now() - t0);
  }
  Deno.writeFileSync(`${dir}/y.bin`, new Uint8Array(Y.data.buffer));
  Deno.writeFileSync(`${dir}/u.bin`, new Uint8Array(U.data.buffer));
  Deno.writeTextFileSync(
    `${dir}/spec.json`,
    JSON.stringify({
      y: `${dir}/y.bin`,
      u: `${dir}/u.bin`,
      shape_y: Y.shape,
      shape_u: U.shape,
      n_delays: 5,
      rank: 3,
      ridge: 1e-8,
      draws: plan.map((d) => Array.from(d)),
    }),
  );
  const out = await new Deno.Command(PYTHON, {
    args: [`${root}bench/subspace_resample_baseline.py`, `${dir}/spec.json`],
    env: { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const base = JSON.parse(new TextDecoder().decode(out.stdout));
  let dEig = 0;
  eigs.forEach((e, k) =>
    e.forEach((v, i) => dEig = Math.max(dEig, Math.abs(v - base.eigenvalues[k][i])))
  );
  const ms = median(refit), fullMs = median(full), npMs = 1000 * base.seconds_per_draw;
  console.log(
    `| ${K} × ${T} | ${tStats.toFixed(3)} | ${ms.toFixed(1)} | ${fullMs.toFixed(1)} | ${
      npMs.toFixed(1)
    } | ${(fullMs / ms).toFixed(1)}× | ${(npMs / ms).toFixed(1)}× | ${dEig.toExponential(1)} |`,
  );
}
