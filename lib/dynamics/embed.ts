/**
 * Delay (Hankel) embedding, as in HAVOK / DSA (Ostrow et al. 2023).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { assertInteger } from "../validate/mod.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "./data.ts";
import { checkOptions } from "../validate/options.ts";
import { DELAY_EMBED_OPTIONS } from "./option_kinds.ts";

/** Options for {@link delayEmbed}. */
export interface DelayEmbedOptions {
  /** Number of delays D (D = 1 returns the data itself). @default 1 */
  nDelays?: number;
  /** Samples between consecutive delays, k. @default 1 */
  delayInterval?: number;
}

/** A delay embedding of one or more trials. */
export interface DelayEmbedding {
  /** Hankel rows of all trials stacked trial-major, `[Σ T′ᵢ, dims·nDelays]`. */
  H: Matrix;
  /** Number of embedded rows per trial, T′ᵢ = Tᵢ − (D − 1)·k. */
  rowsPerTrial: number[];
  /** Observed dimensions N. */
  dims: number;
  /** D. */
  nDelays: number;
  /** k. */
  delayInterval: number;
}

/**
 * Delay-embed trials already validated as {@link Trials}. See {@link delayEmbed}.
 *
 * @param X Stacked trials.
 * @param nDelays D ≥ 1.
 * @param delayInterval k ≥ 1.
 * @param context Error message prefix.
 * @returns The embedding.
 *
 * @example
 * ```ts
 * import { asTrials } from "./data.ts";
 * import { embedTrials } from "./embed.ts";
 * import assert from "node:assert/strict";
 * const e = embedTrials(asTrials([[1], [2], [3]], "X", "ctx"), 2, 1, "ctx");
 * assert.deepEqual(Array.from(e.H.data), [2, 1, 3, 2]);
 * ```
 */
export function embedTrials(
  X: Trials,
  nDelays: number,
  delayInterval: number,
  context: string,
): DelayEmbedding {
  assertInteger(nDelays, "nDelays", 1, Infinity, context);
  assertInteger(delayInterval, "delayInterval", 1, Infinity, context);
  const N = X.dims, D = nDelays, k = delayInterval;
  const span = (D - 1) * k;
  const rowsPerTrial = X.lengths.map((T, i) => {
    const Tp = T - span;
    if (Tp < 1) {
      throw new RangeError(
        `${context}: too few time steps for the delays: trial ${i} has ${T} samples but nDelays = ${D} with delayInterval = ${k} needs at least ${
          span + 1
        }`,
      );
    }
    return Tp;
  });
  const total = rowsPerTrial.reduce((a, b) => a + b, 0);
  const W = N * D;
  const out = new Float64Array(total * W);
  let inRow = 0, outRow = 0;
  X.lengths.forEach((T, trial) => {
    const Tp = rowsPerTrial[trial]!;
    for (let t = 0; t < Tp; t++) {
      const o = (outRow + t) * W;
      for (let d = 0; d < D; d++) {
        // block d holds x_{t + (D-1-d)k}: newest sample first
        const src = (inRow + t + (D - 1 - d) * k) * N;
        for (let j = 0; j < N; j++) out[o + d * N + j] = X.data[src + j]!;
      }
    }
    inRow += T;
    outRow += Tp;
  });
  return {
    H: { rows: total, cols: W, data: out },
    rowsPerTrial,
    dims: N,
    nDelays: D,
    delayInterval: k,
  };
}

/**
 * Delay (Hankel) embedding. With D delays at interval k, row t of a trial is
 * `[x_{t+(D−1)k}, x_{t+(D−2)k}, …, x_{t+k}, x_t]` (newest sample first), for
 * t = 0 … T − (D−1)k − 1. Trials are embedded separately and stacked
 * trial-major, so no row mixes samples of two trials.
 *
 * @param X Data `[time, dims]`, `[trials, time, dims]` or a list of trials.
 * @param options `nDelays`, `delayInterval`.
 * @returns `{H, rowsPerTrial, dims, nDelays, delayInterval}`.
 *
 * @example Newest sample first
 * ```ts
 * import { delayEmbed } from "./embed.ts";
 * import { toRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { H } = delayEmbed([[1, 10], [2, 20], [3, 30], [4, 40]], { nDelays: 3 });
 * assert.deepEqual(toRows(H), [[3, 30, 2, 20, 1, 10], [4, 40, 3, 30, 2, 20]]);
 * ```
 */
export function delayEmbed(X: TimeSeriesLike, options: DelayEmbedOptions = {}): DelayEmbedding {
  checkOptions(options, DELAY_EMBED_OPTIONS, "Cannot delay-embed");
  const { nDelays = 1, delayInterval = 1 } = options;
  const context = "Cannot delay-embed";
  return embedTrials(asTrials(X, "X", context), nDelays, delayInterval, context);
}
