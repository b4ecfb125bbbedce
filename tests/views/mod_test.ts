import assert from "node:assert/strict";
import * as root from "../../mod.ts";
import * as views from "../../lib/views/mod.ts";
import { hasRenderer, hasTable } from "../../lib/result.ts";

const LIB = new URL("../../lib/", import.meta.url);

function* tsFiles(dir: URL): Generator<URL> {
  for (const e of Deno.readDirSync(dir)) {
    if (e.isDirectory) yield* tsFiles(new URL(`${e.name}/`, dir));
    else if (e.name.endsWith(".ts")) yield new URL(e.name, dir);
  }
}

/**
 * Every kind passed to `tagResult` in the sources of lib/: its first argument's
 * string literal, or both branches of `tagResult(cross ? "a" : "b", …)`; doc
 * examples are left out.
 */
function taggedKinds(): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const url of tsFiles(LIB)) {
    const code = Deno.readTextFileSync(url).replace(/\/\*[\s\S]*?\*\//g, "");
    for (const m of code.matchAll(/\btagResult\(\s*([^,]+),/g)) {
      // a literal, or the branches of a conditional (not the literals it compares with)
      for (const k of m[1]!.trim().matchAll(/(?:^|[?:]\s*)"([^"]+)"/g)) {
        kinds.set(k[1]!, url.pathname.slice(LIB.pathname.length));
      }
    }
  }
  return kinds;
}

Deno.test("every kind passed to tagResult in lib/ has a renderer once lib/views/mod.ts is imported", () => {
  const kinds = taggedKinds();
  // the scan sees the kinds it should (ternaries included), so an empty scan cannot pass
  for (const k of ["pairwiseDistances", "crossDistances", "dmdModes", "dataset", "figure"]) {
    assert.ok(kinds.has(k), `scan missed ${k}`);
  }
  assert.ok(kinds.size >= 38, `only ${kinds.size} kinds found`);
  const missing = [...kinds].filter(([k]) => !hasRenderer(k)).map(([k, f]) => `${k} (${f})`);
  assert.deepEqual(missing, []);
});

Deno.test("every kind tagged in lib/ is typed in lib/views/kinds.ts, and no module augments another", () => {
  const kinds = taggedKinds();
  const map = Deno.readTextFileSync(new URL("kinds.ts", new URL("views/", LIB)));
  const body = map.slice(map.indexOf("export interface ResultKinds {"));
  const typed = new Set([...body.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]!));
  const untyped = [...kinds].filter(([k]) => !typed.has(k)).map(([k, f]) => `${k} (${f})`);
  assert.deepEqual(untyped, []);
  // `declare module` augmentations are what `deno publish` rejects (unsupported-ambient-module)
  const augmenting = [...tsFiles(LIB)].filter((u) =>
    /^declare module /m.test(Deno.readTextFileSync(u))
  ).map((u) => u.pathname.slice(LIB.pathname.length));
  assert.deepEqual(augmenting, []);
});

Deno.test("every kind passed to tagResult in lib/ has a table once lib/views/mod.ts is imported", () => {
  const kinds = taggedKinds();
  assert.ok(kinds.size >= 38, `only ${kinds.size} kinds found`);
  const missing = [...kinds].filter(([k]) => !hasTable(k)).map(([k, f]) => `${k} (${f})`);
  assert.deepEqual(missing, []);
  assert.equal(typeof (root as Record<string, unknown>).toTable, "function");
});

Deno.test("the root module re-exports every name of lib/views/mod.ts", () => {
  for (const name of Object.keys(views)) {
    assert.equal(
      (root as Record<string, unknown>)[name],
      (views as Record<string, unknown>)[name],
      name,
    );
  }
  for (
    const name of [
      "plotDistances",
      "plotEmbedding",
      "progressLine",
      "plotDmdEigenvalues",
      "plotSpectrum",
      "plotRankCurve",
      "plotSortedRsm",
      "averageLinkage",
      "clusterOrder",
      "leafOrder",
    ]
  ) {
    assert.equal(typeof (root as Record<string, unknown>)[name], "function", name);
  }
});

/** Run a script in a fresh Deno process (nothing imported yet) and return its stdout. */
async function fresh(script: string): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--config", new URL("../../deno.json", import.meta.url).pathname, script],
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  return new TextDecoder().decode(out.stdout).trim();
}

Deno.test("a result from an area module alone displays as SVG: the display method loads the views lazily", async () => {
  const multiset = new URL("../../lib/multiset/mod.ts", import.meta.url).href;
  const result = new URL("../../lib/result.ts", import.meta.url).href;
  const out = await fresh(`
    const { pairwiseDistances } = await import(${JSON.stringify(multiset)});
    const { hasRenderer } = await import(${JSON.stringify(result)});
    const before = hasRenderer("pairwiseDistances");
    const X = [[1, 0], [0, 1], [1, 1], [2, 0]];
    const r = await pairwiseDistances([X, X.map((row) => row.map((v) => 2 * v)), X.map(([a, b]) => [b, a + 1])]);
    const D = Symbol.for("Jupyter.display");
    const first = r[D]();
    const lazy = first instanceof Promise;
    const bundle = await first;
    const second = r[D]();
    console.log(JSON.stringify({
      before,
      lazy,
      svg: bundle["image/svg+xml"]?.slice(0, 4),
      text: bundle["text/plain"].split("\\n")[0],
      syncAfter: !(second instanceof Promise) && second["image/svg+xml"] === bundle["image/svg+xml"],
    }));
  `);
  assert.deepEqual(JSON.parse(out), {
    before: false,
    lazy: true,
    svg: "<svg",
    text: "Pairwise distances: linear metric, α = 1, angular",
    syncAfter: true,
  });
});

Deno.test("a kind with no renderer anywhere still displays as text/plain after the lazy load", async () => {
  const result = new URL("../../lib/result.ts", import.meta.url).href;
  const out = await fresh(`
    const { tagResult } = await import(${JSON.stringify(result)});
    const r = tagResult("notebookOwnKind", { distance: 0.5 });
    const bundle = await r[Symbol.for("Jupyter.display")]();
    console.log(JSON.stringify(bundle));
  `);
  assert.deepEqual(JSON.parse(out), { "text/plain": "notebookOwnKind\ndistance: 0.5" });
});
