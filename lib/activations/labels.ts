/**
 * Integer label vectors (class, spurious attribute, group): validation at API
 * entry and the small counting helpers every file of this area shares.
 *
 * @module
 */

/** Anything accepted where a label vector is expected: non-negative integers. */
export type LabelsLike = ArrayLike<number>;

/**
 * Validate a label vector and copy it to an `Int32Array`.
 *
 * @param y The labels: non-negative integers.
 * @param name Argument name used in error messages.
 * @param n Required length (the number of rows it labels), or `undefined` for any.
 * @param context Message prefix, e.g. "Cannot fit logistic regression".
 * @returns The labels as an `Int32Array` (a copy).
 *
 * @example Labels must match the rows
 * ```ts
 * import { asLabels } from "./labels.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(asLabels([0, 2, 1], "y", 3)), [0, 2, 1]);
 * assert.throws(
 *   () => asLabels([0, 1], "y", 3, "Cannot fit"),
 *   { name: "TypeError", message: "Cannot fit: `y` must have one label per row (3): got 2 labels" },
 * );
 * ```
 */
export function asLabels(
  y: LabelsLike,
  name: string,
  n?: number,
  context = "Invalid input",
): Int32Array {
  if (y === null || typeof y !== "object" || typeof (y as ArrayLike<number>).length !== "number") {
    throw new TypeError(
      `${context}: \`${name}\` must be an array of integer labels: got ${
        y === null ? "null" : typeof y
      }`,
    );
  }
  if (n !== undefined && y.length !== n) {
    throw new TypeError(
      `${context}: \`${name}\` must have one label per row (${n}): got ${y.length} labels`,
    );
  }
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new RangeError(
        `${context}: \`${name}\` must hold non-negative integers: got ${v} at index ${i}`,
      );
    }
    out[i] = v;
  }
  return out;
}

/**
 * One more than the largest label (0 for an empty vector).
 *
 * @param y Labels.
 * @returns The number of levels.
 *
 * @example
 * ```ts
 * import { countLevels } from "./labels.ts";
 * import assert from "node:assert/strict";
 * assert.equal(countLevels([0, 3, 1]), 4);
 * ```
 */
export function countLevels(y: ArrayLike<number>): number {
  let m = -1;
  for (let i = 0; i < y.length; i++) if (y[i]! > m) m = y[i]!;
  return m + 1;
}

/**
 * Counts of each level `0 … nLevels−1`.
 *
 * @param y Labels.
 * @param nLevels Number of levels counted (labels at or above it are ignored).
 * @returns The counts.
 *
 * @example
 * ```ts
 * import { bincount } from "./labels.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(bincount([0, 2, 2], 4), [1, 0, 2, 0]);
 * ```
 */
export function bincount(y: ArrayLike<number>, nLevels = countLevels(y)): number[] {
  const out = new Array<number>(nLevels).fill(0);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v < nLevels) out[v]!++;
  }
  return out;
}

/**
 * Cross two label vectors into one: `a · nB + b` (e.g. class × attribute groups).
 *
 * @param a First labels (e.g. class).
 * @param b Second labels (e.g. spurious attribute), same length.
 * @param nB Number of levels of `b` (default: inferred).
 * @returns Group ids.
 *
 * @example Class × attribute groups
 * ```ts
 * import { crossLabels } from "./labels.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(crossLabels([0, 0, 1, 1], [0, 1, 0, 1], 2)), [0, 1, 2, 3]);
 * ```
 */
export function crossLabels(a: LabelsLike, b: LabelsLike, nB?: number): Int32Array {
  const ctx = "Cannot cross labels";
  const A = asLabels(a, "a", undefined, ctx);
  const B = asLabels(b, "b", A.length, ctx);
  const m = nB ?? countLevels(B);
  const out = new Int32Array(A.length);
  for (let i = 0; i < A.length; i++) {
    if (B[i]! >= m) {
      throw new RangeError(`${ctx}: \`b\` must be < nB = ${m}: got ${B[i]} at index ${i}`);
    }
    out[i] = A[i]! * m + B[i]!;
  }
  return out;
}
