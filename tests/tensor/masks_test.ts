import assert from "node:assert/strict";
import fc from "fast-check";
import { blockMasks, randomMask } from "../../lib/tensor/masks.ts";

Deno.test("blockMasks() never scores a training entry and keeps a buffer around test entries", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
      const shape = [12, 20, 6];
      const h = [1, 2, 0], g = [0, 1, 0];
      const { train, test, centres } = blockMasks(shape, {
        trainHalfWidth: h,
        testHalfWidth: g,
        fraction: 0.15,
        seed,
      });
      assert.equal(centres.length, Math.floor((0.15 * 12 * 20 * 6) / (3 * 5)));
      assert.equal(new Set(centres).size, centres.length);
      const idx = (k: number, t: number, i: number) => (k * 20 + t) * 6 + i;
      for (let k = 0; k < 12; k++) {
        for (let t = 0; t < 20; t++) {
          for (let i = 0; i < 6; i++) {
            if (!test[idx(k, t, i)]) continue;
            assert.equal(train[idx(k, t, i)], 0);
            // The time neighbours one step beyond the test block's edge are not trained on
            // when they lie inside the same outer block: at least the adjacent step is excluded.
          }
        }
      }
      // Every centre is a test entry; its outer block is excluded from training.
      for (const c of centres) {
        assert.equal(test[c], 1);
        const k = Math.floor(c / 120), t = Math.floor(c / 6) % 20, i = c % 6;
        for (let dk = -1; dk <= 1; dk++) {
          for (let dt = -2; dt <= 2; dt++) {
            const kk = k + dk, tt = t + dt;
            if (kk >= 0 && kk < 12 && tt >= 0 && tt < 20) assert.equal(train[idx(kk, tt, i)], 0);
          }
        }
      }
    }),
    { numRuns: 10, seed: 1 },
  );
});

Deno.test("blockMasks() is deterministic given a seed", () => {
  const a = blockMasks([5, 6, 7], { seed: 3 }), b = blockMasks([5, 6, 7], { seed: 3 });
  assert.deepEqual(a.centres, b.centres);
  assert.notDeepEqual(a.centres, blockMasks([5, 6, 7], { seed: 4 }).centres);
});

Deno.test("blockMasks() rejects inconsistent half-widths and fractions", () => {
  assert.throws(() => blockMasks([4, 4], { trainHalfWidth: [1, 1], testHalfWidth: [2, 0] }), {
    name: "RangeError",
    message:
      "Cannot build block masks: `testHalfWidth` must not exceed `trainHalfWidth` on any axis: got [2, 0] and [1, 1]",
  });
  assert.throws(() => blockMasks([4, 4], { trainHalfWidth: [1] }), {
    name: "RangeError",
    message:
      "Cannot build block masks: `trainHalfWidth` must be 2 non-negative integers (one per axis): got [1]",
  });
  assert.throws(() => blockMasks([4, 4], { fraction: 1 }), {
    name: "RangeError",
    message: "Cannot build block masks: `fraction` must be in (0, 1): got 1",
  });
  assert.throws(() => blockMasks([4, 0]), {
    name: "RangeError",
    message: "Cannot build block masks: `shape` must be positive integers: got [4, 0]",
  });
});

Deno.test("randomMask() holds out exactly the requested count and rejects bad fractions", () => {
  const m = randomMask(1000, { fraction: 0.1, seed: 9 });
  assert.equal(m.length - m.reduce((a, b) => a + b, 0), 100);
  assert.throws(() => randomMask(10, { fraction: 1 }), {
    name: "RangeError",
    message: "Cannot build random mask: `fraction` must be in [0, 1): got 1",
  });
  assert.throws(() => randomMask(0), {
    name: "RangeError",
    message: "Cannot build random mask: `size` must be an integer >= 1: got 0",
  });
});
