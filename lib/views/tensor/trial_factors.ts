/**
 * Trial factors over learning: one panel per component showing how its weight
 * changes from trial to trial, optionally against reference factors (e.g. a
 * teacher's), matched component by component.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import type { Matrix, MatrixLike } from "../../linalg/matrix.ts";
import { kruskalSimilarity } from "../../tensor/kruskal.ts";
import { asFiniteMatrix, checkInteger } from "../../display/check.ts";
import { createDocument, el } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { CATEGORY_COLORS, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** Options for {@link plotTrialFactors}. */
export interface TrialFactorsOptions {
  /** Figure title. @default "" */
  title?: string;
  /**
   * Reference trial factors `[K, R_ref]` (e.g. the teacher's). Components are matched to
   * `factors` by the Hungarian method on |cosine| (`kruskalSimilarity`) and the fitted
   * ones sign-flipped to agree. @default none
   */
  reference?: MatrixLike;
  /** Scale each matched fitted factor by least squares onto its reference. @default false */
  rescale?: boolean;
  /** Legend names of the fitted and reference factors. @default ["fitted", "reference"] */
  names?: readonly [string, string];
  /** Vertical markers at trial positions, e.g. `[{ at: 100.5, label: "washout" }]`. @default none */
  events?: readonly { readonly at: number; readonly label: string }[];
  /** x-axis label. @default "trial" */
  xLabel?: string;
  /** Panels per row. @default min(R, 3) */
  columns?: number;
  /** Panel width in pixels. @default 250 */
  panelWidth?: number;
  /** Panel height in pixels. @default 150 */
  panelHeight?: number;
}

const CONTEXT = "Cannot plot trial factors";

/**
 * Plot trial factors `[K trials, R components]` over trials, one panel per component;
 * with `reference`, each panel overlays the matched reference component and its
 * header gives the |cosine| and the correlation of the pair.
 *
 * @param factors Fitted trial factors `[K, R]` (e.g. `fit.parameters.trialFactors`, or a
 *   CP fit's trial-mode factor).
 * @param options Reference, alignment, markers and layout.
 * @returns A figure whose summary lists each component's |cosine| to its reference.
 *
 * @example A sign-flipped copy matches perfectly
 * ```ts
 * import { plotTrialFactors } from "./trial_factors.ts";
 * import assert from "node:assert/strict";
 * const teacher = Array.from({ length: 20 }, (_, k) => [1 + k / 20, Math.sin(k / 3)]);
 * const fitted = teacher.map(([a, b]) => [-b!, a!]);
 * const fig = plotTrialFactors(fitted, { reference: teacher, names: ["student", "teacher"] });
 * assert.match(fig.summary, /component 1: \|cos\| 1, corr 1/);
 * ```
 */
export function plotTrialFactors(factors: MatrixLike, options: TrialFactorsOptions = {}): Figure {
  const { title = "", rescale = false, events = [], xLabel = "trial" } = options;
  const { panelWidth = 250, panelHeight = 150 } = options;
  const F = asFiniteMatrix(factors, "factors", CONTEXT);
  const ref = options.reference === undefined
    ? undefined
    : asFiniteMatrix(options.reference, "reference", CONTEXT);
  if (ref && ref.rows !== F.rows) {
    throw new TypeError(
      `${CONTEXT}: \`reference\` must have ${F.rows} trials (rows) like \`factors\`: got shape [${ref.rows}, ${ref.cols}]`,
    );
  }
  const [fitName, refName] = options.names ?? ["fitted", "reference"];
  const K = F.rows;
  const col = (M: Matrix, r: number) =>
    Array.from({ length: K }, (_, k) => M.data[k * M.cols + r]!);
  // Panels: matched pairs in reference order, then unmatched fitted components.
  const panels: { fit?: number[]; ref?: number[]; head: string; line: string }[] = [];
  const used = new Set<number>();
  if (ref) {
    const sim = kruskalSimilarity([ref], [F]);
    const byRef = [...sim.matches.keys()].sort((a, b) => sim.matches[a]![0] - sim.matches[b]![0]);
    for (const t of byRef) {
      const [u, v] = sim.matches[t]!;
      used.add(v);
      const a = col(ref, u);
      let b = col(F, v);
      const dot = a.reduce((s, x, k) => s + x * b[k]!, 0);
      const bb = b.reduce((s, x) => s + x * x, 0);
      const scale = rescale ? (bb > 0 ? dot / bb : 1) : Math.sign(dot) || 1;
      b = b.map((x) => x * scale);
      const cos = sim.pairSimilarity[t]!, corr = correlation(a, b);
      panels.push({
        fit: b,
        ref: a,
        head: `component ${u + 1} · |cos| ${formatNumber(cos, 3)} · corr ${formatNumber(corr, 3)}`,
        line: `component ${u + 1}: |cos| ${formatNumber(cos, 3)}, corr ${formatNumber(corr, 3)}${
          rescale ? `, scale ${formatNumber(scale, 3)}` : ""
        }`,
      });
    }
  }
  for (let r = 0; r < F.cols; r++) {
    if (!used.has(r)) {
      panels.push({ fit: col(F, r), head: `component ${r + 1}`, line: "" });
    }
  }
  const columns = options.columns ?? Math.min(panels.length, 3);
  checkInteger(columns, "columns", CONTEXT);
  for (const [k, e] of events.entries()) {
    if (!Number.isFinite(e?.at) || typeof e.label !== "string") {
      throw new TypeError(
        `${CONTEXT}: \`events[${k}]\` must be { at: number, label: string }: got ${
          JSON.stringify(e)
        }`,
      );
    }
  }
  let lo = Infinity, hi = -Infinity;
  for (const p of panels) {
    for (const v of [...(p.fit ?? []), ...(p.ref ?? [])]) {
      [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1];
  const [fitColor, refColor] = [CATEGORY_COLORS[0]!, CATEGORY_COLORS[1]!];
  const doc = createDocument();
  const header = 16, items: Placed[] = [];
  panels.forEach((p, i) => {
    const x0 = (i % columns) * panelWidth, y0 = Math.floor(i / columns) * (panelHeight + header);
    const rows = (v: number[]) => v.map((y, k) => ({ k: k + 1, y }));
    const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#ccc" })];
    for (const e of events) {
      marks.push(Plot.ruleX([e.at], { stroke: "#888", strokeDasharray: "4 3" }));
      marks.push(Plot.text([e], {
        x: "at",
        text: "label",
        frameAnchor: "top",
        textAnchor: "start",
        dx: 3,
        dy: 2,
        fill: "#555",
      }));
    }
    if (p.ref) {
      marks.push(Plot.line(rows(p.ref), { x: "k", y: "y", stroke: refColor, strokeWidth: 2.5 }));
    }
    marks.push(Plot.line(rows(p.fit!), {
      x: "k",
      y: "y",
      stroke: fitColor,
      strokeWidth: 1.5,
      ...(p.ref ? { strokeDasharray: "5 2" } : {}),
    }));
    const chart = plotElement({
      width: panelWidth,
      height: panelHeight,
      marginLeft: 44,
      marginRight: 16,
      marginTop: 8,
      marginBottom: 32,
      x: { domain: [1, K], label: xLabel, labelAnchor: "center", ticks: 4 },
      y: { domain: [lo, hi], ticks: 4, label: null, grid: true },
      marks,
    }, doc);
    items.push({
      node: el(doc, "text", { "font-weight": 600, "text-anchor": "start" }, p.head),
      x: x0 + 44,
      y: y0 + 11,
    });
    items.push({ node: chart.node, x: x0, y: y0 + header });
  });
  const nRows = Math.ceil(panels.length / columns);
  let width = columns * panelWidth;
  if (ref) {
    const legend = swatches(doc, [
      { label: fitName, color: fitColor, shape: "line" },
      { label: refName, color: refColor, shape: "line" },
    ]);
    items.push({ node: legend.node, x: width + 6, y: header });
    width += legend.width + 12;
  }
  const lines = panels.map((p) => p.line).filter(Boolean);
  const summary = `Trial factors: ${F.cols} components over ${K} trials${
    ref ? ` against ${ref.cols} reference components\n${lines.join("\n")}` : ""
  }`;
  return composeFigure(doc, {
    title,
    width,
    height: nRows * (panelHeight + header),
    items,
    summary,
  });
}

function correlation(a: number[], b: number[]): number {
  const n = a.length, ma = a.reduce((s, x) => s + x, 0) / n, mb = b.reduce((s, x) => s + x, 0) / n;
  let ab = 0, aa = 0, bb = 0;
  for (let k = 0; k < n; k++) {
    ab += (a[k]! - ma) * (b[k]! - mb);
    aa += (a[k]! - ma) ** 2;
    bb += (b[k]! - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}
