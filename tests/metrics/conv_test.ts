import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { convLinearMetric, linearMetric } from "../../lib/metrics/mod.ts";
import { randn } from "../../lib/random.ts";

function tensor(shape: number[], seed: number) {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, data: randn(1, size, seed).data };
}

/** numpy-style roll of a [m, h, w, c] tensor along the spatial axes. */
function roll(t: { shape: number[]; data: Float64Array }, s1: number, s2: number) {
  const [m, h, w, c] = t.shape as [number, number, number, number];
  const out = new Float64Array(t.data.length);
  for (let i = 0; i < m; i++) {
    for (let a = 0; a < h; a++) {
      for (let b = 0; b < w; b++) {
        const da = (((a + s1) % h) + h) % h, db = (((b + s2) % w) + w) % w;
        for (let k = 0; k < c; k++) {
          out[((i * h + da) * w + db) * c + k] = t.data[((i * h + a) * w + b) * c + k]!;
        }
      }
    }
  }
  return { shape: t.shape, data: out };
}

const flat = (t: { shape: number[]; data: Float64Array }) => ({
  rows: t.data.length / t.shape[3]!,
  cols: t.shape[3]!,
  data: t.data,
});

Deno.test("convLinearMetric() map entries equal linearMetric() on the rolled, flattened tensors", () => {
  const X = tensor([3, 4, 3, 2], 1), Y = tensor([3, 4, 3, 3], 2);
  const r = convLinearMetric(X, Y, { alpha: 0.5, score: "euclidean" });
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 3; j++) {
      const d = linearMetric(flat(roll(X, i - 2, j - 1)), flat(Y), {
        alpha: 0.5,
        score: "euclidean",
      });
      assertAllClose(r.map.data[i * 3 + j]!, d, { rtol: 1e-12 });
    }
  }
  assert.equal(r.unshifted, r.map.data[2 * 3 + 1]);
  assert.equal(r.kind, "convLinearMetric");
});

Deno.test("convLinearMetric() finds a rolled rotated copy at distance below 1e-10", () => {
  const X = tensor([4, 5, 4, 3], 3);
  const Y = roll(X, 2, -1);
  const r = convLinearMetric(X, Y, { alpha: 1 });
  assert.ok(r.distance < 1e-10);
  assert.deepEqual(r.shift, [2, -1]);
  assert.ok(r.unshifted > 0.1);
});

Deno.test("convLinearMetric() errors: rank, mismatched spatial shape, channels without padding", () => {
  assert.throws(() => convLinearMetric(tensor([2, 3, 3], 1), tensor([2, 3, 3, 1], 1)), {
    name: "TypeError",
    message: "Cannot compute convolutional linear metric: `X` must be 4-D: got shape [2, 3, 3]",
  });
  assert.throws(() => convLinearMetric(tensor([2, 3, 3, 1], 1), tensor([2, 3, 4, 1], 1)), {
    name: "TypeError",
    message:
      "Cannot compute convolutional linear metric: `X` and `Y` must have the same images, height and width: got shapes [2, 3, 3, 1] and [2, 3, 4, 1]",
  });
  assert.throws(
    () => convLinearMetric(tensor([2, 3, 3, 1], 1), tensor([2, 3, 3, 2], 1), { pad: false }),
    {
      name: "TypeError",
      message:
        "Cannot compute convolutional linear metric: `X` and `Y` must have the same number of channels when `pad` is false: got shapes [2, 3, 3, 1] and [2, 3, 3, 2]",
    },
  );
  const bad = tensor([2, 2, 2, 1], 1);
  bad.data[5] = NaN;
  assert.throws(() => convLinearMetric(bad, tensor([2, 2, 2, 1], 2)), {
    name: "RangeError",
    message:
      "Cannot compute convolutional linear metric: `X` must be finite: got NaN at [1, 0, 1, 0]",
  });
  assert.throws(
    () => convLinearMetric(tensor([2, 2, 2, 1], 1), tensor([2, 2, 2, 1], 2), { alpha: 2 }),
    {
      name: "RangeError",
      message: "Cannot compute convolutional linear metric: `alpha` must be in [0, 1]: got 2",
    },
  );
});

Deno.test("convLinearMetric() carries the whitening-floor warning for small-amplitude maps only", () => {
  const T = (c: number, s: number) => ({
    shape: [3, 3, 3, 2],
    data: Float64Array.from({ length: 54 }, (_, k) => s * Math.sin(1.7 * k + c)),
  });
  assert.equal(convLinearMetric(T(0, 1), T(1, 1), { alpha: 0 }).warning, undefined);
  assert.match(
    convLinearMetric(T(0, 1e-5), T(1, 1), { alpha: 0 }).warning!,
    /the whitening floor 1e-7 .*: \d of `X`;/,
  );
});
