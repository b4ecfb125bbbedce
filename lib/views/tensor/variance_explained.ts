/**
 * CP variance explained versus rank for several tensors (e.g. weight changes over
 * learning against a random-walk control), with one rank highlighted and optional
 * reference values (e.g. a paper's numbers).
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import { asVector } from "../../display/check.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { CATEGORY_COLORS, type Swatch, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** One curve: explicit `rank` and `varianceExplained`, or a `cpRankSweep` result. */
export interface VarianceSeries {
  /** Legend name. */
  readonly name: string;
  /** Ranks (with `varianceExplained`). */
  readonly rank?: ArrayLike<number>;
  /** Variance explained at each rank. */
  readonly varianceExplained?: ArrayLike<number>;
  /** A `cpRankSweep` result: replicates drawn as dots, the best per rank as the line. */
  readonly sweep?: { readonly table: readonly { rank: number; varianceExplained: number }[] };
}

/** Options for {@link plotVarianceExplained}. */
export interface VarianceExplainedOptions {
  /** Figure title. @default "" */
  title?: string;
  /** Rank marked with a vertical line and each curve's value written beside it. @default none */
  highlightRank?: number;
  /** Reference points drawn as rings with their label, e.g. a paper's values. @default none */
  reference?: readonly { readonly rank: number; readonly value: number; readonly label: string }[];
  /** Chart width in pixels (legend extra). @default 480 */
  width?: number;
  /** Chart height in pixels. @default 320 */
  height?: number;
}

const CONTEXT = "Cannot plot variance explained";

/**
 * Plot variance explained against rank, one line per series, on a 0–1 axis.
 *
 * @param series Curves to compare.
 * @param options Highlighted rank, reference points and size.
 * @returns A figure whose summary gives each curve's values (and at the highlighted rank).
 *
 * @example Learning against a random walk
 * ```ts
 * import { plotVarianceExplained } from "./variance_explained.ts";
 * import assert from "node:assert/strict";
 * const fig = plotVarianceExplained([
 *   { name: "learning", rank: [1, 2, 4, 8], varianceExplained: [0.4, 0.65, 0.85, 0.97] },
 *   { name: "random walk", rank: [1, 2, 4, 8], varianceExplained: [0.06, 0.12, 0.23, 0.41] },
 * ], { highlightRank: 8 });
 * assert.match(fig.summary, /at rank 8: learning 0.97, random walk 0.41/);
 * ```
 */
export function plotVarianceExplained(
  series: readonly VarianceSeries[],
  options: VarianceExplainedOptions = {},
): Figure {
  const { title = "", highlightRank, reference = [], width = 480, height = 320 } = options;
  if (!Array.isArray(series) || series.length === 0) {
    throw new TypeError(`${CONTEXT}: \`series\` must be a non-empty array of curves`);
  }
  const curves = series.map((s, k) => {
    const at = `series[${k}]`;
    let dots: { rank: number; v: number }[];
    if (s?.sweep !== undefined) {
      const rows = s.sweep?.table;
      if (!Array.isArray(rows)) {
        throw new TypeError(`${CONTEXT}: \`${at}.sweep\` must be a cpRankSweep result`);
      }
      dots = rows.map((r: { rank: number; varianceExplained: number }) => ({
        rank: r.rank,
        v: r.varianceExplained,
      }));
    } else {
      if (s?.rank === undefined || s.varianceExplained === undefined) {
        throw new TypeError(
          `${CONTEXT}: \`${at}\` needs \`rank\` and \`varianceExplained\`, or \`sweep\``,
        );
      }
      const r = asVector(s.rank, `${at}.rank`, CONTEXT);
      const v = asVector(s.varianceExplained, `${at}.varianceExplained`, CONTEXT);
      if (r.length !== v.length) {
        throw new TypeError(
          `${CONTEXT}: \`${at}.rank\` and \`${at}.varianceExplained\` must have the same length: got ${r.length} and ${v.length}`,
        );
      }
      dots = Array.from(r, (rank, i) => ({ rank, v: v[i]! }));
    }
    if (dots.length === 0) throw new RangeError(`${CONTEXT}: \`${at}\` has no points`);
    const bad = dots.findIndex((d) => !Number.isFinite(d.v) || !Number.isFinite(d.rank));
    if (bad >= 0) {
      throw new RangeError(
        `${CONTEXT}: \`${at}\` must be finite: got rank ${dots[bad]!.rank}, value ${
          dots[bad]!.v
        } at index ${bad}`,
      );
    }
    const ranks = [...new Set(dots.map((d) => d.rank))].sort((a, b) => a - b);
    const line = ranks.map((rank) => ({
      rank,
      v: Math.max(...dots.filter((d) => d.rank === rank).map((d) => d.v)),
    }));
    const color = CATEGORY_COLORS[k % CATEGORY_COLORS.length]!;
    return { name: String(s.name ?? `series ${k}`), dots, line, color, replicates: !!s.sweep };
  });
  const all = curves.flatMap((c) => c.line);
  const ranks = [...new Set(all.map((p) => p.rank))].sort((a, b) => a - b);
  const lo = Math.min(0, ...curves.flatMap((c) => c.dots.map((d) => d.v)));
  const marks: Plot.Markish[] = [Plot.ruleY([0], { stroke: "#bbb" })];
  const highlighted: string[] = [];
  if (highlightRank !== undefined) {
    if (!Number.isFinite(highlightRank)) {
      throw new RangeError(`${CONTEXT}: \`highlightRank\` must be a number: got ${highlightRank}`);
    }
    marks.push(Plot.ruleX([highlightRank], { stroke: "#888", strokeDasharray: "4 3" }));
    for (const c of curves) {
      const p = c.line.find((q) => q.rank === highlightRank);
      if (!p) continue;
      highlighted.push(`${c.name} ${formatNumber(p.v, 2)}`);
      marks.push(Plot.text([p], {
        x: "rank",
        y: "v",
        text: (d: { v: number }) => formatNumber(d.v, 2),
        dx: -8,
        dy: -8,
        textAnchor: "end",
        fill: c.color,
        fontWeight: 600,
      }));
    }
  }
  for (const c of curves) {
    if (c.replicates) {
      marks.push(Plot.dot(c.dots, { x: "rank", y: "v", r: 2, fill: c.color, fillOpacity: 0.4 }));
    }
    marks.push(Plot.line(c.line, { x: "rank", y: "v", stroke: c.color, strokeWidth: 1.75 }));
    marks.push(Plot.dot(c.line, {
      x: "rank",
      y: "v",
      r: 3.5,
      fill: c.color,
      // hover title (SVG <title>): the curve, rank and value
      title: (d: { rank: number; v: number }) => `${c.name}, rank ${d.rank}: ${formatNumber(d.v)}`,
    }));
  }
  if (reference.length) {
    marks.push(Plot.dot(reference, { x: "rank", y: "value", r: 5, stroke: "#222", fill: "none" }));
    marks.push(
      Plot.text(reference, { x: "rank", y: "value", text: "label", dx: 9, textAnchor: "start" }),
    );
  }
  const doc = createDocument();
  const xMax = Math.max(...ranks, ...reference.map((r) => r.rank));
  const chart = plotElement({
    width,
    height,
    marginLeft: 52,
    marginBottom: 40,
    marginRight: reference.length ? 64 : 20,
    x: {
      domain: [Math.min(...ranks) - 0.4, xMax + 0.4],
      ticks: ranks,
      tickFormat: String,
      label: "rank",
      labelAnchor: "center",
    },
    y: { domain: [lo, 1], label: "variance explained", grid: true, labelAnchor: "center" },
    marks,
  }, doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  const entries: Swatch[] = curves.map((c) => ({ label: c.name, color: c.color, shape: "line" }));
  if (reference.length) entries.push({ label: "reference", color: "#222", shape: "ring" });
  const legend = swatches(doc, entries);
  items.push({ node: legend.node, x: width + 6, y: 20 });
  const summary = [
    `Variance explained vs rank${
      highlighted.length ? `; at rank ${highlightRank}: ${highlighted.join(", ")}` : ""
    }`,
    ...curves.map((c) =>
      `${c.name}: ${c.line.map((p) => `${p.rank}: ${formatNumber(p.v, 3)}`).join(", ")}`
    ),
  ].join("\n");
  return composeFigure(doc, { title, width: width + legend.width + 12, height, items, summary });
}
