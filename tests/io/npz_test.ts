import assert from "node:assert/strict";
import { encodeNpz, listNpz, readNpz, readNpzArray, writeNpz } from "../../lib/io/npz.ts";
import { readMatrix, readTensor } from "../../lib/io/convert.ts";
import { encodeNpy } from "../../lib/io/npy.ts";
import { parseZip } from "../../lib/io/zip_read.ts";
import { encodeZip } from "../../lib/io/zip_write.ts";
import type { NDArray, NDArrayData } from "../../lib/io/dtype.ts";
import { EXPECTED, type ExpectedArray, FIXTURES, hexAll } from "./_fixtures.ts";
import { toFloat64 } from "../../lib/io/convert.ts";

function matches(nd: NDArray, want: ExpectedArray): void {
  assert.equal(nd.dtype, want.descr);
  assert.deepEqual(nd.shape, want.shape);
  if (want.descr[1] === "f") assert.deepEqual(hexAll(toFloat64(nd).data), want.values);
  else if (want.descr[1] === "b") assert.deepEqual(Array.from(nd.data, Number), want.values);
  else assert.deepEqual(Array.from(nd.data, String), want.values);
}

function sameBits(a: NDArrayData, b: NDArrayData): void {
  assert.equal(a.constructor, b.constructor);
  assert.deepEqual(
    new Uint8Array(a.buffer, a.byteOffset, a.byteLength),
    new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
  );
}

for (const archive of EXPECTED.npz) {
  Deno.test(`readNpz() reads ${archive.file} (written by numpy) exactly`, () => {
    const path = `${FIXTURES}${archive.file}`;
    const arrays = readNpz(path);
    assert.deepEqual(Object.keys(arrays), Object.keys(archive.members));
    for (const [key, want] of Object.entries(archive.members)) matches(arrays[key]!, want);
    assert.deepEqual(readNpz(Deno.readFileSync(path)), arrays);
  });
}

Deno.test("numpy's stored and deflated fixtures use methods 0 and 8 with ZIP64 local headers", () => {
  for (const [file, method] of [["stored", 0], ["deflated", 8]] as const) {
    const bytes = Deno.readFileSync(`${FIXTURES}npz/${file}.npz`);
    assert.ok(parseZip(bytes).every((e) => e.method === method));
    // np.savez writes with force_zip64: the local header's extra field is the ZIP64 one
    const view = new DataView(bytes.buffer);
    assert.equal(view.getUint16(30 + view.getUint16(26, true), true), 0x0001);
  }
});

Deno.test("readNpz() reads members followed by data descriptors (streamed archive)", () => {
  const bytes = Deno.readFileSync(`${FIXTURES}npz/streamed.npz`);
  assert.ok(parseZip(bytes).every((e) => (e.flags & 0x8) !== 0));
  assert.deepEqual(Object.keys(readNpz(bytes)), ["X", "labels", "mask"]);
});

Deno.test("listNpz() lists keys in archive order without the .npy suffix", () => {
  assert.deepEqual(listNpz(`${FIXTURES}npz/deflated.npz`), ["X", "labels", "mask"]);
});

Deno.test("readNpzArray() picks a member by key, or the only one", () => {
  const archive = (file: string) => EXPECTED.npz.find((a) => a.file === file)!.members;
  matches(readNpzArray(`${FIXTURES}npz/stored.npz`, "labels"), archive("npz/stored.npz").labels!);
  matches(readNpzArray(`${FIXTURES}npz/single.npz`), archive("npz/single.npz").Y!);
});

Deno.test("readNpzArray() names the missing key and lists the keys", () => {
  const path = `${FIXTURES}npz/stored.npz`;
  assert.throws(() => readNpzArray(path, "Y"), {
    name: "RangeError",
    message: `Cannot read \`${path}\`: no array \`Y\`; keys: X, labels, mask`,
  });
  assert.throws(() => readNpzArray(path), {
    name: "RangeError",
    message:
      `Cannot read \`${path}\`: the archive holds 3 arrays, choose one with \`key\`: X, labels, mask`,
  });
  assert.throws(() => readNpzArray(encodeNpz({})), {
    name: "RangeError",
    message: "Cannot read `<bytes>`: the archive holds 0 arrays, choose one with `key`: (none)",
  });
});

Deno.test("writeNpz() then readNpz() round-trips bit for bit, stored and deflated", () => {
  const f = new Float64Array(5);
  new BigUint64Array(f.buffer).set([
    0x7ff8000000000123n,
    0x8000000000000000n,
    1n,
    0x3ff0000000000000n,
    0xfff0000000000000n,
  ]);
  const input: Record<string, { shape: number[]; data: NDArrayData }> = {
    f: { shape: [5], data: f },
    ["__proto__"]: { shape: [2], data: new BigUint64Array([2n ** 64n - 1n, 0n]) },
    "naïve/κ": { shape: [1, 2], data: new Int16Array([-1, 2]) },
    empty: { shape: [0], data: new Float32Array(0) },
  };
  assert.deepEqual(Object.keys(input), ["f", "__proto__", "naïve/κ", "empty"]);
  const dir = Deno.makeTempDirSync();
  try {
    for (const compress of [false, true]) {
      const path = `${dir}/a.npz`;
      writeNpz(path, input, { compress });
      const back = readNpz(path);
      assert.deepEqual(Object.keys(back), Object.keys(input));
      assert.equal(Object.getPrototypeOf(back), Object.prototype);
      for (const k of Object.keys(input)) {
        assert.deepEqual(back[k]!.shape, input[k]!.shape);
        sameBits(back[k]!.data, input[k]!.data);
      }
      assert.ok(parseZip(Deno.readFileSync(path)).every((e) => e.method === (compress ? 8 : 0)));
    }
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.npz"]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("encodeNpz() gives the same bytes for the same arrays", () => {
  const arrays = { X: { shape: [2], data: [1, 2] } };
  assert.deepEqual(encodeNpz(arrays, { compress: true }), encodeNpz(arrays, { compress: true }));
});

Deno.test("encodeNpz() rejects an empty key and names the array it cannot encode", () => {
  assert.throws(() => encodeNpz({ "": { shape: [1], data: [1] } }), {
    name: "TypeError",
    message: 'Cannot encode .npz: array keys must be non-empty: got ""',
  });
  assert.throws(() => encodeNpz({ W: { shape: [2], data: [1] } }), {
    name: "TypeError",
    message: "Cannot encode .npy: `data` must have 2 elements for shape [2]: got 1 (array `W`)",
  });
});

Deno.test("readNpz() reads ZIP64 archives, forced or for 65535+ members", () => {
  const x = { shape: [3], data: new Int32Array([4, 5, 6]) };
  for (const compress of [false, true]) {
    const zip = encodeZip([{ name: "x.npy", data: encodeNpy(x) }], { zip64: true, compress });
    const view = new DataView(zip.buffer);
    assert.equal(view.getUint32(zip.length - 22 - 20, true), 0x07064b50, "ZIP64 locator present");
    assert.equal(
      view.getUint32(zip.length - 22 + 16, true),
      0xffffffff,
      "classic offset saturated",
    );
    assert.deepEqual(Array.from(readNpzArray(zip, "x").data, Number), [4, 5, 6]);
  }
  const many = encodeZip(
    Array.from({ length: 65536 }, (_, k) => ({ name: `m${k}`, data: new Uint8Array(0) })),
  );
  const view = new DataView(many.buffer);
  assert.equal(view.getUint16(many.length - 22 + 10, true), 0xffff);
  const entries = parseZip(many);
  assert.equal(entries.length, 65536);
  assert.equal(entries[65535]!.name, "m65535");
});

Deno.test("readMatrix() and readTensor() read .npz members by key", () => {
  const path = `${FIXTURES}npz/deflated.npz`;
  const X = readMatrix(path, { key: "X", name: "X" });
  assert.deepEqual([X.rows, X.cols], [3, 4]);
  assert.deepEqual(Array.from(X.data), Array.from({ length: 12 }, (_, k) => k / 3));
  assert.deepEqual(readTensor(path, { key: "mask" }).data, new Float64Array([1, 0, 0, 1, 1, 1]));
  const Y = readMatrix(`${FIXTURES}npz/single.npz`);
  assert.deepEqual([Y.rows, Y.cols], [5, 2]);
  assert.throws(() => readMatrix(path, { name: "X" }), {
    name: "RangeError",
    message: /holds 3 arrays, choose one with `key`/,
  });
});

Deno.test("readMatrix() refuses a key for a .npy file", () => {
  const path = `${FIXTURES}npy/f8_C_le_r2.npy`;
  assert.throws(() => readMatrix(path, { key: "X" }), {
    name: "TypeError",
    message: `Cannot read \`${path}\`: \`key\` (X) applies to .npz archives, and this is not one`,
  });
});
