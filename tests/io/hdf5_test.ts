import assert from "node:assert/strict";
import { DataFormatError } from "../../lib/io/errors.ts";
import { listHdf5, readHdf5, readHdf5Array } from "../../lib/io/hdf5.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits, tempDir } from "./_interchange.ts";

const H = IX_EXPECTED.hdf5;
const FILE = `${IX}arrays.h5`;

Deno.test("listHdf5() lists every dataset of an h5py file with shape and numpy dtype", async () => {
  assert.deepEqual(await listHdf5(FILE), [
    { path: "/X", shape: [5, 4], dtype: "<f8" },
    { path: "/chunked", shape: [4, 3], dtype: "<f4" },
    { path: "/cube", shape: [2, 3, 4], dtype: "<u2" },
    { path: "/flags", shape: [3], dtype: "|b1" },
    { path: "/group/Y", shape: [3, 2], dtype: ">i2" },
    { path: "/names", shape: [2], dtype: "string" },
    { path: "/nan", shape: [2, 2], dtype: "<f8" },
  ]);
});

Deno.test("readHdf5() reads float64, big-endian int16 and gzip-chunked float32 datasets exactly", async () => {
  const X = await readHdf5(FILE, "/X");
  assert.ok(sameBits(X.matrix.data, fromHexes(H.X)));
  assert.equal(X.source, `${FILE}:/X`);
  const Y = await readHdf5(FILE, "group/Y");
  assert.deepEqual([Y.matrix.rows, Y.matrix.cols, Y.dtype], [3, 2, ">i2"]);
  assert.ok(sameBits(Y.matrix.data, fromHexes(H.Y)));
  const C = await readHdf5(FILE, "chunked");
  assert.ok(sameBits(C.matrix.data, fromHexes(H.chunked)));
});

Deno.test("readHdf5() reads a row slice as a hyperslab, and a bool vector as a column", async () => {
  const all = fromHexes(H.X);
  const part = await readHdf5(FILE, "/X", { rows: [1, 3] });
  assert.ok(sameBits(part.matrix.data, all.slice(4, 12)));
  const flags = await readHdf5(FILE, "/flags");
  assert.deepEqual([flags.matrix.rows, flags.matrix.cols], [3, 1]);
  assert.deepEqual(Array.from(flags.matrix.data), [1, 0, 1]);
});

Deno.test("readHdf5() without a key reads the only dataset, or lists the choices", async () => {
  const only = await readHdf5(`${IX}single.h5`);
  assert.equal(only.source, `${IX}single.h5:/only`);
  await assert.rejects(
    () => readHdf5(FILE),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${FILE}\`: the file holds 7 datasets, choose one with \`key\`: /X, /chunked, /cube, /flags, /group/Y, /names, /nan`,
  );
});

Deno.test("readHdf5() rejects unknown keys, groups, strings, rank 3 and NaN", async () => {
  await assert.rejects(
    () => readHdf5(FILE, "nope"),
    (e) => e instanceof RangeError && /no dataset `nope`;/.test(e.message),
  );
  await assert.rejects(() => readHdf5(FILE, "group"), /no dataset `group` \(it is a group\)/);
  await assert.rejects(
    () => readHdf5(FILE, "names"),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${FILE}:names\`: dataset holds string: only integer, float and bool datasets can be read as numbers`,
  );
  await assert.rejects(
    () => readHdf5(FILE, "cube"),
    /expected a 1-D or 2-D dataset: got shape \[2, 3, 4\]/,
  );
  await assert.rejects(() => readHdf5(FILE, "nan"), /missing value \(NaN\) at row 0, column 1/);
  assert.deepEqual(Array.from((await readHdf5(FILE, "nan", { maskNaN: true })).mask!), [
    0,
    1,
    0,
    0,
  ]);
});

Deno.test("readHdf5Array() reads any rank in its stored type", async () => {
  const cube = await readHdf5Array(FILE, "/cube", { rows: [1, 2] });
  assert.deepEqual(cube.shape, [1, 3, 4]);
  assert.ok(cube.data instanceof Uint16Array);
  assert.deepEqual(Array.from(cube.data, Number), Array.from({ length: 12 }, (_, k) => 12 + k));
});

Deno.test("readHdf5() names the file when it is truncated, not HDF5, or missing", async () => {
  using dir = tempDir();
  const cut = `${dir.path}/cut.h5`;
  Deno.writeFileSync(cut, Deno.readFileSync(FILE).subarray(0, 3000));
  await assert.rejects(
    () => readHdf5(cut, "X"),
    (e) =>
      e instanceof DataFormatError &&
      e.message.startsWith(
        `Cannot read \`${cut}\`: not a readable HDF5 file, or truncated (HDF5: truncated file`,
      ),
  );
  await assert.rejects(() => readHdf5(`${dir.path}/none.h5`, "X"), Deno.errors.NotFound);
});
