/**
 * Spectral-theory benchmark: the full analysis of one layer (spectrum,
 * alignment, theory at 20 values of p, empirical ridge curve with 5 subsets
 * per p) against the same computation in numpy, run side by side on the same
 * data and the same training subsets. Prints a Markdown table of milliseconds
 * per stage and the ratio ours / numpy (< 1: faster than numpy), the median
 * and best per-pair ratio of the totals, and the largest relative difference
 * between the two sides' results. Both sides use the same OpenBLAS with the
 * same number of threads (`--threads`, default 1: the steadiest comparison on
 * a shared machine).
 *
 *   .tools/deno run -A bench/spectral.ts [--P 2000] [--M 4096] [--N 200] [--nps 20]
 *     [--subsets 5] [--ridge 1e-6] [--repeats 3] [--threads 1]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { writeNpy } from "../lib/io/mod.ts";
import { getBackend } from "../lib/linalg/backend.ts";
import { matmul } from "../lib/linalg/products.ts";
import { randn } from "../lib/random.ts";
import { alignDecomposition } from "../lib/spectral/alignment.ts";
import { maybeCenter } from "../lib/spectral/inputs.ts";
import { empiricalValues, trainTestSplit } from "../lib/spectral/learning_curve.ts";
import { spectralDecomposition } from "../lib/spectral/spectrum.ts";
import { theoryValues } from "../lib/spectral/theory.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    P: { type: "string", default: "2000" },
    M: { type: "string", default: "4096" },
    N: { type: "string", default: "200" },
    nps: { type: "string", default: "20" },
    subsets: { type: "string", default: "5" },
    ridge: { type: "string", default: "1e-6" },
    repeats: { type: "string", default: "3" },
    threads: { type: "string", default: "1" },
    python: { type: "string", default: "/usr/bin/python3" },
  },
});
const P = Number(values.P), M = Number(values.M), N = Number(values.N);
const nps = Number(values.nps), subsets = Number(values.subsets);
const ridge = Number(values.ridge), repeats = Number(values.repeats);
const threads = Number(values.threads);
getBackend().setThreads(threads);
const seed = 1;

// power-law features (λ_i ∝ i^-1) and a noisy linear teacher with decaying weights
const X = randn(P, M, 11);
for (let i = 0; i < P; i++) for (let j = 0; j < M; j++) X.data[i * M + j] *= (j + 1) ** -0.5;
const B = randn(M, N, 12);
for (let j = 0; j < M; j++) for (let n = 0; n < N; n++) B.data[j * N + n] *= (j + 1) ** -0.5;
const Y = matmul(X, B);
const noise = randn(P, N, 13);
for (let k = 0; k < Y.data.length; k++) Y.data[k] += 0.3 * noise.data[k]!;

// 20 log-spaced training-set sizes from 10 to P − 10
const ps = [
  ...new Set(
    Array.from({ length: nps }, (_, k) => Math.round(10 * ((P - 10) / 10) ** (k / (nps - 1)))),
  ),
];
const train = ps.map((p) =>
  Array.from({ length: subsets }, (_, j) => Array.from(trainTestSplit(P, p, seed, j).train))
);

const dir = Deno.makeTempDirSync({ prefix: "spectral_bench_" });
writeNpy(`${dir}/X.npy`, X);
writeNpy(`${dir}/Y.npy`, Y);
Deno.writeTextFileSync(`${dir}/subsets.json`, JSON.stringify({ ps, train }));

const STAGES = ["center", "gram_eigh", "alignment", "theory", "empirical", "total"] as const;
type Stage = typeof STAGES[number];
const times: Record<Stage, number[]> = {
  center: [],
  gram_eigh: [],
  alignment: [],
  theory: [],
  empirical: [],
  total: [],
};
type Baseline = {
  numpy: string;
  ms: Record<Stage, number>;
  Eg: number[];
  Dem: number[];
  gen: number[];
  test: number[];
  train: number[];
  testR2: number[][];
};
function numpyRun(): Baseline {
  const py = new Deno.Command(values.python!, {
    args: [
      new URL("./spectral_baseline.py", import.meta.url).pathname,
      dir,
      "--ridge",
      String(ridge),
      "--repeats",
      "1",
    ],
    stdout: "piped",
    stderr: "inherit",
    env: { OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) },
  }).outputSync();
  if (!py.success) throw new Error("numpy baseline failed (are numpy and scipy installed?)");
  return JSON.parse(new TextDecoder().decode(py.stdout)) as Baseline;
}
const numpyTimes: Record<Stage, number[]> = {
  center: [],
  gram_eigh: [],
  alignment: [],
  theory: [],
  empirical: [],
  total: [],
};
let base: Baseline | null = null;

let last: { Eg: number[]; Dem: number[]; gen: number[]; test: number[]; train: number[] } | null =
  null;
let testR2: number[][] = [];
// numpy and ours alternate, one run each per repeat, so both see the same
// background load (the machine is shared); numpy runs in its own process.
for (let r = 0; r < repeats; r++) {
  base = numpyRun();
  for (const s of STAGES) numpyTimes[s].push(base.ms[s]);
  const t = [performance.now()];
  const x = maybeCenter(X, true), y = maybeCenter(Y, true);
  t.push(performance.now());
  const d = spectralDecomposition(x, "eigh");
  t.push(performance.now());
  const a = alignDecomposition(d, y, true, "eigh");
  t.push(performance.now());
  const th = theoryValues(a, { ps, ridge });
  t.push(performance.now());
  const e = empiricalValues(x, y, d.gram, { ps, ridge, subsets, seed });
  t.push(performance.now());
  STAGES.slice(0, 5).forEach((s, k) => times[s].push(t[k + 1]! - t[k]!));
  times.total.push(t[5]! - t[0]!);
  last = {
    Eg: th.Eg,
    Dem: th.Dem,
    gen: e.gen.error,
    test: e.test.error,
    train: e.train.error,
  };
  testR2 = e.test.r2;
}
Deno.removeSync(dir, { recursive: true });

const median = (a: number[]) => [...a].sort((u, v) => u - v)[Math.floor(a.length / 2)]!;
const maxRel = (a: number[], b: number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.max(Math.abs(b[i]!), 1e-300)));
const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const rows = [
  `P = ${P}, M = ${M}, N = ${N}, ${ps.length} values of p (${ps[0]}…${
    ps[ps.length - 1]
  }), ${subsets} subsets per p, ridge ${ridge}; numpy ${
    base!.numpy
  }; ${threads} OpenBLAS thread(s) on both sides, ${navigator.hardwareConcurrency} cores; median of ${repeats} alternating runs (ms)`,
  "",
  "| stage | numpy | ours | ours/numpy |",
  "|---|---|---|---|",
  ...STAGES.map((s) => {
    const ours = median(times[s]);
    const np = median(numpyTimes[s]);
    return `| ${s} | ${fmt(np)} | ${fmt(ours)} | ${(ours / np).toFixed(2)}× |`;
  }),
  "",
  `per-pair ratio of the totals: median ${
    median(times.total.map((t, r) => t / numpyTimes.total[r]!)).toFixed(2)
  }, best ${Math.min(...times.total.map((t, r) => t / numpyTimes.total[r]!)).toFixed(2)}`,
  `largest relative difference ours vs numpy: E_g ${
    maxRel(last!.Eg, base!.Eg).toExponential(1)
  }, D_em ${maxRel(last!.Dem, base!.Dem).toExponential(1)}, empirical gen ${
    maxRel(last!.gen, base!.gen).toExponential(1)
  }, test ${maxRel(last!.test, base!.test).toExponential(1)}, train ${
    maxRel(last!.train, base!.train).toExponential(1)
  }, test R² ${maxRel(testR2.flat(), base!.testR2.flat()).toExponential(1)}`,
];
console.log(rows.join("\n"));
