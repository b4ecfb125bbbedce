import assert from "node:assert/strict";
import { parseNpyHeader, readNpy } from "../../lib/io/npy.ts";
import { toFloat64 } from "../../lib/io/convert.ts";
import { EXPECTED, FIXTURES, hexAll } from "./_fixtures.ts";

const npyFiles = EXPECTED.files;

Deno.test("fixtures cover every dtype, order, byte order and rank 0-4", () => {
  const names = new Set(npyFiles.map((f) => f.file));
  for (const dt of ["f8", "f4", "f2", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"]) {
    for (const order of ["C", "F"]) {
      for (const endian of dt.endsWith("1") ? ["le"] : ["le", "be"]) {
        for (let rank = 0; rank <= 4; rank++) {
          assert.ok(
            names.has(`npy/${dt}_${order}_${endian}_r${rank}.npy`),
            `${dt} ${order} ${endian} ${rank}`,
          );
        }
      }
    }
  }
});

for (const f of npyFiles) {
  Deno.test(`readNpy() reads ${f.file} exactly as numpy does`, () => {
    const path = `${FIXTURES}${f.file}`;
    const nd = readNpy(path);
    assert.equal(nd.dtype, f.descr);
    assert.deepEqual(nd.shape, f.shape);
    assert.equal(parseNpyHeader(Deno.readFileSync(path)).fortranOrder, f.fortran_order);
    assert.equal(nd.data.length, f.values.length);
    const kind = f.descr[1];
    if (kind === "f") {
      assert.ok(nd.data instanceof (f.descr.endsWith("4") ? Float32Array : Float64Array));
      // float32 widens to float64 exactly; compare bit patterns (NaN payloads included)
      const wide = nd.data instanceof Float64Array ? nd.data : toFloat64(nd).data;
      assert.deepEqual(hexAll(wide), f.values);
    } else if (kind === "b") {
      assert.ok(nd.data instanceof Uint8Array);
      assert.deepEqual(Array.from(nd.data, Number), f.values);
    } else {
      assert.deepEqual(Array.from(nd.data, String), f.values);
    }
  });
}

Deno.test("readNpy() returns the native typed array for each dtype", () => {
  const want: Record<string, string> = {
    f8: "Float64Array",
    f4: "Float32Array",
    f2: "Float64Array",
    i1: "Int8Array",
    i2: "Int16Array",
    i4: "Int32Array",
    i8: "BigInt64Array",
    u1: "Uint8Array",
    u2: "Uint16Array",
    u4: "Uint32Array",
    u8: "BigUint64Array",
    b1: "Uint8Array",
  };
  for (const [dt, ctor] of Object.entries(want)) {
    for (const endian of dt.endsWith("1") ? ["le"] : ["le", "be"]) {
      assert.equal(readNpy(`${FIXTURES}npy/${dt}_F_${endian}_r3.npy`).data.constructor.name, ctor);
    }
  }
});

Deno.test("readNpy() reads format versions 2.0 and 3.0", () => {
  for (const v of [2, 3]) {
    const path = `${FIXTURES}npy/version${v}.npy`;
    assert.deepEqual(parseNpyHeader(Deno.readFileSync(path)).version, [v, 0]);
    assert.deepEqual(Array.from(readNpy(path).data, Number), [0, 1, 2, 3, 4, 5].map((x) => x / 7));
  }
});
