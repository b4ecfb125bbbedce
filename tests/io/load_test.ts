import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { DataFormatError } from "../../lib/io/errors.ts";
import { load, loadMatrix } from "../../lib/io/load.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { writeNpz } from "../../lib/io/npz.ts";
import { fromHex } from "./_fixtures.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits, tempDir } from "./_interchange.ts";

const TABLE = IX_EXPECTED.table;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("load() gives the same labelled matrix from Arrow, Parquet and pandas CSV", async () => {
  for (const file of ["table.arrow", "table.arrows", "lz4.feather", "zstd.parquet"]) {
    const ds = await load(`${IX}${file}`);
    assert.equal(ds.kind, "dataset");
    assert.deepEqual(ds.rowLabels, TABLE.rowLabels, file);
    assert.ok(sameBits(ds.matrix.data, fromHexes(TABLE.values)), file);
  }
  const csv = await load(`${IX}pandas_index.csv`);
  assert.ok(sameBits(csv.matrix.data, fromHexes(IX_EXPECTED.csv_table.values)));
});

Deno.test("load() reads .npy (whole or rows), .npz members and HDF5 datasets", async () => {
  using dir = tempDir();
  const npy = `${dir.path}/X.npy`;
  writeNpy(npy, { shape: [3, 2], data: new Int32Array([1, 2, 3, 4, 5, 6]) });
  const whole = await load(npy);
  assert.deepEqual([whole.matrix.rows, whole.matrix.cols, whole.dtype], [3, 2, "<i4"]);
  assert.deepEqual(Array.from((await load(npy, { rows: [2, 3] })).matrix.data), [5, 6]);
  const f8 = `${dir.path}/f8.npy`;
  writeNpy(f8, { rows: 2, cols: 2, data: new Float64Array([0.5, -0, 3, 4]) });
  assert.ok(sameBits((await loadMatrix(f8, { rows: [1, 2] })).data, new Float64Array([3, 4])));
  const npz = `${dir.path}/a.npz`;
  writeNpz(npz, { A: { shape: [2], data: [7, 8] }, B: { shape: [1], data: [9] } });
  const A = await load(npz, { key: "A", rows: [1, 2] });
  assert.deepEqual([A.matrix.rows, A.matrix.cols, Array.from(A.matrix.data)], [1, 1, [8]]);
  assert.equal(A.source, `${npz}:A.npy`);
  const h5 = await load(`${IX}arrays.h5`, { key: "/X" });
  assert.ok(sameBits(h5.matrix.data, fromHexes(IX_EXPECTED.hdf5.X)));
});

Deno.test("load() reads a truncated .npy as an error, not as fewer rows", async () => {
  using dir = tempDir();
  const path = `${dir.path}/t.npy`;
  writeNpy(path, { rows: 4, cols: 2, data: new Float64Array(8) });
  const bytes = Deno.readFileSync(path);
  Deno.writeFileSync(path, bytes.subarray(0, bytes.length - 8));
  await assert.rejects(
    () => load(path, { rows: [0, 1] }),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${path}\`: truncated data (shape (4, 2) of <f8 needs 64 bytes, got 56)`,
  );
});

Deno.test("load() rejects options that do not apply to the format", async () => {
  await assert.rejects(
    () => load(`${IX}table.arrow`, { key: "X" }),
    (e) =>
      e instanceof TypeError &&
      e.message ===
        `Cannot read \`${IX}table.arrow\`: \`key\` (X) applies to .npz archives and HDF5/NWB files, and this is arrow-file`,
  );
  await assert.rejects(
    () => load(`${IX}arrays.h5`, { key: "/X", labels: "a" }),
    /`labels` applies to tables \(CSV\/TSV, Arrow, Parquet\), and this is hdf5/,
  );
  await assert.rejects(
    () => load(`${IX}table.parquet`, { delimiter: ";" }),
    /`delimiter` applies to CSV\/TSV files, and this is parquet/,
  );
});

Deno.test("load() rejects an unknown format and an empty file, naming the file", async () => {
  using dir = tempDir();
  const bin = `${dir.path}/x.bin`;
  Deno.writeFileSync(bin, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  await assert.rejects(
    () => load(bin),
    (e) =>
      e instanceof DataFormatError &&
      e.message.startsWith(
        `Cannot read \`${bin}\`: unknown file format (first bytes 01 02 03 04 05 06 07 08); supported: .npy,`,
      ),
  );
  const empty = `${dir.path}/e.dat`;
  Deno.writeFileSync(empty, new Uint8Array(0));
  await assert.rejects(() => load(empty), /`.*e\.dat`: the file is empty/);
  const feather1 = `${dir.path}/old.feather`;
  Deno.writeTextFileSync(feather1, "FEA1....");
  await assert.rejects(
    () => load(feather1),
    /Feather version 1 files are not supported; re-save as Feather v2/,
  );
});

Deno.test("load() recognises HDF5 behind a 512-byte user block", async () => {
  using dir = tempDir();
  const path = `${dir.path}/ub.dat`;
  const h5 = Deno.readFileSync(`${IX}single.h5`);
  const withBlock = new Uint8Array(512 + h5.length);
  withBlock.set(h5, 512);
  Deno.writeFileSync(path, withBlock);
  const ds = await load(path);
  assert.equal(ds.source, `${path}:/only`);
  assert.ok(sameBits(ds.matrix.data, fromHexes(IX_EXPECTED.hdf5.X).slice(0, 8)));
});

Deno.test("info prints numpy's shape, dtype, finiteness and sum for tables and HDF5", async () => {
  const cases: [string[], unknown][] = [
    [["table.arrow"], { shape: [5, 6], dtype: "<f8", finite: true, sum: fromHex(TABLE.sum) }],
    [["zstd.parquet"], { shape: [5, 6], dtype: "<f8", finite: true, sum: fromHex(TABLE.sum) }],
    [["pandas_index.csv"], {
      shape: [5, 6],
      dtype: "<f8",
      finite: true,
      sum: fromHex(IX_EXPECTED.csv_table.sum),
    }],
    [["ints.csv"], { shape: [3, 2], dtype: "<i8", finite: true, sum: 152 }],
    [["missing.csv"], null],
    [["nulls.arrow"], { shape: [3, 2], dtype: "<f8", finite: false, sum: null }],
    [["arrays.h5", "--key", "/X"], {
      shape: [5, 4],
      dtype: "<f8",
      finite: true,
      sum: fromHex(IX_EXPECTED.hdf5.X_sum),
    }],
    [["arrays.h5", "--key", "chunked"], {
      shape: [4, 3],
      dtype: "<f4",
      finite: true,
      sum: fromHex(IX_EXPECTED.hdf5.chunked_sum),
    }],
    [["arrays.h5", "--key", "cube"], {
      shape: [2, 3, 4],
      dtype: "<u2",
      finite: true,
      sum: IX_EXPECTED.hdf5.cube_sum,
    }],
  ];
  for (const [args, expected] of cases) {
    const r = await cli("info", `${IX}${args[0]}`, ...args.slice(1));
    if (expected === null) {
      assert.equal(r.code, 1, args.join(" "));
      assert.match(r.err, /column `stim` is not numeric/);
      continue;
    }
    assert.equal(r.code, 0, `${args.join(" ")}: ${r.err}`);
    assert.deepEqual(JSON.parse(r.out), expected, args.join(" "));
  }
  const single = await cli("info", `${IX}single.h5`);
  assert.deepEqual(JSON.parse(single.out).shape, [2, 4]);
});

Deno.test("info exits 1 listing the datasets of an HDF5 file without --key, or for --key on a table", async () => {
  const h5 = await cli("info", `${IX}arrays.h5`);
  assert.equal(h5.code, 1);
  assert.match(h5.err, /the file holds 7 datasets, choose one with --key: \/X, \/chunked,/);
  const arrow = await cli("info", `${IX}table.arrow`, "--key", "u1");
  assert.equal(arrow.code, 1);
  assert.match(
    arrow.err,
    /`key` \(u1\) applies to .npz archives and HDF5\/NWB files, and this is arrow-file/,
  );
});

Deno.test("load() with rows checks only those rows of a CSV or .npz for missing values, naming the file row", async () => {
  const dir = Deno.makeTempDirSync();
  const csv = `${dir}/m.csv`;
  Deno.writeTextFileSync(csv, "stim,v1,v2\na,1,2\nb,NA,3\nc,4,5\nd,6,NA\n");
  assert.deepEqual(Array.from((await load(csv, { rows: [2, 3], labels: "stim" })).matrix.data), [
    4,
    5,
  ]);
  await assert.rejects(
    () => load(csv, { rows: [1, 3], labels: "stim" }),
    /missing value \(NaN\) at row 1 \("b"\), column `v1`/,
  );
  const m = await load(csv, { rows: [1, 4], labels: "stim", maskNaN: true });
  assert.deepEqual(Array.from(m.mask!), [1, 0, 0, 0, 0, 1]);
  const npz = `${dir}/m.npz`;
  writeNpz(npz, { X: { rows: 3, cols: 1, data: new Float64Array([Number.NaN, 1, 2]) } });
  assert.deepEqual(Array.from((await load(npz, { rows: [1, 3] })).matrix.data), [1, 2]);
  await assert.rejects(() => load(npz, { rows: [0, 2] }), /missing value \(NaN\) at row 0/);
  Deno.removeSync(dir, { recursive: true });
});
