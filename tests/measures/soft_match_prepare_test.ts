import assert from "node:assert/strict";
import { resolveOptions } from "../../lib/measures/all.ts";
import type { PreparedSoftMatch } from "../../lib/metrics/soft_match.ts";

const { measure, options } = resolveOptions("soft-match");
const ctx = { width: 2, test: null, name: "X" };
const values = [1, 2, 3, 1, 0, 1, 2, 5];

Deno.test("soft-match prepares without copying whole-buffer responses, and copies views of larger buffers", () => {
  const whole = { rows: 4, cols: 2, data: Float64Array.from(values) };
  const a = measure.prepare(measure.validate(whole, "X", "ctx"), options, ctx) as PreparedSoftMatch;
  assert.equal(a.responses, whole.data);
  const big = new Float64Array(1000);
  big.set(values, 100);
  const view = { rows: 4, cols: 2, data: big.subarray(100, 108) };
  const b = measure.prepare(measure.validate(view, "X", "ctx"), options, ctx) as PreparedSoftMatch;
  assert.equal(b.responses.buffer.byteLength, 64);
  assert.deepEqual(Array.from(b.responses), values);
  assert.equal(measure.compare(a, b, options).distance, 0);
});
