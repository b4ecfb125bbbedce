import assert from "node:assert/strict";
// The tensor views module: importing it must register the tensor renderers.
import * as views from "../../../lib/views/tensor/mod.ts";
import { formatNumber } from "../../../lib/display/format.ts";
import { plotRankCurve } from "../../../lib/views/tensor/rank_curve.ts";
import { plotTrialFactors } from "../../../lib/views/tensor/trial_factors.ts";
import { plotVarianceExplained } from "../../../lib/views/tensor/variance_explained.ts";
import { randn } from "../../../lib/random.ts";
import { fitLtrRnn } from "../../../lib/rnn/fit.ts";
import { selectRank } from "../../../lib/rnn/rank_select.ts";
import { teacherLtr } from "../../../lib/rnn/teacher.ts";
import { cpAls } from "../../../lib/tensor/cp_als.ts";
import { cpHals } from "../../../lib/tensor/cp_hals.ts";
import { cpRankSweep } from "../../../lib/tensor/cp_rank.ts";
import { kruskalToTensor } from "../../../lib/tensor/kruskal.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const show = (x: unknown): Record<string, string> => (x as any)[DISPLAY]();
const imgCount = (html: string) => (html.match(/<div class="neurocompare-figure"/g) ?? []).length;

/** A planted rank-R tensor [I, J, K] from seeded Gaussian factors. */
function planted(I: number, J: number, K: number, R: number) {
  return kruskalToTensor([randn(I, R, 1), randn(J, R, 2), randn(K, R, 3)]);
}

Deno.test("lib/views/tensor/mod.ts exports the tensor figure functions", () => {
  assert.equal(views.plotRankCurve, plotRankCurve);
  assert.equal(views.plotTrialFactors, plotTrialFactors);
  assert.equal(views.plotVarianceExplained, plotVarianceExplained);
});

Deno.test("a cpDecomposition displays its numbers, a weight table and one factor panel per component and mode", () => {
  const fit = cpAls(planted(6, 5, 40, 2), { rank: 2, seed: 1 });
  const b = show(fit);
  assert.deepEqual(Object.keys(b).sort(), ["image/svg+xml", "text/html", "text/plain"]);
  const text = b["text/plain"]!;
  assert.match(text, /^CP decomposition \(ALS\), rank 2\n/);
  assert.match(text, /shape +6 × 5 × 40/);
  assert.ok(text.includes(formatNumber(fit.relativeError)), text);
  assert.match(text, /variance explained +1\n/);
  for (const w of fit.weights) assert.ok(text.includes(formatNumber(w)), `weight ${w}`);
  assert.match(b["text/html"]!, /<th[^>]*>relative error<\/th>/);
  assert.equal(imgCount(b["text/html"]!), 1);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, "svg svg"), 3 * 2);
  assert.deepEqual(
    texts(doc, "text").filter((t) => /^mode \d$/.test(t)),
    ["mode 1", "mode 2", "mode 3"],
  );
  // short modes as bars, the 40-trial mode as a line
  assert.equal(count(doc, 'g[aria-label="rect"] rect'), 2 * (6 + 5));
  assert.equal(count(doc, 'g[aria-label="line"] path'), 2);
});

Deno.test("a HALS fit says nonnegative, and a high-rank fit draws only its first 8 components", () => {
  const hals = cpHals(absTensor(), { rank: 1 });
  assert.match(show(hals)["text/plain"]!, /^CP decomposition \(nonnegative, HALS\), rank 1/);
  const fit = cpAls(planted(12, 11, 10, 10), { rank: 10, maxIter: 5 });
  const b = show(fit);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, "svg svg"), 3 * 8);
  assert.ok(texts(doc, "text").includes("CP factors (first 8 of 10 components)"));
  assert.match(b["text/plain"]!, /\n +10 +\S+\n/); // the weight table lists all 10
  assert.match(b["text/plain"]!, /iterations +5 \(not converged\)/);
});

function absTensor() {
  const T = planted(4, 4, 4, 1);
  return { shape: T.shape, data: T.data.map(Math.abs) };
}

Deno.test("a rankSelection displays the chosen rank, the per-rank table and the curve with the rank marked", () => {
  const err = [0, 0.5, 0.3, 0.1, 0.099, 0.1];
  const sel = selectRank((rank, seed) => ({
    trainError: err[rank]! * 0.9,
    testError: err[rank]! + seed * 0.01,
  }), { ranks: [1, 2, 3, 4, 5], seeds: [0, 1] });
  const b = show(sel);
  const text = b["text/plain"]!;
  assert.match(text, /^Rank selection: chosen rank 3\n/);
  assert.match(text, /within 5% of the lowest/);
  assert.match(text, /lowest held-out error +0\.099 \(rank 4\)/);
  assert.match(text, /\n +3 +0\.09 +0\.1 +1\.01\n/);
  assert.match(b["text/html"]!, /<table/);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.ok(texts(doc, "text").includes("chosen rank 3"));
  assert.ok(texts(doc, "text").includes("held-out") && texts(doc, "text").includes("train"));
  // per-fit dots (10 held-out + 10 train) and the aggregate points (5 + 5)
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 30);
  assert.equal(count(doc, 'g[aria-label="rule"] line'), 1);
});

Deno.test("a cpRankSweep displays error, variance explained and replicate similarity per rank", () => {
  const sweep = cpRankSweep(planted(6, 5, 4, 2), { ranks: [1, 2, 3], replicates: 3, maxIter: 100 });
  const b = show(sweep);
  const text = b["text/plain"]!;
  assert.match(text, /^CP rank sweep: ranks 1, 2, 3 × 3 replicates\n/);
  assert.ok(text.includes(formatNumber(sweep.best[0]!.relativeError)), text);
  assert.ok(text.includes(formatNumber(sweep.best[0]!.varianceExplained)), text);
  assert.equal(imgCount(b["text/html"]!), 2);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.ok(texts(doc, "text").includes("Variance explained vs rank"));
  assert.ok(texts(doc, "text").includes("best of 3"));
});

Deno.test("an ltrFit displays its errors, the error history and the fitted trial factors", () => {
  const t = teacherLtr({ rank: 1, nUnits: 5, nTrials: 6, nTime: 8, nConditions: 2, seed: 2 });
  const test = new Uint8Array(6 * 8 * 5);
  for (let p = 0; p < test.length; p += 7) test[p] = 1;
  const train = test.map((x) => 1 - x);
  const fit = fitLtrRnn(t.Y, {
    rank: 2,
    iterations: 40,
    learningRate: 0.02,
    evalEvery: 10,
    conditions: t.model.conditions,
    trainMask: train,
    testMask: test,
  });
  const b = show(fit);
  const text = b["text/plain"]!;
  assert.match(text, /^Low-tensor-rank RNN fit, rank 2\n/);
  assert.ok(text.includes(formatNumber(fit.trainError)), text);
  assert.ok(text.includes(formatNumber(fit.testError!)), text);
  assert.match(text, /trials × time × neurons +6 × 8 × 5/);
  assert.equal(imgCount(b["text/html"]!), 2);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.ok(texts(doc, "text").includes("Error during fitting"));
  assert.equal(count(doc, 'g[aria-label="line"] path'), 2);
  const noHistory = fitLtrRnn(t.Y, { rank: 1, iterations: 5, evalEvery: 0 });
  const b2 = show(noHistory);
  assert.match(b2["text/plain"]!, /held-out error \(normalised MSE\) +no test mask/);
  assert.equal(imgCount(b2["text/html"]!), 1);
  assert.ok(texts(parseSvg(b2["image/svg+xml"]!), "text").includes("Fitted trial factors"));
});

Deno.test("plotRankCurve() draws the reference level, starts errors at zero and validates its input", () => {
  const table = [1, 2, 3].map((rank) => ({ rank, testError: 1 / rank }));
  const fig = plotRankCurve({ table }, { reference: { value: 0.25, label: "noise floor" } });
  const doc = parseSvg(fig.svg);
  assert.ok(texts(doc, "text").includes("noise floor 0.25"));
  assert.ok(texts(doc, 'g[aria-label="y-axis tick label"] text').includes("0.0"));
  assert.doesNotMatch(fig.summary, /chosen/);
  const bad: [unknown, string, string][] = [
    [{ table: [] }, "TypeError", "`selection.table` must be a non-empty array of rows"],
    [
      { table: [{ rank: 1.5, testError: 1 }] },
      "RangeError",
      "`table[0].rank` must be an integer >= 1: got 1.5",
    ],
    [
      { table: [{ rank: 1, testError: NaN }] },
      "RangeError",
      "`table[0].testError` must be finite: got NaN",
    ],
    [
      { table: [{ rank: 1 }] },
      "RangeError",
      "no row of `selection.table` has a trainError or testError",
    ],
    [
      { table, chosenRank: 7 },
      "RangeError",
      "`chosenRank` must be one of the ranks [1, 2, 3]: got 7",
    ],
  ];
  for (const [input, name, message] of bad) {
    assert.throws(() => plotRankCurve(input as never), {
      name,
      message: `Cannot plot rank curve: ${message}`,
    });
  }
});

Deno.test("plotTrialFactors() matches permuted, sign-flipped components and marks events", () => {
  const K = 30;
  const teacher = Array.from({ length: K }, (_, k) => [1 + k / K, Math.cos(k / 4), k < 15 ? 0 : 1]);
  const fitted = teacher.map(([a, b, c]) => [2 * c!, -b!, a!]); // permuted, flipped, scaled
  const fig = plotTrialFactors(fitted, {
    reference: teacher,
    rescale: true,
    names: ["student", "teacher"],
    events: [{ at: 15.5, label: "switch" }],
  });
  assert.match(fig.summary, /component 1: \|cos\| 1, corr 1, scale 1\n/);
  assert.match(fig.summary, /component 2: \|cos\| 1, corr 1, scale -1\n/);
  assert.match(fig.summary, /component 3: \|cos\| 1, corr 1, scale 0.5$/);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, "svg svg"), 3);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 6);
  assert.equal(texts(doc, "text").filter((t) => t === "switch").length, 3);
  assert.ok(texts(doc, "text").includes("student") && texts(doc, "text").includes("teacher"));
  // without a reference: one line per panel, no legend, wrapped to 2 columns
  const alone = parseSvg(plotTrialFactors(fitted, { columns: 2 }).svg);
  assert.equal(count(alone, 'g[aria-label="line"] path'), 3);
  assert.equal(alone.documentElement.getAttribute("width"), String(2 * 250));
});

Deno.test("plotTrialFactors() rejects mismatched references and malformed events", () => {
  assert.throws(() => plotTrialFactors([[1], [2]], { reference: [[1]] }), {
    name: "TypeError",
    message:
      "Cannot plot trial factors: `reference` must have 2 trials (rows) like `factors`: got shape [1, 1]",
  });
  assert.throws(() => plotTrialFactors([[1], [2]], { events: [{ at: NaN, label: "x" }] }), {
    name: "TypeError",
    message:
      'Cannot plot trial factors: `events[0]` must be { at: number, label: string }: got {"at":null,"label":"x"}',
  });
  assert.throws(() => plotTrialFactors([[1], [2]], { columns: 0 }), {
    name: "RangeError",
    message: "Cannot plot trial factors: `columns` must be an integer >= 1: got 0",
  });
});

Deno.test("plotVarianceExplained() writes the values at the highlighted rank and draws references", () => {
  const sweep = cpRankSweep(planted(5, 4, 6, 2), { ranks: [1, 2, 3], replicates: 2, maxIter: 100 });
  const fig = plotVarianceExplained([
    { name: "learning", rank: [1, 2, 3], varianceExplained: [0.5, 0.8, 0.93] },
    { name: "planted", sweep },
  ], { highlightRank: 3, reference: [{ rank: 3, value: 0.95, label: "paper ≈ 0.95" }] });
  const doc = parseSvg(fig.svg);
  const all = texts(doc, "text");
  assert.ok(all.includes("0.93") && all.includes("1"), all.join("|"));
  assert.ok(all.includes("paper ≈ 0.95") && all.includes("reference"));
  assert.match(fig.summary, /at rank 3: learning 0.93, planted 1\n/);
  assert.match(fig.summary, /learning: 1: 0.5, 2: 0.8, 3: 0.93/);
  // sweep replicates (6) and per-rank points (3 + 3) and one reference ring
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 6 + 6 + 1);
  const bad: [unknown, string, string][] = [
    [[], "TypeError", "`series` must be a non-empty array of curves"],
    [
      [{ name: "a", rank: [1] }],
      "TypeError",
      "`series[0]` needs `rank` and `varianceExplained`, or `sweep`",
    ],
    [
      [{ name: "a", rank: [1, 2], varianceExplained: [1] }],
      "TypeError",
      "`series[0].rank` and `series[0].varianceExplained` must have the same length: got 2 and 1",
    ],
    [
      [{ name: "a", rank: [1], varianceExplained: [NaN] }],
      "RangeError",
      "`series[0].varianceExplained` must be finite: got NaN at index 0",
    ],
    [[{ name: "a", sweep: {} }], "TypeError", "`series[0].sweep` must be a cpRankSweep result"],
  ];
  for (const [input, name, message] of bad) {
    assert.throws(() => plotVarianceExplained(input as never), {
      name,
      message: `Cannot plot variance explained: ${message}`,
    });
  }
});
