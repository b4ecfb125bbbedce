import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";

async function cli(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("mid-benchmark prints mean ± sd per method and metric as JSON", async () => {
  const r = await cli([
    "mid-benchmark",
    "--seeds",
    "2",
    "--n-train",
    "400",
    "--n-heldout",
    "400",
    "--n-test",
    "200",
    "--epochs",
    "2",
    "--resamples",
    "2",
  ]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  for (const m of ["erm", "random", "mid", "oracle"]) {
    for (const metric of ["mean_accuracy", "worst_group_accuracy"]) {
      assert.equal(typeof j[m][metric].mean, "number");
      assert.ok(j[m][metric].sd >= 0);
      assert.ok(j[m][metric].mean >= 0 && j[m][metric].mean <= 1);
    }
  }
  assert.equal(typeof j.mid_minority_fraction.mean, "number");
  assert.equal(typeof j.base_rate.mean, "number");
  assert.equal(j.seeds, 2);
  assert.equal(j.per_seed.length, 2);
});

Deno.test("mid-benchmark runs on the digits", async () => {
  const r = await cli([
    "mid-benchmark",
    "--data",
    "digits",
    "--seeds",
    "1",
    "--n-train",
    "600",
    "--n-heldout",
    "600",
    "--n-test",
    "400",
    "--epochs",
    "3",
    "--resamples",
    "1",
    "--width",
    "0.3",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).data, "digits");
});

Deno.test("mid-benchmark --model cnn trains the small CNN", async () => {
  const r = await cli([
    "mid-benchmark",
    "--model",
    "cnn",
    "--seeds",
    "1",
    "--n-train",
    "300",
    "--n-heldout",
    "300",
    "--n-test",
    "200",
    "--epochs",
    "2",
    "--resamples",
    "1",
    "--width",
    "0.5",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).model, "cnn");
});

Deno.test("mid-benchmark reports bad usage and bad values", async () => {
  const bad = await cli(["mid-benchmark", "--data", "cifar"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--data must be one of sprites, digits: got cifar/);
  const noise = await cli(["mid-benchmark", "--data", "digits", "--noise", "0.1"]);
  assert.equal(noise.code, 2);
  assert.match(noise.err, /--classes and --noise apply to --data sprites only/);
  const corr = await cli(["mid-benchmark", "--correlation", "1.5", "--seeds", "1"]);
  assert.equal(corr.code, 2); // an option value out of its range is bad usage
  assert.match(corr.err, /--correlation must be in \[0, 1\]: got 1.5/);
  const band = await cli([
    "mid-benchmark",
    "--seeds",
    "1",
    "--n-train",
    "300",
    "--n-heldout",
    "300",
    "--n-test",
    "200",
    "--epochs",
    "1",
    "--center",
    "1000",
  ]);
  assert.equal(band.code, 1);
  assert.match(band.err, /selects no sample/);
  const model = await cli(["mid-benchmark", "--model", "resnet"]);
  assert.equal(model.code, 2);
  assert.match(model.err, /--model must be one of mlp, cnn: got resnet/);
  const hidden = await cli(["mid-benchmark", "--hidden", "64,x"]);
  assert.equal(hidden.code, 2);
  assert.match(hidden.err, /--hidden must list positive integers: got 64,x/);
});
