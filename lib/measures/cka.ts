/**
 * Centred kernel alignment (Kornblith et al. 2019): linear or RBF kernel,
 * optionally with the unbiased HSIC estimator (Song et al. 2012). Returns the
 * similarity and the metric form arccos(CKA) (`lib/metrics/cka.ts`). Held-out
 * rows are compared directly (CKA fits nothing).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { ckaDistance, type CKAKernel, debiasedCKA, linearCKA, rbfCKA } from "../metrics/cka.ts";
import { centerAndPad } from "../metrics/inputs.ts";
import { isConstantAcrossStimuli } from "../metrics/zoo_inputs.ts";
import { registerMeasure } from "./registry.ts";
import { responseInput } from "./inputs.ts";
import type { Comparison, Measure, ResolvedOptions } from "./types.ts";

/** A network prepared for CKA. */
export interface PreparedCka {
  /** Training rows (centred for the plain linear kernel with `center`). */
  X: Matrix;
  /** Held-out rows (as given), or null. */
  test: Matrix | null;
}

/** Whether `prepare` centres (the plain linear kernel with `center`). */
function precentred(o: ResolvedOptions): boolean {
  return o.kernel === "linear" && o.debiased === false && o.center === true;
}

function both(X: Matrix, Y: Matrix, o: ResolvedOptions, centred: boolean) {
  const kernel = o.kernel as CKAKernel, threshold = o.threshold as number;
  const debiased = o.debiased as boolean;
  const center = centred ? false : (o.center as boolean);
  const similarity = debiased
    ? debiasedCKA(X, Y, { kernel, threshold })
    : kernel === "rbf"
    ? rbfCKA(X, Y, { threshold })
    : linearCKA(X, Y, { center });
  const distance = ckaDistance(X, Y, { kernel, threshold, center, debiased });
  return { similarity, distance };
}

/**
 * The `cka` measure (registered on import), with aliases `linear-cka`,
 * `rbf-cka` and `debiased-cka`.
 *
 * @example A scaled rotated copy has CKA 1
 * ```ts
 * import { ckaMeasure } from "./cka.ts";
 * import { resolveOptions } from "./registry.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("cka");
 * const ctx = { width: 2, test: null, name: "X" };
 * const X = fromRows([[1, 2], [3, 1], [0, 0], [2, 5]]), Y = fromRows([[4, -2], [2, -6], [0, 0], [10, -4]]);
 * const r = ckaMeasure.compare(ckaMeasure.prepare(X, options, ctx), ckaMeasure.prepare(Y, options, ctx), options);
 * assert.ok(Math.abs(r.similarity! - 1) < 1e-14 && r.distance! < 1e-7);
 * ```
 */
export const ckaMeasure: Measure<PreparedCka> = registerMeasure<PreparedCka>({
  name: "cka",
  description: "centred kernel alignment (similarity) and arccos(CKA) (distance)",
  aliases: {
    "linear-cka": { kernel: "linear", debiased: false },
    "rbf-cka": { kernel: "rbf" },
    "debiased-cka": { debiased: true },
  },
  ...responseInput,
  returns: "both",
  options: [
    {
      name: "kernel",
      type: "choice",
      default: "linear",
      choices: ["linear", "rbf"],
      description: "kernel on stimuli",
      flag: "kernel",
    },
    {
      name: "threshold",
      type: "number",
      default: 1,
      min: 0,
      exclusiveMin: true,
      description: "RBF bandwidth as a fraction of the median distance between stimuli",
      flag: "threshold",
    },
    {
      name: "debiased",
      type: "boolean",
      default: false,
      description: "unbiased HSIC estimator (needs at least 4 stimuli)",
      flag: "debiased",
    },
    {
      name: "center",
      type: "boolean",
      default: true,
      description: "centre columns (linear kernel; RBF and debiased CKA do not depend on it)",
      flag: "no-center",
    },
  ],
  properties(o) {
    const linear = o.kernel === "linear" && o.debiased === false;
    return {
      metric: true,
      symmetric: true,
      invariances: {
        rotation: true,
        permutation: true,
        isotropicScale: true,
        translation: !linear || o.center === true,
        invertibleLinear: false,
      },
    };
  },
  reference: "Kornblith, Norouzi, Lee & Hinton, ICML 2019; debiased: Song et al., JMLR 2012",
  padded: false,
  heldOut: true,
  checks: [{ kernel: "rbf", threshold: 0.5 }, { center: false }, {
    debiased: true,
    kernel: "rbf",
  }],
  prepare(X, o, ctx) {
    const M = X as Matrix;
    // linear CKA without centring is defined for a constant non-zero input; the others are 0/0
    const uncentred = o.kernel === "linear" && o.debiased === false && o.center === false;
    if (!uncentred && isConstantAcrossStimuli(M)) {
      throw new RangeError(
        `Cannot compute CKA: CKA is undefined because \`${ctx.name}\` has zero variance across stimuli (constant responses)`,
      );
    }
    return {
      X: precentred(o) ? centerAndPad(M, M.cols, true).centered : M,
      test: ctx.test as Matrix | null,
    };
  },
  compare(a, b, o): Comparison {
    const { similarity, distance } = both(a.X, b.X, o, precentred(o));
    if (a.test === null || b.test === null) return { distance, similarity };
    const t = both(a.test, b.test, o, false);
    return { distance, similarity, testDistance: t.distance, testSimilarity: t.similarity };
  },
});
