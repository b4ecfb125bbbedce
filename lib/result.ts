/**
 * The result protocol: every result object the package returns is plain data
 * with a `kind` tag. {@link tagResult} attaches a hidden (non-enumerable)
 * `[Symbol.for("Jupyter.display")]()` method that looks up a renderer for the
 * kind at call time. Renderers live in `lib/display/` and register themselves
 * with {@link registerRenderer}; maths code never imports them. Without a
 * renderer, a result displays as readable `text/plain`.
 *
 * @module
 */

/** A Jupyter MIME bundle, e.g. `{"text/plain": "...", "image/svg+xml": "<svg..."}`. */
export type MimeBundle = Record<string, string>;

/** Turns a result of one kind into a MIME bundle. */
export type Renderer = (result: Record<string, unknown>) => MimeBundle;

const DISPLAY = Symbol.for("Jupyter.display");
const renderers = new Map<string, Renderer>();

/**
 * Register (or replace) the renderer for a result kind.
 *
 * @param kind The `kind` tag, e.g. `"linearMetric"`.
 * @param renderer Function returning a MIME bundle that includes `text/plain`.
 *
 * @example
 * ```ts
 * import { registerRenderer, tagResult } from "./result.ts";
 * import assert from "node:assert/strict";
 * registerRenderer("example", (r) => ({ "text/plain": `value ${r.value}` }));
 * const r = tagResult("example", { value: 3 });
 * // deno-lint-ignore no-explicit-any
 * assert.equal((r as any)[Symbol.for("Jupyter.display")]()["text/plain"], "value 3");
 * ```
 */
export function registerRenderer(kind: string, renderer: Renderer): void {
  renderers.set(kind, renderer);
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

/**
 * Tag a plain-data result with its kind and attach the hidden Jupyter display
 * method. The returned object is the same data (enumerable fields unchanged, so
 * `JSON.stringify` is unaffected), shallowly frozen.
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
 * assert.match((r as any)[Symbol.for("Jupyter.display")]()["text/plain"], /distance: 0.5/);
 * ```
 */
export function tagResult<T extends object>(kind: string, data: T): Readonly<T & { kind: string }> {
  const out = data as T & { kind: string };
  (out as { kind: string }).kind = kind;
  Object.defineProperty(out, DISPLAY, {
    enumerable: false,
    value: function (this: Record<string, unknown>): MimeBundle {
      const renderer = renderers.get(kind);
      if (renderer) {
        try {
          const bundle = renderer(this);
          if (!bundle["text/plain"]) bundle["text/plain"] = `${kind}\n${plainText(this)}`;
          return bundle;
        } catch (e) {
          return {
            "text/plain": `${kind} (display failed: ${(e as Error).message})\n${plainText(this)}`,
          };
        }
      }
      return { "text/plain": `${kind}\n${plainText(this)}` };
    },
  });
  return Object.freeze(out);
}
