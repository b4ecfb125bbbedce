import type { Matrix } from "../../lib/linalg/matrix.ts";
import type { Tensor3 } from "../../lib/tensor/tensor.ts";

/** The numpy fixtures of tests/tensor/fixtures/make_fixtures.py. */
// deno-lint-ignore no-explicit-any
export const fx: any = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/tensor_fixtures.json", import.meta.url)),
);

export const shape = fx.shape as [number, number, number];
export const R = fx.rank as number;

export function tens(data: number[], s: [number, number, number] = shape): Tensor3 {
  return { shape: s, data: Float64Array.from(data) };
}

export function mat(data: number[], rows: number, cols: number): Matrix {
  return { rows, cols, data: Float64Array.from(data) };
}

export function factors(list: number[][], rank = R, dims: readonly number[] = shape): Matrix[] {
  return list.map((d, m) => mat(d, dims[m]!, rank));
}
