import assert from "node:assert/strict";
import { exactConstantMeans, isConstantAcrossStimuli } from "../../lib/metrics/zoo_inputs.ts";

Deno.test("exactConstantMeans makes a repeated row centre to exact zeros, and leaves varying columns", () => {
  const n = 7, row = [0.1, 1 / 3, 2];
  const data = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) data.set(i === 6 ? [0.1, 1 / 3, 5] : row, i * 3);
  const means = new Float64Array(3);
  for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) means[j] += data[i * 3 + j]!;
  for (let j = 0; j < 3; j++) means[j] /= n;
  const summed2 = means[2]!;
  exactConstantMeans(data, n, 3, means);
  assert.equal(means[0], 0.1);
  assert.equal(means[1], 1 / 3);
  assert.equal(means[2], summed2); // varies: its summed mean stays (17/7)
  assert.ok(Math.abs(summed2 - 17 / 7) < 1e-15);
  assert.equal(isConstantAcrossStimuli({ rows: n, cols: 3, data }), false);
});
