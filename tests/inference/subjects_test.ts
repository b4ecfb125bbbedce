import assert from "node:assert/strict";
import {
  bootstrap,
  bootstrapMeasureSubjects,
  compareModels,
  compareModelsSubjects,
  compareModelsWith,
  twoFactorBootstrap,
} from "../../lib/inference/mod.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { type Matrix, takeRows } from "../../lib/linalg/matrix.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

const N = 30, P = 4;
const gauss = (seed: number, len: number) =>
  Float64Array.from({ length: len }, normalSampler(mulberry32(seed)));
/** The model: fixed responses to the N stimuli. */
const model: Matrix = { rows: N, cols: P, data: gauss(1, N * P) };
/** A subject: the model seen through a subject-specific mixing and noise of size `noise`. */
function subject(seed: number, noise = 1.2): Matrix {
  const g = normalSampler(mulberry32(seed));
  const mix = Float64Array.from(
    { length: P * P },
    (_, i) => (i % (P + 1) === 0 ? 1 : 0) + 0.4 * g(),
  );
  const data = new Float64Array(N * P);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < P; j++) {
      let s = noise * g();
      for (let k = 0; k < P; k++) s += model.data[i * P + k]! * mix[k * P + j]!;
      data[i * P + j] = s;
    }
  }
  return { rows: N, cols: P, data };
}
const cka = (X: Matrix, Y: Matrix) => compareWith("cka", X, Y).similarity!;

Deno.test("bootstrapMeasureSubjects() averages the measure over subjects and bootstraps those values like bootstrap() does", () => {
  const subjects = [11, 12, 13, 14, 15, 16].map((s) => subject(s));
  const r = bootstrapMeasureSubjects("cka", [model], subjects, { samples: 300, seed: 2 });
  const values = subjects.map((s) => cka(model, s));
  assert.deepEqual(Array.from(r.perSubject), values);
  const mean = (d: Int32Array | null) => {
    const idx = d ? Array.from(d) : values.map((_, i) => i);
    return idx.reduce((a, i) => a + values[i]!, 0) / idx.length;
  };
  const direct = bootstrap(6, mean, { samples: 300, seed: 2 });
  assert.equal(r.estimate, direct.estimate);
  assert.equal(r.se, direct.se);
  assert.deepEqual(r.ci, direct.ci);
  assert.equal(r.resample, "subjects");
  assert.equal(r.subjects, 6);
});

Deno.test("bootstrapMeasureSubjects() with resample both equals twoFactorBootstrap of the mean over subjects and half-samples of stimuli", () => {
  const subjects = [21, 22, 23, 24].map((s) => subject(s));
  const r = bootstrapMeasureSubjects("procrustes", [model], subjects, {
    resample: "both",
    samples: 60,
    seed: 3,
  });
  const stat = (s: Int32Array, c: Int32Array) =>
    Array.from(s).reduce(
      (a, k) =>
        a + compareWith("procrustes", takeRows(model, c), takeRows(subjects[k]!, c)).distance!,
      0,
    ) / s.length;
  const direct = twoFactorBootstrap(4, N, stat, {
    samples: 60,
    seed: 3,
    minDistinct: 3,
    scheme: "subsample",
  });
  assert.ok(Math.abs(r.estimate - direct.estimate) < 1e-14);
  assert.ok(Math.abs(r.se - direct.se) < 1e-12, `${r.se} vs ${direct.se}`);
  assert.ok("seBoth" in r && r.scheme === "subsample");
  assert.equal(r.value, "distance");
});

Deno.test("the subject-bootstrap SE of mean CKA is within 30% of its Monte-Carlo SD across new subjects", () => {
  const K = 8;
  const stat = (seeds: number[]) => seeds.reduce((a, s) => a + cka(model, subject(s)), 0) / K;
  const mc = Array.from(
    { length: 300 },
    (_, t) => stat(Array.from({ length: K }, (_, k) => 1000 + t * K + k)),
  );
  const m = mc.reduce((a, v) => a + v, 0) / mc.length;
  const sd = Math.sqrt(mc.reduce((a, v) => a + (v - m) ** 2, 0) / (mc.length - 1));
  let se = 0;
  const datasets = 20;
  for (let d = 0; d < datasets; d++) {
    const subjects = Array.from({ length: K }, (_, k) => subject(90000 + d * K + k));
    se += bootstrapMeasureSubjects("cka", [model], subjects, { samples: 400, seed: d }).se /
      datasets;
  }
  assert.ok(Math.abs(se / sd - 1) < 0.3, `SE ${se} vs Monte-Carlo SD ${sd}`);
});

Deno.test("bootstrapMeasureSubjects() pairs stacks subject by subject and refuses stacks of different sizes or one subject", () => {
  const xs = [31, 32, 33].map((s) => subject(s)), ys = [41, 42, 43].map((s) => subject(s));
  const r = bootstrapMeasureSubjects("cka", xs, ys, { samples: 20 });
  assert.deepEqual(Array.from(r.perSubject), xs.map((x, k) => cka(x, ys[k]!)));
  assert.throws(
    () => bootstrapMeasureSubjects("cka", xs, ys.slice(0, 2)),
    (e: Error) =>
      e instanceof TypeError &&
      /`X` and `Y` must hold the same number of subjects .*: got 3 and 2/.test(e.message),
  );
  assert.throws(
    () => bootstrapMeasureSubjects("cka", [model], [xs[0]]),
    (e: Error) =>
      e instanceof RangeError && /at least 2 subjects to resample subjects: got 1/.test(e.message),
  );
  assert.throws(
    () => bootstrapMeasureSubjects("cka", [model], [xs[0], takeRows(xs[1]!, [0, 1, 2, 3, 4])]),
    /subject 1\): `X` and `Y` must have the same stimuli: got 30 and 5/,
  );
  assert.throws(
    () => bootstrapMeasureSubjects("cka", [model], xs, { resample: "stimuli" as "both" }),
    /`resample` must be one of subjects, both: got stimuli/,
  );
});

Deno.test("compareModelsSubjects() scores each model as its mean over subjects, on shared subject draws", () => {
  const subjects = [51, 52, 53, 54, 55].map((s) => subject(s));
  const far: Matrix = { rows: N, cols: P, data: gauss(7, N * P) };
  const r = compareModelsSubjects("cka", subjects, { model, far }, { samples: 200, seed: 1 });
  const vals = [model, far].map((m) => subjects.map((s) => cka(m, s)));
  const mean = (v: number[]) => (d: Int32Array | null) => {
    const idx = d ? Array.from(d) : v.map((_, i) => i);
    return idx.reduce((a, i) => a + v[i]!, 0) / idx.length;
  };
  const direct = compareModels(5, { model: mean(vals[0]!), far: mean(vals[1]!) }, {
    samples: 200,
    seed: 1,
  });
  // equal up to the order of summation
  const close = (a: unknown, b: unknown): boolean =>
    typeof a === "number"
      ? Math.abs(a - (b as number)) < 1e-12
      : a !== null && typeof a === "object"
      ? Object.keys(a).every((k) =>
        close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
      )
      : a === b;
  assert.ok(close(r.models, direct.models), JSON.stringify([r.models, direct.models]));
  assert.ok(close(r.differences, direct.differences));
  assert.ok(r.differences[0]!.pValue < 0.05);
  const both = compareModelsSubjects("cka", subjects, { model, far }, {
    samples: 40,
    resample: "both",
  });
  assert.equal(both.interval, "normal");
  assert.ok(both.models[0]!.estimate === r.models[0]!.estimate);
  assert.ok(both.differences[0]!.se > 0 && both.differences[0]!.pValue < 0.05);
});

Deno.test("a constant model or subject is blamed by name, not as `Y`", () => {
  const flat: Matrix = { rows: N, cols: P, data: new Float64Array(N * P).fill(1) };
  const nan: Matrix = { rows: N, cols: P, data: model.data.map((v, i) => (i === 9 ? NaN : v)) };
  const subjects = [subject(2), subject(3), flat];
  assert.throws(() => compareModelsWith("cka", subject(2), { model, flat }, { samples: 10 }), {
    name: "RangeError",
    message: /because `models.flat` has zero variance across stimuli/,
  });
  assert.throws(
    () => compareModelsWith("cka", subject(2), { model, nan }, { samples: 10 }),
    /`models.nan` must be finite: got NaN at \[2, 1\]/,
  );
  assert.throws(
    () => compareModelsSubjects("procrustes", subjects, { model }, { samples: 10 }),
    /because `data\[2\]` has zero variance after centring/,
  );
  assert.throws(
    () => compareModelsSubjects("svcca", subjects.slice(0, 2), { model, flat }, { samples: 10 }),
    /`models.flat` has zero variance across stimuli/,
  );
});
