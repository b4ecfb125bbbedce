/**
 * The result protocol: every result object the package returns is plain data
 * with a `kind` tag. {@link tagResult} attaches a hidden (non-enumerable)
 * `[Symbol.for("Jupyter.display")]()` method that looks up a renderer for the
 * kind at call time.
 *
 * Kinds are typed in the views layer: `lib/views/kinds.ts` maps each kind to
 * its data type and its `registerView` gives a renderer the typed result. This
 * base module keeps an untyped registry, so a notebook can register a renderer
 * for a kind of its own with {@link registerRenderer}.
 *
 * Renderers live in `lib/views/<area>/` and register when that module is
 * imported; maths code never imports them. When a result of a kind with no
 * renderer is displayed before the views were loaded (a notebook that imported
 * only an area module), the display method loads `lib/views/mod.ts` by a URL
 * built at run time (no static import, so the layers hold) and returns a
 * promise of the bundle: Deno's kernel awaits the display method
 * (`return await obj[$display]()` in its `format`). Without a renderer, a
 * result displays as readable `text/plain`.
 *
 * @module
 */

/** A Jupyter MIME bundle, e.g. `{"text/plain": "...", "image/svg+xml": "<svg..."}`. */
export type MimeBundle = Record<string, string>;

/** Turns a result (plain data of type `T`) into a MIME bundle. */
export type Renderer<T extends object = Record<string, unknown>> = (result: T) => MimeBundle;

const DISPLAY = Symbol.for("Jupyter.display");
/** Renderers by kind; each was registered for results tagged with that kind. */
const renderers = new Map<string, (result: never) => MimeBundle>();

/**
 * Register (or replace) the renderer for a result kind.
 *
 * @param kind The `kind` tag, e.g. `"myResult"`. The package's own kinds
 * register through `registerView` (lib/views/kinds.ts), which checks the
 * renderer's type against the kind.
 * @param renderer Function returning a MIME bundle (`text/plain` is filled in when missing).
 *
 * @example A renderer for an undeclared kind
 * ```ts
 * import { registerRenderer, tagResult } from "./result.ts";
 * import assert from "node:assert/strict";
 * registerRenderer("example", (r) => ({ "text/plain": `value ${Number(r.value) + 1}` }));
 * const r = tagResult("example", { value: 3 });
 * // deno-lint-ignore no-explicit-any
 * assert.equal((r as any)[Symbol.for("Jupyter.display")]()["text/plain"], "value 4");
 * ```
 */
export function registerRenderer<T extends object = Record<string, unknown>>(
  kind: string,
  renderer: Renderer<T>,
): void {
  renderers.set(kind, renderer as (result: never) => MimeBundle);
}

/**
 * Whether a renderer is registered for a kind (views not loaded yet count as none).
 *
 * @param kind The `kind` tag.
 * @returns True when {@link registerRenderer} was called for it.
 *
 * @example
 * ```ts
 * import { hasRenderer } from "./result.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hasRenderer("no such kind"), false);
 * ```
 */
export function hasRenderer(kind: string): boolean {
  return renderers.has(kind);
}

/** One column of a result table: numbers (float64) or strings. */
export type ResultColumn = Float64Array | number[] | string[];

/**
 * A tidy table of a result: column name → values, every column of the same
 * length (one observation per row). `writeCsv`/`writeArrow` (lib/io) write it.
 */
export type ResultTable = Record<string, ResultColumn>;

/** Turns a result (plain data of type `T`) into a {@link ResultTable}. */
export type Tabulator<T extends object = Record<string, unknown>> = (result: T) => ResultTable;

/** Table functions by kind, beside the renderers. */
const tabulators = new Map<string, (result: never) => ResultTable>();

/**
 * Register (or replace) the tidy-table function of a result kind (the views
 * register one for every kind; `toTable` in lib/views looks them up).
 *
 * @param kind The `kind` tag. The package's own kinds register through
 * `registerKindTable` (lib/views/kinds.ts), which checks the type.
 * @param tabulator Function returning named columns of equal length.
 *
 * @example A table for an undeclared kind
 * ```ts
 * import { registerTable, tableOf, tagResult } from "./result.ts";
 * import assert from "node:assert/strict";
 * registerTable("example", (r) => ({ value: [Number(r.value)] }));
 * assert.deepEqual(tableOf(tagResult("example", { value: 3 })), { value: [3] });
 * ```
 */
export function registerTable<T extends object = Record<string, unknown>>(
  kind: string,
  tabulator: Tabulator<T>,
): void {
  tabulators.set(kind, tabulator as (result: never) => ResultTable);
}

/**
 * Whether a table function is registered for a kind.
 *
 * @param kind The `kind` tag.
 * @returns True when {@link registerTable} was called for it.
 *
 * @example
 * ```ts
 * import { hasTable } from "./result.ts";
 * import assert from "node:assert/strict";
 * assert.equal(hasTable("no such kind"), false);
 * ```
 */
export function hasTable(kind: string): boolean {
  return tabulators.has(kind);
}

/**
 * The registered table of a tagged result (no check of the columns; `toTable`
 * in lib/views checks them and loads every kind's table function first).
 *
 * @param result A result with a `kind` tag.
 * @returns Its table.
 * @throws {TypeError} When `result` has no `kind`, or no table is registered for it.
 *
 * @example
 * ```ts
 * import { tableOf } from "./result.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => tableOf({ kind: "unknownKind" }), /no table for result kind `unknownKind`/);
 * ```
 */
export function tableOf(result: object): ResultTable {
  const kind = (result as { kind?: unknown } | null)?.kind;
  if (typeof kind !== "string") {
    throw new TypeError(
      `Cannot make table: \`result\` must be a tagged result with a \`kind\`: got ${
        result === null ? "null" : typeof result
      }`,
    );
  }
  const tabulator = tabulators.get(kind);
  if (!tabulator) throw new TypeError(`Cannot make table: no table for result kind \`${kind}\``);
  return tabulator(result as never);
}

/**
 * Readable plain-text summary of any plain-data result (no ANSI colours); the
 * `kind` field is left out (it is the heading).
 *
 * @example
 * ```ts
 * import { plainText } from "./result.ts";
 * import assert from "node:assert/strict";
 * assert.equal(plainText({ kind: "x", distance: 0.25 }), "distance: 0.25");
 * ```
 */
export function plainText(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number") return formatNumber(value);
  if (typeof value !== "object") return String(value);
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    const arr = Array.from(value as ArrayLike<number>);
    const shown = arr.slice(0, 8).map((v) =>
      typeof v === "number" ? formatNumber(v) : typeof v === "object" ? "{…}" : String(v)
    );
    return `[${shown.join(", ")}${arr.length > 8 ? `, … (${arr.length} total)` : ""}]`;
  }
  const obj = value as Record<string, unknown>;
  if ("rows" in obj && "cols" in obj && obj.data instanceof Float64Array) {
    return `Matrix [${obj.rows} × ${obj.cols}]`;
  }
  const lines: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (k === "kind") continue; // shown as the heading by tagResult's display
    const text =
      typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v) &&
        !("data" in (v as object))
        ? `\n${plainText(v, indent + "  ")}`
        : ` ${plainText(v, indent + "  ")}`;
    lines.push(`${indent}${k}:${text}`);
  }
  return lines.join("\n");
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(6) : String(Number(v.toPrecision(8)));
}

/** Where the views live, relative to this file; built at run time, so it is no static import. */
const VIEWS = ["views", "mod.ts"].join("/");
let views: "unloaded" | Promise<void> | "done" = "unloaded";

/** Import `lib/views/mod.ts` once (it registers every renderer); failures leave text/plain. */
function loadViews(): Promise<void> {
  if (views === "unloaded") {
    const url = new URL(`./${VIEWS}`, import.meta.url).href;
    views = import(url).then(() => undefined, () => undefined).finally(() => {
      views = "done";
    });
  }
  return views === "done" ? Promise.resolve() : views;
}

function render(result: object, kind: string): MimeBundle {
  const renderer = renderers.get(kind);
  if (!renderer) return { "text/plain": `${kind}\n${plainText(result)}` };
  try {
    // The map holds each renderer beside the kind it was registered for, and
    // `result` was tagged with that kind.
    const bundle = renderer(result as never);
    if (!bundle["text/plain"]) bundle["text/plain"] = `${kind}\n${plainText(result)}`;
    return bundle;
  } catch (e) {
    return {
      "text/plain": `${kind} (display failed: ${(e as Error).message})\n${plainText(result)}`,
    };
  }
}

/**
 * Tag a plain-data result with its kind and attach the hidden Jupyter display
 * method. The returned object is the same data (enumerable fields unchanged, so
 * `JSON.stringify` is unaffected), shallowly frozen.
 *
 * The display method returns the bundle at once when a renderer for the kind
 * is registered. Otherwise, the first time, it returns a promise: it loads the
 * views (`lib/views/mod.ts`), then renders (Deno's kernel awaits it).
 *
 * @param kind The result kind used to look up a renderer.
 * @param data The result's fields.
 * @returns `data` with `kind` set, frozen.
 *
 * @example Falls back to text/plain
 * ```ts
 * import { tagResult } from "./result.ts";
 * import assert from "node:assert/strict";
 * const r = tagResult("unrendered", { distance: 0.5 });
 * assert.equal(r.kind, "unrendered");
 * assert.equal(JSON.stringify(r), '{"distance":0.5,"kind":"unrendered"}');
 * // deno-lint-ignore no-explicit-any
 * const bundle = await (r as any)[Symbol.for("Jupyter.display")]();
 * assert.match(bundle["text/plain"], /distance: 0.5/);
 * ```
 */
export function tagResult<K extends string, T extends object>(
  kind: K,
  data: T,
): Readonly<T & { kind: K }> {
  const out = Object.assign(data as T, { kind });
  Object.defineProperty(out, DISPLAY, {
    enumerable: false,
    value: function (this: object): MimeBundle | Promise<MimeBundle> {
      if (renderers.has(kind) || views === "done") return render(this, kind);
      return loadViews().then(() => render(this, kind));
    },
  });
  return Object.freeze(out);
}
