import assert from "node:assert/strict";
import { simulateLorenz } from "../../lib/dynamics/simulate/lorenz.ts";
import { simulateVanDerPol } from "../../lib/dynamics/simulate/van_der_pol.ts";
import { simulateMatchedAttractor } from "../../lib/dynamics/simulate/attractors.ts";
import { simulateRingAttractor } from "../../lib/dynamics/simulate/ring.ts";
import { deformStateSpace } from "../../lib/dynamics/simulate/deform.ts";
import {
  orthogonalConjugate,
  randomStableMatrix,
  simulateLinear,
} from "../../lib/dynamics/simulate/linear.ts";
import { linearReadout } from "../../lib/dynamics/simulate/readout.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";

Deno.test("simulators are deterministic for a seed and differ across seeds", () => {
  const runs: [string, (seed: number) => { data: Float64Array }][] = [
    ["lorenz", (seed) => simulateLorenz({ steps: 50, seed })],
    ["vdp", (seed) => simulateVanDerPol({ steps: 50, seed, processNoise: 0.1 })],
    ["ring", (seed) => simulateRingAttractor({ steps: 50, trials: 2, seed })],
    ["line", (seed) => simulateMatchedAttractor("line", { steps: 20, seed })],
    [
      "linear",
      (seed) =>
        simulateLinear(randomStableMatrix(3, { seed }), { steps: 20, seed, processNoise: 0.1 }),
    ],
  ];
  for (const [name, run] of runs) {
    assert.deepEqual(run(1).data, run(1).data, name);
    assert.notDeepEqual(run(1).data, run(2).data, name);
  }
});

Deno.test("simulateLorenz() stays on the attractor's scale", () => {
  const X = simulateLorenz({ steps: 1000, trials: 2, seed: 4 });
  assert.deepEqual(X.shape, [2, 1000, 3]);
  const maxAbs = X.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(maxAbs > 15 && maxAbs < 60);
});

Deno.test("simulateMatchedAttractor(): the systems' condition averages match but their noise dynamics differ", () => {
  const opts = { conditions: 3, trialsPerCondition: 200, steps: 60, processNoise: 0.05, seed: 1 };
  const sims = (["line", "point", "bistable"] as const).map((k) =>
    simulateMatchedAttractor(k, opts)
  );
  const mean = (X: (typeof sims)[0], c: number, t: number, j: number) => {
    let s = 0;
    for (let r = 0; r < 200; r++) s += X.data[((c * 200 + r) * 60 + t) * 2 + j]!;
    return s / 200;
  };
  for (const c of [0, 1, 2]) {
    for (const t of [10, 59]) {
      const m = sims.map((X) => mean(X, c, t, 0));
      assert.ok(Math.max(...m) - Math.min(...m) < 0.03, `c ${c}, t ${t}: ${m}`);
    }
  }
  // spread across trials at the end: the line attractor integrates noise, the point attractor forgets it
  const spread = (X: (typeof sims)[0]) => {
    const m = mean(X, 1, 59, 0);
    let s = 0;
    for (let r = 0; r < 200; r++) s += (X.data[((200 + r) * 60 + 59) * 2]! - m) ** 2;
    return s / 200;
  };
  assert.ok(spread(sims[0]!) > 2 * spread(sims[1]!));
  assert.deepEqual(sims[0]!.conditions.slice(0, 1), [-1]);
  assert.deepEqual(sims[0]!.inputs.shape, [600, 60, 2]);
});

Deno.test("simulateRingAttractor(): noise diffuses along the ring, the perturbation collapses it onto a line", () => {
  const ring = simulateRingAttractor({ steps: 400, trials: 4, seed: 2, processNoise: 0.2 });
  const line = simulateRingAttractor({
    steps: 400,
    trials: 4,
    seed: 2,
    processNoise: 0.2,
    perturbation: 1,
  });
  const stat = (X: { data: Float64Array }) => {
    let r = 0, y = 0;
    const n = X.data.length / 2;
    for (let k = 0; k < n; k++) {
      r += Math.hypot(X.data[2 * k]!, X.data[2 * k + 1]!);
      y += Math.abs(X.data[2 * k + 1]!);
    }
    return { r: r / n, y: y / n };
  };
  assert.ok(Math.abs(stat(ring).r - 1) < 0.1);
  assert.ok(stat(line).y < 0.5 * stat(ring).y);
});

Deno.test("deformStateSpace() keeps the dynamics: DSA stays small while the geometry changes", () => {
  const X = simulateRingAttractor({ steps: 500, trials: 6, seed: 3 });
  const Y = deformStateSpace(X, { strength: 0.8, seed: 1 }) as {
    shape: number[];
    data: Float64Array;
  };
  let moved = 0;
  for (let k = 0; k < X.data.length; k++) {
    moved = Math.max(moved, Math.abs(X.data[k]! - Y.data[k]!));
  }
  assert.ok(moved > 0.3);
  const Z = simulateRingAttractor({ steps: 500, trials: 6, seed: 3, perturbation: 1 });
  const opts = { nDelays: 3, rank: 6 };
  const deformed = dsa(X, Y, opts).distance, line = dsa(X, Z, opts).distance;
  assert.ok(deformed < 0.5 * line, `deformed ${deformed}, line ${line}`);
});

Deno.test("orthogonalConjugate() data: DSA on exact rotated copies is 0", () => {
  const A = randomStableMatrix(4, { seed: 6 });
  const { Q } = orthogonalConjugate(A, { seed: 7, determinant: -1 });
  const X = simulateLinear(A, { steps: 50, trials: 3, seed: 8, processNoise: 0.05 });
  const Y = new Float64Array(X.data.length);
  for (let r = 0; r < X.data.length / 4; r++) {
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) Y[r * 4 + i] += Q.data[i * 4 + j]! * X.data[r * 4 + j]!;
    }
  }
  assert.ok(dsa(X, { shape: X.shape, data: Y }, { nDelays: 2, rank: 8 }).distance < 1e-8);
});

Deno.test("simulators reject bad parameters", () => {
  assert.throws(() => simulateLorenz({ dt: 0 }), {
    name: "RangeError",
    message: "Cannot simulate Lorenz system: `dt` must be a finite number > 0: got 0",
  });
  assert.throws(() => simulateVanDerPol({ mu: -1 }), {
    name: "RangeError",
    message: "Cannot simulate Van der Pol oscillator: `mu` must be a finite number >= 0: got -1",
  });
  assert.throws(() => simulateRingAttractor({ perturbation: 2 }), {
    name: "RangeError",
    message: "Cannot simulate ring attractor: `perturbation` must be in [0, 1]: got 2",
  });
  assert.throws(() => simulateMatchedAttractor("spiral" as "line"), {
    name: "RangeError",
    message:
      "Cannot simulate matched attractor: `kind` must be one of line, point, bistable: got spiral",
  });
  assert.throws(() => deformStateSpace([[1], [2]]), {
    name: "RangeError",
    message: "Cannot deform state space: `X` must have at least 2 dims: got 1",
  });
  assert.throws(() => orthogonalConjugate([[1, 2]]), {
    name: "TypeError",
    message: "Cannot conjugate matrix: `A` must be square: got shape [1, 2]",
  });
  assert.throws(() => linearReadout({ shape: [1, 1, 3], data: new Float64Array(3) }, 2, 0), {
    name: "RangeError",
    message: "Cannot read out latent states: `dims` must be an integer >= 3: got 2",
  });
  assert.throws(
    () => simulateLorenz({ steps: 100, dt: 10 }),
    /Cannot simulate: the state diverged/,
  );
});
