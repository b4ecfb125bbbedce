/**
 * Procrustes k-means (netrep's `procrustes_kmeans`; Williams, Kunz, Kornblith
 * & Linderman, NeurIPS 2021): cluster networks recorded on the same stimuli
 * around K barycenters in the shape space of the linear metric.
 *
 * Each network is centred, zero-padded to the widest network and partially
 * whitened at α (`prepareLinearMetric`: Φ_i = X_c Z_i; α = 1 keeps X_c), so
 * the squared distance between networks is the squared euclidean linear
 * metric, d²(i, j) = min_Q ‖Φ_i Q − Φ_j‖² over orthogonal Q (the same value as
 * `pairwise --width common --score euclidean --alpha α`). The cost is the
 * within-cluster sum of squared distances to each cluster's barycenter B_k,
 *
 *   inertia = Σ_i min_Q ‖Φ_i Q − B_{label(i)}‖²,
 *
 * minimised by Lloyd iterations: assign each network to its nearest
 * barycenter, then recompute each cluster's barycenter with {@link barycenter}
 * warm-started from the previous one. Both steps never increase the inertia
 * (the barycenter iteration is itself a descent on the cluster's sum), so the
 * recorded inertia is non-increasing. Seeding is k-means++ (Arthur &
 * Vassilvitskii 2007) on the pairwise squared distances; several restarts keep
 * the lowest final inertia. A cluster left empty takes the network farthest
 * from its barycenter (among clusters with two or more members). Labels are
 * renumbered by first appearance (network 0 is in cluster 0), so they do not
 * depend on the seeding order. netrep scores with the angular distance; here
 * the euclidean one, which the barycenter minimises, keeps the descent exact.
 *
 * @module
 */

import type { Matrix, MatrixLike } from "../linalg/matrix.ts";
import { getBackend } from "../linalg/backend.ts";
import { tagResult } from "../result.ts";
import { mulberry32 } from "../random.ts";
import { alignFromCross } from "../metrics/align.ts";
import { checkAlpha, scaleOrRefuse } from "../metrics/inputs.ts";
import { prepareLinearMetric } from "../metrics/whiten.ts";
import { assertInteger } from "../validate/mod.ts";
import { barycenter, prepareShapes } from "./barycenter.ts";
import { checkOptions } from "../validate/options.ts";
import { KMEANS_OPTIONS } from "./option_kinds.ts";

/** Options for {@link procrustesKMeans}. */
export interface ProcrustesKMeansOptions {
  /** α ∈ [0, 1] of the linear metric: 1 Procrustes, 0 CCA (whitened networks). @default 1 */
  alpha?: number;
  /** Centre each network's columns. @default true */
  center?: boolean;
  /** Seed of the k-means++ seeding (all restarts draw from one stream). @default 0 */
  seed?: number;
  /** Restarts from independent seedings; the lowest final inertia is kept. @default 10 */
  restarts?: number;
  /** Most Lloyd iterations per restart. @default 100 */
  maxIter?: number;
  /** Most barycenter iterations per cluster and Lloyd iteration (warm-started). @default 100 */
  barycenterIter?: number;
  /**
   * Converged when the labels stop changing and the inertia falls by less than
   * `tol` times its value (also the barycenters' tolerance). @default 1e-10
   */
  tol?: number;
  /** Network names carried into the result (e.g. file names). @default ["0", "1", …] */
  labels?: readonly string[];
}

/** Result of {@link procrustesKMeans}. */
export interface ProcrustesKMeans {
  /** Cluster of each network, 0…k−1, numbered by first appearance. */
  labels: number[];
  /** Barycenter of each cluster [nStimuli, width] (centred, padded, whitened at α). */
  barycenters: Matrix[];
  /** Within-cluster sum of squared distances to the barycenters. */
  inertia: number;
  /** Inertia after the seeding and after each Lloyd iteration of the kept restart. */
  inertiaHistory: number[];
  /** Lloyd iterations of the kept restart. */
  iterations: number;
  /** Whether the kept restart converged within `maxIter`. */
  converged: boolean;
  /** Final inertia of every restart. */
  restartInertia: number[];
  /** Index of the kept restart. */
  bestRestart: number;
  /** Networks in each cluster. */
  sizes: number[];
  /** Distance of each network to each barycenter [nNetworks, k] (not squared). */
  distances: Matrix;
  /** Distances between the networks [nNetworks, nNetworks] (used for the seeding). */
  networkDistances: Matrix;
  /** Network names. */
  names: string[];
  /** Number of clusters. */
  k: number;
  /** α used. */
  alpha: number;
  /** Seed used. */
  seed: number;
  /** Common padded width. */
  width: number;
}

/** Squared Procrustes distance min_Q ‖A Q − B‖², formed explicitly (accurate near 0). */
function sqDistance(A: Matrix, B: Matrix): number {
  const backend = getBackend();
  const Q = alignFromCross(backend.gemm(A, B, true, false), "orth");
  const AQ = backend.gemm(A, Q, false, false);
  let s = 0;
  for (let k = 0; k < AQ.data.length; k++) s += (AQ.data[k]! - B.data[k]!) ** 2;
  return s;
}

interface Run {
  labels: number[];
  centroids: Matrix[];
  history: number[];
  iterations: number;
  converged: boolean;
  d2: number[][];
}

function assign(phis: Matrix[], centroids: Matrix[], current?: readonly number[]) {
  const d2 = phis.map((P) => centroids.map((B) => sqDistance(P, B)));
  const labels = d2.map((row, i) => {
    let best = 0;
    for (let k = 1; k < row.length; k++) if (row[k]! < row[best]!) best = k;
    // a network stays in its cluster unless another is better beyond rounding (relative to the
    // network's squared norm): ties between equal barycenters must not flip on the last bits
    const cur = current?.[i];
    if (cur !== undefined && cur !== best) {
      let norm2 = 0;
      for (const v of phis[i]!.data) norm2 += v * v;
      if (row[cur]! - row[best]! <= 1e-12 * Math.max(norm2, row[best]!)) best = cur;
    }
    return best;
  });
  return { d2, labels };
}

/** Give each empty cluster the network farthest from its barycenter (from a cluster of ≥ 2). */
function fillEmpty(phis: Matrix[], centroids: Matrix[], labels: number[], d2: number[][]) {
  const k = centroids.length;
  for (let c = 0; c < k; c++) {
    const sizes = new Array(k).fill(0);
    for (const l of labels) sizes[l]++;
    if (sizes[c] > 0) continue;
    let far = -1;
    for (let i = 0; i < labels.length; i++) {
      if (sizes[labels[i]!] < 2) continue;
      if (far < 0 || d2[i]![labels[i]!]! > d2[far]![labels[far]!]!) far = i;
    }
    if (far < 0) return; // fewer networks than clusters cannot happen (k ≤ K)
    centroids[c] = { ...phis[far]!, data: phis[far]!.data.slice() };
    labels[far] = c;
    d2[far] = centroids.map((B) => sqDistance(phis[far]!, B));
  }
}

const inertiaOf = (labels: number[], d2: number[][]) =>
  labels.reduce((s, l, i) => s + d2[i]![l]!, 0);

function seedPlusPlus(D2: number[][], k: number, rand: () => number): number[] {
  const K = D2.length;
  const chosen = [Math.floor(rand() * K)];
  const closest = D2[chosen[0]!]!.slice();
  while (chosen.length < k) {
    const total = closest.reduce((a, b) => a + b, 0);
    let next = -1;
    if (total > 0) {
      const r = rand() * total;
      let acc = 0;
      for (let i = 0; i < K; i++) {
        if (closest[i]! <= 0) continue;
        acc += closest[i]!;
        next = i;
        if (acc > r) break;
      }
    } else {
      next = Array.from({ length: K }, (_, i) => i).find((i) => !chosen.includes(i))!;
    }
    chosen.push(next);
    for (let i = 0; i < K; i++) closest[i] = Math.min(closest[i]!, D2[next]![i]!);
  }
  return chosen;
}

function lloyd(
  phis: Matrix[],
  seeds: number[],
  maxIter: number,
  barycenterIter: number,
  tol: number,
): Run {
  const centroids: Matrix[] = seeds.map((i) => ({ ...phis[i]!, data: phis[i]!.data.slice() }));
  let { d2, labels } = assign(phis, centroids);
  fillEmpty(phis, centroids, labels, d2);
  const history = [inertiaOf(labels, d2)];
  let iterations = 0, converged = false;
  while (iterations < maxIter) {
    iterations++;
    for (let c = 0; c < centroids.length; c++) {
      const members = phis.filter((_, i) => labels[i] === c);
      centroids[c] = barycenter(members, {
        center: false,
        init: centroids[c]!,
        maxIter: barycenterIter,
        tol,
      }).mean;
    }
    const next = assign(phis, centroids, labels);
    fillEmpty(phis, centroids, next.labels, next.d2);
    const same = next.labels.every((l, i) => l === labels[i]);
    const prev = history.at(-1)!, now = inertiaOf(next.labels, next.d2);
    ({ d2, labels } = next);
    history.push(now);
    if (same && prev - now <= tol * prev) {
      converged = true;
      break;
    }
  }
  return { labels, centroids, history, iterations, converged, d2 };
}

/**
 * Cluster networks around k Procrustes barycenters (see the module text).
 *
 * @param networks Responses [nStimuli, nUnits_i] to the same stimuli (widths may differ).
 * @param k Number of clusters, 1 ≤ k ≤ number of networks.
 * @param opts {@link ProcrustesKMeansOptions}.
 * @returns Labels, barycenters, inertia and the convergence record, tagged `procrustesKMeans`.
 *
 * @example Two rotated copies of each of two shapes form two clusters
 * ```ts
 * import { procrustesKMeans } from "./kmeans.ts";
 * import assert from "node:assert/strict";
 * const A = [[1, 0], [-1, 0], [0, 2], [0, -2]], B = [[2, 1], [0, -1], [-1, 1], [-1, -1]];
 * const rot = (X: number[][]) => X.map(([x, y]) => [y, -x]);
 * const r = procrustesKMeans([A, B, rot(A), rot(B)], 2, { seed: 1 });
 * assert.deepEqual(r.labels, [0, 1, 0, 1]);
 * assert.ok(r.inertia < 1e-20);
 * ```
 */
export function procrustesKMeans(
  networks: readonly MatrixLike[],
  k: number,
  opts: ProcrustesKMeansOptions = {},
): Readonly<ProcrustesKMeans & { kind: string }> {
  const context = "Cannot run Procrustes k-means";
  checkOptions(opts, KMEANS_OPTIONS, context);
  const {
    alpha = 1,
    center = true,
    seed = 0,
    restarts = 10,
    maxIter = 100,
    barycenterIter = 100,
    tol = 1e-10,
  } = opts;
  checkAlpha(alpha, context);
  assertInteger(restarts, "restarts", 1, Infinity, context);
  assertInteger(maxIter, "maxIter", 1, Infinity, context);
  assertInteger(barycenterIter, "barycenterIter", 1, Infinity, context);
  if (!Number.isFinite(seed)) {
    throw new RangeError(`${context}: \`seed\` must be finite: got ${seed}`);
  }
  if (!(tol >= 0)) throw new RangeError(`${context}: \`tol\` must be >= 0: got ${tol}`);
  const padded = prepareShapes(networks, false, context);
  // squared distances are not invariant to scaling one network: refuse what would overflow
  padded.forEach((X, i) => scaleOrRefuse(X, false, `networks[${i}]`, context));
  const K = padded.length, width = padded[0]!.cols;
  assertInteger(k, "k", 1, K, context);
  const names = opts.labels ? [...opts.labels] : padded.map((_, i) => String(i));
  if (names.length !== K) {
    throw new RangeError(
      `${context}: \`labels\` must name every network (${K}): got ${names.length}`,
    );
  }
  const phis = padded.map((X) => prepareLinearMetric(X, alpha, center, width).phi);
  const D2 = phis.map(() => new Array<number>(K).fill(0));
  for (let i = 0; i < K; i++) {
    for (let j = i + 1; j < K; j++) D2[i]![j] = D2[j]![i] = sqDistance(phis[i]!, phis[j]!);
  }
  const rand = mulberry32(seed);
  let best: Run | null = null, bestRestart = 0;
  const restartInertia: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(phis, seedPlusPlus(D2, k, rand), maxIter, barycenterIter, tol);
    restartInertia.push(run.history.at(-1)!);
    if (best === null || run.history.at(-1)! < best.history.at(-1)!) {
      best = run;
      bestRestart = r;
    }
  }
  // renumber clusters by first appearance
  const order: number[] = [];
  for (const l of best!.labels) if (!order.includes(l)) order.push(l);
  const rename = new Map(order.map((l, i) => [l, i]));
  const labels = best!.labels.map((l) => rename.get(l)!);
  const barycenters = order.map((l) => best!.centroids[l]!);
  const sizes = order.map((l) => best!.labels.filter((x) => x === l).length);
  const dist = new Float64Array(K * k);
  for (let i = 0; i < K; i++) {
    order.forEach((l, c) => (dist[i * k + c] = Math.sqrt(best!.d2[i]![l]!)));
  }
  return tagResult("procrustesKMeans", {
    labels,
    barycenters,
    inertia: best!.history.at(-1)!,
    inertiaHistory: best!.history,
    iterations: best!.iterations,
    converged: best!.converged,
    restartInertia,
    bestRestart,
    sizes,
    distances: { rows: K, cols: k, data: dist },
    networkDistances: {
      rows: K,
      cols: K,
      data: Float64Array.from(D2.flat(), (v) => Math.sqrt(v)),
    },
    names,
    k,
    alpha,
    seed,
    width,
  });
}
