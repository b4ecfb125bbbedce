import assert from "node:assert/strict";
import { autoWorkers, INLINE_WORK } from "../../lib/pairwise/pool.ts";
import { resolveOptions } from "../../lib/measures/all.ts";
import { matrix } from "../../lib/linalg/matrix.ts";

const { measure, options } = resolveOptions("linear");

function job(nPairs: number, rows: number, width: number) {
  const net = { train: matrix(rows, width), test: null, name: "X" };
  return {
    measure,
    options,
    inputs: [net, net],
    slots: [{ network: 0, width }, { network: 1, width }],
    pairs: Int32Array.from({ length: 2 * nPairs }, (_, k) => k % 2),
    value: "distance" as const,
  };
}

Deno.test("autoWorkers() runs jobs below INLINE_WORK in the calling thread", () => {
  // 18 networks of 300 × 64 (153 pairs): ≈ 0.6e9 estimated operations
  assert.equal(autoWorkers(job(153, 300, 64), 4), 1);
});

Deno.test("autoWorkers() uses every core once the estimated work passes INLINE_WORK", () => {
  // 50 networks of 1000 × 100 (1225 pairs): ≈ 4e10 estimated operations
  assert.equal(autoWorkers(job(1225, 1000, 100), 4), 4);
  // the threshold itself: per side n·w² + 5·w³ = 2·(1000·100² + 5·100³) = 3e7 per pair
  const perPair = 2 * (1000 * 100 * 100 + 5 * 100 ** 3);
  const atThreshold = Math.ceil(INLINE_WORK / perPair);
  assert.equal(autoWorkers(job(atThreshold - 1, 1000, 100), 4), 1);
  assert.equal(autoWorkers(job(atThreshold, 1000, 100), 4), 4);
});
