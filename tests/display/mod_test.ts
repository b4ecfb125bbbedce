import assert from "node:assert/strict";
import * as root from "../../mod.ts";
import * as display from "../../lib/display/mod.ts";

Deno.test("the root module re-exports the display API", () => {
  for (const name of Object.keys(display)) {
    assert.equal(
      (root as Record<string, unknown>)[name],
      (display as Record<string, unknown>)[name],
      name,
    );
  }
  for (
    const name of [
      "plotHeatmap",
      "plotScatter2d",
      "plotLines",
      "plotBars",
      "plotComplexPlane",
      "plotTrajectories",
      "plotFactors",
      "plotImageGrid",
      "table",
      "toCSV",
      "toJSON",
      "save",
      "renderResult",
      "bundle",
      "clusterOrder",
    ]
  ) {
    assert.equal(typeof (root as Record<string, unknown>)[name], "function", name);
  }
});

Deno.test("importing and using lib/display never touches Deno.jupyter", async () => {
  // outside the kernel, reading Deno.jupyter throws; a fresh process imports, plots, tabulates,
  // displays and saves, and must not fail
  const script = `
    let threw = false;
    try { Deno.jupyter.display; } catch { threw = true; }
    if (!threw) throw new Error("premise: Deno.jupyter should throw outside the kernel");
    const m = await import(${
    JSON.stringify(new URL("../../lib/display/mod.ts", import.meta.url).href)
  });
    const D = Symbol.for("Jupyter.display");
    const fig = m.plotHeatmap([[0, 1], [1, 0]], { order: "cluster" });
    const t = m.table([{ a: 1 }]);
    fig[D](); t[D]();
    const dir = Deno.makeTempDirSync();
    m.save(fig, dir + "/f.svg");
    Deno.removeSync(dir, { recursive: true });
    console.log("ok");
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--config", new URL("../../deno.json", import.meta.url).pathname, script],
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  assert.equal(text.trim(), "ok");
});
