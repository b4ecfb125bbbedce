// Parity with an independent numpy implementation of rsatoolbox's conventions
// (fixtures/make_fixtures.py → fixtures/rsa.json).
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import {
  comparePrepared,
  compareRdms,
  computeRdm,
  evalBootstrap,
  fitModels,
  noiseCeiling,
  noiseCovariance,
  prepareRdm,
  RDM_COMPARATORS,
  type RdmComparator,
  type RdmMethod,
  rdmVector,
} from "../../lib/rsa/mod.ts";

const F = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/rsa.json", import.meta.url)),
);

Deno.test("computeRdm() matches the numpy reference for every method, labels and noise", () => {
  for (const c of F.rdm) {
    const r = computeRdm(c.X, {
      method: c.method as RdmMethod,
      ...(c.noise ? { noise: c.noise } : {}),
      ...(c.conditions ? { conditions: c.conditions } : {}),
      ...(c.runs ? { runs: c.runs } : {}),
    });
    assertAllClose(r.rdm.data, (c.rdm as number[][]).flat(), {
      rtol: 1e-10,
      atol: 1e-12,
      label: `${c.method}${c.noise ? "+noise" : ""}${c.conditions ? "+labels" : ""}: `,
    });
  }
});

Deno.test("computeRdm() keeps conditions in order of first appearance", () => {
  const c = F.rdm.find((x: { conditions?: number[] }) => x.conditions);
  assert.deepEqual(computeRdm(c.X, { conditions: c.conditions }).conditions, [2, 0, 1, 3]);
});

Deno.test("compareRdms() matches the numpy reference for every comparator, with and without ties", () => {
  for (const c of F.compare) {
    for (const m of RDM_COMPARATORS) {
      // bures takes square roots of eigenvalues near 0, which magnifies rounding
      assertAllClose(compareRdms(c.a, c.b, { method: m }), c.similarity[m], {
        rtol: m === "bures" ? 1e-7 : 1e-9,
        atol: 1e-12,
        label: `${m}: `,
      });
    }
  }
});

Deno.test("noiseCeiling() matches the numpy reference for every comparator but bures", () => {
  for (const [m, [lower, upper]] of Object.entries(F.ceiling) as [string, number[]][]) {
    const nc = noiseCeiling(F.subjects, { method: m as RdmComparator });
    assertAllClose([nc.lower, nc.upper], [lower!, upper!], { rtol: 1e-9, label: `${m}: ` });
    assert.ok(nc.lower <= nc.upper, m);
  }
});

Deno.test("fitModels() matches scipy's nnls and lstsq (GLS under V for the whitened comparators)", () => {
  for (
    const [key, ref] of Object.entries(F.fit) as [
      string,
      { weights: number[]; similarity: number },
    ][]
  ) {
    const [method, fitter] = key.split("/") as ["cosine", "nnls"];
    const fit = fitModels(F.subjects, F.models, { method, fitter });
    assertAllClose(fit.weights, ref.weights, { rtol: 1e-7, atol: 1e-9, label: `${key} weights: ` });
    assertAllClose(fit.similarity, ref.similarity, { rtol: 1e-9, label: `${key} similarity: ` });
  }
});

Deno.test("evalBootstrap() reports the mean over subjects of compare(model, subject)", () => {
  for (const m of RDM_COMPARATORS) {
    const r = evalBootstrap(F.subjects, F.models[0], { method: m, bootstrap: "rdm", samples: 2 });
    // (bures: numpy keeps √ of rounding-level eigenvalues, ~1e-8, that we count as 0)
    const rtol = m === "bures" ? 1e-7 : 1e-9;
    assertAllClose(r.evaluation, F.evaluation[m], { rtol, label: `${m}: ` });
  }
});

Deno.test("a pattern resample counted by multiplicities equals the expanded resample with copies dropped", () => {
  const counts: number[] = F.resample.counts;
  const n = counts.length;
  const w: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) w.push(counts[i]! * counts[j]!);
  const a = rdmVector(F.models[0]), b = rdmVector(F.subjects[0]);
  for (const m of ["cosine", "corr", "spearman", "kendall", "tau-a", "rho-a"] as const) {
    const s = comparePrepared(prepareRdm(a, n, m), prepareRdm(b, n, m), m, w);
    assertAllClose(s, F.resample.similarity[m], { rtol: 1e-9, label: `${m}: ` });
  }
});

Deno.test("evalBootstrap() standard errors agree with the numpy bootstrap within sampling error", () => {
  const B = F.bootstrap;
  for (const [key, se] of Object.entries(B.se) as [string, number][]) {
    const [method, bootstrap] = key.split("/") as [RdmComparator, "pattern"];
    const r = evalBootstrap(B.subjects, B.model, { method, bootstrap, samples: 4000, seed: 3 });
    // two independent 4000-sample estimates of one SE differ by a few percent
    assertAllClose(r.se, se, { rtol: 0.1, atol: 0, label: `${key}: ` });
  }
});

Deno.test("noiseCovariance() matches the numpy reference (full, Ledoit–Wolf, Schäfer–Strimmer)", () => {
  const R = F.noise.residuals;
  const n = R.length;
  assertAllClose(noiseCovariance(R, { method: "full" }).data, F.noise.full.flat(), { rtol: 1e-10 });
  assertAllClose(
    noiseCovariance(R, { method: "ledoit-wolf", dof: n }).data,
    F.noise["ledoit-wolf-dof-n"].flat(),
    { rtol: 1e-10 },
  );
  assertAllClose(
    noiseCovariance(R, { method: "shrinkage-diagonal" }).data,
    F.noise["shrinkage-diagonal"].flat(),
    { rtol: 1e-10 },
  );
});
