/**
 * DMD sweep benchmark: `sweepDmd` (one SVD per number of delays, all ranks from
 * leading blocks of one Gram matrix) against bench/dmd_sweep_baseline.py, the
 * obvious numpy loop of one full fit per (nDelays, rank) cell, both on one
 * thread, same data and grid; prints the times, their ratio and the largest
 * difference between the two sides' scores.
 *
 * Run: .tools/deno run -A bench/dmd_sweep.ts [--repeats 5]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { getBackend } from "../lib/linalg/backend.ts";
import { sweepDmd } from "../lib/dynamics/sweep.ts";
import { simulateLorenz } from "../lib/dynamics/simulate/lorenz.ts";

const { values } = parseArgs({ args: Deno.args, options: { repeats: { type: "string" } } });
const repeats = Number(values.repeats ?? 5);
getBackend().setThreads(1);
const PYTHON = Deno.env.get("PYTHON") ?? "python3";
const root = new URL("..", import.meta.url).pathname;
const dir = Deno.makeTempDirSync({ prefix: "bench_sweep_" });

const T = 4000;
const X = simulateLorenz({ steps: T, seed: 1, observationNoise: 0.05 });
const data = { shape: [T, 3], data: X.data.slice(0, T * 3) };
const grids: [number[], number[]][] = [
  [[5, 10, 20], [10, 20, 50]],
  [[2, 5, 10, 20, 30], [5, 10, 20, 30, 40, 50, 60]],
];
console.log(
  "| grid (nDelays × ranks) | cells | ours (s) | numpy loop (s) | speed-up | max |Δ| MASE | max |Δ| R² |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const [nDelays, ranks] of grids) {
  Deno.writeFileSync(`${dir}/x.bin`, new Uint8Array(data.data.buffer));
  Deno.writeTextFileSync(
    `${dir}/spec.json`,
    JSON.stringify({
      path: `${dir}/x.bin`,
      shape: [T, 3],
      n_delays: nDelays,
      ranks,
      ridge: 1e-8,
      test_fraction: 0.2,
      repeats,
    }),
  );
  const opts = { nDelays, ranks };
  let result = sweepDmd(data, opts); // warm-up
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const t0 = performance.now();
    result = sweepDmd(data, opts);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const ours = times[Math.floor(times.length / 2)]!;
  const out = await new Deno.Command(PYTHON, {
    args: [`${root}bench/dmd_sweep_baseline.py`, `${dir}/spec.json`],
    env: { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const base = JSON.parse(new TextDecoder().decode(out.stdout));
  let dMase = 0, dR2 = 0;
  result.cells.forEach((c, k) => {
    dMase = Math.max(dMase, Math.abs(c.mase - base.cells[k].mase));
    dR2 = Math.max(dR2, Math.abs(c.r2 - base.cells[k].r2));
  });
  console.log(
    `| ${nDelays.join(",")} × ${ranks.join(",")} | ${result.cells.length} | ${ours.toFixed(3)} | ${
      base.seconds.toFixed(3)
    } | ${(base.seconds / ours).toFixed(1)}× | ${dMase.toExponential(1)} | ${
      dR2.toExponential(1)
    } |`,
  );
}
Deno.removeSync(dir, { recursive: true });
