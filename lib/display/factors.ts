/**
 * Factor plots for low-rank tensor decompositions: a grid with one row per
 * component and one column per mode (e.g. neurons, time, trials), each panel
 * showing that component's factor vector as bars, a line or dots.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import type { MatrixLike } from "../linalg/matrix.ts";
import { asFiniteMatrix, asLabels } from "./check.ts";
import { createDocument, el } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { CATEGORY_COLORS } from "./legend.ts";
import { plotElement } from "./render.ts";

/** How one mode's factor vectors are drawn. */
export type FactorStyle = "bar" | "line" | "dot";

/** Options for {@link plotFactors}. */
export interface FactorsOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Column headers, one per mode. @default "mode 1", "mode 2", … */
  modeNames?: readonly string[];
  /** Drawing style per mode. @default "line" for every mode */
  styles?: readonly FactorStyle[];
  /** Panel width in pixels. @default 200 */
  panelWidth?: number;
  /** Panel height in pixels. @default 80 */
  panelHeight?: number;
}

const CONTEXT = "Cannot plot factors";

/**
 * Grid of factor vectors: panel (r, m) shows column r of `factors[m]`.
 * Panels in one column share the y range, so component sizes compare.
 *
 * @param factors One `[modeSize, rank]` matrix per mode, all with the same rank.
 * @param options Mode names, styles and panel size.
 * @returns A figure whose summary gives the rank and mode sizes.
 *
 * @example Rank 2, two modes
 * ```ts
 * import { plotFactors } from "./factors.ts";
 * import assert from "node:assert/strict";
 * const neurons = [[1, 0], [0.5, 0.2], [0, 1]];
 * const time = [[0, 1], [1, 0.5], [0.5, 0], [0.2, 0]];
 * const fig = plotFactors([neurons, time], { modeNames: ["neuron", "time"], styles: ["bar", "line"] });
 * assert.match(fig.summary, /rank 2; modes neuron \(3\), time \(4\)/);
 * assert.equal((fig.svg.match(/<svg /g) ?? []).length, 1 + 4); // root + 2 × 2 panels
 * ```
 */
export function plotFactors(factors: readonly MatrixLike[], options: FactorsOptions = {}): Figure {
  const { title = "", panelWidth = 200, panelHeight = 80 } = options;
  if (!Array.isArray(factors) || factors.length === 0) {
    throw new TypeError(
      `${CONTEXT}: \`factors\` must be a non-empty array of matrices: got ${typeof factors}`,
    );
  }
  const mats = factors.map((f, m) => asFiniteMatrix(f, `factors[${m}]`, CONTEXT));
  const rank = mats[0]!.cols;
  mats.forEach((M, m) => {
    if (M.cols !== rank) {
      throw new TypeError(
        `${CONTEXT}: every factor must have ${rank} columns like \`factors[0]\`: got shape [${M.rows}, ${M.cols}] for \`factors[${m}]\``,
      );
    }
  });
  const names = asLabels(options.modeNames, mats.length, "modeNames", CONTEXT) ??
    mats.map((_, m) => `mode ${m + 1}`);
  const styles = options.styles ?? mats.map(() => "line" as const);
  if (styles.length !== mats.length || styles.some((s) => !["bar", "line", "dot"].includes(s))) {
    throw new RangeError(
      `${CONTEXT}: \`styles\` must give "bar", "line" or "dot" for each of ${mats.length} modes: got ${
        JSON.stringify(styles)
      }`,
    );
  }
  const doc = createDocument();
  const left = 24, header = 18, bottomAxis = 22;
  const items: Placed[] = [];
  mats.forEach((M, m) => {
    let lo = 0, hi = 0;
    for (const v of M.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    if (lo === hi) hi = lo + 1;
    const x0 = left + m * panelWidth;
    items.push({
      node: el(doc, "text", { "text-anchor": "middle", "font-weight": 600 }, names[m]!),
      x: x0 + panelWidth / 2 + 16,
      y: 12,
    });
    for (let r = 0; r < rank; r++) {
      const last = r === rank - 1;
      const values = Array.from(
        { length: M.rows },
        (_, i) => ({ i: i + 1, v: M.data[i * rank + r]! }),
      );
      const fill = CATEGORY_COLORS[m % CATEGORY_COLORS.length]!;
      const mark = styles[m] === "bar"
        ? Plot.rectY(values, { x1: (d) => d.i - 0.45, x2: (d) => d.i + 0.45, y: "v", fill })
        : styles[m] === "dot"
        ? Plot.dot(values, { x: "i", y: "v", r: 2, fill })
        : Plot.line(values, { x: "i", y: "v", stroke: fill, strokeWidth: 1.5 });
      const chart = plotElement({
        width: panelWidth,
        height: panelHeight + (last ? bottomAxis : 0),
        marginLeft: 36,
        marginRight: 6,
        marginTop: 8,
        marginBottom: last ? bottomAxis + 8 : 8,
        x: { domain: [0.5, M.rows + 0.5], axis: last ? "bottom" : null, ticks: 4, label: null },
        y: { domain: [lo, hi], ticks: 2, label: null, nice: false },
        marks: [Plot.ruleY([0], { stroke: "#ccc" }), mark],
      }, doc);
      items.push({ node: chart.node, x: x0, y: header + r * panelHeight });
    }
  });
  for (let r = 0; r < rank; r++) {
    items.push({
      node: el(doc, "text", { "text-anchor": "end", "font-weight": 600 }, `#${r + 1}`),
      x: left - 2,
      y: header + r * panelHeight + panelHeight / 2 + 4,
    });
  }
  const summary = `Factors of rank ${rank}; modes ${
    mats.map((M, m) => `${names[m]} (${M.rows})`).join(", ")
  }`;
  return composeFigure(doc, {
    title,
    width: left + mats.length * panelWidth + 8,
    height: header + rank * panelHeight + bottomAxis + 4,
    items,
    summary,
  });
}
