import assert from "node:assert/strict";
import * as arrow from "../../lib/deps/apache_arrow.ts";
import { parseArrow, readArrow, writeArrow } from "../../lib/io/arrow.ts";
import { load } from "../../lib/io/load.ts";
import { mulberry32 } from "../../lib/random.ts";
import { sameBits, tempDir } from "./_interchange.ts";

/** A fixed-size-list column of `width` floats per row (apache-arrow's writer). */
function listVector(
  values: Float64Array | Float32Array,
  width: number,
  nulls?: { rows?: number[]; values?: number[] },
): arrow.Vector {
  const Item = values instanceof Float32Array ? arrow.Float32 : arrow.Float64;
  const rows = values.length / width;
  const bitmap = (n: number, off: number[] | undefined) => {
    if (off === undefined) return undefined;
    const b = new Uint8Array(Math.ceil(n / 8)).fill(255);
    for (const i of off) b[i >> 3]! &= ~(1 << (i & 7));
    return b;
  };
  const child = arrow.makeData({
    type: new Item(),
    length: values.length,
    nullCount: nulls?.values?.length ?? 0,
    nullBitmap: bitmap(values.length, nulls?.values),
    data: values,
  });
  const type = new arrow.FixedSizeList(width, new arrow.Field("item", new Item(), true));
  return arrow.makeVector(
    arrow.makeData({
      type,
      length: rows,
      nullCount: nulls?.rows?.length ?? 0,
      nullBitmap: bitmap(rows, nulls?.rows),
      child,
    }),
  );
}

function randomValues(n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => rand() * 2 - 1);
}

/** Write a table of label column `stim` and list column `X`, in batches of `batch` rows. */
function writeList(path: string, x: arrow.Vector, labels: string[], batch: number): void {
  const stim = arrow.vectorFromArray(labels, new arrow.Utf8());
  const batches: arrow.RecordBatch[] = [];
  for (let i = 0; i < labels.length; i += batch) {
    const j = Math.min(labels.length, i + batch);
    batches.push(new arrow.Table({ stim: stim.slice(i, j), X: x.slice(i, j) }).batches[0]!);
  }
  const format = path.endsWith(".arrows") ? "stream" : "file";
  Deno.writeFileSync(path, arrow.tableToIPC(new arrow.Table(batches), format));
}

Deno.test("readArrow() reads a fixed-size-list column as the matrix, equal to one column per feature", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const rows = 37, width = 5;
  const values = randomValues(rows * width, 3);
  const labels = Array.from({ length: rows }, (_, i) => `s${i}`);
  const columns: Record<string, string[] | Float64Array> = { stim: labels };
  for (let j = 0; j < width; j++) {
    columns[`u${j}`] = Float64Array.from({ length: rows }, (_, i) => values[i * width + j]!);
  }
  await writeArrow(`${dir}/cols.arrow`, columns); // the copying (transposing) path
  const copied = await readArrow(`${dir}/cols.arrow`);
  assert.ok(sameBits(copied.matrix.data, values));
  writeList(`${dir}/one.arrow`, listVector(values, width), labels, rows);
  writeList(`${dir}/many.arrow`, listVector(values, width), labels, 10);
  writeList(`${dir}/many.arrows`, listVector(values, width), labels, 10);
  for (const file of ["one.arrow", "many.arrow", "many.arrows"]) {
    const ds = await readArrow(`${dir}/${file}`);
    assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [rows, width], file);
    assert.ok(sameBits(ds.matrix.data, copied.matrix.data), file);
    assert.deepEqual(ds.rowLabels, labels, file);
    assert.deepEqual(ds.columnLabels, ["X[0]", "X[1]", "X[2]", "X[3]", "X[4]"]);
    assert.equal(ds.dtype, "<f8");
  }
  // one uncompressed batch with map: true: a view of the mapped file, past the schema and
  // batch header
  const mapped = (await load(`${dir}/one.arrow`, { map: true })).matrix.data;
  assert.ok(mapped.byteOffset > 0 && mapped.buffer.byteLength > mapped.byteLength);
  assert.ok(sameBits(mapped, values));
  const bytes = await parseArrow(Deno.readFileSync(`${dir}/many.arrow`));
  assert.ok(sameBits(bytes.matrix.data, values));
});

Deno.test("readArrow() reads a row range of a fixed-size-list column across batches", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const rows = 25, width = 3;
  const values = randomValues(rows * width, 5);
  const labels = Array.from({ length: rows }, (_, i) => `r${i}`);
  for (const [file, batch] of [["one.arrow", rows], ["many.arrow", 7], ["s.arrows", 7]] as const) {
    writeList(`${dir}/${file}`, listVector(values, width), labels, batch);
    for (const range of [[0, 25], [3, 4], [6, 15], [24, 25]] as [number, number][]) {
      const ds = await readArrow(`${dir}/${file}`, { rows: range });
      assert.ok(sameBits(ds.matrix.data, values.slice(range[0] * width, range[1] * width)));
      assert.deepEqual(ds.rowLabels, labels.slice(...range));
    }
  }
});

Deno.test("readArrow() widens a float32 fixed-size list and masks its nulls as missing values", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const f32 = new Float32Array([0.5, -1.25, 3, 4.75, 1e-3, 6]);
  writeList(`${dir}/f32.arrow`, listVector(f32, 2), ["a", "b", "c"], 3);
  const ds = await readArrow(`${dir}/f32.arrow`);
  assert.deepEqual(Array.from(ds.matrix.data), Array.from(f32));
  assert.equal(ds.dtype, "<f4");
  const values = new Float64Array([1, 2, 3, 4, 5, 6, 7, 8]);
  // row 1 null, value 6 (row 3, column 0) null
  for (const batch of [4, 2]) {
    writeList(`${dir}/n.arrow`, listVector(values, 2, { rows: [1], values: [6] }), [
      "a",
      "b",
      "c",
      "d",
    ], batch);
    await assert.rejects(() => readArrow(`${dir}/n.arrow`), /missing value \(NaN\) at row 1/);
    const masked = await readArrow(`${dir}/n.arrow`, { maskNaN: true });
    assert.deepEqual(Array.from(masked.mask!), [0, 0, 1, 1, 0, 0, 1, 0]);
    assert.deepEqual(Array.from(masked.matrix.data).filter((v) => v === v), [1, 2, 5, 6, 8]);
  }
});

Deno.test("readArrow() keeps the column planner for tables that are not one fixed-size list", async () => {
  using tmp = tempDir();
  const dir = tmp.path;
  const values = new Float64Array([1, 2, 3, 4]);
  const t = new arrow.Table({
    X: listVector(values, 2),
    u: arrow.makeVector(new Float64Array([5, 6])),
  });
  Deno.writeFileSync(`${dir}/mixed.arrow`, arrow.tableToIPC(t, "file"));
  await assert.rejects(() => readArrow(`${dir}/mixed.arrow`), /column `X` is not numeric/);
  const u = await readArrow(`${dir}/mixed.arrow`, { columns: ["u"] });
  assert.deepEqual(Array.from(u.matrix.data), [5, 6]);
  const x = await readArrow(`${dir}/mixed.arrow`, { columns: ["X"] });
  assert.deepEqual(Array.from(x.matrix.data), [1, 2, 3, 4]);
});

Deno.test("readArrow() of a one-batch fixed-size-list file is a copy: rewriting the file in place leaves it as read", async () => {
  using tmp = tempDir();
  const path = `${tmp.path}/emb.arrow`;
  const rows = 64, width = 3;
  const values = randomValues(rows * width, 11);
  const labels = Array.from({ length: rows }, (_, i) => `s${i}`);
  writeList(path, listVector(values, width), labels, rows);
  const copy = (await load(path)).matrix.data;
  const mapped = (await load(path, { map: true })).matrix.data;
  const bytes = Deno.readFileSync(path);
  const other = values.map((v) => -v);
  const other_path = `${tmp.path}/other.arrow`;
  writeList(other_path, listVector(other, width), labels, rows);
  const replacement = Deno.readFileSync(other_path);
  assert.equal(replacement.length, bytes.length);
  {
    using f = Deno.openSync(path, { write: true, truncate: true });
    f.writeSync(replacement); // np.save / write_feather rewrite the same inode
  }
  assert.ok(sameBits(copy, values));
  assert.ok(sameBits((await load(path)).matrix.data, other));
  // the opt-in mapping is live where the platform maps files (documented)
  assert.ok(sameBits(mapped, values) || sameBits(mapped, other));
});
