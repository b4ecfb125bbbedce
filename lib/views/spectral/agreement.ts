/**
 * Empirical against theoretical generalisation error, one point per model,
 * around the identity line: how well the spectral theory predicts regression
 * (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { modelScatter, paddedDomain } from "./scatter.ts";

/** One model: its theoretical and empirical error at one training-set size. */
export interface AgreementPoint {
  /** Theoretical E_g (= R_em·√D_em). */
  readonly theory: number;
  /** Empirical generalisation error. */
  readonly empirical: number;
  /** Text next to the point. @default none */
  readonly label?: string;
  /** Colour group (legend). @default one group */
  readonly group?: string;
}

/** Options for {@link plotTheoryVsEmpirical}. */
export interface AgreementOptions {
  /** Figure title. @default "Empirical vs theoretical error" */
  title?: string;
  /** Logarithmic axes (all errors must then be > 0). @default false */
  log?: boolean;
  /** x-axis label. @default "theory E_g = R_em·√D_em" */
  xLabel?: string;
  /** y-axis label. @default "empirical E_g" */
  yLabel?: string;
  /** Legend caption. @default "" */
  legendTitle?: string;
  /** Chart width in pixels (legend extra). @default 440 */
  width?: number;
  /** Chart height in pixels. @default 420 */
  height?: number;
}

const CONTEXT = "Cannot plot theory against experiment";

/**
 * Scatter empirical against theoretical error with the identity line; both
 * axes share one domain, so distance from the line is the disagreement.
 *
 * @param points One `{theory, empirical, label?, group?}` per model.
 * @param options Title, log axes, labels, size.
 * @returns A figure whose summary gives the Pearson r between theory and
 *   experiment and the median and largest |empirical/theory − 1|.
 *
 * @example Three models
 * ```ts
 * import { plotTheoryVsEmpirical } from "./agreement.ts";
 * import assert from "node:assert/strict";
 * const fig = plotTheoryVsEmpirical([
 *   { theory: 0.1, empirical: 0.13, label: "a" },
 *   { theory: 0.2, empirical: 0.19, label: "b" },
 *   { theory: 0.4, empirical: 0.38, label: "c" },
 * ]);
 * assert.match(fig.summary, /3 models; Pearson r = 0.9948; \|empirical\/theory − 1\|: median 5%, largest 30% \(a\)/);
 * ```
 */
export function plotTheoryVsEmpirical(
  points: readonly AgreementPoint[],
  options: AgreementOptions = {},
): Figure {
  const {
    title = "Empirical vs theoretical error",
    log = false,
    xLabel = "theory E_g = R_em·√D_em",
    yLabel = "empirical E_g",
    legendTitle = "",
    width = 440,
    height = 420,
  } = options;
  if (!Array.isArray(points) || points.length === 0) {
    throw new TypeError(`${CONTEXT}: \`points\` must be a non-empty array of {theory, empirical}`);
  }
  points.forEach((q, k) => {
    for (const key of ["theory", "empirical"] as const) {
      const v = q?.[key];
      if (typeof v !== "number" || !Number.isFinite(v) || (log ? !(v > 0) : !(v >= 0))) {
        throw new RangeError(
          `${CONTEXT}: \`points[${k}].${key}\` must be finite and ${
            log ? "> 0" : ">= 0"
          }: got ${v}`,
        );
      }
    }
  });
  const data = points.map((q) => ({ x: q.theory, y: q.empirical, label: q.label, group: q.group }));
  const domain = paddedDomain(data.flatMap((d) => [d.x, d.y]), log);
  const diagonal = Plot.line([{ v: domain[0] }, { v: domain[1] }], {
    x: "v",
    y: "v",
    stroke: "#aaa",
    strokeDasharray: "4,3",
  });
  const n = data.length;
  const mean = (f: (d: { x: number; y: number }) => number) =>
    data.reduce((s, d) => s + f(d), 0) / n;
  const mx = mean((d) => d.x), my = mean((d) => d.y);
  const cov = mean((d) => (d.x - mx) * (d.y - my));
  const r = cov / Math.sqrt(mean((d) => (d.x - mx) ** 2) * mean((d) => (d.y - my) ** 2));
  const gaps = data.map((d) => (d.x > 0 ? Math.abs(d.y / d.x - 1) : NaN));
  const finite = gaps.filter((g) => Number.isFinite(g)).sort((a, b) => a - b);
  const pct = (v: number) => `${formatNumber(100 * v, 2)}%`;
  let text = `${title}: ${n} model${n > 1 ? "s" : ""}`;
  if (n > 1 && Number.isFinite(r)) text += `; Pearson r = ${formatNumber(r, 4)}`;
  if (finite.length) {
    const mid = finite.length >> 1;
    const median = finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
    const worst = gaps.indexOf(finite.at(-1)!);
    text += `; |empirical/theory − 1|: median ${pct(median)}, largest ${pct(finite.at(-1)!)} (${
      data[worst]!.label ?? `point ${worst}`
    })`;
  }
  return modelScatter(data, {
    title,
    summary: text,
    xLabel,
    yLabel,
    xDomain: domain,
    yDomain: domain,
    log,
    connect: false,
    under: [diagonal],
    width,
    height,
    legendTitle,
    extraLegend: [{ label: "theory = experiment", color: "#aaa", shape: "line" }],
  });
}
