/**
 * Inputs over subjects for `compare` and `compare-models` with
 * `--resample subjects|both`: an argument is one input (shared by every
 * subject), a stack with one more leading axis than the measure's input
 * ([subjects, stimuli, units] for response matrices) in a `.npy`/`.npz` file,
 * or a comma-separated list of files, one per subject.
 *
 * @module
 */

import type { OptionValue } from "../command.ts";
import { readInputTensor } from "../inputs.ts";
import { sniffFile } from "../../io/detect.ts";
import type { Measure } from "../../measures/types.ts";
import { readMeasureInputs } from "./measure_inputs.ts";

const AXES: Record<string, number> = { responses: 2, stochastic: 3, images: 4 };

/**
 * Read one side of a comparison over subjects.
 *
 * @param measure The measure.
 * @param values Parsed options (`--key`).
 * @param arg The argument: a file, a stack file, or files joined by commas.
 * @param name The argument's name in messages, e.g. `"X"`.
 * @param context Error prefix.
 * @returns One input per subject (length 1: shared by every subject) and whether it was a stack
 * or list.
 *
 * @example A [subjects, stimuli, units] stack is split into subjects
 * ```ts
 * import { readSubjectInputs } from "./subject_inputs.ts";
 * import { getMeasure } from "../../measures/all.ts";
 * import { writeNpy } from "../../io/npy.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync({ suffix: ".npy" });
 * writeNpy(path, { shape: [3, 4, 2], data: Float64Array.from({ length: 24 }, (_, i) => i) });
 * const { inputs, stacked } = await readSubjectInputs(getMeasure("cka").measure, {}, path, "X", "ctx");
 * assert.equal(stacked, true);
 * assert.equal(inputs.length, 3);
 * assert.deepEqual(inputs[2], { rows: 4, cols: 2, data: Float64Array.from({ length: 8 }, (_, i) => 16 + i) });
 * Deno.removeSync(path);
 * ```
 */
export async function readSubjectInputs(
  measure: Measure,
  values: Record<string, OptionValue>,
  arg: string,
  name: string,
  context: string,
): Promise<{ inputs: unknown[]; stacked: boolean }> {
  const axes = AXES[measure.input];
  if (axes === undefined) {
    throw new TypeError(
      `${context}: measure ${measure.name} has no subjects of stimuli to resample`,
    );
  }
  if (arg.includes(",")) {
    const files = arg.split(",").filter((f) => f !== "");
    const inputs = await readMeasureInputs(
      measure,
      values,
      files,
      files.map((_, k) => `${name}[${k}]`),
      context,
    );
    return { inputs, stacked: true };
  }
  let format: string | null = null;
  try {
    format = sniffFile(arg);
  } catch {
    format = null; // the read below reports the problem with the file
  }
  if (format === "npy" || format === "npz") {
    const t = await readInputTensor(arg, name, (values.key as string[] | undefined)?.[0]);
    if (t.shape.length === axes + 1) {
      const [K, ...inner] = t.shape as number[];
      const block = inner.reduce((a, b) => a * b, 1);
      const inputs = Array.from({ length: K! }, (_, k) => {
        const data = t.data.slice(k * block, (k + 1) * block);
        return axes === 2 ? { rows: inner[0]!, cols: inner[1]!, data } : { shape: inner, data };
      });
      const checked = inputs.map((x, k) => measure.validate(x, `${name}[${k}]`, context));
      return { inputs: checked, stacked: true };
    }
  }
  const inputs = await readMeasureInputs(measure, values, [arg], [name], context);
  return { inputs, stacked: false };
}
