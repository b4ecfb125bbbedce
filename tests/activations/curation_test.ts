import assert from "node:assert/strict";
import { takeRows } from "../../lib/linalg/matrix.ts";
import { randn } from "../../lib/random.ts";
import {
  groupBalancedRetrain,
  lastLayerDecision,
  midCuratedRetrain,
  predictLastLayer,
  pseudoGroups,
} from "../../lib/activations/curation.ts";
import { oracleRetrain, randomSubsetRetrain } from "../../lib/activations/baselines.ts";
import { fitLogistic, logisticDecision } from "../../lib/activations/logistic.ts";
import { fitStandardizer, standardize } from "../../lib/activations/standardize.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

function toyData(n: number, seed: number) {
  const F = randn(n, 4, seed);
  const y: number[] = [], a: number[] = [];
  for (let i = 0; i < n; i++) {
    y.push(F.data[i * 4]! > 0 ? 1 : 0);
    a.push(i % 10 === 0 ? 1 - y[i]! : y[i]!);
  }
  return { F, y, a };
}

Deno.test("groupBalancedRetrain() balances to the smallest group and standardises on all rows", () => {
  const { F, y, a } = toyData(80, 3);
  const groups = a.map((v, i) => 2 * y[i]! + v);
  const fit = groupBalancedRetrain(F, y, groups, { resamples: 1, seed: 5 });
  const sizes = [0, 1, 2, 3].map((g) => groups.filter((v) => v === g).length);
  assert.deepEqual(fit.groupSizes, sizes);
  assert.equal(fit.perGroup, Math.min(...sizes));
  const s = fitStandardizer(F);
  assertAllClose(fit.mean, s.mean, { rtol: 1e-15, atol: 1e-15 });
  assertAllClose(fit.scale, s.scale, { rtol: 1e-15, atol: 1e-15 });
  const pred = predictLastLayer(fit, F);
  let correct = 0;
  for (let i = 0; i < 80; i++) if (pred[i] === y[i]) correct++;
  assert.ok(correct / 80 > 0.85);
});

Deno.test("groupBalancedRetrain() on already balanced groups equals one logistic fit on all rows", () => {
  const { F, y } = toyData(60, 11);
  // Equal groups: every resample is the whole set, so the average is a plain fit.
  const idx: number[] = [];
  const c0 = y.flatMap((v, i) => (v === 0 ? [i] : [])),
    c1 = y.flatMap((v, i) => (v === 1 ? [i] : []));
  const m = Math.min(c0.length, c1.length);
  idx.push(...c0.slice(0, m), ...c1.slice(0, m));
  idx.sort((p, q) => p - q);
  const Fb = takeRows(F, idx), yb = idx.map((i) => y[i]!);
  const balanced = groupBalancedRetrain(Fb, yb, yb, { resamples: 4, seed: 1 });
  const direct = fitLogistic(standardize(fitStandardizer(Fb), Fb), yb);
  assertAllClose(balanced.coef.flat(), direct.coef.flat(), { rtol: 1e-9, atol: 1e-12 });
  assertAllClose(
    lastLayerDecision(balanced, Fb).data,
    logisticDecision(direct, standardize(fitStandardizer(Fb), Fb)).data,
    { rtol: 1e-9, atol: 1e-10 },
  );
});

Deno.test("groupBalancedRetrain() is deterministic given a seed", () => {
  const { F, y, a } = toyData(70, 4);
  const r1 = oracleRetrain(F, y, a, { seed: 3, resamples: 3 });
  const r2 = oracleRetrain(F, y, a, { seed: 3, resamples: 3 });
  assert.deepEqual(r1.coef, r2.coef);
  const r3 = oracleRetrain(F, y, a, { seed: 4, resamples: 3 });
  assert.notDeepEqual(r1.coef, r3.coef);
});

Deno.test("randomSubsetRetrain() balances classes and oracleRetrain() balances class × attribute", () => {
  const { F, y, a } = toyData(100, 8);
  const r = randomSubsetRetrain(F, y, { resamples: 1 });
  assert.equal(r.groupSizes.length, 2);
  assert.equal(r.perGroup, Math.min(...r.groupSizes));
  const o = oracleRetrain(F, y, a, { resamples: 1 });
  assert.equal(o.groupSizes.length, 4);
  assert.equal(o.perGroup, Math.min(...o.groupSizes));
});

Deno.test("pseudoGroups() and midCuratedRetrain() form class × MID groups", () => {
  const p = pseudoGroups([0, 0, 1, 1], [0, 1, 0, 1]);
  assert.deepEqual(Array.from(p.groups), [0, 1, 2, 3]);
  assert.deepEqual(p.names, [
    "class 0, not MID",
    "class 0, MID",
    "class 1, not MID",
    "class 1, MID",
  ]);
  const { F, y } = toyData(120, 6);
  const logits = Array.from({ length: 120 }, (_, i) => [0, F.data[i * 4]! * 3]);
  const { fit, selection } = midCuratedRetrain(F, y, logits, { width: 0.2, resamples: 2 });
  assert.equal(fit.groupSizes.length, 4);
  assert.equal(fit.groupSizes[1]! + fit.groupSizes[3]!, selection.indices.length);
});

Deno.test("curation reports empty groups and bad arguments clearly", () => {
  assert.throws(() => groupBalancedRetrain([[0], [1], [2]], [0, 1, 1], [0, 2, 2]), {
    name: "RangeError",
    message:
      "Cannot retrain last layer: group 1 is empty; every group needs at least one sample to balance on",
  });
  // MIDs all in one class → the other class's MID pseudo-group is empty.
  assert.throws(
    () =>
      midCuratedRetrain([[0], [1], [2], [3]], [0, 0, 1, 1], [[0, -5], [0, 0.1], [0, 3], [0, 5]]),
    /class 1, MID is empty/,
  );
  assert.throws(() => groupBalancedRetrain([[0], [1]], [0, 1], [0, 1], { resamples: 0 }), {
    name: "RangeError",
    message: "Cannot retrain last layer: `resamples` must be an integer >= 1: got 0",
  });
  assert.throws(() => groupBalancedRetrain([[0], [1]], [0, 1, 1], [0, 1]), {
    name: "TypeError",
    message: "Cannot retrain last layer: `labels` must have one label per row (2): got 3 labels",
  });
  assert.throws(() => pseudoGroups([0, 1], [0, 2]), /`isMid` must hold 0 or 1: got 2 at index 1/);
});
