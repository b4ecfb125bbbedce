import assert from "node:assert/strict";
import {
  crossDistances,
  crossShard,
  type DistanceShard,
  mergeShards,
  pairCount,
  pairsInRange,
  pairwiseDistances,
  pairwiseShard,
  parseShard,
  shardRange,
} from "../../lib/multiset/mod.ts";
import { sliceRows } from "../../lib/linalg/matrix.ts";
import { networks } from "./_nets.ts";

const nets = networks(7, 25, [4, 6], 3);
const train = nets.map((X) => sliceRows(X, 0, 18)), test = nets.map((X) => sliceRows(X, 18, 25));

/** Shards written to JSON and read back, as a cluster job would. */
async function viaJson(count: number, workers = 1): Promise<DistanceShard[]> {
  const parts: DistanceShard[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const s = await pairwiseShard(train, `${k}/${count}`, { alpha: 0.5, test, workers });
    parts.push(JSON.parse(JSON.stringify(s)));
  }
  return parts;
}

Deno.test("merged shards equal the single-process matrix exactly (1, 2, 3, 25 shards; JSON round trip)", async () => {
  const whole = await pairwiseDistances(train, { alpha: 0.5, test, workers: 1 });
  for (const count of [1, 2, 3, 25]) {
    const merged = mergeShards(await viaJson(count));
    assert.deepEqual(merged.matrix.data, whole.matrix.data, `${count} shards`);
    assert.deepEqual(merged.test!.data, whole.test!.data, `${count} shards`);
    assert.deepEqual(merged.options, whole.options);
    assert.equal(merged.kind, "pairwiseDistances");
  }
});

Deno.test("a shard computed on workers merges to the same matrix as inline shards", async () => {
  const a = mergeShards(await viaJson(2, 2)), b = mergeShards(await viaJson(2, 1));
  assert.deepEqual(a.matrix.data, b.matrix.data);
});

Deno.test("cross shards merge to crossDistances()", async () => {
  const A = nets.slice(0, 3), B = nets.slice(3);
  const whole = await crossDistances(A, B, { metric: "permutation", workers: 1 });
  const parts = await Promise.all(
    [0, 1, 2].map((k) =>
      crossShard(A, B, { index: k, count: 3 }, { metric: "permutation", workers: 1 })
    ),
  );
  const merged = mergeShards(parts);
  assert.deepEqual(merged.matrix.data, whole.matrix.data);
  assert.equal(merged.kind, "crossDistances");
});

Deno.test("shard ranges partition the row-major pair list", () => {
  for (const [mode, sizes] of [["pairwise", [9]], ["cross", [4, 5]]] as const) {
    const total = pairCount(mode, sizes);
    const all = Array.from(pairsInRange(mode, sizes, 0, total));
    for (const count of [1, 4, 7, 50]) {
      const joined: number[] = [];
      for (let k = 0; k < count; k++) {
        const [s, e] = shardRange(total, { index: k, count });
        joined.push(...pairsInRange(mode, sizes, s, e));
      }
      assert.deepEqual(joined, all);
    }
  }
  assert.deepEqual(Array.from(pairsInRange("pairwise", [3], 0, 3)), [0, 1, 0, 2, 1, 2]);
});

Deno.test("mergeShards() refuses missing, duplicated or foreign shards", async () => {
  const parts = await viaJson(3);
  assert.throws(() => mergeShards(parts.slice(1)), {
    name: "RangeError",
    message: `Cannot merge shards: missing shard(s) ${parts[0]!.shard.index} of 3`,
  });
  assert.throws(() => mergeShards([...parts, parts[0]!]), {
    name: "RangeError",
    message: `Cannot merge shards: shard ${parts[0]!.shard.index}/3 is given twice`,
  });
  const other = await pairwiseShard(train, "0/3", { alpha: 0.6, test, workers: 1 });
  assert.throws(
    () => mergeShards([other, ...parts.filter((p) => p.shard.index !== 0)]),
    /comes from different inputs, options or shard count/,
  );
  assert.throws(
    () => mergeShards([{ format: "something-else" } as unknown as DistanceShard]),
    {
      name: "TypeError",
      message: "Cannot merge shards: part 0 is not a distance shard (format something-else)",
    },
  );
});

Deno.test("parseShard() validates k/n", () => {
  assert.deepEqual(parseShard({ index: 0, count: 1 }), { index: 0, count: 1 });
  assert.throws(() => parseShard("3"), {
    name: "RangeError",
    message: "Invalid shard: `shard` must look like k/n: got 3",
  });
  assert.throws(() => parseShard("0/0"), {
    name: "RangeError",
    message: "Invalid shard: `shard` count must be a positive integer: got 0",
  });
  assert.throws(() => parseShard("5/4"), {
    name: "RangeError",
    message: "Invalid shard: `shard` index must be in [0, 3]: got 5/4",
  });
});
