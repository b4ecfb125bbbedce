// The spectral functions refuse option keys they do not read and flags that are not
// booleans (`center: "false"` centred before), and give a clear error for null options.
import assert from "node:assert/strict";
import {
  alignment,
  analysisValues,
  empiricalCurve,
  fitRidge,
  layerSweep,
  ridgePredictivity,
  spectralAnalysis,
  spectrum,
  tailMeasures,
  theoryCurve,
} from "../../lib/spectral/mod.ts";
import { randn } from "../../lib/random.ts";

// deno-lint-ignore no-explicit-any
type AnyOptions = any;
const X = randn(12, 5, 1), Y = randn(12, 2, 2);

Deno.test("spectral functions refuse a misspelt option, naming it and listing the options", () => {
  const cases: [string, (o: AnyOptions) => unknown][] = [
    [
      "Cannot compute spectrum: `centre` is not an option (options: center, method)",
      (o) => spectrum(X, o),
    ],
    ["Cannot compute spectral alignment: `centre` is not an option (options: center, method)", (
      o,
    ) => alignment(X, Y, o)],
    [
      "Cannot fit ridge regression: `centre` is not an option (options: ridge, center)",
      (o) => fitRidge(X, Y, o),
    ],
    [
      "Cannot compute ridge predictivity: `centre` is not an option (options: ridge, folds, seed, center, foldOf, onProgress)",
      (o) => ridgePredictivity(X, Y, o),
    ],
    [
      "Cannot compute empirical learning curve: `centre` is not an option (options: ps, ridge, subsets, seed, center, onProgress)",
      (o) => empiricalCurve(X, Y, { ps: [4], ...o }),
    ],
    [
      "Cannot compute spectral analysis: `centre` is not an option (options: center, method, ps, ridge, empirical, subsets, seed, modes, onProgress)",
      (o) => spectralAnalysis(X, Y, o),
    ],
    [
      "Cannot compute spectral analysis: `centre` is not an option (options: center, method, ps, ridge, empirical, subsets, seed, modes, onProgress)",
      (o) => analysisValues(X, Y, o),
    ],
    [
      "Cannot run layer sweep: `centre` is not an option (options: center, method, ps, ridge, empirical, subsets, seed, modes, onProgress, details)",
      (o) => layerSweep({ a: X }, Y, o),
    ],
    [
      "Cannot compute tail measures: `centre` is not an option (options: level)",
      (o) => tailMeasures([3, 2, 1], o),
    ],
    [
      "Cannot compute theoretical learning curve: `centre` is not an option (options: ps, ridge, modes)",
      (o) => theoryCurve(alignment(X, Y), { ps: [4], ...o }),
    ],
  ];
  for (const [message, call] of cases) {
    assert.throws(() => call({ centre: false }), { name: "TypeError", message });
  }
});

Deno.test("spectral functions refuse a flag that is not a boolean", () => {
  assert.throws(() => spectrum(X, { center: "false" } as AnyOptions), {
    name: "TypeError",
    message: 'Cannot compute spectrum: `center` must be a boolean: got "false"',
  });
  assert.throws(
    () => spectralAnalysis(X, Y, { empirical: 0 } as AnyOptions),
    /Cannot compute spectral analysis: `empirical` must be a boolean: got 0/,
  );
  assert.throws(
    () => layerSweep({ a: X }, Y, { details: "yes" } as AnyOptions),
    /Cannot run layer sweep: `details` must be a boolean: got "yes"/,
  );
  // false centres nothing: the spectrum of uncentred X differs from the centred one
  assert.notDeepEqual(spectrum(X, { center: false }).eigenvalues, spectrum(X).eigenvalues);
});

Deno.test("spectral functions refuse null options with a clear error", () => {
  assert.throws(
    () => ridgePredictivity(X, Y, null as AnyOptions),
    /Cannot compute ridge predictivity: `options` must be an object: got null/,
  );
  assert.throws(
    () => fitRidge(X, Y, null as AnyOptions),
    /Cannot fit ridge regression: `options` must be an object: got null/,
  );
  assert.throws(
    () => theoryCurve(alignment(X, Y), undefined as AnyOptions),
    /Cannot compute theoretical learning curve: `options` must be an object with `ps`/,
  );
});
