import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows, type Matrix, sliceCols } from "../../lib/linalg/matrix.ts";
import {
  centerAndPad,
  fitLinearMetric,
  floorRaisedEigenvalues,
  linearMetric,
  permutationMetric,
  preparedLinearDistance,
  prepareLinearMetric,
  scoreLinearMetric,
  transformLinearMetric,
} from "../../lib/metrics/mod.ts";
import { addScaled, invertible, mul, orthogonal, rand, times, translate } from "./_gen.ts";

const RUNS = { numRuns: 25, seed: 7 };
const shape = fc.record({
  n: fc.integer({ min: 8, max: 30 }),
  p: fc.integer({ min: 2, max: 6 }),
  seed: fc.integer({ min: 1, max: 1e6 }),
});
const alphaArb = fc.constantFrom(0, 0.25, 0.5, 0.9, 1);

Deno.test("linearMetric() is symmetric in (X, Y) for both scores", () => {
  fc.assert(
    fc.property(
      shape,
      alphaArb,
      fc.constantFrom("angular", "euclidean"),
      ({ n, p, seed }, alpha, score) => {
        const X = rand(n, p, seed), Y = rand(n, p + 1, seed + 1);
        const opts = { alpha, score: score as "angular" | "euclidean" };
        assertAllClose(linearMetric(X, Y, opts), linearMetric(Y, X, opts), { rtol: 1e-10 });
      },
    ),
    RUNS,
  );
});

Deno.test("linearMetric() is below 1e-10 on identical inputs, at every α and both scores", () => {
  fc.assert(
    fc.property(shape, alphaArb, ({ n, p, seed }, alpha) => {
      const X = rand(n, p, seed);
      assert.ok(linearMetric(X, X, { alpha }) < 1e-10);
      assert.ok(linearMetric(X, X, { alpha, score: "euclidean" }) < 1e-10 * Math.sqrt(n * p));
    }),
    RUNS,
  );
});

Deno.test("linearMetric() at α = 1 is zero (below 1e-10) for a rotated, scaled, translated copy", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const X = rand(n, p, seed);
      const Y = translate(times(mul(X, orthogonal(p, seed + 2)), 3.5), seed + 3);
      assert.ok(linearMetric(X, Y, { alpha: 1 }) < 1e-10);
    }),
    RUNS,
  );
});

Deno.test("linearMetric() at α = 1 is invariant to rotation, isotropic scaling and translation of either input", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const X = rand(n, p, seed), Y = rand(n, p, seed + 1);
      const d = linearMetric(X, Y, { alpha: 1 });
      const X2 = translate(times(mul(X, orthogonal(p, seed + 5)), 0.2), seed + 6);
      const Y2 = translate(times(mul(Y, orthogonal(p, seed + 7)), 7), seed + 8);
      assertAllClose(linearMetric(X2, Y2, { alpha: 1 }), d, { rtol: 1e-10 });
    }),
    RUNS,
  );
});

Deno.test("linearMetric() at α = 0 is zero for an invertible linear map and invariant to one", () => {
  fc.assert(
    fc.property(shape, ({ n, p, seed }) => {
      const X = rand(n, p, seed), Y = rand(n, p, seed + 1);
      const M = invertible(p, seed + 2);
      assert.ok(linearMetric(X, mul(X, M), { alpha: 0 }) < 1e-10);
      const d = linearMetric(X, Y, { alpha: 0 });
      assertAllClose(linearMetric(mul(X, M), Y, { alpha: 0 }), d, { rtol: 1e-9, atol: 1e-12 });
    }),
    RUNS,
  );
});

Deno.test("linearMetric() for α > 0 is not invariant to a non-orthogonal linear map", () => {
  const X = rand(40, 4, 11);
  const M = fromRows([[3, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0.3, 0], [1, 0, 0, 1]]);
  for (const alpha of [0.25, 0.5, 1]) {
    assert.ok(linearMetric(X, mul(X, M), { alpha }) > 1e-3, `α=${alpha}`);
  }
});

Deno.test("linearMetric() for 0 < α < 1 is not scale-invariant (documented)", () => {
  const X = rand(30, 4, 3), Y = rand(30, 4, 4);
  const d1 = linearMetric(X, Y, { alpha: 0.5 });
  const d2 = linearMetric(times(X, 1e-3), Y, { alpha: 0.5 });
  assert.ok(Math.abs(d1 - d2) > 1e-3);
});

Deno.test("linearMetric() satisfies the triangle inequality: angular at every α, euclidean at α = 1", () => {
  fc.assert(
    fc.property(shape, alphaArb, ({ n, p, seed }, alpha) => {
      const [X, Y, Z] = [rand(n, p, seed), rand(n, p, seed + 1), rand(n, p, seed + 2)];
      const tri = (score: "angular" | "euclidean") => {
        const d = (A: typeof X, B: typeof X) => linearMetric(A, B, { alpha, score });
        const xz = d(X, Z), bound = d(X, Y) + d(Y, Z);
        assert.ok(xz <= bound * (1 + 1e-9) + 1e-12, `${score} α=${alpha}: ${xz} > ${bound}`);
      };
      tri("angular");
      if (alpha === 1) tri("euclidean");
    }),
    RUNS,
  );
});

Deno.test("linearMetric() triangle inequality also holds for close triples (near-zero branch)", () => {
  fc.assert(
    fc.property(shape, alphaArb, ({ n, p, seed }, alpha) => {
      const X = rand(n, p, seed);
      const Y = addScaled(X, rand(n, p, seed + 1), 1e-3),
        Z = addScaled(X, rand(n, p, seed + 2), 1e-3);
      const d = (A: typeof X, B: typeof X) => linearMetric(A, B, { alpha });
      assert.ok(d(X, Z) <= (d(X, Y) + d(Y, Z)) * (1 + 1e-9) + 1e-13);
    }),
    RUNS,
  );
});

Deno.test("linearMetric() angular value does not depend on the padded width; euclidean does for α < 1", () => {
  const X = rand(25, 3, 1), Y = rand(25, 3, 2);
  const Ywide = { rows: 25, cols: 5, data: new Float64Array(125) };
  for (let i = 0; i < 25; i++) {
    for (let j = 0; j < 3; j++) Ywide.data[i * 5 + j] = Y.data[i * 3 + j]!;
  }
  // Ywide = Y with two zero columns: padding X to width 5 instead of 3
  assertAllClose(linearMetric(X, Ywide, { alpha: 0.5 }), linearMetric(X, Y, { alpha: 0.5 }), {
    rtol: 1e-10,
  });
  const e3 = linearMetric(X, Y, { alpha: 0.5, score: "euclidean" });
  const e5 = linearMetric(X, Ywide, { alpha: 0.5, score: "euclidean" });
  assert.ok(Math.abs(e3 - e5) > 1e-3 * e3);
  assertAllClose(
    linearMetric(X, Ywide, { alpha: 1, score: "euclidean" }),
    linearMetric(X, Y, { alpha: 1, score: "euclidean" }),
    { rtol: 1e-12 },
  );
});

Deno.test("linearMetric() and fit-then-score agree on both sides of the near-zero switch", () => {
  fc.assert(
    fc.property(
      shape,
      alphaArb,
      fc.constantFrom(1e-6, 0.05, 0.2, 0.3, 1),
      ({ n, p, seed }, alpha, eps) => {
        const X = rand(n, p, seed), Y = addScaled(X, rand(n, p, seed + 1), eps);
        for (const score of ["angular", "euclidean"] as const) {
          const fit = fitLinearMetric(X, Y, { alpha, score });
          const a = linearMetric(X, Y, { alpha, score }), b = scoreLinearMetric(fit, X, Y);
          assertAllClose(a, b, { rtol: 1e-8, atol: 1e-13, label: `${score} eps=${eps}: ` });
        }
      },
    ),
    RUNS,
  );
});

Deno.test("preparedLinearDistance() on cached networks equals linearMetric()", () => {
  const X = rand(20, 4, 5), Y = rand(20, 3, 6);
  const px = prepareLinearMetric(X, 0.5, true, 4), py = prepareLinearMetric(Y, 0.5, true, 4);
  assert.equal(preparedLinearDistance(px, py, "angular"), linearMetric(X, Y, { alpha: 0.5 }));
});

Deno.test("fitLinearMetric() aligns training rows: ⟨A, B⟩ equals the sum of singular values", () => {
  const X = rand(30, 5, 8), Y = rand(30, 5, 9);
  const fit = fitLinearMetric(X, Y, { alpha: 0.3 });
  const { A, B } = transformLinearMetric(fit, X, Y);
  let inner = 0;
  for (let k = 0; k < A.data.length; k++) inner += A.data[k]! * B.data[k]!;
  assertAllClose(inner, fit.singularValues.reduce((a, b) => a + b, 0), { rtol: 1e-10 });
  // plain data: survives a JSON round trip of its scalar fields
  assert.equal(JSON.parse(JSON.stringify(fit)).alpha, 0.3);
});

Deno.test("fitLinearMetric() does not mutate its inputs", () => {
  const X = rand(10, 3, 1), Y = rand(10, 2, 2);
  const x0 = X.data.slice(), y0 = Y.data.slice();
  scoreLinearMetric(fitLinearMetric(X, Y, { alpha: 0.5 }), X, Y);
  assert.deepEqual(X.data, x0);
  assert.deepEqual(Y.data, y0);
});

Deno.test("scoreLinearMetric() accepts held-out rows already padded to the common width", () => {
  const X = rand(20, 4, 1), Y = rand(20, 2, 2);
  const fit = fitLinearMetric(X, Y, { alpha: 0.5 });
  const Ypad = { rows: 20, cols: 4, data: new Float64Array(80) };
  for (let i = 0; i < 20; i++) {
    for (let j = 0; j < 2; j++) Ypad.data[i * 4 + j] = Y.data[i * 2 + j]!;
  }
  assert.equal(scoreLinearMetric(fit, X, Ypad), scoreLinearMetric(fit, X, Y));
});

Deno.test("linearMetric() without centring is not translation-invariant", () => {
  const X = rand(20, 3, 1);
  assert.ok(linearMetric(X, translate(X, 2), { alpha: 1, center: false }) > 1e-3);
  assert.ok(linearMetric(X, translate(X, 2), { alpha: 1 }) < 1e-10);
});

// ---- errors -------------------------------------------------------------

Deno.test("linearMetric() rejects different row counts, showing both shapes", () => {
  assert.throws(() => linearMetric(rand(5, 2, 1), rand(6, 2, 2)), {
    name: "TypeError",
    message:
      "Cannot compute linear metric: `X` and `Y` must have the same number of rows: got shapes [5, 2] and [6, 2]",
  });
});

Deno.test("fitLinearMetric() rejects NaN and Inf, naming the argument and index", () => {
  assert.throws(() => fitLinearMetric([[1, NaN], [0, 1]], [[1, 2], [3, 4]]), {
    name: "RangeError",
    message: "Cannot fit linear metric: `X` must be finite: got NaN at [0, 1]",
  });
  assert.throws(() => fitLinearMetric([[1, 2], [0, 1]], [[1, 2], [Infinity, 4]]), {
    name: "RangeError",
    message: "Cannot fit linear metric: `Y` must be finite: got Infinity at [1, 0]",
  });
});

Deno.test("linearMetric() rejects empty inputs", () => {
  assert.throws(() => linearMetric([], [[1]]), {
    name: "RangeError",
    message: "Cannot compute linear metric: `X` must not be empty: got shape [0, 0]",
  });
});

Deno.test("linearMetric() rejects α outside [0, 1] and an unknown score", () => {
  assert.throws(() => linearMetric([[1], [2]], [[1], [3]], { alpha: 1.5 }), {
    name: "RangeError",
    message: "Cannot compute linear metric: `alpha` must be in [0, 1]: got 1.5",
  });
  assert.throws(() => fitLinearMetric([[1], [2]], [[1], [3]], { alpha: -0.1 }), {
    name: "RangeError",
    message: "Cannot fit linear metric: `alpha` must be in [0, 1]: got -0.1",
  });
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => linearMetric([[1], [2]], [[1], [3]], { score: "cosine" as any }),
    {
      name: "RangeError",
      message:
        "Cannot compute linear metric: `score` must be one of angular, euclidean: got cosine",
    },
  );
});

Deno.test("linearMetric() rejects different widths when padding is off", () => {
  assert.throws(() => linearMetric(rand(5, 3, 1), rand(5, 2, 2), { pad: false }), {
    name: "TypeError",
    message:
      "Cannot compute linear metric: `X` and `Y` must have the same number of columns when `pad` is false: got shapes [5, 3] and [5, 2]",
  });
});

Deno.test("linearMetric() angular score rejects constant responses (zero variance)", () => {
  assert.throws(() => linearMetric([[1, 2], [1, 2], [1, 2]], [[0, 1], [2, 3], [1, 1]]), {
    name: "RangeError",
    message:
      "Cannot compute linear metric: the angular distance is undefined because `X` has zero variance after centring (constant responses)",
  });
});

Deno.test("scoreLinearMetric() rejects held-out rows with the wrong width or row counts", () => {
  const fit = fitLinearMetric(rand(10, 3, 1), rand(10, 2, 2));
  assert.throws(() => scoreLinearMetric(fit, rand(4, 2, 3), rand(4, 2, 4)), {
    name: "TypeError",
    message:
      "Cannot transform with linear metric: `X` must have 3 columns as in training: got shape [4, 2]",
  });
  assert.throws(() => scoreLinearMetric(fit, rand(4, 3, 3), rand(5, 2, 4)), {
    name: "TypeError",
    message:
      "Cannot transform with linear metric: `X` and `Y` must have the same number of rows: got shapes [4, 3] and [5, 2]",
  });
});

Deno.test("linearMetric() handles rank-deficient and n < p inputs (finite, identical → 0)", () => {
  const B = rand(15, 4, 1), C = rand(4, 10, 2);
  const X = mul(B, C); // rank 4, 10 columns
  for (const alpha of [0, 0.5, 1]) {
    const d = linearMetric(X, rand(15, 10, 3), { alpha });
    assert.ok(Number.isFinite(d) && d > 0);
    assert.ok(linearMetric(X, X, { alpha }) < 1e-10);
  }
  const wide = rand(6, 10, 4);
  assert.ok(linearMetric(wide, sliceCols(wide, 0, 8), { alpha: 1 }) > 0);
});

Deno.test("a repeated row centres to exact zeros, so the angular metrics refuse it instead of returning π/2", () => {
  const X = rand(20, 4, 11);
  const dup: Matrix = { rows: 20, cols: 4, data: new Float64Array(80) };
  for (let i = 0; i < 20; i++) dup.data.set(X.data.subarray(0, 4), i * 4);
  assert.ok(centerAndPad(dup, 4, true).centered.data.every((v) => v === 0));
  for (const alpha of [0, 0.5, 1]) {
    assert.throws(() => linearMetric(X, dup, { alpha }), {
      name: "RangeError",
      message: /because `Y` has zero variance after centring/,
    });
  }
  assert.throws(() => permutationMetric(dup, X), /`X` is zero after centring/);
});

Deno.test("fitLinearMetric() warns when the whitening floor changes non-negligible eigenvalues (data small in scale), keeping netrep's numbers", () => {
  const X = rand(20, 4, 81), Z = mul(X, invertible(4, 82));
  for (const s of [1, 1e-2]) {
    const fit = fitLinearMetric(times(X, s), times(Z, s), { alpha: 0 });
    assert.equal(fit.warning, undefined, `scale ${s}`);
    assert.equal("warning" in fit, false);
  }
  const small = fitLinearMetric(times(X, 1e-4), times(Z, 1e-4), { alpha: 0 });
  assert.match(
    small.warning!,
    /the whitening floor 1e-7 \(netrep's convention\) raised eigenvalues of the scatter XcᵀXc that are not negligible \(above 1e-10 × the largest\): \d of `X` and \d of `Y`; the data are small in scale/,
  );
  // the value is netrep's (the floor applies), not the scale-free 0
  assert.ok(linearMetric(times(X, 1e-4), times(Z, 1e-4), { alpha: 0 }) > 0.1);
  assert.match(fitLinearMetric(times(X, 1e-4), Z, { alpha: 0.5 }).warning!, /: \d of `X`;/);
  // α = 1 does not whiten: no floor, no warning
  assert.equal(fitLinearMetric(times(X, 1e-4), Z, { alpha: 1 }).warning, undefined);
});

Deno.test("the whitening floor raising rank-deficient or padded directions is no warning", () => {
  const X = rand(20, 3, 83);
  const R = fromRows(
    Array.from({ length: 20 }, (_, i) => {
      const a = X.data[i * 3]!, b = X.data[i * 3 + 1]!;
      return [a, b, a + b];
    }),
  );
  assert.equal(fitLinearMetric(R, X, { alpha: 0 }).warning, undefined);
  assert.equal(fitLinearMetric(sliceCols(X, 0, 2), X, { alpha: 0 }).warning, undefined);
  assert.equal(floorRaisedEigenvalues(new Float64Array([0, 1e-18, 2])), 0);
  assert.equal(floorRaisedEigenvalues(new Float64Array([1e-9, 5e-8, 1])), 2);
});
