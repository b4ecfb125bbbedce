/**
 * Composition of activation bins as stacked bars: for one unit, logit or
 * direction, the share of each attribute level in every activation bin (lowest
 * first) and in the top-k samples that current practice inspects.
 *
 * @module
 */

import * as Plot from "../../deps/plot.ts";
import type { activationAnalysis } from "../../activations/composition.ts";
import { createDocument } from "../../display/dom.ts";
import type { Figure } from "../../display/figure.ts";
import { composeFigure } from "../../display/layout.ts";
import { CATEGORY_COLORS, swatches } from "../../display/legend.ts";
import { plotElement } from "../../display/render.ts";

/** The parts of an `activationAnalysis` result the figure reads. */
export type BinAnalysis = Pick<
  ReturnType<typeof activationAnalysis>,
  "rule" | "edges" | "bins" | "topK"
>;

/** Options for {@link plotBinComposition}. */
export interface BinCompositionOptions {
  /** Factor shown: a factor name or a crossing "a×b". @default the first crossing, else the first factor */
  factor?: string;
  /** Name of each level of the factor. @default "class 0 × band 1" style names */
  levelNames?: readonly string[];
  /** One CSS colour per level. @default the categorical palette */
  colors?: readonly string[];
  /** Figure title. @default "" */
  title?: string;
  /** Chart width in pixels (legend extra). @default 520 */
  width?: number;
}

/**
 * The factor a composition figure shows and the names of its levels.
 *
 * @param a An `activationAnalysis` result.
 * @param options `factor` and `levelNames` (see {@link BinCompositionOptions}).
 * @param ctx Error-message prefix.
 * @returns The factor name and one name per level.
 *
 * @example A crossing is preferred and its levels are named
 * ```ts
 * import { activationAnalysis } from "../../activations/composition.ts";
 * import { compositionFactor } from "./bin_composition.ts";
 * import assert from "node:assert/strict";
 * const a = activationAnalysis([0, 1], { class: [0, 1], band: [1, 1] }, { nBins: 1 });
 * const f = compositionFactor(a);
 * assert.equal(f.factor, "class×band");
 * assert.deepEqual(f.levels, ["class 0 × band 0", "class 0 × band 1", "class 1 × band 0", "class 1 × band 1"]);
 * ```
 */
export function compositionFactor(
  a: BinAnalysis,
  options: Pick<BinCompositionOptions, "factor" | "levelNames"> = {},
  ctx = "Cannot plot bin composition",
): { factor: string; levels: string[] } {
  const fr = a.topK.fractions;
  const names = Object.keys(fr);
  const factor = options.factor ?? names.find((k) => k.includes("×")) ?? names[0]!;
  if (!(factor in fr)) {
    throw new RangeError(`${ctx}: \`factor\` must be one of ${names.join(", ")}: got ${factor}`);
  }
  const n = fr[factor]!.length;
  const parts = factor.split("×");
  const nB = parts.length === 2 ? fr[parts[1]!]?.length ?? 1 : 1;
  const levels = options.levelNames?.map(String) ??
    Array.from(
      { length: n },
      (_, l) =>
        parts.length === 2
          ? `${parts[0]} ${Math.floor(l / nB)} × ${parts[1]} ${l % nB}`
          : `${factor} ${l}`,
    );
  if (levels.length !== n) {
    throw new TypeError(`${ctx}: \`levelNames\` must have ${n} entries: got ${levels.length}`);
  }
  return { factor, levels };
}

/**
 * Stacked bars of the composition of each activation bin (lowest first) by one
 * factor, with the top-k samples as a last bar for contrast.
 *
 * @param analysis An `activationAnalysis` result.
 * @param options Factor, level names, title, width.
 * @returns A figure whose summary lists each bin's fractions.
 *
 * @example Two bins and the top-k
 * ```ts
 * import { activationAnalysis } from "../../activations/composition.ts";
 * import { plotBinComposition } from "./bin_composition.ts";
 * import assert from "node:assert/strict";
 * const a = activationAnalysis([0, 1, 2, 3], { class: [0, 0, 1, 1] }, { nBins: 2, k: 1 });
 * const fig = plotBinComposition(a, { levelNames: ["cat", "dog"] });
 * assert.match(fig.summary, /bin 2: cat 0%, dog 100%; top 1: cat 0%, dog 100%/);
 * ```
 */
export function plotBinComposition(
  analysis: BinAnalysis,
  options: BinCompositionOptions = {},
): Figure {
  const { title = "", width = 520 } = options;
  const { factor, levels } = compositionFactor(analysis, options);
  const colors = options.colors ?? levels.map((_, l) => CATEGORY_COLORS[l % 10]!);
  if (colors.length !== levels.length) {
    throw new TypeError(
      `Cannot plot bin composition: \`colors\` must have ${levels.length} entries: got ${colors.length}`,
    );
  }
  const cols = [...analysis.bins, analysis.topK];
  const ticks = [...analysis.bins.map((_, b) => String(b + 1)), `top ${analysis.topK.k}`];
  const rows = cols.flatMap((c, x) =>
    c.fractions[factor]!.map((f, l) => ({
      x,
      f,
      fill: colors[l]!,
      // hover title (SVG <title>): the column, level and fraction
      title: `${x < analysis.bins.length ? "bin " : ""}${ticks[x]}: ${levels[l]} ${
        Math.round(1000 * f) / 10
      }%`,
    }))
  );
  const doc = createDocument();
  const chart = plotElement({
    width,
    height: 300,
    marginLeft: 48,
    marginBottom: 40,
    x: { type: "band", tickFormat: (x: number) => ticks[x], padding: 0.15, label: null },
    y: { domain: [0, 1], label: "fraction of samples", grid: true },
    color: { type: "identity" },
    marks: [
      Plot.barY(rows, { x: "x", y: "f", fill: "fill", title: "title" }),
      Plot.text([`${analysis.rule} bins of the activation, low → high`], {
        frameAnchor: "bottom",
        dy: 34,
      }),
    ],
  }, doc);
  const legend = swatches(
    doc,
    levels.map((l, k) => ({ label: l, color: colors[k]! })),
  );
  const pct = (f: number) => `${Math.round(100 * f)}%`;
  const shown = cols.map((c, x) =>
    `${x < analysis.bins.length ? "bin " : ""}${ticks[x]}: ${
      c.fractions[factor]!.map((f, l) => `${levels[l]} ${pct(f)}`).join(", ")
    }`
  );
  return composeFigure(doc, {
    title,
    width: width + legend.width + 12,
    height: 300,
    items: [{ node: chart.node, x: 0, y: 0 }, { node: legend.node, x: width + 6, y: 20 }],
    summary: `Composition by ${factor} per ${analysis.rule} bin; ${shown.join("; ")}`,
  });
}
