import assert from "node:assert/strict";
import {
  barycenter,
  classicalMDS,
  crossDistances,
  pairwiseDistances,
  pairwiseShard,
  procrustesKMeans,
  tangentEmbedding,
} from "../../lib/multiset/mod.ts";

const nets = [
  [[1, 0], [0, 2], [3, 1], [1, 1]],
  [[0, 1], [2, 2], [1, 0], [3, 3]],
  [[1, 1], [0, 0], [2, 3], [1, 2]],
];

Deno.test("barycenter() refuses a misspelt option instead of using the default", () => {
  assert.throws(() => barycenter(nets, { maxiter: 5 } as never), {
    name: "TypeError",
    message:
      "Cannot compute barycenter: `maxiter` is not an option (options: group, center, maxIter, tol, seed, init)",
  });
  assert.throws(() => barycenter(nets, { center: "false" } as never), {
    name: "TypeError",
    message: 'Cannot compute barycenter: `center` must be a boolean: got "false"',
  });
  assert.throws(() => barycenter(nets, null as never), /`options` must be an object: got null/);
});

Deno.test("multiset functions refuse unknown options", async () => {
  const D = [[0, 1, 2], [1, 0, 1], [2, 1, 0]];
  const sync: [string, () => unknown, string][] = [
    ["procrustesKMeans", () => procrustesKMeans(nets, 2, { restart: 2 } as never), "restart"],
    ["classicalMDS", () => classicalMDS(D, { dim: 2 } as never), "dim"],
    ["tangentEmbedding", () => tangentEmbedding(nets, { dimensions: 2 } as never), "dimensions"],
  ];
  for (const [name, f, key] of sync) {
    assert.throws(
      f,
      { name: "TypeError", message: new RegExp(`\`${key}\` is not an option`) },
      name,
    );
  }
  for (
    const f of [
      () => pairwiseDistances(nets, { metrc: "cka", workers: 1 } as never),
      () => crossDistances(nets, nets, { alhpa: 0.5, workers: 1 } as never),
      () => pairwiseShard(nets, "0/1", { pad: "no", workers: 1 } as never),
    ]
  ) {
    await assert.rejects(f, TypeError);
  }
});

Deno.test("tangentEmbedding() still forwards its barycenter options", () => {
  const t = tangentEmbedding(nets, { dims: 2, maxIter: 50, center: true });
  assert.equal(t.coordinates.rows, 3);
});
