// README.md's snippets import `@neurocompare/toolkit`; outside the checkout that name resolves
// through the deno.json that scripts/import_map.ts writes (or by importing mod.ts by path).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const README = Deno.readTextFileSync(`${ROOT}/README.md`);

/** Every ```ts block of README.md that `deno test --doc` runs (not marked `ignore`). */
const snippets = [...README.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

function run(args: string[], cwd: string) {
  const out = new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

Deno.test("every README snippet that runs imports the package by one name, @neurocompare/toolkit", () => {
  assert.ok(snippets.length >= 5, `${snippets.length} snippets`);
  const specifiers = new Set(
    snippets.flatMap((s) => [...s.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!)),
  );
  specifiers.delete("node:assert/strict");
  assert.deepEqual([...specifiers], ["@neurocompare/toolkit"]);
});

Deno.test("scripts/import_map.ts maps the package and each sub-path export of deno.json to the checkout", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nc-import-map-" });
  try {
    const r = run(["run", "--allow-read", `${ROOT}/scripts/import_map.ts`], dir);
    assert.equal(r.code, 0, r.stderr);
    const { imports } = JSON.parse(r.stdout) as { imports: Record<string, string> };
    const config = JSON.parse(Deno.readTextFileSync(`${ROOT}/deno.json`));
    assert.equal(imports["@neurocompare/toolkit"], `${ROOT}/mod.ts`);
    assert.equal(imports["@neurocompare/toolkit/metrics"], `${ROOT}/lib/metrics/mod.ts`);
    assert.equal(Object.keys(imports).length, Object.keys(config.exports).length);
    for (const file of Object.values(imports)) assert.ok(Deno.statSync(file).isFile, file);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("README snippets run unchanged from a folder outside the checkout with that deno.json", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nc-own-snippets-" });
  try {
    const map = run(["run", "--allow-read", `${ROOT}/scripts/import_map.ts`], dir);
    Deno.writeTextFileSync(`${dir}/deno.json`, map.stdout);
    // a sub-path export resolves as well as the root
    const extra = [
      'import { linearMetric } from "@neurocompare/toolkit/metrics";',
      'import * as nc from "@neurocompare/toolkit";',
      'import assert from "node:assert/strict";',
      "assert.equal(linearMetric, nc.linearMetric);",
    ].join("\n");
    for (const [k, code] of [...snippets, extra].entries()) {
      Deno.writeTextFileSync(`${dir}/snippet${k}.ts`, code);
      const r = run(["run", "-A", `snippet${k}.ts`], dir);
      assert.equal(r.code, 0, `snippet ${k} failed:\n${code}\n${r.stderr}`);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("without a deno.json, a README snippet runs with mod.ts imported by path", () => {
  const dir = Deno.makeTempDirSync({ prefix: "nc-own-path-" });
  try {
    const code = snippets[0]!.replaceAll('"@neurocompare/toolkit"', `"${ROOT}/mod.ts"`);
    Deno.writeTextFileSync(`${dir}/ten.ts`, code);
    const r = run(["run", "-A", "ten.ts"], dir);
    assert.equal(r.code, 0, r.stderr);
    // and the bare name does not resolve there: the README says to add the import map
    Deno.writeTextFileSync(`${dir}/bare.ts`, snippets[0]!);
    const bare = run(["run", "-A", "bare.ts"], dir);
    assert.notEqual(bare.code, 0);
    assert.match(bare.stderr, /@neurocompare\/toolkit/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
