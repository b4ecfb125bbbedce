import assert from "node:assert/strict";
import { plotHeatmap } from "../../lib/display/heatmap.ts";
import { save, writeAtomic } from "../../lib/display/save.ts";
import { table } from "../../lib/display/table.ts";
import { assertWellFormed } from "./_svg.ts";

function withTempDir(fn: (dir: string) => void): void {
  const dir = Deno.makeTempDirSync({ prefix: "neurocompare-save-" });
  try {
    fn(dir);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();
const fig = plotHeatmap([[0, 1], [1, 0]], { title: "A & B" });

Deno.test("save() writes a standalone SVG file with an XML declaration", () => {
  withTempDir((dir) => {
    assert.equal(save(fig, `${dir}/fig.svg`), `${dir}/fig.svg`);
    const text = Deno.readTextFileSync(`${dir}/fig.svg`);
    assert.equal(text, `<?xml version="1.0" encoding="UTF-8"?>\n${fig.svg}\n`);
    assertWellFormed(fig.svg);
    assert.deepEqual(names(dir), ["fig.svg"]);
  });
});

Deno.test("save() writes an HTML page with the escaped title and the SVG inline", () => {
  withTempDir((dir) => {
    save(fig, `${dir}/fig.html`);
    const html = Deno.readTextFileSync(`${dir}/fig.html`);
    assert.match(html, /^<!DOCTYPE html>\n/);
    assert.match(html, /<meta charset="utf-8">/);
    assert.match(html, /<title>A &amp; B<\/title>/);
    assert.ok(html.includes(fig.svg));
  });
});

Deno.test("save() writes tables as CSV, JSON and HTML", () => {
  withTempDir((dir) => {
    const t = table([{ a: 1, b: "x" }], { title: "T" });
    save(t, `${dir}/t.csv`);
    save(t, `${dir}/t.json`);
    save(t, `${dir}/t.html`);
    assert.equal(Deno.readTextFileSync(`${dir}/t.csv`), "a,b\n1,x\n");
    assert.deepEqual(JSON.parse(Deno.readTextFileSync(`${dir}/t.json`)), [{ a: 1, b: "x" }]);
    assert.match(Deno.readTextFileSync(`${dir}/t.html`), /<table class="neurocompare-table">/);
  });
});

Deno.test("save() creates missing folders and replaces an existing file leaving no temporary files", () => {
  withTempDir((dir) => {
    const path = `${dir}/a/b/fig.svg`;
    save(plotHeatmap([[5]]), path);
    save(fig, path);
    assert.ok(Deno.readTextFileSync(path).includes(fig.svg));
    assert.deepEqual(names(`${dir}/a/b`), ["fig.svg"]);
  });
});

Deno.test("save() failing to rename leaves the target untouched and removes the temporary file", () => {
  withTempDir((dir) => {
    // the target is a non-empty directory: the final rename fails
    Deno.mkdirSync(`${dir}/fig.svg`);
    Deno.writeTextFileSync(`${dir}/fig.svg/keep.txt`, "keep");
    assert.throws(
      () => save(fig, `${dir}/fig.svg`),
      (e: Error) => e.message.startsWith(`Cannot save \`${dir}/fig.svg\`: `),
    );
    assert.deepEqual(names(dir), ["fig.svg"]);
    assert.equal(Deno.readTextFileSync(`${dir}/fig.svg/keep.txt`), "keep");
  });
});

Deno.test("writeAtomic() never exposes a partial file: readers see the old or the new content", async () => {
  await Promise.resolve();
  withTempDir((dir) => {
    const path = `${dir}/big.txt`;
    const old = "old".repeat(1000);
    writeAtomic(path, old);
    const inode = Deno.statSync(path).ino;
    const big = "x".repeat(5_000_000);
    writeAtomic(path, big);
    // a rename swaps in a new file rather than rewriting the old one in place
    assert.notEqual(Deno.statSync(path).ino, inode);
    assert.equal(Deno.readTextFileSync(path).length, big.length);
  });
});

Deno.test("save() rejects unknown extensions and non-figures", () => {
  assert.throws(() => save(fig, "out.png"), {
    name: "RangeError",
    message: 'Cannot save figure: `path` must end in .svg or .html: got "out.png"',
  });
  assert.throws(() => save(table([{ a: 1 }]), "out.svg"), {
    name: "RangeError",
    message: 'Cannot save table: `path` must end in .csv, .json or .html: got "out.svg"',
  });
  assert.throws(() => save({ kind: "linearMetric" } as never, "x.svg"), {
    name: "TypeError",
    message:
      'Cannot save: `item` must be a figure or a table (from a plot… function or table()): got an object with kind "linearMetric"',
  });
  assert.throws(() => save(fig, ""), {
    name: "TypeError",
    message: 'Cannot save: `path` must be a non-empty string: got ""',
  });
});
