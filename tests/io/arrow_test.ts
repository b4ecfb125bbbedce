import assert from "node:assert/strict";
import { encodeArrow, parseArrow, readArrow, writeArrow } from "../../lib/io/arrow.ts";
import { DataFormatError } from "../../lib/io/errors.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits, tempDir } from "./_interchange.ts";

const TABLE = IX_EXPECTED.table;

for (const file of ["table.arrow", "table.arrows", "lz4.feather", "zstd.arrow"]) {
  Deno.test(`readArrow() reads ${file} (independent writer) exactly, strings as row labels`, async () => {
    const ds = await readArrow(`${IX}${file}`);
    assert.deepEqual(ds.rowLabels, TABLE.rowLabels);
    assert.deepEqual(ds.columnLabels, TABLE.columnLabels);
    assert.deepEqual([ds.matrix.rows, ds.matrix.cols], TABLE.shape);
    assert.ok(sameBits(ds.matrix.data, fromHexes(TABLE.values)));
    assert.equal(ds.dtype, "<f8"); // mixed column types
    assert.equal(ds.source, `${IX}${file}`);
  });
}

Deno.test("readArrow() reads rows across record batches, fetching only the batches needed", async () => {
  const all = fromHexes(TABLE.values);
  const ds = await readArrow(`${IX}table.arrow`, { rows: [2, 4] });
  assert.deepEqual(ds.rowLabels, TABLE.rowLabels.slice(2, 4));
  assert.ok(sameBits(ds.matrix.data, all.slice(2 * 6, 4 * 6)));
  const stream = await readArrow(`${IX}table.arrows`, { rows: [4, 5], columns: ["u3"] });
  assert.deepEqual(Array.from(stream.matrix.data), [12]);
  assert.equal(stream.dtype, "<i4");
});

Deno.test("readArrow() uses the pandas index named in the schema metadata", async () => {
  const ds = await readArrow(`${IX}pandas_meta.arrow`);
  assert.deepEqual(ds.rowLabels, TABLE.rowLabels);
  assert.deepEqual(ds.columnLabels, ["u1"]);
});

Deno.test("readArrow() rejects nulls unless maskNaN, then masks them", async () => {
  const path = `${IX}nulls.arrow`;
  await assert.rejects(
    () => readArrow(path),
    (e) =>
      e instanceof RangeError &&
      e.message.startsWith(`Cannot read \`${path}\`: missing value (NaN) at row 1, column \`u1\``),
  );
  const ds = await readArrow(path, { maskNaN: true });
  assert.deepEqual(Array.from(ds.mask!), [0, 0, 1, 0, 0, 0]);
  assert.deepEqual(Array.from(ds.matrix.data), [1, 4, NaN, 5, 3, 6]);
});

Deno.test("readArrow() refuses an int64 beyond 2^53 rather than rounding it", async () => {
  const path = `${IX}int64_big.arrow`;
  await assert.rejects(
    () => readArrow(path),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${path}\`: column \`big\` holds 9007199254740994 at row 0, beyond 2^53 in magnitude: float64 would round it`,
  );
});

Deno.test("readArrow() names the file for a truncated IPC file or stream", async () => {
  using dir = tempDir();
  const bytes = Deno.readFileSync(`${IX}table.arrow`);
  const cut = `${dir.path}/cut.arrow`;
  Deno.writeFileSync(cut, bytes.subarray(0, 900));
  await assert.rejects(
    () => readArrow(cut),
    (e) =>
      e instanceof DataFormatError &&
      e.message ===
        `Cannot read \`${cut}\`: no trailing ARROW1 magic; the Arrow IPC file is truncated or corrupt`,
  );
  const stream = Deno.readFileSync(`${IX}table.arrows`);
  const cutStream = `${dir.path}/cut.arrows`;
  Deno.writeFileSync(cutStream, stream.subarray(0, 700));
  await assert.rejects(
    () => readArrow(cutStream),
    (e) =>
      e instanceof DataFormatError &&
      e.message.startsWith(
        `Cannot read \`${cutStream}\`: truncated Arrow IPC stream (a message of 440 bytes at 424)`,
      ),
  );
});

Deno.test("readArrow() rejects a footer block that points past the data, and a bad footer length", async () => {
  using dir = tempDir();
  const bytes = Deno.readFileSync(`${IX}table.arrow`).slice();
  const view = new DataView(bytes.buffer);
  const firstBatch = 8 + 8 + view.getInt32(12, true); // magic + schema message
  const footerLength = view.getInt32(bytes.length - 10, true);
  const footerStart = bytes.length - 10 - footerLength;
  let at = -1;
  for (let p = footerStart; p + 8 <= bytes.length - 10; p++) {
    if (view.getBigInt64(p, true) === BigInt(firstBatch)) at = p;
  }
  assert.ok(at > 0, "found the first block's offset in the footer");
  view.setBigInt64(at, 1_000_000n, true);
  const path = `${dir.path}/bad.arrow`;
  Deno.writeFileSync(path, bytes);
  await assert.rejects(
    () => readArrow(path),
    (e) =>
      e instanceof DataFormatError &&
      /footer block 0 points outside the file \(offset 1000000,/.test(e.message),
  );
  view.setInt32(bytes.length - 10, bytes.length * 2, true);
  Deno.writeFileSync(path, bytes);
  await assert.rejects(() => readArrow(path), /bad Arrow footer length/);
});

Deno.test("readArrow() reports a non-numeric column that is not the first", async () => {
  const bytes = await encodeArrow({ u1: [1, 2], area: ["V1", "V4"] });
  await assert.rejects(
    () => parseArrow(bytes, { source: "t.arrow" }),
    (e) =>
      e instanceof TypeError &&
      /column `area` is not numeric \(Utf8\); pass `labels: "area"`/.test(e.message),
  );
  const ds = await parseArrow(bytes, { labels: "area" });
  assert.deepEqual(ds.rowLabels, ["V1", "V4"]);
});

Deno.test("parseArrow() rejects empty bytes", async () => {
  await assert.rejects(
    () => parseArrow(new Uint8Array(0), { source: "e.arrows" }),
    /`e.arrows`: the Arrow data is empty/,
  );
});

Deno.test("writeArrow() round-trips a data set bit for bit, labels first, file and stream", async () => {
  using dir = tempDir();
  const ds = await readArrow(`${IX}table.arrow`);
  for (const [name, format] of [["out.arrow", "file"], ["out.arrows", "stream"]] as const) {
    const path = `${dir.path}/${name}`;
    await writeArrow(path, ds, { format });
    const back = await readArrow(path);
    assert.deepEqual(back.rowLabels, ds.rowLabels);
    assert.deepEqual(back.columnLabels, ds.columnLabels);
    assert.ok(sameBits(back.matrix.data, ds.matrix.data));
  }
  assert.deepEqual([...Deno.readDirSync(dir.path)].map((e) => e.name).sort(), [
    "out.arrow",
    "out.arrows",
  ]);
});

Deno.test("writeArrow() rejects mismatched columns and a bad format, writing nothing", async () => {
  using dir = tempDir();
  const path = `${dir.path}/bad.arrow`;
  await assert.rejects(
    () => writeArrow(path, { a: [1, 2], b: [1] }),
    (e) =>
      e instanceof TypeError &&
      e.message === `Cannot write \`${path}\`: column \`b\` has 1 values, column \`a\` has 2`,
  );
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    () => writeArrow(path, { a: [1] }, { format: "feather" as any }),
    (e) =>
      e instanceof RangeError &&
      e.message === `Cannot write \`${path}\`: \`format\` must be "file" or "stream": got feather`,
  );
  assert.deepEqual([...Deno.readDirSync(dir.path)], []);
});
