// Publishable: `deno doc --lint mod.ts` finds no documentation problem and
// `deno publish --dry-run` accepts the package (no ambient module augmentation,
// no slow types in the public API).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function deno(args: string[]) {
  const out = new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const dec = new TextDecoder();
  return { code: out.code, text: dec.decode(out.stdout) + dec.decode(out.stderr) };
}

Deno.test("deno doc --lint mod.ts reports no documentation problem", () => {
  const r = deno(["doc", "--lint", "mod.ts"]);
  const problems = r.text.split("\n").filter((l) => /^error\[/.test(l));
  assert.deepEqual(problems, []);
  assert.equal(r.code, 0, r.text.slice(-2000));
});

Deno.test("deno publish --dry-run accepts the package", () => {
  const r = deno(["publish", "--dry-run", "--allow-dirty"]);
  const problems = r.text.split("\n").filter((l) => /^error/.test(l));
  assert.deepEqual(problems, []);
  assert.equal(r.code, 0, r.text.slice(-2000));
  assert.match(r.text, /Dry run complete/);
});
