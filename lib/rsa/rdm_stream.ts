/**
 * RDMs of data read in row blocks: one pass accumulates each condition's sum
 * and count, and the RDM is computed from the condition means, as
 * `computeRdm` does after averaging the rows of each condition. Memory is the
 * condition means plus one block, whatever the number of rows (trials).
 *
 * @module
 */

import type { MatrixLike } from "../linalg/matrix.ts";
import type { RowBlockReader } from "../io/row_blocks.ts";
import { tagResult } from "../result.ts";
import { computeRdm, type Label, type RdmMethod, type RdmResult } from "./rdm.ts";
import { assertKnownOptions } from "../validate/mod.ts";

const CTX = "Cannot compute RDM";
const STREAMING_RDM_OPTIONS = Object.keys(
  { method: 1, noise: 1, conditions: 1 } satisfies Record<keyof StreamingRdmOptions, 1>,
);

/** Options for {@link streamingRdm}. */
export interface StreamingRdmOptions {
  /** Dissimilarity (see `computeRdm`); crossnobis needs the runs' rows and is not offered. @default "euclidean" */
  method?: Exclude<RdmMethod, "crossnobis">;
  /** `[p, p]` noise covariance (mahalanobis only). @default undefined */
  noise?: MatrixLike;
  /** Condition label of each row read (in order). */
  conditions: ArrayLike<Label>;
}

/**
 * The RDM of the condition means of data read in row blocks, equal to
 * `computeRdm(X, { method, noise, conditions })` to rounding (whitening by
 * the noise is linear, so it commutes with averaging).
 *
 * @param X Reader of `[nObservations, nChannels]`.
 * @param options Method, noise covariance and the condition label of each row.
 * @returns A result of kind `"rdm"`, conditions in order of first appearance.
 * @throws {TypeError} For a label count other than the rows, or crossnobis.
 * @throws {RangeError} For non-finite data, poisson data ≤ −0.1, or fewer than 3 conditions.
 *
 * @example Two trials per condition
 * ```ts
 * import { streamingRdm } from "./rdm_stream.ts";
 * import { computeRdm } from "./rdm.ts";
 * import assert from "node:assert/strict";
 * const rows = [[0, 0], [2, 0], [0, 4], [0, 2], [4, 0], [0, 2]];
 * const conditions = ["a", "b", "c", "a", "b", "c"];
 * const reader = {
 *   source: "mem", rows: 6, cols: 2, blockRows: 4,
 *   async *blocks() {
 *     yield { rows: 4, cols: 2, data: Float64Array.from(rows.slice(0, 4).flat()) };
 *     yield { rows: 2, cols: 2, data: Float64Array.from(rows.slice(4).flat()) };
 *   },
 * };
 * const r = await streamingRdm(reader, { conditions });
 * assert.deepEqual(r.conditions, ["a", "b", "c"]);
 * assert.deepEqual(r.rdm.data, computeRdm(rows, { conditions }).rdm.data);
 * ```
 */
export async function streamingRdm(
  X: RowBlockReader,
  options: StreamingRdmOptions,
): Promise<Readonly<RdmResult & { kind: string }>> {
  if (options === undefined) {
    throw new TypeError(`${CTX}: \`options\` must be an object with \`conditions\``);
  }
  assertKnownOptions(options, STREAMING_RDM_OPTIONS, CTX);
  const { method = "euclidean", noise, conditions } = options;
  if ((method as string) === "crossnobis") {
    throw new TypeError(
      `${CTX}: crossnobis is not computed from row blocks (it needs each run's rows); load the data and use computeRdm`,
    );
  }
  if (conditions === undefined || conditions.length !== X.rows) {
    throw new TypeError(
      `${CTX}: \`conditions\` must have one label per row of \`X\` (${X.rows}): got ${conditions?.length}`,
    );
  }
  const p = X.cols;
  const ids = new Map<Label, number>();
  let sums = new Float64Array(16 * p);
  const counts: number[] = [];
  let row = 0;
  for await (const block of X.blocks()) {
    const d = block.data;
    for (let r = 0; r < block.rows; r++, row++) {
      const label = conditions[row]!;
      if (typeof label === "number" && !Number.isFinite(label)) {
        throw new RangeError(`${CTX}: \`conditions\` must be finite: got ${label} at index ${row}`);
      }
      let g = ids.get(label);
      if (g === undefined) {
        ids.set(label, g = ids.size);
        counts.push(0);
        if ((g + 1) * p > sums.length) {
          const grown = new Float64Array(2 * sums.length);
          grown.set(sums);
          sums = grown;
        }
      }
      counts[g]!++;
      for (let k = 0; k < p; k++) {
        const v = d[r * p + k]!;
        if (!Number.isFinite(v)) {
          throw new RangeError(`${CTX}: \`X\` must be finite: got ${v} at [${row}, ${k}]`);
        }
        if (method === "poisson" && !(v > -0.1)) {
          throw new RangeError(`${CTX}: poisson needs \`X\` > -0.1: got ${v} at [${row}, ${k}]`);
        }
        sums[g * p + k]! += v;
      }
    }
  }
  const n = ids.size;
  const means = sums.slice(0, n * p);
  for (let g = 0; g < n; g++) for (let k = 0; k < p; k++) means[g * p + k]! /= counts[g]!;
  const r = computeRdm({ rows: n, cols: p, data: means }, {
    method,
    ...(noise !== undefined ? { noise } : {}),
  });
  return tagResult("rdm", { method: r.method, conditions: [...ids.keys()], rdm: r.rdm });
}
