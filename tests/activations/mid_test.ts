import assert from "node:assert/strict";
import fc from "fast-check";
import { midBand, quantileSorted, selectMids } from "../../lib/activations/mid.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const ref = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/quantile_rsm.json", import.meta.url)),
);

Deno.test("quantileSorted() matches numpy.quantile (linear interpolation)", () => {
  const sorted = Float64Array.from(ref.values as number[]).sort();
  const got = (ref.q as number[]).map((q) => quantileSorted(sorted, q));
  assertAllClose(got, ref.quantiles, { rtol: 1e-14, atol: 1e-15 });
});

Deno.test("midBand() range rule keeps exactly the scores within ±width·halfRange of the midpoint", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 50 }),
      fc.double({ min: 0.01, max: 1, noNaN: true }),
      (scores, width) => {
        const min = Math.min(...scores), max = Math.max(...scores);
        const c = (min + max) / 2, h = (max - min) / 2;
        const expected = scores.flatMap((s, i) => (Math.abs(s - c) <= width * h ? [i] : []));
        if (expected.length === 0) {
          assert.throws(() => midBand(scores, { width }), /selects no sample/);
        } else {
          assert.deepEqual(midBand(scores, { width }).indices, expected);
        }
      },
    ),
    { numRuns: 100, seed: 7 },
  );
});

Deno.test("midBand() quantile rule selects about 2·width of the samples", () => {
  const scores = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
  const b = midBand(scores, { rule: "quantile", width: 0.1 });
  assert.ok(Math.abs(b.indices.length - 200) <= 2, `${b.indices.length}`);
});

Deno.test("midBand() is invariant to shifting and positive scaling of the scores", () => {
  const scores = [-4, -1, 0.3, 0.5, 2, 7, 9];
  const base = midBand(scores, { width: 0.2 }).indices;
  assert.deepEqual(midBand(scores.map((s) => 3 * s + 10), { width: 0.2 }).indices, base);
  assert.deepEqual(
    midBand(scores.map((s) => 3 * s + 10), { width: 0.2, rule: "quantile" }).indices,
    midBand(scores, { width: 0.2, rule: "quantile" }).indices,
  );
});

Deno.test("selectMids() centres the binary margin band on the decision boundary by default", () => {
  // Margins: -10, -0.5, 0.4, 2, 6 → half-range 8, band ±0.8 around 0.
  const logits = [[10, 0], [0.5, 0], [0, 0.4], [0, 2], [0, 6]];
  const sel = selectMids(logits, [0, 0, 1, 1, 1]);
  assert.deepEqual(sel.indices, [1, 2]);
  // The literal midpoint of [−10, 6] is −2: its band [−2.8, −1.2] holds no sample.
  assert.throws(
    () => selectMids(logits, [0, 0, 1, 1, 1], { center: "midrange" }),
    /the range band \[-2.8, -1.2\] selects no sample of 5/,
  );
  assert.deepEqual(
    selectMids(logits, [0, 0, 1, 1, 1], { center: "midrange", width: 0.5 }).indices,
    [1, 2, 3],
  );
});

Deno.test("selectMids() multi-class variant uses each sample's own-class logit", () => {
  const logits = [
    [10, 0, 0], // class 0, top of logit 0
    [5, 0, 0], // class 0, middle of logit 0 → MID
    [0, 5, 0], // class 1 but logit 1 middle → MID
    [5, 0, 0], // class 2: logit 0 is middle but own-class logit 2 is low → not MID
    [0, 10, 10],
  ];
  const sel = selectMids(logits, [0, 0, 1, 2, 2]);
  assert.equal(sel.variant, "logit");
  assert.deepEqual(sel.indices, [1, 2]);
  assert.equal(sel.bands.length, 3);
});

Deno.test("midBand() and selectMids() reject bad input with clear errors", () => {
  assert.throws(() => midBand([1, 2, 3], { width: 0 }), {
    name: "RangeError",
    message: "Cannot select mid-range samples: `width` must be in (0, 1]: got 0",
  });
  assert.throws(() => midBand([1, 2, 3], { rule: "quantile", width: 0.7 }), {
    name: "RangeError",
    message: "Cannot select mid-range samples: `width` must be in (0, 0.5]: got 0.7",
  });
  assert.throws(() => midBand([0, 10], { width: 0.1 }), {
    name: "RangeError",
    message:
      "Cannot select mid-range samples: the range band [4.5, 5.5] selects no sample of 2 (scores span [0, 10]); widen `width` (0.1)",
  });
  assert.throws(() => midBand([]), /`scores` must not be empty/);
  assert.throws(() => midBand([1, NaN]), /`scores` must be finite: got NaN at index 1/);
  assert.throws(() => selectMids([[0, 1], [1, 0]], [0]), {
    name: "TypeError",
    message:
      "Cannot select mid-range samples: `labels` must have one label per row (2): got 1 labels",
  });
  assert.throws(
    () => selectMids([[0, 0, 1], [1, 0, 0], [0, 1, 0]], [1, 2, 0], { width: 0.01 }),
    /no sample's own-class logit lies in its class's mid band/,
  );
});
