/**
 * Seeded pseudo-random numbers: every random choice in the package takes an
 * explicit seed so results are reproducible.
 *
 * @module
 */

/**
 * A fast 32-bit seeded generator (mulberry32) returning floats in [0, 1).
 *
 * @param seed Any integer.
 * @returns A function giving the next number.
 *
 * @example Same seed, same stream
 * ```ts
 * import { mulberry32 } from "./random.ts";
 * import assert from "node:assert/strict";
 * const a = mulberry32(7), b = mulberry32(7);
 * assert.equal(a(), b());
 * ```
 */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal samples from a uniform generator (Box–Muller, both values used).
 *
 * @example
 * ```ts
 * import { mulberry32, normalSampler } from "./random.ts";
 * import assert from "node:assert/strict";
 * const randn = normalSampler(mulberry32(1));
 * let s = 0;
 * for (let i = 0; i < 20000; i++) s += randn();
 * assert.ok(Math.abs(s / 20000) < 0.05);
 * ```
 */
export function normalSampler(rand: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = rand();
    const v = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * An [rows, cols] matrix of i.i.d. standard normal entries, seeded.
 *
 * @example
 * ```ts
 * import { randn } from "./random.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(randn(3, 2, 5).data, randn(3, 2, 5).data);
 * assert.throws(() => randn(2.5, 2, 0), /`rows` must be an integer >= 0: got 2.5/);
 * ```
 */
export function randn(
  rows: number,
  cols: number,
  seed: number,
): { rows: number; cols: number; data: Float64Array } {
  for (const [name, v] of [["rows", rows], ["cols", cols], ["seed", seed]] as const) {
    if (!Number.isSafeInteger(v) || (name !== "seed" && v < 0)) {
      throw new RangeError(
        `Cannot draw random matrix: \`${name}\` must be ${
          name === "seed" ? "an integer" : "an integer >= 0"
        }: got ${v}`,
      );
    }
  }
  const g = normalSampler(mulberry32(seed));
  const data = new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = g();
  return { rows, cols, data };
}
