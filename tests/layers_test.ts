/**
 * The layers of `lib/` (see /work/shared/style.md): imports point down only,
 * cli → views → maths → display kit → base. Every `.ts` file under `lib/` is
 * read and its import specifiers (static, type-only, side-effect, re-export and
 * literal dynamic imports; not those in comments or doc examples) are checked.
 */
import assert from "node:assert/strict";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const LIB = join(ROOT, "lib");

/** Folders of maths (and of the base below the display kit): they never import cli, views or display. */
const MATHS = [
  "metrics",
  "multiset",
  "dynamics",
  "spectral",
  "tensor",
  "rnn",
  "activations",
  "measures",
  "pairwise",
  "inference",
  "rsa",
  "linalg",
  "io",
  "optim",
  "validate",
];
/** Area folders: the display kit imports none of them. */
const AREAS = [
  "metrics",
  "multiset",
  "dynamics",
  "spectral",
  "tensor",
  "rnn",
  "activations",
  "measures",
  "pairwise",
  "inference",
  "rsa",
  "views",
  "cli",
];

/**
 * Import specifiers of a TypeScript source, comments removed first (so JSDoc
 * examples do not count).
 */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]!);
  return out;
}

function* tsFiles(dir: string): Generator<string> {
  for (const e of Deno.readDirSync(dir)) {
    const p = join(dir, e.name);
    if (e.isDirectory) yield* tsFiles(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

/** `lib/`-relative folder of a path (`""` for a base file lib/*.ts, null outside lib/). */
function folderOf(path: string): string | null {
  const rel = relative(LIB, path);
  if (rel.startsWith("..")) return null;
  const parts = rel.split("/");
  return parts.length === 1 ? "" : parts[0]!;
}

/** Every import edge inside lib/: [importing file, imported file], both lib/-relative. */
function edges(): { from: string; to: string; fromFolder: string; toFolder: string }[] {
  const out = [];
  for (const file of tsFiles(LIB)) {
    for (const spec of importSpecifiers(Deno.readTextFileSync(file))) {
      if (!spec.startsWith(".")) continue; // npm/node packages
      const target = resolve(dirname(file), spec);
      const toFolder = folderOf(target);
      if (toFolder === null) continue;
      out.push({
        from: relative(LIB, file),
        to: relative(LIB, target),
        fromFolder: folderOf(file)!,
        toFolder,
      });
    }
  }
  return out;
}

Deno.test("importSpecifiers() finds static, type, side-effect, re-export and dynamic imports, not commented ones", () => {
  const src = [
    `import { a } from "./a.ts";`,
    `import type {\n  B,\n} from "../b.ts";`,
    `import "./c.ts";`,
    `export * from "./d.ts";`,
    `const e = await import("./e.ts");`,
    `/**\n * import { x } from "./doc.ts";\n */`,
    `// import { y } from "./line.ts";`,
  ].join("\n");
  assert.deepEqual(importSpecifiers(src).sort(), [
    "../b.ts",
    "./a.ts",
    "./c.ts",
    "./d.ts",
    "./e.ts",
  ]);
});

Deno.test("maths and base files import neither lib/cli, lib/views nor lib/display", () => {
  const bad = edges().filter((e) => {
    const maths = e.fromFolder === "" || MATHS.includes(e.fromFolder);
    return maths && ["cli", "views", "display"].includes(e.toFolder);
  });
  assert.deepEqual(bad.map((e) => `${e.from} → ${e.to}`), []);
});

Deno.test("lib/display (the figure kit) imports no area", () => {
  const bad = edges().filter((e) => e.fromFolder === "display" && AREAS.includes(e.toFolder));
  assert.deepEqual(bad.map((e) => `${e.from} → ${e.to}`), []);
});

Deno.test("lib/views imports no cli", () => {
  const bad = edges().filter((e) => e.fromFolder === "views" && e.toFolder === "cli");
  assert.deepEqual(bad.map((e) => `${e.from} → ${e.to}`), []);
});

Deno.test("the layer check sees the edges it guards (views import display and maths, cli imports views)", () => {
  const all = edges();
  assert.ok(all.some((e) => e.fromFolder === "views" && e.toFolder === "display"));
  assert.ok(all.some((e) => e.fromFolder === "views" && e.toFolder === "dynamics"));
  assert.ok(all.some((e) => e.fromFolder === "cli" && e.toFolder === "views"));
});
