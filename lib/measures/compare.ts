/**
 * One comparison of two inputs with any registered measure: validate, pad to
 * a common width where the measure pads, prepare both, compare. The CLI's
 * `compare` is this function.
 *
 * @module
 */

import { resolveOptions } from "./registry.ts";
import { safeScalePair } from "./scale.ts";
import type { Comparison, OptionValue, ResolvedOptions } from "./types.ts";
import { assertOptionsObject } from "../validate/mod.ts";

/** Options of {@link compareWith}: held-out parts, plus the measure's own options. */
export interface CompareWithOptions {
  /** Held-out parts of X and Y (measures with held-out support). @default undefined */
  test?: readonly [unknown, unknown];
  /**
   * Names of X and Y in error messages (e.g. `["data", "models.alexnet"]`), so that
   * callers comparing many inputs blame the right one. @default ["X", "Y"]
   */
  names?: readonly [string, string];
  /** Measure options (see `listMeasures()` or `deno task cli measures`). */
  [option: string]: unknown;
}

function shapeOf(x: unknown): string {
  const t = x as { rows?: number; cols?: number; shape?: readonly number[] };
  return t.shape ? `[${t.shape.join(", ")}]` : `[${t.rows}, ${t.cols}]`;
}

/**
 * Compare two inputs with a registered measure.
 *
 * @param measure Measure name or alias.
 * @param X First input (of the measure's kind).
 * @param Y Second input.
 * @param opts Measure options, and `test` for held-out parts.
 * @returns The comparison (distance and/or similarity, held-out values, details), with the measure's name and resolved options.
 *
 * @example CCA ignores invertible linear maps, Procrustes does not
 * ```ts
 * import { compareWith } from "./compare.ts";
 * import "./all.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 2], [3, 1], [1, 1]];
 * const Y = X.map(([a, b]) => [2 * a + b, 2 * b]);
 * assert.ok(compareWith("cca", X, Y).distance! < 1e-6);
 * assert.ok(compareWith("procrustes", X, Y).distance! > 0.01);
 * assert.throws(() => compareWith("cca", X, Y, { kernel: "rbf" }), /`kernel` is not an option of measure linear/);
 * ```
 *
 * @example Errors name the inputs as the caller calls them
 * ```ts
 * import { compareWith } from "./compare.ts";
 * import "./all.ts";
 * import assert from "node:assert/strict";
 * const X = [[1, 0], [0, 2], [3, 1], [1, 1]], C = [[1, 1], [1, 1], [1, 1], [1, 1]];
 * assert.throws(() => compareWith("svcca", X, C, { names: ["data", "models.flat"] }),
 *   /`models.flat` has zero variance across stimuli/);
 * ```
 */
export function compareWith(
  measure: string,
  X: unknown,
  Y: unknown,
  opts: CompareWithOptions = {},
): Comparison & { measure: string; options: ResolvedOptions } {
  const context = "Cannot compare";
  assertOptionsObject(opts, context);
  const { test, names = ["X", "Y"], ...given } = opts;
  const [nx, ny] = names;
  const { measure: m, options } = resolveOptions(
    measure,
    given as Record<string, OptionValue>,
    context,
  );
  if (test !== undefined && !m.heldOut) {
    throw new RangeError(`${context}: measure ${m.name} does not take held-out \`test\` data`);
  }
  let a = m.validate(X, nx, context), b = m.validate(Y, ny, context);
  if (m.rowsOf(a) !== m.rowsOf(b)) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must have the same number of rows: got shapes ${
        shapeOf(a)
      } and ${shapeOf(b)}`,
    );
  }
  if (m.padded && options.pad === false && m.widthOf(a) !== m.widthOf(b)) {
    throw new TypeError(
      `${context}: \`${nx}\` and \`${ny}\` must have the same number of columns when \`pad\` is false: got shapes ${
        shapeOf(a)
      } and ${shapeOf(b)}`,
    );
  }
  if (test !== undefined && (!Array.isArray(test) || test.length !== 2)) {
    throw new TypeError(
      `${context}: \`test\` must be a pair [held-out ${nx}, held-out ${ny}]: got ${
        Array.isArray(test) ? `${test.length} entries` : String(test)
      }`,
    );
  }
  let ta = test ? m.validate(test[0], "test[0]", context) : null;
  let tb = test ? m.validate(test[1], "test[1]", context) : null;
  if (ta !== null && tb !== null) {
    // held-out rows go through the maps fitted on the training rows: same columns
    for (const [t, train, name, tname] of [[ta, a, nx, "test[0]"], [tb, b, ny, "test[1]"]]) {
      if (m.widthOf(t) !== m.widthOf(train)) {
        throw new TypeError(
          `${context}: \`${tname}\` must have the ${
            m.widthOf(train)
          } columns of \`${name}\`: got shape ${shapeOf(t)} for training shape ${shapeOf(train)}`,
        );
      }
    }
    if (m.rowsOf(ta) !== m.rowsOf(tb)) {
      throw new TypeError(
        `${context}: \`test[0]\` and \`test[1]\` must have the same number of rows: got shapes ${
          shapeOf(ta)
        } and ${shapeOf(tb)}`,
      );
    }
  }
  // far from unit scale: rescale (held-out rows with their training rows) or refuse
  [a, ta] = safeScalePair(m, options, a, ta, nx, context);
  [b, tb] = safeScalePair(m, options, b, tb, ny, context);
  const width = Math.max(m.widthOf(a), m.widthOf(b));
  const pa = m.prepare(a, options, { width: m.padded ? width : m.widthOf(a), test: ta, name: nx });
  const pb = m.prepare(b, options, { width: m.padded ? width : m.widthOf(b), test: tb, name: ny });
  return { ...m.compare(pa, pb, options), measure: m.name, options };
}
