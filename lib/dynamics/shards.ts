/**
 * Shards of a DSA matrix: which pairs a shard computes, and merging the
 * matrices of all shards.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";

/**
 * Parse a shard spec `"k/n"` (1 ≤ k ≤ n).
 *
 * @param spec The text.
 * @returns `[k, n]`.
 *
 * @example
 * ```ts
 * import { parseShard } from "./shards.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseShard("2/3"), [2, 3]);
 * assert.throws(() => parseShard("4/3"), /`shard` must be "k\/n" with 1 ≤ k ≤ n/);
 * ```
 */
export function parseShard(spec: string): [number, number] {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(spec));
  const k = m ? Number(m[1]) : NaN, n = m ? Number(m[2]) : NaN;
  if (!m || !(n >= 1) || !(k >= 1) || k > n) {
    throw new RangeError(
      `Cannot compute DSA matrix: \`shard\` must be "k/n" with 1 ≤ k ≤ n: got ${spec}`,
    );
  }
  return [k, n];
}

/**
 * Combine the matrices of all shards of one computation: each entry is taken
 * from the shard that computed it (non-NaN).
 *
 * @param parts Matrices of the same shape, e.g. `(await dsaPairwise(s, { shard: "k/n" })).matrix`.
 * @returns The merged matrix; entries no shard computed stay NaN.
 *
 * @example
 * ```ts
 * import { mergeShards } from "./shards.ts";
 * import assert from "node:assert/strict";
 * const a = { rows: 1, cols: 2, data: new Float64Array([1, NaN]) };
 * const b = { rows: 1, cols: 2, data: new Float64Array([NaN, 2]) };
 * assert.deepEqual(Array.from(mergeShards([a, b]).data), [1, 2]);
 * ```
 */
export function mergeShards(parts: readonly Matrix[]): Matrix {
  const context = "Cannot merge DSA shards";
  if (parts.length === 0) throw new RangeError(`${context}: \`parts\` must not be empty`);
  const { rows, cols } = parts[0]!;
  const out = new Float64Array(rows * cols).fill(NaN);
  parts.forEach((M, s) => {
    if (M.rows !== rows || M.cols !== cols) {
      throw new TypeError(
        `${context}: every part must have the same shape: part 0 is [${rows}, ${cols}] but part ${s} is [${M.rows}, ${M.cols}]`,
      );
    }
    for (let k = 0; k < out.length; k++) {
      const v = M.data[k]!;
      if (Number.isNaN(v)) continue;
      if (!Number.isNaN(out[k]!) && out[k] !== v) {
        throw new RangeError(
          `${context}: parts disagree at [${Math.floor(k / cols)}, ${k % cols}]: got ${
            out[k]
          } and ${v}`,
        );
      }
      out[k] = v;
    }
  });
  return { rows, cols, data: out };
}
