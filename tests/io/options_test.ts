import assert from "node:assert/strict";
import {
  encodeCsv,
  encodeNpz,
  load,
  loadMatrix,
  parseCsv,
  readCsv,
  readMatrix,
  writeCsv,
  writeNpy,
} from "../../lib/io/mod.ts";
import { encodeZip } from "../../lib/io/zip_write.ts";
import { openRowBlocks } from "../../lib/io/row_blocks.ts";
import { toFloat64 } from "../../lib/io/convert.ts";

const dir = Deno.makeTempDirSync({ prefix: "io-options-" });
const npy = `${dir}/a.npy`, csv = `${dir}/a.csv`;
const M = { rows: 3, cols: 2, data: new Float64Array([1, 2, 3, 4, 5, 6]) };
writeNpy(npy, M);
writeCsv(csv, { u1: [1, 3, 5], u2: [2, 4, 6] });

Deno.test("loadMatrix() refuses a misspelt option instead of reading every row", async () => {
  await assert.rejects(() => loadMatrix(npy, { row: [0, 1] } as never), {
    name: "TypeError",
    message:
      `Cannot read \`${npy}\`: \`row\` is not an option (options: labels, columns, maskNaN, key, rows, delimiter, header, map)`,
  });
  assert.equal((await loadMatrix(npy, { rows: [0, 1] })).rows, 1);
});

Deno.test("load() refuses a boolean option that is not a boolean, and null options", async () => {
  await assert.rejects(() => load(csv, { maskNaN: "yes" } as never), {
    name: "TypeError",
    message: `Cannot read \`${csv}\`: \`maskNaN\` must be a boolean: got "yes"`,
  });
  await assert.rejects(() => load(csv, null as never), {
    name: "TypeError",
    message: `Cannot read \`${csv}\`: \`options\` must be an object: got null`,
  });
});

Deno.test("readers and writers refuse unknown options", async () => {
  const sync: [string, () => unknown, string][] = [
    ["readCsv", () => readCsv(csv, { delimeter: ";" } as never), "delimeter"],
    ["parseCsv", () => parseCsv("a\n1\n", { label: "a" } as never), "label"],
    ["readMatrix", () => readMatrix(npy, { keys: "x" } as never), "keys"],
    ["writeCsv", () => writeCsv(`${dir}/b.csv`, M, { delim: ";" } as never), "delim"],
    ["encodeCsv", () => encodeCsv(M, { labelcolumn: "x" } as never), "labelcolumn"],
    ["encodeNpz", () => encodeNpz({ x: M }, { compression: true } as never), "compression"],
    ["encodeZip", () => encodeZip([], { zip: true } as never), "zip"],
    [
      "toFloat64",
      () =>
        toFloat64(
          { shape: [1], data: new Float64Array(1), dtype: "<f8" } as never,
          { exact: 1 } as never,
        ),
      "exact",
    ],
  ];
  for (const [name, f, key] of sync) {
    assert.throws(
      f,
      { name: "TypeError", message: new RegExp(`\`${key}\` is not an option`) },
      name,
    );
  }
  await assert.rejects(
    () => openRowBlocks(npy, { blockrows: 2 } as never),
    { name: "TypeError", message: /`blockrows` is not an option/ },
  );
  assert.throws(
    () => encodeNpz({ x: M }, { compress: "no" } as never),
    { name: "TypeError", message: 'Cannot encode .npz: `compress` must be a boolean: got "no"' },
  );
});

Deno.test("the readers load() forwards to still get only what they take", async () => {
  assert.deepEqual(Array.from((await loadMatrix(csv, { delimiter: "," })).data), [
    1,
    2,
    3,
    4,
    5,
    6,
  ]);
  assert.deepEqual(
    (await load(csv, { labels: false, maskNaN: true, rows: [1, 3] })).matrix.rows,
    2,
  );
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
