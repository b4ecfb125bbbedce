// Results of the measure-level inference keep the hidden Jupyter display method that
// tagResult attaches (copying them with Object.assign dropped it), and their JSON is unchanged.
import assert from "node:assert/strict";
import {
  bootstrapMeasure,
  bootstrapMeasureSubjects,
  compareModelsSubjects,
  permutationMeasure,
} from "../../lib/inference/mod.ts";
import "../../lib/measures/all.ts";
import { randn } from "../../lib/random.ts";

const DISPLAY = Symbol.for("Jupyter.display");
const X = randn(12, 3, 1);
const Y = { ...X, data: X.data.map((v, i) => v + 0.3 * Math.sin(5 * i)) };

async function assertDisplays(r: object, kind: string, heading: RegExp): Promise<void> {
  const display = (r as Record<symbol, unknown>)[DISPLAY];
  assert.equal(typeof display, "function", `${kind}: no display method`);
  assert.equal(Object.getOwnPropertyDescriptor(r, DISPLAY)?.enumerable, false);
  const bundle = await (display as () => Record<string, string>).call(r);
  assert.equal(typeof bundle["text/plain"], "string", kind);
  assert.match(bundle["text/plain"]!, heading, kind);
  assert.ok(Object.isFrozen(r), `${kind}: not frozen`);
}

Deno.test("bootstrapMeasure() and permutationMeasure() results have a Jupyter display with text/plain", async () => {
  const b = bootstrapMeasure("cka", X, Y, { samples: 20, seed: 1 });
  assert.equal(b.kind, "bootstrap");
  await assertDisplays(b, "bootstrap", /cka|estimate|bootstrap/i);
  const keys = Object.keys(b);
  assert.deepEqual(keys.slice(-2), ["value", "measure"]);
  assert.equal(JSON.parse(JSON.stringify(b)).measure, "cka");
  const p = permutationMeasure("cka", X, Y, { permutations: 19, seed: 1 });
  assert.equal(p.kind, "permutationTest");
  await assertDisplays(p, "permutationTest", /p|permutation/i);
  assert.deepEqual(Object.keys(p).slice(-2), ["value", "measure"]);
});

Deno.test("bootstrapMeasureSubjects() and compareModelsSubjects() results have a Jupyter display with text/plain", async () => {
  const subjects = [2, 3, 4].map((s) => ({
    ...X,
    data: X.data.map((v, i) => v + 0.5 * randn(12, 3, s).data[i]!),
  }));
  const b = bootstrapMeasureSubjects("cka", [X], subjects, { samples: 20, seed: 1 });
  assert.equal(b.kind, "bootstrap");
  assert.equal(b.resample, "subjects");
  await assertDisplays(b, "bootstrap", /./);
  const c = compareModelsSubjects("cka", subjects, { near: X, far: randn(12, 3, 9) }, {
    samples: 20,
    seed: 1,
  });
  assert.equal(c.kind, "modelComparison");
  await assertDisplays(c, "modelComparison", /near/);
  assert.deepEqual(Object.keys(c).slice(-2), ["resample", "subjects"]);
});
