/**
 * Data-interchange benchmark: loading a ~100 MB float64 matrix from .npy,
 * Arrow IPC (Feather v2: a column per feature, and one fixed-size-list
 * column holding the rows) and HDF5 with `load()`, against numpy/h5py loading
 * the same files, run side by side. pyarrow is not available here (Debian
 * bookworm), so Arrow is compared with numpy's .npy load of the same matrix.
 * Memory: growth of peak RSS during one load, in a fresh process per format.
 * Time: `--rounds` rounds after one unreported warm-up round, each running
 * numpy's loads and then ours (`--repeats` each), so that both sides see the
 * same machine load; the report gives medians over all rounds, the spread,
 * each round's ratio, CPU time (user + system, whole process; it moves less
 * with the machine's load) and the load average. Between two timed loads the
 * previous matrix is collected (`gc()` and a 20 ms pause, untimed), as
 * numpy's `del x` frees it: without that the engine keeps old matrices until
 * its next collection, and each load gets memory the system has not touched
 * lately, which costs this virtual machine up to ten times more (the bench
 * runs itself with `--expose-gc` when started without it).
 *
 *   .tools/deno run -A bench/io.ts [--rows 10000] [--cols 1250] [--repeats 5] [--rounds 3]
 *
 * The files go to a temporary directory that is removed at the end.
 *
 * @module
 */

import { cpuUsage } from "node:process";
import { parseArgs } from "node:util";
import * as arrow from "../lib/deps/apache_arrow.ts";
import { writeArrow } from "../lib/io/arrow.ts";
import { load } from "../lib/io/load.ts";
import { numpySum } from "../lib/io/pairwise_sum.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    rows: { type: "string", default: "10000" },
    cols: { type: "string", default: "1250" },
    repeats: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    python: { type: "string" },
    peak: { type: "string" },
  },
});

function status(field: string): number {
  const line = Deno.readTextFileSync("/proc/self/status").split("\n")
    .find((l) => l.startsWith(`${field}:`))!;
  return Number(line.split(/\s+/)[1]) * 1024;
}

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  // run again with the collector exposed (see the module notes)
  const again = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--v8-flags=--expose-gc", new URL(import.meta.url).pathname, ...Deno.args],
    stdout: "inherit",
    stderr: "inherit",
  }).outputSync();
  Deno.exit(again.code);
}

if (values.peak !== undefined) {
  // child process: warm up on a small file of the same format, then measure one load
  const [path, small] = positionals as [string, string];
  await load(small);
  gc();
  Deno.writeTextFileSync("/proc/self/clear_refs", "5");
  const before = status("VmRSS");
  const ds = await load(path);
  const extra = status("VmHWM") - before;
  console.log(JSON.stringify({ extra, n: ds.matrix.data.length }));
  Deno.exit(0);
}

const rows = Number(values.rows), cols = Number(values.cols), repeats = Number(values.repeats);
const rounds = Number(values.rounds);
const loadAverage = () => Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Median CPU times (user + system) of both sides and their ratio. */
const cpuCell = (ref: number[], ours: number[]) =>
  `${median(ref).toFixed(1)} / ${median(ours).toFixed(1)} (${
    (median(ours) / median(ref)).toFixed(2)
  }×)`;
/** `median (min–max)` of times in ms. */
const spread = (xs: number[]) =>
  `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const dir = Deno.makeTempDirSync({ prefix: "nc_io_bench_" });
/** The first Python with numpy: `--python`, else /usr/bin/python3, else python3 on PATH. */
function findPython(): string {
  for (const exe of values.python ? [values.python] : ["/usr/bin/python3", "python3"]) {
    try {
      if (
        new Deno.Command(exe, { args: ["-c", "import numpy"], stderr: "null" }).outputSync().success
      ) {
        return exe;
      }
    } catch { /* not installed */ }
  }
  throw new Error("no Python with numpy found (pass --python)");
}
const py = findPython();
const python = (...args: string[]) => {
  const out = new Deno.Command(py, {
    args: [new URL("./io_baseline.py", import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "inherit",
  }).outputSync();
  if (!out.success) throw new Error("baseline failed (python3-numpy needed)");
  return JSON.parse(new TextDecoder().decode(out.stdout));
};

/**
 * Write the matrix of the `.npy` file as an Arrow file with a column per
 * feature (`m.arrow`) and as one fixed-size-list column (`m_list.arrow`),
 * beside a small list file for the warm-up; returns numpy's sum of the
 * matrix, which every format's load is checked against. A function of its
 * own, so that the matrix and its columns are garbage once it returns.
 */
async function writeArrowFiles(npyPath: string): Promise<number> {
  const npy = await load(npyPath);
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < cols; j++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = npy.matrix.data[i * cols + j]!;
    columns[`u${j}`] = col;
  }
  await writeArrow(`${dir}/m.arrow`, columns);
  // the same matrix as one fixed-size-list column (row-major values, read in place)
  const listFile = (path: string, data: Float64Array, width: number) => {
    const child = arrow.makeData({ type: new arrow.Float64(), length: data.length, data });
    const type = new arrow.FixedSizeList(width, new arrow.Field("item", new arrow.Float64()));
    const X = arrow.makeVector(arrow.makeData({ type, length: data.length / width, child }));
    Deno.writeFileSync(path, arrow.tableToIPC(new arrow.Table({ X }), "file"));
  };
  listFile(`${dir}/m_list.arrow`, npy.matrix.data, cols);
  listFile(`${dir}/s_list.arrow`, new Float64Array([1, 2, 3, 4]), 2);
  return numpySum(npy.matrix.data);
}

/** numpy's sum of the matrix `load(path)` gives (the matrix is garbage on return). */
async function loadedSum(path: string): Promise<number> {
  return numpySum((await load(path)).matrix.data);
}

// matrices loaded by timedLoad() and matrices collected since: before each timed
// load, every earlier one should be gone (checked, and printed)
let loaded = 0, freed = 0, stillHeld = 0;
const collected = new FinalizationRegistry(() => freed++);

/**
 * One timed `load(path)`: wall and CPU ms. The matrix is dropped when this
 * returns: awaited in the timing loop itself, it stays referenced from the
 * loop's suspended frame until the next load replaces it, so the `gc()`
 * between loads cannot free it, and each load then runs with the previous
 * 100 MB matrix still counted by the engine (which starts a collection in the
 * middle of the load).
 */
async function timedLoad(path: string): Promise<{ ms: number; cpu: number }> {
  if (freed < loaded) stillHeld++;
  const c0 = cpuUsage(), t0 = performance.now();
  const ds = await load(path);
  const ms = performance.now() - t0;
  const c = cpuUsage(c0);
  collected.register(ds.matrix.data.buffer, 0);
  loaded++;
  return { ms, cpu: (c.user + c.system) / 1e3 };
}

try {
  python("write", dir, String(rows), String(cols));
  const expectedSum = await writeArrowFiles(`${dir}/m.npy`);
  // small files of each format for the child processes' warm-up
  const small = new Deno.Command(py, {
    args: [
      "-c",
      `import numpy as np
np.save("${dir}/s.npy", np.ones((2, 2)))
try:
    import h5py
    with h5py.File("${dir}/s.h5", "w") as f: f["X"] = np.ones((2, 2))
except ImportError:
    pass`,
    ],
  }).outputSync();
  if (!small.success) throw new Error("could not write the warm-up files");
  await writeArrow(`${dir}/s.arrow`, { a: [1, 2] });

  const bytes = rows * cols * 8;
  const files = {
    npy: "m.npy",
    arrow: "m.arrow",
    "arrow list": "m_list.arrow",
    hdf5: "m.h5",
  } as const;
  const smallFiles = {
    npy: "s.npy",
    arrow: "s.arrow",
    "arrow list": "s_list.arrow",
    hdf5: "s.h5",
  } as const;
  type Format = keyof typeof files;
  const loadBefore = loadAverage();
  const ours: Partial<Record<Format, number[]>> = {};
  const oursCpu: Partial<Record<Format, number[]>> = {};
  const refs: Record<string, number[]> = {};
  const refsCpu: Record<string, number[]> = {};
  const perRound: Partial<Record<Format, number[]>> = {};
  type Baseline = {
    numpy: string;
    h5py: string | null;
    results: Record<
      string,
      { ms: number; times: number[]; cpu: number[]; peak: number | null }
    >;
  };
  let base: Baseline | undefined;
  const refKey = (format: Format) => format === "hdf5" ? "hdf5" : "npy";
  // round -1 warms both sides up (page cache, compiled code, memory the
  // process has used before) and is not reported
  for (let round = -1; round < rounds; round++) {
    const b: Baseline = python("time", dir, String(repeats), ...(round === 0 ? [] : ["--no-peak"]));
    if (round === 0) base = b;
    for (const [k, r] of Object.entries(b.results)) {
      if (round < 0) continue;
      (refs[k] ??= []).push(...r.times);
      (refsCpu[k] ??= []).push(...r.cpu);
    }
    for (const [format, file] of Object.entries(files) as [Format, string][]) {
      if (format === "hdf5" && b.results.hdf5 === undefined) continue; // no h5py
      const path = `${dir}/${file}`;
      if (round < 0) {
        // warm-up, and a check that every format gives the same matrix
        if (await loadedSum(path) !== expectedSum) {
          throw new Error(`${format}: different matrix`);
        }
      }
      const times: number[] = [], cpu: number[] = [];
      for (let r = 0; r < repeats; r++) {
        // the previous matrix goes, as numpy's `del x` frees it; not timed (the engine
        // releases the memory on a helper thread shortly after the collection)
        gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const t = await timedLoad(path);
        times.push(t.ms);
        cpu.push(t.cpu);
      }
      if (round < 0) continue;
      (ours[format] ??= []).push(...times);
      (oursCpu[format] ??= []).push(...cpu);
      (perRound[format] ??= []).push(median(times) / median(b.results[refKey(format)]!.times));
    }
  }
  const lines = [
    `${rows} × ${cols} float64 (${(bytes / 2 ** 20).toFixed(1)} MiB); numpy ${base!.numpy}, h5py ${
      base!.h5py
    }; ` +
    `${rounds} rounds of ${repeats} warm loads each side; ${navigator.hardwareConcurrency} cores; ` +
    `load average ${loadBefore} before, ${loadAverage()} after; ` +
    `an earlier matrix still held at ${stillHeld} of ${loaded} timed loads`,
    "",
    "| format | reference | reference ms, median (min–max) | load() ms, median (min–max) | ratio | ratio per round | CPU ms, reference / load() (ratio) | reference peak / data | load() peak / data |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  const ratios: Partial<Record<Format, number>> = {};
  for (const [format, file] of Object.entries(files) as [Format, string][]) {
    const times = ours[format];
    if (times === undefined) continue;
    const path = `${dir}/${file}`;
    const ms = median(times);
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--v8-flags=--expose-gc",
        new URL(import.meta.url).pathname,
        "--peak",
        "x",
        path,
        `${dir}/${smallFiles[format]}`,
      ],
      stdout: "piped",
      stderr: "inherit",
    }).outputSync();
    const peak = JSON.parse(new TextDecoder().decode(child.stdout)).extra as number;
    const refTimes = refs[refKey(format)]!;
    const refPeak = base!.results[refKey(format)]!.peak!;
    const refName = format === "hdf5"
      ? "h5py `f[k][()]`"
      : format === "npy"
      ? "`np.load`"
      : "`np.load` (.npy; no pyarrow)";
    const label = format === "arrow"
      ? "arrow (a column per feature)"
      : format === "arrow list"
      ? "arrow (one fixed-size-list column)"
      : format;
    ratios[format] = ms / median(refTimes);
    lines.push(
      `| ${label} | ${refName} | ${spread(refTimes)} | ${spread(times)} | ${
        ratios[format]!.toFixed(2)
      }× | ${perRound[format]!.map((r) => r.toFixed(2)).join(", ")} | ${
        cpuCell(refsCpu[refKey(format)]!, oursCpu[format]!)
      } | ${(refPeak / bytes).toFixed(2)} | ${(peak / bytes).toFixed(2)} |`,
    );
  }
  const transposed = refs.npy_transpose;
  if (transposed !== undefined && ours.arrow !== undefined) {
    // like for like: numpy reading the same column-major bytes and transposing them to C order
    lines.push(
      `| arrow (a column per feature) | numpy read + transpose of the column-major bytes | ${
        spread(transposed)
      } | ${spread(ours.arrow)} | ${(median(ours.arrow) / median(transposed)).toFixed(2)}× | | ${
        cpuCell(refsCpu.npy_transpose!, oursCpu.arrow!)
      } | ${(base!.results.npy_transpose!.peak! / bytes).toFixed(2)} | |`,
    );
  }
  lines.push(
    "",
    `ratio npy: ${ratios.npy!.toFixed(2)}× np.load (target ≤ 1.5×); ` +
      `ratio arrow: ${ratios.arrow!.toFixed(2)}× np.load, column per feature (target ≤ 2×), ` +
      `${ratios["arrow list"]!.toFixed(2)}× as one fixed-size-list column`,
  );
  console.log(lines.join("\n"));
} finally {
  Deno.removeSync(dir, { recursive: true });
}
