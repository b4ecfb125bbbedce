import assert from "node:assert/strict";
import { centreOutExperiment, centreOutTask } from "../../lib/rnn/centre_out.ts";
import { cpAls } from "../../lib/tensor/cp_als.ts";

// Reduced-size reproduction of the ΔW check (the full-size run is bench/cp_centre_out.ts).
const exp = centreOutExperiment({
  nUnits: 20,
  baselineIterations: 400,
  adaptationTrials: 40,
  washoutTrials: 40,
  seed: 1,
});

Deno.test("centreOutExperiment() adapts to the rotation and washes it out", () => {
  const L = exp.trialLoss;
  assert.ok(L[0]! > 5 * exp.baselineLoss, "the rotation raises the loss");
  assert.ok(L[39]! < 0.3 * L[0]!, `adaptation: ${L[0]} → ${L[39]}`);
  assert.ok(L[40]! > L[39]!, "removing the rotation raises the loss again");
  assert.ok(L[79]! < 0.3 * L[40]!, `washout: ${L[40]} → ${L[79]}`);
});

Deno.test("the random-walk control has the same step norms as the learning trajectory", () => {
  const { randomWalk: W, stepNorms } = exp;
  const n2 = 400;
  for (const k of [1, 40, 79]) {
    let s = 0;
    for (let p = 0; p < n2; p++) s += (W.data[k * n2 + p]! - W.data[(k - 1) * n2 + p]!) ** 2;
    assert.ok(Math.abs(Math.sqrt(s) - stepNorms[k]!) < 1e-10 * stepNorms[k]!);
  }
});

Deno.test("ΔW of the trained RNN has far lower CP rank than the random-walk control", () => {
  const opts = { rank: 4, restarts: 2, maxIter: 200, tol: 1e-7 };
  const learned = cpAls(exp.deltaW, opts).varianceExplained;
  const control = cpAls(exp.randomWalk, opts).varianceExplained;
  assert.ok(learned > 0.85, `learned ${learned}`);
  assert.ok(learned > control + 0.3, `learned ${learned} vs control ${control}`);
});

Deno.test("centreOutTask() and centreOutExperiment() reject bad settings", () => {
  assert.throws(() => centreOutTask({ goTime: 30, nTime: 25 }), {
    name: "RangeError",
    message: "Cannot build centre-out task: `goTime` must be an integer in [0, 24]: got 30",
  });
  assert.throws(() => centreOutExperiment({ adaptationTrials: 0, washoutTrials: 0 }), {
    name: "RangeError",
    message:
      "Cannot run centre-out experiment: `adaptationTrials + washoutTrials` must be >= 1: got 0",
  });
});
