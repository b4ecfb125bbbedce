/**
 * CSV/TSV files as researchers write them: without a header (np.savetxt), with pandas' column
 * numbers, with a delimiter ending each line, with integers beyond 2^53 or repeated column names.
 * Fixtures: tests/io/fixtures/review/make_fixtures.py.
 */

import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { encodeCsv, parseCsv, readCsv } from "../../lib/io/csv.ts";
import { describeFile } from "../../lib/io/describe.ts";
import { DataFormatError } from "../../lib/io/errors.ts";
import { load } from "../../lib/io/load.ts";
import { fromHexes, sameBits } from "./_interchange.ts";

const RV = fileURLToPath(new URL("./fixtures/review/", import.meta.url));
// deno-lint-ignore no-explicit-any
const RV_EXPECTED: any = JSON.parse(Deno.readTextFileSync(`${RV}expected.json`));
const X = fromHexes(RV_EXPECTED.X.values);

for (
  const file of [
    "savetxt.csv",
    "savetxt.tsv",
    "savetxt_tab.txt",
    "savetxt_comma.txt",
    "savetxt_space.txt",
  ]
) {
  Deno.test(`load() reads np.savetxt's headerless ${file} as all 4 rows, bit for bit, and says so`, async () => {
    const ds = await load(`${RV}${file}`);
    assert.deepEqual([ds.matrix.rows, ds.matrix.cols], RV_EXPECTED.X.shape);
    assert.ok(sameBits(ds.matrix.data, X));
    assert.deepEqual(ds.columnLabels, ["0", "1", "2"]);
    assert.equal(ds.rowLabels, undefined);
    assert.match(
      ds.notice!,
      /^the first line \(1\.230153357482574247e-03, 2\.987455375084698828e-01, -2\.741378553622175751e-01\) is all numbers as np\.savetxt writes them, so it is read as data, with columns named 0…2; pass `header: true` if it holds column names$/,
    );
  });
}

Deno.test("load() reads pandas' unnamed frames (header 0,1,2 or 1,2,3; with or without index) with their header and no notice", async () => {
  for (
    const [file, names] of [
      ["frame_noindex.csv", ["0", "1", "2"]],
      ["frame_index.csv", ["0", "1", "2"]],
      ["frame_from1.csv", ["1", "2", "3"]],
    ] as const
  ) {
    const ds = await load(`${RV}${file}`);
    assert.ok(sameBits(ds.matrix.data, X), file);
    assert.deepEqual(ds.columnLabels, names, file);
    assert.equal(ds.notice, undefined, file);
  }
  assert.deepEqual((await load(`${RV}frame_index.csv`)).rowLabels, ["0", "1", "2", "3"]);
});

Deno.test("the header option forces the first line to be names (true) or data (false)", () => {
  const text = "0.5,1.25,3\n4,5,6\n";
  const asNames = parseCsv(text, { header: true });
  assert.deepEqual(asNames.columnLabels, ["0.5", "1.25", "3"]);
  assert.deepEqual(Array.from(asNames.matrix.data), [4, 5, 6]);
  assert.equal(asNames.notice, undefined);
  // pandas' column numbers are data when the caller says so
  const asData = parseCsv("0,1,2\n4,5,6\n", { header: false });
  assert.deepEqual(Array.from(asData.matrix.data), [0, 1, 2, 4, 5, 6]);
  assert.deepEqual(asData.columnLabels, ["0", "1", "2"]);
  assert.equal(asData.notice, undefined);
  assert.deepEqual(
    Array.from(parseCsv("NA\n1\n", { header: false, columns: ["0"], maskNaN: true }).mask!),
    [1, 0],
  );
  assert.throws(
    () => parseCsv(text, { header: "yes" as unknown as boolean }),
    (e) =>
      e instanceof TypeError && /`header` must be "auto", true or false: got "yes"/.test(e.message),
  );
});

Deno.test("header auto: a word or an empty field makes a header; savetxt's numbers (nan and inf too) make data; other numbers are refused", () => {
  assert.deepEqual(parseCsv("a,1\n2,3\n").columnLabels, ["a", "1"]);
  assert.deepEqual(parseCsv(",1.5\nr,3\n").rowLabels, ["r"]);
  const nan = parseCsv("nan,1.500000000000000000e+00\n2,3\n", { maskNaN: true });
  assert.equal(nan.matrix.rows, 2);
  assert.deepEqual(Array.from(nan.mask!), [1, 0, 0, 0]);
  assert.deepEqual(parseCsv("inf,-1.5e-03\n2,3\n").matrix.data[0], Infinity);
  assert.match(parseCsv("5.000000000000000000e-01\n1.5\n").notice!, /with a column named 0;/);
  // bool words are names, not numbers
  assert.deepEqual(parseCsv("True,False\n1,0\n").columnLabels, ["True", "False"]);
  // column ids (pandas columns=[3, 7, 12]), a subset of column numbers, decimals, a row of counts:
  // names or data, the line cannot say which
  for (const first of ["3,7,12", "0,2,5", "1.5,2.5,3.5", "2,0,1", "nan,1.5,2"]) {
    assert.throws(
      () => parseCsv(`${first}\n4,5,6\n`),
      (e) =>
        e instanceof DataFormatError &&
        e.message ===
          `Cannot read \`<text>\`: its first line (${
            first.split(",").join(", ")
          }) is all numbers, which may name the columns or be the first row of data: pass \`header: true\` if it names the columns, \`header: false\` if it is data`,
      first,
    );
    assert.deepEqual(parseCsv(`${first}\n4,5,6\n`, { header: true }).matrix.rows, 1);
    assert.deepEqual(
      parseCsv(`${first}\n4,5,6\n`, { header: false, maskNaN: true }).matrix.rows,
      2,
    );
  }
});

Deno.test("info and rows see the same headerless rows as load()", async () => {
  const notices: string[] = [];
  const info = await describeFile(`${RV}savetxt.csv`, undefined, {
    onNotice: (m) => notices.push(m),
  });
  assert.deepEqual(info.shape, [4, 3]);
  assert.equal(notices.length, 1);
  const named = await describeFile(`${RV}savetxt.csv`, undefined, { header: true });
  assert.deepEqual(named.shape, [3, 3]);
  const part = await load(`${RV}savetxt.csv`, { rows: [0, 1] });
  assert.ok(sameBits(part.matrix.data, X.slice(0, 3)));
  assert.match(part.notice!, /read as data/);
  await assert.rejects(
    () => load(`${RV}fsl.parquet`, { header: false }),
    (e) =>
      e instanceof TypeError &&
      /`header` applies to CSV\/TSV files, and this is parquet/.test(e.message),
  );
});

Deno.test("a CSV integer beyond 2^53 is refused naming column, line and value, as .npy and Arrow refuse it", () => {
  const path = `${RV}big_ints.csv`;
  assert.throws(
    () => readCsv(path),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${path}\`: column \`a\` holds the integer 9007199254740993 on line 2, which exceeds 2^53 in magnitude and would be rounded`,
  );
  // 2^53 itself is exact; the other column reads; a big integer as a label is text
  assert.deepEqual(Array.from(parseCsv("a\n9007199254740992\n-9007199254740992\n").matrix.data), [
    2 ** 53,
    -(2 ** 53),
  ]);
  assert.deepEqual(Array.from(readCsv(path, { columns: ["b"] }).matrix.data), [1, 2]);
  assert.deepEqual(readCsv(path, { labels: "a" }).rowLabels, [
    "9007199254740993",
    "18446744073709551615",
  ]);
  assert.throws(() => parseCsv("a\n1\n-9007199254740993\n"), /integer -9007199254740993 on line 3/);
  // in a float column the value is a float literal, parsed as numpy parses it
  assert.deepEqual(Array.from(parseCsv("a\n9007199254740993\n0.5\n").matrix.data), [2 ** 53, 0.5]);
});

Deno.test("a column name given in `columns` or `labels` that several columns share is refused", () => {
  const text = "a,a,b\n1,2,5\n3,4,6\n";
  assert.throws(
    () => parseCsv(text, { columns: ["a"] }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot read `<text>`: column `a` (`columns`) appears 2 times; rename the columns so that each name is unique",
  );
  assert.throws(() => parseCsv(text, { labels: "a" }), /column `a` \(`labels`\) appears 2 times/);
  assert.deepEqual(Array.from(parseCsv(text, { columns: ["b"] }).matrix.data), [5, 6]);
});

Deno.test("a delimiter ending every line drops the empty last column; a stray one is named in the error", () => {
  const ds = parseCsv("a,b,\n1,2,\n3,4,\n");
  assert.deepEqual(ds.columnLabels, ["a", "b"]);
  assert.deepEqual(Array.from(ds.matrix.data), [1, 2, 3, 4]);
  const headerless = parseCsv("1.5e+00,2.0e+00,\n3,4,\n");
  assert.deepEqual([headerless.matrix.rows, headerless.matrix.cols], [2, 2]);
  assert.throws(
    () => parseCsv("a,b\n1,2,\n3,4,\n"),
    (e) =>
      e instanceof DataFormatError &&
      e.message ===
        "Cannot read `<text>`: line 2 has 3 fields, the header has 2 (a delimiter at the end of the line?)",
  );
  // an empty-named last column that holds values is kept
  assert.deepEqual(parseCsv("a,\n1,2\n").columnLabels, ["a", ""]);
});

Deno.test("encodeCsv() quotes a label that is an NA token (pandas still reads it as NaN: documented)", () => {
  assert.equal(encodeCsv({ stim: ["NA", "x"], u: [1, 2] }), 'stim,u\n"NA",1\nx,2\n');
});

Deno.test("header auto: 0,1,… over integer values could be counts or names, so it is refused; over decimals it is pandas' header", () => {
  assert.throws(
    () => parseCsv("0,1\n1,0\n0,1\n"),
    (e) => e instanceof DataFormatError && /its first line \(0, 1\) is all numbers/.test(e.message),
  );
  assert.deepEqual(parseCsv("0,1\n1,0\n0,1\n", { header: false }).matrix.rows, 3);
  assert.deepEqual(parseCsv("0,1\n1.5,0\n0,1\n").columnLabels, ["0", "1"]);
});

Deno.test("a .csv written by np.savetxt without a delimiter (one space apart) is read with that space, by readCsv() and load()", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  try {
    Deno.writeTextFileSync(
      path,
      "1.500000000000000000e+00 -2.000000000000000000e+00\nnan 4.000000000000000000e+00\n",
    );
    const ds = readCsv(path, { maskNaN: true });
    assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [2, 2]);
    // load() (and so the CLI and info) reads it the same way
    const loaded = await load(path, { maskNaN: true });
    assert.deepEqual(Array.from(loaded.matrix.data), Array.from(ds.matrix.data));
    assert.deepEqual(Array.from(loaded.mask!), [0, 0, 1, 0]);
    assert.deepEqual([ds.matrix.data[0], ds.matrix.data[1], ds.matrix.data[3]], [1.5, -2, 4]);
    assert.deepEqual(Array.from(ds.mask!), [0, 0, 1, 0]);
    // a header with a space in a name is not taken for np.savetxt's numbers
    Deno.writeTextFileSync(path, "my unit\n1\n2\n");
    assert.deepEqual(readCsv(path).columnLabels, ["my unit"]);
  } finally {
    Deno.removeSync(path);
  }
});
