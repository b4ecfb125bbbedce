import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { readNpz, writeNpy } from "../../lib/io/mod.ts";
import { cpAls } from "../../lib/tensor/cp_als.ts";
import { kruskalToTensor } from "../../lib/tensor/kruskal.ts";
import { teacherLtr } from "../../lib/rnn/teacher.ts";
import { randn } from "../../lib/random.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync();
const T = kruskalToTensor([randn(6, 2, 1), randn(5, 2, 2), randn(4, 2, 3)]);
const noisy = T.data.map((v, p) => v + 0.01 * randn(120, 1, 9).data[p]!);
writeNpy(`${dir}/T.npy`, { shape: [6, 5, 4], data: noisy });

Deno.test("cp prints relative_error and variance_explained equal to the library's, and writes the factors", async () => {
  const r = await cli([
    "cp",
    `${dir}/T.npy`,
    "--rank",
    "2",
    "--restarts",
    "2",
    "--seed",
    "3",
    "--out",
    `${dir}/f.npz`,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  const lib = cpAls({ shape: [6, 5, 4], data: noisy }, { rank: 2, restarts: 2, seed: 3 });
  assert.equal(json.relative_error, lib.relativeError);
  assert.equal(json.variance_explained, lib.varianceExplained);
  assert.ok(json.relative_error < 0.05);
  const f = readNpz(`${dir}/f.npz`);
  assert.deepEqual(Object.keys(f).sort(), ["factor_0", "factor_1", "factor_2", "weights"]);
  assert.deepEqual(f.factor_0!.shape, [6, 2]);
  assertAllClose(Array.from(f.weights!.data as Float64Array), lib.weights, { rtol: 0, atol: 0 });
});

Deno.test("cp treats NaN as missing and --nonneg gives nonnegative factors", async () => {
  const data = noisy.map(Math.abs);
  data[7] = NaN;
  writeNpy(`${dir}/Tn.npy`, { shape: [6, 5, 4], data });
  const r = await cli(["cp", `${dir}/Tn.npy`, "--rank", "2", "--nonneg", "--out", `${dir}/g.npz`]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.equal(json.missing, 1);
  assert.equal(json.observed, 119);
  assert.equal(json.method, "hals");
  const f = readNpz(`${dir}/g.npz`);
  for (const k of ["factor_0", "factor_1", "factor_2"]) {
    assert.ok(Array.from(f[k]!.data as Float64Array).every((x) => x >= 0));
  }
});

Deno.test("cp reports bad usage and bad data with exit codes 2 and 1", async () => {
  let r = await cli(["cp", `${dir}/T.npy`]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--rank is required/);
  r = await cli(["cp", `${dir}/T.npy`, "--rank", "0"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--rank must be >= 1: got 0/);
  writeNpy(`${dir}/M.npy`, { rows: 2, cols: 2, data: new Float64Array(4).fill(1) });
  r = await cli(["cp", `${dir}/M.npy`, "--rank", "1"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /expected a 3-D array: got shape \[2, 2\]/);
  writeNpy(`${dir}/mask.npy`, { shape: [6, 5, 4], data: new Float64Array(120) });
  r = await cli(["cp", `${dir}/T.npy`, "--rank", "1", "--mask", `${dir}/mask.npy`]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`mask` leaves no observed entries to fit/);
  writeNpy(`${dir}/mask2.npy`, { shape: [6, 5, 3], data: new Float64Array(90) });
  r = await cli(["cp", `${dir}/T.npy`, "--rank", "1", "--mask", `${dir}/mask2.npy`]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`mask` must have the shape of `T` \[6, 5, 4\]: got \[6, 5, 3\]/);
});

Deno.test("ltr-fit prints train and held-out errors and writes the model", async () => {
  const t = teacherLtr({ rank: 1, nUnits: 6, nTrials: 8, nTime: 10, nConditions: 2, seed: 2 });
  writeNpy(`${dir}/Y.npy`, { shape: [...t.Y.shape], data: t.Y.data });
  writeNpy(`${dir}/c.npy`, { shape: [8], data: new Int32Array(t.model.conditions) });
  const r = await cli([
    "ltr-fit",
    `${dir}/Y.npy`,
    "--rank",
    "1",
    "--conditions",
    `${dir}/c.npy`,
    "--iterations",
    "300",
    "--lr",
    "0.02",
    "--out",
    `${dir}/m.npz`,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.ok(json.train_error < 0.3 && json.test_error < 0.3, r.out);
  assert.ok(json.n_test > 0 && json.n_train > json.n_test);
  const m = readNpz(`${dir}/m.npz`);
  assert.deepEqual(m.trial_factors!.shape, [8, 1]);
  assert.deepEqual(m.test_mask!.shape, [8, 10, 6]);
  const bad = await cli(["ltr-fit", `${dir}/Y.npy`, "--rank", "1", "--conditions", `${dir}/T.npy`]);
  assert.equal(bad.code, 1);
  assert.match(
    bad.err,
    /`conditions` must be a 1-D array of 8 trial conditions: got shape \[6, 5, 4\]/,
  );
  const usage = await cli(["ltr-fit", `${dir}/Y.npy`, "--rank", "x"]);
  assert.equal(usage.code, 2);
});
