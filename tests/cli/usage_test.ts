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
