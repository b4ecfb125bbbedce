import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { encodeNpy } from "../../lib/io/npy.ts";
import { EXPECTED, FIXTURES, fromHex } from "./_fixtures.ts";

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

Deno.test("info prints shape, dtype, finite and numpy's sum as JSON", async () => {
  const f = EXPECTED.files.find((x) => x.file === "npy/f8_F_be_r2.npy")!;
  const { code, out, err } = await cli("info", `${FIXTURES}${f.file}`);
  assert.equal(code, 0, err);
  assert.deepEqual(JSON.parse(out), {
    shape: [2, 3],
    dtype: ">f8",
    finite: true,
    sum: fromHex(f.sum),
  });
});

Deno.test("info prints a null sum and finite false for an array with NaN", async () => {
  const { code, out } = await cli("info", `${FIXTURES}npy/f4_C_le_r3.npy`);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), { shape: [2, 3, 2], dtype: "<f4", finite: false, sum: null });
  assert.match(out, /"sum": null/);
});

Deno.test("info describes integer, bool and 0-D files", async () => {
  const r = await cli("info", `${FIXTURES}npy/b1_F_le_r2.npy`);
  assert.deepEqual(JSON.parse(r.out), { shape: [2, 3], dtype: "|b1", finite: true, sum: 2 });
  const s = await cli("info", `${FIXTURES}npy/i4_C_le_r0.npy`);
  assert.deepEqual(JSON.parse(s.out), { shape: [], dtype: "<i4", finite: true, sum: 715827882 });
});

Deno.test("info reads a .npz member chosen with --key, or the only member", async () => {
  const r = await cli("info", `${FIXTURES}npz/deflated.npz`, "--key", "labels");
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { shape: [3], dtype: "<i4", finite: true, sum: 6 });
  const s = await cli("info", `${FIXTURES}npz/single.npz`);
  assert.equal(s.code, 0, s.err);
  assert.deepEqual(JSON.parse(s.out).shape, [5, 2]);
});

Deno.test("info exits 1 listing the keys when a .npz holds several arrays and --key is missing", async () => {
  const path = `${FIXTURES}npz/stored.npz`;
  const r = await cli("info", path);
  assert.equal(r.code, 1);
  assert.equal(r.out, "");
  assert.equal(
    r.err,
    `error: Cannot read \`${path}\`: the archive holds 3 arrays, choose one with --key: X, labels, mask`,
  );
});

Deno.test("info exits 1 for an unknown --key, or --key on a .npy file", async () => {
  const npz = `${FIXTURES}npz/stored.npz`;
  const r = await cli("info", npz, "--key", "Z");
  assert.equal(r.code, 1);
  assert.equal(r.err, `error: Cannot read \`${npz}\`: no array \`Z\`; keys: X, labels, mask`);
  const npy = `${FIXTURES}npy/f8_C_le_r1.npy`;
  const s = await cli("info", npy, "--key", "X");
  assert.equal(s.code, 1);
  assert.equal(
    s.err,
    `error: Cannot read \`${npy}\`: --key applies to .npz archives and HDF5 files, and this is a .npy file`,
  );
});

Deno.test("info exits 1 with a clear message for a missing or malformed file", async () => {
  const missing = await cli("info", `${FIXTURES}nope.npy`);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^error: Cannot read `.*nope\.npy`: No such file/);
  const dir = Deno.makeTempDirSync();
  try {
    const bad = `${dir}/bad.npy`;
    Deno.writeFileSync(bad, encodeNpy({ shape: [4], data: [1, 2, 3, 4] }).subarray(0, 140));
    const r = await cli("info", bad);
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `error: Cannot read \`${bad}\`: truncated data (shape (4,) of <f8 needs 32 bytes, got 12)`,
    );
    Deno.writeFileSync(bad, new TextEncoder().encode("just text"));
    assert.match((await cli("info", bad)).err, /not a \.npy file \(bad magic string\)/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("info exits 2 on bad usage: no FILE, two FILEs, unknown option", async () => {
  for (const argv of [["info"], ["info", "a.npy", "b.npy"], ["info", "a.npy", "--bogus"]]) {
    const r = await cli(...argv);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.err, /Usage: deno task cli info FILE/);
  }
});

Deno.test("info --help documents the fields and the null sum", async () => {
  const r = await cli("info", "--help");
  assert.equal(r.code, 0);
  for (const word of ["shape", "dtype", "finite", "null", "--key", "astype(np.float64).sum()"]) {
    assert.ok(r.out.includes(word), word);
  }
});
