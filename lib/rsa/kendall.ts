/**
 * Kendall's rank correlation for RDM vectors, with integer multiplicities so that a
 * bootstrap resample is counted without expanding it.
 *
 * @module
 */

import { assertFiniteArray } from "../validate/mod.ts";

/**
 * Kendall's tau (b or a) with multiplicities, in O(m log m) (Knight 1966): sort by
 * (a, b), count the weighted pairs tied in a, in b and in both from run lengths, and
 * the discordant pairs as weighted inversions of b in a merge sort. Copies of one
 * entry are tied in both vectors.
 *
 * @param a First vector.
 * @param b Second vector.
 * @param w Multiplicity of each entry (0 drops it); all 1 when omitted.
 * @param tauB Tau-b (tie-corrected) when true, else tau-a.
 * @returns (C − D)/√((n0 − n1)(n0 − n2)) for tau-b, (C − D)/n0 for tau-a.
 * @throws {TypeError} When `a`, `b` (and `w`) differ in length.
 * @throws {RangeError} When `a` or `b` holds NaN or ±Infinity (naming the first such index).
 *
 * @example A tie lowers tau-a but tau-b corrects for it
 * ```ts
 * import { kendallTau } from "./kendall.ts";
 * import assert from "node:assert/strict";
 * assert.equal(kendallTau([1, 2, 2], [1, 2, 3], undefined, false), 2 / 3);
 * assert.ok(Math.abs(kendallTau([1, 2, 2], [1, 2, 3], undefined, true) - 2 / Math.sqrt(6)) < 1e-15);
 * assert.throws(() => kendallTau([1, NaN, 3], [1, 2, 3], undefined, true), {
 *   name: "RangeError",
 *   message: "Cannot compute Kendall's tau: `a` must be finite: got NaN at index 1",
 * });
 * ```
 */
export function kendallTau(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  w: ArrayLike<number> | undefined,
  tauB: boolean,
): number {
  const ctx = "Cannot compute Kendall's tau";
  if (b.length !== a.length || (w && w.length !== a.length)) {
    throw new TypeError(
      `${ctx}: \`a\`, \`b\`${
        w ? " and `w`" : ""
      } must have the same length: got ${a.length}, ${b.length}${w ? `, ${w.length}` : ""}`,
    );
  }
  // NaN equals nothing, so a run of ties could never close on it
  assertFiniteArray(a, "a", ctx);
  assertFiniteArray(b, "b", ctx);
  const idx: number[] = [];
  for (let e = 0; e < a.length; e++) if (!w || w[e]! > 0) idx.push(e);
  const wt = (e: number) => (w ? w[e]! : 1);
  idx.sort((e, f) => a[e]! - a[f]! || b[e]! - b[f]!);
  const pairs = (W: number) => W * (W - 1) / 2;
  let total = 0, tiedA = 0, tiedAB = 0;
  for (let k = 0; k < idx.length;) {
    let end = k, Wa = 0;
    do {
      // runs tied in both a and b inside the run tied in a (each holds idx[end], so end advances)
      let e2 = end + 1, Wab = wt(idx[end]!);
      while (e2 < idx.length && a[idx[e2]!] === a[idx[k]!] && b[idx[e2]!] === b[idx[end]!]) {
        Wab += wt(idx[e2]!);
        e2++;
      }
      tiedAB += pairs(Wab);
      Wa += Wab;
      end = e2;
    } while (end < idx.length && a[idx[end]!] === a[idx[k]!]);
    tiedA += pairs(Wa);
    total += Wa;
    k = end;
  }
  // weighted inversions of b (pairs in a-order with b strictly decreasing)
  let order = Uint32Array.from(idx), buf = new Uint32Array(idx.length);
  let discordant = 0;
  for (let width = 1; width < order.length; width *= 2) {
    for (let lo = 0; lo < order.length; lo += 2 * width) {
      const mid = Math.min(lo + width, order.length), hi = Math.min(lo + 2 * width, order.length);
      let leftWeight = 0;
      for (let t = lo; t < mid; t++) leftWeight += wt(order[t]!);
      let i = lo, j = mid, o = lo;
      while (i < mid && j < hi) {
        if (b[order[j]!]! < b[order[i]!]!) {
          discordant += wt(order[j]!) * leftWeight;
          buf[o++] = order[j++]!;
        } else {
          leftWeight -= wt(order[i]!);
          buf[o++] = order[i++]!;
        }
      }
      while (i < mid) buf[o++] = order[i++]!;
      while (j < hi) buf[o++] = order[j++]!;
    }
    [order, buf] = [buf, order];
  }
  let tiedB = 0;
  for (let k = 0; k < order.length;) {
    let end = k + 1, Wb = wt(order[k]!);
    while (end < order.length && b[order[end]!] === b[order[k]!]) Wb += wt(order[end++]!);
    tiedB += pairs(Wb);
    k = end;
  }
  const n0 = pairs(total);
  const concordant = n0 - tiedA - tiedB + tiedAB - discordant;
  const s = concordant - discordant;
  return tauB ? s / Math.sqrt((n0 - tiedA) * (n0 - tiedB)) : s / n0;
}
