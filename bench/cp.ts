/**
 * Benchmark: CP-ALS on a random 100×100×100 tensor, rank 10, a fixed number of sweeps,
 * against numpy running the same algorithm (bench/cp_baseline.py) side by side, both
 * with single-threaded OpenBLAS.
 *
 * Usage: deno run -A bench/cp.ts [--size 100] [--rank 10] [--sweeps 50] [--repeats 5]
 */

import { parseArgs } from "node:util";
import process from "node:process";
import { getBackend } from "../lib/linalg/backend.ts";
import { cpAls } from "../lib/tensor/cp_als.ts";
import { mulberry32, normalSampler } from "../lib/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    size: { type: "string" },
    rank: { type: "string" },
    sweeps: { type: "string" },
    repeats: { type: "string" },
  },
});
const n = Number(values.size ?? 100), R = Number(values.rank ?? 10);
const sweeps = Number(values.sweeps ?? 50), repeats = Number(values.repeats ?? 5);
getBackend().setThreads(1);

const g = normalSampler(mulberry32(1));
const T = {
  shape: [n, n, n] as [number, number, number],
  data: new Float64Array(n ** 3).map(() => g()),
};
/** /usr/bin/python3 when it has numpy, else python3 on PATH (or `$PYTHON`). */
const PYTHON = Deno.env.get("PYTHON") ??
  (new Deno.Command("/usr/bin/python3", { args: ["-c", "import numpy"], stderr: "null" })
      .outputSync().success
    ? "/usr/bin/python3"
    : "python3");
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const python = (which: string, reps: number) => {
  const out = new Deno.Command(PYTHON, {
    args: ["bench/cp_baseline.py", `${n}`, `${n}`, `${n}`, `${R}`, `${sweeps}`, `${reps}`, which],
    env: { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
};
// The machine is shared: alternate the two implementations and compare each pair.
// Wall and CPU time (user + system, this process): the CPU ratio is steadier when other
// work shares the cores.
const ts: number[] = [], np: number[] = [], ratios: number[] = [];
const tsCpu: number[] = [], npCpu: number[] = [], cpuRatios: number[] = [];
let err = NaN, npErr = NaN;
cpAls(T, { rank: R, maxIter: 2, tol: 0 }); // warm-up
for (let r = 0; r < repeats; r++) {
  const c0 = process.cpuUsage(), t0 = performance.now();
  err = cpAls(T, { rank: R, maxIter: sweeps, tol: 0, seed: r }).relativeError;
  ts.push((performance.now() - t0) / 1000);
  const c1 = process.cpuUsage(c0);
  tsCpu.push((c1.user + c1.system) / 1e6);
  const py = python("same", 1);
  np.push(py.same_algorithm_s);
  npCpu.push(py.same_algorithm_cpu_s);
  npErr = py.rel_err;
  ratios.push(ts[r]! / np[r]!);
  cpuRatios.push(tsCpu[r]! / npCpu[r]!);
}
const unfold = python("both", 3).unfold_variant_s;
console.log(JSON.stringify(
  {
    benchmark:
      `CP-ALS ${n}×${n}×${n}, rank ${R}, ${sweeps} sweeps (incl. final canonical form + exact error)`,
    ts_seconds: median(ts),
    numpy_same_algorithm_seconds: median(np),
    numpy_unfold_variant_seconds: unfold,
    ratio_median_of_pairs: median(ratios),
    ratio_min_of_pairs: Math.min(...ratios),
    ts_cpu_seconds: median(tsCpu),
    numpy_same_algorithm_cpu_seconds: median(npCpu),
    cpu_ratio_median_of_pairs: median(cpuRatios),
    cpu_ratio_min_of_pairs: Math.min(...cpuRatios),
    ratio_vs_unfold_variant: median(ts) / unfold,
    ts_relative_error: err,
    numpy_relative_error: npErr,
  },
  null,
  2,
));
