/**
 * The options an exported function reads, declared once per options type and
 * checked at entry: an unknown key is an error ({@link assertKnownOptions}), and
 * a boolean option must be a boolean (`center: "false"` is not read by
 * truthiness). The declaration is checked by the compiler against the options
 * type: every field must be listed, none may be added, and boolean fields must
 * be marked `"boolean"`.
 *
 * @module
 */

import { assertKnownOptions } from "./mod.ts";

/** How each option of `T` is checked at entry: booleans by type, the rest by the function. */
export type OptionKinds<T> = {
  readonly [K in keyof Required<T>]: [NonNullable<T[K]>] extends [boolean] ? "boolean" : "any";
};

/**
 * Declare the options of an options type, for {@link checkOptions}. The
 * compiler refuses a missing or extra key, and a boolean field not marked
 * `"boolean"`.
 *
 * @param kinds Every option name, with `"boolean"` for boolean options and `"any"` else.
 * @returns The same declaration.
 *
 * @example
 * ```ts
 * import { optionKinds } from "./options.ts";
 * import assert from "node:assert/strict";
 * interface FitOptions { rank?: number; center?: boolean }
 * const FIT = optionKinds<FitOptions>({ rank: "any", center: "boolean" });
 * assert.deepEqual(Object.keys(FIT), ["rank", "center"]);
 * ```
 */
export function optionKinds<T>(kinds: OptionKinds<T>): OptionKinds<T> {
  return kinds;
}

/**
 * Throw unless `options` is undefined or an object whose keys are all declared
 * in `kinds` (see {@link assertKnownOptions}), and whose `"boolean"` options
 * are booleans when given.
 *
 * @param options The options object as passed (may be undefined).
 * @param kinds The declaration from {@link optionKinds} (several are merged with spread).
 * @param context Message prefix, e.g. "Cannot fit DMD".
 * @throws {TypeError} For `null` or a non-object, an unknown key, or a non-boolean boolean option.
 *
 * @example
 * ```ts
 * import { checkOptions } from "./options.ts";
 * import assert from "node:assert/strict";
 * const kinds = { rank: "any", center: "boolean" } as const;
 * checkOptions({ rank: 2, center: false }, kinds, "Cannot fit");
 * assert.throws(() => checkOptions({ rnak: 2 }, kinds, "Cannot fit"),
 *   { name: "TypeError", message: "Cannot fit: `rnak` is not an option (options: rank, center)" });
 * assert.throws(() => checkOptions({ center: "false" }, kinds, "Cannot fit"),
 *   { name: "TypeError", message: 'Cannot fit: `center` must be a boolean: got "false"' });
 * ```
 */
export function checkOptions(
  options: unknown,
  kinds: Readonly<Record<string, "boolean" | "any">>,
  context: string,
): void {
  assertKnownOptions(options, Object.keys(kinds), context);
  if (options === undefined) return;
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (kinds[key] === "boolean" && value !== undefined && typeof value !== "boolean") {
      throw new TypeError(
        `${context}: \`${key}\` must be a boolean: got ${
          typeof value === "string" ? JSON.stringify(value) : String(value)
        }`,
      );
    }
  }
}
