import assert from "node:assert/strict";
import {
  describeMeasure,
  getMeasure,
  listMeasures,
  measureList,
  resolveOptions,
} from "../../lib/measures/all.ts";
import { registerMeasure } from "../../lib/measures/registry.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/views/measures/mod.ts";

Deno.test("every registered measure resolves its defaults, and each alias its fixed values", () => {
  for (const m of listMeasures()) {
    const { options } = resolveOptions(m);
    for (const o of m.options) {
      if (o.default !== null) assert.equal(options[o.name], o.default, `${m.name}.${o.name}`);
    }
    for (const [alias, fixed] of Object.entries(m.aliases)) {
      const r = resolveOptions(alias);
      assert.equal(r.measure, m);
      for (const [k, v] of Object.entries(fixed)) assert.equal(r.options[k], v);
    }
    const flags = m.options.map((o) => o.flag);
    assert.equal(new Set(flags).size, flags.length, `${m.name} has duplicate flags`);
  }
});

Deno.test("resolveOptions() names unknown and inapplicable options and bad values", () => {
  assert.throws(() => resolveOptions("cka", { alpha: 0.5 }, "Cannot compare"), {
    name: "RangeError",
    message:
      "Cannot compare: `alpha` is not an option of measure cka (its options: kernel, threshold, debiased, center)",
  });
  assert.throws(() => resolveOptions("linear", { alpha: "0.5" }), {
    name: "TypeError",
    message: "Invalid options: `alpha` must be a number: got 0.5",
  });
  assert.throws(() => resolveOptions("linear", { score: "cosine" }), {
    name: "RangeError",
    message: "Invalid options: `score` must be one of angular, euclidean: got cosine",
  });
  assert.throws(() => resolveOptions("dsa", { rank: 2.5 }), {
    name: "RangeError",
    message: "Invalid options: `rank` must be an integer: got 2.5",
  });
  assert.throws(() => resolveOptions("linear", { center: 1 }), {
    name: "TypeError",
    message: "Invalid options: `center` must be a boolean: got 1",
  });
  assert.throws(() => resolveOptions("procrustes", { alpha: 0 }), {
    name: "RangeError",
    message: "Invalid options: `alpha` is fixed to 1 by alias procrustes: got 0",
  });
  assert.deepEqual(resolveOptions("procrustes", { alpha: 1 }).options.alpha, 1);
});

Deno.test("getMeasure() lists the known names when the name is unknown", () => {
  assert.throws(() => getMeasure("rsa"), {
    name: "RangeError",
    message: new RegExp(
      `^Unknown measure: \`measure\` must be one of .*cca.*procrustes.*: got rsa$`,
    ),
  });
});

Deno.test("registerMeasure() refuses a name or alias already taken", () => {
  const linear = getMeasure("linear").measure;
  assert.throws(() => registerMeasure({ ...linear, name: "linear2", aliases: { cca: {} } }), {
    name: "RangeError",
    message: "Cannot register measure: `cca` is already registered",
  });
});

Deno.test("describeMeasure() is plain JSON with properties per alias", () => {
  const d = describeMeasure(getMeasure("dsa").measure);
  assert.deepEqual(JSON.parse(JSON.stringify(d)), d);
  assert.equal(d.properties.byAlias["dsa-wasserstein"]!.metric, false);
  assert.equal(d.properties.metric, true);
});

Deno.test("measureList() displays as a table of the measures", () => {
  const list = measureList();
  // deno-lint-ignore no-explicit-any
  const b = (list as any)[Symbol.for("Jupyter.display")]();
  assert.match(b["text/plain"], /Registered measures/);
  assert.match(b["text/plain"], /stochastic-gaussian/);
  assert.match(b["text/html"], /<table/);
});

Deno.test("input-dsa and controllability refuse observations constant in time, as dsa does", () => {
  const T = 80;
  const U = Array.from({ length: T }, (_, t) => [Math.sin(0.7 * t * t), Math.cos(1.3 * t)]);
  const Y = U.map((_, t) => [Math.sin(0.1 * t) + 0.1 * U[t]![0]!, Math.cos(0.1 * t)]);
  const flat = U.map(() => [1, 1]);
  for (const measure of ["input-dsa", "controllability"]) {
    assert.throws(() => compareWith(measure, { Y, U }, { Y: flat, U }, { nDelays: 3 }), {
      name: "RangeError",
      message:
        "Cannot compare: `Y.Y` is constant in time (every time step of every trial equals the first): it has no dynamics to fit",
    });
  }
  assert.throws(() => compareWith("dsa", Y, flat, { nDelays: 3 }), /is constant in time/);
});
