/**
 * Benchmark: every measure of the zoo on one 1000 × 100 pair, side by side with a
 * vectorised numpy implementation of the same formula (bench/zoo_baseline.py).
 * Both sides use single-threaded OpenBLAS (LAPACK backend here). Times are medians
 * over repeats of the one-call function (both networks prepared, then compared);
 * the ratio is ours / numpy (target ≤ 1).
 *
 * Usage: .tools/deno run -A bench/zoo.ts [--repeats 5] [--k 10]
 */

import { parseArgs } from "node:util";
import { writeNpy } from "../lib/io/mod.ts";
import { getBackend } from "../lib/linalg/backend.ts";
import type { Matrix } from "../lib/linalg/matrix.ts";
import {
  cknna,
  concentricityDiff,
  distanceCorrelation,
  eigenspaceOverlap,
  jaccardKnn,
  linregR2,
  magnitudeDiff,
  mutualKnn,
  procrustesSq,
  pwcca,
  rankSimilarity,
  secondOrderCosine,
  softMatchDistance,
  svcca,
  uniformityDiff,
} from "../lib/metrics/mod.ts";
import { randn } from "../lib/random.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { repeats: { type: "string" }, k: { type: "string" } },
});
const repeats = Number(values.repeats ?? 5);
const k = Number(values.k ?? 10);
const n = 1000, p = 100;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Y = tanh(X M / √p) + 0.3 noise, with `q` columns. */
function related(X: Matrix, q: number, seed: number): Matrix {
  const M = randn(p, q, seed), E = randn(n, q, seed + 1);
  const Y = new Float64Array(n * q);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < q; j++) {
      let s = 0;
      for (let t = 0; t < p; t++) s += X.data[i * p + t]! * M.data[t * q + j]!;
      Y[i * q + j] = Math.tanh(s / Math.sqrt(p)) + 0.3 * E.data[i * q + j]!;
    }
  }
  return { rows: n, cols: q, data: Y };
}

const X = randn(n, p, 1);
const Y = related(X, p, 2), Yn = related(X, 70, 4);
const dir = Deno.makeTempDirSync({ prefix: "zoo-bench-" });
writeNpy(`${dir}/X.npy`, X);
writeNpy(`${dir}/Y.npy`, Y);
writeNpy(`${dir}/Yn.npy`, Yn);

const measures: Record<string, () => number> = {
  "mutual-knn": () => mutualKnn(X, Y, { k }),
  "jaccard-knn": () => jaccardKnn(X, Y, { k }),
  "rank-similarity": () => rankSimilarity(X, Y, { k }),
  "second-order-cosine": () => secondOrderCosine(X, Y, { k }),
  "cknna": () => cknna(X, Y, { k }),
  "svcca": () => svcca(X, Y),
  "pwcca": () => pwcca(X, Y),
  "dcor": () => distanceCorrelation(X, Y),
  "eigenspace-overlap": () => eigenspaceOverlap(X, Y),
  "procrustes-sq": () => procrustesSq(X, Y),
  "linreg-r2": () => linregR2(X, Y),
  "soft-match": () => softMatchDistance(X, Y),
  "soft-match (100 vs 70 units)": () => softMatchDistance(X, Yn),
  "magnitude-diff": () => magnitudeDiff(X, Y),
  "concentricity-diff": () => concentricityDiff(X, Y),
  "uniformity-diff": () => uniformityDiff(X, Y),
};

getBackend().setThreads(1);
/** One numpy run of every measure, `reps` timed repeats each after a warm-up. */
function numpyRun(reps: number): Record<string, { seconds: number[]; value: number }> {
  const out = new Deno.Command("/usr/bin/python3", {
    args: ["bench/zoo_baseline.py", dir, String(reps), String(k)],
    env: { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

// the machine may be shared: alternate the two implementations, one round at a
// time, and report medians of the times and of the per-round ratios
const names = Object.keys(measures);
const ours: Record<string, number[]> = {}, theirs: Record<string, number[]> = {};
const ratios: Record<string, number[]> = {}, results: Record<string, [number, number]> = {};
for (const name of names) measures[name]!(); // warm-up
for (let r = 0; r < repeats; r++) {
  const np = numpyRun(3);
  for (const name of names) {
    const times: number[] = [];
    let v = NaN;
    for (let t = 0; t < 3; t++) {
      const t0 = performance.now();
      v = measures[name]!();
      times.push((performance.now() - t0) / 1000);
    }
    const a = median(times), b = median(np[name]!.seconds);
    (ours[name] ??= []).push(a);
    (theirs[name] ??= []).push(b);
    (ratios[name] ??= []).push(a / b);
    results[name] = [v, np[name]!.value];
  }
}
Deno.removeSync(dir, { recursive: true });

const fmt = (s: number) => `${(s * 1000).toFixed(1)} ms`;
console.log(`backend ${getBackend().name}, n = ${n}, p = ${p}, k = ${k}, ${repeats} rounds`);
console.log(`| measure | ours | numpy | ratio (ours / numpy, median of rounds) | |Δ| of values |`);
console.log(`| --- | --- | --- | --- | --- |`);
for (const name of names) {
  const [v, w] = results[name]!;
  console.log(
    `| ${name} | ${fmt(median(ours[name]!))} | ${fmt(median(theirs[name]!))} | ${
      median(ratios[name]!).toFixed(2)
    } | ${Math.abs(v - w).toExponential(1)} |`,
  );
}
