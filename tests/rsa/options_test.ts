// Every exported RSA function that takes an options object refuses a key it does not
// read (a misspelt option ran with the default before) and null (a destructuring crash).
import assert from "node:assert/strict";
import {
  compareRdmModels,
  compareRdms,
  compareRdmStacks,
  computeRdm,
  evalBootstrap,
  fitModels,
  noiseCeiling,
  noiseCovariance,
  rsaSimilarity,
  streamingRdm,
} from "../../lib/rsa/mod.ts";

const X = [[1, 0], [0, 2], [3, 1], [2, 2]];
const D = [[0, 1, 2, 3], [1, 0, 4, 5], [2, 4, 0, 6], [3, 5, 6, 0]];
const E = [[0, 2, 1, 3], [2, 0, 5, 4], [1, 5, 0, 7], [3, 4, 7, 0]];

// deno-lint-ignore no-explicit-any
type AnyOptions = any;
const cases: [string, (o: AnyOptions) => unknown, string, string][] = [
  ["computeRdm", (o) => computeRdm(X, o), "Cannot compute RDM", "method, noise, conditions, runs"],
  [
    "rsaSimilarity",
    (o) => rsaSimilarity(X, X, o),
    "Cannot compute RSA similarity",
    "rdm, compare",
  ],
  ["compareRdms", (o) => compareRdms(D, E, o), "Cannot compare RDMs", "method"],
  ["compareRdmStacks", (o) => compareRdmStacks([D], [E], o), "Cannot compare RDMs", "method"],
  ["noiseCeiling", (o) => noiseCeiling([D, E], o), "Cannot compute noise ceiling", "method"],
  ["fitModels", (o) => fitModels([D, E], [D], o), "Cannot fit weighted model", "method, fitter"],
  [
    "evalBootstrap",
    (o) => evalBootstrap([D, E], D, { samples: 5, ...o }),
    "Cannot evaluate model",
    "method, bootstrap, samples, seed",
  ],
  [
    "compareRdmModels",
    (o) => compareRdmModels([D, E], [D, E], { samples: 5, ...o }),
    "Cannot compare models",
    "method, bootstrap, samples, seed, names",
  ],
  [
    "noiseCovariance",
    (o) => noiseCovariance(X, o),
    "Cannot estimate noise covariance",
    "method, dof",
  ],
];

Deno.test("RSA functions refuse an unknown option key, naming it and listing the options", () => {
  for (const [name, call, ctx, list] of cases) {
    assert.throws(() => call({ metod: "corr" }), {
      name: "TypeError",
      message: `${ctx}: \`metod\` is not an option (options: ${list})`,
    }, name);
    // an option left undefined is no option
    call({ metod: undefined });
  }
  // the one from the review: the misspelt key ran euclidean
  assert.throws(
    () => computeRdm(X, { metod: "correlation" } as AnyOptions),
    /`metod` is not an option/,
  );
  assert.throws(
    () => rsaSimilarity(X, X, { comapre: "corr" } as AnyOptions),
    /`comapre` is not an option/,
  );
  // names is an option of compareRdmModels only
  assert.throws(
    () => evalBootstrap([D, E], D, { samples: 5, names: ["a"] } as AnyOptions),
    /Cannot evaluate model: `names` is not an option/,
  );
});

Deno.test("RSA functions refuse null options with a clear error", () => {
  for (
    const [name, call, ctx] of cases.filter(([n]) =>
      !n.includes("Bootstrap") && n !== "compareRdmModels"
    )
  ) {
    assert.throws(() => call(null), {
      name: "TypeError",
      message: `${ctx}: \`options\` must be an object: got null`,
    }, name);
  }
});

Deno.test("streamingRdm() refuses unknown and missing options", async () => {
  const reader = {
    source: "memory",
    rows: 4,
    cols: 2,
    blockRows: 4,
    async *blocks() {
      yield { rows: 4, cols: 2, data: Float64Array.from(X.flat()) };
    },
  };
  const ok = await streamingRdm(reader, { conditions: ["a", "b", "c", "d"] });
  assert.deepEqual(ok.rdm.data, computeRdm(X).rdm.data);
  await assert.rejects(
    () => streamingRdm(reader, { conditions: ["a", "b", "c", "d"], metod: "x" } as AnyOptions),
    {
      name: "TypeError",
      message: "Cannot compute RDM: `metod` is not an option (options: method, noise, conditions)",
    },
  );
  await assert.rejects(
    () => streamingRdm(reader, undefined as AnyOptions),
    /Cannot compute RDM: `options` must be an object with `conditions`/,
  );
  await assert.rejects(
    () => streamingRdm(reader, null as AnyOptions),
    /Cannot compute RDM: `options` must be an object: got null/,
  );
});
