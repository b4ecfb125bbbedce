/**
 * The standard normal distribution function Φ and its inverse, accurate to
 * about 1e-14, for confidence intervals (BCa) and normal-theory intervals.
 *
 * Φ comes from the error function: a Taylor series of erf for |x| < 3, and a
 * continued fraction of erfc beyond (evaluated with the modified Lentz method).
 * Φ⁻¹ starts from a logistic-type guess and refines it with Newton steps on Φ.
 *
 * @module
 */

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

function erfSeries(x: number): number {
  // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
  let term = x, sum = x;
  const x2 = x * x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

function erfcFraction(x: number): number {
  // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), x > 0
  const tiny = 1e-300;
  let f = x, C = x, D = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    D = x + a * D;
    D = Math.abs(D) < tiny ? tiny : D;
    C = x + a / C;
    C = Math.abs(C) < tiny ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/**
 * The standard normal distribution function Φ(x) = P(Z ≤ x).
 *
 * @param x A number (±Infinity give 0 and 1).
 * @returns Φ(x) in [0, 1].
 * @throws {RangeError} For NaN (or a non-number).
 *
 * @example
 * ```ts
 * import { normalCdf } from "./normal.ts";
 * import assert from "node:assert/strict";
 * assert.equal(normalCdf(0), 0.5);
 * assert.ok(Math.abs(normalCdf(1.959963984540054) - 0.975) < 1e-14);
 * assert.ok(Math.abs(normalCdf(-8) - 6.22096057427178e-16) < 1e-27);
 * assert.equal(normalCdf(Infinity), 1);
 * assert.throws(() => normalCdf(NaN), /`x` must be a number: got NaN/);
 * ```
 */
export function normalCdf(x: number): number {
  if (typeof x !== "number" || Number.isNaN(x)) {
    throw new RangeError(`Cannot compute normal distribution: \`x\` must be a number: got ${x}`);
  }
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const z = x / SQRT2;
  if (Math.abs(z) < 3) return 0.5 * (1 + erfSeries(z));
  const tail = 0.5 * erfcFraction(Math.abs(z));
  return z > 0 ? 1 - tail : tail;
}

/**
 * The standard normal quantile Φ⁻¹(p).
 *
 * @param p A probability in [0, 1] (0 and 1 give ∓Infinity).
 * @returns x with Φ(x) = p.
 *
 * @example
 * ```ts
 * import { normalQuantile } from "./normal.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(normalQuantile(0.975) - 1.959963984540054) < 1e-12);
 * assert.equal(normalQuantile(0.5), 0);
 * assert.throws(() => normalQuantile(1.5), /`p` must be in \[0, 1\]: got 1.5/);
 * ```
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`Cannot compute normal quantile: \`p\` must be in [0, 1]: got ${p}`);
  }
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // Work in the lower tail for accuracy, then reflect.
  const q = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  // A rational starting guess (tail form), good to ~5e-3, then Newton on Φ.
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) /
      (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let it = 0; it < 8; it++) {
    const err = normalCdf(x) - q;
    const dens = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    if (dens === 0) break;
    const step = err / dens;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return p < 0.5 ? x : -x;
}
