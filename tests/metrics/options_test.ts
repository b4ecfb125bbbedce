/**
 * Every exported function of lib/metrics that takes an options object refuses a
 * misspelt key, a `null` object and a non-boolean flag, naming the option: none is
 * silently ignored (the audit found `linearMetric({ alhpa })`, `svcca({ dim })`,
 * `center: "false"` read as true, and "Cannot read properties of null").
 */

import assert from "node:assert/strict";
import {
  accumulateMoments,
  cknna,
  convLinearMetric,
  energyShapeMetric,
  fitEnergyShapeMetric,
  fitGaussianProcessMetric,
  fitGaussianShapeMetric,
  fitLinearMetric,
  fitPermutationMetric,
  fitPreparedProcess,
  gaussianProcessMetric,
  gaussianShapeMetric,
  jaccardKnn,
  linearMetric,
  linearMetricFromMoments,
  mutualKnn,
  permutationMetric,
  permutationMetricFromMoments,
  prepareGaussianProcess,
  prepareKnn,
  prepareSvcca,
  rankSimilarity,
  scoreGaussianProcessMetric,
  scoreGaussianShapeMetric,
  secondOrderCosine,
  streamingLinearCKA,
  streamingLinearMetric,
  streamingLinearMetricHeldOut,
  streamingPairEntries,
  streamingPairwise,
  streamingPermutationMetric,
  svcca,
} from "../../lib/metrics/mod.ts";
import { memoryReader } from "../_helpers/memory_reader.ts";
import { mulberry32 } from "../../lib/random.ts";

const rng = mulberry32(3);
const mat = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, () => rng() - 0.5));
const X = mat(12, 3), Y = mat(12, 3);
const trials = (n: number, r: number, p: number) => ({
  shape: [n, r, p],
  data: Float64Array.from({ length: n * r * p }, () => rng() - 0.5),
});
const TX = trials(6, 5, 2), TY = trials(6, 5, 2);
const conv = (c: number) => ({
  shape: [4, 3, 3, c],
  data: Float64Array.from({ length: 36 * c }, () => rng() - 0.5),
});
const CX = conv(2), CY = conv(2);
const PX = prepareGaussianProcess(TX), PY = prepareGaussianProcess(TY);
const reader = (rows: number[][]) => memoryReader(rows, 5, "mem");

// deno-lint-ignore no-explicit-any
type Call = (o: any) => unknown;
/** [name, call with the options, context, a known key, a boolean option or null]. */
const cases: [string, Call, string, string, string | null][] = [
  ["linearMetric", (o) => linearMetric(X, Y, o), "Cannot compute linear metric", "alpha", "center"],
  ["fitLinearMetric", (o) => fitLinearMetric(X, Y, o), "Cannot fit linear metric", "alpha", "pad"],
  [
    "permutationMetric",
    (o) => permutationMetric(X, Y, o),
    "Cannot compute permutation metric",
    "score",
    "center",
  ],
  [
    "fitPermutationMetric",
    (o) => fitPermutationMetric(X, Y, o),
    "Cannot fit permutation metric",
    "score",
    "pad",
  ],
  [
    "convLinearMetric",
    (o) => convLinearMetric(CX, CY, o),
    "Cannot compute convolutional linear metric",
    "alpha",
    "center",
  ],
  ["svcca", (o) => svcca(X, Y, o), "Cannot compute SVCCA", "dims", null],
  ["prepareSvcca", (o) => prepareSvcca(X, o), "Cannot prepare SVCCA", "dims", null],
  ["prepareKnn", (o) => prepareKnn(X, o), "Cannot find nearest neighbours", "k", null],
  ["mutualKnn", (o) => mutualKnn(X, Y, o), "Cannot compute mutual kNN", "k", null],
  ["jaccardKnn", (o) => jaccardKnn(X, Y, o), "Cannot compute Jaccard kNN", "k", null],
  ["rankSimilarity", (o) => rankSimilarity(X, Y, o), "Cannot compute rank similarity", "k", null],
  [
    "secondOrderCosine",
    (o) => secondOrderCosine(X, Y, o),
    "Cannot compute second-order cosine similarity",
    "k",
    null,
  ],
  ["cknna", (o) => cknna(X, Y, o), "Cannot compute CKNNA", "k", null],
  [
    "energyShapeMetric",
    (o) => energyShapeMetric(TX, TY, o),
    "Cannot fit energy shape metric",
    "group",
    null,
  ],
  [
    "fitEnergyShapeMetric",
    (o) => fitEnergyShapeMetric(TX, TY, o),
    "Cannot fit energy shape metric",
    "group",
    null,
  ],
  [
    "gaussianShapeMetric",
    (o) => gaussianShapeMetric(TX, TY, o),
    "Cannot fit Gaussian shape metric",
    "alpha",
    null,
  ],
  [
    "fitGaussianShapeMetric",
    (o) => fitGaussianShapeMetric(TX, TY, o),
    "Cannot fit Gaussian shape metric",
    "ddof",
    null,
  ],
  [
    "scoreGaussianShapeMetric",
    (o) => scoreGaussianShapeMetric(fitGaussianShapeMetric(TX, TY), TX, TY, o),
    "Cannot score Gaussian shape metric",
    "ddof",
    null,
  ],
  [
    "gaussianProcessMetric",
    (o) => gaussianProcessMetric(TX, TY, o),
    "Cannot compute Gaussian-process metric",
    "ddof",
    null,
  ],
  [
    "fitGaussianProcessMetric",
    (o) => fitGaussianProcessMetric(TX, TY, o),
    "Cannot fit Gaussian-process metric",
    "alpha",
    null,
  ],
  [
    "fitPreparedProcess",
    (o) => fitPreparedProcess(PX, PY, o),
    "Cannot fit Gaussian-process metric",
    "group",
    null,
  ],
  [
    "scoreGaussianProcessMetric",
    (o) => scoreGaussianProcessMetric(fitGaussianProcessMetric(TX, TY), TX, TY, o),
    "Cannot score Gaussian-process metric",
    "ddof",
    null,
  ],
  [
    "accumulateMoments",
    (o) => accumulateMoments([reader(X)], o),
    "Cannot accumulate moments",
    "center",
    "unbiased",
  ],
  [
    "streamingLinearMetric",
    (o) => streamingLinearMetric(reader(X), reader(Y), o),
    "Cannot compute linear metric",
    "alpha",
    "rescale",
  ],
  [
    "streamingLinearMetricHeldOut",
    (o) => streamingLinearMetricHeldOut(reader(X), reader(Y), reader(X), reader(Y), o),
    "Cannot compute linear metric",
    "alpha",
    "center",
  ],
  [
    "streamingPermutationMetric",
    (o) => streamingPermutationMetric(reader(X), reader(Y), o),
    "Cannot compute permutation metric",
    "score",
    "pad",
  ],
  [
    "streamingLinearCKA",
    (o) => streamingLinearCKA(reader(X), reader(Y), o),
    "Cannot compute linear CKA",
    "debiased",
    "debiased",
  ],
  [
    "streamingPairwise",
    (o) => streamingPairwise([reader(X), reader(Y)], o),
    "Cannot compute pairwise distances from row blocks",
    "metric",
    "center",
  ],
  [
    "streamingPairEntries",
    (o) => streamingPairEntries([reader(X), reader(Y)], o),
    "Cannot compute pairwise distances from row blocks",
    "pairs",
    "debiased",
  ],
];

async function rejects(f: () => unknown, message: RegExp) {
  await assert.rejects(
    async () => await f(),
    (e: Error) => e instanceof TypeError && message.test(e.message),
  );
}
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const [name, call, context, key, flag] of cases) {
  Deno.test(`${name}() refuses a misspelt option, null options${flag ? " and a non-boolean flag" : ""}`, async () => {
    await rejects(
      () => call({ [key + "x"]: 1 }),
      new RegExp(`^${esc(context)}: \`${key}x\` is not an option \\(options: .*${key}`),
    );
    await rejects(
      () => call(null),
      new RegExp(`^${esc(context)}: \`options\` must be an object: got null`),
    );
    if (flag !== null) {
      await rejects(
        () => call({ [flag]: "false" }),
        new RegExp(`^${esc(context)}: \`${flag}\` must be a boolean: got "false"`),
      );
    }
  });
}

Deno.test("moment functions refuse misspelt options", async () => {
  const m = await accumulateMoments([reader(X), reader(Y)]);
  assert.throws(() => linearMetricFromMoments(m, 0, 1, { alhpa: 0 } as never), {
    name: "TypeError",
    message:
      "Cannot compute linear metric: `alhpa` is not an option (options: alpha, score, pad, width)",
  });
  assert.throws(() => permutationMetricFromMoments(m, 0, 1, { alpha: 0 } as never), {
    name: "TypeError",
    message: "Cannot compute permutation metric: `alpha` is not an option (options: score, pad)",
  });
});

Deno.test("options given correctly still work, and undefined values count as absent", async () => {
  assert.equal(
    linearMetric(X, Y, { alpha: 0.5, center: true, score: undefined }),
    linearMetric(X, Y, { alpha: 0.5 }),
  );
  assert.equal(svcca(X, Y, { dims: 2 }), svcca(X, Y, { dims: 2, ...{} }));
  const s = await streamingLinearMetric(reader(X), reader(Y), { alpha: 0.5, rescale: false });
  assert.ok(Math.abs(s - linearMetric(X, Y, { alpha: 0.5 })) < 1e-12);
  assert.equal(
    gaussianShapeMetric(TX, TY, { ddof: 0 }),
    scoreGaussianShapeMetric(fitGaussianShapeMetric(TX, TY, { ddof: 0 }), TX, TY, { ddof: 0 }),
  );
});
