/**
 * Linear-algebra benchmark: each operation on both backends against numpy,
 * run side by side in the same invocation. Prints a Markdown table of
 * milliseconds and ratios (ours / numpy; < 1 means faster than numpy).
 *
 *   .tools/deno run -A bench/linalg.ts [--sizes 200,500,1000,2000] [--portable-max 500] [--repeats 3]
 *
 * @module
 */

import { parseArgs } from "node:util";
import { LINALG_OPS, timeLinalg } from "../lib/cli/commands/core.ts";
import { lapackAvailable, withBackend } from "../lib/linalg/backend.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    sizes: { type: "string", default: "200,500,1000,2000" },
    ops: { type: "string", default: LINALG_OPS.join(",") },
    "portable-max": { type: "string", default: "500" },
    repeats: { type: "string", default: "3" },
    python: { type: "string", default: "/usr/bin/python3" },
  },
});
const sizes = values.sizes!.split(",").map(Number);
const ops = values.ops!.split(",") as (typeof LINALG_OPS[number])[];
const portableMax = Number(values["portable-max"]);
const repeats = Number(values.repeats);

const py = new Deno.Command(values.python!, {
  args: [
    new URL("./linalg_baseline.py", import.meta.url).pathname,
    "--sizes",
    sizes.join(","),
    "--ops",
    ops.join(","),
    "--repeats",
    String(repeats),
  ],
  stdout: "piped",
  stderr: "inherit",
}).outputSync();
if (!py.success) throw new Error("numpy baseline failed (is python3-numpy installed?)");
const numpy = JSON.parse(new TextDecoder().decode(py.stdout)) as {
  numpy: string;
  results: { op: string; n: number; ms: number }[];
};
const base = new Map(numpy.results.map((r) => [`${r.op}/${r.n}`, r.ms]));

const fmt = (ms: number | undefined) =>
  ms === undefined ? "—" : ms < 10 ? ms.toFixed(2) : ms.toFixed(0);
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? "—" : `${(a / b).toFixed(2)}×`;

const rows: string[] = [
  `numpy ${numpy.numpy}; ${navigator.hardwareConcurrency} cores; median of ${repeats} runs (ms)`,
  "",
  "| op | n | numpy | lapack | lapack/numpy | portable | portable/numpy |",
  "|---|---|---|---|---|---|---|",
];
const haveLapack = lapackAvailable();
for (const op of ops) {
  for (const n of sizes) {
    const np = base.get(`${op}/${n}`);
    const lap = haveLapack ? withBackend("lapack", () => timeLinalg(op, n, repeats)) : undefined;
    const por = n <= portableMax
      ? withBackend("portable", () => timeLinalg(op, n, Math.min(repeats, n >= 1000 ? 1 : repeats)))
      : undefined;
    const line = `| ${op} | ${n} | ${fmt(np)} | ${fmt(lap)} | ${ratio(lap, np)} | ${fmt(por)} | ${
      ratio(por, np)
    } |`;
    rows.push(line);
    console.error(line);
  }
}
console.log(rows.join("\n"));
