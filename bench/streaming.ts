/**
 * Streaming comparisons: linear CKA and the Procrustes (α = 1) angular distance of two
 * N × 512 float64 .npy files read in row blocks (`openRowBlocks` + `streamingLinearCKA` /
 * `streamingLinearMetric`), against numpy loading both files whole (bench/streaming_baseline.py),
 * each in a fresh process so that peak RSS (VmHWM) is its own.
 *
 *   .tools/deno run -A bench/streaming.ts [--rows 100000] [--cols 512] [--dir /tmp]
 *
 * The target size is `--rows 400000` (3.3 GB of inputs): peak RSS ≤ 25% of the inputs
 * and time ≤ 2× numpy's in-memory time. The files go to a temporary directory removed at the end.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { openRowBlocks } from "../lib/io/row_blocks.ts";
import { streamingLinearCKA, streamingLinearMetric } from "../lib/metrics/streaming.ts";

const { values, positionals } = parseArgs({
  args: Deno.args,
  allowPositionals: true,
  options: {
    rows: { type: "string", default: "100000" },
    cols: { type: "string", default: "512" },
    dir: { type: "string", default: "/tmp" },
    python: { type: "string" },
    child: { type: "boolean", default: false },
  },
});

function peakRss(): number {
  const line = Deno.readTextFileSync("/proc/self/status").split("\n")
    .find((l) => l.startsWith("VmHWM:"))!;
  return Number(line.split(/\s+/)[1]) * 1024;
}

if (values.child) {
  const [dir] = positionals as [string];
  const t0 = performance.now();
  const rx = await openRowBlocks(`${dir}/x.npy`), ry = await openRowBlocks(`${dir}/y.npy`);
  const cka = await streamingLinearCKA(rx, ry);
  const ckaS = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const procrustes = await streamingLinearMetric(rx, ry, { alpha: 1 });
  const procS = (performance.now() - t1) / 1000;
  console.log(JSON.stringify({ cka, ckaS, procrustes, procS, peak: peakRss() }));
  Deno.exit(0);
}

function findPython(): string {
  for (const exe of values.python ? [values.python] : ["/usr/bin/python3", "python3"]) {
    try {
      const ok = new Deno.Command(exe, { args: ["-c", "import numpy"], stderr: "null" })
        .outputSync().success;
      if (ok) return exe;
    } catch { /* not installed */ }
  }
  throw new Error("no Python with numpy found (pass --python)");
}
const python = findPython();
const run = (cmd: string, args: string[]) => {
  const out = new Deno.Command(cmd, { args, stdout: "piped", stderr: "inherit" }).outputSync();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout);
};
const baseline = new URL("./streaming_baseline.py", import.meta.url).pathname;
const rows = Number(values.rows), cols = Number(values.cols);
const dir = Deno.makeTempDirSync({ dir: values.dir, prefix: "nc_stream_bench_" });
try {
  run(python, [baseline, "write", dir, `${rows}`, `${cols}`]);
  const bytes = 2 * rows * cols * 8;
  // warm the page cache for both, then alternate
  run(python, [baseline, "time", dir]);
  const np = JSON.parse(run(python, [baseline, "time", dir]));
  const ts = JSON.parse(run(Deno.execPath(), [
    "run",
    "-A",
    new URL(import.meta.url).pathname,
    "--child",
    dir,
  ]));
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
  console.log([
    `two ${rows} × ${cols} float64 files (${
      (bytes / 2 ** 30).toFixed(2)
    } GiB together); numpy ${np.numpy}; ${navigator.hardwareConcurrency} cores`,
    "",
    "| measure | numpy in memory s | streaming s | ratio | numpy peak / inputs | streaming peak / inputs | |Δ| / value |",
    "|---|---|---|---|---|---|---|",
    `| linear CKA (load + compute) | ${np.cka_s.toFixed(2)} | ${ts.ckaS.toFixed(2)} | ${
      (ts.ckaS / np.cka_s).toFixed(2)
    }× | ${(np.peak / bytes).toFixed(2)} | ${(ts.peak / bytes).toFixed(3)} | ${
      rel(ts.cka, np.cka).toExponential(1)
    } |`,
    `| Procrustes angular (numpy: extra time on loaded data) | ${
      np.procrustes_extra_s.toFixed(2)
    } | ${ts.procS.toFixed(2)} | — | — | — | ${
      rel(ts.procrustes, np.procrustes).toExponential(1)
    } |`,
    "",
    `ratio streaming CKA: ${(ts.ckaS / np.cka_s).toFixed(2)}× numpy (target ≤ 2×); ` +
    `peak RSS ${(100 * ts.peak / bytes).toFixed(1)}% of the inputs (target ≤ 25%)`,
  ].join("\n"));
} finally {
  Deno.removeSync(dir, { recursive: true });
}
