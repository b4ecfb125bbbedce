import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { runCli } from "../../lib/cli/main.ts";
import { fromRows, type Matrix } from "../../lib/linalg/matrix.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { randn } from "../../lib/random.ts";
import { alignment, ridgePredictivity, theoryCurve } from "../../lib/spectral/mod.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync({ prefix: "spectral_cli_" });
function npy(name: string, A: Matrix): string {
  const path = `${dir}/${name}.npy`;
  writeNpy(path, A);
  return path;
}

const fx = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/spectral_fixtures.json", import.meta.url)),
) as {
  cases: {
    name: string;
    X: number[][];
    Y: number[][];
    center: boolean;
    ps: number[];
    ridges: number[];
    alignment: {
      eigenvalues: number[];
      weights: number[];
      edModel: number;
      edAlignment: number;
      outOfSpan: number;
    };
    theory: Record<string, number[]>[];
  }[];
};

for (const name of ["wide_centred", "tall_uncentred", "lowrank_centred"]) {
  Deno.test(`spectral CLI matches the numpy reference on ${name}`, async () => {
    const c = fx.cases.find((k) => k.name === name)!;
    const ridge = c.ridges[c.ridges.length - 1]!;
    const e = c.theory[c.ridges.length - 1]!;
    const argv = [
      "spectral",
      npy(`${name}_X`, fromRows(c.X)),
      npy(`${name}_Y`, fromRows(c.Y)),
      "--ridge",
      String(ridge),
      "--p",
      c.ps.join(","),
      ...(c.center ? [] : ["--no-center"]),
    ];
    const { code, out, err } = await cli(argv);
    assert.equal(code, 0, err);
    const j = JSON.parse(out);
    const P = c.X.length, top = Math.min(20, P);
    assert.equal(j.eigenvalues_top.length, top);
    assertAllClose(j.eigenvalues_top, c.alignment.eigenvalues.slice(0, top), {
      rtol: 1e-10,
      atol: 1e-13 * c.alignment.eigenvalues[0]!,
    });
    assertAllClose(j.alignment_top, c.alignment.weights.slice(0, top), { rtol: 1e-8, atol: 1e-12 });
    for (const [key, ref] of [["Eg", "Eg"], ["Etr", "Etr"], ["R_em", "Rem"], ["D_em", "Dem"]]) {
      assertAllClose(j[key!], e[ref!]!, { rtol: 1e-10, atol: 1e-14, label: `${key} ` });
    }
    assertAllClose(j.ed_model, c.alignment.edModel, { rtol: 1e-11 });
    assertAllClose(j.ed_alignment, c.alignment.edAlignment, { rtol: 1e-8 });
    assertAllClose(j.out_of_span, c.alignment.outOfSpan, { rtol: 1e-8, atol: 1e-14 });
    assert.deepEqual(j.ps, c.ps);
    assert.equal(j.centered, c.center);
  });
}

Deno.test("spectral CLI equals the library, with the default grid of p and eigenvalues_top of length P < 20", async () => {
  const X = randn(12, 30, 1), Y = randn(12, 2, 2);
  const { code, out } = await cli([
    "spectral",
    npy("small_X", X),
    npy("small_Y", Y),
    "--ridge",
    "0.01",
  ]);
  assert.equal(code, 0);
  const j = JSON.parse(out);
  const a = alignment(X, Y);
  const t = theoryCurve(a, { ps: j.ps, ridge: 0.01 });
  assert.equal(j.eigenvalues_top.length, 12);
  assert.equal(j.alignment_top.length, 12);
  assert.deepEqual(j.ps, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(j.Eg, t.Eg);
  assert.deepEqual(j.alignment_top, a.weights);
  assert.equal(j.alignment_top[11], 0); // centred, rank 11: null mode at index 11 holds no power
  j.Eg.forEach((eg: number, k: number) =>
    assertAllClose(eg, j.R_em[k] * Math.sqrt(j.D_em[k]), { rtol: 1e-14 })
  );
});

Deno.test("spectral CLI reads a 1-D Y as one neuron and --method svd agrees", async () => {
  const X = randn(15, 6, 3), y = randn(15, 1, 4);
  const yPath = `${dir}/y1d.npy`;
  writeNpy(yPath, { shape: [15], data: y.data });
  const a = await cli(["spectral", npy("x1d", X), yPath, "--p", "3,7"]);
  const b = await cli(["spectral", npy("x1d", X), yPath, "--p", "3,7", "--method", "svd"]);
  assert.equal(a.code, 0, a.err);
  assert.equal(b.code, 0, b.err);
  const ja = JSON.parse(a.out), jb = JSON.parse(b.out);
  assert.equal(ja.N, 1);
  assertAllClose(jb.Eg, ja.Eg, { rtol: 1e-10 });
});

Deno.test("spectral CLI reports bad input with exit codes 1 and 2", async () => {
  const X = npy("bad_X", randn(10, 4, 1)), Y = npy("bad_Y", randn(10, 2, 2));
  let r = await cli(["spectral", X, Y, "--p", "5,11"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /`ps` must lie in \[1, P\] = \[1, 10\]: got 11 at index 1/);
  r = await cli(["spectral", X, Y, "--p", "1.5"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /`ps` must be integers: got 1.5 at index 0/);
  r = await cli(["spectral", X, Y, "--ridge=-1"]);
  assert.equal(r.code, 2); // an option value out of its range is bad usage
  assert.match(r.err, /`ridge` must be a finite number >= 0: got -1/);
  r = await cli(["spectral", X, Y, "--p", "5,,6"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--p must be a comma-separated list of numbers: got 5,,6/);
  r = await cli(["spectral", X, npy("bad_Y9", randn(9, 2, 2))]);
  assert.equal(r.code, 1);
  assert.match(r.err, /must have the same number of rows: got shapes \[10, 4\] and \[9, 2\]/);
  const nan = randn(10, 4, 1);
  nan.data[5] = NaN;
  r = await cli(["spectral", npy("nan_X", nan), Y]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`X` must be finite: got NaN at \[1, 1\]/);
  r = await cli(["spectral", npy("two_X", randn(2, 4, 1)), npy("two_Y", randn(2, 1, 1))]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`X` must have at least 3 rows \(stimuli\): got shape \[2, 4\]/);
  r = await cli(["spectral", X]);
  assert.equal(r.code, 2);
});

Deno.test("predict CLI equals ridgePredictivity()", async () => {
  const X = randn(60, 8, 5), Y = randn(60, 3, 6);
  for (let i = 0; i < 60; i++) Y.data[i * 3] += 2 * X.data[i * 8]!;
  const { code, out, err } = await cli([
    "predict",
    npy("p_X", X),
    npy("p_Y", Y),
    "--ridge",
    "0.05",
    "--folds",
    "3",
    "--seed",
    "7",
  ]);
  assert.equal(code, 0, err);
  const j = JSON.parse(out);
  const s = ridgePredictivity(X, Y, { ridge: 0.05, folds: 3, seed: 7 });
  assert.deepEqual(j.r2, s.r2);
  assert.deepEqual(j.r, s.pearson);
  assert.equal(j.mean_r2, s.meanR2);
  assert.equal(j.mean_r, s.meanPearson);
  assert.ok(j.r[0] > 0.7); // signal variance 4 against noise 1: r → 0.89 for large P
  assert.equal(j.folds, 3);
});

Deno.test("predict CLI reports bad input with exit codes 1 and 2", async () => {
  const X = npy("pb_X", randn(10, 4, 1)), Y = npy("pb_Y", randn(10, 2, 2));
  let r = await cli(["predict", X, Y, "--folds", "1"]);
  assert.equal(r.code, 2); // an option value out of its range is bad usage
  assert.match(r.err, /`folds` must be an integer in \[2, 10\]: got 1/);
  r = await cli(["predict", X, Y, "--folds", "2.5"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--folds must be an integer: got 2.5/);
  r = await cli(["predict", X, `${dir}/missing.npy`]);
  assert.equal(r.code, 1);
});

Deno.test("predict refuses a constant neuron instead of reporting r² = 1 and r = 0", async () => {
  const X = npy("const_X", randn(12, 3, 1));
  const Yc = randn(12, 2, 2);
  for (let i = 0; i < 12; i++) Yc.data[i * 2 + 1] = 4;
  const Y = npy("const_Y", Yc);
  const r = await cli(["predict", X, Y]);
  assert.equal(r.code, 1);
  assert.match(r.err, /`Y` column 1 has zero variance \(a constant neuron\)/);
});

Deno.test("spectral --p P (the whole training set) is allowed: the theory is defined there", async () => {
  const X = npy("full_X", randn(10, 4, 1)), Y = npy("full_Y", randn(10, 2, 2));
  const r = await cli(["spectral", X, Y, "--p", "5,10", "--ridge", "1e-3"]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.deepEqual(j.ps, [5, 10]);
  assert.ok(Number.isFinite(j.Eg[1]) && j.Eg[1] > 0 && j.Eg[1] < j.Eg[0]);
  assert.ok(Number.isFinite(j.Etr[1]) && j.Etr[1] >= 0);
});
