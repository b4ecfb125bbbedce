import assert from "node:assert/strict";
import { allocateFloat64, mapFile } from "../../lib/io/map_file.ts";
import { readNpy, writeNpy } from "../../lib/io/npy.ts";
import { readNpyRows } from "../../lib/io/npy_rows.ts";
import { load } from "../../lib/io/load.ts";
import { writeArrow } from "../../lib/io/arrow.ts";
import { EXPECTED, FIXTURES } from "./_fixtures.ts";

const bits = (a: ArrayLike<number | bigint>) => Array.from(a, (v) => String(v));

Deno.test("readNpyRows() gives readNpy()'s elements for every fixture, mapped or read", () => {
  for (const f of EXPECTED.files) {
    const path = `${FIXTURES}${f.file}`;
    const whole = readNpy(path);
    const mapped = readNpyRows(path);
    assert.deepEqual(mapped.shape, whole.shape, f.file);
    assert.equal(mapped.dtype, whole.dtype, f.file);
    assert.equal(mapped.data.constructor, whole.data.constructor, f.file);
    assert.deepEqual(
      bits(new Uint8Array(mapped.data.buffer, mapped.data.byteOffset, mapped.data.byteLength)),
      bits(new Uint8Array(whole.data.buffer, whole.data.byteOffset, whole.data.byteLength)),
      f.file,
    );
    if (f.shape.length >= 1 && f.shape[0]! >= 2) {
      const part = readNpyRows(path, [1, 2]);
      const inner = whole.data.length / f.shape[0]!;
      assert.deepEqual(bits(part.data), bits(whole.data.slice(inner, 2 * inner)), f.file);
    }
  }
});

Deno.test("load() with map: true of a C-order float64 .npy uses the file's bytes as the matrix buffer", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".npy" });
  writeNpy(path, { rows: 3, cols: 2, data: new Float64Array([1, 2, 3, 4, 5, 6]) });
  const { data } = (await load(path, { map: true })).matrix;
  assert.deepEqual(Array.from(data), [1, 2, 3, 4, 5, 6]);
  // numpy's 128-byte preamble precedes the data in the mapped file
  assert.equal(data.byteOffset, 128);
  Deno.removeSync(path);
});

Deno.test("mapFile() is private: writing to the mapped array leaves the file unchanged", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".npy" });
  writeNpy(path, { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
  const before = Deno.readFileSync(path);
  const x = (await load(path, { map: true })).matrix.data as Float64Array;
  x[0] = 99;
  assert.deepEqual(Deno.readFileSync(path), before);
  assert.deepEqual(Array.from((await load(path)).matrix.data), [1, 2, 3, 4]);
  Deno.removeSync(path);
});

Deno.test("mapFile() maps any byte range and returns null for an empty one", () => {
  const path = Deno.makeTempFileSync();
  const bytes = Uint8Array.from({ length: 70_000 }, (_, k) => k % 251);
  Deno.writeFileSync(path, bytes);
  const part = mapFile(path, 65_530, 20);
  assert.ok(part !== null);
  assert.deepEqual(Array.from(part), Array.from(bytes.subarray(65_530, 65_550)));
  assert.equal(mapFile(path, 10, 0), null);
  assert.equal(mapFile("/no/such/file", 0, 8), null);
  Deno.removeSync(path);
});

Deno.test("allocateFloat64() gives a zeroed, writable array of the asked length", () => {
  for (const n of [0, 5, 2 ** 20 + 3]) {
    const x = allocateFloat64(n);
    assert.equal(x.length, n);
    assert.ok(x.every((v) => v === 0));
    if (n > 0) {
      x[n - 1] = 7;
      assert.equal(x[n - 1], 7);
    }
  }
});

Deno.test("with NEUROCOMPARE_MMAP=0 files are read, with the same values", async () => {
  const dir = Deno.makeTempDirSync();
  const data = Float64Array.from({ length: 600 }, (_, k) => Math.sin(k) * 1e3);
  writeNpy(`${dir}/m.npy`, { rows: 20, cols: 30, data });
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < 30; j++) columns[`u${j}`] = data.filter((_, k) => k % 30 === j);
  await writeArrow(`${dir}/m.arrow`, columns);
  const script = `
    import { load } from ${JSON.stringify(new URL("../../lib/io/load.ts", import.meta.url).href)};
    const a = await load(${JSON.stringify(`${dir}/m.npy`)});
    const b = await load(${JSON.stringify(`${dir}/m.arrow`)});
    console.log(JSON.stringify([a.matrix.data.byteOffset, Array.from(a.matrix.data), Array.from(b.matrix.data)]));
  `;
  const out = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { NEUROCOMPARE_MMAP: "0", NO_COLOR: "1" },
  }).outputSync();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const [offset, npy, arrow] = JSON.parse(new TextDecoder().decode(out.stdout));
  assert.equal(offset, 0); // a fresh buffer, not the mapped file
  assert.deepEqual(npy, Array.from(data));
  assert.deepEqual(arrow, Array.from(data));
  assert.deepEqual(Array.from((await load(`${dir}/m.arrow`)).matrix.data), Array.from(data));
  Deno.removeSync(dir, { recursive: true });
});

/** Rewrite a file in place (same inode, truncated first), as np.save and df.to_* do. */
function rewriteInPlace(path: string, bytes: Uint8Array): void {
  using f = Deno.openSync(path, { write: true, truncate: true });
  for (let at = 0; at < bytes.length;) at += f.writeSync(bytes.subarray(at));
}

for (const rows of [4, 140_000]) { // below and above allocateFloat64's 8 MiB huge-page size
  Deno.test(`load() of a ${rows}×8 .npy is a copy: rewriting or truncating the file in place leaves it as read`, async () => {
    const path = Deno.makeTempFileSync({ suffix: ".npy" });
    const data = Float64Array.from({ length: rows * 8 }, (_, k) => k);
    writeNpy(path, { rows, cols: 8, data });
    const X = (await load(path)).matrix.data;
    const part = (await load(path, { rows: [1, 3] })).matrix.data;
    const raw = readNpyRows(path).data;
    const minusOnes = new Uint8Array(Deno.readFileSync(path));
    new Float64Array(minusOnes.buffer, 128).fill(-1);
    rewriteInPlace(path, minusOnes);
    assert.deepEqual(Array.from((await load(path)).matrix.data.subarray(0, 2)), [-1, -1]);
    const small = Deno.readFileSync(path).subarray(0, 128 + 2 * 8 * 8);
    rewriteInPlace(path, small); // a smaller re-save: reading lost mapped pages would be SIGBUS
    assert.deepEqual(Array.from(X), Array.from(data));
    assert.deepEqual(Array.from(part), Array.from(data.subarray(8, 24)));
    assert.deepEqual(Array.from(raw, Number), Array.from(data));
    Deno.removeSync(path);
  });
}

Deno.test("load() with map: true follows a rewrite of the .npy (live, as documented); map applies to .npy and Arrow only", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".npy" });
  writeNpy(path, { rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) });
  const live = (await load(path, { map: true })).matrix.data;
  const bytes = new Uint8Array(Deno.readFileSync(path));
  new Float64Array(bytes.buffer, 128).fill(-7);
  rewriteInPlace(path, bytes);
  if (live.byteOffset === 128) assert.deepEqual(Array.from(live), [-7, -7, -7, -7]); // mapped
  const csv = Deno.makeTempFileSync({ suffix: ".csv" });
  Deno.writeTextFileSync(csv, "a\n1\n");
  await assert.rejects(
    () => load(csv, { map: true }),
    (e) =>
      e instanceof TypeError &&
      /`map` applies to .npy and Arrow IPC files, and this is csv/.test(e.message),
  );
  Deno.removeSync(path);
  Deno.removeSync(csv);
});
