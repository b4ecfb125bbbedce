import assert from "node:assert/strict";

const dir = new URL("../../notebooks/", import.meta.url);
const notebooks = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".ipynb")).map((e) =>
  e.name
).sort();

Deno.test("notebooks/ holds the quickstart", () => {
  assert.ok(notebooks.includes("00-quickstart.ipynb"), notebooks.join(", "));
});

for (const name of notebooks) {
  Deno.test(`${name} is clean nbformat 4 for the Deno kernel`, () => {
    const nb = JSON.parse(Deno.readTextFileSync(new URL(name, dir)));
    assert.equal(nb.nbformat, 4);
    assert.equal(nb.metadata.kernelspec.name, "deno");
    assert.equal(nb.metadata.kernelspec.language, "typescript");
    assert.ok(Array.isArray(nb.cells) && nb.cells.length > 0);
    nb.cells.forEach((c: Record<string, unknown>, k: number) => {
      assert.ok(["code", "markdown"].includes(c.cell_type as string), `cell ${k}: ${c.cell_type}`);
      assert.equal(typeof c.metadata, "object", `cell ${k} has metadata`);
      assert.ok(Array.isArray(c.source), `cell ${k} source is a list of lines`);
      if (c.cell_type === "code") {
        assert.deepEqual(c.outputs, [], `cell ${k} is committed without outputs`);
        assert.equal(c.execution_count, null, `cell ${k} has no execution count`);
      }
    });
  });

  Deno.test(`${name} imports the package by relative path, never from a registry`, () => {
    const nb = JSON.parse(Deno.readTextFileSync(new URL(name, dir)));
    const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
      .map((c: { source: string[] }) => c.source.join("")).join("\n");
    assert.match(code, /from "\.\.\/mod\.ts"/);
    assert.doesNotMatch(code, /from "(jsr|npm|https?):/);
  });
}
