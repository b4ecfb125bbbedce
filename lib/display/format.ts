/**
 * Small formatting helpers shared by figures and tables: numbers with a
 * fixed number of significant digits, a text-width estimate for layout, and
 * "nice" tick values for hand-drawn axes (colour bars).
 *
 * @module
 */

/**
 * Format a number with `digits` significant digits, switching to exponent
 * notation for very large or very small magnitudes; integers stay exact.
 *
 * @param v The number.
 * @param digits Significant digits (1–21).
 * @returns The text, e.g. `"0.1235"`, `"1.235e-7"`, `"NaN"`.
 *
 * @example Significant digits
 * ```ts
 * import { formatNumber } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatNumber(0.123456, 4), "0.1235");
 * assert.equal(formatNumber(1234567.8, 4), "1.235e+6");
 * assert.equal(formatNumber(42, 4), "42");
 * assert.equal(formatNumber(0.5, 4), "0.5");
 * ```
 */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) {
    const [m, e] = v.toExponential(digits - 1).split("e");
    return `${trimZeros(m!)}e${e}`;
  }
  return trimZeros(v.toPrecision(digits));
}

function trimZeros(s: string): string {
  return s.includes(".") && !s.includes("e") ? s.replace(/\.?0+$/, "") : s;
}

/**
 * Approximate rendered width of a label in pixels (system-ui font), used to
 * size margins so tick labels are not clipped. Wide glyphs count more.
 *
 * @param text The label.
 * @param fontSize Font size in pixels.
 * @returns Estimated width in pixels.
 *
 * @example Wide glyphs take more room
 * ```ts
 * import { textWidth } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.ok(textWidth("WWW", 10) > textWidth("iii", 10));
 * ```
 */
export function textWidth(text: string, fontSize = 10): number {
  let w = 0;
  for (const ch of text) {
    if ("il.,:;'|!ijt ".includes(ch)) w += 0.3;
    else if ("mwMW@%".includes(ch)) w += 0.85;
    else if (ch >= "A" && ch <= "Z") w += 0.68;
    else w += 0.58;
  }
  return w * fontSize;
}

/**
 * Round tick values covering [lo, hi] at a 1–2–5 step, about `count` of them.
 *
 * @param lo Lower end.
 * @param hi Upper end (>= lo).
 * @param count Desired number of ticks.
 * @returns Ticks inside [lo, hi], ascending.
 *
 * @example Round steps
 * ```ts
 * import { niceTicks } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
 * assert.deepEqual(niceTicks(0.13, 0.87, 3), [0.2, 0.4, 0.6, 0.8]);
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const err = raw / power;
  const step = power * (err >= 7.07 ? 10 : err >= 3.16 ? 5 : err >= 1.41 ? 2 : 1);
  const start = Math.ceil(lo / step - 1e-9);
  const stop = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let k = start; k <= stop; k++) {
    // multiply the integer index so 0.1 * 3 is printed as 0.3, not 0.30000000000000004
    out.push(Number((k * step).toPrecision(12)));
  }
  return out;
}

/**
 * Tick values for a log axis over [lo, hi] (both > 0): powers of ten when the
 * range spans two decades or more (every other power beyond eight decades),
 * else 1–2–5 or 1…9 multiples so at least two ticks fall inside.
 *
 * @param lo Lower end (> 0).
 * @param hi Upper end (>= lo).
 * @returns Ticks inside [lo, hi], ascending.
 *
 * @example Decades or finer steps
 * ```ts
 * import { logTicks } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(logTicks(0.009, 1.5), [0.01, 0.1, 1]);
 * assert.deepEqual(logTicks(0.3, 1), [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
 * ```
 */
export function logTicks(lo: number, hi: number): number[] {
  const k0 = Math.floor(Math.log10(lo)), k1 = Math.ceil(Math.log10(hi));
  const within = (mults: number[], every = 1) => {
    const out: number[] = [];
    for (let k = k0; k <= k1; k++) {
      if ((k - k0) % every !== 0) continue;
      for (const m of mults) {
        const v = Number((m * Math.pow(10, k)).toPrecision(12));
        if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
      }
    }
    return out;
  };
  if (hi / lo >= 100) return within([1], Math.max(1, Math.ceil((k1 - k0) / 8)));
  const coarse = within([1, 2, 5]);
  return coarse.length >= 3 ? coarse : within([1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/**
 * Smallest and largest of some numbers, without spreading them onto the call
 * stack (so it works for millions of values).
 *
 * @param values Numbers.
 * @returns `[min, max]`; `[Infinity, -Infinity]` when empty.
 *
 * @example Min and max of a typed array
 * ```ts
 * import { extent } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(extent(new Float64Array([3, -1, 2])), [-1, 3]);
 * ```
 */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Escape text for HTML.
 *
 * @param s Any string.
 * @returns Escaped text.
 *
 * @example A script tag is escaped
 * ```ts
 * import { escapeHtml } from "./format.ts";
 * import assert from "node:assert/strict";
 * assert.equal(escapeHtml("<script>"), "&lt;script&gt;");
 * ```
 */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) =>
      c === "&"
        ? "&amp;"
        : c === "<"
        ? "&lt;"
        : c === ">"
        ? "&gt;"
        : c === '"'
        ? "&quot;"
        : "&#39;",
  );
}
