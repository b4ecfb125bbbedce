import assert from "node:assert/strict";
import { generateSprites } from "../../lib/activations/sprites.ts";
import { colouredDigits, loadDigits, parseDigits } from "../../lib/activations/digits.ts";
import { benchmarkData } from "../../lib/activations/benchmark.ts";
import { minorityFraction } from "../../lib/activations/dataset.ts";

Deno.test("generateSprites() is deterministic given a seed", () => {
  const a = generateSprites({ n: 50, seed: 3 }), b = generateSprites({ n: 50, seed: 3 });
  assert.deepEqual(a.X.data, b.X.data);
  assert.deepEqual(a.attribute, b.attribute);
  assert.notDeepEqual(generateSprites({ n: 50, seed: 4 }).X.data, a.X.data);
});

Deno.test("generateSprites() places each shape's centre of mass in its attribute's band", () => {
  const s = generateSprites({ n: 300, nClasses: 3, noise: 0, seed: 1 });
  for (let i = 0; i < s.X.rows; i++) {
    let m = 0, mx = 0;
    for (let p = 0; p < 256; p++) {
      const v = s.X.data[i * 256 + p]!;
      m += v;
      mx += v * ((p % 16) + 0.5);
    }
    const cx = mx / m, band = 16 / 3;
    // Anti-aliasing and triangle asymmetry move the centroid slightly: allow one pixel.
    assert.ok(
      cx > s.attribute[i]! * band - 1 && cx < (s.attribute[i]! + 1) * band + 1,
      `${i}: ${cx}`,
    );
  }
});

Deno.test("generateSprites() balances attribute and class at correlation 1/K and aligns them at 1", () => {
  const u = generateSprites({ n: 4000, correlation: 0.5, seed: 2 });
  assert.ok(Math.abs(minorityFraction(u) - 0.5) < 0.03);
  assert.equal(minorityFraction(generateSprites({ n: 500, correlation: 1, seed: 2 })), 0);
});

Deno.test("generateSprites() draws shapes of equal ink at equal scale", () => {
  const ink = (shape: "square" | "triangle" | "ellipse") => {
    const s = generateSprites({
      n: 200,
      shapes: [shape, shape === "square" ? "ellipse" : "square"],
      noise: 0,
      scale: [3, 3],
      seed: 5,
    });
    let total = 0, count = 0;
    for (let i = 0; i < s.X.rows; i++) {
      if (s.labels[i] !== 0) continue;
      for (let p = 0; p < 256; p++) total += s.X.data[i * 256 + p]!;
      count++;
    }
    return total / count;
  };
  const area = Math.PI * 9;
  for (const shape of ["square", "triangle", "ellipse"] as const) {
    assert.ok(Math.abs(ink(shape) - area) / area < 0.03, `${shape}: ${ink(shape)}`);
  }
});

Deno.test("generateSprites() rejects bad options", () => {
  assert.throws(() => generateSprites({ nClasses: 4 }), /`nClasses` must be 2 or 3: got 4/);
  assert.throws(
    () => generateSprites({ correlation: 1.5 }),
    /`correlation` must be in \[0, 1\]: got 1.5/,
  );
  assert.throws(() => generateSprites({ scale: [2, 9] }), /`scale` must satisfy/);
  assert.throws(
    () => generateSprites({ shapes: ["square", "square"] }),
    /`shapes` must name 2 distinct shapes/,
  );
});

Deno.test("loadDigits() reads the 10,000 vendored MNIST digits with their per-digit counts", () => {
  const d = loadDigits();
  assert.deepEqual([d.count, d.height, d.width, d.pixels.length], [10000, 28, 28, 10000 * 784]);
  const counts = new Array(10).fill(0);
  for (const l of d.labels) counts[l]++;
  assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
  // Every digit has ink; the border rows are blank as in MNIST.
  let border = 0;
  for (let i = 0; i < d.count; i++) for (let c = 0; c < 28; c++) border += d.pixels[i * 784 + c]!;
  assert.equal(border, 0);
});

Deno.test("colouredDigits() draws each digit in its colour channel, pooled 2×2", () => {
  const d = loadDigits();
  const s = colouredDigits(d, [0, 1, 2], { correlation: 0, seed: 1 });
  assert.deepEqual(Array.from(s.attribute), Array.from(s.labels, (y) => 1 - y));
  for (let k = 0; k < 3; k++) {
    const other = (1 - s.attribute[k]!) * 196;
    for (let p = 0; p < 196; p++) assert.equal(s.X.data[k * 392 + other + p], 0);
    let sum = 0;
    for (let p = 0; p < 784; p++) sum += d.pixels[k * 784 + p]!;
    let pooled = 0;
    for (let p = 0; p < 196; p++) pooled += s.X.data[k * 392 + s.attribute[k]! * 196 + p]!;
    assert.ok(Math.abs(pooled * 255 * 4 - sum) < 1e-9 * sum);
  }
  assert.throws(
    () => colouredDigits(d, [10000]),
    /`indices` must be in \[0, 10000\): got 10000 at 0/,
  );
  assert.throws(
    () => colouredDigits(d, [0], { pool: 3 }),
    /`pool` must be a positive integer dividing 28 and 28: got 3/,
  );
});

Deno.test("parseDigits() rejects files that are not the vendored format", () => {
  assert.throws(() => parseDigits(new Uint8Array([1, 2, 3])), /the file is not valid gzip/);
});

Deno.test("benchmarkData() splits the digits into disjoint biased and unbiased sets", () => {
  const d = benchmarkData({ data: "digits", nTrain: 3000, nHeldout: 1000, nTest: 1000 }, 0);
  assert.ok(Math.abs(minorityFraction(d.train) - 0.05) < 0.015);
  assert.ok(Math.abs(minorityFraction(d.test) - 0.5) < 0.05);
  assert.throws(
    () => benchmarkData({ data: "digits", nTrain: 9000, nHeldout: 1000, nTest: 1000 }, 0),
    /nTrain \+ nHeldout \+ nTest must be <= 10000 digits: got 11000/,
  );
});
