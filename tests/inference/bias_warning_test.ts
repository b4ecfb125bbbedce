import assert from "node:assert/strict";
import { biasWarning, bootstrap } from "../../lib/inference/mod.ts";

Deno.test("biasWarning() counts ties with the estimate as half below and half above", () => {
  // all tied: the estimate sits at the middle of its bootstrap values
  assert.equal(biasWarning(0.25, new Array(200).fill(0.25)), undefined);
  // 99 ties and one value above: 49.5% below, inside the central 95%
  assert.equal(biasWarning(1, [...new Array(99).fill(1), 2]), undefined);
  // 2 ties under 98 larger values: 1% below, still a warning, with the mid-rank share
  assert.match(
    biasWarning(1, [1, 1, ...new Array(98).fill(2)])!,
    /^the estimate lies below 99% of the bootstrap values/,
  );
  // strict inequalities are as before
  assert.match(biasWarning(3, [0, 1, 2])!, /^the estimate lies above 100% of the bootstrap values/);
});

Deno.test("bootstrap() of a statistic equal to the estimate in every draw gives no bias warning", () => {
  const r = bootstrap(50, () => 0.25, { samples: 200, seed: 1 });
  assert.deepEqual([r.estimate, ...r.ci], [0.25, 0.25, 0.25]);
  assert.equal(r.warning, undefined);
  // a median of integer data: most draws tie with the estimate
  const x = Array.from({ length: 41 }, (_, i) => [1, 2, 2, 2, 3][i % 5]!);
  const median = (d: Int32Array | null) => {
    const v = (d ? Array.from(d, (i) => x[i]!) : [...x]).sort((a, b) => a - b);
    return v[v.length >> 1]!;
  };
  const m = bootstrap(x.length, median, { samples: 500, seed: 1 });
  assert.equal(m.estimate, 2);
  assert.equal(m.warning, undefined);
});
