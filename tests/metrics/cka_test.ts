import assert from "node:assert/strict";
import fc from "fast-check";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  centerGram,
  ckaDistance,
  debiasedCKA,
  linearCKA,
  linearGram,
  rbfCKA,
  uCenterGram,
} from "../../lib/metrics/mod.ts";
import { addScaled, mul, orthogonal, rand, times, translate } from "./_gen.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";

const RUNS = { numRuns: 20, seed: 5 };

function gramCKA(K: Matrix, L: Matrix): number {
  let kl = 0, kk = 0, ll = 0;
  for (let i = 0; i < K.data.length; i++) {
    kl += K.data[i]! * L.data[i]!;
    kk += K.data[i]! ** 2;
    ll += L.data[i]! ** 2;
  }
  return kl / Math.sqrt(kk * ll);
}

Deno.test("linearCKA() agrees between feature space (n > p) and Gram space (n < p)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 4, max: 40 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
      const X = rand(n, 6, seed), Y = rand(n, 9, seed + 1);
      const Xc = translate(X, 0), Yc = Y;
      const viaGram = gramCKA(centerGram(linearGram(Xc)), centerGram(linearGram(Yc)));
      assertAllClose(linearCKA(X, Y), viaGram, { rtol: 1e-11 });
    }),
    RUNS,
  );
});

Deno.test("debiasedCKA() in feature space equals the U-centred Gram form", () => {
  fc.assert(
    fc.property(fc.integer({ min: 20, max: 50 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
      const X = rand(n, 3, seed), Y = addScaled(rand(n, 4, seed + 1), rand(n, 4, seed + 2), 0.5);
      // n > 7 so the feature-space route is taken for these widths
      const Kc = translate(X, 1), Lc = Y;
      const viaGram = gramCKA(uCenterGram(linearGram(Kc)), uCenterGram(linearGram(Lc)));
      assertAllClose(debiasedCKA(X, Y), viaGram, { rtol: 1e-9, atol: 1e-12 });
    }),
    RUNS,
  );
});

Deno.test("linearCKA() is invariant to rotation, isotropic scaling and translation; 1 on equivalent inputs", () => {
  fc.assert(
    fc.property(fc.integer({ min: 5, max: 30 }), fc.integer({ min: 1, max: 1e6 }), (n, seed) => {
      const X = rand(n, 4, seed), Y = rand(n, 5, seed + 1);
      const X2 = translate(times(mul(X, orthogonal(4, seed + 2)), 3), seed + 3);
      assertAllClose(linearCKA(X2, Y), linearCKA(X, Y), { rtol: 1e-11 });
      assertAllClose(linearCKA(X, X2), 1, { rtol: 1e-13 });
      const c = linearCKA(X, Y);
      assert.ok(c >= 0 && c <= 1);
    }),
    RUNS,
  );
});

Deno.test("rbfCKA() is symmetric, in [0, 1], and 1 for a rotated translated copy", () => {
  const X = rand(25, 4, 1), Y = rand(25, 3, 2);
  assertAllClose(rbfCKA(X, Y), rbfCKA(Y, X), { rtol: 1e-13 });
  const c = rbfCKA(X, Y, { threshold: 0.7 });
  assert.ok(c > 0 && c < 1);
  assertAllClose(rbfCKA(X, translate(mul(X, orthogonal(4, 3)), 4)), 1, { rtol: 1e-12 });
});

Deno.test("debiasedCKA() is near zero for independent inputs while linearCKA() is biased upward", () => {
  const X = rand(20, 50, 1), Y = rand(20, 50, 2);
  assert.ok(linearCKA(X, Y) > 0.5);
  assert.ok(Math.abs(debiasedCKA(X, Y)) < 0.1);
});

Deno.test("ckaDistance() is below 1e-10 for equivalent inputs in every mode (arccos alone gives ~1e-8)", () => {
  const X = rand(40, 5, 1), Xw = rand(6, 10, 2);
  for (const [A, B] of [[X, times(mul(X, orthogonal(5, 3)), 2)], [Xw, Xw]] as const) {
    assert.ok(ckaDistance(A, B) < 1e-10);
    assert.ok(ckaDistance(A, B, { kernel: "rbf" }) < 1e-10);
    assert.ok(ckaDistance(A, B, { debiased: true }) < 1e-10);
    assert.ok(ckaDistance(A, B, { debiased: true, kernel: "rbf" }) < 1e-10);
  }
});

Deno.test("ckaDistance() equals arccos(CKA) away from zero and is continuous across the switch", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1e-3, 0.05, 0.15, 0.3, 1, 3),
      fc.integer({ min: 1, max: 1e6 }),
      (eps, seed) => {
        const X = rand(30, 4, seed), Y = addScaled(X, rand(30, 4, seed + 1), eps);
        for (const opts of [{}, { kernel: "rbf" as const }, { debiased: true }]) {
          const sim = opts.debiased
            ? debiasedCKA(X, Y)
            : opts.kernel
            ? rbfCKA(X, Y)
            : linearCKA(X, Y);
          const d = ckaDistance(X, Y, opts);
          // arccos(sim) is accurate to ~1e-16/sin(d): compare with that tolerance
          assertAllClose(d, Math.acos(Math.min(1, sim)), {
            atol: 1e-15 / Math.max(1e-8, Math.sin(d)) + 1e-12,
          });
        }
      },
    ),
    RUNS,
  );
});

Deno.test("ckaDistance() satisfies the triangle inequality (linear CKA)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const [X, Y, Z] = [rand(15, 3, seed), rand(15, 4, seed + 1), rand(15, 5, seed + 2)];
      const d = (A: Matrix, B: Matrix) => ckaDistance(A, B);
      assert.ok(d(X, Z) <= (d(X, Y) + d(Y, Z)) * (1 + 1e-10));
    }),
    RUNS,
  );
});

Deno.test("CKA functions reject bad input with named arguments", () => {
  assert.throws(() => linearCKA(rand(4, 2, 1), rand(5, 2, 1)), {
    name: "TypeError",
    message:
      "Cannot compute linear CKA: `X` and `Y` must have the same number of rows: got shapes [4, 2] and [5, 2]",
  });
  assert.throws(() => debiasedCKA(rand(3, 2, 1), rand(3, 2, 2)), {
    name: "RangeError",
    message:
      "Cannot compute debiased CKA: debiased CKA needs at least 4 stimuli (rows of `X` and `Y`): got 3",
  });
  assert.throws(() => rbfCKA(rand(5, 2, 1), rand(5, 2, 2), { threshold: 0 }), {
    name: "RangeError",
    message: "Cannot compute RBF CKA: `threshold` must be a positive number: got 0",
  });
  assert.throws(() => linearCKA([[1, 1], [1, 1], [1, 1]], [[1], [2], [3]]), {
    name: "RangeError",
    message:
      "Cannot compute linear CKA: CKA is undefined because `X` has zero variance across stimuli (constant responses)",
  });
  // deno-lint-ignore no-explicit-any
  assert.throws(() => ckaDistance([[1], [2]], [[1], [3]], { kernel: "poly" as any }), {
    name: "RangeError",
    message: "Cannot compute CKA distance: `kernel` must be one of linear, rbf: got poly",
  });
  assert.throws(() => rbfCKA([[1], [1], [1], [2]], [[1], [2], [3], [4]]), {
    name: "RangeError",
    message:
      "Cannot compute RBF kernel: the median squared distance between stimuli is 0 (more than half the pairs of rows are identical)",
  });
});

Deno.test("CKA refuses a repeated row as zero variance (rounding after centring is not signal), except uncentred", () => {
  const X = rand(20, 4, 3);
  const dup: Matrix = { rows: 20, cols: 4, data: new Float64Array(80) };
  for (let i = 0; i < 20; i++) dup.data.set(X.data.subarray(0, 4), i * 4);
  const msg =
    /CKA is undefined because `Y` has zero variance across stimuli \(constant responses\)/;
  assert.throws(() => linearCKA(X, dup), { name: "RangeError", message: msg });
  assert.throws(() => rbfCKA(X, dup), { name: "RangeError", message: msg });
  assert.throws(() => debiasedCKA(X, dup), { name: "RangeError", message: msg });
  assert.throws(() => ckaDistance(X, dup), { name: "RangeError", message: msg });
  // without centring a constant non-zero network is a rank-one kernel: CKA is defined
  const r = linearCKA(X, dup, { center: false });
  assert.ok(r > 0 && r < 1, String(r));
});

Deno.test("linearCKA() honours kernel and debiased: it equals rbfCKA() and debiasedCKA() there", () => {
  const X = rand(20, 5, 11), Y = rand(20, 4, 12);
  const rbf = rbfCKA(X, Y), deb = debiasedCKA(X, Y), lin = linearCKA(X, Y);
  assert.equal(linearCKA(X, Y, { kernel: "rbf" }), rbf);
  assert.equal(
    linearCKA(X, Y, { kernel: "rbf", threshold: 0.5 }),
    rbfCKA(X, Y, { threshold: 0.5 }),
  );
  assert.equal(linearCKA(X, Y, { debiased: true }), deb);
  assert.equal(
    linearCKA(X, Y, { debiased: true, kernel: "rbf" }),
    debiasedCKA(X, Y, { kernel: "rbf" }),
  );
  assert.equal(linearCKA(X, Y, { kernel: "linear", debiased: false }), lin);
  assert.ok(Math.abs(rbf - lin) > 0.01 && Math.abs(deb - lin) > 0.01); // the options matter here
});

Deno.test("CKA functions refuse options they do not read, misspelt keys, non-boolean flags and null", () => {
  const X = rand(8, 3, 1), Y = rand(8, 2, 2);
  assert.throws(() => linearCKA(X, Y, { threshold: 0.5 }), {
    name: "RangeError",
    message:
      "Cannot compute linear CKA: `threshold` applies to the rbf kernel only: got 0.5 with kernel linear",
  });
  // deno-lint-ignore no-explicit-any
  const any = (o: unknown) => o as any;
  assert.throws(() => rbfCKA(X, Y, any({ kernel: "linear" })), {
    name: "TypeError",
    message: "Cannot compute RBF CKA: `kernel` is not an option (options: threshold)",
  });
  assert.throws(() => debiasedCKA(X, Y, any({ center: false })), {
    name: "TypeError",
    message: "Cannot compute debiased CKA: `center` is not an option (options: kernel, threshold)",
  });
  assert.throws(() => linearCKA(X, Y, any({ centre: false })), {
    name: "TypeError",
    message:
      "Cannot compute linear CKA: `centre` is not an option (options: kernel, threshold, center, debiased)",
  });
  assert.throws(() => ckaDistance(X, Y, any({ debiased: "false" })), {
    name: "TypeError",
    message: 'Cannot compute CKA distance: `debiased` must be a boolean: got "false"',
  });
  assert.throws(() => linearCKA(X, Y, any({ center: 0 })), {
    name: "TypeError",
    message: "Cannot compute linear CKA: `center` must be a boolean: got 0",
  });
  assert.throws(() => linearCKA(X, Y, any(null)), {
    name: "TypeError",
    message: "Cannot compute linear CKA: `options` must be an object: got null",
  });
});
