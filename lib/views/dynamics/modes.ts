/**
 * Display of DMD modes (`dmdModes`): the eigenvalues on the complex plane with
 * the unit circle, and one table row per mode (eigenvalue, modulus, angle per
 * step, and the mode's largest entry). Importing this file registers the renderer.
 *
 * @module
 */

import type { DmdModes } from "../../dynamics/modes.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { plotDmdEigenvalues } from "./figures.ts";

/** Table rows shown at most (the figure shows every eigenvalue). */
const MAX_ROWS = 50;

/**
 * One row per DMD mode: its eigenvalue λ, |λ|, arg λ (radians per step) and the
 * entry of the mode with the largest modulus.
 *
 * @param modes A `dmdModes` result.
 * @returns Tidy rows, in the order of the eigenvalues.
 *
 * @example A decaying mode and a rotating pair
 * ```ts
 * import { modeRows } from "./modes.ts";
 * import assert from "node:assert/strict";
 * const rows = modeRows({
 *   eigenvalues: { re: new Float64Array([0, 0.5]), im: new Float64Array([0.5, 0]) },
 *   re: { rows: 2, cols: 2, data: new Float64Array([0.6, 1, 0, 0]) },
 *   im: { rows: 2, cols: 2, data: new Float64Array([0, 0, 0.8, 0]) },
 * });
 * assert.equal(rows[0]!["|λ|"], 0.5);
 * assert.equal(rows[0]!["arg λ (rad/step)"], Math.PI / 2);
 * assert.equal(rows[0]!["largest entry"], 1); // |0 + 0.8i| > |0.6|
 * assert.equal(rows[1]!["largest entry"], 0);
 * ```
 */
export function modeRows(modes: DmdModes): Record<string, number>[] {
  const { eigenvalues: { re, im }, re: P, im: Q } = modes;
  return Array.from(re, (lr, j) => {
    const li = im[j]!;
    let best = 0, bestAbs = -1;
    for (let i = 0; i < P.rows; i++) {
      const a = Math.hypot(P.data[i * P.cols + j]!, Q.data[i * Q.cols + j]!);
      if (a > bestAbs) [best, bestAbs] = [i, a];
    }
    return {
      mode: j,
      "Re λ": lr,
      "Im λ": li,
      "|λ|": Math.hypot(lr, li),
      "arg λ (rad/step)": Math.atan2(li, lr),
      "largest entry": best,
      "|φ| there": bestAbs,
    };
  });
}

registerView("dmdModes", (m: DmdModes) => {
  const r = m.eigenvalues.re.length;
  const rows = modeRows(m);
  const outside = rows.filter((row) => row["|λ|"]! > 1 + 1e-12).length;
  return renderResult({
    title: `DMD modes (${r} modes of length ${m.re.rows})`,
    note:
      "Modes are unit-norm eigenvectors of the lifted operator; entries 0…N−1 are the newest sample.",
    fields: {
      modes: r,
      "growing (|λ| > 1)": outside,
      ...(r > MAX_ROWS ? { "table shows": `the first ${MAX_ROWS} modes` } : {}),
    },
    table: rows.slice(0, MAX_ROWS),
    figure: plotDmdEigenvalues(m, { title: "DMD mode eigenvalues" }),
  });
});
