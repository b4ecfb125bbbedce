/**
 * The `lapack` backend: Deno FFI to OpenBLAS (`cblas_*`) and LAPACKE.
 *
 * Row-major data is handed to column-major LAPACK routines as the transpose
 * wherever that saves a copy (SVD, Cholesky, symmetric eig); elsewhere
 * LAPACKE's row-major layout is used.
 *
 * Libraries are found by name (`libopenblas.so.0`, `liblapacke.so.3`, …) or
 * through `NEUROCOMPARE_BLAS` / `NEUROCOMPARE_LAPACKE` (full paths).
 *
 * @module
 */

import type { Backend, RawEig, RawEigh, RawLstsq, RawSvd } from "../backend.ts";
import { expandConjugatePairs } from "../conjugate_pairs.ts";
import { type Matrix, transpose } from "../matrix.ts";

const ROW_MAJOR = 101, COL_MAJOR = 102;
const NO_TRANS = 111, TRANS = 112;
const UPPER = 121, LOWER = 122;
const NON_UNIT = 131, LEFT = 141;
const ch = (c: string) => c.charCodeAt(0);

const blasSymbols = {
  cblas_dgemm: {
    parameters: [
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "f64",
      "buffer",
      "i32",
      "buffer",
      "i32",
      "f64",
      "buffer",
      "i32",
    ],
    result: "void",
  },
  cblas_dtrsm: {
    parameters: [
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "i32",
      "f64",
      "buffer",
      "i32",
      "buffer",
      "i32",
    ],
    result: "void",
  },
} as const;

const threadSymbols = {
  openblas_set_num_threads: { parameters: ["i32"], result: "void" },
} as const;

const lapackeSymbols = {
  LAPACKE_dgesdd: {
    parameters: [
      "i32",
      "u8",
      "i32",
      "i32",
      "buffer",
      "i32",
      "buffer",
      "buffer",
      "i32",
      "buffer",
      "i32",
    ],
    result: "i32",
  },
  LAPACKE_dsyevd: {
    parameters: ["i32", "u8", "u8", "i32", "buffer", "i32", "buffer"],
    result: "i32",
  },
  LAPACKE_dgeev: {
    parameters: [
      "i32",
      "u8",
      "u8",
      "i32",
      "buffer",
      "i32",
      "buffer",
      "buffer",
      "buffer",
      "i32",
      "buffer",
      "i32",
    ],
    result: "i32",
  },
  LAPACKE_dpotrf: { parameters: ["i32", "u8", "i32", "buffer", "i32"], result: "i32" },
  LAPACKE_dgelsd: {
    parameters: [
      "i32",
      "i32",
      "i32",
      "i32",
      "buffer",
      "i32",
      "buffer",
      "i32",
      "buffer",
      "f64",
      "buffer",
    ],
    result: "i32",
  },
  LAPACKE_dgeqrf: {
    parameters: ["i32", "i32", "i32", "buffer", "i32", "buffer"],
    result: "i32",
  },
  LAPACKE_dorgqr: {
    parameters: ["i32", "i32", "i32", "i32", "buffer", "i32", "buffer"],
    result: "i32",
  },
} as const;

function env(name: string): string | undefined {
  try {
    return Deno.env.get(name) || undefined;
  } catch {
    return undefined;
  }
}

function openFirst<S extends Deno.ForeignLibraryInterface>(
  candidates: string[],
  symbols: S,
): { lib: Deno.DynamicLibrary<S> | null; error: string; denied: boolean } {
  let error = "";
  for (const path of candidates) {
    try {
      return { lib: Deno.dlopen(path, symbols), error: "", denied: false };
    } catch (e) {
      error = (e as Error).message;
      if (
        /allow-ffi|NotCapable|PermissionDenied|Requires ffi/i.test(`${(e as Error).name} ${error}`)
      ) {
        return { lib: null, error: "FFI is not permitted (run with --allow-ffi)", denied: true };
      }
    }
  }
  return {
    lib: null,
    error: `could not load any of ${candidates.join(", ")} (${error})`,
    denied: false,
  };
}

/** `src` copied into `out` (unless they are the same array), which must have its length. */
function intoBuffer(out: Float64Array, src: Float64Array, routine: string): Float64Array {
  if (out.length !== src.length) {
    throw new RangeError(
      `Cannot run ${routine}: \`out\` must have length ${src.length}: got ${out.length}`,
    );
  }
  if (out !== src) out.set(src);
  return out;
}

function check(info: number, routine: string): void {
  if (info < 0) throw new Error(`${routine}: argument ${-info} had an illegal value`);
  if (info > 0) throw new Error(`${routine} failed to converge (info = ${info})`);
}

/**
 * Load OpenBLAS and LAPACKE and build the backend, or report why not.
 *
 * @returns `{backend, reason}`: `backend` is null when the libraries or FFI permission are missing.
 */
export function tryCreateLapackBackend(): { backend: Backend | null; reason: string } {
  if (typeof Deno === "undefined" || typeof Deno.dlopen !== "function") {
    return { backend: null, reason: "Deno FFI is not available" };
  }
  const blasPath = env("NEUROCOMPARE_BLAS");
  const lapackePath = env("NEUROCOMPARE_LAPACKE");
  const blas = openFirst(
    blasPath ? [blasPath] : ["libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3"],
    blasSymbols,
  );
  if (!blas.lib) {
    return {
      backend: null,
      reason: blas.denied
        ? blas.error
        : `${blas.error}; install OpenBLAS (Debian: apt-get install libopenblas0-pthread liblapacke)`,
    };
  }
  const lapacke = openFirst(
    lapackePath ? [lapackePath] : ["liblapacke.so.3", "liblapacke.so"],
    lapackeSymbols,
  );
  if (!lapacke.lib) {
    blas.lib.close();
    return {
      backend: null,
      reason: lapacke.denied
        ? lapacke.error
        : `${lapacke.error}; install LAPACKE (Debian: apt-get install liblapacke)`,
    };
  }
  const threads = openFirst(
    blasPath ? [blasPath] : ["libopenblas.so.0", "libopenblas.so"],
    threadSymbols,
  ).lib;
  return {
    backend: makeBackend(blas.lib.symbols, lapacke.lib.symbols, threads?.symbols),
    reason: "",
  };
}

type Blas = Deno.DynamicLibrary<typeof blasSymbols>["symbols"];
type Lapacke = Deno.DynamicLibrary<typeof lapackeSymbols>["symbols"];
type Threads = Deno.DynamicLibrary<typeof threadSymbols>["symbols"];

function makeBackend(blas: Blas, lp: Lapacke, threads: Threads | undefined): Backend {
  const gemm = (
    A: Matrix,
    B: Matrix,
    transA: boolean,
    transB: boolean,
    out?: Float64Array,
  ): Matrix => {
    const m = transA ? A.cols : A.rows;
    const k = transA ? A.rows : A.cols;
    const n = transB ? B.rows : B.cols;
    const C = out ?? new Float64Array(m * n);
    if (m === 0 || n === 0) return { rows: m, cols: n, data: C };
    if (k === 0) return { rows: m, cols: n, data: C.fill(0) };
    blas.cblas_dgemm(
      ROW_MAJOR,
      transA ? TRANS : NO_TRANS,
      transB ? TRANS : NO_TRANS,
      m,
      n,
      k,
      1,
      A.data,
      Math.max(1, A.cols),
      B.data,
      Math.max(1, B.cols),
      0,
      C,
      Math.max(1, n),
    );
    return { rows: m, cols: n, data: C };
  };

  // Row-major A [m, n] is column-major Aᵀ [n, m]; SVD of Aᵀ = U' S V'ᵀ gives
  // A = V' S U'ᵀ, and the column-major outputs read row-major are exactly
  // Vt (from U') and U (from V'ᵀ).
  const svdCore = (A: Matrix, job: "S" | "A" | "N"): RawSvd => {
    const m = A.rows, n = A.cols, k = Math.min(m, n);
    const a = A.data.slice();
    const s = new Float64Array(k);
    const vtRows = job === "A" ? n : job === "S" ? k : 0;
    const uCols = job === "A" ? m : job === "S" ? k : 0;
    const vt = new Float64Array(Math.max(1, vtRows * n));
    const u = new Float64Array(Math.max(1, m * uCols));
    if (k === 0) {
      // nothing to decompose: the full factors are identities, the thin ones empty
      const U = new Float64Array(m * uCols), Vt = new Float64Array(vtRows * n);
      for (let i = 0; i < Math.min(m, uCols); i++) U[i * uCols + i] = 1;
      for (let i = 0; i < Math.min(vtRows, n); i++) Vt[i * n + i] = 1;
      return { U: { rows: m, cols: uCols, data: U }, s, Vt: { rows: vtRows, cols: n, data: Vt } };
    }
    const info = lp.LAPACKE_dgesdd(
      COL_MAJOR,
      ch(job),
      n,
      m,
      a,
      n,
      s,
      vt,
      n,
      u,
      Math.max(1, uCols),
    );
    check(info, "dgesdd");
    return {
      U: { rows: m, cols: uCols, data: u.subarray(0, m * uCols) },
      s,
      Vt: { rows: vtRows, cols: n, data: vt.subarray(0, vtRows * n) },
    };
  };

  const eigh = (A: Matrix, vectors: boolean): RawEigh => {
    const n = A.rows;
    const a = A.data.slice();
    const w = new Float64Array(n);
    if (n === 0) {
      return vectors ? { values: w, vectors: { rows: 0, cols: 0, data: a } } : { values: w };
    }
    // the row-major lower triangle is the column-major upper triangle
    const info = lp.LAPACKE_dsyevd(COL_MAJOR, ch(vectors ? "V" : "N"), ch("U"), n, a, n, w);
    check(info, "dsyevd");
    if (!vectors) return { values: w };
    // column-major eigenvector columns, read row-major, are rows: transpose
    return {
      values: w,
      vectors: { rows: n, cols: n, data: transpose({ rows: n, cols: n, data: a }).data },
    };
  };

  const eig = (A: Matrix, vectors: boolean): RawEig => {
    const n = A.rows;
    const a = A.data.slice();
    const wr = new Float64Array(n), wi = new Float64Array(n);
    if (n === 0) return { re: wr, im: wi };
    const vl = new Float64Array(1);
    const vr = new Float64Array(vectors ? n * n : 1);
    const info = lp.LAPACKE_dgeev(
      ROW_MAJOR,
      ch("N"),
      ch(vectors ? "V" : "N"),
      n,
      a,
      n,
      wr,
      wi,
      vl,
      1,
      vr,
      vectors ? n : 1,
    );
    check(info, "dgeev");
    if (!vectors) return { re: wr, im: wi };
    const { vre, vim } = expandConjugatePairs(vr, wi, n);
    return {
      re: wr,
      im: wi,
      vectorsRe: { rows: n, cols: n, data: vre },
      vectorsIm: { rows: n, cols: n, data: vim },
    };
  };

  const cholesky = (A: Matrix, out?: Float64Array): Matrix | null => {
    const n = A.rows;
    if (out === A.data) {
      throw new RangeError("Cannot run cholesky: `out` must be a separate array, not A's data");
    }
    const a = out ? intoBuffer(out, A.data, "cholesky") : A.data.slice();
    if (n === 0) return { rows: 0, cols: 0, data: a };
    // column-major upper U (A = UᵀU) read row-major is lower L = Uᵀ
    const info = lp.LAPACKE_dpotrf(COL_MAJOR, ch("U"), n, a, n);
    // info > 0: a pivot is not positive; info = −4: LAPACKE found a NaN in the
    // triangle it reads, which no positive-definite matrix contains
    if (info > 0 || info === -4) return null;
    check(info, "dpotrf");
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i * n + j] = 0;
    return { rows: n, cols: n, data: a };
  };

  const solveTriangular = (
    T: Matrix,
    B: Matrix,
    lower: boolean,
    trans: boolean,
    out?: Float64Array,
  ): Matrix => {
    const x = out ? intoBuffer(out, B.data, "solveTriangular") : B.data.slice();
    if (B.rows === 0 || B.cols === 0) return { rows: B.rows, cols: B.cols, data: x };
    blas.cblas_dtrsm(
      ROW_MAJOR,
      LEFT,
      lower ? LOWER : UPPER,
      trans ? TRANS : NO_TRANS,
      NON_UNIT,
      B.rows,
      B.cols,
      1,
      T.data,
      T.cols,
      x,
      B.cols,
    );
    return { rows: B.rows, cols: B.cols, data: x };
  };

  const lstsq = (A: Matrix, B: Matrix, rcond: number): RawLstsq => {
    const m = A.rows, n = A.cols, nrhs = B.cols;
    const ldb = Math.max(1, nrhs);
    const rowsB = Math.max(m, n);
    const a = A.data.slice();
    const b = new Float64Array(Math.max(1, rowsB * nrhs));
    b.set(B.data);
    const s = new Float64Array(Math.min(m, n));
    const rank = new Int32Array(1);
    const info = lp.LAPACKE_dgelsd(
      ROW_MAJOR,
      m,
      n,
      nrhs,
      a,
      Math.max(1, n),
      b,
      ldb,
      s,
      rcond,
      rank,
    );
    check(info, "dgelsd");
    return { x: { rows: n, cols: nrhs, data: b.slice(0, n * nrhs) }, rank: rank[0]!, s };
  };

  const qr = (A: Matrix): { Q: Matrix; R: Matrix } => {
    const m = A.rows, n = A.cols, k = Math.min(m, n);
    const a = A.data.slice();
    const tau = new Float64Array(Math.max(1, k));
    if (k === 0) {
      return {
        Q: { rows: m, cols: 0, data: new Float64Array(0) },
        R: { rows: 0, cols: n, data: new Float64Array(0) },
      };
    }
    check(lp.LAPACKE_dgeqrf(ROW_MAJOR, m, n, a, n, tau), "dgeqrf");
    const R = new Float64Array(k * n);
    for (let i = 0; i < k; i++) for (let j = i; j < n; j++) R[i * n + j] = a[i * n + j]!;
    check(lp.LAPACKE_dorgqr(ROW_MAJOR, m, k, k, a, n, tau), "dorgqr");
    const Q = new Float64Array(m * k);
    for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) Q[i * k + j] = a[i * n + j]!;
    return { Q: { rows: m, cols: k, data: Q }, R: { rows: k, cols: n, data: R } };
  };

  return {
    name: "lapack",
    gemm,
    svd: (A, full) => svdCore(A, full ? "A" : "S"),
    singularValues: (A) => svdCore(A, "N").s,
    eigh,
    eig,
    cholesky,
    solveTriangular,
    lstsq,
    qr,
    setThreads: (n) => {
      if (!Number.isInteger(n) || n < 1) {
        throw new RangeError(`Cannot set threads: \`n\` must be an integer >= 1: got ${n}`);
      }
      threads?.openblas_set_num_threads(n);
    },
  };
}
