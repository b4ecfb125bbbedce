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
