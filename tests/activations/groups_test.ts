import assert from "node:assert/strict";
import { groupAccuracy } from "../../lib/activations/groups.ts";
import { crossLabels } from "../../lib/activations/labels.ts";

Deno.test("groupAccuracy() gives the per-group table, mean and worst group", () => {
  const y = [0, 0, 0, 1, 1, 1, 1, 0];
  const a = [0, 0, 1, 1, 1, 0, 0, 1];
  const p = [0, 0, 1, 1, 1, 1, 0, 0];
  const r = groupAccuracy(p, y, a);
  assert.equal(r.meanAccuracy, 6 / 8);
  assert.deepEqual(r.groups.map((g) => [g.class, g.attribute, g.n, g.correct]), [
    [0, 0, 2, 2],
    [0, 1, 2, 1],
    [1, 0, 2, 1],
    [1, 1, 2, 2],
  ]);
  assert.equal(r.worstGroupAccuracy, 0.5);
  assert.deepEqual(r.worstGroup, { class: 0, attribute: 1 });
});

Deno.test("groupAccuracy() worst-group accuracy never exceeds mean accuracy", () => {
  for (let seed = 1; seed < 20; seed++) {
    const n = 60, y: number[] = [], a: number[] = [], p: number[] = [];
    for (let i = 0; i < n; i++) {
      y.push(i % 2);
      a.push(Math.floor(i / 2) % 3);
      p.push((i * seed) % 7 < 4 ? i % 2 : 1 - (i % 2));
    }
    const r = groupAccuracy(p, y, a);
    assert.ok(r.worstGroupAccuracy <= r.meanAccuracy + 1e-15);
  }
});

Deno.test("groupAccuracy() rejects mismatched lengths and empty groups", () => {
  assert.throws(() => groupAccuracy([0, 1], [0, 1, 1], [0, 1, 1]), {
    name: "TypeError",
    message:
      "Cannot compute group accuracy: `predicted` must have one label per row (3): got 2 labels",
  });
  assert.throws(() => groupAccuracy([0, 1], [0, 1], [0, 1]), {
    name: "RangeError",
    message:
      "Cannot compute group accuracy: group (class 0, attribute 1) is empty; worst-group accuracy needs every class × attribute group",
  });
  assert.throws(() => groupAccuracy([], [], []), /`labels` must not be empty/);
  assert.throws(
    () => groupAccuracy([0], [0], [-1]),
    /`attribute` must hold non-negative integers: got -1/,
  );
});

Deno.test("crossLabels() numbers class × attribute groups class-major", () => {
  assert.deepEqual(Array.from(crossLabels([0, 1, 2], [1, 0, 1], 2)), [1, 2, 5]);
  assert.throws(() => crossLabels([0], [2], 2), /`b` must be < nB = 2: got 2 at index 0/);
});
