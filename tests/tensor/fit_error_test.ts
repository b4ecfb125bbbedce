import assert from "node:assert/strict";
import { reconstructionError } from "../../lib/tensor/fit_error.ts";
import { cpRankSweep } from "../../lib/tensor/cp_rank.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx, tens } from "./_fixtures.ts";

Deno.test("reconstructionError() matches numpy over the observed entries", () => {
  const e = reconstructionError(tens(fx.T), tens(fx.fit_error.That), { mask: fx.mask });
  assertAllClose(e.relativeError, fx.fit_error.relative_error, { rtol: 1e-12 });
  assertAllClose(e.varianceExplained, fx.fit_error.variance_explained, { rtol: 1e-12 });
});

Deno.test("reconstructionError() is 0 / 1 for a perfect fit and rejects mismatches", () => {
  const T = tens(fx.T);
  const e = reconstructionError(T, T);
  assert.equal(e.relativeError, 0);
  assert.equal(e.varianceExplained, 1);
  assert.throws(() => reconstructionError(T, { shape: [1, 1, 1], data: new Float64Array(1) }), {
    name: "TypeError",
    message:
      "Cannot score reconstruction: `T` and `That` must have the same shape: got [5, 4, 6] and [1, 1, 1]",
  });
  assert.throws(() => reconstructionError(T, T, { mask: new Uint8Array(120) }), {
    name: "RangeError",
    message: "Cannot score reconstruction: `mask` selects no entries",
  });
  const z = { shape: [1, 1, 2] as [number, number, number], data: new Float64Array(2) };
  assert.throws(() => reconstructionError(z, z), {
    name: "RangeError",
    message: /zero at every scored entry/,
  });
});

Deno.test("cpRankSweep() tabulates replicates and its error falls with rank", () => {
  const s = cpRankSweep(tens(fx.T), { ranks: [1, 2, 4], replicates: 2, maxIter: 200 });
  assert.equal(s.table.length, 6);
  assert.ok(s.best[0]!.relativeError > s.best[1]!.relativeError);
  assert.ok(s.best[1]!.relativeError > s.best[2]!.relativeError);
  for (const row of s.table) {
    assert.ok(row.similarityToBest > 0 && row.similarityToBest <= 1 + 1e-12);
  }
  assert.throws(() => cpRankSweep(tens(fx.T), { ranks: [] }), {
    name: "RangeError",
    message: /`ranks` must be a non-empty array/,
  });
});
