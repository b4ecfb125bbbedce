/**
 * RDM comparators, as rsatoolbox defines them: `cosine` (no centring), `corr`
 * (Pearson), the rank comparators `spearman`, `kendall` (tau-b), `tau-a`,
 * `rho-a`, the whitened `cosine_cov` / `corr_cov`, and `bures`.
 *
 * Every comparator but the whitened ones and bures also accepts integer
 * multiplicities per entry (entry e counted `weights[e]` times, 0 drops it), so
 * a bootstrap resample is compared from the cached original vectors.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { conditionCount, rdmStack, type RdmStackLike, rdmVector } from "./layout.ts";
import { buresSimilarity } from "./bures.ts";
import { kendallTau } from "./kendall.ts";
import { averageRanks, sortOrder } from "./ranks.ts";
import { dot, doubleCentred } from "./whitening.ts";
import { divideByPowerOfTwo, powerOfTwoScale } from "../linalg/scale.ts";
import { assertFiniteArray, assertKnownOptions } from "../validate/mod.ts";

/** The RDM comparators. */
export type RdmComparator =
  | "cosine"
  | "corr"
  | "spearman"
  | "kendall"
  | "tau-a"
  | "rho-a"
  | "cosine_cov"
  | "corr_cov"
  | "bures";

/** Every comparator name, in the order the CLI lists them. */
export const RDM_COMPARATORS: readonly RdmComparator[] = [
  "cosine",
  "corr",
  "spearman",
  "kendall",
  "tau-a",
  "rho-a",
  "cosine_cov",
  "corr_cov",
  "bures",
];

/** The comparators that work on ranks. */
export const RANK_COMPARATORS: readonly RdmComparator[] = ["spearman", "kendall", "tau-a", "rho-a"];

/**
 * Throw a `RangeError` unless `method` names a comparator.
 *
 * @param method The name to check.
 * @param context Message prefix.
 * @returns The method, typed.
 *
 * @example
 * ```ts
 * import { checkComparator } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkComparator("pearson"), /`method` must be one of cosine, corr/);
 * ```
 */
export function checkComparator(method: string, context = "Cannot compare RDMs"): RdmComparator {
  if (!(RDM_COMPARATORS as readonly string[]).includes(method)) {
    throw new RangeError(
      `${context}: \`method\` must be one of ${RDM_COMPARATORS.join(", ")}: got ${
        JSON.stringify(method)
      }`,
    );
  }
  return method as RdmComparator;
}

/**
 * An RDM vector of extreme scale (largest entry outside [2^-500, 2^500]) divided
 * by a power of two so that its squares neither overflow nor underflow; any other
 * vector is returned as is (the same object). Every comparator is invariant to
 * scaling one RDM by a positive number, so comparisons do not change.
 *
 * @param v RDM vector.
 * @returns `v`, or `v / 2^k` as a new vector.
 *
 * @example
 * ```ts
 * import { rescaledRdm } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const v = new Float64Array([1, 2, 3]);
 * assert.equal(rescaledRdm(v), v);
 * assert.deepEqual(Array.from(rescaledRdm(new Float64Array([2 ** 600, 2 ** 601]))), [0.5, 1]);
 * ```
 */
export function rescaledRdm(v: Float64Array): Float64Array {
  const k = powerOfTwoScale(v);
  return k === 0 ? v : divideByPowerOfTwo(v, k);
}

/**
 * A stack of RDM vectors with each one of extreme scale divided by a power of two
 * ({@link rescaledRdm}); every comparison between two RDMs is unchanged.
 *
 * @param stack RDM vectors (see `rdmStack`).
 * @returns The stack, with the same `n` and rescaled vectors.
 *
 * @example
 * ```ts
 * import { rescaledStack } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const s = rescaledStack({ n: 3, vectors: [new Float64Array([2 ** 600, 2 ** 601, 2 ** 600])] });
 * assert.deepEqual(Array.from(s.vectors[0]!), [0.5, 1, 0.5]);
 * ```
 */
export function rescaledStack<S extends { vectors: Float64Array[] }>(stack: S): S {
  return { ...stack, vectors: stack.vectors.map(rescaledRdm) };
}

/** An RDM vector with the state a comparator needs cached (sort order, G). */
export interface PreparedRdm {
  /** Number of conditions. */
  n: number;
  /** The RDM vector. */
  v: Float64Array;
  /** Ascending sort order (rank comparators). */
  order?: Uint32Array;
  /** −½·H D H (whitened comparators and bures). */
  G?: Float64Array;
}

/**
 * Cache what `method` needs of one RDM vector.
 *
 * @param v RDM vector.
 * @param n Number of conditions.
 * @param method Comparator.
 * @returns The prepared RDM.
 *
 * @example
 * ```ts
 * import { prepareRdm } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(prepareRdm(new Float64Array([3, 1, 2]), 3, "spearman").order!), [1, 2, 0]);
 * ```
 */
export function prepareRdm(v: Float64Array, n: number, method: RdmComparator): PreparedRdm {
  if ((RANK_COMPARATORS as readonly string[]).includes(method)) {
    return { n, v, order: sortOrder(v) };
  }
  if (method === "cosine_cov" || method === "bures") return { n, v, G: doubleCentred(v, n) };
  if (method === "corr_cov") {
    let mean = 0;
    for (let k = 0; k < v.length; k++) mean += v[k]!;
    mean /= v.length;
    return { n, v, G: doubleCentred(v.map((x) => x - mean), n) };
  }
  return { n, v };
}

function weightedCorr(a: ArrayLike<number>, b: ArrayLike<number>, w?: ArrayLike<number>): number {
  let W = 0, sa = 0, sb = 0;
  for (let e = 0; e < a.length; e++) {
    const we = w ? w[e]! : 1;
    if (we === 0) continue;
    W += we;
    sa += we * a[e]!;
    sb += we * b[e]!;
  }
  const ma = sa / W, mb = sb / W;
  let saa = 0, sbb = 0, sab = 0, qa = 0, qb = 0;
  for (let e = 0; e < a.length; e++) {
    const we = w ? w[e]! : 1;
    if (we === 0) continue;
    const da = a[e]! - ma, db = b[e]! - mb;
    saa += we * da * da;
    sbb += we * db * db;
    sab += we * da * db;
    qa += we * a[e]! * a[e]!;
    qb += we * b[e]! * b[e]!;
  }
  // a constant vector has no correlation: rounding of its mean would leave saa ≈ 1e-32·qa
  if (!(saa > 1e-24 * qa) || !(sbb > 1e-24 * qb)) return NaN;
  return sab / Math.sqrt(saa * sbb);
}

function weightedCosine(a: ArrayLike<number>, b: ArrayLike<number>, w?: ArrayLike<number>): number {
  let saa = 0, sbb = 0, sab = 0;
  for (let e = 0; e < a.length; e++) {
    const we = w ? w[e]! : 1;
    saa += we * a[e]! * a[e]!;
    sbb += we * b[e]! * b[e]!;
    sab += we * a[e]! * b[e]!;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Compare two prepared RDMs. With `weights` (rank, cosine and corr comparators
 * only) entry e counts `weights[e]` times and 0 drops it.
 *
 * @param a First RDM, from {@link prepareRdm}.
 * @param b Second RDM, prepared for the same method.
 * @param method Comparator.
 * @param weights Multiplicity of each entry; all 1 when omitted.
 * @returns The similarity.
 *
 * @example Counting an entry twice equals repeating it
 * ```ts
 * import { comparePrepared, prepareRdm } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const p = (v: number[]) => prepareRdm(new Float64Array(v), v.length === 3 ? 3 : 4, "spearman");
 * const weighted = comparePrepared(p([1, 2, 3]), p([2, 1, 3]), "spearman", [2, 1, 1]);
 * assert.ok(weighted > 0 && weighted < 1);
 * ```
 */
export function comparePrepared(
  a: PreparedRdm,
  b: PreparedRdm,
  method: RdmComparator,
  weights?: ArrayLike<number>,
): number {
  if (weights && (method === "cosine_cov" || method === "corr_cov" || method === "bures")) {
    throw new RangeError(
      `Cannot compare RDMs: \`weights\` are not supported by ${method}: expand the RDMs instead`,
    );
  }
  switch (method) {
    case "cosine":
      return weightedCosine(a.v, b.v, weights);
    case "corr":
      return weightedCorr(a.v, b.v, weights);
    case "spearman":
      return weightedCorr(
        averageRanks(a.v, weights, a.order),
        averageRanks(b.v, weights, b.order),
        weights,
      );
    case "rho-a": {
      const ra = averageRanks(a.v, weights, a.order), rb = averageRanks(b.v, weights, b.order);
      let M = 0;
      for (let e = 0; e < ra.length; e++) M += weights ? weights[e]! : 1;
      const mid = (M + 1) / 2;
      let s = 0;
      for (let e = 0; e < ra.length; e++) {
        const we = weights ? weights[e]! : 1;
        if (we !== 0) s += we * (ra[e]! - mid) * (rb[e]! - mid);
      }
      return 12 * s / (M * M * M - M);
    }
    case "kendall":
      return kendallTau(a.v, b.v, weights, true);
    case "tau-a":
      return kendallTau(a.v, b.v, weights, false);
    case "cosine_cov":
    case "corr_cov": {
      const Ga = a.G ?? prepareRdm(a.v, a.n, method).G!;
      const Gb = b.G ?? prepareRdm(b.v, b.n, method).G!;
      return dot(Ga, Gb) / Math.sqrt(dot(Ga, Ga) * dot(Gb, Gb));
    }
    case "bures":
      return buresSimilarity(a.G ?? doubleCentred(a.v, a.n), b.G ?? doubleCentred(b.v, b.n), a.n);
  }
}

/**
 * Throw a `RangeError` when `method` is undefined for this RDM (its similarity to
 * itself is NaN): an all-zero RDM under cosine, a constant one under the
 * correlations and rank correlations, one with nothing left after centring.
 * `tau-a` and `rho-a` are defined (0) for a constant RDM.
 *
 * @param p The RDM, from {@link prepareRdm}.
 * @param method Comparator.
 * @param name What the message calls the RDM (e.g. `` `B` `` or `subject 2 of \`rdms\``).
 * @param context Message prefix.
 *
 * @example A constant RDM has no correlation
 * ```ts
 * import { assertComparable, prepareRdm } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const flat = prepareRdm(new Float64Array([1, 1, 1]), 3, "corr");
 * assert.throws(() => assertComparable(flat, "corr", "`B`", "Cannot compare RDMs"), {
 *   name: "RangeError",
 *   message: "Cannot compare RDMs: `B` is constant (every dissimilarity is 1): corr is undefined for it (no variance)",
 * });
 * assertComparable(flat, "cosine", "`B`", "Cannot compare RDMs"); // cosine does not centre
 * ```
 */
export function assertComparable(
  p: PreparedRdm,
  method: RdmComparator,
  name: string,
  context: string,
): void {
  if (!Number.isNaN(comparePrepared(p, p, method))) return;
  const v = p.v;
  let constant = true, zero = true;
  for (let e = 0; e < v.length; e++) {
    if (v[e] !== v[0]) constant = false;
    if (v[e] !== 0) zero = false;
  }
  const why = zero
    ? `is all zeros: ${method} is undefined for it`
    : constant
    ? `is constant (every dissimilarity is ${v[0]}): ${method} is undefined for it (no variance)`
    : `has no variance left for ${method} (constant to rounding, or nothing left after centring)`;
  throw new RangeError(`${context}: ${name} ${why}`);
}

/**
 * Compare two checked RDM vectors of one length with every check a public entry
 * point makes: each is rescaled if its scale is extreme ({@link rescaledRdm}) and
 * must be comparable under `method` ({@link assertComparable}), so the result is
 * never NaN. `compareVectors`, `compareRdms` and `rsaSimilarity` all end here.
 *
 * @param a First RDM vector (finite, m = n(n−1)/2 entries).
 * @param b Second RDM vector, same length.
 * @param n Number of conditions.
 * @param method Comparator (already checked).
 * @param names What the messages call `a` and `b`, e.g. `` ["`A`", "`B`"] ``.
 * @param context Message prefix.
 * @returns The similarity.
 *
 * @example A constant RDM is refused, not compared to NaN
 * ```ts
 * import { compareChecked } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const a = new Float64Array([1, 2, 3]), flat = new Float64Array([2, 2, 2]);
 * assert.equal(compareChecked(a, a, 3, "corr", ["`a`", "`b`"], "Cannot compare"), 1);
 * assert.throws(
 *   () => compareChecked(a, flat, 3, "corr", ["`a`", "`b`"], "Cannot compare"),
 *   /Cannot compare: `b` is constant \(every dissimilarity is 2\): corr is undefined/,
 * );
 * ```
 */
export function compareChecked(
  a: Float64Array,
  b: Float64Array,
  n: number,
  method: RdmComparator,
  names: readonly [string, string],
  context: string,
): number {
  const pa = prepareRdm(rescaledRdm(a), n, method), pb = prepareRdm(rescaledRdm(b), n, method);
  assertComparable(pa, method, names[0], context);
  assertComparable(pb, method, names[1], context);
  return comparePrepared(pa, pb, method);
}

/**
 * Compare two RDM vectors (upper triangles, m = n(n−1)/2 entries each, n ≥ 3)
 * of equal length. Checked like {@link compareRdms}: an unknown method, a length
 * that is not n(n−1)/2, a NaN or ±Infinity entry, or an RDM the method is
 * undefined for (constant under the correlations, all zeros under cosine) is
 * an error, never a NaN.
 *
 * @param a First RDM vector.
 * @param b Second RDM vector.
 * @param method Comparator.
 * @returns The similarity.
 *
 * @example Cosine does not centre
 * ```ts
 * import { compareVectors } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(compareVectors([1, 1, 2], [1, 1, 1], "cosine") - 4 / Math.sqrt(18)) < 1e-15);
 * ```
 *
 * @example A constant RDM has no correlation
 * ```ts
 * import { compareVectors } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => compareVectors([1, 1, 1], [1, 2, 3], "corr"), {
 *   name: "RangeError",
 *   message:
 *     "Cannot compare RDM vectors: `a` is constant (every dissimilarity is 1): corr is undefined for it (no variance)",
 * });
 * ```
 */
export function compareVectors(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  method: RdmComparator,
): number {
  const ctx = "Cannot compare RDM vectors";
  checkComparator(method, ctx);
  const va = vectorArgument(a, "a", ctx), vb = vectorArgument(b, "b", ctx);
  if (va.length !== vb.length) {
    throw new TypeError(
      `${ctx}: \`a\` and \`b\` must have the same length: got ${va.length} and ${vb.length}`,
    );
  }
  return compareChecked(va, vb, conditionCount(va.length, ctx), method, ["`a`", "`b`"], ctx);
}

/** A finite RDM vector of n(n−1)/2 entries (n ≥ 3), copied. */
function vectorArgument(v: ArrayLike<number>, name: string, ctx: string): Float64Array {
  if (v === null || typeof v !== "object" || typeof v.length !== "number") {
    throw new TypeError(`${ctx}: \`${name}\` must be an array of numbers: got ${String(v)}`);
  }
  const m = v.length;
  const n = Math.round((1 + Math.sqrt(1 + 8 * m)) / 2);
  if (n * (n - 1) / 2 !== m || n < 3) {
    throw new TypeError(
      `${ctx}: \`${name}\` must be an RDM vector of n(n−1)/2 entries with n ≥ 3 (3, 6, 10, …): got ${m} entries`,
    );
  }
  const out = Float64Array.from(v);
  assertFiniteArray(out, name, ctx);
  return out;
}

/** Options for {@link compareRdms} and {@link compareRdmStacks}. */
export interface CompareRdmsOptions {
  /** Comparator. @default "cosine" */
  method?: RdmComparator;
}

/**
 * Similarity of two square RDMs (upper triangles only).
 *
 * @param A First RDM `[n, n]`.
 * @param B Second RDM `[n, n]`.
 * @param options Comparator.
 * @returns The similarity.
 *
 * @example Spearman is 1 under a monotone transform
 * ```ts
 * import { compareRdms } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const A = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
 * const B = [[0, 1, 4], [1, 0, 9], [4, 9, 0]];
 * assert.equal(compareRdms(A, B, { method: "spearman" }), 1);
 * ```
 */
export function compareRdms(
  A: MatrixLike,
  B: MatrixLike,
  options: CompareRdmsOptions = {},
): number {
  const ctx = "Cannot compare RDMs";
  assertKnownOptions(options, ["method"] satisfies (keyof CompareRdmsOptions)[], ctx);
  const { method = "cosine" } = options;
  checkComparator(method, ctx);
  const a = rdmVector(A, "A", ctx), b = rdmVector(B, "B", ctx);
  if (a.length !== b.length) {
    throw new TypeError(
      `${ctx}: \`A\` and \`B\` must have the same number of conditions: got ${
        Math.round((1 + Math.sqrt(1 + 8 * a.length)) / 2)
      } and ${Math.round((1 + Math.sqrt(1 + 8 * b.length)) / 2)}`,
    );
  }
  return compareChecked(a, b, conditionCount(a.length, ctx), method, ["`A`", "`B`"], ctx);
}

/**
 * All similarities between two stacks of RDMs: entry [i, j] compares A_i with B_j.
 *
 * @param A `[K_A, n, n]` stack.
 * @param B `[K_B, n, n]` stack.
 * @param options Comparator.
 * @returns `[K_A, K_B]` similarities.
 *
 * @example
 * ```ts
 * import { compareRdmStacks } from "./comparators.ts";
 * import assert from "node:assert/strict";
 * const A = [[[0, 1, 2], [1, 0, 3], [2, 3, 0]]];
 * const S = compareRdmStacks(A, [A[0]!, [[0, 3, 2], [3, 0, 1], [2, 1, 0]]], { method: "corr" });
 * assert.deepEqual([S.rows, S.cols, S.data[0], S.data[1]], [1, 2, 1, -1]);
 * ```
 */
export function compareRdmStacks(
  A: RdmStackLike,
  B: RdmStackLike,
  options: CompareRdmsOptions = {},
): Matrix {
  const ctx = "Cannot compare RDMs";
  assertKnownOptions(options, ["method"] satisfies (keyof CompareRdmsOptions)[], ctx);
  const { method = "cosine" } = options;
  checkComparator(method, ctx);
  const a = rdmStack(A, "A", ctx), b = rdmStack(B, "B", ctx);
  if (a.n !== b.n) {
    throw new TypeError(
      `${ctx}: \`A\` and \`B\` must have the same number of conditions: got ${a.n} and ${b.n}`,
    );
  }
  const pa = a.vectors.map((v) => prepareRdm(rescaledRdm(v), a.n, method));
  const pb = b.vectors.map((v) => prepareRdm(rescaledRdm(v), b.n, method));
  pa.forEach((p, i) => assertComparable(p, method, `\`A[${i}]\``, ctx));
  pb.forEach((p, j) => assertComparable(p, method, `\`B[${j}]\``, ctx));
  const data = new Float64Array(pa.length * pb.length);
  for (let i = 0; i < pa.length; i++) {
    for (let j = 0; j < pb.length; j++) {
      data[i * pb.length + j] = comparePrepared(pa[i]!, pb[j]!, method);
    }
  }
  return { rows: pa.length, cols: pb.length, data };
}
