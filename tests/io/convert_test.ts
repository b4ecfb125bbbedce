import assert from "node:assert/strict";
import { readMatrix, readTensor, toFloat64 } from "../../lib/io/convert.ts";
import { readNpy, writeNpy } from "../../lib/io/npy.ts";
import { EXPECTED, FIXTURES, fromHex, hexAll } from "./_fixtures.ts";

Deno.test("toFloat64() converts every fixture to the float64 values numpy's astype gives", () => {
  for (const f of EXPECTED.files) {
    const t = toFloat64(readNpy(`${FIXTURES}${f.file}`));
    assert.deepEqual(t.shape, f.shape);
    const want = f.descr[1] === "f"
      ? f.values.map((v) => fromHex(v as string))
      : f.values.map(Number);
    if (f.descr[1] === "f") assert.deepEqual(hexAll(t.data), f.values, f.file);
    else assert.deepEqual(Array.from(t.data), want, f.file);
  }
});

Deno.test("toFloat64() returns new data and leaves the input unchanged", () => {
  const nd = { shape: [2], dtype: "<f8", data: new Float64Array([1, 2]) };
  const t = toFloat64(nd);
  t.data[0] = 99;
  t.shape[0] = 5;
  assert.deepEqual(Array.from(nd.data), [1, 2]);
  assert.deepEqual(nd.shape, [2]);
});

Deno.test("toFloat64() converts 64-bit integers exactly up to 2^53 and refuses beyond", () => {
  const ok = toFloat64({
    shape: [2],
    dtype: "<i8",
    data: new BigInt64Array([2n ** 53n, -(2n ** 53n)]),
  });
  assert.deepEqual(Array.from(ok.data), [2 ** 53, -(2 ** 53)]);
  assert.throws(
    () =>
      toFloat64({ shape: [2], dtype: "<i8", data: new BigInt64Array([0n, 2n ** 53n + 1n]) }, {
        name: "X",
      }),
    {
      name: "RangeError",
      message:
        "Cannot convert `X` to float64: element 9007199254740993 at index 1 exceeds 2^53 in magnitude and would be rounded",
    },
  );
  assert.throws(
    () => toFloat64({ shape: [1], dtype: "<u8", data: new BigUint64Array([2n ** 64n - 1n]) }),
    {
      name: "RangeError",
      message: /^Cannot convert `array` to float64: element 18446744073709551615 at index 0/,
    },
  );
});

Deno.test("toFloat64() rounds big 64-bit integers to nearest when exactIntegers is false", () => {
  const t = toFloat64(
    {
      shape: [3],
      dtype: "<i8",
      data: new BigInt64Array([2n ** 53n + 1n, 2n ** 53n + 3n, -(2n ** 63n)]),
    },
    { exactIntegers: false },
  );
  // ties go to even, as numpy's int64 → float64 cast
  assert.deepEqual(Array.from(t.data), [2 ** 53, 2 ** 53 + 4, -(2 ** 63)]);
});

Deno.test("readMatrix() reads a 2-D file as a matrix and a 1-D file as a column", () => {
  const m = readMatrix(`${FIXTURES}npy/i4_F_be_r2.npy`);
  const f = EXPECTED.files.find((x) => x.file === "npy/i4_F_be_r2.npy")!;
  assert.deepEqual([m.rows, m.cols], [2, 3]);
  assert.deepEqual(Array.from(m.data), f.values.map(Number));
  const v = readMatrix(`${FIXTURES}npy/u2_C_le_r1.npy`);
  assert.deepEqual([v.rows, v.cols], [5, 1]);
  assert.ok(v.data instanceof Float64Array);
});

Deno.test("readMatrix() rejects other ranks, naming the file, the argument and the shape", () => {
  assert.throws(() => readMatrix(`${FIXTURES}npy/f8_C_le_r3.npy`, { name: "X" }), {
    name: "TypeError",
    message:
      `Cannot read matrix \`X\` (${FIXTURES}npy/f8_C_le_r3.npy): expected a 1-D or 2-D array: got shape (2, 3, 2)`,
  });
  assert.throws(() => readMatrix(`${FIXTURES}npy/f8_C_le_r0.npy`), {
    name: "TypeError",
    message:
      `Cannot read matrix \`${FIXTURES}npy/f8_C_le_r0.npy\`: expected a 1-D or 2-D array: got shape ()`,
  });
});

Deno.test("readMatrix() and readTensor() name the argument when integers do not fit float64", () => {
  const path = Deno.makeTempFileSync({ suffix: ".npy" });
  try {
    writeNpy(path, { shape: [1, 1], data: new BigInt64Array([2n ** 60n]) });
    assert.throws(() => readMatrix(path, { name: "Y" }), {
      name: "RangeError",
      message: /^Cannot convert `Y` to float64/,
    });
    assert.throws(() => readTensor(path), {
      name: "RangeError",
      message: new RegExp(`^Cannot convert \`${path}\``),
    });
  } finally {
    Deno.removeSync(path);
  }
});

Deno.test("readTensor() reads any rank in C order", () => {
  const t = readTensor(`${FIXTURES}npy/i2_F_be_r4.npy`);
  const f = EXPECTED.files.find((x) => x.file === "npy/i2_F_be_r4.npy")!;
  assert.deepEqual(t.shape, [2, 1, 3, 2]);
  assert.deepEqual(Array.from(t.data), f.values.map(Number));
  assert.deepEqual(readTensor(`${FIXTURES}npy/f8_C_le_r0.npy`), {
    shape: [],
    data: new Float64Array([0.5]),
  });
});
