import assert from "node:assert/strict";
import {
  cleanSpectrum,
  controllabilityMatrix,
  delayEmbed,
  dmdResiduals,
  dsa,
  dsaPairwise,
  fitDmd,
  fitDmdc,
  fitSubspaceDmdc,
  inputDsaDistance,
  inputDsaJoint,
  predictDmd,
  randomStableMatrix,
  scoreOperators,
  similarityTransformDistance,
  simulateLinear,
  simulateLorenz,
  simulateRingAttractor,
  simulateVanDerPol,
  sweepDmd,
  sweepDmdParallel,
  transientGrowth,
} from "../../lib/dynamics/mod.ts";

const L = simulateLorenz({ steps: 200, seed: 1 });
const A = [[0.9, 0.1], [0, 0.5]], B = [[1], [0.5]];

Deno.test("fitDmd() refuses a misspelt option instead of fitting with the defaults", () => {
  assert.throws(() => fitDmd(L, { ndelays: 5 } as never), {
    name: "TypeError",
    message:
      "Cannot fit DMD: `ndelays` is not an option (options: nDelays, delayInterval, rank, rankThreshold, explainedVariance, ridge, center, scale)",
  });
  assert.equal(fitDmd(L, { nDelays: 5, rank: undefined }).nDelays, 5);
});

Deno.test('fitDmd() refuses a boolean option given as a string (`center: "no"` would centre)', () => {
  assert.throws(() => fitDmd(L, { center: "no" } as never), {
    name: "TypeError",
    message: 'Cannot fit DMD: `center` must be a boolean: got "no"',
  });
  assert.throws(() => fitDmdc(L, L, { scale: 1 } as never), /`scale` must be a boolean: got 1/);
});

Deno.test("null options are a clear TypeError, not an internal one", () => {
  const cases: [string, () => unknown][] = [
    ["fitDmd", () => fitDmd(L, null as never)],
    ["sweepDmd", () => sweepDmd(L, null as never)],
    ["predictDmd", () => predictDmd(fitDmd(L), L, null as never)],
    ["dsa", () => dsa(L, L, null as never)],
    ["simulateLorenz", () => simulateLorenz(null as never)],
    ["transientGrowth", () => transientGrowth(A, null as never)],
  ];
  for (const [name, f] of cases) {
    assert.throws(f, { name: "TypeError", message: /`options` must be an object: got null/ }, name);
  }
});

Deno.test("every exported dynamics function with options refuses an unknown key", async () => {
  const fit = fitDmd(L, { nDelays: 2 });
  const sync: [string, () => unknown, string][] = [
    ["sweepDmd", () => sweepDmd(L, { nDelay: [5] } as never), "nDelay"],
    ["predictDmd", () => predictDmd(fit, L, { step: 3 } as never), "step"],
    [
      "cleanSpectrum",
      () => cleanSpectrum(dmdResiduals(fit, L), { treshold: 1 } as never),
      "treshold",
    ],
    [
      "inputDsaDistance",
      () => inputDsaDistance(A, B, A, B, { comapre: "state" } as never),
      "comapre",
    ],
    ["inputDsaJoint", () => inputDsaJoint(A, B, A, B, { alhpa: 1 } as never), "alhpa"],
    ["controllabilityMatrix", () => controllabilityMatrix(A, B, { power: 1 } as never), "power"],
    ["delayEmbed", () => delayEmbed(L, { nDelay: 2 } as never), "nDelay"],
    ["dsa", () => dsa(L, L, { nDelay: 2 } as never), "nDelay"],
    ["scoreOperators", () => scoreOperators(A, A, { scor: "euclidean" } as never), "scor"],
    [
      "similarityTransformDistance",
      () => similarityTransformDistance(A, A, { sed: 1 } as never),
      "sed",
    ],
    ["transientGrowth", () => transientGrowth(A, { maxStep: 3 } as never), "maxStep"],
    ["fitSubspaceDmdc", () => fitSubspaceDmdc(L, L, { horizn: 2 } as never), "horizn"],
    ["simulateLorenz", () => simulateLorenz({ step: 10 } as never), "step"],
    ["simulateVanDerPol", () => simulateVanDerPol({ mu: 1, sed: 2 } as never), "sed"],
    ["simulateRingAttractor", () => simulateRingAttractor({ dim: 3 } as never), "dim"],
    ["simulateLinear", () => simulateLinear(A, { trial: 2 } as never), "trial"],
    ["randomStableMatrix", () => randomStableMatrix(3, { radius: 0.5 } as never), "radius"],
  ];
  for (const [name, f, key] of sync) {
    assert.throws(
      f,
      { name: "TypeError", message: new RegExp(`\`${key}\` is not an option`) },
      name,
    );
  }
  await assert.rejects(
    () => sweepDmdParallel(L, { worker: 2 } as never),
    { name: "TypeError", message: /`worker` is not an option/ },
  );
  await assert.rejects(
    () => dsaPairwise([L, L], { nDelay: 2 } as never),
    { name: "TypeError", message: /Cannot compute DSA matrix: `nDelay` is not an option/ },
  );
});

Deno.test("sweepDmd() still takes its own options and DSA forwards DMD and score options", () => {
  const s = sweepDmd(L, { nDelays: [1, 2], ranks: [2, 3], split: "time" });
  assert.deepEqual(s.nDelays, [1, 2]);
  const r = dsa(L, L, { nDelays: 2, rank: 3, score: "wasserstein" });
  assert.ok(r.distance < 1e-9);
});
