import assert from "node:assert/strict";
import { readFloat64 } from "../../lib/io/read_float64.ts";
import { load } from "../../lib/io/load.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { tempDir } from "./_interchange.ts";

Deno.test("readFloat64() counts every NaN across 2 MiB blocks, not ±Infinity sums", () => {
  using tmp = tempDir();
  const n = 600_003; // more than two blocks of 262 144 values, and a tail of 3
  const x = Float64Array.from({ length: n }, (_, k) => k % 7);
  x[5] = Infinity; // a group whose sum is NaN without a NaN in it
  x[6] = -Infinity;
  const nanAt = [8, 262_143, 262_144, 599_999, 600_002];
  for (const k of nanAt) x[k] = NaN;
  const path = `${tmp.path}/x.bin`;
  Deno.writeFileSync(path, new Uint8Array(x.buffer));
  using file = Deno.openSync(path);
  const dest = new Float64Array(n);
  assert.deepEqual(readFloat64(file, 0, dest), { got: n * 8, nan: nanAt.length });
  assert.deepEqual(new Uint8Array(dest.buffer), new Uint8Array(x.buffer));
  const short = new Float64Array(n + 10);
  assert.equal(readFloat64(file, 0, short).got, n * 8);
});

Deno.test("load() of a large float64 .npy still reports a NaN past the first block at its row and column", async () => {
  using tmp = tempDir();
  const rows = 40_000, cols = 8;
  const data = Float64Array.from({ length: rows * cols }, (_, k) => k);
  data[300_001] = NaN; // row 37 500, column 1
  const path = `${tmp.path}/m.npy`;
  writeNpy(path, { rows, cols, data });
  await assert.rejects(() => load(path), /missing value \(NaN\) at row 37500, column 1;/);
  const masked = await load(path, { maskNaN: true });
  assert.deepEqual(
    Array.from(masked.mask!.keys()).filter((k) => masked.mask![k] === 1),
    [300_001],
  );
  const clean = await load(path, { rows: [0, 37_500] });
  assert.equal(clean.matrix.rows, 37_500);
});
