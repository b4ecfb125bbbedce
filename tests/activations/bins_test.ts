import assert from "node:assert/strict";
import { activationBins, directionValues, topK } from "../../lib/activations/bins.ts";
import { activationAnalysis, sampleComposition } from "../../lib/activations/composition.ts";
import { sortedRsm } from "../../lib/activations/rsm.ts";
import { fromRows, takeRows } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const ref = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/quantile_rsm.json", import.meta.url)),
);

Deno.test("activationBins() quantile bins hold equal counts for distinct values", () => {
  const v = Array.from({ length: 100 }, (_, i) => Math.cos(i * 1.7) * 50 + i * 0.01);
  const b = activationBins(v, { nBins: 10 });
  assert.deepEqual(b.counts, new Array(10).fill(10));
  for (let i = 0; i < v.length; i++) {
    assert.ok(v[i]! >= b.edges[b.bin[i]!]! && v[i]! <= b.edges[b.bin[i]! + 1]!);
  }
});

Deno.test("activationBins() range bins have equal widths and put the maximum in the last bin", () => {
  const b = activationBins([1, 2, 3, 4, 5], { rule: "range", nBins: 4 });
  assert.deepEqual(b.edges, [1, 2, 3, 4, 5]);
  assert.deepEqual(Array.from(b.bin), [0, 1, 2, 3, 3]);
});

Deno.test("topK() and directionValues() pick the largest projections", () => {
  const X = [[1, 0], [0, 1], [2, 2], [-1, 3]];
  const v = directionValues(X, [1, 1]);
  assert.deepEqual(Array.from(v), [1, 1, 4, 2]);
  assert.deepEqual(topK(v, 3), [2, 3, 0]);
  assert.throws(() => topK(v, 5), /`k` must be an integer in \[1, 4\]: got 5/);
  assert.throws(() => directionValues(X, [1]), {
    name: "TypeError",
    message: "Cannot project activations: `direction` must have 2 entries (columns of `X`): got 1",
  });
});

Deno.test("sampleComposition() fractions of each factor and of the crossing sum to one", () => {
  const cls = [0, 1, 2, 0, 1, 2, 0], band = [0, 0, 1, 1, 2, 2, 0];
  const c = sampleComposition([0, 2, 3, 5, 6], { class: cls, band });
  for (const key of ["class", "band", "class×band"]) {
    assertAllClose(c.fractions[key]!.reduce((s, x) => s + x, 0), 1, { rtol: 1e-15 });
  }
  assert.deepEqual(c.counts["class"], [3, 0, 2]);
  assert.equal(c.counts["class×band"]![2 * 3 + 1], 1); // class 2, band 1
});

Deno.test("activationAnalysis() top bin of an aligned unit is dominated by the aligned group", () => {
  // Unit = class + band (both cues); top decile must be class 1 & band 1.
  const n = 200, cls: number[] = [], band: number[] = [], v: number[] = [];
  for (let i = 0; i < n; i++) {
    cls.push(i % 2);
    band.push(i % 10 === 0 ? 1 - (i % 2) : i % 2);
    v.push(cls[i]! + band[i]! + 0.01 * Math.sin(i));
  }
  const r = activationAnalysis(v, { class: cls, band }, { nBins: 10 });
  assert.equal(r.kind, "activationAnalysis");
  assert.equal(r.bins.length, 10);
  assert.deepEqual(r.bins[9]!.fractions["class×band"], [0, 0, 0, 1]);
  assert.equal(r.topK.k, 20);
  assert.deepEqual(r.topK.fractions["class×band"], [0, 0, 0, 1]);
  // The minority (conflicting) samples sit in the middle bins.
  const middle = r.bins.filter((b) =>
    (b.counts["class×band"]![1]! + b.counts["class×band"]![2]!) > 0
  );
  assert.ok(middle.length > 0 && middle.every((b) => b !== r.bins[0] && b !== r.bins[9]));
});

Deno.test("sortedRsm() matches numpy corrcoef and cosine similarity in sorted order", () => {
  const F = fromRows(ref.features);
  const attr = [2, 0, 1, 0, 2, 1, 0, 1, 2];
  const r = sortedRsm(F, attr);
  assert.deepEqual(r.order, [1, 3, 6, 2, 5, 7, 0, 4, 8]);
  assert.deepEqual(r.boundaries, [0, 3, 6]);
  const expected = ref.corr as number[][];
  const perm = r.order.flatMap((i) => r.order.map((j) => expected[i]![j]!));
  assertAllClose(r.matrix.data, perm, { rtol: 1e-12, atol: 1e-13 });
  const c = sortedRsm(F, attr, { metric: "cosine" });
  assertAllClose(c.matrix.data, r.order.flatMap((i) => r.order.map((j) => ref.cosine[i][j])), {
    rtol: 1e-12,
    atol: 1e-13,
  });
  // The RSM of a permuted copy is the same once sorted.
  const shuffled = [4, 0, 8, 1, 7, 2, 6, 3, 5];
  const r2 = sortedRsm(takeRows(F, shuffled), shuffled.map((i) => attr[i]!));
  assertAllClose(r2.blockMeans.flat() as number[], r.blockMeans.flat() as number[], {
    rtol: 1e-12,
  });
});

Deno.test("sortedRsm() and activationBins() reject bad input", () => {
  assert.throws(() => sortedRsm([[1, 1], [0, 1]], [0, 1]), /sample 0 has constant features/);
  assert.throws(() => sortedRsm([[1, 2], [0, 1]], [0]), {
    name: "TypeError",
    message: "Cannot compute RSM: `attribute` must have one label per row (2): got 1 labels",
  });
  assert.throws(
    () => activationBins([1, 2], { nBins: 0 }),
    /`nBins` must be an integer >= 1: got 0/,
  );
  assert.throws(() => activationBins([]), /`values` must not be empty/);
});
