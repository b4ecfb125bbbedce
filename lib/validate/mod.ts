/**
 * Argument checks used at every public entry point. Messages follow one
 * template: "<context>: `<name>` must <expectation>: got <value>".
 *
 * @module
 */

/**
 * Throw a `RangeError` naming the first NaN/Inf entry of `data`.
 *
 * @param data The values.
 * @param name Argument name for the message.
 * @param context Message prefix, e.g. "Cannot fit linear metric".
 * @param cols When given, the bad index is shown as [row, col].
 *
 * @example
 * ```ts
 * import { assertFiniteArray } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => assertFiniteArray(new Float64Array([0, 1, Infinity]), "X", "Cannot score", 2),
 *   /Cannot score: `X` must be finite: got Infinity at \[1, 0\]/,
 * );
 * ```
 */
export function assertFiniteArray(
  data: ArrayLike<number>,
  name: string,
  context = "Invalid input",
  cols?: number,
): void {
  for (let k = 0; k < data.length; k++) {
    const v = data[k]!;
    if (!Number.isFinite(v)) {
      const where = cols && cols > 0 ? `[${Math.floor(k / cols)}, ${k % cols}]` : `index ${k}`;
      throw new RangeError(`${context}: \`${name}\` must be finite: got ${v} at ${where}`);
    }
  }
}

/**
 * Throw a `RangeError` unless `lo <= value <= hi` (NaN and non-numbers fail).
 *
 * @param value The value to check.
 * @param name Argument name for the message.
 * @param lo Lower bound (inclusive).
 * @param hi Upper bound (inclusive).
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { assertInRange } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => assertInRange(1.5, "alpha", 0, 1, "Cannot fit linear metric"),
 *   { name: "RangeError", message: "Cannot fit linear metric: `alpha` must be in [0, 1]: got 1.5" },
 * );
 * ```
 */
export function assertInRange(
  value: number,
  name: string,
  lo: number,
  hi: number,
  context = "Invalid input",
): void {
  if (typeof value !== "number" || Number.isNaN(value) || value < lo || value > hi) {
    throw new RangeError(`${context}: \`${name}\` must be in [${lo}, ${hi}]: got ${value}`);
  }
}

/**
 * Throw a `RangeError` unless `value` is an integer `>= min` (and `<= max` when given).
 * The message states the bounds that were given.
 *
 * @param value The value to check.
 * @param name Argument name for the message.
 * @param min Smallest allowed value. @default -Infinity
 * @param max Largest allowed value. @default Infinity
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { assertInteger } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => assertInteger(0, "rank", 1), /`rank` must be an integer >= 1: got 0/);
 * ```
 */
export function assertInteger(
  value: number,
  name: string,
  min = -Infinity,
  max = Infinity,
  context = "Invalid input",
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity
      ? (min === -Infinity ? "" : ` >= ${min}`)
      : (min === -Infinity ? ` <= ${max}` : ` in [${min}, ${max}]`);
    throw new RangeError(`${context}: \`${name}\` must be an integer${range}: got ${value}`);
  }
}

/**
 * Throw a `TypeError` showing both shapes unless two matrices have the same row count.
 *
 * @param A First shape.
 * @param nameA Its argument name.
 * @param B Second shape.
 * @param nameB Its argument name.
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { assertSameRows } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => assertSameRows({ rows: 3, cols: 2 }, "X", { rows: 4, cols: 2 }, "Y", "Cannot compare"),
 *   /Cannot compare: `X` and `Y` must have the same number of rows: got shapes \[3, 2\] and \[4, 2\]/,
 * );
 * ```
 */
export function assertSameRows(
  A: { rows: number; cols: number },
  nameA: string,
  B: { rows: number; cols: number },
  nameB: string,
  context = "Invalid input",
): void {
  if (A.rows !== B.rows) {
    throw new TypeError(
      `${context}: \`${nameA}\` and \`${nameB}\` must have the same number of rows: got shapes [${A.rows}, ${A.cols}] and [${B.rows}, ${B.cols}]`,
    );
  }
}

/**
 * Check that an options argument is a plain object (not null, an array or a
 * primitive), which would otherwise fail on its first field with an internal
 * message.
 *
 * @param options The argument.
 * @param context Prefix of the error message.
 * @param what The argument's name in the message.
 * @throws {TypeError} Naming the argument and showing the value.
 *
 * @example
 * ```ts
 * import { assertOptionsObject } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assertOptionsObject({ alpha: 0.5 }, "Cannot fit");
 * assert.throws(() => assertOptionsObject([1], "Cannot fit"), {
 *   name: "TypeError",
 *   message: "Cannot fit: `options` must be an object: got an array",
 * });
 * assert.throws(() => assertOptionsObject(null, "Cannot fit"), /must be an object: got null/);
 * ```
 */
export function assertOptionsObject(
  options: unknown,
  context = "Invalid input",
  what = "options",
): asserts options is Record<string, unknown> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const shown = Array.isArray(options) ? "an array" : String(options);
    throw new TypeError(`${context}: \`${what}\` must be an object: got ${shown}`);
  }
}

/**
 * Throw unless `options` is undefined or a plain object whose keys are all in
 * `known`: a misspelt option (`{ alhpa: 0.5 }`) is an error, never silently
 * ignored. Keys whose value is `undefined` are allowed (spreading optional
 * fields is common). A `TypeError` names the unknown key and lists the known ones.
 *
 * @param options The options object as passed (may be undefined).
 * @param known The option names the function reads.
 * @param context Message prefix, e.g. "Cannot fit linear metric".
 * @param what How to call the object in messages. @default "options"
 *
 * @example
 * ```ts
 * import { assertKnownOptions } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assertKnownOptions({ alpha: 0.5, center: undefined }, ["alpha"], "Cannot fit");
 * assert.throws(
 *   () => assertKnownOptions({ alhpa: 0.5 }, ["alpha", "score"], "Cannot fit"),
 *   { name: "TypeError", message: "Cannot fit: `alhpa` is not an option (options: alpha, score)" },
 * );
 * assert.throws(() => assertKnownOptions(null, ["alpha"], "Cannot fit"), /`options` must be an object/);
 * ```
 */
export function assertKnownOptions(
  options: unknown,
  known: readonly string[],
  context = "Invalid input",
  what = "options",
): void {
  if (options === undefined) return;
  assertOptionsObject(options, context, what);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || known.includes(key)) continue;
    const list = known.length > 0 ? `options: ${known.join(", ")}` : "it takes none";
    throw new TypeError(
      `${context}: \`${key}\` is not an ${
        what === "options" ? "option" : `entry of \`${what}\``
      } (${list})`,
    );
  }
}

/** Smallest seed: the most negative 32-bit integer (read as its unsigned twin, 2³² + seed). */
export const SEED_MIN = -(2 ** 31);
/** Largest seed: the generators keep 32 bits, so a larger seed would repeat a smaller one. */
export const SEED_MAX = 2 ** 32 - 1;

/**
 * Throw a `RangeError` unless `seed` is an integer in [{@link SEED_MIN},
 * {@link SEED_MAX}], the seeds every generator of the package reads without
 * aliasing (NaN, 1.5 or 2³² would otherwise act as another seed).
 *
 * @param seed The seed.
 * @param context Message prefix.
 *
 * @example
 * ```ts
 * import { assertSeed } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assertSeed(2 ** 32 - 1, "Cannot draw");
 * assert.throws(
 *   () => assertSeed(2 ** 32, "Cannot draw"),
 *   /Cannot draw: `seed` must be an integer in \[-2147483648, 4294967295\]: got 4294967296/,
 * );
 * ```
 */
export function assertSeed(seed: number, context = "Invalid input"): void {
  assertInteger(seed, "seed", SEED_MIN, SEED_MAX, context);
}
