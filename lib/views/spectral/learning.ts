/**
 * Learning curves of ridge regression: the theoretical E_g(p) as a line and
 * the empirical generalisation error as dots with a band over the random
 * training subsets (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023).
 *
 * @module
 */

import type { Figure } from "../../display/figure.ts";
import { CATEGORY_COLORS, type Swatch } from "../../display/legend.ts";
import { type ChartSeries, drawablePoints, droppedNote, seriesChart } from "./chart.ts";
import { describeCurve, quantile } from "./curve_stats.ts";

/** The theory part: a `spectralTheory` result or the same fields. */
export interface TheoryCurveInput {
  /** Number of stimuli P (for the p ≤ 0.6P agreement figure). @default unknown */
  readonly P?: number;
  /** Training-set sizes. */
  readonly ps: readonly number[];
  /** E_g(p). */
  readonly Eg: readonly number[];
  /** E_tr(p) (drawn with `train`). @default none */
  readonly Etr?: readonly number[];
}

/** Errors on one set of rows of an empirical curve. */
export interface EmpiricalSetInput {
  /** Mean error over subsets, per p. */
  readonly error: readonly number[];
  /** Error of each subset, [ps][subsets] (the band spans their range). @default no band */
  readonly errorSubsets?: readonly (readonly number[])[];
}

/** The empirical part: a `spectralEmpirical` result or the same fields. */
export interface EmpiricalCurveInput {
  /** Number of stimuli P. @default unknown */
  readonly P?: number;
  /** Training-set sizes. */
  readonly ps: readonly number[];
  /** Errors over all P stimuli (compare with the theoretical E_g). */
  readonly gen: EmpiricalSetInput;
  /** Errors on the training rows (drawn with `train`). @default none */
  readonly train?: EmpiricalSetInput;
}

/** One named curve of a multi-curve plot. */
export interface LearningCurveEntry {
  /** Legend label. */
  readonly name: string;
  /** Theory. @default none */
  readonly theory?: TheoryCurveInput | null;
  /** Experiment. @default none */
  readonly empirical?: EmpiricalCurveInput | null;
}

/** Options for {@link plotLearningCurve}. */
export interface LearningCurveOptions {
  /** Figure title. @default "Learning curve" */
  title?: string;
  /** Logarithmic p axis. @default true */
  logX?: boolean;
  /** Logarithmic error axis (zero and infinite errors are then left out and counted). @default true */
  logY?: boolean;
  /** Also draw the training errors (theory E_tr dashed, empirical open dots). @default false */
  train?: boolean;
  /**
   * Band around the empirical dots, over the random training subsets: their middle half
   * (25th to 75th percentile), their full range, or none. @default "quartiles"
   */
  band?: "quartiles" | "range" | "none";
  /** y-axis label. @default "error (normalised)" */
  yLabel?: string;
  /** Chart width in pixels (legend extra). @default 560 */
  width?: number;
  /** Chart height in pixels. @default 360 */
  height?: number;
}

const CONTEXT = "Cannot plot learning curve";
const KEY = "#666";

/** A theory curve and an empirical curve drawn together (either may be null). */
export type LearningCurvePair = {
  readonly theory: TheoryCurveInput | null;
  readonly empirical: EmpiricalCurveInput | null;
};

/**
 * Plot theoretical and empirical learning curves: one curve, one
 * `spectralAnalysis` result, or several named curves in one figure.
 *
 * @param theory A `spectralTheory` result (or null for the experiment alone), a
 *   `spectralAnalysis` result, or an array of `{name, theory?, empirical?}`.
 * @param empirical A `spectralEmpirical` result (ignored with an analysis result or an array).
 * @param options Title, log axes, training errors, size.
 * @returns A figure whose summary gives each curve's range and the largest
 *   relative gap |empirical/theory − 1| (overall and for p ≤ 0.6P).
 *
 * @example Theory and experiment
 * ```ts
 * import { plotLearningCurve } from "./learning.ts";
 * import assert from "node:assert/strict";
 * const fig = plotLearningCurve({ P: 100, ps: [10, 50, 90], Eg: [0.8, 0.4, 0.1] }, {
 *   P: 100, ps: [10, 50, 90], gen: { error: [0.82, 0.4, 0.12], errorSubsets: [[0.8, 0.84], [0.39, 0.41], [0.1, 0.14]] },
 * });
 * assert.match(fig.summary, /largest \|empirical\/theory − 1\| = 20% at p = 90; 2.5% for p ≤ 0.6P/);
 * ```
 */
export function plotLearningCurve(
  theory: TheoryCurveInput | LearningCurvePair | readonly LearningCurveEntry[] | null,
  empirical?: EmpiricalCurveInput | null,
  options: LearningCurveOptions = {},
): Figure {
  const {
    title = "Learning curve",
    logX = true,
    logY = true,
    train = false,
    band = "quartiles",
    yLabel = "error (normalised)",
    width = 560,
    height = 360,
  } = options;
  const entries: LearningCurveEntry[] = Array.isArray(theory)
    ? theory
    : theory && typeof theory === "object" && "theory" in theory
    ? [{
      name: "",
      theory: (theory as LearningCurvePair).theory,
      empirical: (theory as LearningCurvePair).empirical,
    }]
    : [{ name: "", theory: theory as TheoryCurveInput | null, empirical: empirical ?? null }];
  if (entries.length === 0) {
    throw new RangeError(`${CONTEXT}: \`theory\` must not be empty: got []`);
  }
  if (!["quartiles", "range", "none"].includes(band)) {
    throw new RangeError(
      `${CONTEXT}: \`band\` must be "quartiles", "range" or "none": got ${JSON.stringify(band)}`,
    );
  }
  const [qLo, qHi] = band === "range" ? [0, 1] : [0.25, 0.75];
  let banded = false;
  const logs = [...(logX ? ["p"] : []), ...(logY ? ["y", "lo", "hi"] : [])];
  const series: ChartSeries[] = [];
  const legend: Swatch[] = [];
  const lines: string[] = [];
  let dropped = 0;
  entries.forEach((e, k) => {
    const at = entries.length > 1 ? `curve ${k}` : "curve";
    if (!e || (!e.theory && !e.empirical)) {
      throw new TypeError(`${CONTEXT}: \`${at}\` needs \`theory\` or \`empirical\`: got neither`);
    }
    const color = CATEGORY_COLORS[k % CATEGORY_COLORS.length]!;
    const name = e.name ?? "";
    const add = (
      ps: readonly number[],
      y: readonly number[] | undefined,
      what: string,
      style: Omit<ChartSeries, "x" | "y" | "color">,
      subsets?: readonly (readonly number[])[],
    ) => {
      if (!y) return;
      checkLength(ps, y, `${at}.${what}`);
      if (subsets) checkLength(ps, subsets, `${at}.${what}Subsets`);
      const lo = subsets?.map((v) => quantile(v, qLo)), hi = subsets?.map((v) => quantile(v, qHi));
      if (subsets) banded = true;
      const d = drawablePoints({ p: ps, y, lo, hi }, logs, CONTEXT);
      dropped += d.dropped;
      const c = d.columns;
      series.push({ x: c.p!, y: c.y!, color, lower: c.lo, upper: c.hi, ...style });
    };
    const t = e.theory, m = e.empirical;
    if (t) add(t.ps, t.Eg, "Eg", {});
    if (t && train) add(t.ps, t.Etr, "Etr", { dash: true });
    const sets = band === "none" ? undefined : m?.gen?.errorSubsets;
    if (m) add(m.ps, m.gen?.error, "gen.error", { line: !t, dots: "filled" }, sets);
    if (m && train) add(m.ps, m.train?.error, "train.error", { line: false, dots: "open" });
    if (name) legend.push({ label: name, color, shape: "line" });
    lines.push(describeCurve(name || "E_g", t, m));
  });
  const anyTheory = entries.some((e) => e.theory), anyEmp = entries.some((e) => e.empirical);
  if (anyTheory) legend.push({ label: "theory E_g (line)", color: KEY, shape: "line" });
  if (anyEmp) {
    const what = band === "range" ? "range" : "middle 50%";
    const label = `empirical mean${banded ? ` (band: ${what} of subsets)` : ""}`;
    legend.push({ label, color: KEY, shape: "circle" });
  }
  if (train && anyTheory) legend.push({ label: "theory E_tr (dashed)", color: KEY, shape: "line" });
  if (train && anyEmp) legend.push({ label: "empirical train error", color: KEY, shape: "ring" });
  const axes = [logX ? "log p" : "", logY ? "log error" : ""].filter(Boolean).join(", ");
  const summary = `${title}${axes ? ` (${axes})` : ""}: ${entries.length} curve${
    entries.length > 1 ? "s" : ""
  }${droppedNote(dropped, "zero or infinite points")}\n${lines.join("\n")}`;
  return seriesChart(series, {
    title,
    summary,
    xLabel: "training-set size p",
    yLabel,
    logX,
    logY,
    width,
    height,
    legend,
  });
}

function checkLength(ps: readonly number[], y: ArrayLike<unknown>, name: string): void {
  if (!Array.isArray(ps) || y.length !== ps.length) {
    throw new TypeError(
      `${CONTEXT}: \`${name}\` must have one entry per p (${
        ps?.length ?? "no ps"
      }): got ${y.length}`,
    );
  }
}
