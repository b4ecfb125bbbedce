import assert from "node:assert/strict";
import { fitSubspaceDmdc, markovParameters } from "../../lib/dynamics/subspace_dmdc.ts";
import { simulateDriven, type StateSpaceSystem } from "../../lib/dynamics/simulate/driven.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { eig } from "../../lib/linalg/eig.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const SYSTEM: StateSpaceSystem = {
  A: [[0.9, 0.2, 0], [-0.2, 0.9, 0.1], [0, 0, 0.5]],
  B: [[1], [0], [0.5]],
  C: [[1, 0, 0.3], [0, 1, -1]],
  D: [[0.1], [0]],
};

function noise(shape: number[], seed: number) {
  const g = normalSampler(mulberry32(seed));
  return { shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, g) };
}

/** Eigenvalues sorted by real then imaginary part, as [re…, im…]. */
function sortedEigs(e: { re: ArrayLike<number>; im: ArrayLike<number> }): number[] {
  const z = Array.from(e.re, (re, k) => [re, e.im[k]!] as const)
    .sort((a, b) => Math.abs(a[0] - b[0]) > 1e-9 ? a[0] - b[0] : a[1] - b[1]);
  return [...z.map((v) => v[0]), ...z.map((v) => v[1])];
}

const trueEigs = sortedEigs(eig(SYSTEM.A as number[][]));
const asMat = (x: number[][]) => ({
  rows: x.length,
  cols: x[0]!.length,
  data: Float64Array.from(x.flat()),
});
const trueMarkov = markovParameters({
  A: asMat(SYSTEM.A as number[][]),
  B: asMat(SYSTEM.B as number[][]),
  C: asMat(SYSTEM.C as number[][]),
  D: asMat(SYSTEM.D as number[][]),
}, 8).flatMap((h) => Array.from(h.data));

Deno.test("fitSubspaceDmdc() recovers the eigenvalues and Markov parameters of a noise-free system exactly", () => {
  const U = noise([2, 200, 1], 1);
  const Y = simulateDriven(SYSTEM, U, { initialScale: 1, seed: 2 });
  const fit = fitSubspaceDmdc(Y, U, { nDelays: 4, ridge: 0 });
  assert.equal(fit.order, 3); // chosen by explained variance: σ₄ is rounding
  assert.ok(fit.singularValues[3]! < 1e-10 * fit.singularValues[0]!);
  assertAllClose(sortedEigs(fit.eigenvalues), trueEigs, { rtol: 0, atol: 1e-9 });
  assertAllClose(markovParameters(fit, 8).flatMap((h) => Array.from(h.data)), trueMarkov, {
    rtol: 0,
    atol: 1e-9,
  });
});

Deno.test("fitSubspaceDmdc() recovers a MIMO system (4 states, 3 outputs, 2 inputs) exactly", () => {
  const sys: StateSpaceSystem = {
    A: [[0.5, 0.4, 0, 0], [-0.4, 0.5, 0, 0], [0, 0, -0.7, 0], [0, 0, 0.3, 0.2]],
    B: [[1, 0], [0, 0], [0, 1], [0.5, -1]],
    C: [[1, 0, 1, 0], [0, 1, 0, 0], [0, 0, 1, 1]],
    D: [[0, 0], [0.2, 0], [0, -0.3]],
  };
  const U = noise([300, 2], 3);
  const Y = simulateDriven(sys, U);
  const fit = fitSubspaceDmdc(Y, U, { nDelays: 3, rank: 4, ridge: 0 });
  assertAllClose(sortedEigs(fit.eigenvalues), sortedEigs(eig(sys.A as number[][])), {
    rtol: 0,
    atol: 1e-9,
  });
  const truth = markovParameters({
    A: asMat(sys.A as number[][]),
    B: asMat(sys.B as number[][]),
    C: asMat(sys.C as number[][]),
    D: asMat(sys.D as number[][]),
  }, 6).flatMap((h) => Array.from(h.data));
  assertAllClose(markovParameters(fit, 6).flatMap((h) => Array.from(h.data)), truth, {
    rtol: 0,
    atol: 1e-9,
  });
});

Deno.test("fitSubspaceDmdc() recovers a stochastic system (process and observation noise 0.1, 4000 steps) to its sampling error", () => {
  const U = noise([4000, 1], 4);
  const Y = simulateDriven(SYSTEM, U, { processNoise: 0.1, observationNoise: 0.1, seed: 5 });
  const fit = fitSubspaceDmdc(Y, U, { nDelays: 10, rank: 3 });
  // measured over 10 noise draws (nDelays 5 and 10): the slow pair 0.9 ± 0.2i within 3e-3, the
  // fast, weakly excited mode 0.5 within 0.02, the Markov parameters within 9e-3
  const e = sortedEigs(fit.eigenvalues); // [re(0.5), re, re, im(0.5) = 0, im, im]
  assertAllClose(e.slice(1, 3), trueEigs.slice(1, 3), { rtol: 0, atol: 5e-3 });
  assertAllClose(e.slice(4), trueEigs.slice(4), { rtol: 0, atol: 5e-3 });
  assertAllClose(e[0]!, trueEigs[0]!, { rtol: 0, atol: 0.03 });
  assertAllClose(
    markovParameters(fit, 6).flatMap((h) => Array.from(h.data)),
    trueMarkov.slice(0, 12),
    { rtol: 0, atol: 2e-2 },
  );
});

Deno.test("fitSubspaceDmdc() matches an independent numpy implementation (fixture)", async () => {
  const fx = JSON.parse(
    await Deno.readTextFile(new URL("./fixtures/subspace_dmdc.json", import.meta.url)),
  );
  for (const sys of fx.systems) {
    const fit = fitSubspaceDmdc(sys.Y, sys.U, fx.options);
    assertAllClose(fit.singularValues, sys.singularValues, { rtol: 1e-9, atol: 1e-12 });
    assertAllClose(sortedEigs(fit.eigenvalues), [...sys.eigenvalues.re, ...sys.eigenvalues.im], {
      rtol: 0,
      atol: 1e-9,
    });
    assertAllClose(
      markovParameters(fit, 6).flatMap((h) => Array.from(h.data)),
      sys.markov.flat(),
      { rtol: 0, atol: 1e-9 },
    );
  }
});

Deno.test("fitSubspaceDmdc() is equivariant to rotating and scaling the observed channels", () => {
  const U = noise([600, 1], 6);
  const Y = simulateDriven(SYSTEM, U, { processNoise: 0.05, observationNoise: 0.05, seed: 7 });
  const Q = haarOrthogonal(2, mulberry32(8));
  const c = 3.7;
  const Yq = { shape: Y.shape, data: new Float64Array(Y.data.length) };
  for (let t = 0; t < 600; t++) {
    for (let i = 0; i < 2; i++) {
      Yq.data[t * 2 + i] = c * (Q[i * 2]! * Y.data[t * 2]! + Q[i * 2 + 1]! * Y.data[t * 2 + 1]!);
    }
  }
  const a = fitSubspaceDmdc(Y, U, { nDelays: 5, rank: 3 });
  const b = fitSubspaceDmdc(Yq, U, { nDelays: 5, rank: 3 });
  assertAllClose(b.singularValues, a.singularValues.map((s) => c * s), { rtol: 1e-9 });
  assertAllClose(sortedEigs(b.eigenvalues), sortedEigs(a.eigenvalues), { rtol: 0, atol: 1e-9 });
  // h'_k = c·Q·h_k
  const ha = markovParameters(a, 5), hb = markovParameters(b, 5);
  for (let k = 0; k < 5; k++) {
    const h = ha[k]!.data;
    const expected = [0, 1].map((i) => c * (Q[i * 2]! * h[0]! + Q[i * 2 + 1]! * h[1]!));
    assertAllClose(hb[k]!.data, expected, { rtol: 1e-8, atol: 1e-10 });
  }
});

Deno.test("fitSubspaceDmdc() refuses mismatched inputs, too short data and bad options", () => {
  const U = noise([50, 1], 9);
  const Y = simulateDriven(SYSTEM, U);
  assert.throws(
    () => fitSubspaceDmdc(Y, { shape: [49, 1], data: U.data.slice(0, 49) }),
    {
      name: "TypeError",
      message:
        /`U` must have the same trials and time steps as `Y`: got trial lengths \[50\] and \[49\]/,
    },
  );
  assert.throws(
    () => fitSubspaceDmdc(Y, U, { nDelays: 10 }),
    { name: "RangeError", message: /need at least 60 columns .*: got 31/ },
  );
  assert.throws(() => fitSubspaceDmdc(Y, U, { rank: 0 }), /`rank` must be an integer >= 1: got 0/);
  assert.throws(
    () => fitSubspaceDmdc(Y, U, { explainedVariance: 2 }),
    /`explainedVariance` must be in \(0, 1\]: got 2/,
  );
  assert.throws(() => fitSubspaceDmdc(Y, U, { ridge: -1 }), /`ridge` must be in \[0, Infinity\]/);
  assert.throws(
    () => fitSubspaceDmdc(Y, noise([50, 1], 10).data.map(() => 0) as unknown as number[][]),
    TypeError,
  );
});
