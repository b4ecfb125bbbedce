/**
 * Noise covariance of channels from residuals (observations × channels), with
 * optional shrinkage, for the `mahalanobis` and `crossnobis` RDMs.
 *
 * @module
 */

import { asMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { assertInteger, assertKnownOptions } from "../validate/mod.ts";

/** How {@link noiseCovariance} estimates the covariance. */
export type NoiseMethod = "full" | "diagonal" | "shrinkage-diagonal" | "ledoit-wolf";

/** Options for {@link noiseCovariance}. */
export interface NoiseCovarianceOptions {
  /**
   * Estimator:
   * - `full`: the sample covariance RᵀR / dof;
   * - `diagonal`: its diagonal only;
   * - `shrinkage-diagonal`: off-diagonal entries shrunk towards 0 by the
   *   Schäfer & Strimmer (2005) intensity λ = Σ_{i≠j} Var(r_ij) / Σ_{i≠j} r_ij²
   *   (their target D), clipped to [0, 1];
   * - `ledoit-wolf`: shrunk towards μI, μ = tr(S)/p, with the Ledoit & Wolf
   *   (2004) intensity min(b̄², d²)/d² (as scikit-learn's `ledoit_wolf` when
   *   `dof` is the number of observations).
   * @default "shrinkage-diagonal"
   */
  method?: NoiseMethod;
  /** Degrees of freedom of the residuals (the divisor). @default observations − 1 */
  dof?: number;
}

const METHODS: readonly NoiseMethod[] = ["full", "diagonal", "shrinkage-diagonal", "ledoit-wolf"];

/**
 * Channel noise covariance from residuals; columns are centred first.
 *
 * @param residuals `[nObservations, nChannels]` residuals.
 * @param options Estimator and degrees of freedom.
 * @returns `[nChannels, nChannels]` covariance.
 *
 * @example The diagonal estimator keeps only the variances
 * ```ts
 * import { noiseCovariance } from "./noise.ts";
 * import assert from "node:assert/strict";
 * const S = noiseCovariance([[1, 2], [-1, 0], [0, -2]], { method: "diagonal" });
 * assert.deepEqual(Array.from(S.data), [1, 0, 0, 4]);
 * ```
 */
export function noiseCovariance(
  residuals: MatrixLike,
  options: NoiseCovarianceOptions = {},
): Matrix {
  const ctx = "Cannot estimate noise covariance";
  assertKnownOptions(options, ["method", "dof"] satisfies (keyof NoiseCovarianceOptions)[], ctx);
  const R = asMatrix(residuals, "residuals", { context: ctx });
  const { method = "shrinkage-diagonal" } = options;
  const n = R.rows, p = R.cols;
  const { dof = n - 1 } = options;
  if (!METHODS.includes(method)) {
    throw new RangeError(
      `${ctx}: \`method\` must be one of ${METHODS.join(", ")}: got ${JSON.stringify(method)}`,
    );
  }
  if (n < 2) throw new RangeError(`${ctx}: \`residuals\` must have at least 2 rows: got ${n}`);
  assertInteger(dof, "dof", 1, Infinity, ctx);
  const X = new Float64Array(R.data);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * p + j]!;
    s /= n;
    for (let i = 0; i < n; i++) X[i * p + j]! -= s;
  }
  const S = new Float64Array(p * p); // Σ_k x_k x_kᵀ
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < p; i++) {
      const xi = X[k * p + i]!;
      if (xi === 0) continue;
      for (let j = 0; j < p; j++) S[i * p + j]! += xi * X[k * p + j]!;
    }
  }
  const out = new Float64Array(p * p);
  if (method === "full" || method === "diagonal") {
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        if (method === "full" || i === j) out[i * p + j] = S[i * p + j]! / dof;
      }
    }
  } else if (method === "ledoit-wolf") {
    // S/n is the biased covariance; shrink it, then rescale to the divisor dof
    let mu = 0;
    for (let i = 0; i < p; i++) mu += S[i * p + i]! / n;
    mu /= p;
    let d2 = 0, s2 = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const v = S[i * p + j]! / n;
        s2 += v * v;
        const d = v - (i === j ? mu : 0);
        d2 += d * d;
      }
    }
    let b2 = 0;
    for (let k = 0; k < n; k++) {
      let norm2 = 0, quad = 0;
      for (let i = 0; i < p; i++) {
        const xi = X[k * p + i]!;
        norm2 += xi * xi;
        let row = 0;
        for (let j = 0; j < p; j++) row += (S[i * p + j]! / n) * X[k * p + j]!;
        quad += xi * row;
      }
      b2 += norm2 * norm2 - 2 * quad + s2;
    }
    b2 /= n * n;
    const shrink = d2 === 0 ? 0 : Math.min(b2, d2) / d2;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const v = (1 - shrink) * S[i * p + j]! / n + (i === j ? shrink * mu : 0);
        out[i * p + j] = v * n / dof;
      }
    }
  } else {
    // Schäfer & Strimmer target D: shrink the correlations towards 0
    const sd = new Float64Array(p);
    for (let i = 0; i < p; i++) sd[i] = Math.sqrt(S[i * p + i]! / (n - 1));
    let num = 0, den = 0;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const scale = sd[i]! * sd[j]!;
        if (scale === 0) continue;
        const wbar = S[i * p + j]! / n / scale;
        let ss = 0;
        for (let k = 0; k < n; k++) {
          const d = X[k * p + i]! * X[k * p + j]! / scale - wbar;
          ss += d * d;
        }
        const r = S[i * p + j]! / (n - 1) / scale;
        num += n / ((n - 1) ** 3) * ss;
        den += r * r;
      }
    }
    const lambda = den === 0 ? 1 : Math.max(0, Math.min(1, num / den));
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        out[i * p + j] = (i === j ? 1 : 1 - lambda) * S[i * p + j]! / dof;
      }
    }
  }
  return { rows: p, cols: p, data: out };
}
