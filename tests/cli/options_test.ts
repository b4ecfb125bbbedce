import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { takeRows } from "../../lib/linalg/matrix.ts";
import { fitLinearMetric, scoreLinearMetric } from "../../lib/metrics/mod.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.makeTempDirSync({ prefix: "cli-options-" });
const path = (name: string) => `${dir}/${name}`;
const X = randn(30, 4, 3), Y = randn(30, 4, 4);
writeNpy(path("X.npy"), X);
writeNpy(path("Y.npy"), Y);

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

Deno.test("compare --test-rows alone fits on the other rows, not on the held-out ones", async () => {
  const r = await cli(["compare", path("X.npy"), path("Y.npy"), "--test-rows", "10:20"]);
  assert.equal(r.code, 0, r.err);
  const train = [...Array(10).keys(), ...Array.from({ length: 10 }, (_, k) => 20 + k)];
  const test = Array.from({ length: 10 }, (_, k) => 10 + k);
  const fit = fitLinearMetric(takeRows(X, train), takeRows(Y, train), { alpha: 1 });
  const expected = scoreLinearMetric(fit, takeRows(X, test), takeRows(Y, test));
  assert.ok(Math.abs(r.json.distance - expected) < 1e-12, `${r.json.distance} vs ${expected}`);
});

Deno.test("compare refuses overlapping training and held-out rows with exit 2", async () => {
  const r = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--train-rows",
    "0:20",
    "--test-rows",
    "15:",
  ]);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /--train-rows and --test-rows must not overlap: got 0:20 and 15:, which share rows 15..19/,
  );
});

Deno.test("a negative option value is read as a value, so its range check names it", async () => {
  const r = await cli(["compare", path("X.npy"), path("Y.npy"), "--alpha", "-0.1"]);
  assert.notEqual(r.code, 0);
  assert.doesNotMatch(r.err, /ambiguous/);
  assert.match(r.err, /alpha/);
  assert.match(r.err, /-0\.1/);
  const s = await cli(["compare", path("X.npy"), path("Y.npy"), "--test-rows", "-10:"]);
  assert.equal(s.code, 0, s.err);
});

Deno.test("numbers in hexadecimal or with blanks are refused, exit 2", async () => {
  for (const bad of ["0x1", " 1", "1_0", ""]) {
    const r = await cli(["compare", path("X.npy"), path("Y.npy"), "--alpha", bad]);
    assert.equal(r.code, 2, `--alpha ${JSON.stringify(bad)}`);
    assert.match(r.err, /--alpha must be a number/);
  }
});

Deno.test("output paths are checked before any work: folder, input, duplicates (exit 2)", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["pairwise", path("X.npy"), path("Y.npy"), "--out", path("X.npy")],
      /--out must not overwrite an input/,
    ],
    [
      ["pairwise", path("X.npy"), path("Y.npy"), "--out", path("nowhere/D.npy")],
      /the folder .*nowhere does not exist/,
    ],
    [
      ["pairwise", path("X.npy"), path("Y.npy"), "--out", dir],
      /--out must name a file: .* is a folder/,
    ],
    [[
      "pairwise",
      path("X.npy"),
      path("Y.npy"),
      "--train-rows",
      "0:20",
      "--test-rows",
      "20:",
      "--out",
      path("D.npy"),
      "--test-out",
      path("D.npy"),
    ], /--test-out and --out must name different files/],
    [[
      "pairwise",
      path("X.npy"),
      path("Y.npy"),
      "--out",
      path("D.npy"),
      "--test-out",
      path("T.npy"),
    ], /--test-out needs --test-rows/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.err, message);
  }
  assert.throws(() => Deno.statSync(path("D.npy")), Deno.errors.NotFound);
});
