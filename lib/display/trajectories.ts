/**
 * Trajectories in a 2-D state space (two chosen dimensions of each `[T, d]`
 * trajectory): a line per trajectory, an open circle at the start and a
 * filled dot at the end.
 *
 * @module
 */

import * as Plot from "../deps/plot.ts";
import { isMatrix, type Matrix, type MatrixLike } from "../linalg/matrix.ts";
import { asFiniteMatrix, asLabels } from "./check.ts";
import { categoryColors } from "./color.ts";
import { createDocument } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { extent } from "./format.ts";
import { composeFigure, type Placed } from "./layout.ts";
import { type Swatch, swatches } from "./legend.ts";
import { plotElement } from "./render.ts";

/** Options for {@link plotTrajectories}. */
export interface TrajectoriesOptions {
  /** Figure title. @default "" */
  title?: string;
  /** One name per trajectory (legend when there are ≤ 10 and no groups). @default "trajectory k" */
  names?: readonly (string | number)[];
  /** One group per trajectory: sets the colour and the legend. @default one colour per trajectory */
  groups?: readonly (string | number)[];
  /** The two state dimensions (columns) to plot. @default [0, 1] */
  dims?: readonly [number, number];
  /** x-axis label. @default "dim {dims[0] + 1}" */
  xLabel?: string;
  /** y-axis label. @default "dim {dims[1] + 1}" */
  yLabel?: string;
  /** Chart width in pixels (legend extra). @default 480 */
  width?: number;
  /** Chart height in pixels. @default 400 */
  height?: number;
}

const CONTEXT = "Cannot plot trajectories";

/**
 * Plot one `[T, d]` trajectory or several in the plane of two state dimensions.
 *
 * @param trajectories One `[nTimes, nDims]` matrix or an array of them (nDims ≥ 2).
 * @param options Names, groups, dimensions, labels and size.
 * @returns A figure whose summary gives the counts and lengths.
 *
 * @example Two short trajectories
 * ```ts
 * import { plotTrajectories } from "./trajectories.ts";
 * import assert from "node:assert/strict";
 * const a = [[0, 0], [1, 0.5], [1.5, 1.5]];
 * const b = [[0, 1], [-1, 0.5], [-1, -1]];
 * const fig = plotTrajectories([a, b], { names: ["a", "b"] });
 * assert.match(fig.summary, /2 trajectories of 3 steps in dims 1 and 2/);
 * assert.equal((/<g[^>]*aria-label="line"[^>]*>(.*?)<\/g>/.exec(fig.svg)![1]!.match(/<path /g) ?? []).length, 1);
 * ```
 */
export function plotTrajectories(
  trajectories: MatrixLike | readonly MatrixLike[],
  options: TrajectoriesOptions = {},
): Figure {
  const { title = "", dims = [0, 1], width = 480, height = 400 } = options;
  const list = asList(trajectories);
  const [dx, dy] = dims;
  if (
    !Array.isArray(dims) || dims.length !== 2 ||
    ![dx, dy].every((d) => Number.isInteger(d) && d >= 0)
  ) {
    throw new RangeError(
      `${CONTEXT}: \`dims\` must be two column indices: got ${JSON.stringify(dims)}`,
    );
  }
  const mats = list.map((t, k) => {
    const M = asFiniteMatrix(t, `trajectories[${k}]`, CONTEXT);
    if (M.cols <= Math.max(dx, dy)) {
      throw new TypeError(
        `${CONTEXT}: \`trajectories[${k}]\` must have more than ${
          Math.max(dx, dy)
        } columns for dims ${JSON.stringify(dims)}: got shape [${M.rows}, ${M.cols}]`,
      );
    }
    return M;
  });
  const names = asLabels(options.names, mats.length, "names", CONTEXT) ??
    mats.map((_, k) => `trajectory ${k}`);
  const groups = asLabels(options.groups, mats.length, "groups", CONTEXT);
  const { categories, color } = categoryColors(groups ?? names);
  const marks: Plot.Markish[] = [];
  mats.forEach((M: Matrix, k) => {
    const stroke = color(groups?.[k] ?? names[k]!);
    const pts = Array.from(
      { length: M.rows },
      (_, t) => [M.data[t * M.cols + dx]!, M.data[t * M.cols + dy]!],
    );
    marks.push(Plot.line(pts, { stroke, strokeWidth: 1.5, strokeOpacity: 0.9 }));
    marks.push(Plot.dot([pts[0]!], { r: 4, fill: "white", stroke, strokeWidth: 1.5 }));
    marks.push(Plot.dot([pts[pts.length - 1]!], { r: 4, fill: stroke }));
  });
  const doc = createDocument();
  const chart = plotElement({
    width,
    height,
    marginLeft: 50,
    marginBottom: 40,
    x: { label: options.xLabel ?? `dim ${dx + 1}` },
    y: { label: options.yLabel ?? `dim ${dy + 1}` },
    grid: true,
    inset: 8,
    marks,
  }, doc);
  const items: Placed[] = [{ node: chart.node, x: 0, y: 0 }];
  const entries: Swatch[] = groups || categories.length <= 10
    ? categories.map((c) => ({ label: c, color: color(c), shape: "line" as const }))
    : [];
  entries.push({ label: "start", color: "#555", shape: "ring" }, {
    label: "end",
    color: "#555",
    shape: "circle",
  });
  const legend = swatches(doc, entries);
  items.push({ node: legend.node, x: width + 6, y: 20 });
  const lengths = [...new Set(mats.map((M) => M.rows))];
  const summary = `${mats.length} ${mats.length === 1 ? "trajectory" : "trajectories"} of ${
    lengths.length === 1 ? lengths[0] : extent(lengths).join("–")
  } steps in dims ${dx + 1} and ${dy + 1}${
    groups ? ` (${categories.length} groups)` : ""
  }; open circle = start, dot = end`;
  return composeFigure(doc, { title, width: width + legend.width + 12, height, items, summary });
}

function asList(t: MatrixLike | readonly MatrixLike[]): readonly MatrixLike[] {
  if (isMatrix(t)) return [t];
  if (!Array.isArray(t) || t.length === 0) {
    throw new TypeError(
      `${CONTEXT}: \`trajectories\` must be a matrix or a non-empty array of matrices: got ${
        Array.isArray(t) ? "[]" : t === null ? "null" : typeof t
      }`,
    );
  }
  const first = t[0];
  // an array of rows of numbers is a single trajectory
  if (Array.isArray(first) && typeof first[0] === "number") return [t as MatrixLike];
  return t as readonly MatrixLike[];
}
