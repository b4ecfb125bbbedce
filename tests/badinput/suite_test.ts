/**
 * The bad-input suite: every subcommand and a set of public library entries
 * against one catalogue of bad inputs (NaN/Inf, empty, one row, ragged, wrong
 * rank, mismatched rows, truncated and corrupt files of each format, huge
 * header shapes, a directory, out-of-range and inapplicable options, bad
 * output paths). Each outcome is classed:
 * - clear: the right answer (exit 0, JSON without null where the command
 *   documents none), or an error that names the argument (a backticked name,
 *   a flag or the path) with the right exit code (1 bad data, 2 bad usage);
 * - unclear: anything else (a stack trace, a wrong exit code, a message that
 *   names nothing, exit 0 with null in the JSON).
 * The test prints `bad-input suite: tried N, clear N` and fails on any unclear case.
 */

import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { commands } from "../../lib/cli/registry.ts";
import * as nc from "../../mod.ts";

const dir = Deno.makeTempDirSync({ prefix: "badinput_" });
const f = (name: string) => `${dir}/${name}`;

// ---------------------------------------------------------------- files

function npyBytes(shape: number[], data: ArrayLike<number>, descr = "<f8"): Uint8Array {
  const shapeStr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeStr}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + h.length + data.length * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, h.length, true);
  out.set(h, 10);
  new Float64Array(out.buffer, 10 + h.length, data.length).set(Array.from(data));
  return out;
}

function rand(n: number, seed: number): number[] {
  const r = nc.mulberry32(seed), g = nc.normalSampler(r);
  return Array.from({ length: n }, g);
}

function writeNpy(name: string, shape: number[], data: ArrayLike<number>): string {
  Deno.writeFileSync(f(name), npyBytes(shape, data));
  return f(name);
}

// good inputs
const squareD = writeNpy("D.npy", [4, 4], [0, 1, 2, 3, 1, 0, 1, 2, 2, 1, 0, 1, 3, 2, 1, 0]);
const good = writeNpy("good.npy", [30, 3], rand(90, 1));
const good2 = writeNpy("good2.npy", [30, 4], rand(120, 2));
const good3 = writeNpy("good3.npy", [5, 6, 4], rand(120, 3));
// inputs that drove `good` (input-driven measures: compare/pairwise --inputs)
const goodU = writeNpy("goodU.npy", [30, 1], rand(30, 12));
const goodCsv = f("good.csv");
Deno.writeTextFileSync(
  goodCsv,
  "a,b\n" + rand(20, 4).map((v, i) => i % 2 ? `${v}\n` : `${v},`).join(""),
);

// bad inputs: [label, path, is it 3-D?]
const nanData = rand(90, 5);
nanData[7] = NaN;
const infData = rand(90, 6);
infData[4] = Infinity;
const nan3 = rand(120, 7);
nan3.fill(NaN);
const inf3 = rand(120, 8);
inf3[5] = -Infinity;
const goodBytes = Deno.readFileSync(good);
const hugeHeader = new TextDecoder("latin1").decode(goodBytes).replace(
  "'shape': (30, 3)",
  "'shape': (1000000000, 1000000)",
);
Deno.writeFileSync(f("huge.npy"), Uint8Array.from(hugeHeader, (c) => c.charCodeAt(0)));
Deno.writeFileSync(f("truncated.npy"), goodBytes.slice(0, 200));
Deno.writeFileSync(f("corrupt.npy"), new TextEncoder().encode("\x93NUMPY garbage header"));
Deno.writeFileSync(f("notnpy.npy"), new TextEncoder().encode("hello, I am text"));
Deno.writeTextFileSync(f("ragged.csv"), "a,b\n1,2\n3\n4,5\n");
Deno.writeTextFileSync(f("empty.csv"), "");
Deno.writeTextFileSync(f("text.csv"), "a,b\n1,x\n2,3\n");
Deno.writeFileSync(f("truncated.npz"), new TextEncoder().encode("PK\x03\x04 truncated zip"));
Deno.writeFileSync(f("corrupt.h5"), new TextEncoder().encode("\x89HDF\r\n\x1a\n corrupt"));
Deno.writeFileSync(f("corrupt.parquet"), new TextEncoder().encode("PAR1 corrupt PAR1"));
Deno.writeFileSync(f("corrupt.arrow"), new TextEncoder().encode("ARROW1 corrupt"));
Deno.mkdirSync(f("a_directory.npy"));

const badData: [string, string][] = [
  ["NaN entry", writeNpy("nan.npy", [30, 3], nanData)],
  ["Inf entry", writeNpy("inf.npy", [30, 3], infData)],
  ["empty (0 rows)", writeNpy("empty.npy", [0, 3], [])],
  ["1-D", writeNpy("vec.npy", [7], rand(7, 9))],
  ["4-D", writeNpy("four.npy", [2, 2, 2, 2], rand(16, 10))],
  ["mismatched rows", writeNpy("rows12.npy", [12, 3], rand(36, 11))],
  ["huge header shape", f("huge.npy")],
  ["truncated .npy", f("truncated.npy")],
  ["corrupt .npy header", f("corrupt.npy")],
  ["text named .npy", f("notnpy.npy")],
  ["ragged .csv", f("ragged.csv")],
  ["empty .csv", f("empty.csv")],
  ["non-numeric .csv", f("text.csv")],
  ["truncated .npz", f("truncated.npz")],
  ["corrupt .h5", f("corrupt.h5")],
  ["corrupt .parquet", f("corrupt.parquet")],
  ["corrupt .arrow", f("corrupt.arrow")],
  ["a directory", f("a_directory.npy")],
  ["missing file", f("missing.npy")],
];
const bad3: [string, string][] = [
  ["all-NaN tensor", writeNpy("nan3.npy", [5, 6, 4], nan3)],
  ["Inf in tensor", writeNpy("inf3.npy", [5, 6, 4], inf3)],
  ["2-D for a tensor", good],
];

// ---------------------------------------------------------------- outcomes

interface Outcome {
  code: number;
  out: string;
  err: string;
}

async function cli(argv: string[]): Promise<Outcome> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Commands whose JSON documents null entries (e.g. a diverging theory). */
const NULL_ALLOWED = new Set(["spectral", "dmd-sweep", "info"]);

const unclear: string[] = [];
let tried = 0;

function classify(
  label: string,
  command: string,
  o: Outcome,
  expect: { code: 1 | 2; names: readonly string[] },
): void {
  tried++;
  const firstLine = o.err.split("\n")[0] ?? "";
  const stack = /\n\s+at .*:\d+:\d+/.test(o.err);
  if (o.code === 0) {
    let json: unknown = null;
    try {
      json = JSON.parse(o.out);
    } catch { /* not JSON */ }
    if (json === null) unclear.push(`${label}: exit 0 without JSON`);
    else if (/\bnull\b/.test(o.out) && !NULL_ALLOWED.has(command)) {
      unclear.push(`${label}: exit 0 with null in the JSON`);
    }
    return;
  }
  if (stack) return void unclear.push(`${label}: stack trace`);
  if (o.code !== expect.code) {
    return void unclear.push(`${label}: exit ${o.code}, expected ${expect.code}: ${firstLine}`);
  }
  // the message names the argument: a backticked name, a flag, or the file
  const named = expect.names.some((n) => firstLine.includes(n)) || /`[^`]+`/.test(firstLine) ||
    /(^|\s)--[a-z]/.test(firstLine);
  if (!named) unclear.push(`${label}: message names nothing: ${firstLine}`);
  if ([...firstLine].some((c) => c < " " || c === "\ufffd")) {
    unclear.push(`${label}: binary in the message: ${firstLine}`);
  }
}

// ---------------------------------------------------------------- data files × commands

/** How each data-reading command takes one bad file (2-D inputs). */
const readers: Record<string, (bad: string) => string[]> = {
  info: (b) => ["info", b],
  compare: (b) => ["compare", b, good],
  "compare-models": (b) => ["compare-models", good, b, "--bootstrap", "5"],
  pairwise: (b) => ["pairwise", good, b, good],
  mds: (b) => ["mds", b],
  dmd: (b) => ["dmd", b],
  dsa: (b) => ["dsa", b, good, "--max-starts", "1"],
  "dsa-pairwise": (b) => ["dsa-pairwise", good, b, "--max-starts", "1", "--out", f("dsa.npy")],
  "dmd-sweep": (b) => ["dmd-sweep", b, "--n-delays", "1,2", "--ranks", "1,2"],
  spectral: (b) => ["spectral", b, good2, "--ridge", "0.1", "--p", "5,10"],
  predict: (b) => ["predict", good, b],
  rdm: (b) => ["rdm", b],
  "rdm-compare": (b) => ["rdm-compare", b, good],
  "noise-ceiling": (b) => ["noise-ceiling", b],
  "rsa-fit": (b) => ["rsa-fit", b, good],
  "rsa-eval": (b) => ["rsa-eval", b, good],
  "pairwise-merge": (b) => ["pairwise-merge", b],
  "procrustes-kmeans": (b) => ["procrustes-kmeans", good, b, "--k", "1"],
  "input-dsa": (b) => ["input-dsa", b, good, "--inputs", `${goodU},${goodU}`],
};
const readers3: Record<string, (bad: string) => string[]> = {
  cp: (b) => ["cp", b, "--rank", "1", "--max-iter", "5"],
  "ltr-fit": (b) => ["ltr-fit", b, "--rank", "1", "--iterations", "2"],
};

// ---------------------------------------------------------------- options

/** Out-of-range, malformed and inapplicable option values: all bad usage (exit 2). */
const usage: [string, string[]][] = [
  ["compare --alpha 2", ["compare", good, good2, "--alpha", "2"]],
  ["compare --alpha abc", ["compare", good, good2, "--alpha", "abc"]],
  ["compare --metric cka --alpha 0.5", [
    "compare",
    good,
    good2,
    "--metric",
    "cka",
    "--alpha",
    "0.5",
  ]],
  ["compare --metric nope", ["compare", good, good2, "--metric", "nope"]],
  ["compare --test-rows 20:40", ["compare", good, good2, "--test-rows", "20:40"]],
  ["compare --k 0", ["compare", good, good2, "--metric", "mutual-knn", "--k", "0"]],
  ["compare --bootstrap 1", ["compare", good, good2, "--bootstrap", "1"]],
  ["compare --ci 0.9 without --bootstrap", ["compare", good, good2, "--ci", "0.9"]],
  ["compare --permutations 0", ["compare", good, good2, "--permutations", "0"]],
  ["compare-models without --bootstrap", ["compare-models", good, good2]],
  ["compare-models --ceiling -1", [
    "compare-models",
    good,
    good2,
    "--bootstrap",
    "5",
    "--ceiling",
    "-1",
  ]],
  ["pairwise --se-out without --bootstrap", ["pairwise", good, good2, "--se-out", f("se.npy")]],
  ["compare --resample subjects without a stack", [
    "compare",
    good,
    good2,
    "--bootstrap",
    "5",
    "--resample",
    "subjects",
  ]],
  ["compare --resample nope", ["compare", good, good2, "--bootstrap", "5", "--resample", "nope"]],
  ["compare --resample without --bootstrap", ["compare", good, good2, "--resample", "both"]],
  ["compare --interval bca --scheme subsample", [
    "compare",
    good,
    good2,
    "--bootstrap",
    "5",
    "--interval",
    "bca",
    "--scheme",
    "subsample",
  ]],
  ["compare --subsample-size with --scheme replacement", [
    "compare",
    good,
    good2,
    "--bootstrap",
    "5",
    "--scheme",
    "replacement",
    "--subsample-size",
    "10",
  ]],
  ["pairwise --resample subjects", [
    "pairwise",
    good,
    good2,
    "--bootstrap",
    "5",
    "--resample",
    "subjects",
  ]],
  ["pairwise --metric cka --score euclidean", [
    "pairwise",
    good,
    good2,
    "--metric",
    "cka",
    "--score",
    "euclidean",
  ]],
  ["pairwise --workers 0", ["pairwise", good, good2, "--workers", "0"]],
  ["pairwise --out into a missing folder", ["pairwise", good, good2, "--out", f("no/such/D.npy")]],
  ["pairwise --out onto an input", ["pairwise", good, good2, "--out", good]],
  ["pairwise --test-out without --test-rows", ["pairwise", good, good2, "--test-out", f("t.npy")]],
  ["mds --dims 0", ["mds", squareD, "--dims", "0"]],
  ["procrustes-kmeans --k 0", ["procrustes-kmeans", good, good2, "--k", "0"]],
  ["procrustes-kmeans --k 3 for 2 files", ["procrustes-kmeans", good, good2, "--k", "3"]],
  ["procrustes-kmeans --k abc", ["procrustes-kmeans", good, good2, "--k", "abc"]],
  ["procrustes-kmeans --alpha 2", ["procrustes-kmeans", good, good2, "--k", "1", "--alpha", "2"]],
  ["procrustes-kmeans --restarts 0", [
    "procrustes-kmeans",
    good,
    good2,
    "--k",
    "1",
    "--restarts",
    "0",
  ]],
  ["procrustes-kmeans --max-iter 0", [
    "procrustes-kmeans",
    good,
    good2,
    "--k",
    "1",
    "--max-iter",
    "0",
  ]],
  ["dmd --rank-threshold 1e9 (above every singular value)", [
    "dmd",
    good,
    "--rank-threshold",
    "1e9",
  ]],
  ["dmd --rank 0", ["dmd", good, "--rank", "0"]],
  ["dmd --n-delays 0", ["dmd", good, "--n-delays", "0"]],
  ["dmd --ridge -1", ["dmd", good, "--ridge", "-1"]],
  ["dmd --explained-variance 2", ["dmd", good, "--explained-variance", "2"]],
  ["dmd --rank 1 --rank-threshold 1", ["dmd", good, "--rank", "1", "--rank-threshold", "1"]],
  ["dmd --delay-interval 0", ["dmd", good, "--delay-interval", "0"]],
  ["dsa --n-delays 0", ["dsa", good, good, "--n-delays", "0"]],
  ["dsa --max-starts 0", ["dsa", good, good, "--max-starts", "0"]],
  ["dsa --ridge -1", ["dsa", good, good, "--ridge", "-1"]],
  ["dsa-pairwise --n-delays 0", [
    "dsa-pairwise",
    good,
    good,
    "--n-delays",
    "0",
    "--out",
    f("dsa.npy"),
  ]],
  ["dsa-pairwise --ridge -1", ["dsa-pairwise", good, good, "--ridge", "-1", "--out", f("dsa.npy")]],
  ["dsa-pairwise without --out", ["dsa-pairwise", good, good]],
  ["dmd-sweep --ranks 0", ["dmd-sweep", good, "--n-delays", "1", "--ranks", "0"]],
  ["dmd-sweep --test-fraction 2", [
    "dmd-sweep",
    good,
    "--n-delays",
    "1",
    "--ranks",
    "1",
    "--test-fraction",
    "2",
  ]],
  ["dmd-sweep without --n-delays", ["dmd-sweep", good, "--ranks", "1"]],
  ["spectral --p 0", ["spectral", good, good2, "--ridge", "0.1", "--p", "0"]],
  ["spectral --ridge -1", ["spectral", good, good2, "--ridge", "-1", "--p", "5"]],
  ["predict --folds 1", ["predict", good, good2, "--folds", "1"]],
  ["predict --ridge -1", ["predict", good, good2, "--ridge", "-1"]],
  ["cp --rank 0", ["cp", good3, "--rank", "0"]],
  ["cp --tol -1", ["cp", good3, "--rank", "1", "--tol", "-1"]],
  ["cp --out onto the input", ["cp", good3, "--rank", "1", "--out", good3]],
  ["ltr-fit --iterations -1", ["ltr-fit", good3, "--rank", "1", "--iterations", "-1"]],
  ["ltr-fit --lr -1", ["ltr-fit", good3, "--rank", "1", "--lr", "-1"]],
  ["ltr-fit --dropout 2", ["ltr-fit", good3, "--rank", "1", "--dropout", "2"]],
  ["ltr-fit --test-fraction 2", ["ltr-fit", good3, "--rank", "1", "--test-fraction", "2"]],
  ["mid-benchmark --seeds 0", ["mid-benchmark", "--seeds", "0"]],
  ["mid-benchmark --correlation 2", ["mid-benchmark", "--correlation", "2"]],
  ["mid-benchmark --n-train 0", ["mid-benchmark", "--n-train", "0"]],
  ["linalg-bench --sizes 0", ["linalg-bench", "--sizes", "0"]],
  ["linalg-bench --repeats 0", ["linalg-bench", "--repeats", "0"]],
  ["linalg-bench --sizes 1e9 (exabytes)", ["linalg-bench", "--sizes", "1000000000"]],
  ["mid-benchmark --n-train 1e12 (petabytes)", ["mid-benchmark", "--n-train", "1000000000000"]],
  ["mid-benchmark --hidden 1e9", ["mid-benchmark", "--hidden", "1000000000"]],
  ["rdm --method nope", ["rdm", good, "--method", "nope"]],
  ["rsa-eval --samples 0", ["rsa-eval", good, good, "--bootstrap", "--samples", "0"]],
  ["info with --unknown", ["info", good, "--unknown"]],
  ["compare --measure input-dsa without --inputs", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
  ]],
  ["compare --inputs with --measure linear", [
    "compare",
    good,
    good,
    "--inputs",
    `${goodU},${goodU}`,
  ]],
  ["compare --inputs with one file for two", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    goodU,
  ]],
  ["compare --measure input-dsa --compare nope", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${goodU}`,
    "--compare",
    "nope",
  ]],
  ["compare --measure input-dsa --horizon 0", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${goodU}`,
    "--horizon",
    "0",
  ]],
  ["compare --measure input-dsa --powers -1", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${goodU}`,
    "--powers",
    "-1",
  ]],
  ["compare --measure controllability --no-transpose-powers", [
    "compare",
    good,
    good,
    "--measure",
    "controllability",
    "--inputs",
    `${goodU},${goodU}`,
    "--no-transpose-powers",
  ]],
  ["input-dsa without --inputs", ["input-dsa", good, good]],
  ["input-dsa --rank 0", ["input-dsa", good, good, "--inputs", `${goodU},${goodU}`, "--rank", "0"]],
  ["input-dsa --alpha 0.5 (another measure's flag)", [
    "input-dsa",
    good,
    good,
    "--inputs",
    `${goodU},${goodU}`,
    "--alpha",
    "0.5",
  ]],
  ["pairwise --measure input-dsa without --inputs", [
    "pairwise",
    good,
    good,
    "--measure",
    "input-dsa",
  ]],
];

/** Degenerate but readable data: the right answer or a data error (exit 1). */
const data: [string, string[]][] = [
  ["compare with mismatched rows", ["compare", good, f("rows12.npy")]],
  ["compare with one row", ["compare", writeNpy("one.npy", [1, 3], [1, 2, 3]), good]],
  ["compare X·1e160 (angular Procrustes)", [
    "compare",
    writeNpy("big.npy", [30, 3], rand(90, 1).map((v) => v * 1e160)),
    good2,
    "--metric",
    "procrustes",
  ]],
  ["compare X·1e-200 (cka)", [
    "compare",
    writeNpy("tiny.npy", [30, 3], rand(90, 1).map((v) => v * 1e-200)),
    good2,
    "--metric",
    "cka",
  ]],
  ["compare X·1e160 (euclidean)", [
    "compare",
    f("big.npy"),
    good2,
    "--metric",
    "procrustes",
    "--score",
    "euclidean",
  ]],
  ["compare constant responses", [
    "compare",
    writeNpy("const.npy", [30, 3], new Array(90).fill(2)),
    good,
  ]],
  ["compare --stream X·1e160 (moments would overflow)", [
    "compare",
    f("big.npy"),
    good2,
    "--stream",
  ]],
  ["compare --stream X·1e-200 (moments would underflow)", [
    "compare",
    f("tiny.npy"),
    good2,
    "--metric",
    "cka",
    "--stream",
  ]],
  ["dmd constant series", ["dmd", f("const.npy")]],
  ["dsa operators of different sizes without --pad", [
    "dsa",
    good,
    good2,
    "--max-starts",
    "1",
  ]],
  ["predict constant neuron", ["predict", good, f("const.npy")]],
  ["spectral constant neuron", ["spectral", good, f("const.npy"), "--ridge", "0.1", "--p", "5"]],
  ["compare multi-array .npz without --key", ["compare", f("multi.npz"), good]],
  ["compare --resample subjects, stacks of 3 and 4 subjects", [
    "compare",
    writeNpy("stack3.npy", [3, 30, 3], rand(270, 7)),
    writeNpy("stack4.npy", [4, 30, 3], rand(360, 8)),
    "--bootstrap",
    "5",
    "--resample",
    "subjects",
  ]],
  ["compare --resample both, a stack of 1 subject", [
    "compare",
    good,
    writeNpy("stack1.npy", [1, 30, 3], rand(90, 9)),
    "--bootstrap",
    "5",
    "--resample",
    "both",
  ]],
  ["compare-models --resample subjects, subjects with different stimuli", [
    "compare-models",
    `${good},${f("rows12.npy")}`,
    good2,
    "--bootstrap",
    "5",
    "--resample",
    "subjects",
  ]],
  ["compare --bootstrap --scheme subsample, 5 stimuli: half-samples too small", [
    "compare",
    writeNpy("five.npy", [5, 3], rand(15, 10)),
    writeNpy("five2.npy", [5, 3], rand(15, 11)),
    "--bootstrap",
    "5",
    "--scheme",
    "subsample",
  ]],
  ...badData.slice(0, 6).map(([label, path]): [string, string[]] => [
    `compare --measure input-dsa --inputs ← ${label}`,
    ["compare", good, good, "--measure", "input-dsa", "--inputs", `${goodU},${path}`],
  ]),
  ["compare --measure input-dsa with inputs of other time steps", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${f("rows12.npy")}`,
  ]],
  ["compare --measure input-dsa --n-delays 20 (too few Hankel columns)", [
    "compare",
    good,
    good,
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${goodU}`,
    "--n-delays",
    "20",
  ]],
  ["pairwise --measure input-dsa ← NaN entry", [
    "pairwise",
    good,
    f("nan.npy"),
    "--measure",
    "input-dsa",
    "--inputs",
    `${goodU},${goodU}`,
    "--workers",
    "1",
  ]],
];

// a multi-array npz (stored, no compression) written by the library
nc.writeNpz(
  f("multi.npz"),
  {
    a: { shape: [30, 3], data: Float64Array.from(rand(90, 1)) },
    b: { shape: [30, 3], data: Float64Array.from(rand(90, 2)) },
  } as unknown as Parameters<typeof nc.writeNpz>[1],
);

Deno.test("every subcommand gives a clear outcome for every bad input of the catalogue", async () => {
  // every registered subcommand is exercised
  const covered = new Set([
    ...Object.keys(readers),
    ...Object.keys(readers3),
    ...usage.map(([, a]) => a[0]!),
    "measures",
  ]);
  const missing = commands.map((c) => c.name).filter((n) => !covered.has(n));
  assert.deepEqual(missing, [], `subcommands not in the suite: ${missing.join(", ")}`);
  const measures = await cli(["measures", "--nope"]);
  classify("measures --nope", "measures", measures, { code: 2, names: ["--nope"] });

  for (const [cmd, argv] of Object.entries(readers)) {
    for (const [label, path] of badData) {
      const o = await cli(argv(path));
      classify(`${cmd} ← ${label}`, cmd, o, { code: 1, names: [path, "`X`", "`Y`"] });
    }
  }
  for (const [cmd, argv] of Object.entries(readers3)) {
    for (const [label, path] of [...bad3, ...badData]) {
      const o = await cli(argv(path));
      classify(`${cmd} ← ${label}`, cmd, o, { code: 1, names: [path] });
    }
  }
  for (const [label, argv] of usage) {
    const o = await cli(argv);
    const flags = argv.filter((a) => a.startsWith("--"));
    classify(label, argv[0]!, o, { code: 2, names: flags });
  }
  for (const [label, argv] of data) {
    const o = await cli(argv);
    classify(label, argv[0]!, o, { code: 1, names: argv.slice(1) });
  }
  // library entries of mod.ts: the right answer or a TypeError/RangeError naming the argument
  for (const [label, run] of library) {
    tried++;
    try {
      const v = await run();
      if (typeof v === "number" && !Number.isFinite(v)) unclear.push(`${label}: returned ${v}`);
    } catch (e) {
      const err = e as Error;
      if (!(err instanceof TypeError || err instanceof RangeError)) {
        unclear.push(`${label}: ${err?.name}: ${err?.message}`);
      } else if (!/`[^`]+`/.test(err.message)) {
        unclear.push(`${label}: message names nothing: ${err.message}`);
      }
    }
  }
  const clear = tried - unclear.length;
  console.log(`bad-input suite: tried ${tried}, clear ${clear}`);
  assert.deepEqual(unclear, [], `unclear outcomes:\n${unclear.join("\n")}`);
});

// ---------------------------------------------------------------- library entries

const X = Array.from({ length: 12 }, (_, i) => [Math.sin(i), Math.cos(2 * i), i % 3]);
const Y = Array.from({ length: 12 }, (_, i) => [Math.cos(i), i % 4]);
const libBad: [string, unknown, unknown][] = [
  ["NaN", X.map((r, i) => i === 3 ? [NaN, ...r.slice(1)] : r), Y],
  ["Inf", X, Y.map((r, i) => i === 2 ? [Infinity, r[1]] : r)],
  ["empty", [], Y],
  ["one row", [X[0]], [Y[0]]],
  ["ragged", [[1, 2], [3]], Y],
  ["mismatched rows", X.slice(0, 5), Y],
  ["a string", "abc", Y],
  ["null", null, Y],
  ["wrong rank", [[[1]]], Y],
];
const entries: [string, (a: unknown, b: unknown) => unknown][] = [
  ["linearMetric", (a, b) => nc.linearMetric(a as number[][], b as number[][])],
  ["linearCKA", (a, b) => nc.linearCKA(a as number[][], b as number[][])],
  ["ckaDistance", (a, b) => nc.ckaDistance(a as number[][], b as number[][])],
  ["rbfCKA", (a, b) => nc.rbfCKA(a as number[][], b as number[][])],
  ["debiasedCKA", (a, b) => nc.debiasedCKA(a as number[][], b as number[][])],
  ["permutationMetric", (a, b) => nc.permutationMetric(a as number[][], b as number[][])],
  ["compareWith procrustes", (a, b) => nc.compareWith("procrustes", a, b).distance],
  ["compareWith cka", (a, b) => nc.compareWith("cka", a, b).similarity],
  ["compareWith svcca", (a, b) => nc.compareWith("svcca", a, b).distance],
  ["pairwiseMatrix", async (a, b) => (await nc.pairwiseMatrix([a, b, X])).matrix.data[1]],
  ["fitDmd", (a) => nc.fitDmd(a as number[][]).eigenvalues.re[0]],
  [
    "procrustesKMeans",
    (a, b) => nc.procrustesKMeans([a as number[][], b as number[][], X], 2).inertia,
  ],
  [
    "gaussianProcessMetric",
    (a, b) => nc.gaussianProcessMetric(a as number[][][], b as number[][][]),
  ],
  ["compareWith stochastic-process", (a, b) => nc.compareWith("stochastic-process", a, b).distance],
];
const library: [string, () => unknown][] = [];
for (const [name, fn] of entries) {
  for (const [label, a, b] of libBad) library.push([`${name} ← ${label}`, () => fn(a, b)]);
  library.push([`${name} ← X·1e160`, () => fn(X.map((r) => r.map((v) => v * 1e160)), Y)]);
  library.push([`${name} ← X·1e-200`, () => fn(X.map((r) => r.map((v) => v * 1e-200)), Y)]);
}

globalThis.addEventListener("unload", () => {
  try {
    Deno.removeSync(dir, { recursive: true });
  } catch { /* already gone */ }
});

// ---------------------------------------------------------------- the audit's cases, message by message

const cases: [string, string[], number, RegExp][] = [
  [
    "cp: Inf is an error naming its index, not a missing entry",
    [
      "cp",
      f("inf3.npy"),
      "--rank",
      "1",
    ],
    1,
    /`T` \(.*inf3\.npy\): entries must be finite or NaN \(missing\): got -Infinity at \[0, 1, 1\]/,
  ],
  [
    "cp: an all-NaN tensor says all entries are missing (not `mask`)",
    [
      "cp",
      f("nan3.npy"),
      "--rank",
      "1",
    ],
    1,
    /`T` \(.*nan3\.npy\): all 120 entries are NaN \(missing\): nothing to fit/,
  ],
  [
    "dmd --rank-threshold above every singular value names the largest (exit 2)",
    [
      "dmd",
      good,
      "--rank-threshold",
      "1e9",
    ],
    2,
    /--rank-threshold: .*no singular value is above `rankThreshold` = 1000000000: the largest is \d/,
  ],
  [
    "compare --stream refuses X·1e160 at a scale-dependent α, naming the file and max|x|",
    [
      "compare",
      f("big.npy"),
      good2,
      "--alpha",
      "0.5",
      "--stream",
    ],
    1,
    /big\.npy` has max\|x\| = .*e\+160, outside \[1e-100, 1e\+100\]: its streamed scatter/,
  ],
  [
    "pairwise --stream refuses RBF CKA: its kernel needs every pair of rows, run in memory",
    ["pairwise", good, good2, "--measure", "rbf-cka", "--stream"],
    2,
    /RBF CKA cannot be streamed in bounded memory: its kernel needs every pair of rows .*run it in memory/,
  ],
  [
    "pairwise --stream --test-rows refuses CKA (held-out rows stream for the linear family only)",
    ["pairwise", good, good2, "--measure", "cka", "--test-rows", "20:30", "--stream"],
    2,
    /--test-rows streams for the linear family only/,
  ],
  [
    "pairwise --stream --test-rows refuses training rows that are not one range a:b",
    ["pairwise", good, good2, "--test-rows", "10:20", "--stream"],
    2,
    /--train-rows and --test-rows must be contiguous ranges a:b/,
  ],
  [
    "pairwise --stream --shard needs --out",
    ["pairwise", good, good2, "--stream", "--shard", "0/2"],
    2,
    /--shard needs --out for the partial result/,
  ],
  [
    "pairwise --stream --shard names a bad shard",
    ["pairwise", good, good2, "--stream", "--shard", "3/2", "--out", f("s.json")],
    2,
    /`shard` index must be in \[0, 1\]: got 3\/2/,
  ],
  ["dmd on a constant series is refused", ["dmd", f("const.npy")], 1, /`X` is constant in time/],
  [
    "a multi-array .npz without --key suggests --key",
    [
      "compare",
      f("multi.npz"),
      good,
    ],
    1,
    /the archive holds 2 arrays, choose one with --key: a, b/,
  ],
  [
    "DSA operators of different sizes say --pad",
    [
      "dsa",
      good,
      good2,
      "--max-starts",
      "1",
    ],
    1,
    /pass --pad/,
  ],
  [
    "pairwise-merge on a .npy says what it is, without its bytes",
    [
      "pairwise-merge",
      good,
    ],
    1,
    /good\.npy: it is a \.npy array, not a shard/,
  ],
  ["info on a directory names the path", ["info", f("a_directory.npy")], 1, /a_directory\.npy/],
  [
    "ltr-fit --dropout 2 is bad usage",
    [
      "ltr-fit",
      good3,
      "--rank",
      "1",
      "--dropout",
      "2",
    ],
    2,
    /--dropout must be in \[0, 1\): got 2/,
  ],
  [
    "mid-benchmark --n-train 0 is bad usage",
    [
      "mid-benchmark",
      "--n-train",
      "0",
    ],
    2,
    /--n-train must be >= 1: got 0/,
  ],
  [
    "linalg-bench --sizes 1e9 names the flag and the memory before allocating",
    ["linalg-bench", "--sizes", "1000000000"],
    2,
    /--sizes 1000000000 would take 27\.8 EiB of memory, more than the .* available/,
  ],
  [
    "dmd --n-delays 0 is bad usage naming the flag",
    ["dmd", good, "--n-delays", "0"],
    2,
    /--n-delays/,
  ],
  [
    "euclidean Procrustes of X·1e160 is refused naming max|X|",
    [
      "compare",
      f("big.npy"),
      good2,
      "--metric",
      "procrustes",
      "--score",
      "euclidean",
    ],
    1,
    /`X` has max\|X\| = .*e\+160.*not invariant to scaling/,
  ],
];
cases.push(
  [
    "compare --resample subjects: stacks of different sizes name both sizes",
    ["compare", f("stack3.npy"), f("stack4.npy"), "--bootstrap", "5", "--resample", "subjects"],
    1,
    /`X` and `Y` must hold the same number of subjects \(or one input shared by every subject\): got 3 and 4/,
  ],
  [
    "compare --resample both: one subject is too few",
    ["compare", good, f("stack1.npy"), "--bootstrap", "5", "--resample", "both"],
    1,
    /must hold at least 2 subjects to resample subjects: got 1/,
  ],
);
for (const [claim, argv, code, message] of cases) {
  Deno.test(claim, async () => {
    const o = await cli(argv);
    assert.equal(o.code, code, o.err);
    assert.match(o.err.split("\n")[0]!, message);
  });
}

Deno.test("compare: angular Procrustes and CKA of X·1e160 and X·1e-200 equal their unit-scale values", async () => {
  for (const metric of ["procrustes", "cka"]) {
    const ref = JSON.parse((await cli(["compare", good, good2, "--metric", metric])).out);
    for (const file of ["big.npy", "tiny.npy"]) {
      const o = await cli(["compare", f(file), good2, "--metric", metric]);
      assert.equal(o.code, 0, o.err);
      const v = JSON.parse(o.out);
      for (const k of ["distance", "similarity"]) {
        if (ref[k] === undefined) continue;
        assert.ok(
          Math.abs(v[k] - ref[k]) <= 1e-9 * Math.max(1, Math.abs(ref[k])),
          `${metric} ${file} ${k}`,
        );
      }
    }
  }
});
