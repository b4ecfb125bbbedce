/**
 * Numbers behind the learning-curve figure: quantiles of the subsets (for the
 * band) and the one-line comparison of theory and experiment in its summary.
 *
 * @module
 */

import { formatNumber } from "../../display/format.ts";
import type { EmpiricalCurveInput, TheoryCurveInput } from "./learning.ts";

/**
 * The q-quantile of some numbers (linear interpolation between order statistics).
 *
 * @param values Numbers (non-empty).
 * @param q Level in [0, 1].
 * @returns The quantile.
 *
 * @example Quartiles of 1…5
 * ```ts
 * import { quantile } from "./curve_stats.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([0, 0.25, 0.5, 0.75, 1].map((q) => quantile([5, 1, 4, 2, 3], q)), [1, 2, 3, 4, 5]);
 * ```
 */
export function quantile(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  const at = q * (v.length - 1), i = Math.floor(at);
  return i + 1 < v.length ? v[i]! + (at - i) * (v[i + 1]! - v[i]!) : v[i]!;
}

/**
 * One summary line of a learning curve: the ranges of theory and experiment and
 * their largest relative gap |empirical/theory − 1|, overall and for p ≤ 0.6P.
 *
 * @param name Curve name.
 * @param t Theory (or nothing).
 * @param m Experiment (or nothing).
 * @returns The line.
 *
 * @example Theory and experiment at two sizes
 * ```ts
 * import { describeCurve } from "./curve_stats.ts";
 * import assert from "node:assert/strict";
 * const line = describeCurve("A", { P: 10, ps: [2, 8], Eg: [0.5, 0.1] }, {
 *   ps: [2, 8], gen: { error: [0.55, 0.1] },
 * });
 * assert.match(line, /^A: theory 0.5 \(p = 2\) to 0.1 \(p = 8\); .* = 10% at p = 2; 10% for p ≤ 0.6P$/);
 * ```
 */
export function describeCurve(
  name: string,
  t: TheoryCurveInput | null | undefined,
  m: EmpiricalCurveInput | null | undefined,
): string {
  const f = (v: number) => formatNumber(v, 3);
  const range = (ps: readonly number[], y: readonly number[]) =>
    `${f(y[0]!)} (p = ${ps[0]}) to ${f(y.at(-1)!)} (p = ${ps.at(-1)})`;
  const parts: string[] = [];
  if (t) parts.push(`theory ${range(t.ps, t.Eg)}`);
  if (m) parts.push(`empirical ${range(m.ps, m.gen.error)}`);
  if (t && m) {
    const P = t.P ?? m.P;
    let worst = -1, worstP = NaN, early = -1;
    m.ps.forEach((p, j) => {
      const k = t.ps.indexOf(p);
      const th = t.Eg[k]!;
      if (k < 0 || !(th > 0) || !Number.isFinite(th)) return;
      const gap = Math.abs(m.gen.error[j]! / th - 1);
      if (gap > worst) [worst, worstP] = [gap, p];
      if (P !== undefined && p <= 0.6 * P) early = Math.max(early, gap);
    });
    const pct = (v: number) => `${formatNumber(100 * v, 2)}%`;
    if (worst >= 0) {
      parts.push(
        `largest |empirical/theory − 1| = ${pct(worst)} at p = ${worstP}${
          early >= 0 ? `; ${pct(early)} for p ≤ 0.6P` : ""
        }`,
      );
    }
  }
  return `${name}: ${parts.join("; ")}`;
}
