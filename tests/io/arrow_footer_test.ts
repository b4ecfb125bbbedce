/**
 * The direct footer reader (`simpleFooter`) against apache-arrow's own footer
 * decoder: the same schema (classes, names, types, nullability, metadata,
 * version) and blocks wherever it answers, undefined (the caller then uses
 * apache-arrow) for every schema it does not cover and for corrupt footers.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import * as arrow from "../../lib/deps/apache_arrow.ts";
import { Footer } from "../../lib/deps/apache_arrow_footer.ts";
import { readArrow, writeArrow } from "../../lib/io/arrow.ts";
import { loadArrow } from "../../lib/io/arrow_codecs.ts";
import { simpleFooter } from "../../lib/io/arrow_footer.ts";
import { verifyFooter } from "../../lib/io/arrow_verify.ts";
import { IX } from "./_interchange.ts";

const lib = await loadArrow();

/** The footer flatbuffer of IPC file bytes. */
function footerOf(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const length = new DataView(bytes.buffer, bytes.byteOffset).getInt32(n - 10, true);
  return bytes.subarray(n - 10 - length, n - 10);
}

/** apache-arrow's decoding of a footer: schema and blocks as plain objects. */
function decoded(footer: Uint8Array) {
  const f = Footer.decode(footer);
  const plain = (b: { offset: number; metaDataLength: number; bodyLength: number }) => ({
    offset: b.offset,
    metaDataLength: b.metaDataLength,
    bodyLength: b.bodyLength,
  });
  return {
    schema: f.schema,
    dictionaries: [...f.dictionaryBatches()].map(plain),
    recordBatches: [...f.recordBatches()].map(plain),
  };
}

/** Assert that the direct reader answers and agrees with apache-arrow. */
function assertAgrees(footer: Uint8Array, what: string): void {
  const direct = simpleFooter(footer, lib);
  assert.ok(direct !== undefined, `${what}: the direct reader declined`);
  assert.deepStrictEqual(direct, decoded(footer), what);
}

/** An IPC file of one record batch with the given fields and column data. */
function fileOf(
  fields: arrow.Field[],
  columns: arrow.Data[],
  metadata?: Map<string, string>,
): Uint8Array {
  const schema = new arrow.Schema(fields, metadata);
  const length = columns[0]?.length ?? 0;
  const data = arrow.makeData({ type: new arrow.Struct(fields), length, children: columns });
  return arrow.tableToIPC(new arrow.Table([new arrow.RecordBatch(schema, data)]), "file");
}

const ROWS = 5;
/** A field of `type` and a column of ROWS values for it (every other one null when nullable). */
function column(name: string, type: arrow.DataType, nullable = false) {
  const values = Array.from({ length: ROWS }, (_, i) => {
    if (nullable && i % 2 === 1) return null;
    if (arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type)) return `s${i}`;
    if (arrow.DataType.isBool(type)) return i % 3 === 0;
    if (arrow.DataType.isInt(type) && type.bitWidth === 64) return BigInt(i - 2);
    if (arrow.DataType.isNull(type)) return null;
    return i - 2;
  });
  const data = arrow.vectorFromArray(values, type).data[0]!;
  return { field: new arrow.Field(name, type, nullable), data };
}

Deno.test("simpleFooter() agrees with apache-arrow on a 1100-column float64 file", async () => {
  const cols: Record<string, Float64Array> = {};
  for (let j = 0; j < 1100; j++) cols[`u${j}`] = Float64Array.from({ length: 3 }, (_, i) => i + j);
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, cols);
  assertAgrees(footerOf(Deno.readFileSync(path)), "1100 columns");
  Deno.removeSync(path);
});

Deno.test("simpleFooter() agrees with apache-arrow on every flat type, nullable or not, with metadata", () => {
  const types: arrow.DataType[] = [
    new arrow.Int8(),
    new arrow.Int16(),
    new arrow.Int32(),
    new arrow.Int64(),
    new arrow.Uint8(),
    new arrow.Uint16(),
    new arrow.Uint32(),
    new arrow.Uint64(),
    new arrow.Float16(),
    new arrow.Float32(),
    new arrow.Float64(),
    new arrow.Bool(),
    new arrow.Utf8(),
    new arrow.LargeUtf8(),
    new arrow.Null(),
  ];
  const parts = types.flatMap((t, k) => [column(`a${k}`, t), column(`b${k}`, t, true)]);
  const fields = parts.map((p, k) =>
    k % 3 === 0 ? p.field.clone({ metadata: new Map([["unit", "Hz"], ["é", "ü"]]) }) : p.field
  );
  const meta = new Map([["pandas", '{"index_columns": []}'], ["note", "ünïcödé, long ".repeat(5)]]);
  assertAgrees(footerOf(fileOf(fields, parts.map((p) => p.data), meta)), "flat types");
  // a name of non-ASCII characters and one longer than the ASCII fast path
  const named = [column("naïve µ", new arrow.Float64()), column("x".repeat(40), new arrow.Int32())];
  assertAgrees(footerOf(fileOf(named.map((p) => p.field), named.map((p) => p.data))), "names");
});

Deno.test("simpleFooter() agrees with apache-arrow on files from an independent writer", () => {
  for (
    const name of ["table.arrow", "lz4.feather", "zstd.arrow", "pandas_meta.arrow", "nulls.arrow"]
  ) {
    assertAgrees(footerOf(Deno.readFileSync(`${IX}${name}`)), name);
  }
});

Deno.test("simpleFooter() declines nested, dictionary-encoded and other types", () => {
  const others: [string, arrow.Data][] = [
    ["dictionary", arrow.vectorFromArray(["a", "b", "a"]).data[0]!], // dictionary-encoded strings
    [
      "fixed-size list",
      arrow.makeData({
        type: new arrow.FixedSizeList(2, new arrow.Field("item", new arrow.Float64())),
        length: 1,
        child: arrow.makeData({ type: new arrow.Float64(), length: 2, data: new Float64Array(2) }),
      }),
    ],
    [
      "list",
      arrow.vectorFromArray([[1], [2, 3]], new arrow.List(new arrow.Field("i", new arrow.Int32())))
        .data[0]!,
    ],
    ["timestamp", arrow.vectorFromArray([1, 2], new arrow.TimestampMillisecond()).data[0]!],
    ["binary", arrow.vectorFromArray([new Uint8Array([1])], new arrow.Binary()).data[0]!],
  ];
  for (const [what, data] of others) {
    const plain = column("x", new arrow.Float64());
    const n = data.length;
    const x = arrow.makeData({ type: new arrow.Float64(), length: n, data: new Float64Array(n) });
    const bytes = fileOf([plain.field, new arrow.Field("y", data.type)], [x, data]);
    assert.equal(simpleFooter(footerOf(bytes), lib), undefined, what);
  }
});

Deno.test("simpleFooter() answers on a corrupted footer only where apache-arrow reads the same", async () => {
  const cols: Record<string, Float64Array | string[]> = { stim: ["a", "b"] };
  for (let j = 0; j < 6; j++) cols[`u${j}`] = Float64Array.from([j, -j]);
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, cols);
  const footer = footerOf(Deno.readFileSync(path)).slice();
  Deno.removeSync(path);
  let answered = 0;
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(footer.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      (flips) => {
        const copy = footer.slice();
        for (const [at, value] of flips) copy[at] = value;
        const direct = simpleFooter(copy, lib);
        if (direct === undefined) return; // apache-arrow reads it, and reports any error
        answered++;
        verifyFooter(copy); // the general path's checks pass too
        assert.deepStrictEqual(direct, decoded(copy));
      },
    ),
    { numRuns: 3000, seed: 17 },
  );
  assert.ok(answered > 100, `only ${answered} corrupted footers read directly`);
});

Deno.test("readArrow() reports a corrupt footer as before, through the general decoder", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".arrow" });
  await writeArrow(path, { u: [1, 2] });
  const bytes = Deno.readFileSync(path);
  const footer = footerOf(bytes);
  const at = footer.byteOffset;
  bytes.set([0xff, 0xff, 0xff, 0x7f], at); // the root table offset points outside the footer
  Deno.writeFileSync(path, bytes);
  await assert.rejects(
    () => readArrow(path),
    (e: Error) =>
      e.message === `Cannot read \`${path}\`: corrupt Arrow footer metadata ` +
          `(offset 2147483647 outside ${footer.length} bytes)`,
  );
  Deno.removeSync(path);
});
