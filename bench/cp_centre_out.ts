/**
 * Full-size ΔW reproduction (Pellegrino et al. 2023, synthetic check 2): a 50-unit tanh
 * RNN trained on centre-out reaching, then 100 gradient steps under a 45° rotation and
 * 100 washout steps; CP variance explained of ΔW_k = W_k − W_baseline versus rank,
 * against a random walk with the same step norms; and the CP rank of the trial mode.
 *
 * Usage: deno run -A bench/cp_centre_out.ts [--ranks 1,2,3,4,6,8] [--restarts 3]
 */

import { parseArgs } from "node:util";
import { getBackend } from "../lib/linalg/backend.ts";
import { centreOutExperiment } from "../lib/rnn/centre_out.ts";
import { cpAls } from "../lib/tensor/cp_als.ts";
import { svd } from "../lib/linalg/svd.ts";
import { unfold } from "../lib/tensor/tensor.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { ranks: { type: "string" }, restarts: { type: "string" } },
});
const ranks = (values.ranks ?? "1,2,3,4,6,8").split(",").map(Number);
const restarts = Number(values.restarts ?? 3);
getBackend().setThreads(1);

const t0 = performance.now();
const e = centreOutExperiment();
const rows = ranks.map((rank) => {
  const opts = { rank, restarts, maxIter: 500, tol: 1e-8 };
  return {
    rank,
    learned: cpAls(e.deltaW, opts).varianceExplained,
    random_walk: cpAls(e.randomWalk, opts).varianceExplained,
  };
});
// Variance of the trial-mode unfolding captured by its leading singular vectors.
const s = svd(unfold(e.deltaW, 0)).s;
const total = s.reduce((a, x) => a + x * x, 0);
let cum = 0;
const trialModeCumulative = Array.from(s.slice(0, 5)).map((x) => (cum += x * x) / total);
console.log(JSON.stringify(
  {
    baseline_loss: e.baselineLoss,
    loss_first_rotation_trial: e.trialLoss[0],
    loss_last_rotation_trial: e.trialLoss[99],
    loss_first_washout_trial: e.trialLoss[100],
    loss_last_washout_trial: e.trialLoss[199],
    cp_variance_explained: rows,
    trial_mode_cumulative_variance_first5: trialModeCumulative,
    seconds: (performance.now() - t0) / 1000,
  },
  null,
  2,
));
