import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { commands } from "../../lib/cli/registry.ts";
import { getMeasure } from "../../lib/measures/all.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";

const dir = Deno.makeTempDirSync({ prefix: "cli-dsa-options-" });
const path = (name: string) => `${dir}/${name}`;

/** Two noisy three-dimensional oscillations, [300 time, 3 dims]. */
function series(freqs: number[], seed: number): number[][] {
  let s = seed;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.02;
  return Array.from(
    { length: 300 },
    (_, t) => freqs.map((f, j) => Math.sin(f * t * 0.1 + j) + noise()),
  );
}
writeNpy(path("X.npy"), fromRows(series([1, 1.3, 0.7], 1)));
writeNpy(path("Y.npy"), fromRows(series([1, 1.1, 0.5], 2)));
const nan = series([1, 1.3, 0.7], 1);
nan[7]![1] = NaN;
writeNpy(path("Xn.npy"), fromRows(nan));

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

const fit = ["--n-delays", "3", "--rank", "6"];
const XY = [path("X.npy"), path("Y.npy")];

Deno.test("dsa and dsa-pairwise take every search flag that compare --measure dsa takes", () => {
  const dmdFlags = ["n-delays", "delay-interval", "rank", "rank-threshold", "explained-variance"];
  const searchFlags = getMeasure("dsa").measure.options.map((o) => o.flag).filter((f) =>
    ![...dmdFlags, "ridge", "center", "scale"].includes(f)
  );
  assert.ok(searchFlags.includes("max-total-iterations") && searchFlags.includes("screen"));
  for (const name of ["dsa", "dsa-pairwise"]) {
    const command = commands.find((c) => c.name === name)!;
    for (const flag of searchFlags) {
      assert.ok(flag in command.options, `${name} lacks --${flag}`);
      assert.match(command.help, new RegExp(`\\n  --${flag} `), `${name} --help lacks --${flag}`);
    }
  }
});

Deno.test("dsa --max-total-iterations 5 stops on the budget after 5 iterations, as compare --measure dsa does", async () => {
  const budget = ["--max-total-iterations", "5"];
  const d = await cli(["dsa", ...XY, ...fit, ...budget]);
  assert.equal(d.code, 0, d.err);
  assert.equal(d.json.iterations, 5);
  assert.equal(d.json.stopReason, "budget");
  const c = await cli(["compare", ...XY, "--measure", "dsa", ...fit, ...budget]);
  assert.equal(c.code, 0, c.err);
  assert.equal(d.json.distance, c.json.distance);
  const free = await cli(["dsa", ...XY, ...fit]);
  assert.ok(free.json.iterations > 5 && free.json.distance < d.json.distance);
});

Deno.test("dsa refuses a bad --max-total-iterations as compare --measure dsa does (exit 2, naming the flag)", async () => {
  for (
    const [value, message] of [["-1", /must be in \[0, Infinity\]: got -1/], ["1.5", /integer/]]
  ) {
    for (const command of [["dsa", ...XY], ["compare", ...XY, "--measure", "dsa"]]) {
      const r = await cli([...command, ...fit, "--max-total-iterations", value as string]);
      assert.equal(r.code, 2, `${command[0]} ${value}`);
      assert.match(r.err, /--max-total-iterations/);
      assert.match(r.err, message as RegExp);
    }
  }
  const w = await cli(["dsa", ...XY, ...fit, "--score", "wasserstein", "--agree", "3"]);
  assert.equal(w.code, 2);
  assert.match(w.err, /--agree 3 has no effect with --score wasserstein/);
});

Deno.test("dsa-pairwise passes --min-random-starts and --max-total-iterations to the search (recorded in the shard, equal to dsa's distance)", async () => {
  const search = [
    "--max-starts",
    "40",
    "--min-random-starts",
    "30",
    "--max-total-iterations",
    "400",
  ];
  const d = await cli(["dsa", ...XY, ...fit, ...search]);
  assert.equal(d.code, 0, d.err);
  const p = await cli(["dsa-pairwise", ...XY, ...fit, ...search, "--out", path("D.npy")]);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.json.matrix[0][1], d.json.distance);
  const part = await cli([
    "dsa-pairwise",
    ...XY,
    ...fit,
    ...search,
    "--shard",
    "0/1",
    "--out",
    path("p.json"),
  ]);
  assert.equal(part.code, 0, part.err);
  const options = JSON.parse(Deno.readTextFileSync(path("p.json"))).options;
  assert.deepEqual([options.maxStarts, options.minRandomStarts, options.maxTotalIterations], [
    40,
    30,
    400,
  ]);
  // min-random-starts reaches the search: 30 random starts run where the default stops earlier
  const many = await cli(["dsa", ...XY, ...fit, "--max-starts", "40", "--min-random-starts", "30"]);
  const plain = await cli(["dsa", ...XY, ...fit, "--max-starts", "40"]);
  assert.ok(many.json.startsByFamily.random >= 30, JSON.stringify(many.json.startsByFamily));
  assert.ok(plain.json.startsByFamily.random < 30, JSON.stringify(plain.json.startsByFamily));
  const bad = await cli([
    "dsa-pairwise",
    ...XY,
    ...fit,
    "--min-random-starts",
    "-1",
    "--out",
    path("D.npy"),
  ]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.err,
    /--min-random-starts: .*`minRandomStarts` must be in \[0, Infinity\]: got -1/,
  );
});

Deno.test("dsa-pairwise shards made with --max-total-iterations merge, and a shard with another budget is refused", async () => {
  const files = [...XY, path("X.npy")].map((p, i) => {
    const copy = path(`s${i}.npy`);
    Deno.copyFileSync(p, copy);
    return copy;
  });
  const shard = (k: string, budget: string, out: string) =>
    cli([
      "dsa-pairwise",
      ...files,
      ...fit,
      "--max-total-iterations",
      budget,
      "--shard",
      k,
      "--out",
      out,
    ]);
  for (const [k, out] of [["0/2", "a.json"], ["1/2", "b.json"]]) {
    const r = await shard(k, "40", path(out));
    assert.equal(r.code, 0, r.err);
  }
  const merged = await cli([
    "pairwise-merge",
    path("a.json"),
    path("b.json"),
    "--out",
    path("M.npy"),
  ]);
  assert.equal(merged.code, 0, merged.err);
  const whole = await cli([
    "dsa-pairwise",
    ...files,
    ...fit,
    "--max-total-iterations",
    "40",
    "--out",
    path("W.npy"),
  ]);
  assert.deepEqual(
    Deno.readFileSync(path("M.npy")).subarray(128),
    Deno.readFileSync(path("W.npy")).subarray(128),
  );
  assert.equal(whole.code, 0, whole.err);
  assert.equal((await shard("1/2", "41", path("c.json"))).code, 0);
  const mixed = await cli([
    "pairwise-merge",
    path("a.json"),
    path("c.json"),
    "--out",
    path("N.npy"),
  ]);
  assert.equal(mixed.code, 1);
  assert.match(mixed.err, /c\.json|a\.json/);
});

Deno.test("dsa names the file that holds a NaN, whichever argument it is", async () => {
  const second = await cli(["dsa", path("X.npy"), path("Xn.npy"), ...fit]);
  assert.equal(second.code, 1);
  assert.match(second.err, /must be finite: got NaN at \[7, 1\] \(in `Y`, .*Xn\.npy\)/);
  const first = await cli(["dsa", path("Xn.npy"), path("Y.npy"), ...fit]);
  assert.equal(first.code, 1);
  assert.match(first.err, /must be finite: got NaN at \[7, 1\] \(in `X`, .*Xn\.npy\)/);
  const pairwise = await cli([
    "dsa-pairwise",
    ...XY,
    path("Xn.npy"),
    ...fit,
    "--out",
    path("P.npy"),
  ]);
  assert.equal(pairwise.code, 1);
  assert.match(pairwise.err, /NaN at \[7, 1\] \(in `systems\[2\]`, .*Xn\.npy\)/);
});

Deno.test("--memory on a measure without it suggests --memory-budget", async () => {
  const r = await cli(["compare", ...XY, "--measure", "linear", "--memory", "1MiB"]);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /--memory does not apply to measure linear .*; did you mean --memory-budget\?/,
  );
});
