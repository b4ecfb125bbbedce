/**
 * Run a test on every available linear-algebra backend: one `Deno.test` per
 * backend, named "<claim> [portable]" / "<claim> [lapack]". `lapack` is
 * included when its libraries load (and FFI is allowed); `portable` always.
 *
 * @module
 */

import { type BackendName, lapackAvailable, withBackend } from "../../lib/linalg/backend.ts";

/** Backends present in this run. */
export const BACKENDS: ("portable" | "lapack")[] = lapackAvailable()
  ? ["portable", "lapack"]
  : ["portable"];

/** Register `fn` as one test per available backend, with that backend selected. */
export function testBackends(name: string, fn: (backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    Deno.test(`${name} [${backend}]`, () => withBackend(backend, () => fn(backend)));
  }
}

/** Register a test that compares the two backends (ignored when lapack is missing). */
export function testAgreement(name: string, fn: () => void): void {
  Deno.test({ name, ignore: !BACKENDS.includes("lapack"), fn });
}

/** Evaluate `fn` once on each backend: [portable result, lapack result]. */
export function onBoth<T>(fn: () => T): [T, T] {
  return [withBackend("portable", fn), withBackend("lapack", fn)];
}
