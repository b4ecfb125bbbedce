import assert from "node:assert/strict";
import * as arrow from "../../lib/deps/apache_arrow.ts";
import { parseArrow, readArrow, writeArrow } from "../../lib/io/arrow.ts";
import { transposeColumns } from "../../lib/io/arrow_transpose.ts";
import { load } from "../../lib/io/load.ts";
import { allocateFloat64 } from "../../lib/io/map_file.ts";
import { openRowBlocks } from "../../lib/io/row_blocks.ts";

/** Fail at the first entry whose 64 bits differ, printing both values. */
function assertSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  for (let k = 0; k < a.length; k++) {
    if (a[k] !== b[k]) {
      assert.fail(
        `${what}: entry ${k} is ${actual[k]} (0x${a[k]!.toString(16)}), expected ` +
          `${expected[k]} (0x${b[k]!.toString(16)})`,
      );
    }
  }
}

const SPECIAL = [
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  Infinity,
  -Infinity,
];

/** `cols` float64 columns of `rows` values: smooth values with the special ones scattered. */
function columns(rows: number, cols: number): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (let j = 0; j < cols; j++) {
    const c = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      c[i] = (i * 7 + j * 13) % 97 === 0
        ? SPECIAL[(i + j) % SPECIAL.length]!
        : Math.sin(i * 0.37 + j * 1.91) * 10 ** ((i + j) % 9 - 4);
    }
    out[`u${j}`] = c;
  }
  return out;
}

/** Rows `[from, to)` of the columns, row-major. */
function rowMajor(cols: Record<string, Float64Array>, from: number, to: number): Float64Array {
  const names = Object.keys(cols), p = names.length;
  const out = new Float64Array((to - from) * p);
  names.forEach((name, j) => {
    for (let i = from; i < to; i++) out[(i - from) * p + j] = cols[name]![i]!;
  });
  return out;
}

Deno.test("transposeColumns() places every column of a group, tails of rows and columns included", () => {
  for (const [n, rows] of [[1, 1], [7, 3], [8, 128], [9, 129], [70, 131], [64, 257]] as const) {
    const offsets = Array.from({ length: n }, (_, g) => g * (rows + 3) + 1); // gaps between columns
    const block = new Float64Array(n * (rows + 3) + 1).map((_, k) => k * 0.5 - 3);
    const stride = n + 2, start = 1;
    const out = new Float64Array(rows * stride + start).fill(-1);
    assert.equal(transposeColumns(block, offsets, n, rows, out, start, stride), 0);
    for (let i = 0; i < rows; i++) {
      for (let g = 0; g < n; g++) {
        assert.equal(
          out[start + i * stride + g],
          block[offsets[g]! + i],
          `n ${n}, row ${i}, col ${g}`,
        );
      }
      assert.equal(
        out[start + i * stride + n],
        -1,
        "the row's entries beyond the group are untouched",
      );
    }
  }
});

Deno.test("transposeColumns() counts NaN wherever it sits and copies it", () => {
  for (const at of [0, 5, 7, 8, 15, 16 * 8 + 4]) {
    const n = 9, rows = 16;
    const block = new Float64Array(n * rows).fill(1);
    block[at] = NaN;
    const out = new Float64Array(n * rows);
    const offsets = Array.from({ length: n }, (_, g) => g * rows);
    assert.ok(transposeColumns(block, offsets, n, rows, out, 0, n) > 0, `NaN at ${at}`);
    const g = Math.floor(at / rows), i = at % rows;
    assert.ok(Number.isNaN(out[i * n + g]!));
  }
});

Deno.test("readArrow() of an 8.4 MiB column-per-feature file equals the columns and the apache-arrow decoder bit for bit", async () => {
  const rows = 1000, p = 1100; // two groups of columns, the second 52 wide; tiles with row tails
  const cols = columns(rows, p);
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, cols);
  const decoded = await parseArrow(Deno.readFileSync(path)); // the apache-arrow path, no direct reads
  const ds = await readArrow(path);
  assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [rows, p]);
  assertSameBits(ds.matrix.data, rowMajor(cols, 0, rows), "direct read against the columns");
  assertSameBits(ds.matrix.data, decoded.matrix.data, "direct read against apache-arrow");
  // a range read in one run per group (rows [1, 999)) and column by column (rows [100, 300))
  for (const range of [[1, 999], [100, 300]] as const) {
    const part = await readArrow(path, { rows: range });
    assertSameBits(part.matrix.data, rowMajor(cols, range[0], range[1]), `rows [${range}]`);
  }
  Deno.removeSync(path);
});

Deno.test("readArrow() equals the apache-arrow decoder for mixed column types and nulls, masked", async () => {
  const rows = 300;
  const f64 = columns(rows, 20);
  const vectors: Record<string, arrow.Vector> = {};
  for (const [name, c] of Object.entries(f64)) vectors[name] = arrow.makeVector(c);
  vectors.u5 = arrow.makeVector(Int32Array.from({ length: rows }, (_, i) => i * 3 - 400));
  vectors.u9 = arrow.makeVector(Float32Array.from({ length: rows }, (_, i) => i / 7));
  vectors.u12 = arrow.vectorFromArray(
    Array.from({ length: rows }, (_, i) => i % 11 === 3 ? null : i * 0.25),
    new arrow.Float64(),
  );
  const bytes = arrow.tableToIPC(new arrow.Table(vectors), "file");
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  Deno.writeFileSync(path, bytes);
  for (const rowsOption of [undefined, [10, 290] as const]) {
    const options = { maskNaN: true, ...(rowsOption ? { rows: rowsOption } : {}) };
    const direct = await readArrow(path, options);
    const decoded = await parseArrow(bytes, options);
    assert.deepEqual(direct.mask, decoded.mask);
    const keep = (x: Float64Array) => x.map((v) => Number.isNaN(v) ? 0 : v);
    assertSameBits(keep(direct.matrix.data), keep(decoded.matrix.data), `rows ${rowsOption}`);
    assert.ok(direct.mask!.some((m) => m === 1));
  }
  Deno.removeSync(path);
});

Deno.test("a null in an Arrow file is reported at its row of the file, by readArrow({ rows }) and by row blocks", async () => {
  const rows = 400;
  const vectors: Record<string, arrow.Vector> = {
    u0: arrow.makeVector(Float64Array.from({ length: rows }, (_, i) => i)),
    u1: arrow.vectorFromArray(
      Array.from({ length: rows }, (_, i) => i === 250 ? null : i),
      new arrow.Float64(),
    ),
  };
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  Deno.writeFileSync(path, arrow.tableToIPC(new arrow.Table(vectors), "file"));
  const message = `Cannot read \`${path}\`: missing value (NaN) at row 250, column \`u1\``;
  await assert.rejects(
    () => readArrow(path, { rows: [200, 300] }),
    (e: Error) => e instanceof RangeError && e.message.startsWith(message),
  );
  const reader = await openRowBlocks(path, { blockRows: 100 });
  const seen: number[] = [];
  await assert.rejects(
    async () => {
      for await (const block of reader.blocks()) seen.push(block.rows);
    },
    (e: Error) => e instanceof RangeError && e.message === message,
  );
  assert.deepEqual(seen, [100, 100], "the blocks before the null are read");
  Deno.removeSync(path);
});

Deno.test("loading an Arrow file in a loop frees the dropped matrices and keeps a held one intact", async () => {
  const rows = 2100, p = 1000; // 16.8 MB: huge-page output
  const cols = columns(rows, p);
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, cols);
  const expected = rowMajor(cols, 0, rows);
  const held = (await load(path)).matrix.data;
  const rss = () =>
    Number(Deno.readTextFileSync("/proc/self/status").match(/VmRSS:\s+(\d+)/)![1]) * 1024;
  const before = rss();
  let peak = before;
  const loads = 80;
  for (let r = 0; r < loads; r++) {
    const { data } = (await load(path)).matrix;
    assert.equal(data[data.length - 1], expected[expected.length - 1]);
    peak = Math.max(peak, rss());
  }
  // 80 matrices kept would add 80 × 16.8 MB; freed ones are reused. The engine collects when
  // its external memory has grown by a margin of its own (here 15–25 matrices, depending on the
  // machine's state), so the bound is half of what keeping them all would add
  assert.ok(
    peak - before < (loads / 2) * rows * p * 8,
    `RSS grew by ${((peak - before) / 2 ** 20).toFixed(0)} MiB`,
  );
  assertSameBits(held, expected, "the matrix held through the loop");
  held[0] = 42; // writable, and only this copy changes
  assert.equal((await load(path)).matrix.data[0], expected[0]);
  Deno.removeSync(path);
});

Deno.test("allocateFloat64() from 8 MiB on starts on a 2 MiB boundary, zeroed and writable", () => {
  const n = 2 ** 20 + 5;
  const x = allocateFloat64(n);
  assert.equal(x.length, n);
  assert.ok(x.every((v) => v === 0));
  x[n - 1] = 3;
  assert.equal(x[n - 1], 3);
  // aligned where the huge-page path applies (Linux, FFI not turned off)
  if (Deno.build.os === "linux" && Deno.env.get("NEUROCOMPARE_MMAP") !== "0") {
    const addr = BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(x)));
    assert.equal(addr % 2n ** 21n, 0n);
  }
});

Deno.test("load() of an 8.4 MiB Arrow file gives the same bytes without FFI (NEUROCOMPARE_MMAP=0)", async () => {
  const rows = 1000, p = 1100;
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, columns(rows, p));
  const digest = async (x: Float64Array) =>
    Array.from(
      new Uint8Array(
        await crypto.subtle.digest(
          "SHA-256",
          new Uint8Array(x.buffer as ArrayBuffer, x.byteOffset, x.byteLength),
        ),
      ),
    ).join(",");
  const script = `
    import { load } from ${JSON.stringify(new URL("../../lib/io/load.ts", import.meta.url).href)};
    const { data } = (await load(${JSON.stringify(path)})).matrix;
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    console.log(Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))).join(","));
  `;
  const out = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { NEUROCOMPARE_MMAP: "0", NO_COLOR: "1" },
  }).outputSync();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const plain = new TextDecoder().decode(out.stdout).trim();
  assert.equal(await digest((await load(path)).matrix.data), plain);
  assert.equal(await digest(rowMajor(columns(rows, p), 0, rows)), plain);
  Deno.removeSync(path);
});

Deno.test("load() rejects a stored NaN read through the direct Arrow path, naming its row and column", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, { u: [1, 2, 3, 4], v: [5, Number.NaN, 7, 8] });
  await assert.rejects(() => load(path), /missing value.*row 1.*`v`|`v`.*row 1/);
  await assert.rejects(() => load(path, { rows: [1, 3] }), /row 1/);
  assert.ok(Number.isNaN((await load(path, { maskNaN: true })).matrix.data[3]!));
  Deno.removeSync(path);
});

Deno.test("an int64 beyond 2^53 in a later record batch is reported at its row of the file", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  const batch = (values: bigint[]) =>
    new arrow.RecordBatch({
      big: arrow.makeData({
        type: new arrow.Int64(),
        length: values.length,
        data: BigInt64Array.from(values),
      }),
    });
  const table = new arrow.Table([batch([1n, 2n, 3n, 4n, 5n]), batch([6n, 7n, 2n ** 60n])]);
  Deno.writeFileSync(path, arrow.tableToIPC(table, "file"));
  const beyond = /column `big` holds 1152921504606846976 at row 7, beyond 2\^53/;
  await assert.rejects(() => load(path), beyond);
  await assert.rejects(() => load(path, { rows: [6, 8] }), beyond);
  Deno.removeSync(path);
});
