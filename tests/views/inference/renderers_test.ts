import assert from "node:assert/strict";
import "../../../lib/views/mod.ts";
import {
  bootstrap,
  compareModels,
  splitHalfReliability,
  twoFactorBootstrap,
} from "../../../lib/inference/mod.ts";

// deno-lint-ignore no-explicit-any
const show = (r: unknown) => (r as any)[Symbol.for("Jupyter.display")]();
const x = Array.from({ length: 20 }, (_, i) => Math.sin(i * 2.3));
const mean = (shift: number) => (d: Int32Array | null) =>
  (d ? [...d] : [...x.keys()]).reduce((s, i) => s + x[i]! + shift, 0) / (d?.length ?? 20);

Deno.test("a bootstrap displays its estimate, SE and CI, with a histogram marking them", () => {
  const r = bootstrap(20, mean(0), { samples: 100 });
  const b = show(r);
  assert.match(b["text/plain"], /95% CI/);
  assert.match(b["image/svg+xml"], /estimate/);
  assert.ok((b["image/svg+xml"].match(/<rect /g) ?? []).length > 5);
  assert.match(b["text/plain"], /draws\s+with replacement/);
  const half = show(bootstrap(20, mean(0), { samples: 100, scheme: "subsample" }));
  assert.match(
    half["text/plain"],
    /draws\s+10 distinct units without replacement, rescaled to all/,
  );
});

Deno.test("a model comparison shows one bar per model with CI whiskers and a row per pair", () => {
  const r = compareModels(20, { a: mean(0.5), b: mean(0), c: mean(-0.2) }, {
    samples: 100,
    ceiling: 2,
  });
  const b = show(r);
  assert.match(b["text/plain"], /a − b/);
  assert.match(b["text/plain"], /relative to ceiling/);
  assert.match(b["text/html"], /<table/);
  assert.match(b["image/svg+xml"], /noise ceiling 2/);
  assert.match(b["image/svg+xml"], /stroke-dasharray="5 3"/); // the ceiling is drawn, not only named
  assert.match(b["image/svg+xml"], />noise ceiling</);
});

Deno.test("two-factor bootstrap and split-half reliability display their numbers", () => {
  const t = twoFactorBootstrap(4, 5, (s, c) => s.length + c.length + s[0]! + c[0]!, {
    samples: 50,
  });
  assert.match(show(t)["text/plain"], /SE, both \(uncorrected\)/);
  const data = Float64Array.from({ length: 4 * 5 * 2 }, (_, k) => Math.sin(k) + (k % 10));
  const s = splitHalfReliability(data, [4, 5, 2]);
  assert.match(show(s)["image/svg+xml"], /^<svg/);
});

Deno.test("a model comparison flags an unreliable CI in a note column, leaving the p-value column to pairs", () => {
  // the share of distinct units is 1 on the full data and below 1 in every draw: strongly biased
  const distinct = (d: Int32Array | null) => (d ? new Set(d).size / 20 : 1);
  const r = compareModels(20, { a: mean(0.5), odd: distinct }, { samples: 100 });
  assert.ok(r.models[1]!.warning !== undefined && r.models[0]!.warning === undefined);
  const text: string = show(r)["text/plain"];
  const lines = text.split("\n");
  const header = lines.find((l) => l.startsWith("comparison"))!;
  assert.ok(header.indexOf("note") > header.indexOf("p-value"), header);
  const odd = lines.find((l) => l.startsWith("odd "))!;
  assert.ok(odd.includes("CI unreliable: biased under resampling"));
  // the warning sits under "note", not under "p-value"
  assert.ok(odd.indexOf("CI unreliable") >= header.indexOf("note"), `${header}\n${odd}`);
  const plain = show(compareModels(20, { a: mean(0.5), b: mean(0) }, { samples: 50 }));
  assert.doesNotMatch(plain["text/plain"], /note/);
});
