/**
 * Bar charts of labelled values (e.g. alignment scores per layer or per model),
 * with optional error bars and colour by group.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { asLabels, asVector } from "./check.ts";
import { categoryColors } from "./color.ts";
import { createDocument } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { extent, formatNumber, textWidth } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { swatches } from "./legend.ts";
import { plotElement, type PlotSpec } from "./render.ts";

/** Options for {@link plotBars}. */
export interface BarsOptions {
  /** Figure title. @default "" */
  title?: string;
  /** One label per bar. @default indices 0..n-1 */
  labels?: readonly (string | number)[];
  /** Lower ends of error bars (absolute values, e.g. a CI), with `upper`. @default none */
  lower?: ArrayLike<number>;
  /** Upper ends of error bars. @default none */
  upper?: ArrayLike<number>;
  /** One group per bar: sets the colour and the legend. @default one colour */
  groups?: readonly (string | number)[];
  /** Label of the value axis. @default "" */
  valueLabel?: string;
  /** Bar direction; `"auto"` is horizontal when labels are long. @default "auto" */
  orientation?: "auto" | "vertical" | "horizontal";
  /** Chart width in pixels (legend extra). @default 520 */
  width?: number;
  /** A reference value drawn as a dashed line across the bars (e.g. a noise ceiling). @default none */
  reference?: { value: number; label: string };
}

const CONTEXT = "Cannot plot bars";

/**
 * Bar chart: one bar per value from zero, labelled, with optional error bars.
 *
 * @param values One value per bar (finite).
 * @param options Labels, error bars, groups, orientation.
 * @returns A figure whose summary lists the values.
 *
 * @example Bars with error bars
 * ```ts
 * import { plotBars } from "./bars.ts";
 * import assert from "node:assert/strict";
 * const fig = plotBars([0.9, 0.7, 0.4], { labels: ["conv1", "conv2", "fc"], lower: [0.8, 0.6, 0.3], upper: [1, 0.8, 0.5] });
 * assert.match(fig.summary, /conv1 0.9 \[0.8, 1\]/);
 * assert.match(fig.svg, /<title>fc: 0.4 \[0.3, 0.5\]<\/title>/); // a bar's hover title
 * assert.equal((/<g[^>]*aria-label="bar"[^>]*>(.*?)<\/g>/.exec(fig.svg)![1]!.match(/<rect /g) ?? []).length, 3);
 * ```
 */
export function plotBars(values: ArrayLike<number>, options: BarsOptions = {}): Figure {
  const { title = "", valueLabel = "", orientation = "auto", width = 520 } = options;
  const v = asVector(values, "values", CONTEXT);
  const n = v.length;
  if (n === 0) throw new RangeError(`${CONTEXT}: \`values\` must not be empty: got []`);
  if (!["auto", "vertical", "horizontal"].includes(orientation)) {
    throw new RangeError(
      `${CONTEXT}: \`orientation\` must be "auto", "vertical" or "horizontal": got ${
        JSON.stringify(orientation)
      }`,
    );
  }
  const labels = asLabels(options.labels, n, "labels", CONTEXT) ??
    Array.from({ length: n }, (_, i) => String(i));
  const groups = asLabels(options.groups, n, "groups", CONTEXT);
  const lower = options.lower === undefined ? undefined : asVector(options.lower, "lower", CONTEXT);
  const upper = options.upper === undefined ? undefined : asVector(options.upper, "upper", CONTEXT);
  if ((lower === undefined) !== (upper === undefined)) {
    throw new TypeError(`${CONTEXT}: error bars need both \`lower\` and \`upper\`: got only one`);
  }
  for (const [name, arr] of [["lower", lower], ["upper", upper]] as const) {
    if (arr && arr.length !== n) {
      throw new TypeError(
        `${CONTEXT}: \`${name}\` must have ${n} entries like \`values\`: got ${arr.length}`,
      );
    }
  }
  const maxLabel = extent(labels.map((s) => textWidth(s)))[1];
  const horizontal = orientation === "horizontal" ||
    (orientation === "auto" && (maxLabel > 40 || n > 16));
  const { categories, color } = categoryColors(groups ?? ["all"]);
  const rows = Array.from(v, (value, i) => ({
    i,
    value,
    lo: lower?.[i],
    hi: upper?.[i],
    fill: color(groups?.[i] ?? "all"),
    // hover title (SVG <title>): label, value and interval
    title: `${labels[i]}: ${valueLabel ? `${valueLabel} ` : ""}${formatNumber(value, 4)}${
      lower ? ` [${formatNumber(lower[i]!, 4)}, ${formatNumber(upper![i]!, 4)}]` : ""
    }${groups ? ` (${groups[i]})` : ""}`,
  }));
  const band = {
    type: "band" as const,
    domain: rows.map((r) => r.i),
    tickFormat: (i: number) => labels[i],
    label: null,
  };
  const marks: Plot.Markish[] = [
    horizontal
      ? Plot.barX(rows, { y: "i", x: "value", fill: "fill", title: "title" })
      : Plot.barY(rows, { x: "i", y: "value", fill: "fill", title: "title" }),
    horizontal ? Plot.ruleX([0]) : Plot.ruleY([0]),
  ];
  const ref = options.reference;
  if (ref !== undefined) {
    if (!Number.isFinite(ref.value)) {
      throw new RangeError(`${CONTEXT}: \`reference.value\` must be finite: got ${ref.value}`);
    }
    const line = [{ v: ref.value, text: ref.label }];
    marks.push(
      horizontal
        ? Plot.ruleX(line, { x: "v", stroke: "#555", strokeDasharray: "5 3" })
        : Plot.ruleY(line, { y: "v", stroke: "#555", strokeDasharray: "5 3" }),
    );
  }
  if (lower) {
    marks.push(
      horizontal
        ? Plot.tickX(rows.flatMap((r) => [{ ...r, e: r.lo }, { ...r, e: r.hi }]), {
          y: "i",
          x: "e",
          inset: 6,
        })
        : Plot.tickY(rows.flatMap((r) => [{ ...r, e: r.lo }, { ...r, e: r.hi }]), {
          x: "i",
          y: "e",
          inset: 6,
        }),
      horizontal
        ? Plot.ruleY(rows, { y: "i", x1: "lo", x2: "hi", title: "title" })
        : Plot.ruleX(rows, { x: "i", y1: "lo", y2: "hi", title: "title" }),
    );
  }
  const rotate = !horizontal && maxLabel > (width - 60) / n - 4;
  const height = horizontal ? Math.max(120, n * 22 + 50) : 320 + (rotate ? maxLabel : 0);
  // tick labels sit 9 px off the axis; the width estimate gets a 15% allowance for wide fonts
  const marginLeft = horizontal ? Math.ceil(1.15 * maxLabel + 16) : 56;
  const spec = (extra: Plot.Markish[]): PlotSpec => ({
    width,
    height,
    marginLeft,
    marginBottom: horizontal ? 40 : rotate ? Math.ceil(maxLabel + 16) : 30,
    marginRight: 20,
    x: horizontal
      ? { label: valueLabel || null, grid: true }
      : { ...band, padding: 0.15, tickRotate: rotate ? -90 : 0 },
    y: horizontal ? { ...band, padding: 0.15 } : { label: valueLabel || null, grid: true },
    color: { type: "identity" },
    marks: [...marks, ...extra],
  });
  const doc = createDocument();
  const chart = plotElement(spec(referenceLabel(ref, horizontal, width, marginLeft, spec)), doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  let total = width;
  if (groups) {
    const legend = swatches(doc, categories.map((c) => ({ label: c, color: color(c) })));
    items.push({ node: legend.node, x: width + 6, y: 20 });
    total += legend.width + 12;
  }
  const shown = rows.slice(0, 12).map((r) =>
    `${labels[r.i]} ${formatNumber(r.value)}${
      lower ? ` [${formatNumber(r.lo!)}, ${formatNumber(r.hi!)}]` : ""
    }`
  );
  const summary = `Bar chart of ${n} values: ${shown.join("; ")}${
    n > 12 ? `; … (${n - 12} more)` : ""
  }`;
  return composeFigure(doc, { title, width: total, height, items, summary });
}

/**
 * The reference line's label, inside the figure: for vertical bars it ends at the
 * right edge above the line; for horizontal bars it sits above the plot, centred
 * on the line unless that runs past an edge, where it ends (or starts) at the line.
 */
function referenceLabel(
  ref: { value: number; label: string } | undefined,
  horizontal: boolean,
  width: number,
  marginLeft: number,
  spec: (extra: Plot.Markish[]) => PlotSpec,
): Plot.Markish[] {
  if (ref === undefined) return [];
  const line = [{ v: ref.value, text: ref.label }];
  if (!horizontal) {
    return [Plot.text(line, {
      y: "v",
      text: "text",
      frameAnchor: "right",
      textAnchor: "end",
      dy: -6,
      fontSize: 10,
    })];
  }
  const px = Number(plotElement(spec([]), createDocument()).scale("x")?.apply(ref.value));
  const half = textWidth(ref.label) * 1.15 / 2;
  const anchor = px + half > width - 2 ? "end" : px - half < marginLeft ? "start" : "middle";
  return [Plot.text(line, {
    x: "v",
    text: "text",
    frameAnchor: "top",
    textAnchor: anchor,
    dx: anchor === "end" ? -3 : anchor === "start" ? 3 : 0,
    dy: -8,
    fontSize: 10,
  })];
}
