/**
 * The systems and the reference runner shared by the DSA benchmarks (`bench/dsa.ts` and
 * `bench/dsa_starts.ts`): noisy Lorenz and three-channel Van der Pol trajectories, the ten
 * systems of the 45-pair benchmark, and a call of `bench/dsa_baseline.py` (the reference
 * procedure in numpy or PyTorch) on raw float64 files.
 *
 * @module
 */

import type { ShapedArray } from "../lib/dynamics/data.ts";
import { simulateLorenz } from "../lib/dynamics/simulate/lorenz.ts";
import { simulateVanDerPol } from "../lib/dynamics/simulate/van_der_pol.ts";
import { mulberry32, normalSampler } from "../lib/random.ts";

/** The embedding of the benchmark: 20 delays, rank 50, the reference's ridge. */
export const DMD_OPTIONS = { nDelays: 20, rank: 50, ridge: 1e-8 };

/**
 * Van der Pol observed through 3 channels (x, y and a mixture), each with independent
 * observation noise (σ = 0.01) so that the 60 Hankel singular values are all above rounding.
 */
export function vdp3(mu: number, seed: number): ShapedArray {
  const V = simulateVanDerPol({ steps: 2000, mu, seed, observationNoise: 0.01 });
  const noise = normalSampler(mulberry32(seed + 1000));
  const d = new Float64Array(2000 * 3);
  for (let t = 0; t < 2000; t++) {
    const x = V.data[2 * t]!, y = V.data[2 * t + 1]!;
    d[3 * t] = x;
    d[3 * t + 1] = y;
    d[3 * t + 2] = 0.5 * x - 0.3 * y + 0.01 * noise();
  }
  return { shape: [2000, 3], data: d };
}

/**
 * Lorenz with a little observation noise, which keeps all 60 Hankel singular values above
 * rounding, so that rank 50 is well posed (noiseless Lorenz has numerical Hankel rank ≈ 45
 * here, and A_v would depend on rounding).
 */
export function lorenz(rho: number, seed: number): ShapedArray {
  const X = simulateLorenz({ steps: 2000, rho, seed, observationNoise: 0.05 });
  return { shape: [2000, 3], data: X.data };
}

/** The ten systems of the 45-pair benchmark: Lorenz ρ = 20…36, Van der Pol μ = 0.5…2.5. */
export function benchmarkSystems(): ShapedArray[] {
  return [
    ...[20, 24, 28, 32, 36].map((rho, i) => lorenz(rho, 20 + i)),
    ...[0.5, 1, 1.5, 2, 2.5].map((mu, i) => vdp3(mu, 30 + i)),
  ];
}

/** The 45 pairs (i, j), i < j, of ten systems, in row order. */
export function allPairs(count = 10): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < count; i++) for (let j = i + 1; j < count; j++) pairs.push([i, j]);
  return pairs;
}

/** One result of `bench/dsa_baseline.py`. */
export interface BaselineResult {
  angular: number;
  euclidean: number;
  seconds: number;
  cpu_seconds: number;
}

/** Raw files and the Python that `bench/dsa_baseline.py` runs with. */
export class BaselineRunner {
  #id = 0;
  constructor(readonly dir: string, readonly python: string, readonly root: string) {}

  /** Write an array's values as a raw little-endian float64 file; its path and shape. */
  raw(x: { data: Float64Array }, shape: number[]): { path: string; shape: number[] } {
    const path = `${this.dir}/a${this.#id++}.bin`;
    Deno.writeFileSync(path, new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength));
    return { path, shape };
  }

  /** Run `bench/dsa_baseline.py` on a spec (see its docstring), one thread. */
  async run(spec: unknown): Promise<{ pairs: BaselineResult[]; operator_pairs: BaselineResult[] }> {
    const path = `${this.dir}/spec${this.#id++}.json`;
    Deno.writeTextFileSync(path, JSON.stringify(spec));
    const out = await new Deno.Command(this.python, {
      args: [`${this.root}bench/dsa_baseline.py`, path],
      env: { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`baseline failed: ${new TextDecoder().decode(out.stderr)}`);
    return JSON.parse(new TextDecoder().decode(out.stdout));
  }
}

/** The Python with numpy, scipy and PyTorch (PYTHON, else python3), or exit 2 naming what failed. */
export async function pythonWithTorch(script: string): Promise<string> {
  const python = Deno.env.get("PYTHON") ?? "python3";
  const probe = await new Deno.Command(python, {
    args: ["-c", "import numpy, scipy, torch"],
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!probe.success) {
    console.error(
      `${script} needs numpy, scipy and PyTorch in ${python} (Debian: apt-get install python3-scipy python3-torch; or set PYTHON): ${
        new TextDecoder().decode(probe.stderr).trim().split("\n").at(-1)
      }`,
    );
    Deno.exit(2);
  }
  return python;
}

/**
 * Replace the section of `bench/README.md` that starts with `title` (up to the next `## `
 * heading) by `section`, or add it after the section headed `after` (else at the end); then
 * put the file in `deno fmt` form (the repository's checks read it).
 */
export async function writeReadmeSection(
  root: string,
  title: string,
  section: string,
  after?: string,
): Promise<string> {
  const readme = `${root}bench/README.md`;
  let text = "";
  try {
    text = Deno.readTextFileSync(readme);
  } catch {
    text = "# Benchmarks\n";
  }
  const start = text.indexOf(title);
  const end = (from: number) => {
    const next = text.indexOf("\n## ", from + 5);
    return next < 0 ? text.length : next + 1;
  };
  if (start >= 0) {
    text = text.slice(0, start) + section + text.slice(end(start));
  } else {
    const anchor = after === undefined ? -1 : text.indexOf(after);
    const at = anchor < 0 ? text.length : end(anchor);
    text = `${text.slice(0, at).trimEnd()}\n\n${section}\n${text.slice(at)}`.trimEnd() + "\n";
  }
  Deno.writeTextFileSync(readme, text);
  await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "-q", readme],
    stdout: "null",
    stderr: "null",
  }).output();
  return readme;
}
