/**
 * Colour utilities: relative luminance of a CSS colour (to pick black or white
 * text over a coloured cell) and a category → colour assignment.
 *
 * @module
 */

import { CATEGORY_COLORS } from "./legend.ts";

/**
 * The red, green and blue bytes of `#rgb`, `#rrggbb` or `rgb(r, g, b)`.
 *
 * @param color CSS colour in one of those forms.
 * @returns `[r, g, b]` in 0–255, or `undefined` for other forms.
 *
 * @example Hex and rgb() forms
 * ```ts
 * import { rgbOf } from "./color.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(rgbOf("#440154"), [68, 1, 84]);
 * assert.deepEqual(rgbOf("rgb(1, 2, 3)"), [1, 2, 3]);
 * assert.equal(rgbOf("teal"), undefined);
 * ```
 */
export function rgbOf(color: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? hex[1]!.replace(/./g, "$&$&") : hex[1]!;
    return [0, 2, 4].map((k) => parseInt(h.slice(k, k + 2), 16)) as [number, number, number];
  }
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * Relative luminance (0 = black, 1 = white) of `#rgb`, `#rrggbb` or `rgb(r, g, b)`.
 *
 * @param color CSS colour in one of those forms.
 * @returns Luminance in [0, 1] (0.5 for unrecognised input).
 *
 * @example White and black
 * ```ts
 * import { luminance } from "./color.ts";
 * import assert from "node:assert/strict";
 * assert.equal(luminance("#ffffff"), 1);
 * assert.equal(luminance("rgb(0, 0, 0)"), 0);
 * ```
 */
export function luminance(color: string): number {
  const rgb = rgbOf(color);
  if (!rgb) return 0.5;
  const lin = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/**
 * Text colour readable on a background: near-black on light colours, white on dark ones.
 *
 * @param background CSS colour.
 * @returns `"#111"` or `"white"`.
 *
 * @example Dark and light viridis ends
 * ```ts
 * import { textColorOn } from "./color.ts";
 * import assert from "node:assert/strict";
 * assert.equal(textColorOn("#440154"), "white");
 * assert.equal(textColorOn("#fde725"), "#111");
 * ```
 */
export function textColorOn(background: string): string {
  return luminance(background) > 0.22 ? "#111" : "white";
}

/**
 * Distinct categories in first-seen order, with a colour each (cycling the palette).
 *
 * @param groups One category per item.
 * @returns Categories and a lookup from category to colour.
 *
 * @example First-seen order
 * ```ts
 * import { categoryColors } from "./color.ts";
 * import assert from "node:assert/strict";
 * const c = categoryColors(["b", "a", "b"]);
 * assert.deepEqual(c.categories, ["b", "a"]);
 * assert.equal(c.color("b"), "#4269d0");
 * ```
 */
export function categoryColors(
  groups: readonly string[],
): { categories: string[]; color: (g: string) => string } {
  const categories = [...new Set(groups)];
  const index = new Map(categories.map((g, k) => [g, k]));
  return {
    categories,
    color: (g) => CATEGORY_COLORS[(index.get(g) ?? 0) % CATEGORY_COLORS.length]!,
  };
}
