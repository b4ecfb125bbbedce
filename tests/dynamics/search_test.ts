import assert from "node:assert/strict";
import { similarityTransformDistance } from "../../lib/dynamics/similarity.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";

/** A_v of a random stable m-dimensional linear system, 2 delays, rank n. */
function delayOperator(m: number, n: number, seed: number, steps = 400): Matrix {
  const A = randomStableMatrix(m, { seed });
  const X = simulateLinear(A, { steps, seed, processNoise: 0.1 });
  return fitDmd(X, { nDelays: 2, rank: n }).Av;
}

/** A 100-start search with an independent seed and no early stop. */
const manyStarts = {
  maxStarts: 100,
  minRandomStarts: 1000,
  maxTotalIterations: 1e8,
  score: "euclidean" as const,
  seed: 999,
};

Deno.test("similarityTransformDistance() does not stop at the structured starts' shared local minimum (8-D systems, 2 delays, rank 12)", () => {
  // the structured starts agree on a runner-up local minimum; a random start finds the better one
  const A = delayOperator(8, 12, 11, 1000), B = delayOperator(8, 12, 111, 1000);
  const structuredOnly = similarityTransformDistance(A, B, { score: "euclidean", maxStarts: 2 });
  const r = similarityTransformDistance(A, B, { score: "euclidean" });
  const many = similarityTransformDistance(A, B, manyStarts);
  assert.ok(structuredOnly.distance > many.distance + 1e-3, `${structuredOnly.distance}`);
  assert.ok(r.distance <= many.distance + 1e-6, `${r.distance} vs ${many.distance}`);
  assert.equal(r.stopReason, "evidence");
  assert.equal(r.atBestByFamily.structured, 0);
  assert.ok(r.atBestByFamily.random >= 2);
  assert.ok(r.startsByFamily.random >= 10); // ⌈4 + 12/2⌉
  assert.equal(r.startsAtBest, r.atBestByFamily.structured + r.atBestByFamily.random);
});

Deno.test("similarityTransformDistance() is never worse than a 100-start search by more than 1e-6 on random delay-embedded linear systems, n = 2…20", () => {
  for (const n of [2, 3, 5, 7, 9, 11, 13, 15, 17, 20]) {
    const m = Math.max(1, Math.round((2 * n) / 3));
    const A = delayOperator(m, n, 1000 * n), B = delayOperator(m, n, 1000 * n + 1);
    const r = similarityTransformDistance(A, B, { score: "euclidean" });
    const many = similarityTransformDistance(A, B, manyStarts);
    assert.ok(r.distance <= many.distance + 1e-6, `n = ${n}: ${r.distance} vs ${many.distance}`);
    assert.ok(r.lowerBound <= r.distance + 1e-12);
    assert.ok(["lower-bound", "evidence", "max-starts", "budget"].includes(r.stopReason));
  }
});

Deno.test("similarityTransformDistance() stops on the lower bound for exact conjugates without random starts", () => {
  const A = delayOperator(4, 6, 3);
  const r = similarityTransformDistance(A, A);
  assert.equal(r.stopReason, "lower-bound");
  assert.equal(r.startsByFamily.random, 0);
});

Deno.test("similarityTransformDistance() runs at least minRandomStarts random starts before stopping on evidence", () => {
  const A = delayOperator(4, 6, 5), B = delayOperator(4, 6, 6);
  for (const minRandomStarts of [3, 12]) {
    const r = similarityTransformDistance(A, B, { minRandomStarts });
    if (r.stopReason === "evidence") assert.ok(r.startsByFamily.random >= minRandomStarts);
  }
  const capped = similarityTransformDistance(A, B, { maxStarts: 3 });
  assert.equal(capped.startsByFamily.structured + capped.startsByFamily.random, 3);
  assert.ok(capped.stopReason === "max-starts" || capped.stopReason === "lower-bound");
});

Deno.test("similarityTransformDistance() gives up later starts at the gate for n > 16 and counts them", () => {
  const A = delayOperator(13, 20, 20_000), B = delayOperator(13, 20, 20_001);
  const gated = similarityTransformDistance(A, B, { score: "euclidean" });
  const open = similarityTransformDistance(A, B, { score: "euclidean", gateIterations: 0 });
  assert.equal(open.startsGated, 0);
  assert.ok(gated.startsGated <= gated.starts - 1, `${gated.startsGated} of ${gated.starts}`);
  // a gated start counts as a start of its family but never reaches the best value
  assert.ok(gated.startsAtBest <= gated.starts - gated.startsGated);
  // an explicit gate at iteration 1 gives up every later start that is not already better
  const eager = similarityTransformDistance(A, B, { score: "euclidean", gateIterations: 1 });
  assert.ok(eager.startsGated >= 1);
  assert.ok(eager.iterations < open.iterations);
});

Deno.test("similarityTransformDistance() validates the stopping options", () => {
  const ctx = "Cannot compute similarity-transform distance";
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { minRandomStarts: -1 }), {
    name: "RangeError",
    message: `${ctx}: \`minRandomStarts\` must be an integer >= 0: got -1`,
  });
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { maxUnseenMass: 2 }), {
    name: "RangeError",
    message: `${ctx}: \`maxUnseenMass\` must be a number in [0, 1]: got 2`,
  });
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { gateMargin: -1 }), {
    name: "RangeError",
    message: `${ctx}: \`gateMargin\` must be a number ≥ 0: got -1`,
  });
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { exploreValueRel: NaN }), {
    name: "RangeError",
    message: `${ctx}: \`exploreValueRel\` must be a number ≥ 0: got NaN`,
  });
  assert.throws(() => similarityTransformDistance([[1]], [[1]], { gateIterations: 1.5 }), {
    name: "RangeError",
    message: `${ctx}: \`gateIterations\` must be an integer >= 0: got 1.5`,
  });
});
