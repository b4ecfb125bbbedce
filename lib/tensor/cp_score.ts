/**
 * Using a fitted CP decomposition: the reconstructed tensor and its error on any
 * entries (e.g. held-out ones).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { CpFit } from "./cp_core.ts";
import { errorOnMask, type FitError } from "./fit_error.ts";
import { kruskalFull } from "./kruskal.ts";
import { asMask, asTensor3, type MaskLike, type Tensor3, type Tensor3Like } from "./tensor.ts";
import { assertKnownOptions } from "../validate/mod.ts";

function checkFit(fit: Pick<CpFit, "weights" | "factors">, ctx: string): [Matrix, Matrix, Matrix] {
  if (
    fit === null || typeof fit !== "object" || !Array.isArray(fit.factors) ||
    fit.factors.length !== 3 || !Array.isArray(fit.weights)
  ) {
    throw new TypeError(`${ctx}: \`fit\` must be a CP fit from cpAls or cpHals`);
  }
  return fit.factors as [Matrix, Matrix, Matrix];
}

/**
 * The full tensor `Σ_r λ_r a_r ∘ b_r ∘ c_r` of a CP fit.
 *
 * @param fit A result of `cpAls` or `cpHals`.
 * @returns The `[I, J, K]` reconstruction.
 *
 * @example Reconstruction of an exact fit equals the data
 * ```ts
 * import { cpAls } from "./cp_als.ts";
 * import { cpReconstruct } from "./cp_score.ts";
 * import assert from "node:assert/strict";
 * const T = { shape: [2, 2, 1] as [number, number, number], data: new Float64Array([1, 2, 2, 4]) };
 * const back = cpReconstruct(cpAls(T, { rank: 1 }));
 * assert.ok(back.data.every((x, p) => Math.abs(x - T.data[p]!) < 1e-12));
 * ```
 */
export function cpReconstruct(fit: Pick<CpFit, "weights" | "factors">): Tensor3 {
  const [A, B, C] = checkFit(fit, "Cannot reconstruct CP fit");
  return kruskalFull(fit.weights, A, B, C);
}

/** Options for {@link cpScore}. */
export interface CpScoreOptions {
  /** Entries to score (nonzero = scored), e.g. the held-out entries. @default every entry */
  mask?: MaskLike;
}

/**
 * Relative error and variance explained of a CP fit on the entries of `T` selected by
 * `mask` — typically entries held out of the fit — with the definitions of
 * `reconstructionError`.
 *
 * @param fit A result of `cpAls` or `cpHals`.
 * @param T Data of the fitted shape.
 * @param options Entries to score.
 * @returns The scores.
 *
 * @example Held-out entries of a rank-1 tensor are predicted
 * ```ts
 * import { cpAls } from "./cp_als.ts";
 * import { cpScore } from "./cp_score.ts";
 * import { kruskalToTensor } from "./kruskal.ts";
 * import assert from "node:assert/strict";
 * const T = kruskalToTensor([[[1], [2], [3]], [[1], [-1], [2]], [[2], [1], [1]]]);
 * const train = new Uint8Array(27).fill(1);
 * train[4] = 0;
 * const fit = cpAls(T, { rank: 1, mask: train, tol: 1e-14 });
 * const test = train.map((x) => 1 - x);
 * assert.ok(cpScore(fit, T, { mask: test }).relativeError < 1e-6);
 * ```
 */
export function cpScore(
  fit: Pick<CpFit, "weights" | "factors">,
  T: Tensor3Like,
  options: CpScoreOptions = {},
): FitError {
  const ctx = "Cannot score CP fit";
  assertKnownOptions(options, ["mask"] satisfies (keyof CpScoreOptions)[], ctx);
  const [A, B, C] = checkFit(fit, ctx);
  const X = asTensor3(T, "T", { context: ctx, finite: false });
  const shape = [A.rows, B.rows, C.rows];
  if (X.shape.some((d, m) => d !== shape[m])) {
    throw new TypeError(
      `${ctx}: \`T\` must have the fitted shape [${shape.join(", ")}]: got [${X.shape.join(", ")}]`,
    );
  }
  const mask = options.mask === undefined
    ? undefined
    : asMask(options.mask, X.data.length, "mask", ctx);
  return errorOnMask(X, kruskalFull(fit.weights, A, B, C).data, mask, ctx);
}
