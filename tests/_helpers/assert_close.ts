/**
 * Tolerance assertions for float64 results.
 *
 * @module
 */

/** Tolerances: |actual − expected| ≤ atol + rtol·|expected| entrywise. */
export interface CloseOptions {
  /** Relative tolerance. @default 1e-10 */
  rtol?: number;
  /** Absolute tolerance. @default 1e-12 */
  atol?: number;
  /** Label printed on failure. */
  label?: string;
}

/**
 * Assert two numbers or arrays agree entrywise; the failure names the first bad
 * index with actual, expected, delta and the tolerance.
 */
export function assertAllClose(
  actual: number | ArrayLike<number> | { data: ArrayLike<number>; rows: number; cols: number },
  expected: number | ArrayLike<number> | { data: ArrayLike<number>; rows: number; cols: number },
  options: CloseOptions = {},
): void {
  const { rtol = 1e-10, atol = 1e-12, label = "" } = options;
  const toArr = (x: typeof actual): ArrayLike<number> =>
    typeof x === "number" ? [x] : "data" in x ? x.data : x;
  if (
    typeof actual === "object" && typeof expected === "object" && "rows" in actual &&
    "rows" in expected
  ) {
    if (actual.rows !== expected.rows || actual.cols !== expected.cols) {
      throw new Error(
        `${label}shape mismatch: actual [${actual.rows}, ${actual.cols}], expected [${expected.rows}, ${expected.cols}]`,
      );
    }
  }
  const a = toArr(actual), e = toArr(expected);
  if (a.length !== e.length) {
    throw new Error(`${label}length mismatch: actual ${a.length}, expected ${e.length}`);
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = e[i]!;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    const tol = atol + rtol * Math.abs(y);
    const d = Math.abs(x - y);
    if (!(d <= tol) && x !== y) {
      throw new Error(
        `${label}values differ at index ${i}: actual ${x}, expected ${y}, delta ${d}, tolerance ${tol} (rtol ${rtol}, atol ${atol})`,
      );
    }
  }
}
