/**
 * The one shard format of every matrix command, and its verified merge.
 *
 * A shard is plain JSON (numbers round-trip exactly): the pairs of one
 * contiguous range of the row-major pair list (`pairs.ts`) with their values,
 * a fingerprint of everything that determines the numbers (input contents,
 * measure, resolved options, labels, matrix mode and sizes, shard count) and a
 * checksum of its own entries. {@link mergeShards} verifies before assembling:
 * format, same fingerprint, every shard index once, each entry inside its
 * shard's range, every pair exactly once, finite values (≥ 0 for distances),
 * untouched entries. Merged shards equal the single-process matrix bit for bit.
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
 * failed task can simply be rerun: shards are deterministic, and written
 * atomically (a crashed task leaves no half-written part).
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { getMeasure } from "../measures/registry.ts";
import type { ResolvedOptions } from "../measures/types.ts";
import { type Mode, pairCount, pairIndex, shardRange, type ShardSpec } from "./pairs.ts";

/**
 * Whether a shard's measure is asymmetric at its options (an unknown measure or
 * options it cannot read count as asymmetric: such a shard is refused).
 */
function isAsymmetric(p: MatrixShard): boolean {
  try {
    const { measure, fixed } = getMeasure(String(p.measure));
    return !measure.properties({ ...fixed, ...p.options } as ResolvedOptions).symmetric;
  } catch {
    return true;
  }
}

/** Format tag of shard files. */
export const SHARD_FORMAT = "neurocompare.distance-shard";
/**
 * Current shard format version. 3: shards say whether they hold both orders of
 * each pair (`ordered`, asymmetric measures). Version 2 shards are read as
 * `ordered: false` (their layout) for symmetric measures and cross matrices;
 * those of asymmetric measures mirrored m(X_i, X_j) into (j, i) and are refused.
 */
export const SHARD_VERSION = 3;

/** A partial matrix: plain JSON. */
export interface MatrixShard {
  /** Format tag. */
  format: typeof SHARD_FORMAT;
  /** Format version. */
  version: typeof SHARD_VERSION;
  /** `pairwise` (K×K symmetric) or `cross` (KA×KB). */
  mode: Mode;
  /** [K] or [KA, KB]. */
  sizes: number[];
  /**
   * Pairwise matrices of asymmetric measures: the pair list holds every i ≠ j in
   * both orders; false: i < j, entry (j, i) mirrors (i, j) (symmetric measures,
   * cross matrices).
   */
  ordered: boolean;
  /** Which shard this is. */
  shard: ShardSpec;
  /** Hash of inputs, measure, options, labels, mode, sizes and shard count. */
  fingerprint: string;
  /** Standard name of the measure. */
  measure: string;
  /** Resolved measure options, plus engine options that change the numbers (`width`). */
  options: Record<string, unknown>;
  /** `distance` (values ≥ 0) or `similarity`. */
  value: "distance" | "similarity";
  /** Row labels. */
  labels: string[];
  /** Column labels (cross matrices only). */
  columnLabels?: string[];
  /** Whether held-out rows were given (entries then hold a test value). */
  hasTest: boolean;
  /** Per-network facts (e.g. DMD ranks), null for networks this shard did not prepare. */
  info: (Record<string, number | string> | null)[];
  /** [i, j, train] or [i, j, train, test] per pair of the shard, in row-major order. */
  entries: number[][];
  /** Hash of `entries` (detects edited values), followed by `diagonal` when present. */
  checksum: string;
  /**
   * Similarity matrices only, in shard 0: [i, i, train(, test)] per network, each compared
   * with itself (the diagonal). Absent for distances (zero diagonal).
   */
  diagonal?: number[][];
}

/** Two independent 32-bit multiplicative hashes. */
class Hasher {
  a = 0x811c9dc5;
  b = 0x2545f491;
  words(w: Uint32Array): void {
    let a = this.a, b = this.b;
    for (let k = 0; k < w.length; k++) {
      const x = w[k]!;
      a = Math.imul(a ^ x, 0x01000193) >>> 0;
      b = Math.imul(b + x + (b << 6) + (b >>> 2), 0x5bd1e995) >>> 0;
    }
    this.a = a;
    this.b = b;
  }
  tag(t: number): void {
    this.words(new Uint32Array([t]));
  }
  text(s: string): void {
    const bytes = new TextEncoder().encode(s);
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
    padded.set(bytes);
    this.tag(bytes.length);
    this.words(new Uint32Array(padded.buffer));
  }
  value(x: unknown): void {
    if (x === null || x === undefined) return this.tag(0xffffffff);
    if (typeof x === "number") {
      this.tag(1);
      return this.words(new Uint32Array(new Float64Array([x]).buffer));
    }
    if (typeof x === "string") return this.tag(2), this.text(x);
    if (typeof x === "boolean") return this.tag(x ? 3 : 4);
    if (ArrayBuffer.isView(x)) {
      const f = x instanceof Float64Array
        ? x
        : Float64Array.from(x as unknown as ArrayLike<number>);
      this.tag(5);
      this.tag(f.length);
      return this.words(new Uint32Array(f.buffer, f.byteOffset, 2 * f.length));
    }
    if (Array.isArray(x)) {
      this.tag(6);
      this.tag(x.length);
      for (const v of x) this.value(v);
      return;
    }
    if (typeof x === "object") {
      const keys = Object.keys(x).filter((k) => (x as Record<string, unknown>)[k] !== undefined)
        .sort();
      this.tag(7);
      this.tag(keys.length);
      for (const k of keys) {
        this.text(k);
        this.value((x as Record<string, unknown>)[k]);
      }
      return;
    }
    throw new TypeError(`Cannot fingerprint: unsupported value of type ${typeof x}`);
  }
  hex(): string {
    return this.a.toString(16).padStart(8, "0") + this.b.toString(16).padStart(8, "0");
  }
}

/**
 * A 64-bit hex fingerprint of any plain data: numbers (exact bits), strings,
 * booleans, typed arrays, arrays and objects (keys sorted, undefined skipped).
 *
 * @param values The data.
 * @returns 16 hex digits.
 *
 * @example Equal inputs, equal fingerprints
 * ```ts
 * import { fingerprint } from "./shard.ts";
 * import { fromRows } from "../linalg/matrix.ts";
 * import assert from "node:assert/strict";
 * const a = fingerprint([fromRows([[1, 2]]), { alpha: 1 }]);
 * assert.equal(a, fingerprint([fromRows([[1, 2]]), { alpha: 1 }]));
 * assert.notEqual(a, fingerprint([fromRows([[1, 2.0000001]]), { alpha: 1 }]));
 * ```
 */
export function fingerprint(values: unknown): string {
  const h = new Hasher();
  h.value(values);
  return h.hex();
}

/**
 * Fill K×K (zero diagonal; symmetric unless `ordered`) or KA×KB matrices from shard entries.
 *
 * @param mode `pairwise` or `cross`.
 * @param sizes [K] or [KA, KB].
 * @param entries [i, j, train(, test)] rows.
 * @param hasTest Fill the held-out matrix too.
 * @param ordered Pairwise: entries hold both orders, so none is mirrored. @default false
 * @returns The training matrix and the held-out one (or null).
 *
 * @example A 2×2 matrix from one entry
 * ```ts
 * import { assembleEntries } from "./shard.ts";
 * import assert from "node:assert/strict";
 * const { train } = assembleEntries("pairwise", [2], [[0, 1, 0.5]], false);
 * assert.deepEqual(Array.from(train.data), [0, 0.5, 0.5, 0]);
 * const both = assembleEntries("pairwise", [2], [[0, 1, 0.5], [1, 0, 0.25]], false, true);
 * assert.deepEqual(Array.from(both.train.data), [0, 0.5, 0.25, 0]);
 * ```
 */
export function assembleEntries(
  mode: Mode,
  sizes: readonly number[],
  entries: readonly (readonly number[])[],
  hasTest: boolean,
  ordered = false,
): { train: Matrix; test: Matrix | null } {
  const rows = sizes[0]!, cols = mode === "pairwise" ? sizes[0]! : sizes[1]!;
  const mirror = mode === "pairwise" && !ordered;
  const train = new Float64Array(rows * cols);
  const test = hasTest ? new Float64Array(rows * cols) : null;
  for (const [i, j, d, t] of entries) {
    train[i! * cols + j!] = d!;
    if (mirror) train[j! * cols + i!] = d!;
    if (test) {
      test[i! * cols + j!] = t!;
      if (mirror) test[j! * cols + i!] = t!;
    }
  }
  return {
    train: { rows, cols, data: train },
    test: test ? { rows, cols, data: test } : null,
  };
}

/**
 * The checksum stored in a shard: a fingerprint of its entries.
 *
 * @param entries The shard's entries.
 * @returns 16 hex digits.
 *
 * @example
 * ```ts
 * import { entriesChecksum } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.notEqual(entriesChecksum([[0, 1, 0.5]]), entriesChecksum([[0, 1, 0.25]]));
 * ```
 */
export function entriesChecksum(entries: readonly (readonly number[])[]): string {
  return fingerprint(["entries", entries]);
}

/** The verified contents of a set of shards. */
export interface MergedShards {
  /** The first shard (the template: mode, sizes, measure, options, labels). */
  first: MatrixShard;
  /** Every entry, in row-major pair order. */
  entries: number[][];
  /** Per-network info, merged over the shards. */
  info: (Record<string, number | string> | null)[];
}

/**
 * Verify that shards belong together and cover every pair exactly once, and
 * collect their entries. Nothing is written before this passes.
 *
 * @param parts The shards (e.g. parsed from the files the jobs wrote).
 * @param names How to name each part in errors (file names). @default "part 0", "part 1", …
 * @returns The first shard, all entries in pair order, and the merged info.
 *
 * @example No shards
 * ```ts
 * import { verifyShards } from "./shard.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => verifyShards([]), /need at least one shard/);
 * ```
 */
export function verifyShards(
  shards: readonly MatrixShard[],
  names?: readonly string[],
): MergedShards {
  const context = "Cannot merge shards";
  const nameOf = (k: number) => names?.[k] ?? `part ${k}`;
  let parts = shards;
  if (parts.length === 0) throw new RangeError(`${context}: need at least one shard: got 0`);
  for (const [k, p] of parts.entries()) {
    if (p?.format !== SHARD_FORMAT) {
      throw new TypeError(`${context}: ${nameOf(k)} is not a distance shard (format ${p?.format})`);
    }
    const version: number = p.version;
    if (version === 2 && !(p.mode === "pairwise" && isAsymmetric(p))) {
      // version 2 held pairs i < j only, which is still the layout of symmetric measures
      parts = parts.with(k, { ...p, version: SHARD_VERSION, ordered: false });
      continue;
    }
    if (version === 2) {
      throw new TypeError(
        `${context}: ${
          nameOf(k)
        } has shard format version 2, which mirrored the asymmetric measure ${p.measure}'s pairs (entry (j, i) held m(X_i, X_j)): recompute the shard`,
      );
    }
    if (p.version !== SHARD_VERSION) {
      throw new TypeError(
        `${context}: ${
          nameOf(k)
        } has shard format version ${p.version}; this version reads ${SHARD_VERSION} (recompute the shard)`,
      );
    }
  }
  const first = parts[0]!;
  const byIndex = new Map<number, number>();
  for (const [k, p] of parts.entries()) {
    if (typeof p.ordered !== "boolean" || (p.ordered && p.mode !== "pairwise")) {
      throw new TypeError(
        `${context}: ${nameOf(k)} does not say which orders of its pairs it holds (\`ordered\`: ${
          String(p.ordered)
        })`,
      );
    }
    if (p.ordered !== first.ordered) {
      throw new RangeError(
        `${context}: ${nameOf(k)} holds ${
          p.ordered ? "both orders of each pair" : "pairs i < j only"
        } but ${nameOf(0)} holds ${first.ordered ? "both orders" : "pairs i < j only"}`,
      );
    }
    if (p.fingerprint !== first.fingerprint || p.shard?.count !== first.shard.count) {
      throw new RangeError(
        `${context}: ${
          nameOf(k)
        } comes from different inputs, options or shard count (fingerprint ${p.fingerprint}, ${p.shard?.count} shards) than ${
          nameOf(0)
        } (${first.fingerprint}, ${first.shard.count} shards)`,
      );
    }
    const idx = p.shard.index;
    if (!Number.isInteger(idx) || idx < 0 || idx >= first.shard.count) {
      throw new RangeError(
        `${context}: ${nameOf(k)} has shard index ${idx}, outside [0, ${first.shard.count - 1}]`,
      );
    }
    if (byIndex.has(idx)) {
      throw new RangeError(
        `${context}: shard ${idx}/${p.shard.count} is given twice` +
          (names ? ` (${nameOf(byIndex.get(idx)!)} and ${nameOf(k)})` : ""),
      );
    }
    byIndex.set(idx, k);
  }
  const missing: number[] = [];
  for (let k = 0; k < first.shard.count; k++) if (!byIndex.has(k)) missing.push(k);
  if (missing.length > 0) {
    throw new RangeError(
      `${context}: missing shard(s) ${missing.join(", ")} of ${first.shard.count}`,
    );
  }
  const total = pairCount(first.mode, first.sizes, first.ordered);
  const width = first.hasTest ? 4 : 3;
  const seen = new Uint8Array(total);
  const ordered: number[][] = new Array(total);
  const nNetworks = first.sizes.reduce((a, b) => a + b, 0);
  const info: (Record<string, number | string> | null)[] = new Array(nNetworks).fill(null);
  for (const [k, p] of parts.entries()) {
    const hashed = Array.isArray(p.diagonal) ? [...(p.entries ?? []), ...p.diagonal] : p.entries;
    if (!Array.isArray(p.entries) || entriesChecksum(hashed) !== p.checksum) {
      throw new RangeError(
        `${context}: ${nameOf(k)} has been altered: its entries do not match its checksum`,
      );
    }
    const [start, end] = shardRange(total, p.shard);
    if (p.entries.length !== end - start) {
      throw new RangeError(
        `${context}: ${
          nameOf(k)
        } (shard ${p.shard.index}/${p.shard.count}) holds ${p.entries.length} pairs, expected ${
          end - start
        }`,
      );
    }
    for (const e of p.entries) {
      const [i, j] = e as [number, number];
      const q = pairIndex(first.mode, first.sizes, i, j, first.ordered);
      if (!Array.isArray(e) || e.length !== width || q < 0) {
        throw new RangeError(
          `${context}: ${nameOf(k)} has an entry that is not a pair of the ${
            first.sizes.join("×")
          } ${first.mode} matrix: ${JSON.stringify(e)}`,
        );
      }
      if (q < start || q >= end) {
        throw new RangeError(
          `${context}: ${
            nameOf(k)
          } holds pair (${i}, ${j}), which belongs to another shard than ${p.shard.index}/${p.shard.count}`,
        );
      }
      if (seen[q]) {
        throw new RangeError(`${context}: pair (${i}, ${j}) is given twice (in ${nameOf(k)})`);
      }
      seen[q] = 1;
      for (let v = 2; v < width; v++) {
        const x = e[v];
        if (typeof x !== "number" || !Number.isFinite(x) || (first.value === "distance" && x < 0)) {
          throw new RangeError(
            `${context}: ${nameOf(k)} has a bad ${
              v === 2 ? "" : "held-out "
            }value for pair (${i}, ${j}): ${String(x)} (must be finite${
              first.value === "distance" ? " and ≥ 0" : ""
            })`,
          );
        }
      }
      ordered[q] = e;
    }
    (p.info ?? []).forEach((x, g) => {
      if (x && g < nNetworks) info[g] = x;
    });
  }
  const gap = seen.indexOf(0);
  if (gap >= 0) throw new RangeError(`${context}: pair ${gap} of ${total} is missing`);
  return { first, entries: ordered, info };
}

/**
 * Write a shard as JSON, atomically (a temporary file renamed into place).
 *
 * @param path Output path.
 * @param shard The shard.
 *
 * @example Written, read back, merged
 * ```ts
 * import { readShards, writeShard } from "./shard.ts";
 * import { matrixShard, mergeMatrixShards } from "./engine.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * const nets = [[[1, 0], [0, 2], [3, 1]], [[0, 1], [2, 2], [1, 0]]];
 * writeShard(`${dir}/0.json`, await matrixShard(nets, "0/1", { workers: 1 }));
 * assert.equal(mergeMatrixShards(readShards([`${dir}/0.json`])).matrix.rows, 2);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeShard(path: string, shard: MatrixShard): void {
  writeFileAtomic(path, new TextEncoder().encode(JSON.stringify(shard)));
}

/**
 * Read shard files (JSON), naming the file in any error.
 *
 * @param paths Files written by {@link writeShard}.
 * @returns The parsed shards.
 *
 * @example A file that is not JSON
 * ```ts
 * import { readShards } from "./shard.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * Deno.writeTextFileSync(`${dir}/a.json`, "{oops");
 * assert.throws(() => readShards([`${dir}/a.json`]), /Cannot merge shards: cannot read .*a\.json/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function readShards(paths: readonly string[]): MatrixShard[] {
  return paths.map((p) => {
    let text: string;
    try {
      text = Deno.readTextFileSync(p);
    } catch (e) {
      throw new TypeError(`Cannot merge shards: cannot read ${p}: ${(e as Error).message}`);
    }
    try {
      return JSON.parse(text) as MatrixShard;
    } catch {
      // never echo the file's bytes (a .npy would put binary into the message)
      const head = text.slice(0, 6);
      const what = head === "\x93NUMPY" || head.startsWith("\ufffdNUMPY")
        ? "it is a .npy array, not a shard"
        : [...text.slice(0, 64)].every((c) => c === "\t" || c === "\n" || c === "\r" || c >= " ")
        ? "it is not valid JSON"
        : "it is a binary file, not a JSON shard";
      throw new TypeError(
        `Cannot merge shards: cannot read ${p}: ${what} (shards are the .json files written by pairwise --shard)`,
      );
    }
  });
}
