import assert from "node:assert/strict";
import { runCliProcess } from "../_helpers/cli_process.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { bootstrapMeasure } from "../../lib/inference/mod.ts";

const dir = Deno.makeTempDirSync({ prefix: "cli-bootstrap-discarded-" });
const path = (name: string) => `${dir}/${name}`;

/** [5 trials, 60 time, 3 dims] of a damped rotation with a little deterministic noise. */
function trials(shift: number): { data: Float64Array; shape: number[] } {
  const data = new Float64Array(5 * 60 * 3);
  for (let k = 0; k < 5; k++) {
    for (let t = 0; t < 60; t++) {
      for (let j = 0; j < 3; j++) {
        data[(k * 60 + t) * 3 + j] = Math.exp(-0.01 * t) * Math.sin(0.3 * t + j + k) +
          0.05 * Math.sin(7.1 * (k + 1) * (t + 1) * (j + 1 + shift));
      }
    }
  }
  return { data, shape: [5, 60, 3] };
}
const [a, b] = [trials(0), trials(0.5)];
writeNpy(path("A.npy"), a);
writeNpy(path("B.npy"), b);

Deno.test("compare --measure dsa --bootstrap reports the draws it discarded (bootstrap_discarded) with a notice", async () => {
  const args = ["--measure", "dsa", "--n-delays", "2", "--rank", "4", "--bootstrap", "50"];
  const r = await runCliProcess(["compare", path("A.npy"), path("B.npy"), ...args]);
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  // 5 trials drawn 5 times with replacement: P(fewer than 3 distinct) = 305/3125 per draw
  const lib = bootstrapMeasure("dsa", a, b, { samples: 50, seed: 0, nDelays: 2, rank: 4 });
  assert.ok(lib.discarded > 0);
  assert.equal(json.bootstrap_discarded, lib.discarded);
  assert.equal(json.bootstrap_samples, 50 - lib.discarded);
  assert.equal(json.bootstrap_samples, lib.distribution.length);
  assert.match(
    r.stderr,
    new RegExp(
      `^notice: ${lib.discarded} of 50 bootstrap draws had fewer than 3 distinct trials and were discarded`,
      "m",
    ),
  );
});

Deno.test("compare --bootstrap with nothing discarded reports bootstrap_discarded 0 and prints no notice", async () => {
  const rows = (s: number) => ({
    data: Float64Array.from({ length: 40 * 3 }, (_, i) => Math.sin(1.7 * i + s)),
    shape: [40, 3],
  });
  writeNpy(path("X.npy"), rows(0));
  writeNpy(path("Y.npy"), rows(1));
  const r = await runCliProcess([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--measure",
    "cka",
    "--bootstrap",
    "20",
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).bootstrap_discarded, 0);
  assert.doesNotMatch(r.stderr, /discarded/);
});
