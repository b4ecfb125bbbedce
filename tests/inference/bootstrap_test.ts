import assert from "node:assert/strict";
import {
  bootstrap,
  confidenceInterval,
  jackknife,
  quantileSorted,
} from "../../lib/inference/mod.ts";
import { linearCKA } from "../../lib/metrics/cka.ts";
import { takeRows } from "../../lib/linalg/matrix.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

/** Y = X·W + noise, n stimuli × p units. */
function related(n: number, p: number, noise: number, seed: number): [Matrix, Matrix] {
  const g = normalSampler(mulberry32(seed));
  const X = { rows: n, cols: p, data: Float64Array.from({ length: n * p }, g) };
  const W = Float64Array.from({ length: p * p }, g);
  const Y = { rows: n, cols: p, data: new Float64Array(n * p) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      let s = noise * g();
      for (let k = 0; k < p; k++) s += X.data[i * p + k]! * W[k * p + j]!;
      Y.data[i * p + j] = s;
    }
  }
  return [X, Y];
}

const ckaOf = (X: Matrix, Y: Matrix) => (d: Int32Array | null) =>
  d ? linearCKA(takeRows(X, d), takeRows(Y, d)) : linearCKA(X, Y);

Deno.test("bootstrap SE of CKA is within 30% of its Monte-Carlo SD over independent datasets", () => {
  const n = 60, p = 4, noise = 2.5;
  const values: number[] = [];
  for (let s = 0; s < 300; s++) {
    const [X, Y] = related(n, p, noise, 1000 + s);
    values.push(linearCKA(X, Y));
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const mcSd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
  let se = 0;
  const datasets = 8;
  for (let s = 0; s < datasets; s++) {
    const [X, Y] = related(n, p, noise, 5000 + s);
    se += bootstrap(n, ckaOf(X, Y), { samples: 400, seed: s, interval: "percentile" }).se /
      datasets;
  }
  assert.ok(Math.abs(se / mcSd - 1) < 0.3, `bootstrap SE ${se} vs Monte-Carlo SD ${mcSd}`);
});

Deno.test("bootstrap CIs contain their own estimate, for BCa and percentile", () => {
  for (let s = 0; s < 10; s++) {
    const [X, Y] = related(30, 3, 1.5, 70 + s);
    for (const interval of ["bca", "percentile"] as const) {
      const r = bootstrap(30, ckaOf(X, Y), { samples: 300, seed: s, interval });
      assert.ok(r.ci[0] <= r.estimate && r.estimate <= r.ci[1], `${interval} seed ${s}`);
      assert.ok(r.ci[0] < r.ci[1]);
    }
  }
});

Deno.test("bootstrap() is reproducible for a seed and draws differ between seeds", () => {
  const [X, Y] = related(25, 3, 1, 3);
  const a = bootstrap(25, ckaOf(X, Y), { samples: 50, seed: 9 });
  const b = bootstrap(25, ckaOf(X, Y), { samples: 50, seed: 9 });
  const c = bootstrap(25, ckaOf(X, Y), { samples: 50, seed: 10 });
  assert.deepEqual(a.distribution, b.distribution);
  assert.notDeepEqual(a.distribution, c.distribution);
  assert.equal(a.estimate, linearCKA(X, Y));
});

Deno.test("BCa equals the percentile interval when the distribution is centred on the estimate and the jackknife is symmetric", () => {
  const sorted = Array.from({ length: 1001 }, (_, i) => (i - 500) / 100);
  const jack = [-1, 1, -2, 2];
  const bca = confidenceInterval(0, sorted, 0.9, "bca", jack);
  const pct = confidenceInterval(0, sorted, 0.9, "percentile");
  assert.ok(Math.abs(bca[0] - pct[0]) < 1e-9 && Math.abs(bca[1] - pct[1]) < 1e-9, `${bca} ${pct}`);
});

Deno.test("BCa shifts the interval towards the side where the bootstrap values lie", () => {
  const sorted = Array.from({ length: 1001 }, (_, i) => i / 1000); // all but one value above 0.0
  const [lo] = confidenceInterval(0.3, sorted, 0.9, "bca");
  assert.ok(lo < quantileSorted(sorted, 0.05), `${lo}`);
});

Deno.test("jackknife() leaves out each unit once", () => {
  const x = [3, 5, 10, 2];
  const sum = (d: Int32Array | null) => [...(d ?? [0, 1, 2, 3])].reduce((s, i) => s + x[i]!, 0);
  assert.deepEqual(Array.from(jackknife(4, sum)), [17, 15, 10, 18]);
});

Deno.test("bootstrap() refuses a statistic that is not finite, naming the sample", () => {
  assert.throws(
    () => bootstrap(5, (d) => (d && d[0] === 0 ? NaN : 1), { samples: 50 }),
    /Cannot bootstrap: the statistic is not finite on bootstrap sample \d+: got NaN/,
  );
  assert.throws(() => bootstrap(5, () => 1, { samples: 0 }), /`samples` must be/);
  assert.throws(
    () => bootstrap(5, () => 1, { level: 1 }),
    /`level` must be strictly between 0 and 1: got 1/,
  );
});

Deno.test("bootstrap() discards draws with too few distinct units and counts them", () => {
  const r = bootstrap(3, () => 1, { samples: 200, minDistinct: 3, interval: "percentile" });
  // P(all three distinct) = 3!/27 = 2/9
  assert.ok(r.discarded > 120 && r.discarded < 190, `${r.discarded}`);
  assert.equal(r.distribution.length + r.discarded, 200);
});
