/**
 * Fuzzing the readers: truncated and corrupted copies of every fixture format
 * must load or fail with a clean error that names the file, never hang, crash
 * or throw from deep inside a library without saying which file.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { extname } from "node:path";
import { load } from "../../lib/io/load.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { IX, tempDir } from "./_interchange.ts";

const CLEAN = [TypeError, RangeError]; // DataFormatError/NpyFormatError/NpzFormatError extend TypeError

async function probe(path: string): Promise<void> {
  try {
    const ds = await load(path, { maskNaN: true });
    assert.equal(ds.matrix.data.length, ds.matrix.rows * ds.matrix.cols);
  } catch (e) {
    assert.ok(CLEAN.some((C) => e instanceof C), `${path}: unexpected ${(e as Error)?.name}: ${e}`);
    assert.ok(
      (e as Error).message.includes(path),
      `${path}: the message does not name the file: ${(e as Error).message}`,
    );
  }
}

function fuzzFile(name: string, source: () => Uint8Array, numRuns: number, seed: number) {
  Deno.test(`load() fails cleanly on truncated or corrupted ${name}`, async () => {
    using dir = tempDir();
    const bytes = source();
    const path = `${dir.path}/fuzz${extname(name)}`;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.integer({ min: 0, max: 255 })), {
          maxLength: 6,
        }),
        fc.boolean(),
        async (cut, flips, truncate) => {
          const copy = bytes.slice();
          for (const [at, value] of flips) copy[at] = value;
          Deno.writeFileSync(path, truncate ? copy.subarray(0, cut) : copy);
          await probe(path);
        },
      ),
      { numRuns, seed },
    );
  });
}

const fixture = (name: string) => () => Deno.readFileSync(`${IX}${name}`);
fuzzFile("table.arrow", fixture("table.arrow"), 80, 1);
fuzzFile("table.arrows", fixture("table.arrows"), 60, 2);
fuzzFile("lz4.feather", fixture("lz4.feather"), 60, 3);
fuzzFile("zstd.arrow", fixture("zstd.arrow"), 60, 4);
fuzzFile("table.parquet", fixture("table.parquet"), 60, 5);
fuzzFile("snappy.parquet", fixture("snappy.parquet"), 60, 6);
fuzzFile("zstd.parquet", fixture("zstd.parquet"), 60, 7);
fuzzFile("gzip.parquet", fixture("gzip.parquet"), 40, 8);
fuzzFile("single.h5", fixture("single.h5"), 60, 9);
fuzzFile("pandas_index.csv", fixture("pandas_index.csv"), 60, 10);
fuzzFile(
  "x.npy",
  () => {
    using dir = tempDir();
    writeNpy(`${dir.path}/x.npy`, { rows: 3, cols: 2, data: new Float64Array([1, 2, 3, 4, 5, 6]) });
    return Deno.readFileSync(`${dir.path}/x.npy`);
  },
  60,
  11,
);

Deno.test("load() still reads a good HDF5 file after many corrupt ones", async () => {
  const ds = await load(`${IX}single.h5`);
  assert.deepEqual([ds.matrix.rows, ds.matrix.cols], [2, 4]);
});
