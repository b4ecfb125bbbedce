/**
 * Reading the inputs of any registered measure from files, and the options
 * the shape-metric commands have always echoed in their JSON.
 *
 * @module
 */

import { type OptionSpec, type OptionValue, UsageError } from "../command.ts";
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
  const driven = measure.input === "drivenTimeSeries";
  if (values.inputs !== undefined && !driven) {
    throw new UsageError(
      `--inputs applies to the measures on input-driven systems (input-dsa, controllability): got --measure ${measure.name}`,
    );
  }
  if (measure.input === "responses") {
    const sets = await readInputs(values, paths, names);
    before?.(sets.map((ds) => ds.matrix));
    checkSameRows(sets, rowNames, context);
    return sets.map((ds) => ds.matrix);
  }
  const ndim = {
    stochastic: [3],
    images: [4],
    timeSeries: [2, 3],
    trajectories: [3, 4],
    drivenTimeSeries: [2, 3],
  }[
    measure.input
  ];
  const axes = {
    stochastic: "[stimuli, trials, units]",
    images: "[images, height, width, channels]",
    timeSeries: "[time, dims] or [trials, time, dims]",
    trajectories: "[conditions, trials, time, units] or [trials, time, units]",
    drivenTimeSeries: "[time, outputs] or [trials, time, outputs]",
  }[measure.input];
  const keys = inputKeys(values, paths);
  const inputPaths = driven ? drivenInputPaths(values, paths, measure.name) : [];
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
    if (!driven) {
      out.push(t);
      continue;
    }
    const u = await readInputTensor(inputPaths[i]!, `${names[i]!}.U`);
    if (
      u.shape.length !== t.shape.length || u.shape.slice(0, -1).some((v, k) => v !== t.shape[k])
    ) {
      throw new TypeError(
        `${context}: ${inputPaths[i]} must have the trials and time steps of ${p} (inputs [${
          t.shape.length === 3 ? "trials, " : ""
        }time, inputs]): got shapes [${u.shape.join(", ")}] and [${t.shape.join(", ")}]`,
      );
    }
    out.push({ Y: t, U: u });
  }
  return out;
}

/** The `--inputs` flag of `compare` and `pairwise` (input-driven measures). */
export const DRIVEN_OPTIONS: OptionSpec = { inputs: { type: "string" } };

/** Help text for {@link DRIVEN_OPTIONS}. */
export const DRIVEN_HELP =
  `  --inputs U1,U2,…     input-dsa, controllability: the inputs that drove each system, one file
                       per data file, in order ([time, inputs] or [trials, time, inputs])`;

function drivenInputPaths(
  values: Record<string, OptionValue>,
  paths: readonly string[],
  measure: string,
): string[] {
  const given = values.inputs as string | undefined;
  if (given === undefined) {
    throw new UsageError(
      `--measure ${measure} compares input-driven systems: give the inputs of each with --inputs U1.npy,U2.npy,… (${paths.length} files)`,
    );
  }
  const list = given.split(",").map((s) => s.trim());
  if (list.length !== paths.length || list.some((s) => s === "")) {
    throw new UsageError(
      `--inputs must list one file per data file (${paths.length}), separated by commas: got ${given}`,
    );
  }
  return list;
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
