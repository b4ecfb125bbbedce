// The claim of notebook 02's case study 2, at the notebook's settings: DSA barely moves when the
// ring attractor's state space is smoothly deformed, and moves several times more when the ring
// breaks into two isolated fixed points or collapses to a line attractor; Procrustes is the other
// way round (moved by the deformation).
import assert from "node:assert/strict";
import { matrix } from "../../lib/linalg/matrix.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";
import type { ShapedArray } from "../../lib/dynamics/data.ts";
import { deformStateSpace } from "../../lib/dynamics/simulate/deform.ts";
import { simulateRingAttractor } from "../../lib/dynamics/simulate/ring.ts";
import { linearMetric } from "../../lib/metrics/mod.ts";

const ring = (perturbation = 0) =>
  simulateRingAttractor({
    steps: 1000,
    trials: 10,
    alpha: 10,
    processNoise: 0.2,
    seed: 3,
    perturbation,
  });
const flat = (X: ShapedArray) => matrix(X.data.length / 2, 2, X.data);
const options = { nDelays: 2, rank: 4 };

Deno.test("ring attractor: DSA moves ≥ 10× more for ring → line and ≥ 5× more for ring → two points than for the strongest deformation", () => {
  const X = ring();
  const deformed = deformStateSpace(X, { strength: 1.2, seed: 1 }) as ShapedArray;
  const dDeform = dsa(X, deformed, options).distance;
  const dPoints = dsa(X, ring(0.25), options).distance;
  const dLine = dsa(X, ring(1), options).distance;
  assert.ok(dDeform < 0.03, `deformation ${dDeform}`);
  assert.ok(dLine / dDeform > 10, `line ${dLine} / deformation ${dDeform}`);
  assert.ok(dPoints / dDeform > 5, `two points ${dPoints} / deformation ${dDeform}`);
  const pDeform = linearMetric(flat(X), flat(deformed), { alpha: 1 });
  assert.ok(pDeform > 20 * dDeform, `Procrustes under deformation ${pDeform}`);
});
