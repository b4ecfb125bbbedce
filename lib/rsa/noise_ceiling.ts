/**
 * Noise ceiling of a set of subject RDMs (rsatoolbox's `boot_noise_ceiling`
 * without resampling): how well the best possible model could do.
 *
 * @module
 */

import { tagResult } from "../result.ts";
import {
  assertComparable,
  checkComparator,
  comparePrepared,
  prepareRdm,
  RANK_COMPARATORS,
  type RdmComparator,
  rescaledStack,
} from "./comparators.ts";
import { rdmStack, type RdmStackLike } from "./layout.ts";
import { averageRanks } from "./ranks.ts";
import { assertFiniteArray, assertKnownOptions } from "../validate/mod.ts";

/**
 * Average RDM vectors after the normalisation a comparator is blind to:
 * cosine/cosine_cov divide each by its RMS; corr/corr_cov z-score each
 * (population sd), average and subtract the minimum; rank comparators average
 * the ranks.
 *
 * @param vectors RDM vectors of one length.
 * @param method Comparator (not bures).
 * @returns The pooled vector.
 * @throws {RangeError} For an unknown method, bures, or a NaN/±Infinity entry.
 * @throws {TypeError} When `vectors` is empty or its vectors differ in length.
 *
 * @example Cosine pooling ignores each vector's scale
 * ```ts
 * import { poolRdms } from "./noise_ceiling.ts";
 * import assert from "node:assert/strict";
 * const pooled = poolRdms([new Float64Array([1, 2, 2]), new Float64Array([10, 20, 20])], "cosine");
 * // each vector becomes [1, 2, 2] / √3 (RMS 1), so their average does too
 * assert.ok(pooled.every((x, e) => Math.abs(x - [1, 2, 2][e]! / Math.sqrt(3)) < 1e-15));
 * ```
 */
export function poolRdms(vectors: readonly Float64Array[], method: RdmComparator): Float64Array {
  const ctx = "Cannot pool RDMs";
  checkComparator(method, ctx);
  if (method === "bures") {
    throw new RangeError(`${ctx}: the noise ceiling is not defined for bures`);
  }
  if (!Array.isArray(vectors as unknown) || vectors.length === 0) {
    throw new TypeError(
      `${ctx}: \`vectors\` must be a non-empty array of RDM vectors: got ${
        Array.isArray(vectors as unknown) ? "an empty array" : String(vectors)
      }`,
    );
  }
  const m = vectors[0]!.length;
  vectors.forEach((v, k) => {
    if (v?.length !== m) {
      throw new TypeError(
        `${ctx}: \`vectors[${k}]\` must have the length of \`vectors[0]\` (${m}): got ${v?.length}`,
      );
    }
    assertFiniteArray(v, `vectors[${k}]`, ctx);
  });
  const out = new Float64Array(m);
  const rank = (RANK_COMPARATORS as readonly string[]).includes(method);
  const corr = method === "corr" || method === "corr_cov";
  for (const v of vectors) {
    let u: ArrayLike<number> = v;
    if (rank) u = averageRanks(v);
    else if (corr) u = zScore(v, `vectors[${vectors.indexOf(v)}]`);
    else {
      let ss = 0;
      for (let e = 0; e < m; e++) ss += v[e]! * v[e]!;
      if (ss === 0) {
        throw new RangeError(
          `${ctx}: \`vectors[${vectors.indexOf(v)}]\` is all zeros: it has no scale to divide by`,
        );
      }
      const inv = 1 / Math.sqrt(ss / m);
      u = v.map((x) => x * inv);
    }
    for (let e = 0; e < m; e++) out[e]! += u[e]!;
  }
  let min = Infinity;
  for (let e = 0; e < m; e++) {
    out[e]! /= vectors.length;
    min = Math.min(min, out[e]!);
  }
  if (corr) { for (let e = 0; e < m; e++) out[e]! -= min; }
  return out;
}

/**
 * Standardise a vector: (v − mean) / sd with the population sd (ddof 0).
 *
 * @param v Values (finite, not constant).
 * @param name What messages call `v`. @default "v"
 * @returns The z-scores.
 * @throws {RangeError} For a NaN/±Infinity entry, or a constant (or empty) `v`.
 *
 * @example
 * ```ts
 * import { zScore } from "./noise_ceiling.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(zScore([1, 3])), [-1, 1]);
 * assert.throws(() => zScore([2, 2]), /`v` is constant \(every value is 2\)/);
 * ```
 */
export function zScore(v: ArrayLike<number>, name = "v"): Float64Array {
  const ctx = "Cannot standardise values";
  const m = v.length;
  assertFiniteArray(v, name, ctx);
  let mu = 0;
  for (let e = 0; e < m; e++) mu += v[e]!;
  mu /= m;
  let ss = 0, sq = 0;
  for (let e = 0; e < m; e++) {
    ss += (v[e]! - mu) ** 2;
    sq += v[e]! * v[e]!;
  }
  // constant up to the rounding of its mean (the threshold the correlation comparators use)
  if (!(ss > 1e-24 * sq)) {
    throw new RangeError(
      `${ctx}: \`${name}\` is constant (${
        m === 0 ? "empty" : `every value is ${v[0]}`
      }): its z-scores are undefined`,
    );
  }
  const sd = Math.sqrt(ss / m);
  const out = new Float64Array(m);
  for (let e = 0; e < m; e++) out[e] = (v[e]! - mu) / sd;
  return out;
}

/** Options for {@link noiseCeiling}. */
export interface NoiseCeilingOptions {
  /** Comparator (any but bures). @default "cosine" */
  method?: RdmComparator;
}

/** The lower and upper noise ceiling. */
export interface NoiseCeiling {
  /** Comparator used. */
  method: RdmComparator;
  /** Mean over subjects of compare(pool(all others), subject). */
  lower: number;
  /** Mean over subjects of compare(pool(all), subject). */
  upper: number;
}

/**
 * Lower and upper noise ceiling of K subject RDMs (K ≥ 2).
 *
 * @param rdms `[K, n, n]` subject RDMs.
 * @param options Comparator.
 * @returns A result of kind `"noiseCeiling"`.
 *
 * @example Identical subjects reach 1
 * ```ts
 * import { noiseCeiling } from "./noise_ceiling.ts";
 * import assert from "node:assert/strict";
 * const D = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
 * const nc = noiseCeiling([D, D, D], { method: "corr" });
 * assert.ok(Math.abs(nc.lower - 1) < 1e-12 && Math.abs(nc.upper - 1) < 1e-12);
 * ```
 */
export function noiseCeiling(
  rdms: RdmStackLike,
  options: NoiseCeilingOptions = {},
): Readonly<NoiseCeiling & { kind: string }> {
  const ctx = "Cannot compute noise ceiling";
  assertKnownOptions(options, ["method"] satisfies (keyof NoiseCeilingOptions)[], ctx);
  const { method = "cosine" } = options;
  checkComparator(method, ctx);
  if (method === "bures") throw new RangeError(`${ctx}: not defined for bures`);
  const { n, vectors } = rescaledStack(rdmStack(rdms, "rdms", ctx));
  const K = vectors.length;
  if (K < 2) throw new RangeError(`${ctx}: need at least 2 subject RDMs: got ${K}`);
  const subjects = vectors.map((v) => prepareRdm(v, n, method));
  subjects.forEach((p, k) => assertComparable(p, method, `subject ${k} of \`rdms\``, ctx));
  const all = prepareRdm(poolRdms(vectors, method), n, method);
  let lower = 0, upper = 0;
  for (let k = 0; k < K; k++) {
    const others = prepareRdm(poolRdms(vectors.filter((_, j) => j !== k), method), n, method);
    lower += comparePrepared(others, subjects[k]!, method);
    upper += comparePrepared(all, subjects[k]!, method);
  }
  return tagResult("noiseCeiling", { method, lower: lower / K, upper: upper / K });
}
