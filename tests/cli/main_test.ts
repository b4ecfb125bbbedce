import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { commands } from "../../lib/cli/registry.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("runCli() lists every registered subcommand in its overview", async () => {
  const { code, out } = await cli(["--help"]);
  assert.equal(code, 0);
  for (const c of commands) assert.match(out, new RegExp(`^  ${c.name} `, "m"));
});

Deno.test("runCli() exits 2 with the overview when no subcommand is given", async () => {
  const { code, out } = await cli([]);
  assert.equal(code, 2);
  assert.match(out, /Usage: deno task cli <subcommand>/);
});

Deno.test("runCli() exits 2 naming an unknown subcommand", async () => {
  const { code, err } = await cli(["frobnicate"]);
  assert.equal(code, 2);
  assert.match(err, /unknown subcommand `frobnicate`/);
});

Deno.test("every subcommand answers --help with its usage and exit 0", async () => {
  for (const c of commands) {
    const { code, out } = await cli([c.name, "--help"]);
    assert.equal(code, 0, c.name);
    assert.match(out, /Usage:/, c.name);
  }
});

Deno.test("linalg-bench prints JSON with one timing per op and size", async () => {
  const { code, out } = await cli([
    "linalg-bench",
    "--sizes",
    "4,6",
    "--ops",
    "gemm,svd",
    "--repeats",
    "1",
  ]);
  assert.equal(code, 0);
  const json = JSON.parse(out);
  assert.ok(["lapack", "portable"].includes(json.backend));
  assert.deepEqual(json.results.map((r: { op: string; n: number }) => `${r.op}/${r.n}`), [
    "gemm/4",
    "gemm/6",
    "svd/4",
    "svd/6",
  ]);
  for (const r of json.results) assert.ok(r.ms >= 0);
});

Deno.test("linalg-bench rejects an unknown option and a bad op with exit 2", async () => {
  let r = await cli(["linalg-bench", "--bogus"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /Unknown option '--bogus'/);
  r = await cli(["linalg-bench", "--ops", "fft"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--ops must list operations among .*: got fft/);
  r = await cli(["linalg-bench", "--sizes", "0"]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--sizes must list positive integers: got 0/);
});

Deno.test("the cli task runs as a subprocess with JSON on stdout", async () => {
  const deno = Deno.execPath();
  const res = await new Deno.Command(deno, {
    args: ["task", "-q", "cli", "linalg-bench", "--sizes", "3", "--ops", "gemm", "--repeats", "1"],
    cwd: new URL("../../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  assert.equal(res.code, 0, new TextDecoder().decode(res.stderr));
  const json = JSON.parse(new TextDecoder().decode(res.stdout));
  assert.equal(json.results[0].n, 3);
});
