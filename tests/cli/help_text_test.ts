import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";

const FIX = new URL("../io/fixtures/interchange/", import.meta.url).pathname;

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("info on an HDF5 file with several datasets says to choose one with --key, as for .npz", async () => {
  const r = await cli(["info", `${FIX}arrays.h5`]);
  assert.equal(r.code, 1);
  assert.match(r.err, /the file holds 7 datasets, choose one with --key: \/X, \/chunked/);
  assert.doesNotMatch(r.err, /`key`/);
  const one = await cli(["info", `${FIX}arrays.h5`, "--key", "/X"]);
  assert.equal(one.code, 0, one.err);
});

Deno.test("dmd, dsa and dsa-pairwise --help list the input flags (--key, --header) after their own options", async () => {
  for (const name of ["dmd", "dsa", "dsa-pairwise"]) {
    const help = (await cli([name, "--help"])).out;
    const key = help.indexOf("\n  --key K");
    assert.ok(key > help.indexOf("--center, --scale"), `${name}: --key amid the options`);
    const header = help.indexOf("\n  --header", key + 1);
    assert.ok(header > key, `${name}: --header after --key`);
    assert.ok(help.indexOf("\n  --", header + 1) < 0, `${name}: options after the input flags`);
  }
});

Deno.test("spectral and predict usage lines show --ridge and --p as optional, and a plain spectral runs", async () => {
  const spectral = (await cli(["spectral", "--help"])).out;
  assert.match(
    spectral,
    /^Usage: deno task cli spectral X\.npy Y\.npy \[--ridge L\] \[--p p1,p2,\.\.\.\]/,
  );
  assert.match(spectral, /\n {2}--key K/);
  assert.match(
    (await cli(["predict", "--help"])).out,
    /^Usage: deno task cli predict X\.npy Y\.npy \[--ridge L\]/,
  );
  const dir = Deno.makeTempDirSync({ prefix: "cli-help-" });
  const { writeNpy } = await import("../../lib/io/mod.ts");
  const { randn } = await import("../../lib/random.ts");
  writeNpy(`${dir}/X.npy`, randn(40, 6, 1));
  writeNpy(`${dir}/Y.npy`, randn(40, 3, 2));
  const r = await cli(["spectral", `${dir}/X.npy`, `${dir}/Y.npy`]);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).ridge, 0);
  Deno.removeSync(dir, { recursive: true });
});
