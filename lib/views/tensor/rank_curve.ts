/**
 * Error versus model rank for rank selection: one dot per fit (seed or replicate),
 * a line through the per-rank aggregate, the chosen rank marked, and an optional
 * reference level such as the noise floor.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { formatNumber } from "../../display/format.ts";
import { composeFigure, type Placed } from "../../display/layout.ts";
import { CATEGORY_COLORS, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** One fit of a rank grid (a row of `selectRank`'s table). */
export interface RankCurveRow {
  /** Rank fitted. */
  readonly rank: number;
  /** Error on the training entries. @default not drawn */
  readonly trainError?: number | null;
  /** Error on held-out entries. @default not drawn */
  readonly testError?: number | null;
}

/** What {@link plotRankCurve} draws: a `selectRank` result, or any rows with a rank. */
export interface RankCurveInput {
  /** Every fit. */
  readonly table: readonly RankCurveRow[];
  /** Rank to mark with a vertical line. @default none */
  readonly chosenRank?: number;
  /** How fits of one rank are combined into the line. @default "min" */
  readonly aggregate?: "min" | "mean";
}

/** Options for {@link plotRankCurve}. */
export interface RankCurveOptions {
  /** Figure title. @default "" */
  title?: string;
  /** y-axis label. @default "normalised error" */
  yLabel?: string;
  /** Horizontal reference line, e.g. the noise floor. @default none */
  reference?: { readonly value: number; readonly label?: string };
  /** Legend names of the training and held-out curves. @default "train", "held-out" */
  names?: { readonly train?: string; readonly test?: string };
  /** Chart width in pixels (legend extra). @default 480 */
  width?: number;
  /** Chart height in pixels. @default 300 */
  height?: number;
}

const CONTEXT = "Cannot plot rank curve";

/**
 * Plot error against rank: dots for every fit, a line through the per-rank minimum (or
 * mean), held-out and training curves in two colours, a dashed line at the chosen rank.
 *
 * @param selection A `selectRank`/`selectLtrRank` result or `{ table, chosenRank? }`.
 * @param options Labels, reference line and size.
 * @returns A figure whose summary lists the aggregated errors per rank.
 *
 * @example Held-out error flattens at rank 3
 * ```ts
 * import { plotRankCurve } from "./rank_curve.ts";
 * import assert from "node:assert/strict";
 * const table = [1, 2, 3, 4].map((rank) => ({ rank, trainError: 1 / rank, testError: rank < 3 ? 1 / rank : 0.34 }));
 * const fig = plotRankCurve({ table, chosenRank: 3 }, { reference: { value: 0.3, label: "noise floor" } });
 * assert.match(fig.summary, /chosen rank 3\nheld-out at ranks 1, 2, 3, 4: 1, 0.5, 0.34, 0.34/);
 * ```
 */
export function plotRankCurve(selection: RankCurveInput, options: RankCurveOptions = {}): Figure {
  const { title = "", yLabel = "normalised error", reference, width = 480, height = 300 } = options;
  const table = selection?.table;
  if (!Array.isArray(table) || table.length === 0) {
    throw new TypeError(`${CONTEXT}: \`selection.table\` must be a non-empty array of rows`);
  }
  const aggregate = selection.aggregate ?? "min";
  const curves = (["test", "train"] as const).map((which) => {
    const key = which === "test" ? "testError" : "trainError";
    const dots: { rank: number; v: number }[] = [];
    table.forEach((row, k) => {
      if (!Number.isInteger(row?.rank) || row.rank < 1) {
        throw new RangeError(
          `${CONTEXT}: \`table[${k}].rank\` must be an integer >= 1: got ${row?.rank}`,
        );
      }
      const v = row[key];
      if (v === undefined || v === null) return;
      if (!Number.isFinite(v)) {
        throw new RangeError(`${CONTEXT}: \`table[${k}].${key}\` must be finite: got ${v}`);
      }
      dots.push({ rank: row.rank, v });
    });
    const ranks = [...new Set(dots.map((d) => d.rank))].sort((a, b) => a - b);
    const line = ranks.map((rank) => {
      const vs = dots.filter((d) => d.rank === rank).map((d) => d.v);
      const v = aggregate === "mean" ? vs.reduce((a, b) => a + b, 0) / vs.length : Math.min(...vs);
      return { rank, v };
    });
    const name = (which === "test" ? options.names?.test : options.names?.train) ??
      (which === "test" ? "held-out" : "train");
    return { name, dots, line, color: CATEGORY_COLORS[which === "test" ? 0 : 1]! };
  }).filter((c) => c.dots.length > 0);
  if (curves.length === 0) {
    throw new RangeError(`${CONTEXT}: no row of \`selection.table\` has a trainError or testError`);
  }
  const ranks = [...new Set(table.map((r) => r.rank))].sort((a, b) => a - b);
  const chosen = selection.chosenRank;
  if (chosen !== undefined && !ranks.includes(chosen)) {
    throw new RangeError(
      `${CONTEXT}: \`chosenRank\` must be one of the ranks [${ranks.join(", ")}]: got ${chosen}`,
    );
  }
  if (reference && !Number.isFinite(reference.value)) {
    throw new RangeError(`${CONTEXT}: \`reference.value\` must be finite: got ${reference.value}`);
  }
  const marks: Plot.Markish[] = [];
  if (reference) {
    marks.push(Plot.ruleY([reference.value], { stroke: "#777", strokeDasharray: "2 3" }));
    marks.push(Plot.text([reference.value], {
      y: (d: number) => d,
      frameAnchor: "right",
      dy: 9,
      text: () => `${reference.label ?? "reference"} ${formatNumber(reference.value, 3)}`,
      fill: "#555",
    }));
  }
  if (chosen !== undefined) {
    marks.push(Plot.ruleX([chosen], { stroke: "#333", strokeDasharray: "5 3" }));
    marks.push(Plot.text([chosen], {
      x: (d: number) => d,
      frameAnchor: "top",
      dx: 4,
      dy: 2,
      textAnchor: "start",
      text: () => `chosen rank ${chosen}`,
      fontWeight: 600,
    }));
  }
  for (const c of curves) {
    marks.push(Plot.dot(c.dots, { x: "rank", y: "v", r: 2.5, fill: c.color, fillOpacity: 0.45 }));
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
  // Errors are drawn from zero, so a plateau reads as a plateau.
  const values = curves.flatMap((c) => c.dots.map((d) => d.v)).concat(
    reference ? [reference.value] : [],
  );
  const lo = Math.min(...values), hi = Math.max(...values) || 1;
  const doc = createDocument();
  const pad = ranks.length > 1 ? 0.3 : 0.5;
  const chart = plotElement({
    width,
    height,
    marginLeft: 56,
    marginBottom: 40,
    marginRight: 20,
    marginTop: 24,
    x: {
      domain: [ranks[0]! - pad, ranks[ranks.length - 1]! + pad],
      ticks: ranks,
      tickFormat: (d: number) => String(d),
      label: "rank",
      labelAnchor: "center",
    },
    y: {
      label: yLabel,
      grid: true,
      labelAnchor: "center",
      ...(lo >= 0 ? { domain: [0, hi * 1.08] } : {}),
    },
    marks,
  }, doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  const legend = swatches(
    doc,
    curves.map((c) => ({ label: c.name, color: c.color, shape: "line" })),
  );
  items.push({ node: legend.node, x: width + 6, y: 24 });
  const summary = [
    `${yLabel} vs rank (${aggregate} over fits of each rank)${
      chosen !== undefined ? `; chosen rank ${chosen}` : ""
    }`,
    ...curves.map((c) =>
      `${c.name} at ranks ${c.line.map((p) => p.rank).join(", ")}: ${
        c.line.map((p) => formatNumber(p.v, 3)).join(", ")
      }`
    ),
  ].join("\n");
  return composeFigure(doc, {
    title,
    width: width + legend.width + 12,
    height,
    items,
    summary,
  });
}
