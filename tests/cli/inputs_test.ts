import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { runCliProcess } from "../_helpers/cli_process.ts";
import { writeNpy, writeNpz } from "../../lib/io/mod.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";

const dir = Deno.makeTempDirSync({ prefix: "cli-inputs-" });
const path = (name: string) => `${dir}/${name}`;

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

/** CSV with a label column; String(v) round-trips every double exactly. */
function writeLabelledCsv(file: string, M: Matrix, labels: string[]): void {
  const head = ["", ...Array.from({ length: M.cols }, (_, j) => `u${j}`)].join(",");
  const lines = labels.map((l, i) =>
    [l, ...Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols), String)].join(",")
  );
  Deno.writeTextFileSync(file, [head, ...lines].join("\n") + "\n");
}

const X = randn(20, 4, 1), Y = randn(20, 3, 2);
const stimuli = Array.from({ length: 20 }, (_, i) => `s${i}`);
writeNpy(path("X.npy"), X);
writeNpy(path("Y.npy"), Y);
writeLabelledCsv(path("X.csv"), X, stimuli);
writeLabelledCsv(path("Y.csv"), Y, stimuli);
writeLabelledCsv(path("Yshuffled.csv"), Y, [...stimuli].reverse());
writeNpz(path("both.npz"), { X, Y });

Deno.test("compare X.csv Y.csv gives exactly the numbers of compare X.npy Y.npy", async () => {
  for (const extra of [[], ["--metric", "cka"], ["--alpha", "0.5", "--score", "euclidean"]]) {
    const a = await cli(["compare", path("X.npy"), path("Y.npy"), ...extra]);
    const b = await cli(["compare", path("X.csv"), path("Y.csv"), ...extra]);
    assert.equal(a.code, 0, a.err);
    assert.equal(b.code, 0, b.err);
    assert.deepEqual(b.json, a.json);
  }
});

Deno.test("compare reads members of a .npz archive with one --key per input", async () => {
  const a = await cli(["compare", path("X.npy"), path("Y.npy")]);
  const b = await cli(["compare", path("both.npz"), path("both.npz"), "--key", "X", "--key", "Y"]);
  assert.equal(b.code, 0, b.err);
  assert.equal(b.json.distance, a.json.distance);
});

Deno.test("a single --key applies to the inputs that have members and no other", async () => {
  const a = await cli(["compare", path("X.npy"), path("Y.npy")]);
  const b = await cli(["compare", path("both.npz"), path("Y.npy"), "--key", "X"]);
  assert.equal(b.code, 0, b.err);
  assert.equal(b.json.distance, a.json.distance);
  const c = await cli(["compare", path("X.npy"), path("Y.npy"), "--key", "X"]);
  assert.equal(c.code, 2);
  assert.match(c.err, /--key applies to \.npz archives and HDF5\/NWB files/);
  const d = await cli([
    "compare",
    path("both.npz"),
    path("both.npz"),
    "--key",
    "X",
    "--key",
    "Y",
    "--key",
    "Z",
  ]);
  assert.equal(d.code, 2);
  assert.match(d.err, /--key must be given once, or once per input \(2\): got 3/);
});

Deno.test("compare refuses files whose row labels list the stimuli in another order", async () => {
  const r = await cli(["compare", path("X.csv"), path("Yshuffled.csv")]);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /must list the same stimuli in the same order: row labels differ at row 0: "s0" and "s19"/,
  );
});

Deno.test("pairwise reads CSV networks and labels them by file name", async () => {
  const a = await cli(["pairwise", path("X.npy"), path("Y.npy"), "--workers", "1"]);
  const b = await cli(["pairwise", path("X.csv"), path("Y.csv"), "--workers", "1"]);
  assert.equal(b.code, 0, b.err);
  assert.deepEqual(b.json.matrix, a.json.matrix);
  assert.deepEqual(b.json.labels, ["X", "Y"]);
});

Deno.test("spectral and dmd read CSV inputs like .npy inputs", async () => {
  const a = await cli(["spectral", path("X.npy"), path("Y.npy"), "--p", "5,10"]);
  const b = await cli(["spectral", path("X.csv"), path("Y.csv"), "--p", "5,10"]);
  assert.equal(b.code, 0, b.err);
  assert.deepEqual(b.json, a.json);
  const c = await cli(["dmd", path("X.npy"), "--n-delays", "2"]);
  const d = await cli(["dmd", path("X.csv"), "--n-delays", "2"]);
  assert.equal(d.code, 0, d.err);
  assert.deepEqual(d.json, c.json);
});

Deno.test("an unreadable input names the argument and the file, exit 1", async () => {
  Deno.writeTextFileSync(path("bad.npy"), "\x93NUMPY garbage");
  const r = await cli(["compare", path("bad.npy"), path("Y.npy")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`X`/);
  assert.match(r.err, /bad\.npy/);
});

Deno.test("a CSV whose first row is numbers as np.savetxt writes them is read as data, with a notice; other numbers need --header", async () => {
  const rows = ["0.5,1.25,3", "4,5,6", "7,8,9", "1,0,2", "3,3,1"];
  // np.savetxt's default format, %.18e: two exponent digits at least
  const sci = (line: string) =>
    line.split(",").map((v) => Number(v).toExponential(18).replace(/e([+-])(\d)$/, "e$10$2"))
      .join(",");
  Deno.writeTextFileSync(path("noheader.csv"), rows.join("\n") + "\n");
  Deno.writeTextFileSync(path("savetxt.csv"), rows.map(sci).join("\n") + "\n");
  // pandas' column numbers above values that are not all integers
  Deno.writeTextFileSync(path("indexheader.csv"), ["0,1,2", ...rows].join("\n") + "\n");
  Deno.writeTextFileSync(path("named.csv"), ["a,b,c", ...rows].join("\n") + "\n");
  const run = (file: string, ...flags: string[]) =>
    runCliProcess(["compare", file, path("named.csv"), "--measure", "cka", ...flags]);
  const savetxt = await run(path("savetxt.csv"));
  assert.equal(savetxt.code, 0, savetxt.stderr);
  assert.match(
    savetxt.stderr,
    /notice: X \(.*savetxt\.csv\): the first line \(5\.000000000000000000e-01, 1\.250000000000000000e\+00, 3\.000000000000000000e\+00\) is all numbers as np\.savetxt writes them, so it is read as data, with columns named 0…2; pass --header yes if it holds column names/,
  );
  // all five rows, like the file with a header: CKA of a matrix with itself is 1
  assert.equal(JSON.parse(savetxt.stdout).similarity, 1);
  // plain numbers could be column ids or a row of data: refused until --header says which
  const either = await run(path("noheader.csv"));
  assert.equal(either.code, 1);
  assert.match(
    either.stderr,
    /noheader\.csv.*its first line \(0\.5, 1\.25, 3\) is all numbers, which may name the columns or be the first row of data: pass --header yes if it names the columns, --header no if it is data/,
  );
  // --header applies to every input: the same file twice
  const noHeader = path("noheader.csv");
  const asData = await runCliProcess([
    "compare",
    noHeader,
    noHeader,
    "--measure",
    "cka",
    "--header",
    "no",
  ]);
  assert.equal(asData.code, 0, asData.stderr);
  assert.equal(JSON.parse(asData.stdout).similarity, 1);
  // pandas' names for an unnamed frame are column numbers: a header, no notice
  const idx = path("indexheader.csv");
  const indexed = await runCliProcess(["compare", idx, idx, "--measure", "cka"]);
  assert.equal(indexed.stderr, "");
  // --header yes takes the first line as names (then the row counts differ)
  const forced = await run(path("noheader.csv"), "--header", "yes");
  assert.equal(forced.code, 1);
  assert.match(forced.stderr, /same number of rows: got shapes \[4, 3\] and \[5, 3\]/);
  const bad = await run(path("noheader.csv"), "--header", "maybe");
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--header must be auto, yes or no: got maybe/);
  const info = await runCliProcess(["info", path("savetxt.csv")]);
  assert.deepEqual(JSON.parse(info.stdout).shape, [5, 3]);
  assert.match(
    info.stderr,
    /^notice: .*savetxt\.csv: the first line \(5\.0+e-01, .*\) is all numbers/,
  );
  const infoEither = await runCliProcess(["info", path("noheader.csv")]);
  assert.equal(infoEither.code, 1);
  assert.match(
    infoEither.stderr,
    /pass --header yes if it names the columns, --header no if it is data/,
  );
  const infoNamed = await runCliProcess(["info", path("noheader.csv"), "--header", "yes"]);
  assert.deepEqual([JSON.parse(infoNamed.stdout).shape, infoNamed.stderr], [[4, 3], ""]);
  const infoData = await runCliProcess(["info", path("noheader.csv"), "--header", "no"]);
  assert.deepEqual([JSON.parse(infoData.stdout).shape, infoData.stderr], [[5, 3], ""]);
});
