import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.makeTempDirSync({ prefix: "compare-stream-" });
const X = randn(400, 6, 1), Y = randn(400, 4, 2);
for (let k = 0; k < X.data.length; k++) X.data[k] = X.data[k]! + 50;
writeNpy(`${dir}/X.npy`, X);
writeNpy(`${dir}/Y.npy`, Y);
Deno.writeTextFileSync(`${dir}/Y.csv`, "a\n1\n2\n");

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

const base = ["compare", `${dir}/X.npy`, `${dir}/Y.npy`];

Deno.test("compare --stream gives the in-memory distance for the linear family and CKA, training rows included", async () => {
  for (
    const extra of [
      ["--alpha", "0.5"],
      ["--alpha", "0", "--score", "euclidean"],
      ["--alpha", "1", "--train-rows", "50:350"],
      ["--metric", "permutation", "--score", "euclidean"],
      ["--metric", "cka"],
      ["--metric", "cka", "--no-center", "--train-rows", "0:200"],
    ]
  ) {
    const mem = await cli([...base, ...extra]);
    const str = await cli([...base, ...extra, "--stream"]);
    assert.equal(str.code, 0, str.err);
    assert.equal(str.json.streamed, true);
    assert.equal(mem.json.streamed, undefined);
    for (const k of Object.keys(mem.json)) {
      const a = str.json[k], b = mem.json[k];
      if (typeof b === "number") {
        assert.ok(
          Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)),
          `${extra} ${k}: ${a} vs ${b}`,
        );
      } else assert.deepEqual(a, b, `${extra} ${k}`);
    }
  }
});

Deno.test("compare streams automatically when the inputs exceed --memory-budget", async () => {
  const small = await cli([...base, "--memory-budget", "1KiB"]);
  assert.equal(small.json.streamed, true);
  const big = await cli([...base, "--memory-budget", "1GiB"]);
  assert.equal(big.json.streamed, undefined);
  assert.ok(Math.abs(small.json.distance - big.json.distance) < 1e-10);
  // a comparison that cannot stream is done in memory whatever the budget
  const rbf = await cli([...base, "--metric", "cka", "--kernel", "rbf", "--memory-budget", "1KiB"]);
  assert.equal(rbf.code, 0, rbf.err);
  assert.equal(rbf.json.streamed, undefined);
});

Deno.test("compare --stream refuses what row blocks cannot give, with exit code 2", async () => {
  for (
    const [extra, message] of [
      [["--metric", "conv-linear"], "only the linear, permutation and cka measures"],
      [["--metric", "cka", "--debiased"], "only linear, biased CKA"],
      [["--test-rows", "300:400"], "--test-rows"],
      [["--memory-budget", "lots"], "--memory-budget must be a positive size"],
    ] as const
  ) {
    const r = await cli([...base, ...extra, "--stream"]);
    assert.equal(r.code, 2, `${extra}`);
    assert.match(r.err, new RegExp(message.replace(/[-]/g, "\\-")));
  }
  const csv = await cli(["compare", `${dir}/X.npy`, `${dir}/Y.csv`, "--stream"]);
  assert.equal(csv.code, 2);
  assert.match(csv.err, /expected \.npy, HDF5, an Arrow IPC file or Parquet: got csv/);
});
