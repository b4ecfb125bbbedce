/**
 * Models in the error-mode plane (R_em, √D_em) with iso-error contours
 * R·√D = E_g, and empirical against theoretical error, one point per model
 * (Canatar, Feather, Wakhloo & Chung, NeurIPS 2023): equal error can be
 * reached through different geometry.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { Figure } from "../../display/figure.ts";
import { formatNumber, logTicks, niceTicks } from "../../display/format.ts";
import { modelScatter, paddedDomain } from "./scatter.ts";

/** One model at one training-set size. */
export interface GeometryPoint {
  /** Error-mode radius R_em. */
  readonly Rem: number;
  /** Error-mode dimension D_em. */
  readonly Dem: number;
  /** Text next to the point. @default none */
  readonly label?: string;
  /** Colour group (legend). @default one group */
  readonly group?: string;
}

/** Options for {@link plotErrorGeometry}. */
export interface ErrorGeometryOptions {
  /** Figure title. @default "Error-mode geometry" */
  title?: string;
  /** E_g levels of the contours R·√D = E_g. @default round levels spanning the points' E_g */
  contours?: readonly number[];
  /** Join the points in order (e.g. layers of one network). @default false */
  connect?: boolean;
  /** Logarithmic axes (contours become lines of slope −1; every R_em and D_em must be > 0). @default false */
  log?: boolean;
  /** Legend caption. @default "" */
  legendTitle?: string;
  /** Chart width in pixels (legend extra). @default 520 */
  width?: number;
  /** Chart height in pixels. @default 400 */
  height?: number;
}

const CONTEXT = "Cannot plot error-mode geometry";

/**
 * Plot models in the (R_em, √D_em) plane over dashed iso-error curves
 * √D = E_g/R, each labelled with its E_g where it enters the frame.
 *
 * @param points One `{Rem, Dem, label?, group?}` per model (e.g. rows of a `layerSweep` at one p).
 * @param options Contour levels, trajectory, title, size.
 * @returns A figure whose summary lists each point's R_em, √D_em and E_g = R_em·√D_em.
 *
 * @example Two models with the same error and different geometry
 * ```ts
 * import { plotErrorGeometry } from "./geometry.ts";
 * import assert from "node:assert/strict";
 * const fig = plotErrorGeometry([{ Rem: 0.1, Dem: 4, label: "A" }, { Rem: 0.05, Dem: 16, label: "B" }], {
 *   contours: [0.1, 0.2, 0.3],
 * });
 * assert.match(fig.summary, /A: R_em = 0.1, √D_em = 2, E_g = 0.2/);
 * assert.match(fig.summary, /B: R_em = 0.05, √D_em = 4, E_g = 0.2/);
 * assert.match(fig.svg, />0.2</);
 * ```
 */
export function plotErrorGeometry(
  points: readonly GeometryPoint[],
  options: ErrorGeometryOptions = {},
): Figure {
  const {
    title = "Error-mode geometry",
    connect = false,
    log = false,
    legendTitle = "",
    width = 520,
    height = 400,
  } = options;
  if (!Array.isArray(points) || points.length === 0) {
    throw new TypeError(`${CONTEXT}: \`points\` must be a non-empty array of {Rem, Dem}`);
  }
  const data = points.map((q, k) => {
    for (const key of ["Rem", "Dem"] as const) {
      const v = q?.[key];
      if (typeof v !== "number" || !(log ? v > 0 : v >= 0) || !Number.isFinite(v)) {
        throw new RangeError(
          `${CONTEXT}: \`points[${k}].${key}\` must be finite and ${
            log ? "> 0 on log axes" : ">= 0"
          }: got ${v}`,
        );
      }
    }
    return { x: q.Rem, y: Math.sqrt(q.Dem), label: q.label, group: q.group };
  });
  const xDomain = paddedDomain(data.map((d) => d.x), log);
  const yDomain = paddedDomain(data.map((d) => d.y), log);
  const [x0, x1] = xDomain, [y0, y1] = yDomain;
  const egs = data.map((d) => d.x * d.y);
  const levels = options.contours ?? contourLevels(egs, [x0 * y0, x1 * y1], log);
  levels.forEach((c, k) => {
    if (!(c > 0) || !Number.isFinite(c)) {
      throw new RangeError(
        `${CONTEXT}: \`contours\` must be finite and > 0: got ${c} at index ${k}`,
      );
    }
  });
  const under: Plot.Markish[] = [];
  const drawn: number[] = [];
  for (const c of levels) {
    // the visible stretch of √D = c/R runs from the top (or left) edge to the right (or bottom) edge
    const a = Math.max(x0, c / y1), b = Math.min(x1, y0 > 0 ? c / y0 : Infinity);
    if (!(a < b) || !(a > 0)) continue;
    drawn.push(c);
    const curve = Array.from({ length: 65 }, (_, j) => {
      const x = a * Math.pow(b / a, j / 64);
      return { x, y: c / x };
    });
    const style = { stroke: "#aaa", strokeDasharray: "4,3", strokeWidth: 1 };
    under.push(Plot.line(curve, { x: "x", y: "y", ...style }));
    // label where the curve enters the frame (top edge, or left edge for small E_g)
    const top = a > x0;
    under.push(Plot.text([curve[0]!], {
      x: "x",
      y: "y",
      text: () => formatNumber(c, 3),
      fill: "#666",
      stroke: "white",
      strokeWidth: 3,
      paintOrder: "stroke",
      textAnchor: "start",
      dx: 3,
      dy: top ? 8 : -5,
      fontSize: 9,
    }));
  }
  const lines = data.map((d, k) =>
    `${d.label ?? `point ${k}`}: R_em = ${formatNumber(d.x, 3)}, √D_em = ${
      formatNumber(d.y, 3)
    }, E_g = ${formatNumber(d.x * d.y, 3)}`
  );
  const summary = `${title}: ${data.length} points, E_g = R_em·√D_em from ${
    formatNumber(Math.min(...egs), 3)
  } to ${formatNumber(Math.max(...egs), 3)}; contours at E_g = ${
    drawn.map((c) => formatNumber(c, 3)).join(", ") || "none visible"
  }\n${lines.slice(0, 40).join("\n")}${lines.length > 40 ? `\n… ${lines.length - 40} more` : ""}`;
  return modelScatter(data, {
    title,
    summary,
    xLabel: "R_em (error-mode radius)",
    yLabel: "√D_em (error-mode dimension)",
    xDomain,
    yDomain,
    log,
    connect,
    under,
    width,
    height,
    legendTitle,
    extraLegend: drawn.length
      ? [{ label: "iso-error R·√D = E_g (labelled)", color: "#aaa", shape: "line" }]
      : [],
  });
}

/** Round E_g levels across the points' errors (1–2–5 steps, or decades on log axes), else across the plane. */
function contourLevels(egs: readonly number[], visible: [number, number], log: boolean): number[] {
  const lo = Math.min(...egs), hi = Math.max(...egs);
  const ticks = (
    a: number,
    b: number,
  ) => (log ? (a > 0 ? logTicks(a, b) : []) : niceTicks(a, b, 5));
  const around = ticks(lo, hi);
  return around.length >= 3 ? around : ticks(visible[0], visible[1]);
}
