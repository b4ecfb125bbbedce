import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { runCli } from "../../lib/cli/main.ts";
import { readMatrix, writeNpy } from "../../lib/io/mod.ts";
import { fromRows, sliceRows } from "../../lib/linalg/matrix.ts";
import { fitLinearMetric, linearMetric, scoreLinearMetric } from "../../lib/metrics/mod.ts";
import { pairwiseDistances } from "../../lib/multiset/mod.ts";
import { invertible, mul, rand, times } from "./_gen.ts";

const dir = Deno.makeTempDirSync({ prefix: "metrics-cli-" });
const path = (name: string) => `${dir}/${name}`;
const F = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/shape_metrics.json", import.meta.url)),
);
const fx = F.inputs.widths_30x8_30x5;
writeNpy(path("X.npy"), fromRows(fx.X));
writeNpy(path("Y.npy"), fromRows(fx.Y));
const nets = [0, 1, 2, 3].map((k) => rand(24, 3 + (k % 2), 50 + k));
nets.forEach((M, k) => writeNpy(path(`net${k}.npy`), M));

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

Deno.test("compare --metric linear matches the numpy fixture for every α and score", async () => {
  for (
    const c of F.linear.filter((c: { name: string; center: boolean }) =>
      c.name === "widths_30x8_30x5" && c.center
    )
  ) {
    const { code, json } = await cli([
      "compare",
      path("X.npy"),
      path("Y.npy"),
      "--alpha",
      String(c.alpha),
      "--score",
      c.score,
    ]);
    assert.equal(code, 0);
    assertAllClose(json.distance, c.expected, { rtol: 1e-9, label: `α=${c.alpha} ${c.score}: ` });
  }
});

Deno.test("compare --train-rows/--test-rows reports the held-out distance and train_distance", async () => {
  const { json } = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--alpha",
    "0.5",
    "--train-rows",
    "0:20",
    "--test-rows",
    "20:30",
  ]);
  const X = fromRows(fx.X), Y = fromRows(fx.Y);
  const fit = fitLinearMetric(sliceRows(X, 0, 20), sliceRows(Y, 0, 20), { alpha: 0.5 });
  assertAllClose(
    json.distance,
    scoreLinearMetric(fit, sliceRows(X, 20, 30), sliceRows(Y, 20, 30)),
    { rtol: 1e-12 },
  );
  assertAllClose(
    json.train_distance,
    linearMetric(sliceRows(X, 0, 20), sliceRows(Y, 0, 20), { alpha: 0.5 }),
    { rtol: 1e-12 },
  );
});

Deno.test("compare --metric permutation, cka and conv-linear print their documented keys", async () => {
  const p = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--metric",
    "permutation",
    "--score",
    "euclidean",
  ]);
  assert.equal(typeof p.json.distance, "number");
  const c = await cli(["compare", path("X.npy"), path("Y.npy"), "--metric", "cka"]);
  assertAllClose(c.json.distance, Math.acos(c.json.similarity), { rtol: 1e-12 });
  const t = { shape: [2, 3, 4, 2], data: rand(1, 48, 1).data };
  writeNpy(path("C.npy"), t);
  const v = await cli([
    "compare",
    path("C.npy"),
    path("C.npy"),
    "--metric",
    "conv-linear",
    "--alpha",
    "0.5",
  ]);
  assert.equal(v.json.map.length, 3);
  assert.equal(v.json.map[0].length, 4);
  assert.ok(v.json.distance < 1e-10);
  assert.deepEqual(v.json.shift, [0, 0]);
});

Deno.test("compare exits 1 with a clear message on bad data and 2 on bad usage", async () => {
  let r = await cli(["compare", path("X.npy"), path("Y.npy"), "--alpha", "1.5"]);
  assert.equal(r.code, 2); // an option value out of its range is bad usage
  assert.match(r.err, /--alpha: .*`alpha` must be in \[0, 1\]: got 1.5/);
  r = await cli(["compare", path("X.npy"), path("Y.npy"), "--no-pad"]);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /must have the same number of columns when `pad` is false: got shapes \[30, 8\] and \[30, 5\]/,
  );
  r = await cli(["compare", path("X.npy"), path("net0.npy")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /must have the same number of rows: got shapes \[30, 8\] and \[24, 3\]/);
  writeNpy(path("nan.npy"), fromRows([[1, NaN], [2, 3]]));
  writeNpy(path("ok.npy"), fromRows([[1, 0], [2, 3]]));
  r = await cli(["compare", path("nan.npy"), path("ok.npy")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`X` must be finite: got NaN at \[0, 1\]/);
  r = await cli(["compare", path("X.npy"), path("Y.npy"), "--metric", "rsa"]);
  assert.equal(r.code, 2);
  r = await cli(["compare", path("X.npy"), path("Y.npy"), "--score", "cosine"]);
  assert.equal(r.code, 2);
  r = await cli(["compare", path("X.npy")]);
  assert.equal(r.code, 2);
});

Deno.test("pairwise --out writes the matrix that pairwiseDistances() computes; JSON includes it for small K", async () => {
  const files = nets.map((_, k) => path(`net${k}.npy`));
  const { code, json } = await cli([
    "pairwise",
    ...files,
    "--alpha",
    "0.5",
    "--workers",
    "2",
    "--out",
    path("D.npy"),
  ]);
  assert.equal(code, 0);
  const expected = await pairwiseDistances(nets, { alpha: 0.5, workers: 1 });
  assert.deepEqual(readMatrix(path("D.npy")).data, expected.matrix.data);
  assert.deepEqual(json.matrix.flat(), Array.from(expected.matrix.data));
  assert.deepEqual(json.labels, ["net0", "net1", "net2", "net3"]);
});

Deno.test("pairwise --shard k/n parts merged by pairwise-merge equal the single-process matrix exactly", async () => {
  const files = nets.map((_, k) => path(`net${k}.npy`));
  const common = ["--alpha", "0.3", "--train-rows", "0:16", "--test-rows", "16:", "--workers", "1"];
  const whole = await cli(["pairwise", ...files, ...common, "--out", path("W.npy")]);
  assert.equal(whole.code, 0);
  for (const k of [0, 1, 2]) {
    const r = await cli([
      "pairwise",
      ...files,
      ...common,
      "--shard",
      `${k}/3`,
      "--out",
      path(`part${k}.json`),
    ]);
    assert.equal(r.code, 0);
  }
  const m = await cli([
    "pairwise-merge",
    path("part2.json"),
    path("part0.json"),
    path("part1.json"),
    "--out",
    path("M.npy"),
  ]);
  assert.equal(m.code, 0);
  assert.deepEqual(readMatrix(path("M.npy")).data, readMatrix(path("W.npy")).data);
  assert.deepEqual(readMatrix(path("M.test.npy")).data, readMatrix(path("W.test.npy")).data);
  const missing = await cli(["pairwise-merge", path("part0.json"), path("part1.json")]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /missing shard\(s\) 2 of 3/);
  const noOut = await cli(["pairwise", ...files, "--shard", "0/3"]);
  assert.equal(noOut.code, 2);
  const badShard = await cli(["pairwise", ...files, "--shard", "3/3", "--out", path("x.json")]);
  assert.equal(badShard.code, 2);
});

Deno.test("mds prints coordinates, eigenvalues and the negative mass", async () => {
  writeNpy(path("E.npy"), fromRows([[0, 3, 4], [3, 0, 5], [4, 5, 0]]));
  const { json } = await cli(["mds", path("E.npy"), "--dims", "2"]);
  assert.equal(json.coordinates.length, 3);
  assert.ok(json.negative_mass < 1e-12);
  assert.equal(json.eigenvalues.length, 3);
});

Deno.test("pairwise with a similarity-only measure says so and puts each network's self-similarity on the diagonal, sharded or not", async () => {
  const files = nets.map((_, k) => path(`net${k}.npy`));
  nets.forEach((M, k) => writeNpy(files[k]!, M));
  const whole = await cli(["pairwise", ...files, "--measure", "svcca", "--workers", "1"]);
  assert.equal(whole.code, 0);
  assert.equal(whole.json.value, "similarity");
  const M: number[][] = whole.json.matrix;
  M.forEach((row, i) => assert.ok(Math.abs(row[i]! - 1) < 1e-12, `diagonal ${i}: ${row[i]}`));
  for (const k of [0, 1]) {
    const r = await cli([
      "pairwise",
      ...files,
      "--measure",
      "svcca",
      "--workers",
      "1",
      "--shard",
      `${k}/2`,
      "--out",
      path(`sim${k}.json`),
    ]);
    assert.equal(r.code, 0);
  }
  const merged = await cli(["pairwise-merge", path("sim1.json"), path("sim0.json")]);
  assert.equal(merged.code, 0);
  assert.deepEqual(merged.json.matrix, M);
  assert.equal(merged.json.value, "similarity");
  // distance measures: no "value" key, zero diagonal, as before
  const d = await cli(["pairwise", ...files, "--workers", "1"]);
  assert.equal(d.json.value, undefined);
  (d.json.matrix as number[][]).forEach((row, i) => assert.equal(row[i], 0));
});

Deno.test("compare --metric cca reports the whitening-floor warning for small-amplitude data, and not otherwise", async () => {
  const X = rand(20, 4, 71), Z = mul(X, invertible(4, 72));
  writeNpy(path("small_x.npy"), times(X, 1e-4));
  writeNpy(path("small_z.npy"), times(Z, 1e-4));
  const small = await cli(["compare", path("small_x.npy"), path("small_z.npy"), "--metric", "cca"]);
  assert.equal(small.code, 0);
  assert.match(
    small.json.warning,
    /^the whitening floor 1e-7 \(netrep's convention\) raised eigenvalues/,
  );
  assert.match(small.json.warning, /rescale the data, e.g. to unit variance$/);
  assert.ok(small.json.distance > 0.1); // netrep's number, kept: the floor makes CCA ≠ 0 here
  const unit = await cli(["compare", path("X.npy"), path("Y.npy"), "--metric", "cca"]);
  assert.equal(unit.code, 0);
  assert.equal(unit.json.warning, undefined);
  // and with training and held-out rows
  const pair = [path("small_x.npy"), path("small_z.npy"), "--metric", "cca"];
  for (const rows of [["--train-rows", "0:15"], ["--train-rows", "0:15", "--test-rows", "15:20"]]) {
    const r = await cli(["compare", ...pair, ...rows]);
    assert.equal(r.code, 0, rows.join(" "));
    assert.match(r.json.warning, /^the whitening floor 1e-7/, rows.join(" "));
  }
  const unitRows = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--metric",
    "cca",
    "--train-rows",
    "0:15",
    "--test-rows",
    "15:20",
  ]);
  assert.equal(unitRows.code, 0);
  assert.equal(unitRows.json.warning, undefined);
});
