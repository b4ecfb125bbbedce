import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const F = JSON.parse(
  Deno.readTextFileSync(new URL("../rsa/fixtures/rsa.json", import.meta.url)),
);

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync();
function npy(name: string, value: unknown): string {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const path = `${dir}/${name}.npy`;
  writeNpy(path, { shape, data: new Float64Array((value as number[]).flat(3) as number[]) });
  return path;
}

Deno.test("rdm prints the RDM of the numpy reference for each method", async () => {
  for (const c of F.rdm) {
    const argv = ["rdm", npy("X", c.X), "--method", c.method];
    if (c.noise) argv.push("--noise", npy("N", c.noise));
    if (c.conditions) argv.push("--conditions", npy("C", c.conditions));
    if (c.runs) argv.push("--runs", npy("R", c.runs));
    const { code, out, err } = await cli(argv);
    assert.equal(code, 0, err);
    assertAllClose(JSON.parse(out).rdm.flat(), c.rdm.flat(), { rtol: 1e-10, atol: 1e-12 });
  }
});

Deno.test("rdm --stream averages the conditions on the way to the numpy reference RDM", async () => {
  let streamed = 0;
  for (const c of F.rdm) {
    if (c.method === "crossnobis") continue;
    // without labels each row is its own condition
    const conditions = c.conditions ?? c.X.map((_: unknown, i: number) => i);
    const argv = ["rdm", npy("X", c.X), "--method", c.method, "--stream"];
    if (c.noise) argv.push("--noise", npy("N", c.noise));
    argv.push("--conditions", npy("C", conditions));
    const { code, out, err } = await cli(argv);
    assert.equal(code, 0, err);
    assert.equal(JSON.parse(out).streamed, true);
    assertAllClose(JSON.parse(out).rdm.flat(), c.rdm.flat(), { rtol: 1e-10, atol: 1e-12 });
    streamed++;
  }
  assert.ok(streamed >= 3);
  const X = npy("X", F.rdm[0].X);
  for (
    const [extra, message] of [
      [[], "--stream needs --conditions"],
      [["--method", "crossnobis", "--conditions", X], "crossnobis needs each run's rows"],
    ] as const
  ) {
    const r = await cli(["rdm", X, "--stream", ...extra]);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(message.replace(/[-]/g, "\\-")));
  }
});

Deno.test("rdm-compare prints a number for two RDMs and a K_A × K_B matrix for stacks", async () => {
  const c = F.compare[0];
  let r = await cli(["rdm-compare", npy("A", c.a), npy("B", c.b), "--method", "kendall"]);
  assert.equal(r.code, 0, r.err);
  assertAllClose(JSON.parse(r.out).similarity, c.similarity.kendall, { rtol: 1e-10 });
  r = await cli(["rdm-compare", npy("A", [c.a]), npy("B", [c.b, c.a]), "--method", "corr"]);
  assert.equal(r.code, 0, r.err);
  const S = JSON.parse(r.out).similarity;
  assert.equal(S.length, 1);
  assertAllClose(S[0], [c.similarity.corr, 1], { rtol: 1e-10 });
});

Deno.test("noise-ceiling prints the lower and upper ceiling", async () => {
  const { code, out, err } = await cli([
    "noise-ceiling",
    npy("S", F.subjects),
    "--method",
    "spearman",
  ]);
  assert.equal(code, 0, err);
  const j = JSON.parse(out);
  assertAllClose([j.lower, j.upper], F.ceiling.spearman, { rtol: 1e-10 });
});

Deno.test("rsa-fit prints unit-length weights and the fitted model's similarity", async () => {
  const { code, out, err } = await cli([
    "rsa-fit",
    npy("S", F.subjects),
    npy("M", F.models),
    "--method",
    "corr_cov",
    "--fitter",
    "regress",
  ]);
  assert.equal(code, 0, err);
  const j = JSON.parse(out);
  assertAllClose(j.weights, F.fit["corr_cov/regress"].weights, { rtol: 1e-7, atol: 1e-9 });
  assertAllClose(j.similarity, F.fit["corr_cov/regress"].similarity, { rtol: 1e-9 });
});

Deno.test("rsa-eval prints the evaluation and a seeded, reproducible SE", async () => {
  const argv = [
    "rsa-eval",
    npy("S", F.subjects),
    npy("M", F.models[0]),
    "--method",
    "corr",
    "--bootstrap",
    "pattern",
    "--samples",
    "200",
    "--seed",
    "4",
  ];
  const a = await cli(argv), b = await cli(argv);
  assert.equal(a.code, 0, a.err);
  const j = JSON.parse(a.out);
  assertAllClose(j.evaluation, F.evaluation.corr, { rtol: 1e-10 });
  assert.ok(j.se > 0);
  assert.equal(a.out, b.out);
});

Deno.test("rsa commands reject bad input with a clear message and exit code", async () => {
  const good = F.subjects[0];
  const nan = good.map((row: number[]) => [...row]);
  nan[0][1] = NaN;
  nan[1][0] = NaN;
  const asym = good.map((row: number[]) => [...row]);
  asym[0][1] += 1;
  const cases: [string[], number, RegExp][] = [
    [
      ["rdm-compare", npy("nan", nan), npy("g", good)],
      1,
      /`A` must be finite: got NaN at \[0, 1\]/,
    ],
    [["rdm-compare", npy("asym", asym), npy("g", good)], 1, /`A` must be symmetric/],
    [["rdm-compare", npy("rect", [[0, 1, 2]]), npy("g", good)], 1, /`A` must be square/],
    [["rdm-compare", npy("two", [[0, 1], [1, 0]]), npy("two", [[0, 1], [1, 0]])], 1, /at least 3/],
    [["rdm", npy("X2", [[1, 2], [3, 4]])], 1, /at least 3 conditions: got 2/],
    [
      [
        "rdm",
        npy("X4", [[1], [2], [3], [4]]),
        "--method",
        "crossnobis",
        "--conditions",
        npy("c4", [0, 1, 2, 0]),
        "--runs",
        npy("r4", [0, 0, 0, 1]),
      ],
      1,
      /condition 1 is missing from run 1/,
    ],
    [
      ["rsa-eval", npy("S", F.subjects), npy("M", F.models[0]), "--samples", "0"],
      2,
      /--samples must be at least 1: got 0/,
    ],
    [
      ["rsa-eval", npy("S", F.subjects), npy("M", F.models[0]), "--samples", "1"],
      2,
      /--samples 1 gives no standard error \(it needs at least 2 samples\)/,
    ],
    [
      [
        "rdm-compare",
        npy("g", good),
        npy(
          "flat",
          good.map((r: number[], i: number) => r.map((_: number, j: number) => (i === j ? 0 : 1))),
        ),
        "--method",
        "corr",
      ],
      1,
      /`B` is constant \(every dissimilarity is 1\): corr is undefined for it/,
    ],
    [
      ["rsa-fit", npy("S", F.subjects), npy("M", F.models), "--method", "spearman"],
      2,
      /--method must be one of cosine, corr, cosine_cov, corr_cov for rsa-fit: got spearman/,
    ],
    [
      ["rdm-compare", npy("g", good), npy("g", good), "--method", "pearson"],
      2,
      /--method must be one of cosine/,
    ],
  ];
  for (const [argv, code, message] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, code, `${argv.join(" ")}: ${r.err}`);
    assert.match(r.err, message);
  }
});
