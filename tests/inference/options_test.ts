// The inference functions refuse option keys they do not read: a misspelt `permutaions`
// ran 1000 permutations before, and an option a resampling does not use was dropped.
import assert from "node:assert/strict";
import {
  bootstrap,
  bootstrapMatrix,
  bootstrapMeasure,
  bootstrapMeasureSubjects,
  compareModels,
  compareModelsSubjects,
  compareModelsWith,
  permutationMeasure,
  permutationTest,
  splitHalfReliability,
  twoFactorBootstrap,
} from "../../lib/inference/mod.ts";
import "../../lib/measures/all.ts";
import { randn } from "../../lib/random.ts";

// deno-lint-ignore no-explicit-any
type AnyOptions = any;
const stat = (
  d: Int32Array | null,
) => (d ? d.reduce((s, i) => s + Math.sin(i), 0) / d.length : 0.1);
const BOOT = "samples, seed, level, interval, scheme, subsampleSize, minDistinct";

Deno.test("bootstrap(), compareModels(), twoFactorBootstrap() and permutationTest() refuse unknown keys", () => {
  assert.throws(() => bootstrap(8, stat, { sampels: 20 } as AnyOptions), {
    name: "TypeError",
    message: `Cannot bootstrap: \`sampels\` is not an option (options: ${BOOT})`,
  });
  assert.throws(() => compareModels(8, { a: stat }, { sampels: 20 } as AnyOptions), {
    name: "TypeError",
    message: `Cannot compare models: \`sampels\` is not an option (options: ${BOOT}, ceiling)`,
  });
  assert.throws(
    () => twoFactorBootstrap(4, 6, () => 1, { ceiling: 1 } as AnyOptions),
    /Cannot run two-factor bootstrap: `ceiling` is not an option/,
  );
  assert.throws(() => permutationTest(8, stat, { permutaions: 5 } as AnyOptions), {
    name: "TypeError",
    message:
      "Cannot run permutation test: `permutaions` is not an option (options: permutations, seed, alternative)",
  });
  assert.equal(permutationTest(8, stat, { permutations: 5 }).permutations, 5);
  assert.throws(
    () =>
      splitHalfReliability(
        new Float64Array(12).map(Math.sin),
        [4, 3, 1],
        { split: 2 } as AnyOptions,
      ),
    /Cannot compute split-half reliability: `split` is not an option \(options: splits, seed\)/,
  );
});

Deno.test("inference functions refuse null options with a clear error, not a destructuring crash", async () => {
  const X = randn(10, 3, 1), Y = randn(10, 3, 2);
  const calls: [string, () => unknown][] = [
    ["Cannot bootstrap", () => bootstrap(8, stat, null as AnyOptions)],
    ["Cannot compare models", () => compareModels(8, { a: stat }, null as AnyOptions)],
    [
      "Cannot run two-factor bootstrap",
      () => twoFactorBootstrap(4, 6, () => 1, null as AnyOptions),
    ],
    ["Cannot run permutation test", () => permutationTest(8, stat, null as AnyOptions)],
    [
      "Cannot compute split-half reliability",
      () => splitHalfReliability(new Float64Array(12), [4, 3, 1], null as AnyOptions),
    ],
    ["Cannot bootstrap measure", () => bootstrapMeasure("cka", X, Y, null as AnyOptions)],
    ["Cannot run permutation test", () => permutationMeasure("cka", X, Y, null as AnyOptions)],
    ["Cannot compare models", () => compareModelsWith("cka", X, { Y }, null as AnyOptions)],
    [
      "Cannot bootstrap measure over subjects",
      () => bootstrapMeasureSubjects("cka", [X], [X, Y], null as AnyOptions),
    ],
    [
      "Cannot compare models over subjects",
      () => compareModelsSubjects("cka", [X, Y], { X }, null as AnyOptions),
    ],
  ];
  for (const [ctx, call] of calls) {
    assert.throws(call, {
      name: "TypeError",
      message: `${ctx}: \`options\` must be an object: got null`,
    }, ctx);
  }
  await assert.rejects(() => bootstrapMatrix("cka", [X, Y], null as AnyOptions), {
    name: "TypeError",
    message: "Cannot bootstrap pairwise matrix: `options` must be an object: got null",
  });
});

Deno.test("bootstrapMeasure() still checks other keys against the measure's options", () => {
  const X = randn(10, 3, 1), Y = randn(10, 3, 2);
  assert.throws(
    () => bootstrapMeasure("cka", X, Y, { sampels: 20 } as AnyOptions),
    /^RangeError: Cannot bootstrap measure: `sampels` is not an option \(inference options: value, samples, seed, level, interval, scheme, subsampleSize, minDistinct; options of measure cka: kernel, threshold, debiased, center\)$/,
  );
});

Deno.test("subject resampling refuses the options it would not read", () => {
  const X = randn(10, 3, 1);
  const subjects = [2, 3, 4].map((s) => randn(10, 3, s));
  assert.throws(
    () => bootstrapMeasureSubjects("cka", [X], subjects, { samples: 10, scheme: "subsample" }),
    {
      name: "RangeError",
      message:
        'Cannot bootstrap measure over subjects: `scheme` applies to the stimulus draws of resample "both" (subjects are drawn with replacement): got scheme subsample with resample subjects',
    },
  );
  assert.throws(
    () => compareModelsSubjects("cka", subjects, { X }, { samples: 10, subsampleSize: 4 }),
    /`subsampleSize` applies to the stimulus draws of resample "both"/,
  );
  assert.throws(
    () =>
      bootstrapMeasureSubjects("cka", [X], subjects, {
        samples: 10,
        resample: "both",
        interval: "percentile",
      }),
    /`interval` applies to resample "subjects" \(the two-factor bootstrap's interval is normal\): got interval percentile with resample both/,
  );
  // minDistinct is read over subjects now: 3 subjects drawn, at least 3 distinct keeps few draws
  const all = bootstrapMeasureSubjects("cka", [X], subjects, { samples: 40, seed: 1 });
  const kept = bootstrapMeasureSubjects("cka", [X], subjects, {
    samples: 40,
    seed: 1,
    minDistinct: 3,
  });
  assert.ok("discarded" in all && "discarded" in kept);
  assert.equal(all.discarded, 0);
  assert.ok(kept.discarded > 0 && kept.discarded < 40, `${kept.discarded}`);
});
