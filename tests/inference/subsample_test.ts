import assert from "node:assert/strict";
import { bootstrap, bootstrapMeasure, drawRng, subsampleDraw } from "../../lib/inference/mod.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

// Two networks on n stimuli: X (p units) and Y = X·W + noise·E, W fixed, X and E new per dataset.
// With 6 units and 40 stimuli both measures are biased by about one SD (CKA +1.05 SD, Procrustes
// −1.34 SD): the regime where the ordinary bootstrap's intervals miss (BCa covered the population
// value in 76 and 50 of these 100 datasets, percentile in 42 and 16).
const P = 6, NOISE = 2.5;
const W = Float64Array.from({ length: P * P }, normalSampler(mulberry32(77)));
function networks(n: number, seed: number): [Matrix, Matrix] {
  const g = normalSampler(mulberry32(seed));
  const X = { rows: n, cols: P, data: Float64Array.from({ length: n * P }, g) };
  const Y = { rows: n, cols: P, data: new Float64Array(n * P) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < P; j++) {
      let s = NOISE * g();
      for (let k = 0; k < P; k++) s += X.data[i * P + k]! * W[k * P + j]!;
      Y.data[i * P + j] = s;
    }
  }
  return [X, Y];
}
const valueOf = (measure: string, X: Matrix, Y: Matrix) => {
  const r = compareWith(measure, X, Y);
  return (r.similarity ?? r.distance)!;
};

const N = 40, DATASETS = 100;
const cache = new Map<string, ReturnType<typeof study>>();
function study(measure: string) {
  // the population value: the measure on 40 000 stimuli (bias ~1000× smaller than at 40)
  const population = valueOf(measure, ...networks(40000, 999));
  const monteCarlo = Array.from(
    { length: 300 },
    (_, s) => valueOf(measure, ...networks(N, 10000 + s)),
  );
  const mcMean = monteCarlo.reduce((a, v) => a + v, 0) / monteCarlo.length;
  const mcSd = Math.sqrt(
    monteCarlo.reduce((a, v) => a + (v - mcMean) ** 2, 0) / (monteCarlo.length - 1),
  );
  const results = Array.from({ length: DATASETS }, (_, s) => {
    const [X, Y] = networks(N, 500 + s);
    return bootstrapMeasure(measure, X, Y, { samples: 200, seed: s });
  });
  return { population, mcSd, results };
}
const studyOf = (measure: string) => {
  if (!cache.has(measure)) cache.set(measure, study(measure));
  return cache.get(measure)!;
};

for (const measure of ["cka", "procrustes"]) {
  Deno.test(`the half-sample SE of ${measure} on 40 stimuli is within 30% of the Monte-Carlo SD over independent datasets`, () => {
    const { mcSd, results } = studyOf(measure);
    assert.equal(results[0]!.scheme, "subsample");
    assert.equal(results[0]!.subsampleSize, 20);
    const se = results.reduce((a, r) => a + r.se, 0) / DATASETS;
    assert.ok(Math.abs(se / mcSd - 1) < 0.3, `SE ${se} vs Monte-Carlo SD ${mcSd}`);
  });

  Deno.test(`the half-sample basic 95% interval of ${measure} covers its population value in at least 85 of 100 datasets, more often than the ordinary bootstrap's BCa`, () => {
    const { population, results } = studyOf(measure);
    const covers = (r: { ci: [number, number] }) => r.ci[0] <= population && population <= r.ci[1];
    const covered = results.filter(covers).length;
    assert.ok(covered >= 85, `${covered} of ${DATASETS} (population ${population})`);
    const old = Array.from({ length: DATASETS }, (_, s) => {
      const [X, Y] = networks(N, 500 + s);
      return bootstrapMeasure(measure, X, Y, { samples: 200, seed: s, scheme: "replacement" });
    });
    assert.ok(old.filter(covers).length < covered - 5, `BCa ${old.filter(covers).length}`);
  });

  Deno.test(`the half-sample interval of ${measure} contains its own estimate in at least 95 of 100 datasets`, () => {
    const { results } = studyOf(measure);
    const inside = results.filter((r) => r.ci[0] <= r.estimate && r.estimate <= r.ci[1]).length;
    assert.ok(inside >= 95, `${inside} of ${DATASETS}`);
    assert.ok(results.every((r) => r.interval === "basic"));
    // the diagnostic stays: a result whose interval excludes its estimate carries a warning
    for (const r of results) {
      if (r.ci[0] > r.estimate || r.estimate > r.ci[1]) {
        assert.match(r.warning ?? "", /strongly biased/);
      }
    }
  });
}

Deno.test("subsampleDraw() gives each subset of m units with equal chance: every unit drawn m/n of the time", () => {
  const counts = new Array(10).fill(0);
  for (let k = 0; k < 5000; k++) for (const i of subsampleDraw(10, 3, drawRng(2, k))) counts[i]++;
  for (const c of counts) assert.ok(Math.abs(c / 5000 - 0.3) < 0.03, `${counts}`);
});

Deno.test("the subsample scheme rescales a mean's half-sample spread and bias to the full sample exactly", () => {
  // for a mean, the half-sample SD over all subsets is σ·√(1/m − 1/n)·√(n/(n−1)): with m = n/2
  // it equals s/√n (s the sample SD), the usual SE of a mean
  const x = Array.from({ length: 30 }, (_, i) => Math.cos(i * 2.1) * 3 + i / 10);
  const n = x.length;
  const mean = (d: Int32Array | null) =>
    d ? d.reduce((a, i) => a + x[i]!, 0) / d.length : x.reduce((a, v) => a + v, 0) / n;
  const est = mean(null);
  const s = Math.sqrt(x.reduce((a, v) => a + (v - est) ** 2, 0) / (n - 1));
  const r = bootstrap(n, mean, { samples: 4000, seed: 5, scheme: "subsample" });
  assert.ok(Math.abs(r.se / (s / Math.sqrt(n)) - 1) < 0.05, `${r.se} vs ${s / Math.sqrt(n)}`);
  // a mean has no bias: the rescaled values centre on the estimate
  const centre = r.distribution.reduce((a, v) => a + v, 0) / r.distribution.length;
  assert.ok(Math.abs(centre - est) < 0.1 * r.se, `${centre} vs ${est}`);
  // m = 20 of 30: f = 2, so the spread of 20-subsets (√(1/20 − 1/30)·σ) is scaled by √2
  const big = bootstrap(n, mean, {
    samples: 4000,
    seed: 5,
    scheme: "subsample",
    subsampleSize: 20,
  });
  assert.equal(big.subsampleSize, 20);
  assert.ok(Math.abs(big.se / (s / Math.sqrt(n)) - 1) < 0.05, `${big.se}`);
});

Deno.test("the subsample scheme removes a 1/n bias: the basic interval is centred on the unbiased value", () => {
  // the plug-in variance (ddof 0) has bias −σ²/n; half-samples estimate it and the interval moves up
  const x = Array.from({ length: 40 }, (_, i) => Math.sin(i * 12.9898) * 2);
  const n = x.length;
  const variance = (d: Int32Array | null) => {
    const idx = d ?? Int32Array.from(x.keys());
    const m = idx.reduce((a, i) => a + x[i]!, 0) / idx.length;
    return idx.reduce((a, i) => a + (x[i]! - m) ** 2, 0) / idx.length;
  };
  const r = bootstrap(n, variance, { samples: 4000, seed: 1, scheme: "subsample" });
  const unbiased = (variance(null) * n) / (n - 1);
  const mid = (r.ci[0] + r.ci[1]) / 2;
  assert.ok(Math.abs(mid - unbiased) < 0.15 * r.se, `mid ${mid}, unbiased ${unbiased}, se ${r.se}`);
});

Deno.test("bootstrap() refuses a bootstrap interval with the subsample scheme and a subsample too small", () => {
  assert.throws(
    () => bootstrap(10, () => 1, { scheme: "subsample", interval: "bca" }),
    /`interval` must be basic with scheme subsample/,
  );
  assert.throws(
    () => bootstrap(5, () => 1, { scheme: "subsample", minDistinct: 3 }),
    /`subsampleSize` must be at least 3 .* got 2 \(the default ⌊n\/2⌋ for n = 5\)/,
  );
  assert.throws(
    () => bootstrap(10, () => 1, { scheme: "subsample", subsampleSize: 10 }),
    /below the 10 units: got 10/,
  );
});

Deno.test("bootstrapMeasure() keeps the ordinary bootstrap for scheme replacement or a bootstrap interval", () => {
  const [X, Y] = networks(30, 3);
  const a = bootstrapMeasure("cka", X, Y, { samples: 50, scheme: "replacement" });
  const b = bootstrapMeasure("cka", X, Y, { samples: 50, interval: "percentile" });
  assert.equal(a.scheme, "replacement");
  assert.equal(a.interval, "bca");
  assert.equal(b.scheme, "replacement");
  assert.equal(a.subsampleSize, undefined);
  assert.deepEqual(a.distribution, b.distribution);
});

Deno.test("bootstrapMeasure() picks the ordinary bootstrap where half-samples do not apply, and says so", () => {
  const [X, Y] = networks(40, 3);
  // a kNN measure keeps k fixed, so a half-sample measures another neighbourhood
  const knn = bootstrapMeasure("mutual-knn", X, Y, { samples: 50, k: 5 });
  assert.equal(knn.scheme, "replacement");
  assert.equal(knn.interval, "bca");
  assert.ok(knn.ci[0] <= knn.estimate && knn.estimate <= knn.ci[1]);
  // five stimuli leave half-samples of 2
  const [x5, y5] = networks(5, 4);
  assert.equal(bootstrapMeasure("procrustes", x5, y5, { samples: 20 }).scheme, "replacement");
  // PWCCA needs more stimuli than units: 30 stimuli, 15 units, half-samples of 15 cannot carry it
  const g = normalSampler(mulberry32(5));
  const x30 = { rows: 30, cols: 15, data: Float64Array.from({ length: 450 }, g) };
  const y30 = { rows: 30, cols: 15, data: Float64Array.from({ length: 450 }, g) };
  assert.equal(bootstrapMeasure("pwcca", x30, y30, { samples: 20 }).scheme, "replacement");
  // a fitted measure on enough stimuli keeps half-samples
  const cka = bootstrapMeasure("cka", X, Y, { samples: 50 });
  assert.equal(cka.scheme, "subsample");
  assert.equal(cka.interval, "basic");
});
