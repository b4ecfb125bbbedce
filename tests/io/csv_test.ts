import assert from "node:assert/strict";
import { encodeCsv, parseCsv, readCsv, writeCsv } from "../../lib/io/csv.ts";
import { DataFormatError } from "../../lib/io/errors.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits, tempDir } from "./_interchange.ts";

const TABLE = IX_EXPECTED.table;

Deno.test("readCsv() reads pandas' df.to_csv() output exactly, index as row labels", () => {
  const ds = readCsv(`${IX}pandas_index.csv`);
  assert.equal(ds.kind, "dataset");
  assert.deepEqual(ds.rowLabels, IX_EXPECTED.csv_table.rowLabels);
  assert.deepEqual(ds.columnLabels, TABLE.columnLabels);
  assert.deepEqual([ds.matrix.rows, ds.matrix.cols], TABLE.shape);
  assert.ok(sameBits(ds.matrix.data, fromHexes(IX_EXPECTED.csv_table.values)));
  assert.equal(ds.dtype, "<f8");
});

Deno.test("readCsv() reads a TSV without index: no row labels, same values", () => {
  const ds = readCsv(`${IX}no_index.tsv`);
  assert.equal(ds.rowLabels, undefined);
  assert.ok(sameBits(ds.matrix.data, fromHexes(IX_EXPECTED.csv_table.values)));
});

Deno.test("readCsv() reports int64 dtype for an all-integer table", () => {
  const ds = readCsv(`${IX}ints.csv`);
  assert.equal(ds.dtype, IX_EXPECTED.ints.dtype);
  assert.ok(sameBits(ds.matrix.data, fromHexes(IX_EXPECTED.ints.values)));
});

Deno.test("readCsv() rejects a missing value unless maskNaN, naming file, row and column", () => {
  const path = `${IX}missing.csv`;
  assert.throws(
    () => readCsv(path, { labels: "stim" }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${path}\`: missing value (NaN) at row 1 ("b"), column \`u1\`; pass \`maskNaN: true\` to keep missing values as NaN with a mask`,
  );
  const ds = readCsv(path, { labels: "stim", maskNaN: true });
  assert.deepEqual(Array.from(ds.mask!), IX_EXPECTED.missing.mask);
  assert.ok(sameBits(ds.matrix.data, fromHexes(IX_EXPECTED.missing.values)));
});

Deno.test("readCsv() rejects a record with the wrong number of fields", () => {
  const path = `${IX}ragged.csv`;
  assert.throws(
    () => readCsv(path),
    (e) =>
      e instanceof DataFormatError &&
      e.message === `Cannot read \`${path}\`: line 3 has 1 fields, the header has 2`,
  );
});

Deno.test("readCsv() rejects a non-numeric column, showing the value and suggesting labels", () => {
  const path = `${IX}text_column.csv`;
  assert.throws(
    () => readCsv(path),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${path}\`: column \`area\` is not numeric (text: "V1" on line 2); pass \`labels: "area"\` to use it as row labels, or \`columns\` to choose the numeric columns`,
  );
  const ds = readCsv(path, { labels: "area" });
  assert.deepEqual(ds.rowLabels, ["V1", "V4"]);
  assert.deepEqual(Array.from(ds.matrix.data), [1, 2, 3, 4]);
});

Deno.test("readCsv() picks and orders columns with `columns`, and rejects unknown ones", () => {
  const ds = readCsv(`${IX}text_column.csv`, { columns: ["u2", "u1"] });
  assert.deepEqual(Array.from(ds.matrix.data), [2, 1, 4, 3]);
  assert.throws(
    () => readCsv(`${IX}text_column.csv`, { columns: ["u9"] }),
    (e) =>
      e instanceof RangeError &&
      /no column `u9` \(`columns`\); columns: `u1`, `area`, `u2`/.test(e.message),
  );
});

Deno.test("parseCsv() handles quotes, embedded separators and line breaks, CRLF, BOM and blank lines", () => {
  const text = '\ufefflabel,"x, y"\r\n"a ""quoted""\nname",1\r\n\r\nb,2.5e-3\n';
  const ds = parseCsv(text, { labels: "label" });
  assert.deepEqual(ds.rowLabels, ['a "quoted"\nname', "b"]);
  assert.deepEqual(ds.columnLabels, ["x, y"]);
  assert.deepEqual(Array.from(ds.matrix.data), [1, 0.0025]);
});

Deno.test("parseCsv() reads inf, -inf, booleans and pandas' NA tokens", () => {
  const ds = parseCsv("a,b,c\ninf,True,NA\n-Infinity,False,2\n", { maskNaN: true });
  assert.deepEqual(Array.from(ds.matrix.data), [Infinity, 1, NaN, -Infinity, 0, 2]);
  assert.deepEqual(Array.from(ds.mask!), [0, 0, 1, 0, 0, 0]);
});

Deno.test("parseCsv() rejects an unterminated quote (a truncated file) and an empty text", () => {
  assert.throws(
    () => parseCsv('a\n"abc'),
    /unterminated quoted field starting on line 2 \(truncated file\?\)/,
  );
  assert.throws(() => parseCsv(""), /no header row/);
  assert.throws(() => parseCsv('a\n"x"y\n'), /malformed quoted field on line 2/);
});

Deno.test("parseCsv() rejects a bad delimiter", () => {
  assert.throws(
    () => parseCsv("a\n1\n", { delimiter: "ab" }),
    (e) => e instanceof RangeError && /`delimiter` must be one character/.test(e.message),
  );
});

Deno.test("parseCsv() with only a header gives a 0-row matrix", () => {
  const ds = parseCsv("a,b\n");
  assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [0, 2]);
});

Deno.test("encodeCsv() writes -0, inf, NaN and awkward floats that read back bit for bit", () => {
  const values = new Float64Array([
    -0,
    Infinity,
    -Infinity,
    NaN,
    0.1,
    1 / 3,
    5e-324,
    1.7976931348623157e308,
  ]);
  const text = encodeCsv({ v: values });
  const back = parseCsv(text, { maskNaN: true });
  assert.ok(sameBits(back.matrix.data, values));
});

Deno.test("writeCsv() round-trips a data set with row labels (pandas index convention)", () => {
  using dir = tempDir();
  const ds = readCsv(`${IX}pandas_index.csv`);
  const path = `${dir.path}/out.csv`;
  writeCsv(path, ds);
  assert.match(
    Deno.readTextFileSync(path),
    /^,u1,u2,u3,u4,u5,u6\nface,0.1,1.5,-7,9007199254740992,1,0\n/,
  );
  const back = readCsv(path);
  assert.deepEqual(back.rowLabels, ds.rowLabels);
  assert.ok(sameBits(back.matrix.data, ds.matrix.data));
});

Deno.test("writeCsv() writes tabs for .tsv and leaves no temporary file", () => {
  using dir = tempDir();
  writeCsv(`${dir.path}/r.tsv`, { a: [1], b: ["x y"] });
  assert.equal(Deno.readTextFileSync(`${dir.path}/r.tsv`), "a\tb\n1\tx y\n");
  assert.deepEqual([...Deno.readDirSync(dir.path)].map((e) => e.name), ["r.tsv"]);
});

Deno.test("writeCsv() rejects mismatched column lengths and leaves nothing behind", () => {
  using dir = tempDir();
  const path = `${dir.path}/bad.csv`;
  assert.throws(
    () => writeCsv(path, { a: [1, 2], b: [3] }),
    (e) =>
      e instanceof TypeError &&
      e.message === `Cannot write \`${path}\`: column \`b\` has 1 values, column \`a\` has 2`,
  );
  assert.deepEqual([...Deno.readDirSync(dir.path)], []);
});

Deno.test("writeCsv() rejects a column of mixed values", () => {
  assert.throws(
    () => writeCsv("/tmp/never.csv", { a: [1, "x"] as unknown as number[] }),
    /column `a` must be a Float64Array, an array of numbers or an array of strings/,
  );
});
