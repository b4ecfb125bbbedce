/**
 * Dense float64 linear algebra with two interchangeable backends (`lapack`
 * via Deno FFI to OpenBLAS/LAPACKE, `portable` in pure TypeScript) and
 * deterministic sign/order conventions.
 *
 * @example
 * ```ts
 * import { fromRows, matmul, svd } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const A = fromRows([[1, 2], [3, 4]]);
 * const { U, s, Vt } = svd(A);
 * const US = fromRows([[U.data[0]! * s[0]!, U.data[1]! * s[1]!], [U.data[2]! * s[0]!, U.data[3]! * s[1]!]]);
 * const back = matmul(US, Vt);
 * assert.ok(Math.abs(back.data[3]! - 4) < 1e-12);
 * ```
 *
 * @module
 */

export * from "./matrix.ts";
export * from "./elementwise.ts";
export * from "./products.ts";
export * from "./svd.ts";
export * from "./eigh.ts";
export * from "./eig.ts";
export * from "./cholesky.ts";
export * from "./lstsq.ts";
export {
  type Backend,
  type BackendName,
  getBackend,
  lapackAvailable,
  type RawEig,
  type RawEigh,
  type RawLstsq,
  type RawSvd,
  setBackend,
  withBackend,
} from "./backend.ts";
