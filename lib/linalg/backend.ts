/**
 * Linear-algebra backends. Two implementations share this interface and give
 * the same answers: `lapack` (Deno FFI to OpenBLAS + LAPACKE, numpy speed) and
 * `portable` (pure TypeScript, always available).
 *
 * Kernels here return raw factorisations; the public functions in this folder
 * (`svd`, `eigh`, `eig`, …) apply the package's deterministic ordering and sign
 * conventions on top, so both backends agree to rounding.
 *
 * Selection: `setBackend(name)` > environment variable `NEUROCOMPARE_BACKEND`
 * (`lapack` | `portable` | `auto`) > automatic (`lapack` when the libraries load
 * and `--allow-ffi` is granted, else `portable` with a one-line notice on stderr).
 *
 * @module
 */

import type { Matrix } from "./matrix.ts";
import { createPortableBackend } from "./portable/mod.ts";
import { tryCreateLapackBackend } from "./lapack/mod.ts";

/** Raw thin/full SVD: A = U diag(s) Vt, `s` descending, signs unspecified. */
export interface RawSvd {
  /** Left singular vectors, [m, k] (thin, k = min(m, n)) or [m, m] (full). */
  U: Matrix;
  /** Singular values, descending, length min(m, n). */
  s: Float64Array;
  /** Right singular vectors transposed, [k, n] (thin) or [n, n] (full). */
  Vt: Matrix;
}

/** Raw symmetric eigendecomposition: values ascending, eigenvectors as columns. */
export interface RawEigh {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** [n, n], column j is the eigenvector of values[j]; absent when not requested. */
  vectors?: Matrix;
}

/** Raw general eigendecomposition in LAPACK order (conjugate pairs adjacent, positive imaginary first). */
export interface RawEig {
  /** Real parts of the eigenvalues. */
  re: Float64Array;
  /** Imaginary parts of the eigenvalues. */
  im: Float64Array;
  /** Real and imaginary parts of the right eigenvectors as columns, [n, n] each. */
  vectorsRe?: Matrix;
  /** Imaginary parts of the right eigenvectors as columns, [n, n]. */
  vectorsIm?: Matrix;
}

/** Least-squares solution of min ‖A X − B‖_F (minimum norm when rank deficient). */
export interface RawLstsq {
  /** [n, nrhs] */
  x: Matrix;
  /** Effective rank with singular values below rcond·s_max treated as zero. */
  rank: number;
  /** Singular values of A, descending. */
  s: Float64Array;
}

/** The kernels each backend provides. All inputs are row-major and are never mutated. */
export interface Backend {
  /** Which backend this is. */
  readonly name: "lapack" | "portable";
  /**
   * op(A)·op(B) with op = transpose when the flag is set. With `out` (length
   * rows × cols of the product, not overlapping A or B) the product is written
   * there, overwriting it, and the result's `data` is `out`.
   */
  gemm(A: Matrix, B: Matrix, transA: boolean, transB: boolean, out?: Float64Array): Matrix;
  /** Singular value decomposition. */
  svd(A: Matrix, full: boolean): RawSvd;
  /** Singular values only (descending). */
  singularValues(A: Matrix): Float64Array;
  /** Symmetric eigendecomposition (only the lower triangle of A is read). */
  eigh(A: Matrix, vectors: boolean): RawEigh;
  /** General (nonsymmetric) eigendecomposition. */
  eig(A: Matrix, vectors: boolean): RawEig;
  /**
   * Lower Cholesky factor L (A = L Lᵀ); returns null when A is not positive definite. With
   * `out` (length n², not overlapping A) L is written there and the result's `data` is `out`.
   */
  cholesky(A: Matrix, out?: Float64Array): Matrix | null;
  /**
   * Solve op(T) X = B for triangular T (lower when `lower`, transposed when `trans`). With
   * `out` (length of B's data, not overlapping T; B's own data allowed: solved in place) X is
   * written there and the result's `data` is `out`.
   */
  solveTriangular(
    T: Matrix,
    B: Matrix,
    lower: boolean,
    trans: boolean,
    out?: Float64Array,
  ): Matrix;
  /** Minimum-norm least squares via SVD, singular values ≤ rcond·s_max dropped. */
  lstsq(A: Matrix, B: Matrix, rcond: number): RawLstsq;
  /** Thin QR: A = Q R with Q [m, k], R [k, n], k = min(m, n). */
  qr(A: Matrix): { Q: Matrix; R: Matrix };
  /** Set the number of threads (no-op for the portable backend). */
  setThreads(n: number): void;
}

/** Names accepted by {@link setBackend} and `NEUROCOMPARE_BACKEND`. */
export type BackendName = "lapack" | "portable" | "auto";

let current: Backend | null = null;
let portable: Backend | null = null;
let lapack: Backend | null | undefined = undefined;
let noticeShown = false;

function portableBackend(): Backend {
  return portable ??= createPortableBackend();
}

function lapackBackend(): { backend: Backend | null; reason: string } {
  if (lapack !== undefined) return { backend: lapack, reason: "" };
  const result = tryCreateLapackBackend();
  lapack = result.backend;
  return result;
}

function envChoice(): BackendName {
  let v: string | undefined;
  try {
    v = Deno.env.get("NEUROCOMPARE_BACKEND");
  } catch {
    v = undefined; // no --allow-env: fall back to automatic selection
  }
  if (v === undefined || v === "") return "auto";
  if (v === "lapack" || v === "portable" || v === "auto") return v;
  throw new RangeError(
    `Cannot select linear-algebra backend: \`NEUROCOMPARE_BACKEND\` must be one of lapack, portable, auto: got ${v}`,
  );
}

function resolve(name: BackendName): Backend {
  if (name === "portable") return portableBackend();
  const { backend, reason } = lapackBackend();
  if (backend) return backend;
  if (name === "lapack") {
    throw new Error(`Cannot select linear-algebra backend \`lapack\`: ${reason}`);
  }
  if (!noticeShown) {
    noticeShown = true;
    console.error(`neurocompare: using the portable (pure TypeScript) backend: ${reason}`);
  }
  return portableBackend();
}

/**
 * The backend in use (selected on first call).
 *
 * @returns The backend every linear-algebra function uses.
 *
 * @example
 * ```ts
 * import { getBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 * assert.ok(["lapack", "portable"].includes(getBackend().name));
 * ```
 */
export function getBackend(): Backend {
  return current ??= resolve(envChoice());
}

/**
 * Choose the backend explicitly; `lapack` throws if the libraries cannot be loaded.
 *
 * @param name `lapack`, `portable` or `auto`.
 * @returns The backend now in use.
 *
 * @example
 * ```ts
 * import { getBackend, setBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 * const before = getBackend().name;
 * assert.equal(setBackend("portable").name, "portable");
 * setBackend(before);
 * ```
 */
export function setBackend(name: BackendName): Backend {
  if (name !== "lapack" && name !== "portable" && name !== "auto") {
    throw new RangeError(
      `Cannot select linear-algebra backend: \`name\` must be one of lapack, portable, auto: got ${name}`,
    );
  }
  current = resolve(name);
  return current;
}

/**
 * Whether the `lapack` backend can be loaded here (libraries present, FFI allowed).
 *
 * @returns `true` when the libraries load and FFI is permitted.
 *
 * @example
 * ```ts
 * import { lapackAvailable } from "./backend.ts";
 * import assert from "node:assert/strict";
 * assert.equal(typeof lapackAvailable(), "boolean");
 * ```
 */
export function lapackAvailable(): boolean {
  return lapackBackend().backend !== null;
}

/**
 * Run `fn` with a given backend selected, restoring the previous one afterwards.
 *
 * @example
 * ```ts
 * import { getBackend, withBackend } from "./backend.ts";
 * import assert from "node:assert/strict";
 * assert.equal(withBackend("portable", () => getBackend().name), "portable");
 * ```
 */
export function withBackend<T>(name: BackendName, fn: () => T): T {
  const previous = current;
  setBackend(name);
  try {
    return fn();
  } finally {
    current = previous;
  }
}
