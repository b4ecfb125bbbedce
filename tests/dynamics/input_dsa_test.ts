import assert from "node:assert/strict";
import { controllabilityMatrix, inputDsaDistance } from "../../lib/dynamics/input_dsa.ts";
import { gramianDistance } from "../../lib/dynamics/gramian_distance.ts";
import { fitSubspaceDmdc } from "../../lib/dynamics/subspace_dmdc.ts";
import { similarityTransformDistance } from "../../lib/dynamics/similarity.ts";
import { simulateDriven, type StateSpaceSystem } from "../../lib/dynamics/simulate/driven.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { randomStableMatrix } from "../../lib/dynamics/simulate/linear.ts";
import { mm } from "../../lib/dynamics/dense.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { mulberry32, normalSampler, randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const A = [[0.9, 0.2, 0], [-0.2, 0.9, 0.1], [0, 0, 0.5]];
const B = [[1], [0], [0.5]];
const C = [[1, 0, 0.3], [0, 1, -1]];

function inputs(steps: number, seed: number, m = 1) {
  const g = normalSampler(mulberry32(seed));
  return { shape: [steps, m], data: Float64Array.from({ length: steps * m }, g) };
}

const fitOf = (
  Y: Parameters<typeof fitSubspaceDmdc>[0],
  U: Parameters<typeof fitSubspaceDmdc>[1],
) => fitSubspaceDmdc(Y, U, { nDelays: 4, rank: 3 });

Deno.test("input-dsa is zero between a system and any change of its state basis (x' = T x)", () => {
  const n = 3, T = randn(n, n, 3).data.map((v, k) => v + (k % 4 === 0 ? 2 : 0));
  // inverse of T by solving T X = I column by column (3×3: Cramer's rule is enough)
  const [a, b, c, d, e, f, g, h, i] = Array.from(T);
  const det = a! * (e! * i! - f! * h!) - b! * (d! * i! - f! * g!) + c! * (d! * h! - e! * g!);
  const Ti = [
    e! * i! - f! * h!,
    c! * h! - b! * i!,
    b! * f! - c! * e!,
    f! * g! - d! * i!,
    a! * i! - c! * g!,
    c! * d! - a! * f!,
    d! * h! - e! * g!,
    b! * g! - a! * h!,
    a! * e! - b! * d!,
  ].map((v) => v / det);
  const At = mm(mm(T, Float64Array.from(A.flat()), n, n, n), Float64Array.from(Ti), n, n, n);
  const Bt = mm(T, Float64Array.from(B.flat()), n, n, 1);
  const Ct = mm(Float64Array.from(C.flat()), Float64Array.from(Ti), 2, n, n);
  const sys2: StateSpaceSystem = {
    A: { rows: n, cols: n, data: At },
    B: { rows: n, cols: 1, data: Bt },
    C: { rows: 2, cols: n, data: Ct },
  };
  const U = inputs(400, 1);
  const opts = { observationNoise: 0.05, seed: 2 };
  const Y1 = simulateDriven({ A, B, C }, U, opts), Y2 = simulateDriven(sys2, U, opts);
  const f1 = fitOf(Y1, U), f2 = fitOf(Y2, U);
  for (const compare of ["joint", "state", "input"] as const) {
    const d = inputDsaDistance(f1.A, f1.B, f2.A, f2.B, { compare }).distance;
    assert.ok(d < 1e-7, `${compare}: ${d}`);
  }
});

Deno.test("input-dsa is zero after rotating the observed channels, and scale-free in angular score", () => {
  const U = inputs(500, 4);
  const Y = simulateDriven({ A, B, C }, U, { processNoise: 0.05, observationNoise: 0.05, seed: 5 });
  const Q = haarOrthogonal(2, mulberry32(6));
  const Yq = { shape: Y.shape, data: new Float64Array(Y.data.length) };
  for (let t = 0; t < 500; t++) {
    for (let i = 0; i < 2; i++) {
      Yq.data[t * 2 + i] = 5 * (Q[i * 2]! * Y.data[t * 2]! + Q[i * 2 + 1]! * Y.data[t * 2 + 1]!);
    }
  }
  const f1 = fitOf(Y, U), f2 = fitOf(Yq, U);
  const r = inputDsaDistance(f1.A, f1.B, f2.A, f2.B);
  assert.ok(r.distance < 1e-9, `joint ${r.distance}`);
  assert.ok(r.state.angular < 1e-9 && r.input.angular < 1e-9);
  // euclidean is not normalised: B scales by √5 with the observations
  const e = inputDsaDistance(f1.A, f1.B, f2.A, f2.B, { score: "euclidean" });
  assert.ok(e.distance > 0.1, `euclidean ${e.distance}`);
  assert.ok(gramianDistance(f1.A, f1.B, f2.A, f2.B).distance < 1e-9);
});

Deno.test("inputDsaDistance() grows when B turns while A is kept, and the state part stays zero", () => {
  const Am = { rows: 3, cols: 3, data: Float64Array.from(A.flat()) };
  let last = -1;
  for (const theta of [0, 0.3, 0.6, 0.9, 1.2]) {
    const Bt = [[Math.cos(theta)], [Math.sin(theta)], [0.5 * Math.cos(theta)]];
    const r = inputDsaDistance(Am, B, Am, Bt);
    assert.ok(r.distance > last, `θ = ${theta}: ${r.distance} after ${last}`);
    assert.ok(inputDsaDistance(Am, B, Am, Bt, { compare: "state" }).distance < 1e-12);
    last = r.distance;
  }
});

Deno.test("input-dsa on fitted systems grows when B turns while A is kept; A's spectrum stays exact", () => {
  const U = inputs(400, 7);
  const f0 = fitOf(simulateDriven({ A, B, C }, U), U);
  const spectrum = (f: typeof f0) =>
    Array.from(f.eigenvalues.re).map((re, k) => [re, f.eigenvalues.im[k]!]).sort((a, b) =>
      a[0]! - b[0]! || a[1]! - b[1]!
    ).flat();
  const joints: number[] = [], states: number[] = [];
  for (const theta of [0, 0.3, 0.6, 0.9, 1.2]) {
    const Bt = [[Math.cos(theta)], [Math.sin(theta)], [0.5 * Math.cos(theta)]];
    const f = fitOf(simulateDriven({ A, B: Bt, C }, U), U);
    joints.push(inputDsaDistance(f0.A, f0.B, f.A, f.B).distance);
    states.push(inputDsaDistance(f0.A, f0.B, f.A, f.B, { compare: "state" }).distance);
    assertAllClose(spectrum(f), spectrum(f0), { rtol: 0, atol: 1e-9 });
  }
  assert.ok(joints[0]! < 1e-9, `θ = 0: ${joints[0]}`);
  for (let k = 1; k < joints.length; k++) assert.ok(joints[k]! > joints[k - 1]!, `${joints}`);
  // the fitted state basis depends on B (S^½Vᵀ of the oblique projection), so A comes back
  // conjugated by a non-orthogonal map: its DSA distance is small but not zero
  for (let k = 1; k < joints.length; k++) assert.ok(states[k]! < joints[k]!, `${states} ${joints}`);
});

Deno.test("inputDsaDistance(compare: state) is DSA's similarity-transform distance, with or without B", () => {
  const A1 = randomStableMatrix(4, { seed: 8, spectralRadius: 0.9 });
  const A2 = randomStableMatrix(4, { seed: 9, spectralRadius: 0.9 });
  const B1 = randn(4, 2, 10), zero = { rows: 4, cols: 2, data: new Float64Array(8) };
  const dsa = similarityTransformDistance(A1, A2);
  for (const [b1, b2] of [[B1, randn(4, 2, 11)], [zero, zero]]) {
    const r = inputDsaDistance(A1, b1!, A2, b2!, { compare: "state" });
    assertAllClose(r.distance, dsa.distance, { rtol: 1e-9, atol: 1e-12 });
  }
  const e = inputDsaDistance(A1, B1, A2, B1, { compare: "state", score: "euclidean" });
  assertAllClose(e.distance, similarityTransformDistance(A1, A2, { score: "euclidean" }).distance, {
    rtol: 1e-9,
  });
  // the joint comparison needs B ≠ 0 and says so
  assert.throws(
    () => inputDsaDistance(A1, zero, A2, zero),
    { name: "RangeError", message: /controllability matrix is zero .*`compare: "state"`/ },
  );
});

Deno.test("inputDsaDistance() is zero for an exact orthogonal conjugate (A₂ = QA₁Qᵀ, B₂ = QB₁) and symmetric", () => {
  const n = 5;
  const A1 = randomStableMatrix(n, { seed: 12, spectralRadius: 0.95 }), B1 = randn(n, 2, 13);
  const Q = haarOrthogonal(n, mulberry32(14), -1);
  const A2 = mm(mm(Q, A1.data, n, n, n), Q, n, n, n, false, true);
  const B2 = mm(Q, B1.data, n, n, 2);
  const M = (data: Float64Array, cols = n) => ({ rows: n, cols, data });
  for (const compare of ["joint", "state", "input"] as const) {
    const r = inputDsaDistance(A1, B1, M(A2), M(B2, 2), { compare });
    assert.ok(r.distance < 1e-9, `${compare}: ${r.distance}`);
  }
  const r = inputDsaDistance(A1, B1, M(A2), M(B2, 2));
  assertAllClose(r.C, Q, { rtol: 0, atol: 1e-9 }); // the alignment found is Q itself
  const other = randomStableMatrix(n, { seed: 15 }), Bo = randn(n, 2, 16);
  for (const score of ["angular", "euclidean"] as const) {
    const ab = inputDsaDistance(A1, B1, other, Bo, { score }).distance;
    const ba = inputDsaDistance(other, Bo, A1, B1, { score }).distance;
    assertAllClose(ab, ba, { rtol: 1e-12 });
  }
});

Deno.test("inputDsaDistance() matches an independent numpy implementation (fixture)", async () => {
  const fx = JSON.parse(
    await Deno.readTextFile(new URL("./fixtures/subspace_dmdc.json", import.meta.url)),
  );
  const [f1, f2] = fx.systems.map((s: { Y: number[][][]; U: number[][][] }) =>
    fitSubspaceDmdc(s.Y, s.U, fx.options)
  );
  const r = inputDsaDistance(f1.A, f1.B, f2.A, f2.B);
  for (const part of ["joint", "state", "input"] as const) {
    for (const score of ["angular", "euclidean"] as const) {
      assertAllClose(r[part]![score], fx.inputDsa[part][score], {
        rtol: 1e-7,
        atol: 1e-10,
        label: `${part} ${score}: `,
      });
    }
  }
  const g = gramianDistance(f1.A, f1.B, f2.A, f2.B, { score: "euclidean" });
  assertAllClose(g.distance, fx.gramian.euclidean, { rtol: 1e-7 });
  assertAllClose(g.spectra[0], fx.gramian.spectra[0], { rtol: 1e-7, atol: 1e-12 });
});

Deno.test("controllabilityMatrix() stacks B, AB, AᵀB, … up to the requested power", () => {
  const K = controllabilityMatrix([[1, 2], [3, 4]], [[1], [0]]);
  assert.deepEqual([K.rows, K.cols], [2, 3]);
  assert.deepEqual(Array.from(K.data), [1, 1, 1, 0, 3, 2]);
  const K2 = controllabilityMatrix([[1, 2], [3, 4]], [[1], [0]], {
    powers: 2,
    transposePowers: false,
  });
  assert.deepEqual(Array.from(K2.data), [1, 1, 7, 0, 3, 15]);
  assert.throws(
    () => controllabilityMatrix([[1, 2]], [[1]]),
    { name: "TypeError", message: /`A` must be square .*got shapes \[1, 2\] and \[1, 1\]/ },
  );
});

Deno.test("gramianDistance() compares normalised Gramian spectra (diagonal systems in closed form)", () => {
  // B diagonal: W = diag(bᵢ²/(1 − aᵢ²)) = diag(4/3, 1/0.36) and diag(4/3, 4/0.36)
  const A2 = [[0.5, 0], [0, 0.8]];
  const d = gramianDistance(A2, [[1, 0], [0, 1]], A2, [[1, 0], [0, 2]], { score: "euclidean" });
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const [s1, s2] = [unit([1 / 0.36, 4 / 3]), unit([4 / 0.36, 4 / 3])];
  assertAllClose(d.distance, Math.hypot(s1[0]! - s2[0]!, s1[1]! - s2[1]!), { rtol: 1e-12 });
  assert.throws(
    () => gramianDistance([[0.5]], [[0]], [[0.5]], [[1]]),
    { name: "RangeError", message: /the Gramian is zero \(`B` = 0/ },
  );
  assert.throws(() => gramianDistance([[1.5]], [[1]], [[0.5]], [[1]]), /must be stable/);
});

Deno.test("inputDsaDistance() refuses mismatched shapes, other input counts and bad options", () => {
  const A1 = [[0.5, 0], [0, 0.2]], B1 = [[1], [1]];
  assert.throws(
    () => inputDsaDistance(A1, B1, [[0.5]], [[1]]),
    { name: "TypeError", message: /`A1` and `A2` must have the same size \(or pass `pad: true`/ },
  );
  const padded = inputDsaDistance(A1, B1, [[0.5]], [[1]], { pad: true });
  assert.equal(padded.order, 2);
  assert.throws(
    () => inputDsaDistance(A1, B1, A1, [[1, 0], [0, 1]]),
    { name: "TypeError", message: /`B1` and `B2` must have the same number of inputs/ },
  );
  assert.throws(
    () => inputDsaDistance(A1, B1, A1, B1, { compare: "both" as "joint" }),
    { name: "RangeError", message: /`compare` must be one of joint, state, input: got both/ },
  );
  assert.throws(
    () => inputDsaDistance(A1, [[1]], A1, B1),
    /`A1` must be square and `B1` must have as many rows/,
  );
});

Deno.test("compareWith('input-dsa') takes {Y, U} and names a missing part", () => {
  const U = inputs(300, 17);
  const Y = simulateDriven({ A, B, C }, U, { processNoise: 0.05, seed: 18 });
  const r = compareWith("input-dsa", { Y, U }, { Y, U }, { nDelays: 3, rank: 3 });
  assert.ok(r.distance! < 1e-9);
  assert.throws(
    () => compareWith("input-dsa", { Y }, { Y, U }),
    { name: "TypeError", message: /`X` must be \{Y, U\} .*got an object with keys \[Y\]/ },
  );
  assert.throws(
    () => compareWith("controllability", { Y, U: inputs(299, 1) }, { Y, U }),
    { name: "TypeError", message: /`U` must have the same trials and time steps as `Y`/ },
  );
});
