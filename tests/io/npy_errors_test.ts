import assert from "node:assert/strict";
import fc from "fast-check";
import { encodeNpy, parseNpy, readNpy } from "../../lib/io/npy.ts";
import { NpyFormatError } from "../../lib/io/errors.ts";
import { FIXTURES } from "./_fixtures.ts";

const enc = new TextEncoder();

/** A .npy file with a hand-written header dict (padded as numpy does) and data. */
function npyWith(dict: string, data = new Uint8Array(0), version = 1): Uint8Array {
  const lenBytes = version === 1 ? 2 : 4;
  const body = enc.encode(dict);
  const pad = 64 - ((8 + lenBytes + body.length + 1) % 64);
  const hlen = body.length + pad + 1;
  const out = new Uint8Array(8 + lenBytes + hlen + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (lenBytes === 2) view.setUint16(8, hlen, true);
  else view.setUint32(8, hlen, true);
  out.set(body, 8 + lenBytes);
  out.fill(0x20, 8 + lenBytes + body.length, 8 + lenBytes + hlen - 1);
  out[8 + lenBytes + hlen - 1] = 0x0a;
  out.set(data, 8 + lenBytes + hlen);
  return out;
}

function throwsFormat(bytes: Uint8Array, message: string | RegExp): void {
  assert.throws(() => parseNpy(bytes, "bad.npy"), (e: Error) => {
    assert.ok(e instanceof NpyFormatError, `${e.name}: ${e.message}`);
    assert.ok(e instanceof TypeError);
    if (typeof message === "string") assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

const dict = (descr: string, shape = "(2,)", fo = "False") =>
  `{'descr': ${descr}, 'fortran_order': ${fo}, 'shape': ${shape}, }`;

Deno.test("parseNpy() rejects a wrong magic string", () => {
  throwsFormat(
    enc.encode("PK\x03\x04 not numpy"),
    "Cannot read `bad.npy`: not a .npy file (bad magic string)",
  );
  throwsFormat(
    new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x58, 1, 0, 0, 0]),
    /bad magic string/,
  );
});

Deno.test("parseNpy() reports a truncated preamble with the byte count", () => {
  throwsFormat(new Uint8Array(0), "Cannot read `bad.npy`: truncated header (file has 0 bytes)");
  throwsFormat(
    new Uint8Array([0x93, 0x4e, 0x55]),
    "Cannot read `bad.npy`: truncated header (file has 3 bytes)",
  );
  throwsFormat(
    new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0, 1, 0, 0]),
    "Cannot read `bad.npy`: truncated header (file has 11 bytes)",
  );
  const full = npyWith(dict("'<f8'"), new Uint8Array(16));
  throwsFormat(
    full.subarray(0, 40),
    "Cannot read `bad.npy`: truncated header (header needs 128 bytes, file has 40)",
  );
});

Deno.test("parseNpy() rejects unknown format versions", () => {
  const bytes = npyWith(dict("'<f8'"), new Uint8Array(16));
  bytes[6] = 4;
  throwsFormat(bytes, "Cannot read `bad.npy`: unsupported .npy format version 4.0");
  bytes[6] = 1;
  bytes[7] = 1;
  throwsFormat(bytes, "Cannot read `bad.npy`: unsupported .npy format version 1.1");
});

Deno.test("parseNpy() reads a version 3.0 header as UTF-8 and rejects invalid UTF-8", () => {
  const ok = npyWith(dict("'<i2'"), new Uint8Array([1, 0, 2, 0]), 3);
  assert.deepEqual(Array.from(parseNpy(ok).data, Number), [1, 2]);
  const bad = npyWith(dict("'<i2'") + "  ", new Uint8Array(4), 3);
  bad.set([0xff, 0xfe], 12 + dict("'<i2'").length);
  throwsFormat(bad, "Cannot read `bad.npy`: bad header dict (not valid UTF-8)");
});

Deno.test("parseNpy() reports truncated data with the bytes needed", () => {
  throwsFormat(
    npyWith(dict("'<f8'", "(2, 3)"), new Uint8Array(40)),
    "Cannot read `bad.npy`: truncated data (shape (2, 3) of <f8 needs 48 bytes, got 40)",
  );
  throwsFormat(
    npyWith(dict("'<f8'", "(99999999999, 99999999999)"), new Uint8Array(8)),
    /needs 79999999998400000000008 bytes, got 8\)$/,
  );
});

Deno.test("parseNpy() ignores bytes after the data, as numpy does", () => {
  const nd = parseNpy(npyWith(dict("'|u1'"), new Uint8Array([5, 6, 7])));
  assert.deepEqual(Array.from(nd.data, Number), [5, 6]);
});

Deno.test("parseNpy() rejects object, string, complex, datetime, void and odd-size dtypes", () => {
  const cases: [string, string][] = [
    ["|O", "object arrays are not supported"],
    ["<U3", "unicode-string arrays are not supported"],
    ["|S3", "byte-string arrays are not supported"],
    ["<c16", "complex arrays are not supported"],
    ["<M8[ns]", "datetime arrays are not supported"],
    ["<m8[s]", "timedelta arrays are not supported"],
    ["|V8", "void/structured arrays are not supported"],
    ["<f16", "float of 16 bytes"],
    ["<i3", "integer of 3 bytes"],
    ["|b2", "bool of 2 bytes"],
    ["<q8", "unknown kind 'q'"],
    ["<f8[2]", "subarray dtypes are not supported"],
    ["float65", "not a numpy descr"],
  ];
  for (const [descr, why] of cases) {
    throwsFormat(
      npyWith(dict(`'${descr}'`)),
      `Cannot read \`bad.npy\`: unsupported dtype '${descr}' (${why})`,
    );
  }
});

Deno.test("parseNpy() rejects structured dtypes", () => {
  throwsFormat(
    npyWith(dict("[('a', '<f8'), ('b', '<i4')]")),
    "Cannot read `bad.npy`: unsupported dtype (structured dtypes are not supported)",
  );
});

Deno.test("parseNpy() accepts '=' and '|' byte orders and Python 2 long integers", () => {
  const a = parseNpy(npyWith(dict("'=i2'", "(2L,)"), new Uint8Array([1, 0, 2, 0])));
  assert.deepEqual(Array.from(a.data, Number), [1, 2]);
  const b = parseNpy(
    npyWith(`{"descr": "|i2", "shape": (1,), "fortran_order": False}`, new Uint8Array([3, 0])),
  );
  assert.deepEqual(Array.from(b.data, Number), [3]);
});

Deno.test("parseNpy() rejects a bad header dict, naming the problem", () => {
  const cases: [string, RegExp][] = [
    ["[1, 2]", /bad header dict \(not a dict\)$/],
    [
      "{'descr': '<f8', 'shape': (2,)}",
      /bad header dict \(keys must be descr, fortran_order, shape: got descr, shape\)$/,
    ],
    [
      "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}",
      /keys must be descr, fortran_order, shape: got descr, fortran_order, shape, x\)$/,
    ],
    [dict("8"), /'descr' must be a string: got 8\)$/],
    [dict("'<f8'", "(2,)", "0"), /'fortran_order' must be True or False: got 0\)$/],
    [dict("'<f8'", "[2]"), /'shape' must be a tuple: got \[2\]\)$/],
    [dict("'<f8'", "(2, -1)"), /'shape' must hold non-negative integers: got \[2,-1\]\)$/],
    [dict("'<f8'", "(2, 'a')"), /'shape' must hold non-negative integers: got \[2,"a"\]\)$/],
    [dict("'<f8'", "(99999999999999999999,)"), /'shape' must hold non-negative integers/],
    ["{'descr': '<f8", /bad header dict \(unterminated string at offset 10\)/],
    ["{'descr': '<f\\x38', }", /bad header dict \(escape in string at offset 10\)/],
    ["{'descr' '<f8'}", /bad header dict \(expected ':' at offset 9\)/],
    ["{1: 2}", /bad header dict \(non-string key at offset 2\)/],
    ["{'a': 1, 'a': 2}", /bad header dict \(duplicate key 'a' at offset 13\)/],
    ["{'a': __import__('os')}", /bad header dict \(unexpected token at offset 6\)/],
    ["{'a': 1} 2", /bad header dict \(trailing characters at offset 9\)/],
    ["{'a': 1 'b': 2}", /bad header dict \(expected ',' or '}' at offset 8\)/],
    ["{'a': (1 2)}", /bad header dict \(expected ',' or '\)' at offset 9\)/],
    ["{'a': 1.5}", /bad header dict \(unexpected token at offset 6\)/],
  ];
  for (const [text, msg] of cases) throwsFormat(npyWith(text), msg);
});

Deno.test("readNpy() names the path when the file is missing", () => {
  assert.throws(
    () => readNpy(`${FIXTURES}no_such.npy`),
    (e: Error) =>
      e instanceof Deno.errors.NotFound &&
      e.message.startsWith(`Cannot read \`${FIXTURES}no_such.npy\`: `),
  );
});

const samples = [
  encodeNpy({ shape: [3, 2], data: new Float64Array([1, 2, 3, 4, 5, 6]) }),
  encodeNpy({ shape: [], data: new Int32Array([7]) }),
  Deno.readFileSync(`${FIXTURES}npy/u8_F_be_r4.npy`),
  Deno.readFileSync(`${FIXTURES}npy/version3.npy`),
];

function parsesCleanly(bytes: Uint8Array): boolean {
  try {
    parseNpy(bytes, "fuzz.npy");
    return true;
  } catch (e) {
    assert.ok(e instanceof TypeError || e instanceof RangeError, String(e));
    assert.match((e as Error).message, /^Cannot read `fuzz\.npy`: /);
    return false;
  }
}

Deno.test("parseNpy() fails cleanly on every truncation of a valid file", () => {
  for (const bytes of samples) {
    for (let n = 0; n < bytes.length; n++) {
      assert.equal(parsesCleanly(bytes.subarray(0, n)), false, `prefix of ${n} bytes`);
    }
  }
});

Deno.test("parseNpy() either parses or throws a clean error on corrupted bytes", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: samples.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      }),
      (which, edits) => {
        const bytes = samples[which]!.slice();
        for (const [pos, value] of edits) bytes[pos % Math.min(bytes.length, 140)] = value;
        parsesCleanly(bytes);
      },
    ),
    { seed: 3, numRuns: 2000 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      parsesCleanly(Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, ...bytes]));
    }),
    { seed: 4, numRuns: 1000 },
  );
});
