/**
 * Full-size teacher–student reproduction (Pellegrino et al. 2023, synthetic check 1):
 * a rank-3 teacher ltrRNN (n = 30, K = 40 trials, 4 conditions, T = 25) plus noise;
 * students of rank 1…5 (2 seeds, 3000 Adam steps at lr 0.01) on one block-mask split; the
 * held-out error per rank, the chosen rank, and the Kruskal similarity of the rank-3
 * student's trial factors to the teacher's.
 *
 * Usage: deno run -A bench/ltr_reproduce.ts [--iterations 3000] [--seeds 0,1] [--lr 0.01]
 */

import { parseArgs } from "node:util";
import { getBackend } from "../lib/linalg/backend.ts";
import { ltrBlockMasks } from "../lib/rnn/cv.ts";
import { fitLtrRnn, type LtrFit } from "../lib/rnn/fit.ts";
import { selectRank } from "../lib/rnn/rank_select.ts";
import { teacherLtr } from "../lib/rnn/teacher.ts";
import { kruskalSimilarity } from "../lib/tensor/kruskal.ts";
import type { Matrix } from "../lib/linalg/matrix.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { iterations: { type: "string" }, seeds: { type: "string" }, lr: { type: "string" } },
});
const iterations = Number(values.iterations ?? 3000);
const seeds = (values.seeds ?? "0,1").split(",").map(Number);
const learningRate = Number(values.lr ?? 0.01);
getBackend().setThreads(1);

const teacher = teacherLtr({ rank: 3, seed: 0 });
const { train, test } = ltrBlockMasks(teacher.Y);
const fits = new Map<string, LtrFit>();
const t0 = performance.now();
const sel = selectRank((rank, seed) => {
  const fit = fitLtrRnn(teacher.Y, {
    rank,
    seed,
    iterations,
    learningRate,
    conditions: teacher.model.conditions,
    trainMask: train,
    testMask: test,
    evalEvery: 0,
  });
  fits.set(`${rank},${seed}`, fit);
  return { trainError: fit.trainError, testError: fit.testError! };
}, { ranks: [1, 2, 3, 4, 5], seeds });
const best3 = seeds.map((s) => fits.get(`3,${s}`)!).reduce((
  a,
  b,
) => (b.testError! < a.testError! ? b : a));
const centred = (M: Matrix): Matrix => {
  const out = M.data.slice();
  for (let r = 0; r < M.cols; r++) {
    let m = 0;
    for (let k = 0; k < M.rows; k++) m += M.data[k * M.cols + r]! / M.rows;
    for (let k = 0; k < M.rows; k++) out[k * M.cols + r] -= m;
  }
  return { rows: M.rows, cols: M.cols, data: out };
};
const sim = kruskalSimilarity([teacher.trialFactors], [best3.parameters.trialFactors]);
const simCentred = kruskalSimilarity([centred(teacher.trialFactors)], [
  centred(best3.parameters.trialFactors),
]);
console.log(JSON.stringify(
  {
    noise_floor: teacher.noiseFloor,
    summary: sel.summary,
    chosen_rank: sel.chosenRank,
    trial_factor_similarity_rank3: sim.similarity,
    trial_factor_similarity_rank3_mean_centred: simCentred.similarity,
    seconds: (performance.now() - t0) / 1000,
  },
  null,
  2,
));
