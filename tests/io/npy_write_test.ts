import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeNpy, parseNpy, parseNpyHeader, readNpy, writeNpy } from "../../lib/io/npy.ts";
import { encodeHeader } from "../../lib/io/header.ts";
import type { NDArrayData } from "../../lib/io/dtype.ts";
import { count, EXPECTED, FIXTURES, hexAll } from "./_fixtures.ts";

function sameBits(a: NDArrayData, b: NDArrayData): void {
  assert.equal(a.constructor, b.constructor);
  assert.deepEqual(
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  );
}

Deno.test("encodeNpy() writes the same bytes as np.save for every C-order little-endian fixture", () => {
  const cle = EXPECTED.files.filter((f) => /_C_le_r\d\.npy$/.test(f.file));
  assert.equal(cle.length, 60);
  for (const f of cle) {
    const bytes = Deno.readFileSync(`${FIXTURES}${f.file}`);
    assert.deepEqual(encodeNpy(parseNpy(bytes)), bytes, f.file);
  }
});

Deno.test("encodeNpy() then parseNpy() round-trips every fixture bit for bit as little-endian C order", () => {
  for (const f of EXPECTED.files) {
    const nd = readNpy(`${FIXTURES}${f.file}`);
    const bytes = encodeNpy(nd);
    const header = parseNpyHeader(bytes);
    assert.equal(header.fortranOrder, false);
    assert.equal(header.descr, f.descr.replace(">", "<"));
    assert.equal(header.dataOffset % 64, 0);
    const back = parseNpy(bytes);
    assert.deepEqual(back.shape, nd.shape);
    sameBits(back.data, nd.data);
  }
});

Deno.test("encodeNpy() keeps NaN payloads and -0 in float64 data", () => {
  const data = new Float64Array(4);
  new BigUint64Array(data.buffer).set([
    0x7ff8000000000123n,
    0xfff0000000000001n,
    0x8000000000000000n,
    0x0000000000000001n,
  ]);
  const back = parseNpy(encodeNpy({ shape: [2, 2], data }));
  assert.deepEqual(hexAll(back.data as Float64Array), [
    "7ff8000000000123",
    "fff0000000000001",
    "8000000000000000",
    "0000000000000001",
  ]);
});

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });

Deno.test("encodeNpy() round-trips random float64 bit patterns of any shape", () => {
  fc.assert(
    fc.property(
      shapeArb,
      fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: 256, maxLength: 256 }),
      (shape, bits) => {
        const n = count(shape);
        const data = new Float64Array(n);
        new BigUint64Array(data.buffer).set(bits.slice(0, n));
        const back = parseNpy(encodeNpy({ shape, data }));
        assert.deepEqual(back.shape, shape);
        assert.equal(back.dtype, "<f8");
        sameBits(back.data, data);
      },
    ),
    { seed: 11, numRuns: 200 },
  );
});

Deno.test("encodeNpy() round-trips random integers of every width", () => {
  const ctors = [
    Int8Array,
    Uint8Array,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
  ] as const;
  fc.assert(
    fc.property(
      shapeArb,
      fc.uint8Array({ minLength: 2048, maxLength: 2048 }),
      fc.integer({ min: 0, max: 8 }),
      (shape, bytes, which) => {
        const n = count(shape);
        let data: NDArrayData;
        if (which < ctors.length) data = new ctors[which]!(bytes.buffer, 0, n);
        else data = new BigInt64Array(bytes.buffer, 0, n);
        const back = parseNpy(encodeNpy({ shape, data }));
        sameBits(back.data, data);
      },
    ),
    { seed: 12, numRuns: 200 },
  );
});

Deno.test("encodeNpy() accepts a Matrix and {shape, data: number[]}", () => {
  const m = parseNpy(encodeNpy({ rows: 2, cols: 3, data: new Float64Array([1, 2, 3, 4, 5, 6]) }));
  assert.deepEqual(m.shape, [2, 3]);
  assert.equal(m.dtype, "<f8");
  const v = parseNpy(encodeNpy({ shape: [3], data: [0.5, -1, 2] }));
  assert.deepEqual(Array.from(v.data, Number), [0.5, -1, 2]);
  assert.ok(v.data instanceof Float64Array);
});

Deno.test("encodeNpy() writes bool as 0/1 bytes and float16 from float64 when asked", () => {
  const b = parseNpy(encodeNpy({ shape: [3], data: new Uint8Array([0, 2, 255]), dtype: "|b1" }));
  assert.equal(b.dtype, "|b1");
  assert.deepEqual(Array.from(b.data, Number), [0, 1, 1]);
  const h = parseNpy(
    encodeNpy({ shape: [3], data: new Float64Array([0.1, 65504, 1e6]), dtype: "<f2" }),
  );
  assert.equal(h.dtype, "<f2");
  assert.deepEqual(Array.from(h.data, Number), [0.0999755859375, 65504, Infinity]);
});

Deno.test("encodeNpy() takes a big-endian dtype hint as the same type, written little-endian", () => {
  const bytes = encodeNpy({ shape: [1], data: new Int32Array([-5]), dtype: ">i4" });
  assert.equal(parseNpyHeader(bytes).descr, "<i4");
  assert.deepEqual(Array.from(parseNpy(bytes).data, Number), [-5]);
});

Deno.test("a header beyond 64 KiB is written as format 2.0 and read back", () => {
  const shape = new Array<number>(22000).fill(1);
  const head = encodeHeader({ descr: "<f8", fortranOrder: false, shape });
  const bytes = new Uint8Array(head.length + 8);
  bytes.set(head);
  new DataView(bytes.buffer).setFloat64(head.length, 3, true);
  const header = parseNpyHeader(bytes);
  assert.deepEqual(header.version, [2, 0]);
  assert.equal(header.dataOffset % 64, 0);
  const back = parseNpy(bytes);
  assert.equal(back.shape.length, 22000);
  assert.deepEqual(Array.from(back.data, Number), [3]);
});

Deno.test("encodeNpy() refuses more than 32 dimensions, which numpy 1.x cannot load", () => {
  const ok = encodeNpy({ shape: new Array<number>(32).fill(1), data: new Float64Array([3]) });
  assert.equal(parseNpy(ok).shape.length, 32);
  assert.throws(
    () => encodeNpy({ shape: new Array<number>(33).fill(1), data: new Float64Array([3]) }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        "Cannot encode .npy: `shape` must have at most 32 dimensions, the most numpy 1.x reads: got 33",
  );
});

Deno.test("encodeNpy() rejects a malformed shape, mismatched data and an unfit dtype", () => {
  const cases: [unknown, RegExp][] = [
    [
      { shape: [2, -1], data: new Float64Array(0) },
      /^Cannot encode \.npy: `shape` must be an array of non-negative integers: got \[2,-1\]$/,
    ],
    [
      { shape: "3", data: new Float64Array(3) },
      /`shape` must be an array of non-negative integers: got "3"/,
    ],
    [
      { shape: [2, 2], data: new Float64Array(3) },
      /^Cannot encode \.npy: `data` must have 4 elements for shape \[2, 2\]: got 3$/,
    ],
    [{ shape: [1], data: ["a"] }, /`data` must hold numbers only/],
    [
      { shape: [1], data: new Uint8ClampedArray(1) },
      /`data` must be a typed array of a supported kind: got Uint8ClampedArray/,
    ],
    [
      { shape: [1], data: new Int32Array(1), dtype: "<f8" },
      /`dtype` '<f8' does not match data of type Int32Array/,
    ],
    [
      { shape: [1], data: new Int32Array(1), dtype: "|O" },
      /`dtype` '\|O' is not supported: object arrays are not supported/,
    ],
    [{ rows: 1, cols: 1, data: [1] }, /matrix `data` must be a Float64Array: got \[1\]/],
  ];
  for (const [input, msg] of cases) {
    assert.throws(() => encodeNpy(input as never), (e: Error) => {
      assert.equal(e.name, "TypeError");
      assert.match(e.message, msg);
      return true;
    });
  }
});

Deno.test("writeNpy() writes atomically, leaving no temporary file and replacing the old file", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const path = `${dir}/a.npy`;
    writeNpy(path, { shape: [2], data: new Float64Array([1, 2]) });
    writeNpy(path, { shape: [1], data: new Float64Array([3]) });
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.npy"]);
    assert.deepEqual(Array.from(readNpy(path).data, Number), [3]);
    // a failed encode leaves the existing file untouched
    assert.throws(() => writeNpy(path, { shape: [2], data: new Float64Array(1) }), TypeError);
    assert.deepEqual(Array.from(readNpy(path).data, Number), [3]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writeNpy() into a missing directory throws NotFound naming the path", () => {
  const dir = Deno.makeTempDirSync();
  try {
    assert.throws(
      () => writeNpy(`${dir}/missing/a.npy`, { shape: [1], data: new Float64Array(1) }),
      (e: Error) =>
        e instanceof Deno.errors.NotFound &&
        e.message.startsWith(`Cannot write \`${dir}/missing/a.npy\`: `),
    );
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("writeNpy() over a directory fails and removes its temporary file", () => {
  const dir = Deno.makeTempDirSync();
  try {
    Deno.mkdirSync(`${dir}/target`);
    assert.throws(
      () => writeNpy(`${dir}/target`, { shape: [1], data: new Float64Array(1) }),
      (e: Error) => e.message.startsWith(`Cannot write \`${dir}/target\`: `),
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["target"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
