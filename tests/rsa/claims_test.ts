// Properties of the RSA maths that hold by construction (closed forms, invariances)
// and the error branches.
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { mulberry32 } from "../../lib/random.ts";
import {
  allPairs,
  averageRanks,
  comparePrepared,
  compareRdmModels,
  compareRdms,
  compareRdmStacks,
  compareVectors,
  computeRdm,
  doubleCentred,
  evalBootstrap,
  fitModels,
  noiseCeiling,
  noiseCovariance,
  prepareRdm,
  RDM_COMPARATORS,
  rdmSquare,
  rdmStack,
  rdmVector,
  rsaSimilarity,
  solveV,
} from "../../lib/rsa/mod.ts";

function randomRdm(n: number, seed: number): number[][] {
  const r = mulberry32(seed);
  const v = Array.from({ length: n * (n - 1) / 2 }, () => r());
  const D = rdmSquare(v);
  return Array.from({ length: n }, (_, i) => Array.from(D.data.subarray(i * n, i * n + n)));
}

Deno.test("computeRdm() returns a symmetric matrix with an exactly zero diagonal", () => {
  const r = mulberry32(3);
  const X = Array.from({ length: 5 }, () => Array.from({ length: 4 }, () => r() + 0.1));
  for (const method of ["euclidean", "correlation", "mahalanobis", "poisson"] as const) {
    const D = computeRdm(X, { method }).rdm;
    for (let i = 0; i < 5; i++) {
      assert.equal(D.data[i * 5 + i], 0);
      for (let j = 0; j < 5; j++) assert.equal(D.data[i * 5 + j], D.data[j * 5 + i]);
    }
  }
});

Deno.test("computeRdm() mahalanobis without noise equals euclidean", () => {
  const X = [[1, 2, 0], [0, 1, 3], [2, 2, 2], [5, 0, 1]];
  assert.deepEqual(
    computeRdm(X, { method: "mahalanobis" }).rdm.data,
    computeRdm(X, { method: "euclidean" }).rdm.data,
  );
});

Deno.test("computeRdm() crossnobis is unbiased: zero expected distance between identical conditions", () => {
  // two conditions with the same mean, pure noise: crossnobis averages near 0, euclidean is positive
  const g = mulberry32(11);
  const rows: number[][] = [], c: number[] = [], runs: number[] = [];
  for (let run = 0; run < 8; run++) {
    for (let cond = 0; cond < 3; cond++) {
      rows.push(Array.from({ length: 50 }, () => g() - 0.5 + (cond === 2 ? 1 : 0)));
      c.push(cond);
      runs.push(run);
    }
  }
  const D = computeRdm(rows, { method: "crossnobis", conditions: c, runs }).rdm;
  const E = computeRdm(rows, { method: "euclidean", conditions: c }).rdm;
  assert.ok(Math.abs(D.data[1]!) < 0.01, `crossnobis d01 = ${D.data[1]}`);
  assert.ok(E.data[1]! > 0.01, `euclidean d01 = ${E.data[1]}`);
  assert.ok(Math.abs(D.data[2]! - 1) < 0.1, `crossnobis d02 = ${D.data[2]}`);
});

Deno.test("computeRdm() rejects bad designs naming the argument", () => {
  assert.throws(() => computeRdm([[1, 2], [3, 4]]), {
    name: "RangeError",
    message: "Cannot compute RDM: need at least 3 conditions: got 2",
  });
  assert.throws(() => computeRdm([[1], [2], [3]], { method: "poisson", noise: [[1]] }), {
    name: "RangeError",
    message: "Cannot compute RDM: `noise` applies to mahalanobis and crossnobis only: got poisson",
  });
  assert.throws(
    () => computeRdm([[1], [2], [-3]], { method: "poisson" }),
    /> -0.1: got -3 at \[2, 0\]/,
  );
  assert.throws(
    () => computeRdm([[1, 1], [2, 3], [3, 1]], { method: "correlation" }),
    /condition 0 is constant/,
  );
  assert.throws(
    () => computeRdm([[1], [2], [3]], { method: "crossnobis", conditions: [0, 1, 2] }),
    {
      name: "TypeError",
      message: "Cannot compute RDM: crossnobis needs `conditions` and `runs` labels for each row",
    },
  );
  assert.throws(
    () => computeRdm([[1], [2], [3]], { conditions: [0, 1] }),
    /`conditions` must have one label per row of `X` \(3\): got 2/,
  );
  assert.throws(
    () => computeRdm([[1, 0], [0, 1], [1, 1]], { method: "mahalanobis", noise: [[1, 2], [2, 1]] }),
    /`noise` must be a symmetric positive definite covariance/,
  );
  assert.throws(() => computeRdm([[NaN], [2], [3]]), /`X` must be finite: got NaN at \[0, 0\]/);
});

Deno.test("every comparator gives 1 for an untied RDM against itself (bures: for a PSD G)", () => {
  // a euclidean RDM of real points has a positive semi-definite G; tau-a and rho-a
  // reach 1 only without tied entries
  const D = computeRdm([[0, 0], [1, 0.3], [0.2, 2], [3, 1.1], [1.4, 1.7]]).rdm;
  for (const m of RDM_COMPARATORS) {
    assertAllClose(compareRdms(D, D, { method: m }), 1, { rtol: 1e-9, label: `${m}: ` });
  }
});

Deno.test("rank comparators are invariant to monotone transforms; cosine is not", () => {
  const A = randomRdm(6, 1), B = randomRdm(6, 2);
  const B3 = B.map((row) => row.map((x) => x ** 3));
  for (const m of ["spearman", "kendall", "tau-a", "rho-a"] as const) {
    assertAllClose(compareRdms(A, B3, { method: m }), compareRdms(A, B, { method: m }), {
      rtol: 1e-12,
    });
  }
  assert.notEqual(
    compareRdms(A, B3, { method: "cosine" }),
    compareRdms(A, B, { method: "cosine" }),
  );
});

Deno.test("rho-a falls below spearman when there are ties, and equals it without", () => {
  const a = [1, 1, 2, 3, 3, 3], b = [1, 2, 2, 3, 4, 4];
  assert.ok(compareVectors(a, b, "rho-a") < compareVectors(a, b, "spearman"));
  const c = [1, 2, 3, 4, 5, 6], d = [2, 1, 4, 3, 6, 5];
  assertAllClose(compareVectors(c, d, "rho-a"), compareVectors(c, d, "spearman"), { rtol: 1e-14 });
});

Deno.test("corr_cov is invariant to adding a constant to every entry; cosine_cov is not", () => {
  const A = randomRdm(5, 3), B = randomRdm(5, 4);
  const Bs = B.map((row, i) => row.map((x, j) => (i === j ? 0 : x + 2)));
  assertAllClose(
    compareRdms(A, Bs, { method: "corr_cov" }),
    compareRdms(A, B, { method: "corr_cov" }),
    { rtol: 1e-12 },
  );
  assert.ok(
    Math.abs(
      compareRdms(A, Bs, { method: "cosine_cov" }) - compareRdms(A, B, { method: "cosine_cov" }),
    ) > 1e-6,
  );
});

Deno.test("the whitened inner product aᵀV⁻¹b equals ⟨G_a, G_b⟩ (CG on V, three eigenvalues)", () => {
  const n = 7, a = Float64Array.from(randomRdm(n, 5).flatMap((r, i) => r.slice(i + 1)));
  const b = Float64Array.from(randomRdm(n, 6).flatMap((r, i) => r.slice(i + 1)));
  const x = solveV(b, allPairs(n));
  let lhs = 0, rhs = 0;
  a.forEach((v, e) => (lhs += v * x[e]!));
  const Ga = doubleCentred(a, n), Gb = doubleCentred(b, n);
  Ga.forEach((v, k) => (rhs += v * Gb[k]!));
  assertAllClose(lhs, rhs, { rtol: 1e-10 });
});

Deno.test("compareRdmStacks() entry [i][j] compares A_i with B_j", () => {
  const A = [randomRdm(5, 1), randomRdm(5, 2)],
    B = [randomRdm(5, 3), randomRdm(5, 4), randomRdm(5, 5)];
  const S = compareRdmStacks(A, B, { method: "kendall" });
  assert.deepEqual([S.rows, S.cols], [2, 3]);
  assert.equal(S.data[1 * 3 + 2], compareRdms(A[1]!, B[2]!, { method: "kendall" }));
});

Deno.test("RDM inputs are checked: NaN, non-square, asymmetric, too small, mismatched", () => {
  const D = randomRdm(4, 1);
  assert.throws(
    () => compareRdms([[0, 1], [1, 0]], [[0, 1], [1, 0]]),
    /`A` must have at least 3 conditions: got 2/,
  );
  assert.throws(
    () => compareRdms(D, randomRdm(5, 1)),
    /must have the same number of conditions: got 4 and 5/,
  );
  assert.throws(
    () => compareRdms(D, D, { method: "pearson" as "corr" }),
    /`method` must be one of cosine, corr, spearman/,
  );
  assert.throws(() => rdmStack({ shape: [2, 3], data: [0, 1, 2, 1, 0, 3] }, "R"), {
    name: "TypeError",
    message: "Invalid RDMs: `R[0]` must be square: got shape [2, 3]",
  });
  assert.throws(
    () => rdmStack({ shape: [2, 2, 2, 2], data: new Float64Array(16) }, "R"),
    /must be \[K, n, n\] or \[n, n\]: got shape \[2, 2, 2, 2\]/,
  );
});

Deno.test("averageRanks() matches scipy's average method on ties", () => {
  assert.deepEqual(Array.from(averageRanks([3, 1, 3, 2, 3])), [4, 1, 4, 2, 4]);
});

Deno.test("noiseCeiling() lower never exceeds upper and bures is refused", () => {
  const g = mulberry32(9);
  const truth = randomRdm(6, 7);
  const subjects = Array.from(
    { length: 4 },
    () => truth.map((row, i) => row.map((x, j) => (i === j ? 0 : x))),
  );
  // add symmetric noise
  for (const S of subjects) {
    for (let i = 0; i < 6; i++) {
      for (let j = i + 1; j < 6; j++) S[i]![j] = S[j]![i] = S[i]![j]! + 0.3 * g();
    }
  }
  for (const m of RDM_COMPARATORS.filter((m) => m !== "bures")) {
    const nc = noiseCeiling(subjects, { method: m });
    assert.ok(nc.lower <= nc.upper + 1e-12, m);
  }
  assert.throws(() => noiseCeiling(subjects, { method: "bures" }), /not defined for bures/);
  assert.throws(() => noiseCeiling([truth], { method: "corr" }), /at least 2 subject RDMs: got 1/);
});

Deno.test("fitModels() weights have unit length and reject comparators it cannot fit", () => {
  const data = [randomRdm(6, 1), randomRdm(6, 2)], models = [randomRdm(6, 3), randomRdm(6, 4)];
  for (const method of ["cosine", "corr", "cosine_cov", "corr_cov"] as const) {
    for (const fitter of ["nnls", "regress"] as const) {
      const w = fitModels(data, models, { method, fitter }).weights;
      assertAllClose(Math.hypot(...w), 1, { rtol: 1e-12 });
      if (fitter === "nnls") assert.ok(w.every((x) => x >= 0));
    }
  }
  assert.throws(() => fitModels(data, models, { method: "spearman" as "corr" }), {
    name: "RangeError",
    message:
      'Cannot fit weighted model: `method` must be one of cosine, corr, cosine_cov, corr_cov for a fitted model: got "spearman"',
  });
});

Deno.test("evalBootstrap() pattern resampling counts entry (i, j) c_i·c_j times, as documented", () => {
  // replay the documented draw (n indices from mulberry32(seed)) with the generic comparator
  const n = 8, data = [randomRdm(n, 1), randomRdm(n, 2), randomRdm(n, 3)], model = randomRdm(n, 4);
  const r = evalBootstrap(data, model, {
    method: "corr",
    bootstrap: "pattern",
    samples: 50,
    seed: 7,
  });
  const rand = mulberry32(7);
  const vec = (D: number[][]) => Float64Array.from(D.flatMap((row, i) => row.slice(i + 1)));
  const pm = prepareRdm(vec(model), n, "corr"), pd = data.map((D) => prepareRdm(vec(D), n, "corr"));
  const evals: number[] = [];
  for (let s = 0; s < 50; s++) {
    const c = new Array(n).fill(0);
    for (let t = 0; t < n; t++) c[Math.floor(rand() * n)]++;
    if (c.filter((x) => x > 0).length < 3) continue;
    const w: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) w.push(c[i] * c[j]);
    evals.push(pd.reduce((acc, d) => acc + comparePrepared(pm, d, "corr", w), 0) / 3);
  }
  const mean = evals.reduce((a, b) => a + b, 0) / evals.length;
  const v = evals.reduce((a, b) => a + (b - mean) ** 2, 0) / (evals.length - 1);
  assertAllClose(r.se, Math.sqrt(n / (n - 1) * v), { rtol: 1e-9 });
  assert.equal(r.valid, evals.length);
});

Deno.test("evalBootstrap() is reproducible from its seed and checks its options", () => {
  const data = [randomRdm(6, 1), randomRdm(6, 2)], model = randomRdm(6, 3);
  const a = evalBootstrap(data, model, { method: "spearman", samples: 30, seed: 5 });
  const b = evalBootstrap(data, model, { method: "spearman", samples: 30, seed: 5 });
  assert.equal(a.se, b.se);
  assert.ok(a.ci[0] <= a.ci[1]);
  assert.throws(
    () => evalBootstrap(data, model, { samples: 0 }),
    /`samples` must be an integer >= 1: got 0/,
  );
  assert.throws(
    () => evalBootstrap(data, model, { method: "bures" }),
    /pattern bootstrap drops entries, which bures cannot/,
  );
  assert.throws(
    () => evalBootstrap([data[0]!], model, { bootstrap: "rdm" }),
    /at least 2 subject RDMs: got 1/,
  );
});

Deno.test("compareRdmModels() ranks the true model first and reports the noise ceiling", () => {
  const truth = randomRdm(8, 1), other = randomRdm(8, 2);
  const g = mulberry32(4);
  const data = Array.from({ length: 4 }, () => truth.map((row) => row.slice()));
  for (const S of data) {
    for (let i = 0; i < 8; i++) {
      for (let j = i + 1; j < 8; j++) S[i]![j] = S[j]![i] = S[i]![j]! + 0.2 * g();
    }
  }
  const r = compareRdmModels(data, [truth, other], {
    method: "corr",
    samples: 100,
    names: ["truth", "other"],
  });
  assert.ok(r.evaluations[0]! > r.evaluations[1]!);
  assert.ok(r.noiseCeiling!.lower <= r.noiseCeiling!.upper);
  assert.deepEqual(r.models, ["truth", "other"]);
});

Deno.test("rsaSimilarity() equals compare(RDM(X), RDM(Y)) and is 1 for a rotated copy", () => {
  const X = [[1, 0, 2], [0, 2, 1], [3, 1, 0], [2, 2, 2], [0, 0, 1]];
  const c = Math.cos(0.4), s = Math.sin(0.4);
  const Y = X.map(([a, b, z]) => [c * a! - s * b!, s * a! + c * b!, z!]);
  assertAllClose(rsaSimilarity(X, Y, { rdm: "euclidean", compare: "cosine" }), 1, { rtol: 1e-12 });
  const Z = [[1], [4], [2], [2], [7]];
  assert.equal(
    rsaSimilarity(X, Z, { rdm: "euclidean", compare: "spearman" }),
    compareRdms(computeRdm(X).rdm, computeRdm(Z).rdm, { method: "spearman" }),
  );
  assert.throws(
    () => rsaSimilarity(X, Z.slice(1)),
    /same number of rows: got shapes \[5, 3\] and \[4, 1\]/,
  );
});

Deno.test("noiseCovariance() shrinkage keeps the variances and shrinks the covariances", () => {
  const g = mulberry32(2);
  const R = Array.from({ length: 10 }, () => {
    const z = g();
    return [z + g(), z + g(), g()];
  });
  const full = noiseCovariance(R, { method: "full" });
  for (const method of ["shrinkage-diagonal", "ledoit-wolf"] as const) {
    const S = noiseCovariance(R, { method });
    assert.ok(Math.abs(S.data[1]!) <= Math.abs(full.data[1]!) + 1e-15, method);
  }
  const D = noiseCovariance(R, { method: "shrinkage-diagonal" });
  for (let i = 0; i < 3; i++) assertAllClose(D.data[i * 4]!, full.data[i * 4]!, { rtol: 1e-14 });
  assert.throws(
    () => noiseCovariance(R, { method: "oas" as "full" }),
    /`method` must be one of full, diagonal/,
  );
  assert.throws(() => noiseCovariance([[1, 2]]), /at least 2 rows: got 1/);
});

Deno.test("corr of a constant RDM is NaN, not a rounding artefact, and such resamples are discarded", () => {
  const third = 1 / 3;
  const p = (v: number[], method: "corr" | "spearman") =>
    prepareRdm(Float64Array.from(v), 3, method);
  assert.ok(
    Number.isNaN(comparePrepared(p([third, third, third], "corr"), p([1, 2, 3], "corr"), "corr")),
  );
  assert.ok(
    Number.isNaN(
      comparePrepared(p([1, 2, 3], "spearman"), p([0.1, 0.1, 0.1], "spearman"), "spearman"),
    ),
  );
  // the public entry point refuses it rather than return NaN
  assert.throws(
    () => compareVectors([third, third, third], [1, 2, 3], "corr"),
    /`a` is constant \(every dissimilarity is 0.3333333333333333\)/,
  );
  // subject 2 is constant on most of its entries: resamples where it is constant are dropped
  const D = [[0, 1, 1, 1, 2], [1, 0, 1, 1, 3], [1, 1, 0, 1, 1], [1, 1, 1, 0, 4], [2, 3, 1, 4, 0]];
  const r = evalBootstrap([D, randomRdm(5, 1)], randomRdm(5, 2), { method: "corr", samples: 300 });
  assert.ok(Number.isFinite(r.se) && r.valid < 300, `se ${r.se}, valid ${r.valid}`);
});

Deno.test("kendall and tau-a with multiplicities equal the pair count over the expanded vectors", () => {
  const r = mulberry32(21);
  for (let trial = 0; trial < 20; trial++) {
    const m = 10;
    const a = Array.from({ length: m }, () => Math.floor(r() * 4));
    const b = Array.from({ length: m }, () => Math.floor(r() * 4));
    const w = Array.from({ length: m }, () => Math.floor(r() * 3));
    if (w.reduce((x, y) => x + y, 0) < 3) continue;
    // brute force over the expanded vectors
    const ea: number[] = [], eb: number[] = [];
    w.forEach((c, e) => {
      for (let k = 0; k < c; k++) {
        ea.push(a[e]!);
        eb.push(b[e]!);
      }
    });
    const M = ea.length;
    let s = 0, ta = 0, tb = 0;
    for (let i = 0; i < M; i++) {
      for (let j = i + 1; j < M; j++) {
        const da = Math.sign(ea[i]! - ea[j]!), db = Math.sign(eb[i]! - eb[j]!);
        s += da * db;
        if (da === 0) ta++;
        if (db === 0) tb++;
      }
    }
    const n0 = M * (M - 1) / 2;
    const n = 5; // m = 10 = 5·4/2
    const pa = prepareRdm(Float64Array.from(a), n, "kendall");
    const pb = prepareRdm(Float64Array.from(b), n, "kendall");
    const tauB = s / Math.sqrt((n0 - ta) * (n0 - tb));
    const got = comparePrepared(pa, pb, "kendall", w);
    if (Number.isNaN(tauB)) assert.ok(Number.isNaN(got));
    else assertAllClose(got, tauB, { rtol: 1e-12, atol: 1e-14 });
    assertAllClose(comparePrepared(pa, pb, "tau-a", w), s / n0, { rtol: 1e-12, atol: 1e-14 });
  }
});

Deno.test("rdmVector() ignores the diagonal, NaN included, but not NaN off it", () => {
  assert.deepEqual(Array.from(rdmVector([[NaN, 1, 2], [1, 7, 3], [2, 3, 0]])), [1, 2, 3]);
  assert.throws(
    () => rdmVector([[0, NaN, 2], [NaN, 0, 3], [2, 3, 0]], "D"),
    /`D` must be finite: got NaN at \[0, 1\]/,
  );
});

Deno.test("computeRdm() refuses dissimilarities that overflow float64 instead of returning Infinity", () => {
  const X = [[1e160, 0], [-1e160, 1], [0, 2]];
  assert.throws(() => computeRdm(X), /overflow float64.*\|x\| = 1e\+160/);
  // correlation distances of the same data are scale-free and finite
  assert.ok(computeRdm(X, { method: "correlation" }).rdm.data.every(Number.isFinite));
});

Deno.test("undefined RDM similarities are errors naming the RDM, not NaN", () => {
  const D = [[0, 1, 2, 4], [1, 0, 3, 5], [2, 3, 0, 6], [4, 5, 6, 0]];
  const E = [[0, 3, 1, 2], [3, 0, 5, 1], [1, 5, 0, 2], [2, 1, 2, 0]];
  const flat = D.map((row, i) => row.map((_, j) => (i === j ? 0 : 1)));
  const zero = D.map((row) => row.map(() => 0));
  for (const method of ["corr", "spearman", "kendall", "corr_cov"] as const) {
    assert.throws(() => compareRdms(D, flat, { method }), {
      name: "RangeError",
      message:
        `Cannot compare RDMs: \`B\` is constant (every dissimilarity is 1): ${method} is undefined for it (no variance)`,
    });
  }
  // cosine does not centre: a constant RDM is fine, an all-zero one is not
  assert.ok(Number.isFinite(compareRdms(D, flat, { method: "cosine" })));
  assert.throws(() => compareRdms(zero, D, { method: "cosine" }), {
    message: "Cannot compare RDMs: `A` is all zeros: cosine is undefined for it",
  });
  assert.throws(() => compareRdmStacks([D, flat], [D], { method: "corr" }), {
    message: /^Cannot compare RDMs: `A\[1\]` is constant/,
  });
  assert.throws(() => noiseCeiling([D, flat, E], { method: "corr" }), {
    message: /^Cannot compute noise ceiling: subject 1 of `rdms` is constant/,
  });
  assert.throws(() => fitModels([D, flat], [D, E], { method: "corr" }), {
    message: /^Cannot fit weighted model: subject 1 of `data` is constant/,
  });
  assert.throws(() => evalBootstrap([D, E], flat, { method: "corr", samples: 10 }), {
    message: /^Cannot evaluate model: `model` is constant/,
  });
  assert.throws(() => evalBootstrap([D, E], D, { method: "corr", samples: 1 }), {
    name: "RangeError",
    message:
      "Cannot evaluate model: `samples` must be at least 2 (a standard error needs 2 samples): got 1",
  });
  // rank comparators tau-a and rho-a are defined (0) for a constant RDM
  assert.equal(compareRdms(D, flat, { method: "tau-a" }), 0);
});

Deno.test("RDM comparisons do not depend on each RDM's scale, from 1e-200 to 1e300", () => {
  const D = [[0, 1, 2, 4], [1, 0, 3, 5], [2, 3, 0, 6], [4, 5, 6, 0]];
  const E = [[0, 3, 1, 2], [3, 0, 5, 1], [1, 5, 0, 2], [2, 1, 2, 0]];
  const times = (A: number[][], f: number) => A.map((row) => row.map((v) => v * f));
  for (const method of RDM_COMPARATORS) {
    const base = compareRdms(D, E, { method });
    for (const f of [1e-200, 1e300]) {
      const label = `${method} × ${f}`;
      assertAllClose(compareRdms(times(D, f), E, { method }), base, { rtol: 1e-12, label });
      assertAllClose(compareRdmStacks([times(D, f)], [E], { method }).data[0]!, base, {
        rtol: 1e-12,
        label,
      });
    }
  }
  const nc = noiseCeiling([D, E, times(D, 0.5)], { method: "corr" });
  const ncHuge = noiseCeiling([times(D, 1e300), E, times(D, 0.5)], { method: "corr" });
  assertAllClose([ncHuge.lower, ncHuge.upper], [nc.lower, nc.upper], { rtol: 1e-12 });
  const ev = evalBootstrap([D, E], D, { method: "cosine", samples: 20 });
  const evTiny = evalBootstrap([D, E], times(D, 1e-200), { method: "cosine", samples: 20 });
  assertAllClose(evTiny.evaluation, ev.evaluation, { rtol: 1e-12 });
  const fit = fitModels([D, E], [D, E], { method: "cosine" });
  const fitHuge = fitModels([times(D, 1e300), E], [times(D, 1e300), times(E, 1e300)], {
    method: "cosine",
  });
  assertAllClose(fitHuge.weights, fit.weights, { rtol: 1e-12 });
  assertAllClose(fitHuge.similarity, fit.similarity, { rtol: 1e-12 });
});

Deno.test("computeRdm() refuses dissimilarities below float64's range instead of printing zeros, and correlation RDMs hold at any scale", () => {
  const X = [[1, 0, 2], [0, 2, 1], [3, 1, 0], [1, 1, 1.5]];
  const times = (f: number) => X.map((row) => row.map((v) => v * f));
  assert.throws(() => computeRdm(times(1e-300)), {
    name: "RangeError",
    message:
      /^Cannot compute RDM: the dissimilarities underflow float64 \(entry 0 is about 1e-600\)/,
  });
  // X·2^-505: below 2^-500, so rescaled; the squares (~2^-1010) are in range and come out exact
  const base = computeRdm(X).rdm.data;
  const r = computeRdm(times(2 ** -505)).rdm.data;
  assert.deepEqual(Array.from(r), Array.from(base, (v) => v * 2 ** -1010));
  const corr = computeRdm(X, { method: "correlation" }).rdm.data;
  for (const f of [1e-300, 1e300]) {
    assertAllClose(computeRdm(times(f), { method: "correlation" }).rdm.data, corr, {
      rtol: 1e-12,
      atol: 1e-15,
    });
  }
});
