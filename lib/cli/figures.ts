/**
 * `--figure FILE.svg|FILE.html` for CLI subcommands: the figure each subcommand
 * writes beside its JSON, built from the JSON value itself with the display
 * layer's figure functions. The figure code (Plot, a DOM) is imported when a
 * figure is asked for, so the other subcommands start without it.
 *
 * @module
 */

import { basename } from "node:path";
import { type FigureBuilder, UsageError } from "./command.ts";
import { readMatrix } from "../io/mod.ts";
import type { Matrix } from "../linalg/matrix.ts";

type Rows = (number | null)[][];

/** The complete K×K matrix of a pairwise result: from its JSON, else from its --out file. */
function completeMatrix(result: Record<string, unknown>, what: string): Matrix | number[][] {
  const rows = result.matrix as Rows | undefined;
  if (rows === undefined && typeof result.out === "string" && result.out.endsWith(".npy")) {
    return readMatrix(result.out, { name: "--out" });
  }
  if (rows === undefined) {
    throw new UsageError(`--figure needs the complete ${what} matrix: run without --shard`);
  }
  if (rows.some((row) => row.some((v) => v === null))) {
    throw new UsageError(`--figure needs the complete ${what} matrix: this run scored a shard`);
  }
  return rows as number[][];
}

const pairwiseHeatmap = (what: string): FigureBuilder => async (result, { positionals }) =>
  (await import("../display/heatmap.ts")).plotHeatmap(completeMatrix(result, what), {
    title: `${what} distances`,
    labels: positionals.map((p) => basename(p).replace(/\.[^.]+$/, "")),
    order: "cluster",
    legendLabel: "distance",
  });

/**
 * Figure builders by subcommand name (`pairwise`, `dsa-pairwise`, `mds`, `dmd`,
 * `spectral`); `runCli` adds `--figure` to exactly these subcommands.
 *
 * @example The DMD figure is the eigenvalues in the complex plane
 * ```ts
 * import { figureBuilders } from "./figures.ts";
 * import assert from "node:assert/strict";
 * const fig = await figureBuilders.dmd!({ eigenvalues: [[0.9, 0.1], [0.9, -0.1]] }, {
 *   values: {},
 *   positionals: [],
 * });
 * assert.match(fig.svg, /^<svg/);
 * ```
 */
export const figureBuilders: Partial<Record<string, FigureBuilder>> = {
  pairwise: pairwiseHeatmap("Shape-metric"),
  "dsa-pairwise": pairwiseHeatmap("DSA"),
  mds: async (result) =>
    (await import("../display/scatter2d.ts")).plotScatter2d(result.coordinates as number[][], {
      title: `Classical MDS (negative mass ${
        Number((result.negative_mass as number).toPrecision(3))
      })`,
      xLabel: "MDS 1",
      yLabel: "MDS 2",
    }),
  "dmd-sweep": async (result) => {
    const { plotDmdSweep } = await import("../views/dynamics/sweep.ts");
    return plotDmdSweep(result as unknown as Parameters<typeof plotDmdSweep>[0]);
  },
  dmd: async (result) => {
    const ev = result.eigenvalues as [number, number][];
    const { plotComplexPlane } = await import("../display/complex_plane.ts");
    return plotComplexPlane(ev.map((e) => e[0]), ev.map((e) => e[1]), {
      title: "DMD eigenvalues",
    });
  },
  spectral: async (result) => {
    // E_g is null (infinite) at a ridgeless interpolation threshold: leave those points out
    const ps = result.ps as number[],
      keep = ps.map((_, k) => k).filter((k) =>
        (result.Eg as (number | null)[])[k] !== null &&
        (result.Etr as (number | null)[])[k] !== null
      );
    const pick = (key: string) => keep.map((k) => (result[key] as number[])[k]!);
    const { plotLines } = await import("../display/lines.ts");
    return plotLines([
      { name: "E_g (theory)", x: pick("ps"), y: pick("Eg") },
      { name: "E_tr (theory)", x: pick("ps"), y: pick("Etr") },
    ], {
      title: "Theoretical learning curve",
      logX: true,
      xLabel: "training set size p",
      yLabel: "normalised error",
    });
  },
};
