/**
 * Property tests generated from the measure registry: every declared property
 * of every measure is checked on random inputs of its input kind, at the
 * default options, at each alias and at each extra option set the measure
 * lists in `checks`:
 * - metric: d(x, x) = 0 and the triangle inequality on random triples;
 * - for measures that return only a similarity, the checks below use the similarity;
 * - symmetric: d(x, y) = d(y, x);
 * - each declared invariance: transforming x leaves d(x, y) unchanged;
 * - each invariance declared false: some random transform changes d by > 1e-6.
 * Tolerance: the measure's `tolerance` (1e-9 unless its optimiser converges
 * to a tolerance), relative to 1 + |d|.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { listMeasures, resolveOptions } from "../../lib/measures/all.ts";
import type { Invariances, Measure, ResolvedOptions } from "../../lib/measures/types.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { randomStableMatrix, simulateLinear } from "../../lib/dynamics/simulate/linear.ts";
import { simulateDriven } from "../../lib/dynamics/simulate/driven.ts";

/** An input with units on its last axis. */
interface Arr {
  shape: number[];
  data: Float64Array;
}

/** An input: an array, or observations Y (units last) with the inputs U that drove them. */
type Input = Arr | { Y: Arr; U: Arr };

/** The part of an input whose last axis holds the units (the transforms act on it). */
function unitsOf(x: Input): Arr {
  return "Y" in x ? x.Y : x;
}

function withUnits(x: Input, units: Arr): Input {
  return "Y" in x ? { ...x, Y: units } : units;
}

function asInput(kind: Measure["input"], a: Input): unknown {
  if ("Y" in a) return a;
  return kind === "responses" ? { rows: a.shape[0]!, cols: a.shape[1]!, data: a.data } : a;
}

/** A random input-driven system's observations (3 states, fully observed) and 2 inputs. */
function randomDriven(seed: number): Input {
  const g = normalSampler(mulberry32(5000 + seed));
  const A = randomStableMatrix(3, { seed: 1000 + seed, spectralRadius: 0.9 });
  // two input channels: with one, B alone up to rotation would only carry its norm
  const B = [[g(), g()], [g(), g()], [g(), g()]];
  const U = { shape: [120, 2], data: Float64Array.from({ length: 240 }, g) };
  const Y = simulateDriven({ A, B }, U, { processNoise: 0.1, seed });
  return { Y: { shape: [...Y.shape], data: Float64Array.from(Y.data) }, U };
}

/** A random input of the measure's kind (seeded). */
function randomInput(kind: Measure["input"], seed: number): Input {
  if (kind === "drivenTimeSeries") return randomDriven(seed);
  const g = normalSampler(mulberry32(seed));
  const fill = (shape: number[]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = new Float64Array(n);
    for (let k = 0; k < n; k++) data[k] = g();
    return { shape, data };
  };
  if (kind === "responses") {
    // unit variances 1, 0.3², 0.05²: a decaying spectrum, as real responses have (so
    // measures that keep the leading components, like SVCCA, really drop one)
    const r = fill([12, 3]);
    for (let k = 0; k < r.data.length; k++) r.data[k] = r.data[k]! * [1, 0.3, 0.05][k % 3]!;
    return r;
  }
  if (kind === "stochastic") return fill([5, 6, 2]);
  if (kind === "images") return fill([3, 3, 3, 2]);
  // 3 conditions × 6 trials × 2 time points × 2 units (full-rank 4 × 4 covariances)
  if (kind === "trajectories") return fill([3, 6, 2, 2]);
  const A = randomStableMatrix(3, { seed: 1000 + seed, spectralRadius: 0.9 });
  const s = simulateLinear(A, { steps: 40, processNoise: 0.1, seed });
  return { shape: [...s.shape], data: Float64Array.from(s.data) };
}

/** x ↦ x·M + c on the last axis. */
function mapUnits(x: Arr, M: Float64Array, c: Float64Array): Arr {
  const p = x.shape.at(-1)!;
  const out = new Float64Array(x.data.length);
  for (let r = 0; r < x.data.length / p; r++) {
    for (let j = 0; j < p; j++) {
      let s = c[j]!;
      for (let k = 0; k < p; k++) s += x.data[r * p + k]! * M[k * p + j]!;
      out[r * p + j] = s;
    }
  }
  return { shape: x.shape, data: out };
}

/** A random transform of the given kind, applied to the units of an input. */
function transform(kind: keyof Invariances, x: Input, seed: number): Input {
  return withUnits(x, transformUnits(kind, unitsOf(x), seed));
}

/** A random transform of the given kind for p units. */
function transformUnits(kind: keyof Invariances, x: Arr, seed: number): Arr {
  const p = x.shape.at(-1)!;
  const rand = mulberry32(7919 * seed + 13);
  const g = normalSampler(rand);
  const eye = new Float64Array(p * p);
  for (let i = 0; i < p; i++) eye[i * p + i] = 1;
  const zero = new Float64Array(p);
  if (kind === "rotation") return mapUnits(x, haarOrthogonal(p, rand), zero);
  if (kind === "permutation") {
    const perm = Array.from({ length: p }, (_, i) => i);
    do {
      for (let i = p - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
    } while (perm.every((v, i) => v === i));
    const P = new Float64Array(p * p);
    perm.forEach((j, i) => (P[i * p + j] = 1));
    return mapUnits(x, P, zero);
  }
  if (kind === "isotropicScale") {
    const s = rand() < 0.5 ? 0.3 + 0.5 * rand() : 1.5 + 1.5 * rand();
    return mapUnits(x, eye.map((v) => v * s), zero);
  }
  if (kind === "translation") return mapUnits(x, eye, Float64Array.from(zero, () => 2 * g()));
  // a well-conditioned invertible map Q₁·diag(s)·Q₂ with s in [0.4, 2.5]
  const Q1 = haarOrthogonal(p, rand), Q2 = haarOrthogonal(p, rand);
  const M = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let s = 0;
      for (let k = 0; k < p; k++) {
        s += Q1[i * p + k]! * (0.4 + 2.1 * ((k + 0.5) / p)) * Q2[k * p + j]!;
      }
      M[i * p + j] = s;
    }
  }
  return mapUnits(x, M, zero);
}

function distance(m: Measure, o: ResolvedOptions, x: Input, y: Input): number {
  const X = m.validate(asInput(m.input, x), "X", "test");
  const Y = m.validate(asInput(m.input, y), "Y", "test");
  const width = Math.max(m.widthOf(X), m.widthOf(Y));
  const a = m.prepare(X, o, { width, test: null, name: "X" });
  const b = m.prepare(Y, o, { width, test: null, name: "Y" });
  const c = m.compare(a, b, o);
  if (m.returns === "similarity") {
    // similarity measures: the same invariance and symmetry checks on the similarity
    assert.ok(typeof c.similarity === "number" && Number.isFinite(c.similarity), `${c.similarity}`);
    return c.similarity;
  }
  const d = c.distance;
  assert.ok(typeof d === "number" && Number.isFinite(d) && d >= 0, `distance ${d}`);
  return d;
}

const INVARIANCES: (keyof Invariances)[] = [
  "rotation",
  "permutation",
  "isotropicScale",
  "translation",
  "invertibleLinear",
];

/** Runs per property: fewer for the slow optimisers. */
function runsOf(m: Measure): number {
  return m.input === "timeSeries" || m.input === "drivenTimeSeries"
    ? 2
    : m.input === "stochastic" || m.input === "trajectories"
    ? 3
    : 6;
}

for (const measure of listMeasures()) {
  const configs: [string, ResolvedOptions][] = [
    ["defaults", resolveOptions(measure).options],
    ...Object.keys(measure.aliases).map((a) =>
      [`alias ${a}`, resolveOptions(a).options] as [string, ResolvedOptions]
    ),
    ...(measure.checks ?? []).map((c) =>
      [JSON.stringify(c), resolveOptions(measure, c).options] as [string, ResolvedOptions]
    ),
  ];
  for (const [label, o] of configs) {
    const props = measure.properties(o);
    const tol = measure.tolerance ?? 1e-9;
    const close = (a: number, b: number) => Math.abs(a - b) <= tol * (1 + Math.abs(b));
    const numRuns = runsOf(measure);
    const seeds = fc.integer({ min: 1, max: 1e6 });
    const d = (x: Input, y: Input) => distance(measure, o, x, y);
    const input = (s: number) => randomInput(measure.input, s);
    Deno.test(`${measure.name} (${label}) has the declared properties`, async (t) => {
      if (props.metric) {
        await t.step("d(x, x) = 0", () => {
          fc.assert(fc.property(seeds, (s) => d(input(s), input(s)) <= tol), {
            numRuns,
            seed: 20261206,
          });
        });
        await t.step("triangle inequality on random triples", () => {
          fc.assert(
            fc.property(seeds, (s) => {
              const [x, y, z] = [input(s), input(s + 1), input(s + 2)];
              return d(x, z) <= d(x, y) + d(y, z) + tol;
            }),
            { numRuns, seed: 20261206 },
          );
        });
      }
      await t.step(`symmetric: ${props.symmetric}`, () => {
        if (!props.symmetric) return;
        fc.assert(
          fc.property(seeds, (s) => close(d(input(s), input(s + 1)), d(input(s + 1), input(s)))),
          { numRuns, seed: 20261206 },
        );
      });
      for (const kind of INVARIANCES) {
        const declared = props.invariances[kind];
        await t.step(`${kind} invariance: ${declared}`, () => {
          if (declared) {
            fc.assert(
              fc.property(seeds, (s) => {
                const x = input(s), y = input(s + 1);
                return close(d(transform(kind, x, s), y), d(x, y));
              }),
              { numRuns, seed: 20261206 },
            );
          } else {
            const changes: number[] = [];
            for (let s = 1; s <= 4; s++) {
              const x = input(s), y = input(s + 1);
              changes.push(Math.abs(d(transform(kind, x, s), y) - d(x, y)));
            }
            assert.ok(
              changes.some((c) => c > 1e-6),
              `declared not invariant to ${kind}, but no random transform changed it: ${changes}`,
            );
          }
        });
      }
    });
  }
}
