import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { runCliProcess } from "../_helpers/cli_process.ts";
import { readMatrix, writeNpy } from "../../lib/io/mod.ts";
import { listMeasures } from "../../lib/measures/all.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import { pairwiseMatrix } from "../../lib/pairwise/engine.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const dir = Deno.makeTempDirSync({ prefix: "measures-cli-" });
const path = (name: string) => `${dir}/${name}`;

function tensor(shape: number[], seed: number) {
  const g = normalSampler(mulberry32(seed));
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => g()) };
}
const nets = [1, 2, 3, 4].map((s) => {
  const t = tensor([20, 3], s);
  return { rows: 20, cols: 3, data: t.data };
});
nets.forEach((M, k) => writeNpy(path(`n${k}.npy`), M));
const trials = [1, 2, 3].map((s) => tensor([5, 6, 2], 10 + s));
trials.forEach((t, k) => writeNpy(path(`t${k}.npy`), t));
const files = nets.map((_, k) => path(`n${k}.npy`));

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

Deno.test("cli measures lists every registered measure with its declared properties", async () => {
  const r = await cli(["measures"]);
  assert.equal(r.code, 0);
  assert.deepEqual(
    r.json.measures.map((m: { name: string }) => m.name),
    listMeasures().map((m) => m.name),
  );
  const linear = r.json.measures[0];
  assert.deepEqual(Object.keys(linear.aliases), ["procrustes", "cca"]);
  assert.equal(linear.input, "responses");
  assert.equal(linear.returns, "distance");
  assert.deepEqual(linear.options[0], {
    name: "alpha",
    type: "number",
    default: 1,
    min: 0,
    max: 1,
    description: "α: 1 rotations only (Procrustes), 0 any invertible linear map (CCA)",
    flag: "alpha",
  });
  assert.equal(linear.properties.metric, true);
  assert.equal(linear.properties.byAlias.cca.invariances.invertibleLinear, true);
});

Deno.test("cli compare --measure takes any measure or alias, and --metric is the same option", async () => {
  const a = await cli(["compare", files[0]!, files[1]!, "--measure", "cca"]);
  const b = await cli(["compare", files[0]!, files[1]!, "--metric", "linear", "--alpha", "0"]);
  assert.equal(a.code, 0, a.err);
  assert.equal(a.json.distance, b.json.distance);
  const g = await cli([
    "compare",
    path("t0.npy"),
    path("t1.npy"),
    "--measure",
    "stochastic-gaussian",
    "--alpha",
    "0.5",
  ]);
  assert.equal(g.code, 0, g.err);
  assert.equal(
    g.json.distance,
    compareWith("stochastic-gaussian", trials[0], trials[1], { alpha: 0.5 }).distance,
  );
  assert.equal(g.json.group, "orth");
});

Deno.test("cli compare and pairwise refuse a flag of another measure with exit 2, naming the flag", async () => {
  for (
    const args of [
      ["compare", files[0]!, files[1]!, "--measure", "cka", "--alpha", "0.5"],
      ["pairwise", ...files, "--metric", "cka", "--alpha", "0.5"],
      ["pairwise", ...files, "--measure", "permutation", "--kernel", "rbf"],
    ]
  ) {
    const r = await cli(args);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, /--(alpha|kernel) does not apply to measure (cka|permutation)/);
  }
  const r = await cli(["compare", files[0]!, files[1]!, "--measure", "rsa"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--measure must be one of .*cca.*: got rsa/);
});

Deno.test("cli pairwise --measure gives the engine's matrix for measures that had no matrix before", async () => {
  const r = await cli(["pairwise", ...files, "--measure", "rbf-cka", "--workers", "1"]);
  assert.equal(r.code, 0, r.err);
  const expected = await pairwiseMatrix(nets, { measure: "rbf-cka", workers: 1 });
  assert.deepEqual(r.json.matrix.flat(), Array.from(expected.matrix.data));
  assert.equal(r.json.kernel, "rbf");
  const t = await cli([
    "pairwise",
    ...trials.map((_, k) => path(`t${k}.npy`)),
    "--measure",
    "stochastic-energy",
    "--out",
    path("E.npy"),
  ]);
  assert.equal(t.code, 0, t.err);
  const e = await pairwiseMatrix(trials, { measure: "stochastic-energy", workers: 1 });
  assert.deepEqual(readMatrix(path("E.npy")).data, e.matrix.data);
});

Deno.test("cli pairwise-merge refuses tampered, duplicated and foreign shard files with exit 1, naming the file", async () => {
  const part = (k: number, extra: string[] = []) =>
    cli([
      "pairwise",
      ...files,
      "--measure",
      "debiased-cka",
      "--shard",
      `${k}/2`,
      "--out",
      path(`p${k}.json`),
      ...extra,
    ]);
  assert.equal((await part(0)).code, 0);
  assert.equal((await part(1)).code, 0);
  const ok = await cli([
    "pairwise-merge",
    path("p0.json"),
    path("p1.json"),
    "--out",
    path("M.npy"),
  ]);
  assert.equal(ok.code, 0, ok.err);
  const whole = await pairwiseMatrix(nets, { measure: "debiased-cka", workers: 1 });
  assert.deepEqual(readMatrix(path("M.npy")).data, whole.matrix.data);
  // tampered
  const s = JSON.parse(Deno.readTextFileSync(path("p1.json")));
  s.entries[0][2] += 0.001;
  Deno.writeTextFileSync(path("p1x.json"), JSON.stringify(s));
  let r = await cli(["pairwise-merge", path("p0.json"), path("p1x.json"), "--out", path("X.npy")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /p1x\.json has been altered/);
  assert.throws(() => Deno.statSync(path("X.npy")), Deno.errors.NotFound);
  // duplicated
  r = await cli(["pairwise-merge", path("p0.json"), path("p0.json")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /shard 0\/2 is given twice \(.*p0\.json and .*p0\.json\)/);
  // foreign: other options
  await cli([
    "pairwise",
    ...files,
    "--measure",
    "debiased-cka",
    "--kernel",
    "rbf",
    "--shard",
    "1/2",
    "--out",
    path("q1.json"),
  ]);
  r = await cli(["pairwise-merge", path("p0.json"), path("q1.json")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /q1\.json comes from different inputs, options or shard count/);
});

Deno.test("cli compare --measure stochastic-process reads [conditions, trials, time, units] and [trials, time, units]", async () => {
  const gp = [1, 2].map((s) => tensor([3, 7, 2, 2], 40 + s));
  gp.forEach((t, k) => writeNpy(path(`gp${k}.npy`), t));
  const one = { shape: [7, 2, 2], data: gp[0]!.data.slice(0, 28) };
  writeNpy(path("gp_one.npy"), one);
  const r = await cli([
    "compare",
    path("gp0.npy"),
    path("gp1.npy"),
    "--measure",
    "stochastic-process",
    "--alpha",
    "0.5",
    "--group",
    "perm",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.json.distance,
    compareWith("stochastic-process", gp[0], gp[1], { alpha: 0.5, group: "perm" }).distance,
  );
  assert.deepEqual([r.json.metric, r.json.alpha, r.json.group, r.json.ddof], [
    "stochastic-process",
    0.5,
    "perm",
    1,
  ]);
  const s = await cli([
    "compare",
    path("gp_one.npy"),
    path("gp_one.npy"),
    "--measure",
    "gp-stochastic",
  ]);
  assert.equal(s.code, 0, s.err);
  assert.ok(s.json.distance < 1e-9);
  const bad = await cli(["compare", files[0]!, files[1]!, "--measure", "stochastic-process"]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /must have 3 or 4 axes \[conditions, trials, time, units\]/);
});

Deno.test("pairwise with a measure that is not symmetric computes both orders of each pair, with no notice", async () => {
  const rand = normalSampler(mulberry32(12));
  const X = [0, 1, 2].map(() => ({
    rows: 30,
    cols: 5,
    data: Float64Array.from({ length: 150 }, rand),
  }));
  X.forEach((x, k) => writeNpy(path(`asym${k}.npy`), x));
  const run = (measure: string) =>
    runCliProcess([
      "pairwise",
      ...[0, 1, 2].map((k) => path(`asym${k}.npy`)),
      "--measure",
      measure,
    ]);
  const asym = await run("cknna");
  assert.equal(asym.code, 0);
  assert.equal(asym.stderr, "");
  const M = JSON.parse(asym.stdout).matrix as number[][];
  for (const [i, j] of [[0, 1], [1, 0], [0, 2], [2, 0], [1, 2], [2, 1]] as const) {
    const want = compareWith("cknna", X[i]!, X[j]!).similarity!;
    assert.ok(Math.abs(M[i]![j]! - want) < 1e-12, `(${i}, ${j}): ${M[i]![j]} vs ${want}`);
  }
  assert.notEqual(M[0]![1], M[1]![0]);
  assert.equal((await run("cka")).stderr, "");
});
