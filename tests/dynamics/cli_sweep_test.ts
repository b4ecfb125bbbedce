import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { sweepDmd } from "../../lib/dynamics/sweep.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync({ prefix: "dmd_sweep_cli_" });
const T = 300;
const series = {
  shape: [T, 1],
  data: Float64Array.from({ length: T }, (_, t) => Math.cos(0.3 * t) + 0.5 * Math.sin(0.71 * t)),
};
writeNpy(`${dir}/x.npy`, series);

Deno.test("cli dmd-sweep prints the same grid as sweepDmd() and writes a heatmap", async () => {
  const r = await cli([
    "dmd-sweep",
    `${dir}/x.npy`,
    "--n-delays",
    "1,4",
    "--ranks",
    "2,4",
    "--criterion",
    "r2",
    "--figure",
    `${dir}/sweep.svg`,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  const lib = sweepDmd(series, { nDelays: [1, 4], ranks: [2, 4], criterion: "r2" });
  assert.deepEqual(json.nDelays, [1, 4]);
  assert.deepEqual(json.cells, JSON.parse(JSON.stringify(lib.cells)));
  assert.deepEqual(json.best, { nDelays: 4, rank: 4 });
  assert.equal(json.figure, `${dir}/sweep.svg`);
  assert.match(Deno.readTextFileSync(`${dir}/sweep.svg`), /<svg[^>]*>.*DMD sweep: R²/s);
});

Deno.test("cli dmd-sweep exits 2 on a missing or malformed list", async () => {
  const missing = await cli(["dmd-sweep", `${dir}/x.npy`, "--ranks", "2"]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--n-delays is required/);
  const bad = await cli(["dmd-sweep", `${dir}/x.npy`, "--n-delays", "1,x", "--ranks", "2"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--n-delays must be positive integers separated by commas: got 1,x/);
});

Deno.test("cli dmd-sweep --workers 2 prints the same grid as --workers 1", async () => {
  const args = ["dmd-sweep", `${dir}/x.npy`, "--n-delays", "1,4", "--ranks", "2,3,4"];
  const one = await cli([...args, "--workers", "1"]);
  const two = await cli([...args, "--workers", "2"]);
  assert.equal(one.code, 0, one.err);
  assert.equal(two.code, 0, two.err);
  assert.equal(two.out, one.out);
  assert.equal(JSON.parse(two.out).cells.length, 6);
});

Deno.test("cli dmd-sweep exits 1 with the reason when constant data leaves every cell unscorable", async () => {
  writeNpy(`${dir}/const.npy`, { shape: [200, 3], data: new Float64Array(600).fill(1) });
  for (const criterion of ["mase", "nmse"]) {
    const r = await cli([
      "dmd-sweep",
      `${dir}/const.npy`,
      "--n-delays",
      "1",
      "--ranks",
      "2",
      "--criterion",
      criterion,
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /the training part \(160 samples of 3 channels\) never changes/);
    assert.doesNotMatch(r.err, /undefined \(reading/);
  }
});
