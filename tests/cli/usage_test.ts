import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy, writeNpz } from "../../lib/io/mod.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "cli-usage-" }));
const path = (name: string) => `${dir}/${name}`;
const X = randn(20, 4, 1);
writeNpy(path("X.npy"), X);
writeNpy(path("Y.npy"), randn(20, 4, 2));
writeNpz(path("Z.npz"), { a: X, b: X });

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

const XY = [path("X.npy"), path("Y.npy")];

Deno.test("a single-valued option given twice with different values is bad usage naming both", async () => {
  const cases: [string[], RegExp][] = [
    [["compare", ...XY, "--alpha", "0.5", "--alpha", "1"], /--alpha .*twice: 0\.5 and 1/],
    [
      ["compare", ...XY, "--measure", "cka", "--measure", "procrustes"],
      /--measure .*cka and procrustes/,
    ],
    [["compare", ...XY, "--alpha=0.5", "--alpha", "-0.5"], /--alpha .*0\.5 and -0\.5/],
    [["pairwise", ...XY, "--workers", "1", "--workers", "2"], /--workers .*1 and 2/],
    [["dsa", ...XY, "--n-delays", "2", "--n-delays", "3"], /--n-delays .*2 and 3/],
    [["dsa", ...XY, "--rank", "2", "--rank", "3"], /--rank .*2 and 3/],
    [["info", path("Z.npz"), "--key", "a", "--key", "b"], /--key .*a and b/],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.err, message);
    assert.match(r.err, /takes one value and was given twice/);
  }
});

Deno.test("the same value given twice is harmless and runs as if given once", async () => {
  const once = await cli(["compare", ...XY, "--alpha", "0.5"]);
  const twice = await cli(["compare", ...XY, "--alpha", "0.5", "--alpha", "0.5"]);
  assert.equal(twice.code, 0, twice.err);
  assert.deepEqual(twice.json, once.json);
});

Deno.test("--key, declared to repeat, still takes one value per input", async () => {
  const r = await cli(["compare", path("Z.npz"), path("Z.npz"), "--key", "a", "--key", "b"]);
  assert.equal(r.code, 0, r.err);
  assert.ok(Math.abs(r.json.distance) < 1e-6, `a and b hold the same array: ${r.json.distance}`);
});

Deno.test("--key for an input that has no members is bad usage (exit 2) naming the input", async () => {
  const r = await cli(["compare", path("Z.npz"), path("X.npy"), "--key", "a", "--key", "b"]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /--key .*got --key b for input 2, .*X\.npy, which is npy/);
});

Deno.test("every --seed takes the same range, and a seed past 2³² − 1 is bad usage, not a repeat of a smaller one", async () => {
  writeNpy(path("S1.npy"), randn(60, 3, 7));
  writeNpy(path("S2.npy"), randn(60, 3, 8));
  writeNpy(path("U1.npy"), randn(60, 2, 9));
  writeNpy(path("U2.npy"), randn(60, 2, 10));
  writeNpy(path("T.npy"), {
    shape: [4, 3, 2],
    data: Float64Array.from({ length: 24 }, (_, i) => Math.sin(i)),
  });
  const S = [path("S1.npy"), path("S2.npy")];
  const commandsWithSeeds: string[][] = [
    ["dsa", ...S],
    ["compare", ...S, "--measure", "dsa"],
    ["compare", ...XY, "--bootstrap", "5"],
    ["pairwise", ...XY, path("X.npy"), "--bootstrap", "5"],
    ["input-dsa", ...S, "--inputs", `${path("U1.npy")},${path("U2.npy")}`],
    ["procrustes-kmeans", ...XY, path("X.npy"), "--k", "2"],
    ["cp", path("T.npy"), "--rank", "1"],
  ];
  for (const argv of commandsWithSeeds) {
    for (const seed of ["4294967296", "-2147483649", "1e20"]) {
      const r = await cli([...argv, "--seed", seed]);
      assert.equal(r.code, 2, `${argv.join(" ")} --seed ${seed}: ${r.err}`);
      assert.match(r.err, /--seed must be/);
    }
  }
  const r = await cli(["ltr-fit", path("T.npy"), "--rank", "1", "--mask-seed", "4294967296"]);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /--mask-seed must be in \[-2147483648, 4294967295\]: got 4294967296/);
});

Deno.test("the extreme seeds 0 and 2³² − 1 are accepted by dsa", async () => {
  for (const seed of ["0", "4294967295", "-2147483648"]) {
    const r = await cli(["dsa", path("S1.npy"), path("S2.npy"), "--seed", seed]);
    assert.equal(r.code, 0, `--seed ${seed}: ${r.err}`);
  }
});

Deno.test("a flag contradicting what an alias fixes is bad usage (exit 2), whatever the option", async () => {
  const cases: [string[], RegExp][] = [
    [
      ["--measure", "procrustes", "--alpha", "0.5"],
      /--alpha 0\.5 contradicts --measure procrustes, which fixes alpha to 1/,
    ],
    [
      ["--measure", "linear-cka", "--kernel", "rbf"],
      /--kernel rbf contradicts --measure linear-cka, which fixes kernel to linear/,
    ],
    [
      ["--measure", "rbf-cka", "--kernel", "linear"],
      /--kernel linear contradicts --measure rbf-cka, which fixes kernel to rbf/,
    ],
  ];
  for (const [flags, message] of cases) {
    for (const command of ["compare", "pairwise"]) {
      const r = await cli([command, ...XY, ...flags]);
      assert.equal(r.code, 2, `${command} ${flags.join(" ")}: ${r.err}`);
      assert.match(r.err, message);
    }
  }
  const S = [path("S1.npy"), path("S2.npy")];
  writeNpy(S[0]!, randn(60, 3, 7));
  writeNpy(S[1]!, randn(60, 3, 8));
  const d = await cli(["compare", ...S, "--measure", "dsa-wasserstein", "--score", "angular"]);
  assert.equal(d.code, 2, d.err);
  assert.match(d.err, /--score angular contradicts --measure dsa-wasserstein/);
});

Deno.test("a flag repeating what an alias fixes is accepted and changes nothing", async () => {
  const alias = await cli(["compare", ...XY, "--measure", "procrustes"]);
  const same = await cli(["compare", ...XY, "--measure", "procrustes", "--alpha", "1.0"]);
  assert.equal(same.code, 0, same.err);
  assert.deepEqual(same.json, alias.json);
});

Deno.test("a measure's flag that has no effect with the other options chosen is bad usage naming both", async () => {
  const S = [path("S1.npy"), path("S2.npy")];
  writeNpy(S[0]!, randn(60, 3, 7));
  writeNpy(S[1]!, randn(60, 3, 8));
  const cases: [string[], RegExp][] = [
    [
      ["compare", ...XY, "--measure", "cka", "--threshold", "0.5"],
      /--threshold 0\.5 has no effect with measure cka \(kernel linear\)/,
    ],
    [
      ["compare", ...XY, "--measure", "linear-cka", "--threshold", "0.5"],
      /--threshold 0\.5 has no effect with measure linear-cka/,
    ],
    [
      ["compare", ...XY, "--measure", "rbf-cka", "--no-center"],
      /--no-center has no effect with measure rbf-cka/,
    ],
    [
      ["compare", ...XY, "--measure", "debiased-cka", "--no-center"],
      /--no-center has no effect with measure debiased-cka/,
    ],
    [
      ["pairwise", ...XY, "--measure", "cka", "--kernel", "rbf", "--no-center"],
      /--no-center has no effect with measure cka \(kernel rbf\)/,
    ],
    [
      ["compare", ...S, "--measure", "dsa", "--score", "wasserstein", "--max-starts", "3"],
      /--max-starts 3 has no effect with measure dsa \(score wasserstein\)/,
    ],
    [
      ["compare", ...S, "--measure", "dsa-wasserstein", "--screen", "2"],
      /--screen 2 has no effect with measure dsa-wasserstein/,
    ],
    [
      ["dsa-pairwise", ...S, "--score", "wasserstein", "--max-starts", "3", "--out", path("e.npy")],
      /--max-starts 3 has no effect/,
    ],
    [
      ["dsa", ...S, "--score", "wasserstein", "--max-starts", "3"],
      /--max-starts 3 has no effect with --score wasserstein/,
    ],
  ];
  for (const [argv, message] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, `${argv.join(" ")}: ${r.err}`);
    assert.match(r.err, message);
  }
});

Deno.test("the same flags where they act still work: --threshold with RBF CKA, --no-center with linear CKA", async () => {
  const a = await cli(["compare", ...XY, "--measure", "rbf-cka", "--threshold", "0.5"]);
  const b = await cli(["compare", ...XY, "--measure", "rbf-cka"]);
  assert.equal(a.code, 0, a.err);
  assert.notEqual(a.json.similarity, b.json.similarity);
  const c = await cli(["compare", ...XY, "--measure", "cka", "--no-center"]);
  assert.equal(c.code, 0, c.err);
  const s = await cli([
    "dsa",
    path("S1.npy"),
    path("S2.npy"),
    "--score",
    "wasserstein",
    "--seed",
    "3",
  ]);
  assert.equal(s.code, 0, `--seed stays accepted everywhere: ${s.err}`);
});

Deno.test("--memory-budget with a measure that cannot stream says on stderr that it runs in memory", () => {
  const run = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("../../lib/cli/main.ts", import.meta.url).pathname,
      "compare",
      ...XY,
      "--measure",
      "rbf-cka",
      "--memory-budget",
      "1KiB",
    ],
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).outputSync();
  assert.equal(run.code, 0);
  const err = new TextDecoder().decode(run.stderr);
  assert.match(
    err,
    /^notice: --memory-budget 1KiB does not apply here; this comparison runs in memory \(RBF CKA/m,
  );
  assert.equal(err.trim().split("\n").length, 1, err);
  assert.ok(JSON.parse(new TextDecoder().decode(run.stdout)).similarity > 0);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
