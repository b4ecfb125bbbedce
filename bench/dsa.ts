/**
 * DSA benchmark: our pipeline against re-implementations of the reference one
 * (bench/dsa_baseline.py: the same HAVOK DMD and the reference optimiser, Adam on a
 * Cayley-parametrised tanh network, 1500 iterations, two runs) in numpy and, for
 * the 45-pair run, in PyTorch as the reference itself runs; side by side in one
 * run, all on one thread.
 *
 * Run: .tools/deno run -A bench/dsa.ts [--write] [--quick]
 *   --write  replace the "dynamics (DSA)" section of bench/README.md with the tables
 *   --quick  time 5 of the 45 baseline pairs for the pairwise row and extrapolate
 *
 * @module
 */

import { parseArgs } from "node:util";
import process from "node:process";
import { getBackend } from "../lib/linalg/backend.ts";
import type { Matrix } from "../lib/linalg/matrix.ts";
import { writeNpy } from "../lib/io/mod.ts";
import type { ShapedArray } from "../lib/dynamics/data.ts";
import { dsa } from "../lib/dynamics/dsa.ts";
import { fitDmd } from "../lib/dynamics/dmd.ts";
import { distanceFromPrepared, similarityTransformDistance } from "../lib/dynamics/similarity.ts";
import { type PreparedOperator, prepareOperator } from "../lib/dynamics/prepared.ts";
import { structuredStarts as structuredStartList } from "../lib/dynamics/starts.ts";
import { minimizeOnOrthogonal } from "../lib/dynamics/optimize.ts";
import { haarStream } from "../lib/dynamics/orthogonal.ts";
import { mm } from "../lib/dynamics/dense.ts";
import {
  orthogonalConjugate,
  randomStableMatrix,
  simulateLinear,
} from "../lib/dynamics/simulate/linear.ts";
import {
  allPairs,
  BaselineRunner,
  benchmarkSystems,
  DMD_OPTIONS,
  lorenz,
  pythonWithTorch,
  vdp3,
  writeReadmeSection,
} from "./dsa_systems.ts";
import type { BaselineResult } from "./dsa_systems.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { write: { type: "boolean" }, quick: { type: "boolean" } },
});
getBackend().setThreads(1);
const root = new URL("..", import.meta.url).pathname;
const dir = Deno.makeTempDirSync({ prefix: "bench_dsa_" });
// numpy/scipy (and PyTorch) must be importable: PYTHON, else the first python3 on PATH; the 45-pair
// run also times the reference optimiser in PyTorch, the reference's own framework
const runner = new BaselineRunner(dir, await pythonWithTorch("bench/dsa.ts"), root);

/** Angular values of the local minima reached from every structured start and `haarStarts` Haar starts. */
function localMinima(pa: PreparedOperator, pb: PreparedOperator, haarStarts: number): number[] {
  const n = pa.n, QA = pa.schur.Q, QB = pb.schur.Q;
  const starts = structuredStartList(pa.hat, pb.hat, n, {
    basesA: pa.bases,
    basesB: pb.bases,
    schurA: pa.schur,
    schurB: pb.schur,
  }).map((s) => s.C);
  const haar = haarStream(n, 0);
  for (let k = 0; k < haarStarts; k++) starts.push(haar(k % 2 === 0 ? 1 : -1));
  return starts.map((C) => {
    const frame = mm(QA, mm(C, QB, n, n, n), n, n, n, true, false);
    const r = minimizeOnOrthogonal(pa.schur.T, pb.schur.T, frame, n, {
      weights: pb.weights,
      memory: 5,
      maxIterations: 3000,
    });
    return 2 * Math.asin(Math.min(1, Math.sqrt(2 * r.F) / 2));
  });
}

const raw = (x: { data: Float64Array }, shape: number[]) => runner.raw(x, shape);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall and CPU seconds of `repeats` runs after a warm-up run. */
function time<T>(f: () => T, repeats: number): { value: T; seconds: number; cpu: number } {
  let value = f(); // warm-up (JIT, library loading)
  const times: number[] = [], cpus: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now(), c0 = process.cpuUsage();
    value = f();
    const c = process.cpuUsage(c0);
    times.push((performance.now() - t0) / 1000);
    cpus.push((c.user + c.system) / 1e6);
  }
  return { value, seconds: median(times), cpu: median(cpus) };
}

const baseline = (spec: unknown) => runner.run(spec);

const fmt = (x: number, d = 4) => x < 1e-3 && x > 0 ? x.toExponential(1) : x.toFixed(d);
const lines: string[] = [];
const say = (s: string) => {
  console.log(s);
  lines.push(s);
};

// --- 1. whole pipeline on pairs of 2000×3 trajectories, 20 delays, rank 50 -----------------
const dmdOptions = DMD_OPTIONS;
const pipelinePairs: [string, ShapedArray, ShapedArray][] = [
  ["Lorenz ρ=28 vs Lorenz ρ=28 (other start)", lorenz(28, 1), lorenz(28, 2)],
  ["Lorenz ρ=20 vs Lorenz ρ=35", lorenz(20, 3), lorenz(35, 4)],
  ["Lorenz ρ=28 vs Van der Pol μ=1", lorenz(28, 5), vdp3(1, 6)],
];
const base1 = await baseline({
  pairs: pipelinePairs.map(([, X, Y]) => [raw(X, [2000, 3]), raw(Y, [2000, 3])]),
  ...{ n_delays: 20, rank: 50, ridge: 1e-8, iters: 1500, lr: 5e-3, seed: 0, repeats: 1 },
});
say(
  "### Per pair, whole pipeline (two DMDs + angular distance), 2000×3 trajectories, 20 delays, rank 50\n",
);
say(
  "| pair | ours CPU (s) | baseline CPU (s) | speed-up (CPU) | ours wall (s) | baseline wall (s) | speed-up (wall) | ours: angular | baseline: angular | ours ≤ baseline |",
);
say("|---|---:|---:|---:|---:|---:|---:|---:|---:|:-:|");
pipelinePairs.forEach(([name, X, Y], i) => {
  const { value, seconds, cpu } = time(() => dsa(X, Y, dmdOptions), 5);
  const b = base1.pairs[i]!;
  say(
    `| ${name} | ${fmt(cpu)} | ${fmt(b.cpu_seconds, 3)} | ${(b.cpu_seconds / cpu).toFixed(1)}× | ${
      fmt(seconds)
    } | ${fmt(b.seconds, 3)} | ${(b.seconds / seconds).toFixed(1)}× | ${fmt(value.distance, 6)} | ${
      fmt(b.angular, 6)
    } | ${value.distance <= b.angular + 1e-9 ? "yes" : "no"} |`,
  );
});

// --- 2. the optimiser alone on small operators (n ≤ 12) ---------------------------------
const opL = fitDmd(lorenz(28, 7), { nDelays: 4, rank: 12 }).Av;
const opL2 = fitDmd(lorenz(35, 8), { nDelays: 4, rank: 12 }).Av;
const opV = fitDmd(vdp3(1, 9), { nDelays: 2, rank: 6 }).Av;
const opV2 = fitDmd(vdp3(2.5, 10), { nDelays: 2, rank: 6 }).Av;
const conj = orthogonalConjugate(opL, { seed: 11, determinant: -1 }).A;
const flip = {
  rows: 12,
  cols: 12,
  data: opL.data.map((v, k) =>
    v * ((Math.floor(k / 12) % 3 === 0) !== (k % 12 % 3 === 0) ? -1 : 1)
  ),
};
const operatorPairs: [string, Matrix, Matrix][] = [
  ["Lorenz ρ=28 vs ρ=35, n=12", opL, opL2],
  ["Van der Pol μ=1 vs μ=2.5, n=6", opV, opV2],
  ["exact conjugate Q A Qᵀ (det Q = −1), n=12", opL, conj],
  ["SVD sign flips S A S, n=12", opL, flip],
];
const base2 = await baseline({
  pairs: [],
  operator_pairs: operatorPairs.map((
    [, A, B],
  ) => [raw(A, [A.rows, A.cols]), raw(B, [B.rows, B.cols])]),
  ...{ n_delays: 1, rank: 1, ridge: 0, iters: 1500, lr: 5e-3, seed: 0, repeats: 1 },
});
say("\n### Per angular call on small operators (optimiser only)\n");
say(
  "| operators | ours CPU (s) | baseline CPU (s) | speed-up (CPU) | ours: angular | lower bound | baseline: angular | ours ≤ baseline |",
);
say("|---|---:|---:|---:|---:|---:|---:|:-:|");
operatorPairs.forEach(([name, A, B], i) => {
  const { value, cpu } = time(() => similarityTransformDistance(A, B), 9);
  const b = base2.operator_pairs[i]!;
  say(
    `| ${name} | ${fmt(cpu)} | ${fmt(b.cpu_seconds, 3)} | ${(b.cpu_seconds / cpu).toFixed(0)}× | ${
      fmt(value.distance, 6)
    } | ${fmt(value.lowerBound, 6)} | ${fmt(b.angular, 6)} | ${
      value.distance <= b.angular + 1e-9 ? "yes" : "no"
    } |`,
  );
});

// --- 3. dsa-pairwise end to end: 10 systems, 45 pairs --------------------------------------
const systems = benchmarkSystems();
const ranks = systems.map((X) => fitDmd(X, dmdOptions).numericalRank);
if (ranks.some((r) => r < 50)) throw new Error(`numerical Hankel ranks below 50: ${ranks}`);
const npy = systems.map((X, i) => {
  const path = `${dir}/sys${i}.npy`;
  writeNpy(path, X);
  return path;
});
async function cliWall(
  workers: number,
): Promise<{ seconds: number; cpu: number; matrix: number[][] }> {
  const t0 = performance.now();
  const out = await new Deno.Command("bash", {
    args: [
      "-c",
      'TIMEFORMAT="%U %S"; time "$@" 2>/dev/null',
      "bash",
      Deno.execPath(),
      "run",
      "-A",
      `${root}lib/cli/main.ts`,
      "dsa-pairwise",
      ...npy,
      "--n-delays",
      "20",
      "--rank",
      "50",
      "--workers",
      String(workers),
      "--out",
      `${dir}/D${workers}.npy`,
    ],
    env: { OPENBLAS_NUM_THREADS: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const seconds = (performance.now() - t0) / 1000;
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const [user, sys] = new TextDecoder().decode(out.stderr).trim().split(/\s+/).slice(-2).map(
    Number,
  );
  return {
    seconds,
    cpu: user! + sys!,
    matrix: JSON.parse(new TextDecoder().decode(out.stdout)).matrix,
  };
}
const run1 = await cliWall(1), run2 = await cliWall(2);
const pairs45 = allPairs();
const timed = values.quick ? pairs45.filter((_, k) => k % 9 === 0) : pairs45;
const rawSys = systems.map((X) => raw(X, [2000, 3]));
const base3 = await baseline({
  pairs: timed.map(([i, j]) => [rawSys[i], rawSys[j]]),
  ...{ n_delays: 20, rank: 50, ridge: 1e-8, iters: 1500, lr: 5e-3, seed: 0, repeats: 1 },
});
// the same reference procedure in PyTorch, the reference's own framework (float32, autograd)
const base3t = await baseline({
  pairs: timed.map(([i, j]) => [rawSys[i], rawSys[j]]),
  ...{ n_delays: 20, rank: 50, ridge: 1e-8, iters: 1500, lr: 5e-3, seed: 0, repeats: 1 },
  framework: "torch",
});
const scaleUp = pairs45.length / timed.length;
const totals = (b: { pairs: BaselineResult[] }) => ({
  wall: b.pairs.reduce((s, r) => s + r.seconds, 0) * scaleUp,
  cpu: b.pairs.reduce((s, r) => s + r.cpu_seconds, 0) * scaleUp,
});
const numpyTotal = totals(base3), torchTotal = totals(base3t);
/** Compare our angular distances with a baseline's over the timed pairs. */
function compare(ours: (i: number, j: number) => number, ref = base3) {
  let better = 0, worse = 0, gain = 0, worst = 0;
  timed.forEach(([i, j], k) => {
    const d = ours(i, j), r = ref.pairs[k]!.angular;
    if (d <= r + 1e-9) better++;
    else {
      worse++;
      worst = Math.max(worst, (d - r) / r);
    }
    gain += (r - d) / r;
  });
  return { better, worse, gain: gain / timed.length, worst };
}
const quick = compare((i, j) => run1.matrix[i]![j]!);
const quickTorch = compare((i, j) => run1.matrix[i]![j]!, base3t);
// a more thorough search (screening the 10 most promising starts first), in process
const prepared = systems.map((X) => prepareOperator(fitDmd(X, dmdOptions).Av));
const thoroughOptions = { screen: 10 };
const c0 = process.cpuUsage();
const thoroughD = new Map<string, number>();
for (const [i, j] of timed) {
  thoroughD.set(
    `${i},${j}`,
    distanceFromPrepared(prepared[i]!, prepared[j]!, thoroughOptions).distance,
  );
}
const cT = process.cpuUsage(c0);
const thorough = compare((i, j) => thoroughD.get(`${i},${j}`)!);
const thoroughTorch = compare((i, j) => thoroughD.get(`${i},${j}`)!, base3t);
// how the default search ended on these pairs
const stops: Record<string, number> = {};
let randomStarts = 0, structuredStarts = 0, gatedStarts = 0;
for (const [i, j] of timed) {
  const r = distanceFromPrepared(prepared[i]!, prepared[j]!);
  stops[r.stopReason] = (stops[r.stopReason] ?? 0) + 1;
  randomStarts += r.startsByFamily.random;
  structuredStarts += r.startsByFamily.structured;
  gatedStarts += r.startsGated;
}
say(
  "\n### `dsa-pairwise`, 10 systems (5 Lorenz, 5 Van der Pol), 45 pairs, 20 delays, rank 50, end to end\n",
);
say(
  "| run | wall (s) | CPU (s) | wall vs numpy port | CPU vs numpy port | wall vs PyTorch | CPU vs PyTorch |",
);
say("|---|---:|---:|---:|---:|---:|---:|");
for (
  const [name, run] of [["ours, CLI, --workers 1", run1], ["ours, CLI, --workers 2", run2]] as const
) {
  say(
    `| ${name} | ${run.seconds.toFixed(2)} | ${run.cpu.toFixed(2)} | ${
      (numpyTotal.wall / run.seconds).toFixed(1)
    }× | ${(numpyTotal.cpu / run.cpu).toFixed(1)}× | ${
      (torchTotal.wall / run.seconds).toFixed(1)
    }× | ${(torchTotal.cpu / run.cpu).toFixed(1)}× |`,
  );
}
const extrapolated = values.quick ? ` (${timed.length} timed, extrapolated)` : "";
for (const [name, t] of [["numpy port", numpyTotal], ["PyTorch", torchTotal]] as const) {
  say(
    `| reference procedure, ${name}, sequential pairs${extrapolated} | ${t.wall.toFixed(1)} | ${
      t.cpu.toFixed(1)
    } | | | | |`,
  );
}
say(
  `\nObjective against each baseline (seed 0) over ${timed.length} pairs (angular distance, lower is better):\n`,
);
say(
  "| search | CPU, optimiser only (s) | baseline | ours ≤ baseline | ours > baseline | worst relative excess | mean relative improvement |",
);
say("|---|---:|---|---:|---:|---:|---:|");
for (
  const [search, cpu, byBase] of [
    ["default (the CLI runs above)", "—", [["numpy port", quick], ["PyTorch", quickTorch]]],
    [
      `screening: \`${JSON.stringify(thoroughOptions)}\``,
      ((cT.user + cT.system) / 1e6).toFixed(1),
      [["numpy port", thorough], ["PyTorch", thoroughTorch]],
    ],
  ] as const
) {
  for (const [baseName, c] of byBase) {
    say(
      `| ${search} | ${cpu} | ${baseName} | ${c.better} | ${c.worse} | ${
        (100 * c.worst).toFixed(3)
      }% | ${(100 * c.gain).toFixed(1)}% |`,
    );
  }
}
say(
  `\nHow the default search ended (n = 50): ${
    Object.entries(stops).map(([k, v]) => `${k} ${v}`).join(", ")
  }; starts per pair: ${(structuredStarts / timed.length).toFixed(1)} structured, ${
    (randomStarts / timed.length).toFixed(1)
  } random, of which ${(gatedStarts / timed.length).toFixed(1)} given up at the gate.`,
);
// Why a pair can stay above a baseline: at n = 50 the objective has many local minima a few per
// cent apart, and which one the reference's Adam run lands in depends on its random
// initialisation. For each pair where the default search ends above either baseline, run the
// numpy port with 5 more seeds (its spread), and run every structured start and 6 Haar starts to
// convergence, counting the local minima below the lower of the two seed-0 baselines.
const worsePairs = timed.filter(([i, j], k) =>
  run1.matrix[i]![j]! > Math.min(base3.pairs[k]!.angular, base3t.pairs[k]!.angular) + 1e-9
);
let atOrBelowMedian = 0;
if (worsePairs.length > 0) {
  const spread = await Promise.all([1, 2, 3, 4, 5].map((seed) =>
    baseline({
      pairs: worsePairs.map(([i, j]) => [rawSys[i], rawSys[j]]),
      ...{ n_delays: 20, rank: 50, ridge: 1e-8, iters: 1500, lr: 5e-3, seed, repeats: 1 },
    })
  ));
  say(
    "\nPairs above a seed-0 baseline: the numpy port over seeds 0–5, and the local minima reached from every structured start and 6 Haar starts, each run to convergence:\n",
  );
  say(
    "| pair | numpy port, seed 0 | PyTorch, seed 0 | numpy port, seeds 0–5: min / median / max | default search | ours ≤ median of seeds | best of all starts | starts below both seed-0 baselines |",
  );
  say("|---|---:|---:|---|---:|:-:|---:|---:|");
  worsePairs.forEach(([i, j], w) => {
    const k = timed.findIndex(([a, b]) => a === i && b === j);
    const ref = Math.min(base3.pairs[k]!.angular, base3t.pairs[k]!.angular);
    const seeds = [base3.pairs[k]!.angular, ...spread.map((b) => b.pairs[w]!.angular)];
    const sorted = [...seeds].sort((a, b) => a - b);
    const med = 0.5 * (sorted[2]! + sorted[3]!);
    const values = localMinima(prepared[i]!, prepared[j]!, 6);
    const below = values.filter((v) => v <= ref + 1e-9).length;
    const ours = run1.matrix[i]![j]!;
    say(
      `| ${i}–${j} | ${fmt(base3.pairs[k]!.angular, 5)} | ${fmt(base3t.pairs[k]!.angular, 5)} | ${
        fmt(sorted[0]!, 5)
      } / ${fmt(med, 5)} / ${fmt(sorted[5]!, 5)} | ${fmt(ours, 5)} | ${
        ours <= med + 1e-9 ? "yes" : "no"
      } | ${fmt(Math.min(...values), 5)} | ${below} of ${values.length} |`,
    );
    if (ours <= med + 1e-9) atOrBelowMedian++;
  });
  say(
    `\nThe reference's distance on a pair is a random variable: at n = 50 the objective has many local minima a few per cent apart, and which one its Adam run ends in depends on the initial weights (the columns above show the spread). On ${atOrBelowMedian} of these ${worsePairs.length} pairs the default search is at or below the median of the numpy port's six seeds. Being at or below every single run of the reference on every pair would take the best of many local minima on each pair: the last column counts how few of 21 converged starts get there.`,
  );
}
say(
  `\nIdentical matrices with 1 and 2 workers: ${
    JSON.stringify(run1.matrix) === JSON.stringify(run2.matrix) ? "yes" : "no"
  }.`,
);

// --- 4. search quality: default stopping rule against a 100-start search -----------------
/** A_v of a random stable m-dimensional linear system, 2 delays, rank n. */
function delayOperator(m: number, n: number, seed: number, steps = 400): Matrix {
  const X = simulateLinear(randomStableMatrix(m, { seed }), { steps, seed, processNoise: 0.1 });
  return fitDmd(X, { nDelays: 2, rank: n }).Av;
}
const manyStarts = {
  maxStarts: 100,
  minRandomStarts: 1000,
  maxTotalIterations: 1e8,
  score: "euclidean" as const,
  seed: 999,
};
say(
  "\n### Search quality: default search against a 100-start search (euclidean), random delay-embedded linear systems\n",
);
say(
  "| operators | pairs | worst excess over 100 starts | pairs > 1e-6 worse | stop reasons | random starts per pair | CPU default (s) | CPU 100 starts (s) |",
);
say("|---|---:|---:|---:|---|---:|---:|---:|");
const families: [string, [Matrix, Matrix][]][] = [
  [
    "8-D systems, 2 delays, rank 12 (40 pairs)",
    Array.from({ length: 40 }, (_, k) => [
      delayOperator(8, 12, k, 1000),
      delayOperator(8, 12, k + 100, 1000),
    ]),
  ],
  ...[[2, 5], [6, 9], [10, 13], [14, 17], [18, 20]].map(
    ([lo, hi]): [string, [Matrix, Matrix][]] => {
      const pairs: [Matrix, Matrix][] = [];
      for (let n = lo!; n <= hi!; n++) {
        const m = Math.max(1, Math.round((2 * n) / 3));
        for (let k = 0; k < 3; k++) {
          pairs.push([
            delayOperator(m, n, 1000 * n + 10 * k),
            delayOperator(m, n, 1000 * n + 10 * k + 1),
          ]);
        }
      }
      return [`n = ${lo}…${hi}, ⌈2n/3⌉-D systems, 2 delays (3 pairs per n)`, pairs];
    },
  ),
];
for (const [name, pairs] of families) {
  let worst = -Infinity, bad = 0, rnd = 0, cpuD = 0, cpuM = 0;
  const reasons: Record<string, number> = {};
  for (const [A, B] of pairs) {
    let c = process.cpuUsage();
    const d = similarityTransformDistance(A, B, { score: "euclidean" });
    let u = process.cpuUsage(c);
    cpuD += (u.user + u.system) / 1e6;
    c = process.cpuUsage();
    const m = similarityTransformDistance(A, B, manyStarts);
    u = process.cpuUsage(c);
    cpuM += (u.user + u.system) / 1e6;
    worst = Math.max(worst, d.distance - m.distance);
    if (d.distance > m.distance + 1e-6) bad++;
    rnd += d.startsByFamily.random;
    reasons[d.stopReason] = (reasons[d.stopReason] ?? 0) + 1;
  }
  say(
    `| ${name} | ${pairs.length} | ${worst.toExponential(1)} | ${bad} | ${
      Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(", ")
    } | ${(rnd / pairs.length).toFixed(1)} | ${cpuD.toFixed(2)} | ${cpuM.toFixed(2)} |`,
  );
}

if (values.write) {
  const section = `## dynamics (DSA)\n\nGenerated by \`.tools/deno run -A bench/dsa.ts --write\` (${
    new Date().toISOString().slice(0, 10)
  }, ${Deno.build.os}, ${navigator.hardwareConcurrency} logical CPUs, shared with other jobs: timings are noisy). Both sides on one thread (OPENBLAS_NUM_THREADS=1) except \`--workers 2\`. Baseline: \`bench/dsa_baseline.py\`, a numpy/scipy re-implementation of the reference pipeline (HAVOK DMD + the reference optimiser: Adam, lr 5e-3, on C = Cayley(skew(tanh network(X))), 1500 iterations, a second run with indices 0 and 1 swapped). Ours: \`lib/dynamics\` with default options — structured starts (identity, sign flips, eigenbasis and real-Schur alignments, both components of O(n)) refined by Jacobi-preconditioned Riemannian L-BFGS in real Schur frames, then seeded Haar-random starts; the search stops on a lower-bound certificate, or on evidence (at least ⌈4 + n/2⌉ random starts, the best value reached from both families or by two random starts, and a Good–Turing estimate of the unseen-basin mass ≤ 0.2), or after max(min(⌈20000/n⌉, 500), min(200·maxStarts, ⌈2·10⁹/n⁴⌉)) iterations in total (400 at n = 50, where it always ends there). For n > 16 the random starts follow the most promising structured start at once, every later start is given up after 80 iterations unless it is below the best value so far (the gate), the starts explore to a relative value tolerance of 1e-5 and only the best is polished to 1e-8, and the L-BFGS memory is 5. CPU time is reported next to wall time because the machine (2 cores) was shared with other jobs during the run; our CPU time also counts V8's background threads (garbage collector, compiler), so it can exceed wall time. The 45-pair run is also timed against the same optimiser written in PyTorch (\`"framework": "torch"\` in the baseline: float32, three bias-free \`nn.Linear\` layers, the Cayley map through \`torch.linalg.solve\`, both registered with \`torch.nn.utils.parametrize\`, autograd, \`torch.optim.Adam\`, \`torch.set_num_threads(1)\`), which is how the reference implementation runs; the issue measured the reference itself at 117.7 s for these 45 pairs. The numpy port does the same arithmetic with hand-derived gradients and no framework overhead, so it is about 2× faster than PyTorch on these small matrices, and the ratios against it are the stricter ones. Which local minimum the reference's Adam run ends in depends on its random initialisation (the numpy port and PyTorch draw different initial weights from the same distribution), so the comparison of distances is made against both, and, where we end above either, against the numpy port's spread over six seeds.\n\n${
    lines.join("\n")
  }\n`;
  const readme = await writeReadmeSection(root, "## dynamics (DSA)", section);
  console.log(`\nwrote ${readme}`);
}
Deno.removeSync(dir, { recursive: true });
