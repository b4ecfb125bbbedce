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
 * Throw unless `options` is undefined or an object whose keys are all in
 * `known` (see {@link assertKnownOptions}), and whose options named in
 * `booleans` are booleans when given (a string such as "false" would
 * otherwise count as true).
 *
 * @param options The options object as passed (may be undefined).
 * @param known The option names the function reads.
 * @param context Message prefix, e.g. "Cannot fit linear metric".
 * @param booleans Those of `known` that must be booleans. @default []
 * @throws {TypeError} For `null` or a non-object, an unknown key, or a non-boolean boolean option.
 *
 * @example
 * ```ts
 * import { checkOptionNames } from "./options.ts";
 * import assert from "node:assert/strict";
 * checkOptionNames({ alpha: 0.5, center: false }, ["alpha", "center"], "ctx", ["center"]);
 * assert.throws(() => checkOptionNames({ alhpa: 0 }, ["alpha"], "ctx"), /`alhpa` is not an option/);
 * assert.throws(
 *   () => checkOptionNames({ center: "false" }, ["center"], "ctx", ["center"]),
 *   { name: "TypeError", message: 'ctx: `center` must be a boolean: got "false"' },
 * );
 * ```
 */
export function checkOptionNames(
  options: unknown,
  known: readonly string[],
  context: string,
  booleans: readonly string[] = [],
): void {
  assertKnownOptions(options, known, context);
  if (options === undefined) return;
  for (const name of booleans) {
    const v = (options as Record<string, unknown>)[name];
    if (v !== undefined && typeof v !== "boolean") {
      throw new TypeError(
        `${context}: \`${name}\` must be a boolean: got ${
          typeof v === "string" ? JSON.stringify(v) : String(v)
        }`,
      );
    }
  }
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
  const names = Object.keys(kinds);
  checkOptionNames(options, names, context, names.filter((k) => kinds[k] === "boolean"));
}
