/**
 * Inputs far from unit scale: squares of entries above ~1e154 overflow and
 * below ~1e-154 underflow, so a measure that squares its inputs would return
 * a wrong number (π/2, 0, "constant responses"). A measure declared invariant
 * to isotropic scaling computes on a copy multiplied by a power of two (exact
 * in floating point) that brings max|x| into [0.5, 1); any other measure
 * refuses such inputs with a RangeError.
 *
 * @module
 */

import { rescaleToUnit, SAFE_SCALE } from "../metrics/inputs.ts";
import type { Measure, ResolvedOptions } from "./types.ts";

/**
 * Bring a validated input of a measure to a safe scale, or refuse it.
 *
 * Inputs that hold their entries in `data: Float64Array` (matrices, tensors)
 * are checked; other forms (fitted models, summaries) are passed through.
 *
 * @param measure The measure (its declared `isotropicScale` invariance decides).
 * @param options Resolved options (properties may depend on them).
 * @param x The validated input.
 * @param name Argument name for errors.
 * @param context Error message prefix.
 * @returns `x` itself when its scale is safe, else a rescaled copy.
 *
 * @example A scale-invariant measure rescales; others refuse
 * ```ts
 * import { safeScale } from "./scale.ts";
 * import { getMeasure, resolveOptions } from "./all.ts";
 * import assert from "node:assert/strict";
 * const X = { rows: 2, cols: 1, data: new Float64Array([1e200, -3e200]) };
 * const cka = resolveOptions("cka", {}, "ctx");
 * const s = safeScale(cka.measure, cka.options, X, "X", "ctx") as typeof X;
 * assert.ok(Math.max(...s.data.map(Math.abs)) < 1);
 * const eu = resolveOptions("procrustes", { score: "euclidean" }, "ctx");
 * assert.throws(() => safeScale(eu.measure, eu.options, X, "X", "ctx"), /max\|X\| = 3e\+200/);
 * assert.ok(getMeasure("cka"));
 * ```
 */
export function safeScale(
  measure: Measure,
  options: ResolvedOptions,
  x: unknown,
  name: string,
  context: string,
): unknown {
  return safeScalePair(measure, options, x, null, name, context)[0];
}

function dataOf(x: unknown): Float64Array | null {
  const t = x as { data?: unknown };
  return t !== null && typeof t === "object" && t.data instanceof Float64Array ? t.data : null;
}

/**
 * {@link safeScale} for an input and its held-out part, scaled by one factor.
 *
 * @param measure The measure.
 * @param options Resolved options.
 * @param x The validated training input.
 * @param test Its validated held-out part, or null.
 * @param name Argument name for errors.
 * @param context Error message prefix.
 * @returns Both, rescaled together when needed.
 *
 * @example Train and test share the factor
 * ```ts
 * import { safeScalePair } from "./scale.ts";
 * import { resolveOptions } from "./all.ts";
 * import assert from "node:assert/strict";
 * const { measure, options } = resolveOptions("cca", {}, "ctx");
 * const X = { rows: 1, cols: 1, data: new Float64Array([4e150]) };
 * const T = { rows: 1, cols: 1, data: new Float64Array([2e150]) };
 * const [a, b] = safeScalePair(measure, options, X, T, "X", "ctx") as (typeof X)[];
 * assert.equal(a.data[0]! / b.data[0]!, 2);
 * ```
 */
export function safeScalePair(
  measure: Measure,
  options: ResolvedOptions,
  x: unknown,
  test: unknown,
  name: string,
  context: string,
): [unknown, unknown] {
  const dx = dataOf(x), dt = test === null ? null : dataOf(test);
  if (dx === null) return [x, test];
  let m = 0;
  for (const d of dt ? [dx, dt] : [dx]) {
    for (let k = 0; k < d.length; k++) {
      const a = Math.abs(d[k]!);
      if (a > m) m = a;
    }
  }
  if (m === 0 || (m >= SAFE_SCALE[0] && m <= SAFE_SCALE[1])) return [x, test];
  if (!measure.properties(options).invariances.isotropicScale) {
    throw new RangeError(
      `${context}: \`${name}\` has max|${name}| = ${m}, outside [${SAFE_SCALE[0]}, ${
        SAFE_SCALE[1]
      }], and measure ${measure.name} is not invariant to scaling at these options, so its value would over- or underflow: rescale the data`,
    );
  }
  const scaled = (v: unknown, d: Float64Array) => ({ ...(v as object), data: rescaleToUnit(d, m) });
  return [scaled(x, dx), dt ? scaled(test, dt) : test];
}
