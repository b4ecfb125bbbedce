/**
 * Benchmark: one ltrRNN fit on the teacher problem (n = 30, K = 40, 4 conditions,
 * T = 25, rank 3, 2000 Adam steps, 20% trial dropout) against a numpy implementation of
 * the same forward/backward pass (bench/ltr_baseline.py), run side by side.
 *
 * Usage: deno run -A bench/ltr.ts [--iterations 2000] [--repeats 3]
 */

import { parseArgs } from "node:util";
import { fitLtrRnn } from "../lib/rnn/fit.ts";
import { initLtrModel } from "../lib/rnn/init.ts";
import { ltrLayout } from "../lib/rnn/ltr_model.ts";
import { observedVariance } from "../lib/rnn/loss.ts";
import { teacherLtr } from "../lib/rnn/teacher.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: { iterations: { type: "string" }, repeats: { type: "string" } },
});
const iterations = Number(values.iterations ?? 2000);
const repeats = Number(values.repeats ?? 3);

import { getBackend } from "../lib/linalg/backend.ts";
// Single-threaded BLAS on both sides (numpy runs with OPENBLAS_NUM_THREADS=1).
getBackend().setThreads(1);

const teacher = teacherLtr({ seed: 0 });
const [K, T, N] = teacher.Y.shape;
const R = 3, n = 30, C = 4;
const lr = 0.005, alpha = 0.2, lambdaState = 0.01, lambdaInput = 0.01;
const mean = new Float64Array(N);
for (let p = 0; p < teacher.Y.data.length; p++) mean[p % N] += teacher.Y.data[p]! / (K * T);
const init = initLtrModel(
  { rank: R, nUnits: n, nOutputs: N, nTrials: K, nTime: T, nConditions: C, nInputs: C },
  {
    alpha,
    conditions: teacher.model.conditions,
    outputMean: mean,
    outputScale: Math.sqrt(observedVariance(teacher.Y.data)),
  },
);
const lay = ltrLayout(init);
const block = (a: number, b: number) => Array.from(init.theta.subarray(a, b));
const problem = {
  K,
  T,
  N,
  n,
  R,
  C,
  alpha,
  lambdaState,
  lambdaInput,
  lr,
  iterations,
  Y: Array.from(teacher.Y.data),
  mask: new Array(K * T * N).fill(1),
  conditions: init.conditions,
  inputs: Array.from(init.inputs.data),
  L: Array.from(init.kernelCholesky.data),
  theta: {
    Cr: block(lay.columns, lay.rows),
    Pr: block(lay.rows, lay.z),
    z: block(lay.z, lay.trialBias),
    ab: block(lay.trialBias, lay.inputWeights),
    beta: block(lay.inputWeights, lay.latentBias),
    b0: block(lay.latentBias, lay.initialState),
    k0: block(lay.initialState, lay.readout),
    D: block(lay.readout, lay.readoutBias),
    d: block(lay.readoutBias, lay.size),
  },
};
const file = await Deno.makeTempFile({ suffix: ".json" });
await Deno.writeTextFile(file, JSON.stringify(problem));

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// The machine is shared: alternate the two implementations and compare each pair.
const ts: number[] = [], py: number[] = [], ratios: number[] = [];
let tsLoss = NaN, pyLoss = NaN;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  const fit = fitLtrRnn(teacher.Y, {
    rank: R,
    nUnits: n,
    iterations,
    learningRate: lr,
    alpha,
    lambdaState,
    lambdaInput,
    conditions: teacher.model.conditions,
    init,
    evalEvery: 0,
  });
  ts.push((performance.now() - t0) / 1000);
  tsLoss = fit.lossHistory[fit.lossHistory.length - 1]!;
  const out = new Deno.Command("/usr/bin/python3", {
    args: ["bench/ltr_baseline.py", file],
    env: { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" },
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const res = JSON.parse(new TextDecoder().decode(out.stdout));
  py.push(res.seconds);
  pyLoss = res.final_loss;
  ratios.push(ts[r]! / py[r]!);
}
await Deno.remove(file);
const row = {
  benchmark: "ltrRNN fit (n=30, K=40, C=4, T=25, R=3)",
  iterations,
  ts_seconds: median(ts),
  numpy_seconds: median(py),
  ratio_median_of_pairs: median(ratios),
  ratio_min_of_pairs: Math.min(...ratios),
  ts_final_batch_loss: tsLoss,
  numpy_final_batch_loss: pyLoss,
};
console.log(JSON.stringify(row, null, 2));
