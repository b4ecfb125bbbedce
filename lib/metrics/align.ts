/**
 * Optimal alignment within a group of isometries: the orthogonal Q (rotations
 * and reflections), the permutation Q, or the identity, that makes A·Q closest
 * to B in Frobenius norm. All three maximise tr(Qᵀ C) with C = AᵀB, so the same
 * Q is optimal for the angular and the euclidean ground metric.
 *
 * @module
 */

import { matrixArg, type MatrixLike } from "../linalg/matrix.ts";
import type { Matrix } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { linearSumAssignment } from "../optim/assignment.ts";

/** Groups of alignments: orthogonal maps, permutations, or none. */
export type AlignmentGroup = "orth" | "perm" | "identity";

/** The three groups, for validation. */
export const ALIGNMENT_GROUPS: readonly AlignmentGroup[] = ["orth", "perm", "identity"];

/**
 * Check a group name.
 *
 * @param group The group name.
 * @param context Message prefix.
 *
 * @example Unknown groups are rejected
 * ```ts
 * import { checkGroup } from "./align.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkGroup("affine", "ctx"), /`group` must be one of orth, perm, identity: got affine/);
 * ```
 */
export function checkGroup(group: string, context: string): asserts group is AlignmentGroup {
  if (!(ALIGNMENT_GROUPS as readonly string[]).includes(group)) {
    throw new RangeError(
      `${context}: \`group\` must be one of ${ALIGNMENT_GROUPS.join(", ")}: got ${group}`,
    );
  }
}

/**
 * The group element Q maximising tr(Qᵀ C) for a square cross-product C = AᵀB.
 * For `orth`, Q = U Vᵀ from C = U Σ Vᵀ (orthogonal Procrustes).
 *
 * @param C Cross-product [p, p].
 * @param group Alignment group.
 * @returns Q [p, p].
 *
 * @example A permutation
 * ```ts
 * import { alignFromCross } from "./align.ts";
 * import { fromRows, toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(toRows(alignFromCross(fromRows([[0, 5], [3, 1]]), "perm")), [[0, 1], [1, 0]]);
 * ```
 */
export function alignFromCross(C: MatrixLike, group: AlignmentGroup): Matrix {
  C = matrixArg(C, "C");
  const p = C.rows;
  const Q = new Float64Array(p * p);
  if (group === "identity") {
    for (let i = 0; i < p; i++) Q[i * p + i] = 1;
    return { rows: p, cols: p, data: Q };
  }
  if (group === "perm") {
    const { colIndex } = linearSumAssignment(C, { maximize: true });
    for (let i = 0; i < p; i++) Q[i * p + colIndex[i]!] = 1;
    return { rows: p, cols: p, data: Q };
  }
  const backend = getBackend();
  const { U, Vt } = backend.svd(C, false);
  return backend.gemm(U, Vt, false, false);
}

/**
 * The group element Q making A·Q closest to B (‖A Q − B‖ minimal).
 *
 * @param A [n, p], moved by the alignment.
 * @param B [n, p], fixed.
 * @param group Alignment group. @default "orth"
 * @returns Q [p, p].
 *
 * @example Recover a rotation
 * ```ts
 * import { alignTo } from "./align.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 0], [0, 2], [1, 1]]);
 * const B = fromRows([[0, 1], [-2, 0], [-1, 1]]); // A rotated by 90°
 * const Q = alignTo(A, B);
 * assert.ok(Math.abs(Q.data[1]! - 1) < 1e-14 && Math.abs(Q.data[2]! + 1) < 1e-14);
 * ```
 */
export function alignTo(A: MatrixLike, B: MatrixLike, group: AlignmentGroup = "orth"): Matrix {
  A = matrixArg(A, "A");
  B = matrixArg(B, "B");
  return alignFromCross(getBackend().gemm(A, B, true, false), group);
}
