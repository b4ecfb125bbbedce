/**
 * Merging the matrices computed by the shards of a DSA matrix (shards are
 * selected with the package-wide `parseShard`, k/n with k in 0…n−1).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";

/**
 * Combine the matrices of all shards of one computation: each entry is taken
 * from the shard that computed it (non-NaN).
 *
 * @param parts Matrices of the same shape, e.g. `(await dsaPairwise(s, { shard: "k/n" })).matrix`.
 * @returns The merged matrix; entries no shard computed stay NaN.
 *
 * @example
 * ```ts
 * import { mergeDsaShards } from "./shards.ts";
 * import assert from "node:assert/strict";
 * const a = { rows: 1, cols: 2, data: new Float64Array([1, NaN]) };
 * const b = { rows: 1, cols: 2, data: new Float64Array([NaN, 2]) };
 * assert.deepEqual(Array.from(mergeDsaShards([a, b]).data), [1, 2]);
 * ```
 */
export function mergeDsaShards(parts: readonly Matrix[]): Matrix {
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
