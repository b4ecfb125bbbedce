/** Seeded random networks for the multiset tests. */
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { randn } from "../../lib/random.ts";

/** K networks on n stimuli sharing a latent signal, widths from `widths` (cycled). */
export function networks(K: number, n: number, widths: number[], seed: number): Matrix[] {
  const latent = randn(n, 3, seed);
  return Array.from({ length: K }, (_, k) => {
    const p = widths[k % widths.length]!;
    const W = randn(3, p, seed + 10 + k), E = randn(n, p, seed + 100 + k);
    const out = new Float64Array(n * p);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < p; j++) {
        let s = 0.5 * E.data[i * p + j]!;
        for (let l = 0; l < 3; l++) s += latent.data[i * 3 + l]! * W.data[l * p + j]!;
        out[i * p + j] = s;
      }
    }
    return { rows: n, cols: p, data: out };
  });
}
