/**
 * Inputs far from unit scale (×1e160, ×1e-200), generated from the registry:
 * every measure declared invariant to isotropic scaling gives the value it
 * gives at unit scale (relative 1e-9), through `compareWith` and through the
 * pairwise engine; every other measure refuses with a RangeError naming the
 * argument and max|x|.
 */

import assert from "node:assert/strict";
import { listMeasures, resolveOptions } from "../../lib/measures/all.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import { pairwiseMatrix } from "../../lib/pairwise/mod.ts";
import type { Measure, ResolvedOptions } from "../../lib/measures/types.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import { simulateDriven } from "../../lib/dynamics/simulate/driven.ts";

function randomInput(kind: Measure["input"], seed: number): unknown {
  const g = normalSampler(mulberry32(seed));
  const fill = (shape: number[]) => {
    const data = new Float64Array(shape.reduce((a, b) => a * b, 1));
    for (let k = 0; k < data.length; k++) data[k] = g();
    return { shape, data };
  };
  if (kind === "responses") {
    const r = fill([12, 3]);
    for (let k = 0; k < r.data.length; k++) r.data[k] = r.data[k]! * [1, 0.3, 0.05][k % 3]!;
    return { rows: 12, cols: 3, data: r.data };
  }
  if (kind === "stochastic") return fill([5, 6, 2]);
  if (kind === "images") return fill([3, 3, 3, 2]);
  // 3 conditions × 6 trials × 2 time points × 2 units (full-rank 4 × 4 covariances)
  if (kind === "trajectories") return fill([3, 6, 2, 2]);
  const A = randomStableMatrix(3, { seed: 1000 + seed, spectralRadius: 0.9 });
  if (kind === "drivenTimeSeries") {
    const U = fill([120, 1]);
    return { Y: simulateDriven({ A, B: [[1], [0.5], [-1]] }, U, { processNoise: 0.1, seed }), U };
  }
  const s = simulateLinear(A, { steps: 40, processNoise: 0.1, seed });
  return { shape: [...s.shape], data: Float64Array.from(s.data) };
}

/** x·c (for an input-driven series: its observations Y·c). */
function times(x: unknown, c: number): unknown {
  if (typeof x === "object" && x !== null && "Y" in x) {
    return { ...x, Y: times((x as { Y: unknown }).Y, c) };
  }
  const t = x as { data: Float64Array };
  return { ...t, data: t.data.map((v) => v * c) };
}

function valueOf(r: { distance?: number; similarity?: number }): number {
  return r.distance ?? r.similarity!;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

for (const measure of listMeasures()) {
  const configs: [string, ResolvedOptions, Record<string, unknown>][] = [
    ["defaults", resolveOptions(measure).options, {}],
    ...Object.keys(measure.aliases).map((a) =>
      [`alias ${a}`, resolveOptions(a).options, { ...measure.aliases[a] }] as [
        string,
        ResolvedOptions,
        Record<string, unknown>,
      ]
    ),
    ...(measure.checks ?? []).map((c) =>
      [JSON.stringify(c), resolveOptions(measure, c).options, { ...c }] as [
        string,
        ResolvedOptions,
        Record<string, unknown>,
      ]
    ),
  ];
  for (const [label, o, given] of configs) {
    const invariant = measure.properties(o).invariances.isotropicScale;
    const X = randomInput(measure.input, 1), Y = randomInput(measure.input, 2);
    Deno.test(
      invariant
        ? `${measure.name} (${label}) gives the unit-scale value for X·1e160 and X·1e-200`
        : `${measure.name} (${label}) refuses X·1e160 and X·1e-200 naming X and max|X|`,
      () => {
        if (invariant) {
          const ref = valueOf(compareWith(measure.name, X, Y, given));
          for (const c of [1e160, 1e-200]) {
            const v = valueOf(compareWith(measure.name, times(X, c), Y, given));
            assert.ok(close(v, ref), `scale ${c}: ${v} vs ${ref}`);
          }
        } else {
          for (const c of [1e160, 1e-200]) {
            assert.throws(
              () => compareWith(measure.name, times(X, c), Y, given),
              (e: Error) =>
                e instanceof RangeError && /`X` has max\|X\| = /.test(e.message) &&
                /not invariant to scaling/.test(e.message),
            );
          }
        }
      },
    );
  }
}

Deno.test("pairwise with one network ×1e160 gives the unit-scale matrix (angular Procrustes)", async () => {
  const nets = [1, 2, 3].map((s) => randomInput("responses", s));
  const ref = await pairwiseMatrix(nets, { measure: "procrustes" });
  const big = await pairwiseMatrix([times(nets[0], 1e160), nets[1], nets[2]], {
    measure: "procrustes",
  });
  const a = ref.matrix, b = big.matrix;
  for (let k = 0; k < a.data.length; k++) assert.ok(close(b.data[k]!, a.data[k]!));
});

Deno.test("pairwise refuses a network ×1e160 for euclidean Procrustes naming networks[0]", async () => {
  const nets = [1, 2].map((s) => randomInput("responses", s));
  await assert.rejects(
    () =>
      pairwiseMatrix([times(nets[0], 1e160), nets[1]], {
        measure: "procrustes",
        score: "euclidean",
      }),
    (e: Error) =>
      e instanceof RangeError && /`networks\[0\]` has max\|networks\[0\]\| = /.test(e.message),
  );
});
