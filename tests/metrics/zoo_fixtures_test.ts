/**
 * Parity of the measure zoo with an independent dense numpy implementation of
 * issue 14's formulas (fixtures/make_zoo_fixtures.py → fixtures/zoo.json).
 */
import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";
import {
  cknna,
  concentricityDiff,
  concentricityStatistic,
  distanceCorrelation,
  eigenspaceOverlap,
  jaccardKnn,
  linregR2,
  magnitudeDiff,
  magnitudeStatistic,
  mutualKnn,
  prepareKnn,
  procrustesSq,
  pwcca,
  rankSimilarity,
  secondOrderCosine,
  softMatchDistance,
  svcca,
  uniformityDiff,
  uniformityStatistic,
} from "../../lib/metrics/mod.ts";
import { uniformTransport } from "../../lib/optim/transport.ts";

const F = JSON.parse(await Deno.readTextFile(new URL("./fixtures/zoo.json", import.meta.url)));
const cases = Object.entries(F.cases) as [
  string,
  Record<string, unknown> & {
    X: number[][];
    Y: number[][];
  },
][];
const pair = (
  c: { X: number[][]; Y: number[][] },
): [Matrix, Matrix] => [fromRows(c.X), fromRows(c.Y)];
const close = (actual: number, expected: number, label: string) =>
  assertAllClose(actual, expected, { rtol: 1e-10, atol: 1e-12, label: `${label}: ` });

interface KnnCase {
  k: number;
  neighbours_X: number[][];
  neighbours_Y: number[][];
  mutual_knn: number;
  jaccard_knn: number;
  rank_similarity: number;
  second_order_cosine: number;
  cknna: number | null;
}

Deno.test("prepareKnn() finds exactly the numpy neighbour lists, ties broken by the lower index", () => {
  let checked = 0;
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    for (const kc of c.knn as KnnCase[]) {
      for (const [M, lists] of [[X, kc.neighbours_X], [Y, kc.neighbours_Y]] as const) {
        const a = prepareKnn(M, { k: kc.k });
        const got = Array.from(
          { length: a.n },
          (_, i) => Array.from(a.neighbours.subarray(i * kc.k, (i + 1) * kc.k)),
        );
        assert.deepEqual(got, lists, `${name} k=${kc.k}`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 40);
});

Deno.test("the kNN set measures equal the numpy values exactly; second-order cosine and CKNNA to 1e-10", () => {
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    for (const kc of c.knn as KnnCase[]) {
      const o = { k: kc.k }, label = `${name} k=${kc.k}`;
      assert.equal(mutualKnn(X, Y, o), kc.mutual_knn, `${label} mutual`);
      // the means are sums of the same rationals; allow only the last bits of summation order
      close(jaccardKnn(X, Y, o), kc.jaccard_knn, `${label} jaccard`);
      close(rankSimilarity(X, Y, o), kc.rank_similarity, `${label} rank`);
      close(secondOrderCosine(X, Y, o), kc.second_order_cosine, `${label} second-order`);
      if (kc.cknna === null) {
        assert.throws(() => cknna(X, Y, o), RangeError);
      } else {
        close(cknna(X, Y, o), kc.cknna, `${label} cknna`);
      }
    }
  }
});

Deno.test("svcca() matches numpy with the 99% rule and with fixed dims", () => {
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    close(svcca(X, Y), c.svcca as number, `${name} svcca`);
    for (const d of c.svcca_dims as { dims: number; value: number }[]) {
      close(svcca(X, Y, { dims: d.dims }), d.value, `${name} svcca dims=${d.dims}`);
    }
  }
});

Deno.test("pwcca() matches numpy, with the narrower side as A whichever argument it is", () => {
  let checked = 0;
  for (const [name, c] of cases) {
    if (c.pwcca === null) continue;
    const [X, Y] = pair(c);
    close(pwcca(X, Y), c.pwcca as number, `${name} pwcca`);
    close(pwcca(Y, X), c.pwcca_yx as number, `${name} pwcca(Y, X)`);
    checked++;
  }
  assert.ok(checked >= 5);
});

Deno.test("distanceCorrelation(), eigenspaceOverlap(), procrustesSq(), linregR2() match numpy", () => {
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    close(distanceCorrelation(X, Y), c.dcor as number, `${name} dcor`);
    close(eigenspaceOverlap(X, Y), c.eigenspace_overlap as number, `${name} eigenspace`);
    close(procrustesSq(X, Y), c.procrustes_sq as number, `${name} procrustes-sq`);
    if (c.linreg_r2 !== null) close(linregR2(X, Y), c.linreg_r2 as number, `${name} linreg`);
    if (c.linreg_r2_yx !== null) {
      close(linregR2(Y, X), c.linreg_r2_yx as number, `${name} linreg yx`);
    }
  }
});

Deno.test("softMatchDistance() matches numpy + ot.emd for equal and unequal widths", () => {
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    close(softMatchDistance(X, Y), c.soft_match as number, `${name} soft-match`);
  }
});

Deno.test("the descriptive statistics and their differences match numpy", () => {
  for (const [name, c] of cases) {
    const [X, Y] = pair(c);
    close(magnitudeDiff(X, Y), c.magnitude_diff as number, `${name} magnitude`);
    close(concentricityDiff(X, Y), c.concentricity_diff as number, `${name} concentricity`);
    close(uniformityDiff(X, Y), c.uniformity_diff as number, `${name} uniformity`);
    close(magnitudeStatistic(X), c.magnitude_X as number, `${name} magnitude(X)`);
    close(concentricityStatistic(X), c.concentricity_X as number, `${name} concentricity(X)`);
    const Xs = fromRows(c.X.map((r) => r.map((v) => 0.2 * v)));
    close(uniformityStatistic(Xs), c.uniformity_X_scaled as number, `${name} uniformity(0.2 X)`);
  }
});

Deno.test("uniformTransport() matches ot.emd's optimal cost on random and tied costs", () => {
  for (const t of F.transport as { cost: number[][]; total: number }[]) {
    const r = uniformTransport(t.cost);
    close(r.total, t.total, `${t.cost.length}×${t.cost[0]!.length}`);
  }
});
