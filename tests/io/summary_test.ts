import assert from "node:assert/strict";
import { summarizeNpy } from "../../lib/io/summary.ts";
import { encodeHeader } from "../../lib/io/header.ts";
import { fortranToC } from "../../lib/io/order.ts";
import { npzMember } from "../../lib/io/npz.ts";
import { count, EXPECTED, type ExpectedArray, FIXTURES, fromHex, gen, hex64 } from "./_fixtures.ts";

function expectSummary(npy: Uint8Array, want: ExpectedArray, label: string): void {
  const s = summarizeNpy(npy, label);
  assert.deepEqual(s.shape, want.shape, label);
  assert.equal(s.dtype, want.descr, label);
  assert.equal(s.finite, want.finite, label);
  const sum = fromHex(want.sum);
  if (Number.isFinite(sum)) assert.equal(hex64(s.sum!), want.sum, label);
  else assert.equal(s.sum, null, label);
}

Deno.test("summarizeNpy() matches numpy's shape, dtype, finiteness and sum for every fixture", () => {
  let finiteSums = 0;
  for (const f of EXPECTED.files) {
    expectSummary(Deno.readFileSync(`${FIXTURES}${f.file}`), f, f.file);
    if (Number.isFinite(fromHex(f.sum))) finiteSums++;
  }
  assert.ok(finiteSums >= 100, `only ${finiteSums} fixtures with a finite sum`);
});

Deno.test("summarizeNpy() matches numpy for the members of the .npz fixtures", () => {
  for (const archive of EXPECTED.npz) {
    const bytes = Deno.readFileSync(`${FIXTURES}${archive.file}`);
    for (const [key, want] of Object.entries(archive.members)) {
      const { npy, name } = npzMember(bytes, archive.file, key);
      expectSummary(npy, want, name);
    }
  }
});

function npyFile(
  descr: string,
  fortranOrder: boolean,
  shape: number[],
  payload: Uint8Array,
): Uint8Array {
  const header = encodeHeader({ descr, fortranOrder, shape });
  const out = new Uint8Array(header.length + payload.length);
  out.set(header);
  out.set(payload, header.length);
  return out;
}

Deno.test("summarizeNpy() sums a Fortran-order file in memory order, as numpy does", () => {
  for (const { shape, sum } of EXPECTED.fortran_sums) {
    const memory = fortranToC(gen(count(shape)), [...shape].reverse());
    const s = summarizeNpy(npyFile("<f8", true, shape, new Uint8Array(memory.buffer)));
    assert.equal(hex64(s.sum!), sum, `shape ${shape}`);
  }
});

Deno.test("summarizeNpy() gives numpy's sum for long big-endian and little-endian files", () => {
  for (const { n, sum } of EXPECTED.sums.filter((s) => s.n >= 8192)) {
    const le = new Uint8Array(gen(n).buffer);
    assert.equal(hex64(summarizeNpy(npyFile("<f8", false, [n], le)).sum!), sum, `<f8 n = ${n}`);
    const be = le.slice();
    for (let k = 0; k < be.length; k += 8) be.subarray(k, k + 8).reverse();
    assert.equal(hex64(summarizeNpy(npyFile(">f8", false, [n], be)).sum!), sum, `>f8 n = ${n}`);
  }
});

Deno.test("summarizeNpy() reports null for a finite array whose sum overflows", () => {
  const data = new Float64Array([1e308, 1e308]);
  assert.deepEqual(summarizeNpy(npyFile("<f8", false, [2], new Uint8Array(data.buffer))), {
    shape: [2],
    dtype: "<f8",
    finite: true,
    sum: null,
  });
});

Deno.test("summarizeNpy() sums 64-bit integers beyond 2^53 after rounding, like astype(float64)", () => {
  const data = new BigInt64Array([2n ** 53n + 1n, 1n]);
  const s = summarizeNpy(npyFile("<i8", false, [2], new Uint8Array(data.buffer)));
  assert.equal(s.sum, 2 ** 53); // (2^53 + 1 → 2^53) + 1 rounds to even: 2^53
});
