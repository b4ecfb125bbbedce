import assert from "node:assert/strict";
import { DataFormatError } from "../../lib/io/errors.ts";
import { readParquet } from "../../lib/io/parquet.ts";
import { load } from "../../lib/io/load.ts";
import { openRowBlocks } from "../../lib/io/row_blocks.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits, tempDir } from "./_interchange.ts";

const TABLE = IX_EXPECTED.table;

for (const file of ["table.parquet", "snappy.parquet", "gzip.parquet", "zstd.parquet"]) {
  Deno.test(`readParquet() reads ${file} (independent writer) exactly, strings as row labels`, async () => {
    const ds = await readParquet(`${IX}${file}`);
    assert.deepEqual(ds.rowLabels, TABLE.rowLabels);
    assert.deepEqual(ds.columnLabels, TABLE.columnLabels);
    assert.ok(sameBits(ds.matrix.data, fromHexes(TABLE.values)));
    assert.equal(ds.dtype, "<f8");
  });
}

Deno.test("readParquet() reads a row range across row groups and chosen columns", async () => {
  const all = fromHexes(TABLE.values);
  const ds = await readParquet(`${IX}snappy.parquet`, { rows: [1, 4] });
  assert.deepEqual(ds.rowLabels, TABLE.rowLabels.slice(1, 4));
  assert.ok(sameBits(ds.matrix.data, all.slice(6, 24)));
  const u6 = await readParquet(`${IX}zstd.parquet`, { columns: ["u6"], labels: false });
  assert.deepEqual(Array.from(u6.matrix.data), [0, 255, 7, 128, 1]);
  assert.equal(u6.dtype, "|u1");
  assert.equal(u6.rowLabels, undefined);
});

Deno.test("readParquet() rejects nulls unless maskNaN", async () => {
  const path = `${IX}nulls.parquet`;
  await assert.rejects(
    () => readParquet(path),
    (e) =>
      e instanceof RangeError &&
      e.message.startsWith(`Cannot read \`${path}\`: missing value (NaN) at row 1, column \`u1\``),
  );
  const ds = await readParquet(path, { maskNaN: true });
  assert.deepEqual(Array.from(ds.mask!), [0, 1, 0]);
});

Deno.test("a Parquet null read through rows or row blocks is reported at its row of the file", async () => {
  const path = `${IX}nulls.parquet`;
  const atRow1 = /missing value \(NaN\) at row 1, column `u1`/;
  await assert.rejects(() => readParquet(path, { rows: [1, 3] }), atRow1);
  await assert.rejects(() => load(path, { rows: [1, 3] }), atRow1);
  // the first row of a block range is probed before any block is read
  await assert.rejects(() => openRowBlocks(path, { rows: [1, 3] }), atRow1);
  const blocks = await openRowBlocks(path, { blockRows: 1 });
  await assert.rejects(async () => {
    for await (const _ of blocks.blocks()) { /* read every block */ }
  }, atRow1);
});

Deno.test("readParquet() names the file for a truncated or non-Parquet file", async () => {
  using dir = tempDir();
  const cut = `${dir.path}/cut.parquet`;
  Deno.writeFileSync(cut, Deno.readFileSync(`${IX}table.parquet`).subarray(0, 300));
  await assert.rejects(
    () => readParquet(cut),
    (e) =>
      e instanceof DataFormatError &&
      e.message.startsWith(`Cannot read \`${cut}\`: not a readable Parquet file, or truncated`),
  );
});

Deno.test("readParquet() rejects an unknown column and a bad row range", async () => {
  const path = `${IX}table.parquet`;
  await assert.rejects(
    () => readParquet(path, { columns: ["nope"] }),
    /no column `nope` \(`columns`\)/,
  );
  await assert.rejects(
    () => readParquet(path, { rows: [3, 9] }),
    (e) =>
      e instanceof RangeError &&
      /`rows` must satisfy 0 <= start <= stop <= 5: got \[3, 9\]/.test(e.message),
  );
});
