import assert from "node:assert/strict";
import { plainText, registerRenderer, tagResult } from "../lib/result.ts";
import type { registerView } from "../lib/views/kinds.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const show = (r: unknown) => (r as any)[DISPLAY]();

Deno.test("tagResult() keeps JSON output to the plain fields", () => {
  const r = tagResult("t1", { a: 1, b: [1, 2] });
  assert.equal(JSON.stringify(r), '{"a":1,"b":[1,2],"kind":"t1"}');
  assert.deepEqual(Object.keys(r), ["a", "b", "kind"]);
});

Deno.test("tagResult() freezes the result", () => {
  const r = tagResult("t2", { a: 1 });
  assert.throws(() => {
    (r as { a: number }).a = 2;
  }, TypeError);
});

Deno.test("a registered renderer is used, and text/plain is filled in when it omits it", () => {
  registerRenderer("t3", (r) => ({ "text/html": `<b>${r.a}</b>` }));
  const bundle = show(tagResult("t3", { a: 7 }));
  assert.equal(bundle["text/html"], "<b>7</b>");
  assert.match(bundle["text/plain"], /^t3\na: 7$/);
});

Deno.test("a renderer that throws degrades to text/plain naming the failure", () => {
  registerRenderer("t4", () => {
    throw new Error("boom");
  });
  const bundle = show(tagResult("t4", { a: 1 }));
  assert.deepEqual(Object.keys(bundle), ["text/plain"]);
  assert.match(bundle["text/plain"], /display failed: boom/);
});

Deno.test("plainText() summarises matrices, long arrays and small numbers without ANSI codes", () => {
  const text = plainText({
    M: { rows: 2, cols: 3, data: new Float64Array(6) },
    v: new Float64Array(20).fill(0.5),
    tiny: 1.5e-9,
  });
  assert.match(text, /M: Matrix \[2 × 3\]/);
  assert.match(text, /v: \[0\.5, 0\.5, 0\.5, 0\.5, 0\.5, 0\.5, 0\.5, 0\.5, … \(20 total\)\]/);
  assert.match(text, /tiny: 1\.500000e-9/);
  assert.ok(!text.includes("\x1b["), "no ANSI escape codes");
});

Deno.test("a kind's view is checked at compile time: registerView gives the renderer the kind's type", () => {
  type DatasetView = Parameters<typeof registerView<"dataset">>[1];
  const good = tagResult("dataset", {
    matrix: { rows: 1, cols: 1, data: new Float64Array([1]) },
    dtype: "<f8",
    source: "x.npy",
  });
  // the renderer's argument is a Dataset: `source` is a string without a cast
  const typed: DatasetView = (d) => ({ "text/plain": d.source.toUpperCase() });
  // @ts-expect-error: a Dataset has no field `nope`
  const bad: DatasetView = (d) => ({ "text/plain": String(d.nope) });
  assert.equal(typed(good as never)["text/plain"], "X.NPY");
  assert.equal(typeof bad, "function");
});
