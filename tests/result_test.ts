import assert from "node:assert/strict";
import { plainText, registerRenderer, type Renderer, tagResult } from "../lib/result.ts";
import type {} from "../lib/io/dataset.ts"; // declares the `dataset` kind

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

Deno.test("a declared kind is checked at compile time: tagResult needs its fields, a renderer gets its type", () => {
  const matrix = { rows: 1, cols: 1, data: new Float64Array([1]) };
  // @ts-expect-error: a `dataset` needs `dtype` and `source` (ResultKinds, lib/io/dataset.ts)
  const bad = () => tagResult("dataset", { matrix });
  const good = tagResult("dataset", { matrix, dtype: "<f8", source: "x.npy" });
  assert.equal(good.kind, "dataset");
  assert.equal(typeof bad, "function");
  // the renderer's argument is a Dataset: `source` is a string without a cast
  const typed: Renderer<"dataset"> = (d) => ({ "text/plain": d.source.toUpperCase() });
  assert.equal(typed(good)["text/plain"], "X.NPY");
});
