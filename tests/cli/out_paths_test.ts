import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { readNpy, writeNpy } from "../../lib/io/mod.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "cli-out-paths-" }));
const path = (name: string) => `${dir}/${name}`;
writeNpy(path("X.npy"), randn(20, 4, 1));
writeNpy(path("Y.npy"), randn(20, 4, 2));
writeNpy(path("Z.npy"), randn(20, 4, 3));

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

function mkfifo(p: string): boolean {
  try {
    return new Deno.Command("mkfifo", { args: [p] }).outputSync().success;
  } catch {
    return false; // no mkfifo binary here
  }
}

const nets = [path("X.npy"), path("Y.npy"), path("Z.npy")];

Deno.test("--out through a symbolic link keeps the link and writes the file it points to", async () => {
  Deno.writeTextFileSync(path("target.npy"), "old");
  Deno.symlinkSync("target.npy", path("link.npy"));
  const r = await cli(["pairwise", ...nets, "--out", path("link.npy")]);
  assert.equal(r.code, 0, r.err);
  assert.ok(Deno.lstatSync(path("link.npy")).isSymlink, "the link is still a link");
  assert.equal(Deno.readLinkSync(path("link.npy")), "target.npy");
  const D = readNpy(path("target.npy"));
  assert.deepEqual(D.shape, [3, 3]);
  assert.deepEqual(Array.from(D.data as Float64Array), r.json.matrix.flat());
});

Deno.test("--out through a dangling link creates the file the link names", async () => {
  Deno.symlinkSync("made.npy", path("dangling.npy"));
  const r = await cli(["pairwise", ...nets, "--out", path("dangling.npy")]);
  assert.equal(r.code, 0, r.err);
  assert.ok(Deno.lstatSync(path("dangling.npy")).isSymlink);
  assert.deepEqual(readNpy(path("made.npy")).shape, [3, 3]);
});

Deno.test("--out naming a FIFO, or a link to one, is bad usage (exit 2) and the FIFO stays", async () => {
  if (!mkfifo(path("pipe.npy"))) return; // no mkfifo here: nothing to test
  Deno.symlinkSync("pipe.npy", path("to-pipe.npy"));
  for (const out of ["pipe.npy", "to-pipe.npy"]) {
    const r = await cli(["pairwise", ...nets, "--out", path(out)]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /--out must name a regular file: .*pipe\.npy.*FIFO/);
  }
  assert.ok(Deno.lstatSync(path("pipe.npy")).isFifo, "the FIFO is still a FIFO");
  assert.ok(Deno.lstatSync(path("to-pipe.npy")).isSymlink, "the link is still a link");
});

Deno.test("an --out whose extension is not the format written there is bad usage before any work", async () => {
  writeNpy(path("S1.npy"), randn(40, 3, 5));
  writeNpy(path("S2.npy"), randn(40, 3, 6));
  writeNpy(path("T.npy"), {
    shape: [4, 3, 2],
    data: Float64Array.from({ length: 24 }, (_, i) => i),
  });
  const cases: [string[], string, RegExp][] = [
    [
      ["pairwise", ...nets, "--out"],
      "D.csv",
      /\.npy \(a \.npy array\): got .*D\.csv \(its extension is \.csv\)/,
    ],
    [["pairwise", ...nets, "--out"], "D.txt", /\.npy .*its extension is \.txt/],
    [["pairwise", ...nets, "--shard", "0/2", "--out"], "sh.npy", /\.json \(the shard's JSON\)/],
    [["pairwise", ...nets, "--test-rows", "10:", "--test-out"], "T.csv", /--test-out .*\.npy/],
    [["dsa-pairwise", path("S1.npy"), path("S2.npy"), "--out"], "e.csv", /\.npy/],
    [["pairwise-merge", path("p.json"), "--out"], "m.csv", /\.npy/],
    [["cp", path("T.npy"), "--rank", "2", "--out"], "f.npy", /\.npz \(a \.npz archive\)/],
    [["pairwise", ...nets, "--out"], "D", /it has no extension/],
  ];
  for (const [argv, out, message] of cases) {
    const r = await cli([...argv, path(out)]);
    assert.equal(r.code, 2, `${argv[0]} --out ${out}: ${r.err}`);
    assert.match(r.err, /--(test-)?out must end in what is written there/);
    assert.match(r.err, message);
    assert.throws(() => Deno.lstatSync(path(out)), Deno.errors.NotFound, "nothing written");
  }
});

Deno.test("--out with the extension of the format written there works, in any case", async () => {
  const r = await cli(["pairwise", ...nets, "--out", path("D.NPY")]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readNpy(path("D.NPY")).shape, [3, 3]);
  const s = await cli(["pairwise", ...nets, "--shard", "0/2", "--out", path("part.json")]);
  assert.equal(s.code, 0, s.err);
  assert.equal(JSON.parse(Deno.readTextFileSync(path("part.json"))).shard.index, 0);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
