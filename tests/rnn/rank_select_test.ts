import assert from "node:assert/strict";
import { selectLtrRank, selectRank } from "../../lib/rnn/rank_select.ts";
import { teacherLtr } from "../../lib/rnn/teacher.ts";
import { fitLtrRnn } from "../../lib/rnn/fit.ts";
import { ltrBlockMasks } from "../../lib/rnn/cv.ts";
import { kruskalSimilarity } from "../../lib/tensor/kruskal.ts";

// Reduced-size reproduction of the teacher–student check (the full-size run is
// bench/ltr_reproduce.ts): a rank-3 teacher with 12 units, 16 trials, 2 conditions.
const teacher = teacherLtr({
  rank: 3,
  nUnits: 12,
  nTrials: 16,
  nTime: 15,
  nConditions: 2,
  seed: 0,
});
const fitOpts = {
  conditions: teacher.model.conditions,
  iterations: 800,
  learningRate: 0.02,
  evalEvery: 0,
};

Deno.test("selectLtrRank() finds the teacher's rank 3: held-out error drops to the plateau at 3", () => {
  const sel = selectLtrRank(teacher.Y, { ranks: [1, 2, 3, 4, 5], seeds: [0, 1], ...fitOpts });
  assert.equal(sel.chosenRank, 3);
  const e = sel.summary.map((s) => s.testError);
  assert.ok(e[0]! > 1.4 * e[2]! && e[1]! > 1.2 * e[2]!, `errors ${e}`);
  for (const r of [3, 4]) assert.ok(Math.abs(e[r]! - e[2]!) < 0.1 * e[2]!, `errors ${e}`);
  assert.ok(
    e[2]! < 1.3 * teacher.noiseFloor,
    `rank-3 error ${e[2]} vs noise floor ${teacher.noiseFloor}`,
  );
  assert.equal(sel.table.length, 10);
});

Deno.test("a rank-3 student recovers the teacher's trial factors (Kruskal similarity > 0.9)", () => {
  const { train, test } = ltrBlockMasks(teacher.Y);
  const fit = fitLtrRnn(teacher.Y, { ...fitOpts, rank: 3, trainMask: train, testMask: test });
  const s = kruskalSimilarity([teacher.trialFactors], [fit.parameters.trialFactors]);
  assert.ok(s.similarity > 0.9, `similarity ${s.similarity}`);
});

Deno.test("selectRank() aggregates seeds by min or mean and validates its grid", () => {
  const err: Record<string, number> = { "1,0": 1, "1,1": 0.5, "2,0": 0.45, "2,1": 0.9 };
  const ev = (r: number, s: number) => ({ trainError: 0, testError: err[`${r},${s}`]! });
  assert.equal(selectRank(ev, { ranks: [1, 2], seeds: [0, 1] }).chosenRank, 2);
  assert.equal(selectRank(ev, { ranks: [1, 2], seeds: [0, 1], tolerance: 0.2 }).chosenRank, 1);
  const mean = selectRank(ev, { ranks: [1, 2], seeds: [0, 1], aggregate: "mean" });
  assert.equal(mean.summary[0]!.testError, 0.75);
  assert.throws(() => selectRank(ev, { ranks: [0] }), {
    name: "RangeError",
    message: "Cannot select rank: `ranks` must hold integers >= 1: got 0",
  });
  assert.throws(() => selectRank(ev, { ranks: [] }), {
    name: "RangeError",
    message: /`ranks` must be a non-empty array/,
  });
  assert.throws(() => selectRank(ev, { ranks: [1], aggregate: "max" as never }), {
    name: "RangeError",
    message: 'Cannot select rank: `aggregate` must be "min" or "mean": got max',
  });
});

Deno.test("selectRank() names the fit that returned a non-finite error instead of crashing", () => {
  const ev = (r: number) => ({ trainError: 0.1, testError: r === 2 ? NaN : 0.2 });
  assert.throws(() => selectRank(ev, { ranks: [1, 2], seeds: [5] }), {
    name: "RangeError",
    message: "Cannot select rank: `evaluate(2, 5)` must return a finite `testError`: got NaN",
  });
  assert.throws(() => selectRank(() => ({ testError: 1 }) as never, { ranks: [1] }), {
    name: "RangeError",
    message:
      "Cannot select rank: `evaluate(1, 0)` must return a finite `trainError`: got undefined",
  });
});
