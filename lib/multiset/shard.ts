/**
 * Deterministic pair lists, shards and their merge, for splitting a large
 * pairwise computation over cluster jobs.
 *
 * Pairs are listed in row-major order — (0,1), (0,2), …, (1,2), … for a
 * pairwise matrix, (0,0), (0,1), … for a cross matrix — and shard k of n
 * (0-based) takes the contiguous range [⌊kP/n⌋, ⌊(k+1)P/n⌋) of the P pairs.
 * A shard is plain JSON (numbers round-trip exactly), carries a fingerprint of
 * the inputs and options, and {@link mergeShards} refuses parts that do not
 * belong together or do not cover every pair exactly once. Merged shards equal
 * the single-process matrix bit for bit (each pair is computed the same way
 * wherever it runs, with single-threaded BLAS).
 *
 * Running on a cluster (one shard per task, then one merge), SLURM job array:
 *
 * ```sh
 * #!/bin/bash
 * #SBATCH --array=0-63
 * #SBATCH --cpus-per-task=8
 * deno task cli pairwise nets/*.npy --alpha 0.5 --workers $SLURM_CPUS_PER_TASK \
 *   --shard $SLURM_ARRAY_TASK_ID/64 --out parts/$SLURM_ARRAY_TASK_ID.json
 * # afterwards (e.g. sbatch --dependency=afterok:<array job id>):
 * deno task cli pairwise-merge parts/*.json --out D.npy
 * ```
 *
 * Kubernetes Indexed Job (each pod gets `JOB_COMPLETION_INDEX` = 0…63; the
 * inputs and `parts/` on a shared volume):
 *
 * ```yaml
 * apiVersion: batch/v1
 * kind: Job
 * metadata: { name: pairwise }
 * spec:
 *   completions: 64
 *   parallelism: 16
 *   completionMode: Indexed
 *   template:
 *     spec:
 *       restartPolicy: Never
 *       containers:
 *         - name: shard
 *           image: your/neurocompare-image
 *           command: ["sh", "-c"]
 *           args:
 *             - deno task cli pairwise /data/nets/*.npy --alpha 0.5
 *               --shard $JOB_COMPLETION_INDEX/64 --out /data/parts/$JOB_COMPLETION_INDEX.json
 *           volumeMounts: [{ name: data, mountPath: /data }]
 *       volumes: [{ name: data, persistentVolumeClaim: { claimName: nets } }]
 * ```
 *
 * then `deno task cli pairwise-merge /data/parts/*.json --out /data/D.npy`. A
 * failed task can simply be rerun: shards are deterministic.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import type { PairSpec } from "./cache.ts";

/** A shard selector: `index` in [0, count). */
export interface ShardSpec {
  /** Which shard, 0-based. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** How pairs are padded: each pair to its wider network, or all networks to the widest. */
export type WidthMode = "pair" | "common";

/** The options a shard was computed with (everything that changes the numbers). */
export interface ShardOptions extends PairSpec {
  /** Padding mode. */
  width: WidthMode;
}

/** A partial pairwise (or cross) result: plain JSON. */
export interface DistanceShard {
  /** Format tag of shard files. */
  format: "neurocompare.distance-shard";
  /** Format version. */
  version: 1;
  /** `pairwise` (K×K symmetric) or `cross` (KA×KB). */
  mode: "pairwise" | "cross";
  /** [K] or [KA, KB]. */
  sizes: number[];
  /** Which shard this is. */
  shard: ShardSpec;
  /** Hash of the inputs (shapes and values) and options. */
  fingerprint: string;
  /** Options the shard was computed with. */
  options: ShardOptions;
  /** Row labels, and column labels for cross matrices. */
  labels: string[];
  /** Column labels (cross matrices only). */
  columnLabels?: string[];
  /** Whether held-out rows were given (entries then hold a test distance). */
  hasTest: boolean;
  /** [i, j, train] or [i, j, train, test] per pair of the shard. */
  entries: number[][];
}

/**
 * Number of pairs: K(K−1)/2 for pairwise, KA·KB for cross.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @returns The number of pairs.
 *
 * @example Pairwise and cross counts
 * ```ts
 * import { pairCount } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.equal(pairCount("pairwise", [50]), 1225);
 * assert.equal(pairCount("cross", [3, 4]), 12);
 * ```
 */
export function pairCount(mode: "pairwise" | "cross", sizes: readonly number[]): number {
  return mode === "pairwise" ? (sizes[0]! * (sizes[0]! - 1)) / 2 : sizes[0]! * sizes[1]!;
}

/**
 * The pairs [start, end) of the row-major list, as a flat [i0, j0, i1, j1, …] array.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param start First pair index.
 * @param end One past the last pair index.
 * @returns Flat pair indices.
 *
 * @example Pairs 2 to 4 of a 4-network matrix
 * ```ts
 * import { pairsInRange } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(pairsInRange("pairwise", [4], 2, 5)), [0, 3, 1, 2, 1, 3]);
 * ```
 */
export function pairsInRange(
  mode: "pairwise" | "cross",
  sizes: readonly number[],
  start: number,
  end: number,
): Int32Array {
  const out = new Int32Array(2 * Math.max(0, end - start));
  let k = 0, t = 0;
  if (mode === "cross") {
    const kb = sizes[1]!;
    for (let p = start; p < end; p++) {
      out[t++] = Math.floor(p / kb);
      out[t++] = p % kb;
    }
    return out;
  }
  const K = sizes[0]!;
  for (let i = 0; i < K && k < end; i++) {
    const rowLen = K - 1 - i;
    if (k + rowLen <= start) {
      k += rowLen;
      continue;
    }
    for (let j = i + 1; j < K; j++, k++) {
      if (k >= start && k < end) {
        out[t++] = i;
        out[t++] = j;
      }
    }
  }
  return out;
}

/**
 * The pair range [start, end) of shard `index` of `count`.
 *
 * @param total Number of pairs.
 * @param shard The shard.
 * @returns `[start, end)`.
 *
 * @example Ten pairs over three shards
 * ```ts
 * import { shardRange } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([0, 1, 2].map((k) => shardRange(10, { index: k, count: 3 })), [[0, 3], [3, 6], [6, 10]]);
 * ```
 */
export function shardRange(total: number, shard: ShardSpec): [number, number] {
  return [
    Math.floor((shard.index * total) / shard.count),
    Math.floor(((shard.index + 1) * total) / shard.count),
  ];
}

/**
 * Check a shard selector, or parse one from text `k/n` (k in 0…n−1).
 *
 * @param text `k/n` or `{index, count}`.
 * @returns The checked shard.
 *
 * @example Text form k/n
 * ```ts
 * import { parseShard } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseShard("2/8"), { index: 2, count: 8 });
 * assert.throws(() => parseShard("8/8"), /`shard` index must be in \[0, 7\]: got 8\/8/);
 * ```
 */
export function parseShard(text: string | ShardSpec): ShardSpec {
  const context = "Invalid shard";
  let index: number, count: number;
  if (typeof text === "string") {
    const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
    if (!m) throw new RangeError(`${context}: \`shard\` must look like k/n: got ${text}`);
    index = Number(m[1]);
    count = Number(m[2]);
  } else {
    ({ index, count } = text);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`${context}: \`shard\` count must be a positive integer: got ${count}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(
      `${context}: \`shard\` index must be in [0, ${count - 1}]: got ${index}/${count}`,
    );
  }
  return { index, count };
}

/** Two independent 32-bit multiplicative hashes over the words of the data. */
function hashWords(h: [number, number], words: Uint32Array): void {
  let [a, b] = h;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    a = Math.imul(a ^ w, 0x01000193) >>> 0;
    b = Math.imul(b + w + (b << 6) + (b >>> 2), 0x5bd1e995) >>> 0;
  }
  h[0] = a;
  h[1] = b;
}

/**
 * A 64-bit hex fingerprint of matrices (shapes and exact values) and a JSON-able tag.
 *
 * @param matrices Matrices (null entries allowed).
 * @param tag Anything JSON-able (options).
 * @returns 16 hex digits.
 *
 * @example Equal inputs, equal fingerprints
 * ```ts
 * import { fingerprint } from "./shard.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const a = fingerprint([fromRows([[1, 2]])], { alpha: 1 });
 * assert.equal(a, fingerprint([fromRows([[1, 2]])], { alpha: 1 }));
 * assert.notEqual(a, fingerprint([fromRows([[1, 2.0000001]])], { alpha: 1 }));
 * ```
 */
export function fingerprint(matrices: readonly (Matrix | null)[], tag: unknown): string {
  const h: [number, number] = [0x811c9dc5, 0x2545f491];
  const text = new TextEncoder().encode(JSON.stringify(tag));
  const padded = new Uint8Array(Math.ceil(text.length / 4) * 4);
  padded.set(text);
  hashWords(h, new Uint32Array(padded.buffer));
  for (const M of matrices) {
    if (M === null) {
      hashWords(h, new Uint32Array([0xffffffff]));
      continue;
    }
    hashWords(h, new Uint32Array([M.rows, M.cols]));
    const d = M.data;
    hashWords(h, new Uint32Array(d.buffer, d.byteOffset, d.length * 2));
  }
  return h[0].toString(16).padStart(8, "0") + h[1].toString(16).padStart(8, "0");
}

/**
 * Fill K×K (symmetric, zero diagonal) or KA×KB matrices from shard entries.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param entries [i, j, train(, test)] rows.
 * @param hasTest Fill the held-out matrix too.
 * @returns The training matrix and the held-out one (or null).
 *
 * @example A 2×2 matrix from one entry
 * ```ts
 * import { assembleEntries } from "./shard.ts";
 * import assert from "node:assert/strict";
 * const { train } = assembleEntries("pairwise", [2], [[0, 1, 0.5]], false);
 * assert.deepEqual(Array.from(train.data), [0, 0.5, 0.5, 0]);
 * ```
 */
export function assembleEntries(
  mode: "pairwise" | "cross",
  sizes: readonly number[],
  entries: readonly (readonly number[])[],
  hasTest: boolean,
): { train: Matrix; test: Matrix | null } {
  const rows = sizes[0]!, cols = mode === "pairwise" ? sizes[0]! : sizes[1]!;
  const train = new Float64Array(rows * cols);
  const test = hasTest ? new Float64Array(rows * cols) : null;
  for (const [i, j, d, t] of entries) {
    train[i! * cols + j!] = d!;
    if (mode === "pairwise") train[j! * cols + i!] = d!;
    if (test) {
      test[i! * cols + j!] = t!;
      if (mode === "pairwise") test[j! * cols + i!] = t!;
    }
  }
  return {
    train: { rows, cols, data: train },
    test: test ? { rows, cols, data: test } : null,
  };
}

/**
 * Check that shards belong together and cover every pair once; returns all entries.
 *
 * @param parts Shards from the same inputs and options, one per index.
 * @returns The first shard (as the template) and every entry.
 *
 * @example No shards
 * ```ts
 * import { checkShards } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => checkShards([]), /at least one shard/);
 * ```
 */
export function checkShards(
  parts: readonly DistanceShard[],
): { first: DistanceShard; entries: number[][] } {
  const context = "Cannot merge shards";
  if (parts.length === 0) throw new RangeError(`${context}: need at least one shard: got 0`);
  for (const [k, p] of parts.entries()) {
    if (p?.format !== "neurocompare.distance-shard" || p.version !== 1) {
      throw new TypeError(`${context}: part ${k} is not a distance shard (format ${p?.format})`);
    }
  }
  const first = parts[0]!;
  const seen = new Set<number>();
  for (const [k, p] of parts.entries()) {
    if (p.fingerprint !== first.fingerprint || p.shard.count !== first.shard.count) {
      throw new RangeError(
        `${context}: part ${k} comes from different inputs, options or shard count (fingerprint ${p.fingerprint}, ${p.shard.count} shards) than part 0 (${first.fingerprint}, ${first.shard.count} shards)`,
      );
    }
    if (seen.has(p.shard.index)) {
      throw new RangeError(`${context}: shard ${p.shard.index}/${p.shard.count} is given twice`);
    }
    seen.add(p.shard.index);
  }
  const missing: number[] = [];
  for (let k = 0; k < first.shard.count; k++) if (!seen.has(k)) missing.push(k);
  if (missing.length > 0) {
    throw new RangeError(
      `${context}: missing shard(s) ${missing.join(", ")} of ${first.shard.count}`,
    );
  }
  const entries = parts.flatMap((p) => p.entries);
  const expected = pairCount(first.mode, first.sizes);
  if (entries.length !== expected) {
    throw new RangeError(`${context}: shards hold ${entries.length} pairs, expected ${expected}`);
  }
  return { first, entries };
}
