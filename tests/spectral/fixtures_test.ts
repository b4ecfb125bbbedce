// Parity with an independent numpy/scipy implementation of the spec
// (tests/spectral/fixtures/make_fixtures.py, SVD route, Brent root finding).

import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import {
  alignment,
  defaultPs,
  fitPredictSubset,
  fitRidge,
  predictRidge,
  ridgePredictivity,
  type SpectrumMethod,
  theoryCurve,
} from "../../lib/spectral/mod.ts";
import { maybeCenter } from "../../lib/spectral/inputs.ts";
import assert from "node:assert/strict";

interface Tail {
  tailRatio: number;
  modesToLevel: number;
}
interface Case {
  name: string;
  X: number[][];
  Y: number[][];
  center: boolean;
  ps: number[];
  ridges: number[];
  alignment: {
    eigenvalues: number[];
    rank: number;
    weights: number[];
    weightsPerNeuron: number[][];
    outOfSpan: number;
    outOfSpanPerNeuron: number[];
    targetPower: number;
    neuronPower: number[];
    edModel: number;
    edAlignment: number;
    edNeural: number;
    tailModel: Tail;
    tailAlignment: Tail;
  };
  theory: Record<string, number[] | number[][]>[]; // one per ridge, in order
}
const fx = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/spectral_fixtures.json", import.meta.url)),
) as {
  cases: Case[];
  ridge: {
    X: number[][];
    Y: number[][];
    ridge: number;
    center: boolean;
    coef: number[][];
    intercept: number[];
    Xnew: number[][];
    predictions: number[][];
  }[];
  predictivity: {
    X: number[][];
    Y: number[][];
    ridge: number;
    center: boolean;
    foldOf: number[];
    expected: { r2: number[]; pearson: number[]; meanR2: number; meanPearson: number };
  }[];
  subsets: {
    X: number[][];
    Y: number[][];
    ridge: number;
    center: boolean;
    train: number[];
    predictions: number[][];
  }[];
  defaultPs: Record<string, number[]>;
};

// Eigenvalues agree with the SVD reference to ~1e-13·λ_1 (eigh of the Gram is
// accurate in absolute terms); the alignment to a few 1e-13.
const EIG = { rtol: 1e-9, atol: 1e-13 };
const ALIGN = { rtol: 1e-8, atol: 1e-12 };
const flat = (m: number[][]) => m.flat();

for (const method of ["eigh", "svd"] as SpectrumMethod[]) {
  for (const c of fx.cases) {
    Deno.test(`alignment() matches numpy on ${c.name} (${method})`, () => {
      const a = alignment(c.X, c.Y, { center: c.center, method });
      const e = c.alignment;
      const top = e.eigenvalues[0]!;
      assert.equal(a.rank, e.rank);
      assertAllClose(a.eigenvalues, e.eigenvalues, { rtol: EIG.rtol, atol: EIG.atol * top });
      assertAllClose(a.weights, e.weights, { ...ALIGN, label: "W_full " });
      assertAllClose(flat(a.weightsPerNeuron), flat(e.weightsPerNeuron), ALIGN);
      assertAllClose(a.outOfSpan, e.outOfSpan, ALIGN);
      assertAllClose(a.outOfSpanPerNeuron, e.outOfSpanPerNeuron, ALIGN);
      assertAllClose(a.targetPower, e.targetPower, { rtol: 1e-13 });
      assertAllClose(a.neuronPower, e.neuronPower, { rtol: 1e-13 });
      assertAllClose(a.edModel, e.edModel, { rtol: 1e-11 });
      assertAllClose(a.edAlignment, e.edAlignment, { rtol: 1e-8 });
      assertAllClose(a.edNeural, e.edNeural, { rtol: 1e-11 });
      assertAllClose(a.tailModel.tailRatio, e.tailModel.tailRatio, { rtol: 1e-10 });
      assert.equal(a.tailModel.modesToLevel, e.tailModel.modesToLevel);
      assertAllClose(a.tailAlignment.tailRatio, e.tailAlignment.tailRatio, { rtol: 1e-8 });
      assert.equal(a.tailAlignment.modesToLevel, e.tailAlignment.modesToLevel);
    });
  }
}

for (const c of fx.cases) {
  Deno.test(`theoryCurve() matches numpy on ${c.name} for every ridge`, () => {
    // theory from the numpy alignment: isolates the theory from the decomposition
    const modes = {
      eigenvalues: c.alignment.eigenvalues,
      weights: c.alignment.weights,
      weightsPerNeuron: c.alignment.weightsPerNeuron,
    };
    for (const [r, ridge] of c.ridges.entries()) {
      const e = c.theory[r]!;
      const t = theoryCurve(modes, { ps: c.ps, ridge });
      const tol = { rtol: 1e-11, atol: 1e-15 };
      assertAllClose(t.kappa, e.kappa as number[], { ...tol, label: `kappa ridge ${ridge} ` });
      assertAllClose(t.gamma, e.gamma as number[], tol);
      assertAllClose(t.Eg, e.Eg as number[], { ...tol, label: `Eg ridge ${ridge} ` });
      assertAllClose(t.Etr, e.Etr as number[], tol);
      assertAllClose(t.Rem, e.Rem as number[], tol);
      assertAllClose(t.Dem, e.Dem as number[], tol);
      assertAllClose(flat(t.EgPerNeuron!), flat(e.EgPerNeuron as number[][]), tol);
      assertAllClose(flat(t.modeErrors!), flat(e.modeErrors as number[][]), tol);
      assertAllClose(flat(t.errorModes!), flat(e.errorModes as number[][]), tol);
    }
  });

  Deno.test(`alignment() then theoryCurve() matches numpy end to end on ${c.name}`, () => {
    const a = alignment(c.X, c.Y, { center: c.center });
    const ridge = c.ridges[c.ridges.length - 1]!;
    const e = c.theory[c.ridges.length - 1]!;
    const t = theoryCurve(a, { ps: c.ps, ridge });
    assertAllClose(t.Eg, e.Eg as number[], { rtol: 1e-10, atol: 1e-14 });
    assertAllClose(t.Etr, e.Etr as number[], { rtol: 1e-10, atol: 1e-14 });
    assertAllClose(t.Dem, e.Dem as number[], { rtol: 1e-10 });
  });
}

Deno.test("fitRidge() and predictRidge() match numpy (primal, dual, with and without intercept)", () => {
  for (const c of fx.ridge) {
    const fit = fitRidge(c.X, c.Y, { ridge: c.ridge, center: c.center });
    assertAllClose(flat(fit.coef), flat(c.coef), { rtol: 1e-9, atol: 1e-11 });
    assertAllClose(fit.intercept, c.intercept, { rtol: 1e-9, atol: 1e-11 });
    assertAllClose(predictRidge(fit, c.Xnew), flat(c.predictions), { rtol: 1e-9, atol: 1e-11 });
  }
});

Deno.test("ridgePredictivity() matches numpy for explicit folds", () => {
  for (const c of fx.predictivity) {
    const s = ridgePredictivity(c.X, c.Y, { ridge: c.ridge, center: c.center, foldOf: c.foldOf });
    assert.equal(s.folds, 4);
    assertAllClose(s.r2, c.expected.r2, { rtol: 1e-9, atol: 1e-12 });
    assertAllClose(s.pearson, c.expected.pearson, { rtol: 1e-9, atol: 1e-12 });
    assertAllClose(s.meanR2, c.expected.meanR2, { rtol: 1e-9, atol: 1e-12 });
    assertAllClose(s.meanPearson, c.expected.meanPearson, { rtol: 1e-9, atol: 1e-12 });
  }
});

Deno.test("fitPredictSubset() matches numpy kernel ridge on a training subset", () => {
  for (const c of fx.subsets) {
    const X = maybeCenter(fromRows(c.X), c.center), Y = maybeCenter(fromRows(c.Y), c.center);
    const { yhat } = fitPredictSubset(X, Y, null, c.train, c.train.length * c.ridge);
    assertAllClose(yhat, flat(c.predictions), { rtol: 1e-9, atol: 1e-11 });
  }
});

Deno.test("defaultPs() gives the spec's grid", () => {
  for (const [P, ps] of Object.entries(fx.defaultPs)) assert.deepEqual(defaultPs(Number(P)), ps);
});
