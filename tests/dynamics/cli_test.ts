import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { runCliProcess } from "../_helpers/cli_process.ts";
import { readMatrix, writeNpy } from "../../lib/io/mod.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";
import { simulateVanDerPol } from "../../lib/dynamics/simulate/van_der_pol.ts";
import { simulateLorenz } from "../../lib/dynamics/simulate/lorenz.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync({ prefix: "dynamics_cli_" });
const vdp = simulateVanDerPol({ steps: 400, seed: 1, observationNoise: 0.01 });
const X = { shape: [400, 2], data: vdp.data };
const c = Math.cos(0.4), s = Math.sin(0.4);
const rotated = {
  shape: [400, 2],
  data: vdp.data.map((_, k) => {
    const t = Math.floor(k / 2), x = vdp.data[2 * t]!, y = vdp.data[2 * t + 1]!;
    return k % 2 === 0 ? c * x - s * y : s * x + c * y;
  }),
};
const lorenz = simulateLorenz({ steps: 400, trials: 2, seed: 2 });
writeNpy(`${dir}/x.npy`, X);
writeNpy(`${dir}/rot.npy`, rotated);
writeNpy(`${dir}/vdp2.npy`, {
  shape: [400, 2],
  data: simulateVanDerPol({ steps: 400, mu: 2, seed: 3, observationNoise: 0.01 }).data,
});
writeNpy(`${dir}/lorenz3d.npy`, lorenz);
writeNpy(`${dir}/bad4d.npy`, { shape: [1, 2, 2, 2], data: new Float64Array(8) });
writeNpy(`${dir}/nan.npy`, { shape: [3, 1], data: new Float64Array([1, NaN, 2]) });

Deno.test("cli dmd prints the eigenvalues of A_v as [re, im] pairs", async () => {
  const r = await cli(["dmd", `${dir}/x.npy`, "--n-delays", "5", "--rank", "6"]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  const fit = fitDmd(X, { nDelays: 5, rank: 6 });
  assert.equal(json.rank, 6);
  assertAllClose(
    json.eigenvalues.flat(),
    Array.from(fit.eigenvalues.re).flatMap((v, i) => [v, fit.eigenvalues.im[i]!]),
    { rtol: 1e-12, atol: 1e-14 },
  );
});

Deno.test("cli dmd accepts [trials, time, dims] with a delay interval and ridge", async () => {
  const r = await cli([
    "dmd",
    `${dir}/lorenz3d.npy`,
    "--n-delays",
    "3",
    "--delay-interval",
    "2",
    "--rank",
    "5",
    "--ridge",
    "0.01",
  ]);
  assert.equal(r.code, 0, r.err);
  const fit = fitDmd(lorenz, { nDelays: 3, delayInterval: 2, rank: 5, ridge: 0.01 });
  assertAllClose(JSON.parse(r.out).eigenvalues.map((p: number[]) => p[0]), fit.eigenvalues.re, {
    rtol: 1e-12,
    atol: 1e-14,
  });
});

Deno.test("cli dsa gives ≈0 for a rotated copy and a positive distance otherwise", async () => {
  const same = JSON.parse(
    (await cli(["dsa", `${dir}/x.npy`, `${dir}/rot.npy`, "--n-delays", "4", "--rank", "8"])).out,
  );
  assert.ok(same.distance < 1e-8, String(same.distance));
  assert.equal(same.score, "angular");
  const other = await cli([
    "dsa",
    `${dir}/x.npy`,
    `${dir}/vdp2.npy`,
    "--n-delays",
    "4",
    "--rank",
    "8",
    "--score",
    "euclidean",
    "--seed",
    "3",
  ]);
  const json = JSON.parse(other.out);
  assert.ok(json.distance > 0.01 && json.lowerBound <= json.distance);
  const w = JSON.parse(
    (await cli([
      "dsa",
      `${dir}/x.npy`,
      `${dir}/rot.npy`,
      "--n-delays",
      "4",
      "--rank",
      "8",
      "--score",
      "wasserstein",
    ])).out,
  );
  assert.ok(w.distance < 1e-12);
});

Deno.test("cli dsa-pairwise writes the matrix and prints it in the summary", async () => {
  const files = ["x.npy", "rot.npy", "vdp2.npy"].map((f) => `${dir}/${f}`);
  const r = await cli([
    "dsa-pairwise",
    ...files,
    "--n-delays",
    "4",
    "--rank",
    "8",
    "--out",
    `${dir}/D.npy`,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  const D = readMatrix(`${dir}/D.npy`);
  assert.deepEqual([D.rows, D.cols, json.systems, json.pairs], [3, 3, 3, 3]);
  assert.deepEqual(json.matrix.flat(), Array.from(D.data));
  assert.ok(D.data[1]! < 1e-8 && D.data[2]! > 0.01);
  const shard = JSON.parse(
    (await cli([
      "dsa-pairwise",
      ...files,
      "--rank",
      "8",
      "--n-delays",
      "4",
      "--shard",
      "1/2",
      "--workers",
      "2",
      "--out",
      `${dir}/D2.json`,
    ])).out,
  );
  // shard 1/2 is the contiguous range of pairs 1..2 of 3: (0, 2) and (1, 2)
  assert.equal(shard.pairs, 2);
  assert.equal(shard.matrix[0][1], null);
  assertAllClose(shard.matrix[0][2], D.data[2]!, { rtol: 1e-12 });
  const first = await cli([
    "dsa-pairwise",
    ...files,
    "--rank",
    "8",
    "--n-delays",
    "4",
    "--shard",
    "0/2",
    "--out",
    `${dir}/D1.json`,
  ]);
  assert.equal(first.code, 0, first.err);
  const merged = await cli([
    "pairwise-merge",
    `${dir}/D2.json`,
    `${dir}/D1.json`,
    "--out",
    `${dir}/DM.npy`,
  ]);
  assert.equal(merged.code, 0, merged.err);
  assert.deepEqual(readMatrix(`${dir}/DM.npy`).data, D.data);
});

Deno.test("cli reports bad usage with exit code 2", async () => {
  const files = [`${dir}/x.npy`, `${dir}/rot.npy`];
  for (
    const [args, message] of [
      [["dsa-pairwise", ...files], /--out D.npy is required/],
      [
        ["dsa", ...files, "--score", "cosine"],
        /--score must be one of angular, euclidean, wasserstein: got cosine/,
      ],
      [
        ["dmd", files[0]!, "--rank", "3", "--rank-threshold", "0.1"],
        /give at most one of --rank, --rank-threshold, --explained-variance/,
      ],
      [["dmd", files[0]!, "--n-delays", "two"], /--n-delays must be an integer: got two/],
      [
        ["dsa-pairwise", ...files, "--out", `${dir}/o.npy`, "--shard", "x"],
        /--shard must look like k\/n: got x/,
      ],
      [["dsa", files[0]!], /expected 2 positional argument\(s\): got 1/],
    ] as const
  ) {
    const r = await cli([...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err, message);
  }
});

Deno.test("cli reports bad data with exit code 1 and a clear message", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["dmd", `${dir}/bad4d.npy`],
      /expected 2 axes \[time, dims\] or 3 axes \[trials, time, dims\]: got shape \[1, 2, 2, 2\]/,
    ],
    [["dmd", `${dir}/nan.npy`], /Cannot fit DMD: `X` must be finite: got NaN at \[1, 0\]/],
    [["dmd", `${dir}/x.npy`, "--n-delays", "500"], /too few time steps for the delays/],
    [
      ["dsa", `${dir}/x.npy`, `${dir}/lorenz3d.npy`, "--n-delays", "4", "--rank", "12"],
      /`A` and `B` must have the same size/,
    ],
    [["dmd", `${dir}/missing.npy`], /missing\.npy/],
  ];
  for (const [args, message] of cases) {
    const r = await cli(args);
    assert.equal(r.code, 1, args.join(" "));
    assert.match(r.err, message);
  }
});

Deno.test("cli dsa takes the search gate flags: a gate at 1 iteration gives up later starts, bad values exit 2", async () => {
  const args = ["dsa", `${dir}/x.npy`, `${dir}/vdp2.npy`, "--n-delays", "4", "--rank", "8"];
  const gated = await cli([...args, "--gate-iterations", "1", "--explore-value-rel", "1e-4"]);
  assert.equal(gated.code, 0, gated.err);
  const json = JSON.parse(gated.out);
  assert.ok(json.startsGated > 0, `startsGated ${json.startsGated}`);
  assert.ok(json.distance > 0);
  for (const bad of [["--gate-iterations", "-1"], ["--gate-margin", "x"]]) {
    assert.equal((await cli([...args, ...bad])).code, 2, bad.join(" "));
  }
});

Deno.test("dmd keeps every singular direction by default but says when some are at rounding level", async () => {
  // a noiseless sinusoid has Hankel rank 2: with 6 delays, 4 directions carry only rounding
  const sine = new Float64Array(200).map((_, t) => Math.sin(0.1 * t));
  writeNpy(`${dir}/sine.npy`, { shape: [200, 1], data: sine });
  const run = (extra: string[]) =>
    runCliProcess(["dmd", `${dir}/sine.npy`, "--n-delays", "6", ...extra]);
  const all = await run([]);
  assert.equal(all.code, 0);
  assert.equal(JSON.parse(all.stdout).rank, 6);
  assert.match(
    all.stderr,
    /notice: rank 6 keeps 4 singular direction\(s\) at rounding level \(numerical rank 2\).*--rank 2/,
  );
  const two = await run(["--rank", "2"]);
  assert.equal(JSON.parse(two.stdout).rank, 2);
  assert.equal(two.stderr, "");
  // dsa says it for each system, and its result carries both numerical ranks
  const both = await runCliProcess([
    "dsa",
    `${dir}/sine.npy`,
    `${dir}/sine.npy`,
    "--n-delays",
    "6",
  ]);
  assert.equal(both.code, 0);
  assert.match(both.stderr, /notice: X: rank 6 keeps 4 .*\nnotice: Y: rank 6 keeps 4 /);
  const r = dsa({ shape: [200, 1], data: sine }, { shape: [200, 1], data: sine }, { nDelays: 6 });
  assert.deepEqual(r.numericalRanks, [2, 2]);
  assert.deepEqual(r.ranks, [6, 6]);
  // dsa-pairwise says it for each system it names, whole or in shards, and not with --rank 2
  const cos = new Float64Array(200).map((_, t) => Math.cos(0.3 * t) + 0.5 * Math.sin(0.05 * t));
  writeNpy(`${dir}/cos.npy`, { shape: [200, 1], data: cos });
  const files = [`${dir}/sine.npy`, `${dir}/cos.npy`];
  const pairwise = (extra: string[]) =>
    runCliProcess(["dsa-pairwise", ...files, "--n-delays", "6", ...extra]);
  const whole = await pairwise(["--out", `${dir}/pw_rank.npy`]);
  assert.equal(whole.code, 0);
  assert.match(whole.stderr, /notice: systems\[0\] \(.*sine\.npy\): rank 6 keeps 4 /);
  assert.match(whole.stderr, /notice: systems\[1\] \(.*cos\.npy\): rank 6 keeps 2 /);
  const shard = await pairwise(["--out", `${dir}/pw_rank_shard.json`, "--shard", "0/1"]);
  assert.equal(shard.code, 0);
  assert.equal(shard.stderr, whole.stderr);
  const quiet = await pairwise(["--out", `${dir}/pw_rank2.npy`, "--rank", "2"]);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, "");
});
