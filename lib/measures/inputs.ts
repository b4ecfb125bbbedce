/**
 * Pieces that several measure declarations share: input validation per kind
 * and the common option specs (`score`, `center`, `pad`).
 *
 * @module
 */

import { asMatrix, type Matrix } from "../linalg/matrix.ts";
import { asTensor, type Tensor, type TensorLike } from "../metrics/inputs.ts";
import { isConstantAcrossStimuli } from "../metrics/zoo_inputs.ts";
import type { Measure, OptionSpec, ResolvedOptions } from "./types.ts";

/**
 * Input handling of measures on response matrices [nStimuli, nUnits]: validated
 * with `asMatrix` (finite, non-empty), width = units, rows = stimuli, and the
 * pair cost of a cross-covariance plus its SVD.
 *
 * @example
 * ```ts
 * import { responseInput } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const X = responseInput.validate([[1, 2], [3, 4]], "X", "ctx");
 * assert.deepEqual([responseInput.widthOf(X), responseInput.rowsOf(X)], [2, 2]);
 * assert.throws(() => responseInput.validate([[1, NaN]], "X", "ctx"), /`X` must be finite/);
 * ```
 */
export const responseInput: Pick<
  Measure,
  "input" | "validate" | "widthOf" | "rowsOf" | "pairCost"
> = {
  input: "responses",
  validate: (x, name, context) => asMatrix(x as Matrix, name, { context }),
  widthOf: (x) => (x as Matrix).cols,
  rowsOf: (x) => (x as Matrix).rows,
  // per side: n·w² for the cross-covariance, 5·w³ for its SVD
  pairCost: (n, w) => n * w * w + 5 * w * w * w,
};

/**
 * Input handling of measures on tensors with `ndim` axes whose first axis is
 * the stimuli and last axis the units.
 *
 * @param ndim Number of axes (3: trials, 4: images).
 * @returns The validate/widthOf/rowsOf triple.
 *
 * @example
 * ```ts
 * import { tensorInput } from "./inputs.ts";
 * import assert from "node:assert/strict";
 * const t = tensorInput(3).validate([[[1, 2]], [[3, 4]]], "X", "ctx");
 * assert.deepEqual([tensorInput(3).widthOf(t), tensorInput(3).rowsOf(t)], [2, 2]);
 * ```
 */
export function tensorInput(ndim: number): Pick<Measure, "validate" | "widthOf" | "rowsOf"> {
  return {
    validate: (x, name, context) => asTensor(x as TensorLike, name, ndim, context),
    widthOf: (x) => (x as Tensor).shape[ndim - 1]!,
    rowsOf: (x) => (x as Tensor).shape[0]!,
  };
}

/** `score`: angular (radians) or euclidean. */
export const SCORE_OPTION: OptionSpec = {
  name: "score",
  type: "choice",
  default: "angular",
  choices: ["angular", "euclidean"],
  description: "ground metric: angular (radians) or euclidean (Frobenius norm of the difference)",
  flag: "score",
};

/** `center` (default on, flag `--no-center`) and `pad` (default on, flag `--no-pad`). */
export const SHAPE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "center",
    type: "boolean",
    default: true,
    description: "centre columns",
    flag: "no-center",
  },
  {
    name: "pad",
    type: "boolean",
    default: true,
    description: "zero-pad the narrower input (else widths must match)",
    flag: "no-pad",
  },
];

/**
 * Refuse a network whose angular shape distance is 0/0: with `center` on and the
 * angular score, responses that do not vary across stimuli (up to rounding) are zero
 * after centring. Called by `prepare`, so the message names the input (`networks[2]`).
 *
 * @param X The validated responses.
 * @param o Resolved options (`center`, `score`).
 * @param name Argument name.
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { checkAngularDefined } from "./inputs.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const C = fromRows([[1, 2], [1, 2], [1, 2]]);
 * assert.throws(() => checkAngularDefined(C, { center: true, score: "angular" }, "networks[2]", "Cannot compute linear metric"),
 *   { name: "RangeError", message: "Cannot compute linear metric: the angular distance is undefined because `networks[2]` has zero variance after centring (constant responses)" });
 * checkAngularDefined(C, { center: true, score: "euclidean" }, "Y", "Cannot compute linear metric");
 * ```
 */
export function checkAngularDefined(
  X: Matrix,
  o: ResolvedOptions,
  name: string,
  context: string,
): void {
  if (o.center !== true || o.score !== "angular" || !isConstantAcrossStimuli(X)) return;
  throw new RangeError(
    `${context}: the angular distance is undefined because \`${name}\` has zero variance after centring (constant responses)`,
  );
}
