import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeNpz, listNpz, readNpz, readNpzArray } from "../../lib/io/npz.ts";
import { NpyFormatError, NpzFormatError } from "../../lib/io/errors.ts";
import { crc32 } from "../../lib/io/crc32.ts";
import { encodeZip } from "../../lib/io/zip_write.ts";
import { FIXTURES } from "./_fixtures.ts";

const X = { shape: [2, 2], data: new Float64Array([1, 2, 3, 4]) };
const stored = () => encodeNpz({ X });
const deflated = () => encodeNpz({ X }, { compress: true });
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const eocdAt = (b: Uint8Array) => b.length - 22;
const centralAt = (b: Uint8Array) => view(b).getUint32(eocdAt(b) + 16, true);

function throwsNpz(bytes: Uint8Array, message: string): void {
  assert.throws(() => readNpz(bytes), (e: Error) => {
    assert.ok(e instanceof NpzFormatError, `${e.name}: ${e.message}`);
    assert.ok(e instanceof TypeError);
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("readNpz() rejects bytes without an end-of-central-directory record", () => {
  const msg = "Cannot read `<bytes>`: not a zip file (no end-of-central-directory record)";
  throwsNpz(new Uint8Array([0x50, 0x4b, 3, 4]), msg);
  const b = stored();
  view(b).setUint16(eocdAt(b) + 20, 5, true); // comment length past the end
  throwsNpz(b, msg);
});

Deno.test("readNpz() rejects multi-disk archives", () => {
  const b = stored();
  view(b).setUint16(eocdAt(b) + 4, 1, true);
  throwsNpz(b, "Cannot read `<bytes>`: multi-disk zip archives are not supported");
});

Deno.test("readNpz() rejects a central directory past the end or with a bad record", () => {
  const b = stored();
  view(b).setUint32(eocdAt(b) + 16, b.length, true);
  throwsNpz(b, "Cannot read `<bytes>`: corrupt zip (central directory past end of file)");
  const c = stored();
  c[centralAt(c)] = 0;
  throwsNpz(c, "Cannot read `<bytes>`: corrupt zip (bad central directory record 0)");
  const d = stored();
  view(d).setUint16(centralAt(d) + 32, 500, true); // comment runs past the directory
  throwsNpz(d, "Cannot read `<bytes>`: corrupt zip (bad central directory record 0)");
});

Deno.test("readNpz() rejects broken ZIP64 records", () => {
  const zip64 = () => encodeZip([{ name: "x.npy", data: new Uint8Array(3) }], { zip64: true });
  const a = zip64();
  const at = Number(view(a).getBigUint64(eocdAt(a) - 12, true));
  a[at] = 0;
  throwsNpz(a, "Cannot read `<bytes>`: corrupt zip (bad ZIP64 end record)");
  const b = zip64();
  view(b).setBigUint64(eocdAt(b) - 12, 2n ** 60n, true);
  throwsNpz(b, "Cannot read `<bytes>`: corrupt zip (ZIP64 field out of range)");
  // central extra field: [id 1][len 24][size][csize][offset]; claim it holds only 8 bytes
  const c = zip64();
  const cd = Number(
    view(c).getBigUint64(Number(view(c).getBigUint64(eocdAt(c) - 12, true)) + 48, true),
  );
  view(c).setUint16(cd + 30, 12, true);
  view(c).setUint16(cd + 46 + 5 + 2, 8, true);
  throwsNpz(c, "Cannot read `<bytes>`: corrupt zip (short ZIP64 field in `x.npy`)");
  const d = zip64();
  view(d).setUint16(cd + 46 + 5 + 2, 200, true);
  throwsNpz(d, "Cannot read `<bytes>`: corrupt zip (bad extra field in `x.npy`)");
});

Deno.test("readNpz() rejects bad members: local header, encryption, sizes, method", () => {
  const member = "in member `X.npy`";
  const a = stored();
  a[0] = 0;
  throwsNpz(a, `Cannot read \`<bytes>\`: bad local header ${member}`);
  const b = stored();
  view(b).setUint16(centralAt(b) + 8, 1, true);
  throwsNpz(b, `Cannot read \`<bytes>\`: encryption (not supported) ${member}`);
  const c = stored();
  view(c).setUint32(centralAt(c) + 20, c.length, true);
  throwsNpz(c, `Cannot read \`<bytes>\`: truncated data ${member}`);
  const d = stored();
  view(d).setUint32(centralAt(d) + 24, 10, true);
  throwsNpz(d, `Cannot read \`<bytes>\`: size mismatch ${member}`);
  const e = stored();
  view(e).setUint16(centralAt(e) + 10, 12, true);
  throwsNpz(e, `Cannot read \`<bytes>\`: unsupported compression method 12 ${member}`);
  const f = deflated();
  view(f).setUint32(centralAt(f) + 24, 10_000_000, true);
  throwsNpz(f, `Cannot read \`<bytes>\`: implausible uncompressed size ${member}`);
  const g = deflated();
  view(g).setUint32(centralAt(g) + 24, 100, true);
  throwsNpz(g, `Cannot read \`<bytes>\`: size mismatch ${member}`);
});

Deno.test("readNpz() reports corrupt deflate data", () => {
  const b = deflated();
  b.fill(0xff, 35, 40); // first bytes of the deflate stream: an invalid block type
  throwsNpz(
    b,
    "Cannot read `<bytes>`: corrupt deflate data (invalid block type) in member `X.npy`",
  );
});

Deno.test("readNpz() detects a CRC mismatch, showing both checksums", () => {
  const b = stored();
  const npy = b.slice(35, 35 + 128 + 32);
  b[35 + 128 + 3] ^= 0x40; // a data byte of the member, not its header
  npy[128 + 3] ^= 0x40;
  const want = crc32(b.subarray(35, 35 + 160)).toString(16).padStart(8, "0");
  const stored32 = view(b).getUint32(centralAt(b) + 16, true).toString(16).padStart(8, "0");
  assert.equal(crc32(npy).toString(16).padStart(8, "0"), want);
  throwsNpz(
    b,
    `Cannot read \`<bytes>\`: CRC mismatch (stored ${stored32}, computed ${want}) in member \`X.npy\``,
  );
});

Deno.test("readNpz() rejects an archive naming one member twice", () => {
  const npy = new Uint8Array(0);
  const zip = encodeZip([{ name: "a.npy", data: npy }, { name: "a.npy", data: npy }]);
  throwsNpz(zip, "Cannot read `<bytes>`: member `a.npy` appears twice");
});

Deno.test("readNpz() reports a member that is not a .npy file, naming archive and member", () => {
  const zip = encodeZip([{ name: "a.npy", data: new TextEncoder().encode("hello") }]);
  assert.throws(() => readNpz(zip), {
    name: "NpyFormatError",
    message: "Cannot read `<bytes>:a.npy`: not a .npy file (bad magic string)",
  });
  assert.ok(new NpyFormatError("x") instanceof TypeError);
});

Deno.test("readNpz() skips members that are not .npy and decodes cp437 names", () => {
  const npy = new Uint8Array(stored().subarray(35, 35 + 160));
  const zip = encodeZip([{ name: "README.txt", data: new Uint8Array(3) }, {
    name: "A.npy",
    data: npy,
  }]);
  // rename A.npy to \x80.npy without the UTF-8 flag: cp437 0x80 is Ç
  for (let k = 0; k + 5 <= zip.length; k++) {
    if (new TextDecoder().decode(zip.subarray(k, k + 5)) === "A.npy") zip[k] = 0x80;
  }
  assert.deepEqual(listNpz(zip), ["Ç"]);
  assert.deepEqual(Array.from(readNpzArray(zip).data, Number), [1, 2, 3, 4]);
});

Deno.test("readNpz() names the path when the file is missing", () => {
  assert.throws(
    () => readNpz(`${FIXTURES}missing.npz`),
    (e: Error) =>
      e instanceof Deno.errors.NotFound &&
      e.message.startsWith(`Cannot read \`${FIXTURES}missing.npz\`: `),
  );
});

const samples = [stored(), deflated(), Deno.readFileSync(`${FIXTURES}npz/deflated.npz`)];

function readsCleanly(bytes: Uint8Array): boolean {
  try {
    readNpz(bytes);
    return true;
  } catch (e) {
    assert.ok(e instanceof TypeError || e instanceof RangeError, String(e));
    assert.match((e as Error).message, /^Cannot read `<bytes>(:[^`]*)?`: /, String(e));
    return false;
  }
}

Deno.test("readNpz() fails cleanly on every truncation of an archive", () => {
  for (const bytes of samples) {
    for (let n = 0; n < bytes.length; n++) {
      assert.equal(readsCleanly(bytes.subarray(0, n)), false, `${n}`);
    }
  }
});

Deno.test("readNpz() either reads or throws a clean error on corrupted archives", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: samples.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      (which, edits) => {
        const bytes = samples[which]!.slice();
        for (const [pos, value] of edits) bytes[pos % bytes.length] = value;
        readsCleanly(bytes);
      },
    ),
    { seed: 9, numRuns: 1500 },
  );
});
