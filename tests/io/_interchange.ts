/** Shared helpers for the data-interchange tests: fixture paths and expected values. */

import { fileURLToPath } from "node:url";
import { fromHex } from "./_fixtures.ts";

export const IX = fileURLToPath(new URL("./fixtures/interchange/", import.meta.url));

// deno-lint-ignore no-explicit-any
export const IX_EXPECTED: any = JSON.parse(Deno.readTextFileSync(`${IX}expected.json`));

/** Float64 values from their hex bit patterns. */
export function fromHexes(hexes: readonly string[]): Float64Array {
  return Float64Array.from(hexes, fromHex);
}

/** Bit-exact equality of two float64 arrays (NaN payloads and -0 included). */
export function sameBits(actual: Float64Array, expected: Float64Array): boolean {
  if (actual.length !== expected.length) return false;
  const a = new BigUint64Array(Float64Array.from(actual).buffer);
  const b = new BigUint64Array(Float64Array.from(expected).buffer);
  return a.every((v, k) => v === b[k]);
}

/** A fresh temporary directory, removed by the returned disposer. */
export function tempDir(): { path: string; [Symbol.dispose](): void } {
  const path = Deno.makeTempDirSync({ prefix: "nc_io_" });
  return { path, [Symbol.dispose]: () => Deno.removeSync(path, { recursive: true }) };
}
