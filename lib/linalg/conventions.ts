/**
 * Deterministic sign and order conventions applied to every backend's raw
 * factorisations, so `lapack` and `portable` return the same vectors.
 *
 * - SVD: singular values descending; column k of U has its entry of largest
 *   absolute value positive (first such entry on ties); row k of Vt is flipped
 *   with it. When m < n... the rule still looks at U. For a zero column of U
 *   (possible only in a full SVD's null-space part), Vt decides.
 * - Symmetric eigenvectors: largest-|·| entry positive.
 * - General eigenvalues: sorted by modulus descending, then real part
 *   descending, then imaginary part descending (so a conjugate pair appears
 *   with +Im first); each eigenvector scaled to unit 2-norm with its
 *   largest-modulus entry real and positive.
 *
 * Vectors of repeated singular values/eigenvalues span a subspace whose basis
 * is not unique; those agree between backends only as subspaces.
 *
 * @module
 */

/** Index of the entry of largest absolute value in column j of a row-major [m, n] array. */
function argmaxAbsColumn(data: Float64Array, m: number, n: number, j: number): number {
  let best = -1;
  let bestAbs = -1;
  for (let i = 0; i < m; i++) {
    const a = Math.abs(data[i * n + j]!);
    // relative tie tolerance keeps the choice stable under rounding differences
    if (a > bestAbs * (1 + 1e-9) + 1e-300) {
      bestAbs = a;
      best = i;
    }
  }
  return best;
}

/** Flip column j of a row-major [m, n] array in place. */
function negateColumn(data: Float64Array, m: number, n: number, j: number): void {
  for (let i = 0; i < m; i++) data[i * n + j] = -data[i * n + j]!;
}

/** Fix SVD signs in place: U [m, ku] columns, Vt [kv, n] rows; pairs k < min(ku, kv). */
export function fixSvdSigns(
  U: Float64Array,
  m: number,
  ku: number,
  Vt: Float64Array,
  kv: number,
  n: number,
): void {
  const k = Math.min(ku, kv);
  for (let j = 0; j < k; j++) {
    const i = argmaxAbsColumn(U, m, ku, j);
    const v = i >= 0 ? U[i * ku + j]! : 0;
    let flip = v < 0;
    if (v === 0) {
      // decide by the row of Vt instead
      let bi = -1, ba = -1;
      for (let c = 0; c < n; c++) {
        const a = Math.abs(Vt[j * n + c]!);
        if (a > ba * (1 + 1e-9) + 1e-300) {
          ba = a;
          bi = c;
        }
      }
      flip = bi >= 0 && Vt[j * n + bi]! < 0;
    }
    if (flip) {
      negateColumn(U, m, ku, j);
      for (let c = 0; c < n; c++) Vt[j * n + c] = -Vt[j * n + c]!;
    }
  }
  // left columns beyond the paired ones (full SVD, m > n)
  for (let j = k; j < ku; j++) {
    const i = argmaxAbsColumn(U, m, ku, j);
    if (i >= 0 && U[i * ku + j]! < 0) negateColumn(U, m, ku, j);
  }
  // right rows beyond the paired ones (full SVD, n > m)
  for (let r = k; r < kv; r++) {
    let bi = -1, ba = -1;
    for (let c = 0; c < n; c++) {
      const a = Math.abs(Vt[r * n + c]!);
      if (a > ba * (1 + 1e-9) + 1e-300) {
        ba = a;
        bi = c;
      }
    }
    if (bi >= 0 && Vt[r * n + bi]! < 0) {
      for (let c = 0; c < n; c++) Vt[r * n + c] = -Vt[r * n + c]!;
    }
  }
}

/** Fix eigenvector signs in place: every column of a row-major [n, n] array gets its largest-|·| entry positive. */
export function fixColumnSigns(V: Float64Array, m: number, n: number): void {
  for (let j = 0; j < n; j++) {
    const i = argmaxAbsColumn(V, m, n, j);
    if (i >= 0 && V[i * n + j]! < 0) negateColumn(V, m, n, j);
  }
}

/** Order for general eigenvalues: modulus desc, then real desc, then imaginary desc. */
export function eigOrder(re: Float64Array, im: Float64Array): number[] {
  const n = re.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  const mod = idx.map((i) => Math.hypot(re[i]!, im[i]!));
  const scale = Math.max(1e-300, ...mod);
  const tol = 1e-12 * scale;
  idx.sort((a, b) => {
    const dm = mod[b]! - mod[a]!;
    if (Math.abs(dm) > tol) return dm;
    const dr = re[b]! - re[a]!;
    if (Math.abs(dr) > tol) return dr;
    return im[b]! - im[a]!;
  });
  return idx;
}
