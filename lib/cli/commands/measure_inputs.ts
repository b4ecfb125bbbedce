/**
 * Reading the inputs of any registered measure from files, and the options
 * the shape-metric commands have always echoed in their JSON.
 *
 * @module
 */

import type { OptionValue } from "../command.ts";
import { checkSameRows, inputKeys, readInputs, readInputTensor } from "../inputs.ts";
import type { Measure, ResolvedOptions } from "../../measures/types.ts";
import type { Matrix } from "../../linalg/matrix.ts";

/**
 * Read the inputs of a measure from files: response matrices through `load()`
 * (same stimuli checked), tensors (trials, images, time series) from `.npy`/`.npz`.
 *
 * @param measure The measure.
 * @param values Parsed options (`--key`).
 * @param paths Files.
 * @param names Argument names.
 * @param context Error prefix.
 * @param before Checks to run on response matrices before the row labels are compared.
 * @param rowNames Names of the inputs in the row-label check. @default names
 * @returns The inputs.
 *
 * @example
 * ```ts
 * import { readMeasureInputs } from "./measure_inputs.ts";
 * import { getMeasure } from "../../measures/all.ts";
 * import { writeNpy } from "../../io/npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [2, 3, 1], data: new Float64Array(6) });
 * const [t] = await readMeasureInputs(getMeasure("stochastic-energy").measure, {}, [path], ["X"], "ctx");
 * assert.deepEqual((t as { shape: number[] }).shape, [2, 3, 1]);
 * Deno.removeSync(path);
 * ```
 */
export async function readMeasureInputs(
  measure: Measure,
  values: Record<string, OptionValue>,
  paths: readonly string[],
  names: readonly string[],
  context: string,
  before?: (matrices: Matrix[]) => void,
  rowNames: readonly string[] = names,
): Promise<unknown[]> {
  if (measure.input === "responses") {
    const sets = await readInputs(values, paths, names);
    before?.(sets.map((ds) => ds.matrix));
    checkSameRows(sets, rowNames, context);
    return sets.map((ds) => ds.matrix);
  }
  const ndim = { stochastic: [3], images: [4], timeSeries: [2, 3], trajectories: [3, 4] }[
    measure.input
  ];
  const axes = {
    stochastic: "[stimuli, trials, units]",
    images: "[images, height, width, channels]",
    timeSeries: "[time, dims] or [trials, time, dims]",
    trajectories: "[conditions, trials, time, units] or [trials, time, units]",
  }[measure.input];
  const keys = inputKeys(values, paths);
  const out: unknown[] = [];
  for (const [i, p] of paths.entries()) {
    const t = await readInputTensor(p, names[i]!, keys[i]);
    if (!ndim.includes(t.shape.length)) {
      throw new TypeError(
        `${context}: ${p} must have ${
          ndim.join(" or ")
        } axes ${axes} for measure ${measure.name}: got shape [${t.shape.join(", ")}]`,
      );
    }
    out.push(t);
  }
  return out;
}

/**
 * The options `compare` and `pairwise` echo for the shape metrics they always
 * had (other measures echo all their options).
 *
 * @example
 * ```ts
 * import { ECHO } from "./measure_inputs.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(ECHO.permutation!({ score: "angular", center: true, pad: true }), { score: "angular" });
 * ```
 */
export const ECHO: Record<string, (o: ResolvedOptions) => Record<string, unknown>> = {
  linear: (o) => ({ alpha: o.alpha, score: o.score }),
  permutation: (o) => ({ score: o.score }),
  cka: (o) => ({
    kernel: o.kernel,
    debiased: o.debiased,
    ...(o.kernel === "rbf" ? { threshold: o.threshold } : {}),
  }),
  "conv-linear": (o) => ({ alpha: o.alpha, score: o.score }),
};
