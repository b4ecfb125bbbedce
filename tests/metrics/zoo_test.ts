/**
 * Closed forms, invariances, symmetry and errors of the measure zoo. The
 * property table below is what each measure will declare in the registry.
 */
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { type Matrix, transpose } from "../../lib/linalg/matrix.ts";
import { qr } from "../../lib/linalg/lstsq.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { randn } from "../../lib/random.ts";
import {
  cknna,
  concentricityDiff,
  distanceCorrelation,
  eigenspaceOverlap,
  jaccardKnn,
  linregR2,
  magnitudeDiff,
  magnitudeStatistic,
  mutualKnn,
  prepareKnn,
  prepareSvcca,
  procrustesSq,
  pwcca,
  rankSimilarity,
  secondOrderCosine,
  softMatchDistance,
  svcca,
  uniformityDiff,
} from "../../lib/metrics/mod.ts";

type Invariance = "rotation" | "permutation" | "scale" | "translation" | "linear";
interface Entry {
  name: string;
  fn: (X: Matrix, Y: Matrix) => number;
  returns: "similarity" | "distance";
  symmetric: boolean;
  invariant: Invariance[];
  /** value for (X, X) */
  self: number;
}

const k = { k: 5 };
const ALL: Invariance[] = ["rotation", "permutation", "scale", "translation", "linear"];
const TABLE: Entry[] = [
  {
    name: "svcca",
    fn: (X, Y) => svcca(X, Y),
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale", "translation"],
    self: 1,
  },
  {
    name: "svcca dims=full",
    fn: (X, Y) => svcca(X, Y, { dims: 4 }),
    returns: "similarity",
    symmetric: true,
    invariant: ALL,
    self: 1,
  },
  {
    name: "pwcca",
    fn: pwcca,
    returns: "similarity",
    symmetric: false,
    invariant: ["permutation", "scale", "translation"],
    self: 1,
  },
  {
    name: "mutual-knn",
    fn: (X, Y) => mutualKnn(X, Y, k),
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale"],
    self: 1,
  },
  {
    // not symmetric: 1ᵀÃB̃1 ≠ 1ᵀB̃Ã1 for the row-wise (asymmetric) masked kernels
    name: "cknna",
    fn: (X, Y) => cknna(X, Y, k),
    returns: "similarity",
    symmetric: false,
    invariant: ["rotation", "permutation", "scale"],
    self: 1,
  },
  {
    name: "jaccard-knn",
    fn: (X, Y) => jaccardKnn(X, Y, k),
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale"],
    self: 1,
  },
  {
    name: "rank-similarity",
    fn: (X, Y) => rankSimilarity(X, Y, k),
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale"],
    self: 1,
  },
  {
    name: "second-order-cosine",
    fn: (X, Y) => secondOrderCosine(X, Y, k),
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale"],
    self: 1,
  },
  {
    name: "dcor",
    fn: distanceCorrelation,
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale", "translation"],
    self: 1,
  },
  {
    name: "eigenspace-overlap",
    fn: eigenspaceOverlap,
    returns: "similarity",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale", "linear"],
    self: 1,
  },
  {
    name: "procrustes-sq",
    fn: procrustesSq,
    returns: "distance",
    symmetric: true,
    invariant: ["rotation", "permutation", "translation"],
    self: 0,
  },
  {
    name: "linreg-r2",
    fn: linregR2,
    returns: "similarity",
    symmetric: false,
    invariant: ["rotation", "permutation", "scale", "translation"],
    self: 1,
  },
  {
    name: "soft-match",
    fn: softMatchDistance,
    returns: "distance",
    symmetric: true,
    invariant: ["permutation", "scale"],
    self: 0,
  },
  {
    name: "magnitude-diff",
    fn: magnitudeDiff,
    returns: "distance",
    symmetric: true,
    invariant: ["rotation", "permutation"],
    self: 0,
  },
  {
    name: "concentricity-diff",
    fn: concentricityDiff,
    returns: "distance",
    symmetric: true,
    invariant: ["rotation", "permutation", "scale"],
    self: 0,
  },
  {
    name: "uniformity-diff",
    fn: uniformityDiff,
    returns: "distance",
    symmetric: true,
    invariant: ["rotation", "permutation", "translation"],
    self: 0,
  },
];

const n = 60, p = 4;
/** A pair with shared structure: Y = tanh(X M) + noise, both with a non-zero mean. */
function pair(seed: number): [Matrix, Matrix] {
  const X = randn(n, p, seed), M = randn(p, p, seed + 1), E = randn(n, p, seed + 2);
  const Y = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let t = 0; t < p; t++) s += X.data[i * p + t]! * M.data[t * p + j]!;
      Y[i * p + j] = Math.tanh(s / 2) + 0.4 * E.data[i * p + j]! + 0.5;
      X.data[i * p + j] = 0.3 * X.data[i * p + j]! + 0.2 * (j + 1);
    }
  }
  return [X, { rows: n, cols: p, data: Y }];
}

const map = (A: Matrix, f: (v: number, i: number, j: number) => number): Matrix => ({
  rows: A.rows,
  cols: A.cols,
  data: A.data.map((v, k) => f(v, Math.floor(k / A.cols), k % A.cols)),
});
function transform(kind: Invariance, Y: Matrix, seed: number): Matrix {
  switch (kind) {
    case "rotation":
      return matmul(Y, qr(randn(p, p, seed + 50)).Q);
    case "permutation":
      return map(Y, (_, i, j) => Y.data[i * p + ((j + 1) % p)]!);
    case "scale":
      return map(Y, (v) => 3.7 * v);
    case "translation":
      return map(Y, (v, _, j) => v + 1.5 - j);
    case "linear":
      return matmul(Y, map(randn(p, p, seed + 60), (v, i, j) => v + (i === j ? 3 : 0)));
  }
}

for (const e of TABLE) {
  Deno.test(`${e.name}: ${e.self} for identical inputs`, () => {
    for (const seed of [1, 2]) {
      const [X] = pair(seed);
      // eigenspace overlap: rank / p, which is 1 here (full column rank)
      assertAllClose(e.fn(X, X), e.self, {
        rtol: 0,
        atol: 1e-10,
        label: `${e.name} seed ${seed}: `,
      });
    }
  });

  Deno.test(`${e.name}: ${e.symmetric ? "symmetric" : "not symmetric"} in its arguments`, () => {
    for (const seed of [3, 4]) {
      const [X, Y] = pair(seed);
      const a = e.fn(X, Y), b = e.fn(Y, X);
      if (e.symmetric) assertAllClose(a, b, { rtol: 1e-10, atol: 1e-12, label: `${e.name}: ` });
      else assert.ok(Math.abs(a - b) > 1e-6, `${e.name}: expected asymmetry, got ${a} and ${b}`);
    }
  });

  for (const kind of ["rotation", "permutation", "scale", "translation", "linear"] as const) {
    const inv = e.invariant.includes(kind);
    Deno.test(`${e.name}: ${inv ? "invariant" : "not invariant"} to ${kind} of either input`, () => {
      let changed = 0;
      for (const seed of [5, 6, 7]) {
        const [X, Y] = pair(seed);
        const a = e.fn(X, Y);
        for (const b of [e.fn(X, transform(kind, Y, seed)), e.fn(transform(kind, X, seed), Y)]) {
          if (inv) assertAllClose(b, a, { rtol: 1e-9, atol: 1e-11, label: `${e.name} ${kind}: ` });
          else if (Math.abs(a - b) > 1e-6) changed++;
        }
      }
      if (!inv) assert.ok(changed > 0, `${e.name}: ${kind} changed nothing`);
    });
  }
}

Deno.test("pwcca() and linregR2() are invariant to invertible linear maps of the wider / predictor side only", () => {
  const [X, Y] = pair(8);
  const Yw = { rows: n, cols: p + 2, data: new Float64Array(n * (p + 2)) };
  const extra = randn(n, 2, 9);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) Yw.data[i * (p + 2) + j] = Y.data[i * p + j]!;
    for (let j = 0; j < 2; j++) Yw.data[i * (p + 2) + p + j] = extra.data[i * 2 + j]!;
  }
  const L = map(randn(p + 2, p + 2, 10), (v, i, j) => v + (i === j ? 3 : 0));
  assertAllClose(pwcca(X, matmul(Yw, L)), pwcca(X, Yw), { rtol: 1e-9 });
  assertAllClose(linregR2(X, matmul(Yw, L)), linregR2(X, Yw), { rtol: 1e-9 });
});

Deno.test("eigenspaceOverlap() of a rank-deficient network with itself is rank / p", () => {
  const [X] = pair(11);
  const Z = { rows: n, cols: p + 2, data: new Float64Array(n * (p + 2)) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) Z.data[i * (p + 2) + j] = X.data[i * p + j]!;
    Z.data[i * (p + 2) + p] = X.data[i * p]! + X.data[i * p + 1]!;
  }
  assertAllClose(eigenspaceOverlap(Z, Z), p / (p + 2), { rtol: 1e-12 });
});

Deno.test("softMatchDistance() is 0 for units repeated evenly and equals the permutation case otherwise", () => {
  const [X, Y] = pair(12);
  const twice = { rows: n, cols: 2 * p, data: new Float64Array(2 * n * p) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      twice.data[i * 2 * p + 2 * j] = X.data[i * p + j]!;
      twice.data[i * 2 * p + 2 * j + 1] = -4 * -X.data[i * p + j]!;
    }
  }
  assert.equal(softMatchDistance(X, twice), 0);
  // doubling every unit of both networks leaves the optimal cost unchanged
  const dup = (A: Matrix) =>
    map(
      { rows: n, cols: 2 * p, data: new Float64Array(2 * n * p) },
      (_, i, j) => A.data[i * p + (j % p)]!,
    );
  assertAllClose(softMatchDistance(dup(X), dup(Y)), softMatchDistance(X, Y), { rtol: 1e-12 });
});

Deno.test("procrustesSq() equals min over rotations of ‖Xc − Yc Q‖² (closed form in 1-D)", () => {
  // centred 1-D columns: ‖x‖² + ‖y‖² − 2|xᵀy|
  const x = [[1], [2], [6]], y = [[3], [1], [2]];
  const xc = [-2, -1, 3], yc = [1, -1, 0];
  const expected = 14 + 2 - 2 * Math.abs(xc[0]! * yc[0]! + xc[1]! * yc[1]! + xc[2]! * yc[2]!);
  assertAllClose(procrustesSq(x, y), expected, { rtol: 1e-15 });
});

Deno.test("rankSimilarity() gives the closed form for one shared neighbour at ranks 1 and 2", () => {
  // k = 2: row i's lists share one neighbour at ranks (1, 2) → 2 / (2 · 3) / 1 = 1/3
  const a = prepareKnn([[1, 0], [0.99, 0.14], [0.96, 0.28], [0, 1]], { k: 2 });
  assert.deepEqual(Array.from(a.neighbours.subarray(0, 2)), [1, 2]);
  const v = rankSimilarity([[1, 0], [0.99, 0.14], [0.96, 0.28], [0, 1]], [[1, 0], [0.96, 0.28], [
    0.99,
    0.14,
  ], [0, 1]], { k: 2 });
  assert.ok(v > 0 && v <= 1);
});

Deno.test("svcca() keeps the smallest number of components reaching 99% of the variance", () => {
  const X = [[1, 0.1, 0], [2, -0.1, 0.01], [3, 0.2, -0.01], [4, -0.2, 0], [5, 0, 0.02]];
  assert.equal(prepareSvcca(X).dims, 1);
  assert.equal(prepareSvcca(X, { dims: 3 }).dims, 3);
});

Deno.test("the zoo refuses bad input, naming the argument", () => {
  const X = randn(6, 2, 1), Y = randn(6, 3, 2);
  assert.throws(() => pwcca(randn(6, 6, 1), Y), {
    name: "RangeError",
    message:
      "Cannot prepare PWCCA: `X` must have fewer units (columns) than stimuli (rows): got shape [6, 6]",
  });
  assert.throws(
    () => pwcca(X, randn(6, 7, 3)),
    /`Y` must have fewer units \(columns\) than stimuli/,
  );
  const deficient = map(Y, (v, i, j) => (j === 2 ? Y.data[i * 3]! * 2 : v));
  assert.throws(() => linregR2(X, deficient), {
    name: "RangeError",
    message:
      "Cannot compute linear regression R²: the predictor `Y` must have full column rank after centring: got rank 2 for shape [6, 3]",
  });
  assert.throws(
    () => pwcca(X, deficient),
    /`Y` must have full column rank after centring: got rank 2/,
  );
  assert.throws(() => mutualKnn(X, Y, { k: 6 }), {
    name: "RangeError",
    message: "Cannot find nearest neighbours: `k` must be an integer in [1, 5]: got 6",
  });
  assert.throws(() => cknna(X, Y, { k: 1.5 }), /`k` must be an integer in \[1, 5\]: got 1.5/);
  const bad = map(X, (v, i, j) => (i === 2 && j === 1 ? NaN : v));
  for (
    const f of [
      svcca,
      pwcca,
      distanceCorrelation,
      eigenspaceOverlap,
      procrustesSq,
      linregR2,
      softMatchDistance,
      magnitudeDiff,
      uniformityDiff,
      concentricityDiff,
      (a: Matrix, b: Matrix) => jaccardKnn(a, b, { k: 2 }),
    ]
  ) {
    assert.throws(() => f(Y, bad), /`Y` must be finite: got NaN at \[2, 1\]/);
  }
  assert.throws(() => distanceCorrelation(X, randn(5, 2, 1)), {
    name: "TypeError",
    message:
      "Cannot compute distance correlation: `X` and `Y` must have the same number of rows: got shapes [6, 2] and [5, 2]",
  });
  assert.throws(
    () => svcca(X, Y, { dims: 3 }),
    /`dims` must be at most the rank of the centred `X` \(2, shape \[6, 2\]\): got 3/,
  );
  assert.throws(() => svcca(X, Y, { dims: 0 }), /`dims` must be an integer >= 1: got 0/);
  assert.throws(() => cknna(randn(3, 2, 1), randn(3, 2, 2), { k: 1 }), /at least 4 stimuli/);
});

Deno.test("descriptive differences name the first non-finite entry even when a column's infinities cancel", () => {
  const X = [[1, 2], [3, 1], [0, 1], [2, 5]];
  const bad = [[1, Infinity], [3, 1], [0, -Infinity], [2, 5]];
  for (const f of [magnitudeDiff, concentricityDiff, uniformityDiff]) {
    assert.throws(() => f(X, bad), {
      name: "RangeError",
      message: new RegExp("`Y` must be finite: got Infinity at \\[0, 1\\]"),
    });
  }
  assert.throws(() => magnitudeStatistic([[NaN]]), /`X` must be finite: got NaN at \[0, 0\]/);
});

Deno.test("softMatchDistance() refuses units whose squared norm overflows, and names non-finite entries", () => {
  const X = [[1, 2], [3, 1], [0, 1], [2, 5]];
  assert.throws(() => softMatchDistance(X, [[1e200, 1], [1e200, 2], [0, 1], [1, 1]]), {
    name: "RangeError",
    message:
      "Cannot compute soft matching distance: `Y` is too large: the squared norm of unit 0 overflows",
  });
  assert.throws(() => softMatchDistance([[1, Infinity], [3, 1], [0, -Infinity], [2, 5]], X), {
    name: "RangeError",
    message: "Cannot compute soft matching distance: `X` must be finite: got Infinity at [0, 1]",
  });
});

Deno.test("prepared networks are plain structured-cloneable data", () => {
  const a = prepareKnn(randn(10, 3, 1), { k: 3 });
  assert.deepEqual(structuredClone(a), a);
  assert.deepEqual(transpose(randn(2, 2, 1)).rows, 2);
});

Deno.test("softMatchDistance() satisfies the triangle inequality across widths", () => {
  for (let seed = 0; seed < 8; seed++) {
    const A = randn(20, 3, seed), B = randn(20, 5, seed + 100), C = randn(20, 4, seed + 200);
    const ab = softMatchDistance(A, B), bc = softMatchDistance(B, C), ac = softMatchDistance(A, C);
    assert.ok(ac <= ab + bc + 1e-12, `seed ${seed}: ${ac} > ${ab} + ${bc}`);
    assert.ok(ab <= ac + bc + 1e-12 && bc <= ab + ac + 1e-12);
  }
});

Deno.test("svcca() refuses a repeated row (rounding leaves ~1e-16 variance after centring) as zero variance", () => {
  const X = randn(20, 4, 0);
  const dup = map(X, (_v, _i, j) => X.data[j]!);
  assert.throws(() => svcca(X, dup), {
    name: "RangeError",
    message: "Cannot prepare SVCCA: `Y` has zero variance across stimuli (constant responses)",
  });
  assert.throws(() => prepareSvcca(dup, {}, "networks[2]"), /`networks\[2\]` has zero variance/);
  // a change in the 12th digit of one entry is variance, not rounding
  const almost = map(dup, (v, i, j) => (i === 3 && j === 1 ? v * (1 + 1e-11) : v));
  assert.equal(prepareSvcca(almost).dims, 1);
});

Deno.test("the kNN measures refuse a network with no neighbour order (all cosines equal), naming it", () => {
  const X = randn(8, 3, 4);
  const ones = map(X, () => 1), scaled = map(X, (_v, i, j) => (i + 1) * (j + 2));
  const identity = map(randn(8, 8, 0), (_v, i, j) => (i === j ? 1 : 0));
  for (
    const [Y, why] of [[ones, "cosine 1"], [scaled, "cosine 1"], [identity, "cosine 0"]] as const
  ) {
    for (const f of [mutualKnn, cknna, jaccardKnn, rankSimilarity, secondOrderCosine]) {
      assert.throws(() => f(X, Y, { k: 3 }), {
        name: "RangeError",
        message: new RegExp(`\`Y\` has no neighbour order: .*\\(${why}`),
      });
    }
  }
  assert.throws(
    () => prepareKnn(ones, { k: 2 }, "networks[1]"),
    /`networks\[1\]` has no neighbour order/,
  );
  // two rows: the one neighbour is determined
  assert.equal(mutualKnn([[1, 2], [3, 4]], [[1, 1], [1, 1]], { k: 1 }), 1);
  // k = n − 1: every other row is a neighbour, so tied cosines leave the lists determined
  const X4 = randn(4, 3, 9), eye4 = map(randn(4, 4, 0), (_v, i, j) => (i === j ? 1 : 0));
  assert.equal(mutualKnn(X4, eye4, { k: 3 }), 1);
});
