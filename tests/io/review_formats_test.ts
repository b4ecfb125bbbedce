/**
 * Files from pandas, pyarrow, h5py and numpy that the I/O review found misread or refused
 * unclearly. Fixtures: tests/io/fixtures/review/make_fixtures.py (pyarrow 25, h5py 3.7, numpy 1.24).
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { describeFile } from "../../lib/io/describe.ts";
import { DataFormatError, NpyFormatError } from "../../lib/io/errors.ts";
import { load } from "../../lib/io/load.ts";
import { parseNpy } from "../../lib/io/npy.ts";
import { encodeHeader } from "../../lib/io/header.ts";
import { fromHexes, sameBits } from "./_interchange.ts";

const RV = fileURLToPath(new URL("./fixtures/review/", import.meta.url));
// deno-lint-ignore no-explicit-any
const RV_EXPECTED: any = JSON.parse(Deno.readTextFileSync(`${RV}expected.json`));
const M = fromHexes(RV_EXPECTED.M.values);

const notNumeric = (path: string, type: string) => (e: unknown) =>
  e instanceof TypeError &&
  e.message ===
    `Cannot read \`${path}\`: column \`t\` is not numeric (${type}); pass \`labels: "t"\` to use it as row labels, or \`columns\` to choose the numeric columns`;

Deno.test("Parquet time, timestamp, date, duration and decimal columns are named by type and refused as values", async () => {
  const cases: [string, string][] = [
    ["time64_ns", "TIME<NANOS>"],
    ["time32_ms", "TIME<MILLIS>"],
    ["timestamp_ns", "TIMESTAMP<NANOS>"],
    ["timestamp_ms", "TIMESTAMP<MILLIS>"],
    ["date32", "DATE"],
    ["duration_s", "Duration<SECOND>"],
    ["decimal", "DECIMAL(5, 2)"],
  ];
  for (const [name, type] of cases) {
    const path = `${RV}${name}.parquet`;
    await assert.rejects(() => load(path), notNumeric(path, type), name);
    const ds = await load(path, { columns: ["v"] });
    assert.ok(sameBits(ds.matrix.data, fromHexes(RV_EXPECTED.v)), name);
  }
});

Deno.test("a Parquet list column of floats is read as the matrix, as Arrow reads a fixed-size list", async () => {
  const X = fromHexes(RV_EXPECTED.X.values);
  const names = ["emb[0]", "emb[1]", "emb[2]"];
  for (const file of ["fsl.parquet", "list_equal.parquet", "fsl_labels.parquet"]) {
    const ds = await load(`${RV}${file}`);
    assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [4, 3], file);
    assert.ok(sameBits(ds.matrix.data, X), file);
    assert.deepEqual(ds.columnLabels, names, file);
    assert.equal(ds.dtype, "<f8", file);
  }
  const part = await load(`${RV}fsl_labels.parquet`, { rows: [1, 3] });
  assert.deepEqual(part.rowLabels, ["b", "c"]);
  assert.ok(sameBits(part.matrix.data, X.slice(3, 9)));
  const chosen = await load(`${RV}fsl_and_column.parquet`, { columns: ["emb"] });
  assert.ok(sameBits(chosen.matrix.data, X));
});

Deno.test("a Parquet list column is refused with its reason when rows differ in length or other values sit beside it", async () => {
  const ragged = `${RV}list_ragged.parquet`;
  await assert.rejects(
    () => load(ragged),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${ragged}\`: column \`emb\` holds 1 values at row 1, not 2 as the others: a list column is read as a matrix only when every row has the same length`,
  );
  const mixed = `${RV}fsl_and_column.parquet`;
  await assert.rejects(
    () => load(mixed),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${mixed}\`: column \`emb\` is not numeric (list): a list column is read as the matrix only as the table's one value column (beside the row labels; choose it with \`columns: ["emb"]\`), when its items are float32 or float64; else save the matrix as Arrow/Feather or .npy`,
  );
});

Deno.test("uncompressed Arrow with an integer index or label column reads its labels as text, values bit for bit", async () => {
  const trials = RV_EXPECTED.trials;
  for (
    const [file, options] of [
      ["int_index.feather", {}],
      ["int_index_unnamed.feather", {}],
      ["int_labels.arrow", { labels: "trial" }],
    ] as const
  ) {
    const ds = await load(`${RV}${file}`, options);
    assert.deepEqual(ds.rowLabels, trials, file);
    assert.deepEqual(ds.columnLabels, ["a", "b"], file);
    assert.ok(sameBits(ds.matrix.data, M), file);
    const part = await load(`${RV}${file}`, { ...options, rows: [2, 5] });
    assert.deepEqual(part.rowLabels, trials.slice(2, 5), file);
    assert.ok(sameBits(part.matrix.data, M.slice(4, 10)), file);
  }
  const list = await load(`${RV}int_labels_list.arrow`, { labels: "trial" });
  assert.deepEqual(list.rowLabels, trials);
  assert.deepEqual(list.columnLabels, ["emb[0]", "emb[1]"]);
  assert.ok(sameBits(list.matrix.data, M));
});

Deno.test("Arrow columns that share a name are refused when chosen by that name", async () => {
  const path = `${RV}dup_names.arrow`;
  await assert.rejects(
    () => load(path, { columns: ["a"] }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${path}\`: column \`a\` (\`columns\`) appears 2 times; rename the columns so that each name is unique`,
  );
  // read whole, both columns are kept in file order
  assert.deepEqual(Array.from((await load(path)).matrix.data), [1, 2, 3, 4]);
});

Deno.test("an HDF5 dataset compressed with the lzf plugin is refused naming the filter and suggesting gzip", async () => {
  const path = `${RV}lzf.h5`;
  const expected = (e: unknown) =>
    e instanceof DataFormatError &&
    (e as Error).message ===
      `Cannot read \`${path}:/X\`: the dataset uses HDF5 filter lzf (32000), which cannot be decoded here; re-save it with gzip (h5py: compression="gzip") or without compression`;
  await assert.rejects(() => load(path), expected);
  await assert.rejects(() => describeFile(path), expected);
});

/** A version 1.0 .npy file with a hand-written header dict and the given data bytes. */
function npy(dict: string, data: Uint8Array): Uint8Array {
  const enc = new TextEncoder().encode(dict);
  const pad = 64 - ((10 + enc.length + 1) % 64);
  const header = new Uint8Array(10 + enc.length + pad + 1);
  header.set([0x93, 78, 85, 77, 80, 89, 1, 0]);
  new DataView(header.buffer).setUint16(8, enc.length + pad + 1, true);
  header.set(enc, 10);
  header.fill(32, 10 + enc.length);
  header[header.length - 1] = 10;
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

Deno.test(".npy headers: one-letter codes and type names read as numpy reads them; subarray descrs and shape (8) are refused", () => {
  const values = new Float64Array([1.5, -2, 3, 4]);
  const bytes = new Uint8Array(values.buffer);
  for (const descr of ["d", "<d", "f8", "float64", "=d"]) {
    const nd = parseNpy(
      npy(`{'descr': '${descr}', 'fortran_order': False, 'shape': (4,), }`, bytes),
    );
    assert.equal(nd.dtype, "<f8", descr);
    assert.deepEqual(Array.from(nd.data, Number), Array.from(values), descr);
  }
  const ints = parseNpy(
    npy("{'descr': 'i', 'fortran_order': False, 'shape': (2,), }", new Uint8Array(8).fill(1)),
  );
  assert.deepEqual([ints.dtype, Array.from(ints.data, Number)], ["<i4", [16843009, 16843009]]);
  assert.throws(
    () => parseNpy(npy("{'descr': '<f8[2]', 'fortran_order': False, 'shape': (2,), }", bytes)),
    (e) =>
      e instanceof NpyFormatError &&
      e.message ===
        "Cannot read `<bytes>`: unsupported dtype '<f8[2]' (subarray dtypes are not supported)",
  );
  assert.throws(
    () => parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4), }", bytes)),
    /'shape' must be a tuple: got 4/,
  );
  // (4,) and () stay tuples; the header numpy writes is unchanged
  assert.deepEqual(
    parseNpy(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", bytes.subarray(0, 8)))
      .shape,
    [],
  );
  assert.match(
    new TextDecoder().decode(encodeHeader({ descr: "<f8", fortranOrder: false, shape: [4] })),
    /'shape': \(4,\)/,
  );
});
