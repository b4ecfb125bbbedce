import assert from "node:assert/strict";
import { inputDsaJoint } from "../../lib/dynamics/input_dsa_joint.ts";
import { inputDsaDistance } from "../../lib/dynamics/input_dsa.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { mm } from "../../lib/dynamics/dense.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

type M = { rows: number; cols: number; data: Float64Array };

/** A random pair of systems with n states and m inputs (A scaled to spectral radius ≈ 1). */
function pair(n: number, m: number, seed: number): { A1: M; B1: M; A2: M; B2: M } {
  const g = normalSampler(mulberry32(seed));
  const mat = (r: number, c: number, s: number): M => ({
    rows: r,
    cols: c,
    data: Float64Array.from({ length: r * c }, () => s * g()),
  });
  const s = 1 / Math.sqrt(n);
  return { A1: mat(n, n, s), B1: mat(n, m, 1), A2: mat(n, n, s), B2: mat(n, m, 1) };
}

/** Q X Qᵀ and Q Y: the same system in another orthonormal state basis. */
function rotate(A: M, B: M, Q: Float64Array): { A: M; B: M } {
  const n = A.rows, m = B.cols;
  return {
    A: { rows: n, cols: n, data: mm(mm(Q, A.data, n, n, n), Q, n, n, n, false, true) },
    B: { rows: n, cols: m, data: mm(Q, B.data, n, n, m) },
  };
}

const sq = (x: Float64Array) => x.reduce((a, v) => a + v * v, 0);

Deno.test("inputDsaJoint(alpha = 1) with B = 0 is DSA's state alignment", () => {
  for (const [n, seed] of [[2, 1], [3, 2], [5, 3], [8, 4]] as const) {
    const { A1, A2 } = pair(n, 1, seed);
    const zero: M = { rows: n, cols: 1, data: new Float64Array(n) };
    const r = inputDsaJoint(A1, zero, A2, zero, { alpha: 1 });
    const dsa = inputDsaDistance(A1, zero, A2, zero, { compare: "state" });
    // the same C maximises ⟨CA₁Cᵀ, A₂⟩ with or without normalising A₁ and A₂
    assertAllClose(r.state.angular, dsa.state.angular, { atol: 1e-7, rtol: 0, label: `n=${n}` });
    const a1 = Math.sqrt(sq(A1.data)), a2 = Math.sqrt(sq(A2.data));
    const expected = a1 * a1 + a2 * a2 - 2 * a1 * a2 * Math.cos(dsa.state.angular);
    assertAllClose(r.objective, expected, { rtol: 1e-7, atol: 1e-12 });
    assert.equal(r.closedFormObjective, null); // no controllability start without inputs
    assert.deepEqual(r.runs.map((x) => x.start).slice(0, 1), ["state"]);
  }
});

Deno.test("inputDsaJoint(alpha = 0) is the orthogonal Procrustes distance of B squared", () => {
  for (const [n, m, seed] of [[2, 1, 5], [4, 2, 6], [6, 3, 7]] as const) {
    const { A1, B1, A2, B2 } = pair(n, m, seed);
    const r = inputDsaJoint(A1, B1, A2, B2, { alpha: 0 });
    const procrustes = inputDsaDistance(A1, B1, A2, B2, { compare: "input", score: "euclidean" });
    assertAllClose(r.objective, procrustes.distance ** 2, { rtol: 1e-10, atol: 1e-12 });
    assertAllClose(r.input.euclidean, procrustes.distance, { rtol: 1e-9, atol: 1e-12 });
  }
});

Deno.test("inputDsaJoint() is zero for an exact orthogonal conjugate at every alpha", () => {
  const { A1, B1 } = pair(5, 2, 8);
  for (const det of [1, -1] as const) {
    const Q = haarOrthogonal(5, mulberry32(9), det);
    const { A, B } = rotate(A1, B1, Q);
    for (const alpha of [0, 0.3, 1]) {
      const r = inputDsaJoint(A1, B1, A, B, { alpha });
      assert.ok(r.objective < 1e-20, `det ${det}, alpha ${alpha}: ${r.objective}`);
    }
  }
});

Deno.test("inputDsaJoint() is invariant to an orthogonal change of either system's state basis", () => {
  for (const [n, seed] of [[3, 11], [4, 12], [6, 13]] as const) {
    const { A1, B1, A2, B2 } = pair(n, 2, seed);
    const Q = haarOrthogonal(n, mulberry32(seed + 50), -1);
    const P = haarOrthogonal(n, mulberry32(seed + 60), 1);
    const x = rotate(A1, B1, Q), y = rotate(A2, B2, P);
    // the controllability start is equivariant (K has full rank; B's Procrustes alignment is
    // not unique when there are fewer inputs than states), so the descents agree to rounding
    const exact = { alpha: 0.5, starts: ["controllability"] as const, randomStarts: 0 };
    const r = inputDsaJoint(A1, B1, A2, B2, exact);
    const s = inputDsaJoint(x.A, x.B, y.A, y.B, exact);
    assertAllClose(s.objective, r.objective, { rtol: 1e-9, atol: 1e-12, label: `n=${n}` });
    // with every default start (random ones included) the best value agrees as well here
    const d = inputDsaJoint(A1, B1, A2, B2).objective;
    assertAllClose(inputDsaJoint(x.A, x.B, y.A, y.B).objective, d, { rtol: 1e-8, atol: 1e-12 });
  }
});

Deno.test("inputDsaJoint() never ends above the closed-form controllability start, nor any run above its start", () => {
  let improved = 0;
  for (let seed = 0; seed < 12; seed++) {
    const n = 2 + (seed % 6);
    const { A1, B1, A2, B2 } = pair(n, 1 + (seed % 2), 100 + seed);
    const r = inputDsaJoint(A1, B1, A2, B2, { alpha: (seed % 5) / 4 });
    assert.ok(r.closedFormObjective !== null);
    assert.ok(r.objective <= r.closedFormObjective!, `seed ${seed}`);
    for (const run of r.runs) assert.ok(run.objective <= run.startObjective);
    if (r.objective < r.closedFormObjective! - 1e-6) improved++;
    // the parts are those of the returned C
    const alpha = r.alpha;
    assertAllClose(
      r.objective,
      alpha * r.state.euclidean ** 2 + (1 - alpha) * r.input.euclidean ** 2,
      { rtol: 1e-10, atol: 1e-12 },
    );
  }
  assert.ok(improved >= 8, `the descent improved on the closed form in ${improved} of 12 pairs`);
});

Deno.test("inputDsaJoint() on 2-state systems reaches the minimum of a dense search over O(2)", () => {
  for (const seed of [21, 22, 23, 24]) {
    const { A1, B1, A2, B2 } = pair(2, 1, seed);
    const alpha = 0.6;
    const f = (C: Float64Array) => {
      const E = mm(mm(C, A1.data, 2, 2, 2), C, 2, 2, 2, false, true).map((v, k) => v - A2.data[k]!);
      const F = mm(C, B1.data, 2, 2, 1).map((v, k) => v - B2.data[k]!);
      return alpha * sq(E) + (1 - alpha) * sq(F);
    };
    let best = Infinity;
    for (let k = 0; k < 50000; k++) {
      const t = (2 * Math.PI * k) / 50000, c = Math.cos(t), s = Math.sin(t);
      best = Math.min(best, f(new Float64Array([c, -s, s, c])), f(new Float64Array([c, s, s, -c])));
    }
    const r = inputDsaJoint(A1, B1, A2, B2, { alpha });
    // the grid's step of 1.3e-4 rad leaves well under 1e-6 above the true minimum
    assert.ok(r.objective <= best + 1e-12, `seed ${seed}: ${r.objective} vs grid ${best}`);
    assert.ok(r.objective >= best - 1e-6, `seed ${seed}: ${r.objective} vs grid ${best}`);
  }
});

Deno.test("inputDsaJoint() refuses a bad alpha, unknown starts and inputs that drive nothing", () => {
  const { A1, B1, A2, B2 } = pair(3, 1, 30);
  const context = "Cannot compute joint InputDSA alignment";
  assert.throws(() => inputDsaJoint(A1, B1, A2, B2, { alpha: 1.5 }), {
    name: "RangeError",
    message: `${context}: \`alpha\` must be in [0, 1]: got 1.5`,
  });
  assert.throws(
    () => inputDsaJoint(A1, B1, A2, B2, { starts: ["random"], randomStarts: 0 }),
    {
      name: "RangeError",
      message:
        `${context}: \`starts\` must list some of controllability, input, state (or give \`randomStarts\`): got [random]`,
    },
  );
  const zero: M = { rows: 3, cols: 1, data: new Float64Array(3) };
  assert.throws(
    () => inputDsaJoint(A1, zero, A2, zero, { starts: ["controllability"], randomStarts: 0 }),
    {
      name: "RangeError",
      message:
        `${context}: these starts need B ≠ 0 (the inputs do not drive the system): add "state" to \`starts\` or give \`randomStarts\`: got [controllability]`,
    },
  );
  assert.throws(() => inputDsaJoint(A1, B1, [[1, 0], [0, 1]], [[1], [0]]), TypeError);
});

Deno.test("inputDsaJoint() angular score is the angle of the aligned systems in the alpha-weighted inner product", () => {
  for (const [alpha, seed] of [[0.5, 40], [0.2, 41], [0.9, 42]] as const) {
    const { A1, B1, A2, B2 } = pair(4, 2, seed);
    const r = inputDsaJoint(A1, B1, A2, B2, { alpha });
    assert.equal(r.score, "angular");
    assert.equal(r.distance, r.angular);
    const nx = Math.sqrt(alpha * sq(A1.data) + (1 - alpha) * sq(B1.data));
    const ny = Math.sqrt(alpha * sq(A2.data) + (1 - alpha) * sq(B2.data));
    // f = ‖x‖² + ‖y‖² − 2⟨Cx, y⟩_α, so cos θ = (‖x‖² + ‖y‖² − f) / (2‖x‖‖y‖)
    const cos = (nx * nx + ny * ny - r.objective) / (2 * nx * ny);
    assertAllClose(r.angular, Math.acos(cos), { rtol: 1e-9, atol: 1e-12 });
    const e = inputDsaJoint(A1, B1, A2, B2, { alpha, score: "euclidean" });
    assertAllClose(e.distance, Math.sqrt(r.objective), { rtol: 1e-12 });
    // scaling both systems together leaves the angle alone
    const s = (x: M): M => ({ ...x, data: x.data.map((v) => 3 * v) });
    assertAllClose(inputDsaJoint(s(A1), s(B1), s(A2), s(B2), { alpha }).angular, r.angular, {
      rtol: 1e-9,
      atol: 1e-12,
    });
  }
  const { A1, B1, A2, B2 } = pair(3, 1, 43);
  assert.throws(
    () => inputDsaJoint(A1, B1, A2, B2, { score: "wasserstein" as "angular" }),
    {
      name: "RangeError",
      message:
        "Cannot compute joint InputDSA alignment: `score` must be one of angular, euclidean: got wasserstein",
    },
  );
});
