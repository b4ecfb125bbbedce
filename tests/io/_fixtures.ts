/** Shared helpers for the I/O tests: fixture paths, expected values, bit patterns. */

import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

export interface ExpectedArray {
  file: string;
  descr: string;
  shape: number[];
  fortran_order: boolean;
  values: (string | number)[];
  finite: boolean;
  sum: string;
}

export interface Expected {
  files: ExpectedArray[];
  npz: { file: string; members: Record<string, ExpectedArray> }[];
  sums: { n: number; sum: string }[];
  fortran_sums: { shape: number[]; sum: string }[];
  gen_head: string[];
}

export const EXPECTED: Expected = JSON.parse(
  Deno.readTextFileSync(`${FIXTURES}expected.json`),
);

/** Bit pattern of a float64 as 16 hex digits. */
export function hex64(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x, true);
  return v.getBigUint64(0, true).toString(16).padStart(16, "0");
}

/** Bit patterns of every element of a Float64Array (NaN payloads included). */
export function hexAll(data: Float64Array): string[] {
  const words = new BigUint64Array(data.buffer, data.byteOffset, data.length);
  return Array.from(words, (w) => w.toString(16).padStart(16, "0"));
}

/** Float64 with the given bit pattern. */
export function fromHex(hex: string): number {
  const v = new DataView(new ArrayBuffer(8));
  v.setBigUint64(0, BigInt(`0x${hex}`), true);
  return v.getFloat64(0, true);
}

/** The deterministic sequence `gen(n)` of make_fixtures.py. */
export function gen(n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const frac = ((k * 2654435761) % 2 ** 32) / 2 ** 32 - 0.5;
    out[k] = frac * 2 ** ((k % 41) - 20);
  }
  return out;
}

/** Product of a shape. */
export function count(shape: readonly number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}
