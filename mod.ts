/**
 * neurocompare: compare neural representations and neural dynamics —
 * brains against models, models against models — in TypeScript, inside
 * Jupyter notebooks run by the Deno kernel.
 *
 * This module only re-exports the public API of each area under `lib/`.
 *
 * @example
 * ```ts
 * import { fromRows, singularValues } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(Array.from(singularValues(fromRows([[2, 0], [0, 1]]))), [2, 1]);
 * ```
 *
 * @module
 */

// foundations
export * from "./lib/linalg/mod.ts";
export * from "./lib/random.ts";
export * from "./lib/cluster_order.ts";
export * from "./lib/result.ts";
export * from "./lib/io/mod.ts";
export * from "./lib/optim/adam.ts";
export * from "./lib/optim/assignment.ts";
export * from "./lib/optim/transport.ts";
export * from "./lib/optim/network_simplex.ts";
export * from "./lib/display/mod.ts";
// every comparison measure, and one pairwise engine for all of them
export * from "./lib/measures/mod.ts";
export * from "./lib/pairwise/mod.ts";
// 1. generalized shape metrics (Williams et al. 2021)
export * from "./lib/metrics/mod.ts";
export * from "./lib/multiset/mod.ts";
// 2. dynamical similarity analysis (Ostrow et al. 2023)
export * from "./lib/dynamics/mod.ts";
// 3. spectral theory of neural prediction (Canatar et al. 2023)
export * from "./lib/spectral/mod.ts";
// 4. low-tensor-rank RNNs (Pellegrino et al. 2023)
export * from "./lib/tensor/mod.ts";
export * from "./lib/rnn/mod.ts";
// 5. mid-range activations (O'Mahony et al. 2024)
export * from "./lib/activations/mod.ts";
// 6. representational similarity analysis (rsatoolbox conventions)
export * from "./lib/rsa/mod.ts";
// calibrated inference for any statistic: bootstrap, permutation, model comparison, reliability
export * from "./lib/inference/mod.ts";
// views: each result kind as a MIME bundle (figures, tables)
export * from "./lib/views/mod.ts";
