import assert from "node:assert/strict";
import {
  plotErrorGeometry,
  plotErrorModes,
  plotLearningCurve,
  plotSpectrum,
  plotTheoryVsEmpirical,
} from "../../../lib/views/spectral/mod.ts";
import { drawablePoints } from "../../../lib/views/spectral/chart.ts";
import { randn } from "../../../lib/random.ts";
import { alignment } from "../../../lib/spectral/alignment.ts";
import { spectralAnalysis } from "../../../lib/spectral/analysis.ts";
import { empiricalCurve } from "../../../lib/spectral/learning_curve.ts";
import { ridgePredictivity } from "../../../lib/spectral/predictivity.ts";
import { fitRidge } from "../../../lib/spectral/ridge.ts";
import { spectrum } from "../../../lib/spectral/spectrum.ts";
import { layerSweep } from "../../../lib/spectral/sweep.ts";
import { theoryCurve } from "../../../lib/spectral/theory.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const display = (x: unknown): Record<string, string> => (x as any)[DISPLAY]();

// a small seeded problem: X [40, 12] with decaying columns, Y [40, 3] = linear read-out + noise
const P = 40;
const X = randn(P, 12, 1);
for (let i = 0; i < P; i++) for (let j = 0; j < 12; j++) X.data[i * 12 + j] *= 1 / (j + 1);
const Y = randn(P, 3, 2);
for (let i = 0; i < P; i++) {
  for (let n = 0; n < 3; n++) Y.data[i * 3 + n] = 0.3 * Y.data[i * 3 + n]! + X.data[i * 12 + n]!;
}

Deno.test("plotSpectrum() draws λ and W, the null mode as a ring, and leaves zeros out", () => {
  const fig = plotSpectrum({ eigenvalues: [4, 2, 1, 0, 0], weights: [0.5, 0.2, 0, 0.3, 0] });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 2);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 1); // W_null at mode 4
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), [
    "λᵢ / Σλ (model)",
    "Wᵢ (target alignment)",
    "W_null (out of span)",
  ]);
  // λ: 2 zeros; W: the zero in span (index 2) and the zero after the null mode
  assert.match(fig.summary, /rank 3, λ_1 = 4, ED = 2\.33; alignment ED = 2\.6/);
  assert.match(fig.summary, /W_null \(out of span\) = 0\.3; 4 zero entries not drawn/);
});

Deno.test("plotSpectrum() normalises λ by its sum so it shares the axis with W", () => {
  const doc = parseSvg(plotSpectrum({ eigenvalues: [3, 1] }, { normalize: true }).svg);
  // y ticks span the normalised values 0.25…0.75, not the raw 1…3
  const ticks = texts(doc, 'g[aria-label="y-axis tick label"] text').map(Number);
  assert.ok(Math.max(...ticks) <= 0.75 && Math.min(...ticks) >= 0.25, ticks.join(", "));
});

Deno.test("plotSpectrum() reads a spectralAnalysis result's alignment", () => {
  const r = spectralAnalysis(X, Y, { ps: [10, 20], subsets: 2 });
  const fig = plotSpectrum(r);
  assert.match(fig.summary, new RegExp(`rank ${r.alignment.rank}, `));
  assert.match(fig.summary, /W_null \(out of span\) = 0\.\d+/);
});

Deno.test("plotSpectrum() rejects bad input with clear errors", () => {
  assert.throws(() => plotSpectrum({ eigenvalues: [1, -1] }), {
    name: "RangeError",
    message:
      "Cannot plot spectrum: `eigenvalues` must be >= 0 on a log axis (zeros are left out): got -1 at index 1",
  });
  assert.throws(() => plotSpectrum({ eigenvalues: [1, 0.5], weights: [1] }), {
    name: "TypeError",
    message: "Cannot plot spectrum: `weights` must have 2 entries like `eigenvalues`: got 1",
  });
  assert.throws(() => plotSpectrum({ eigenvalues: [1, 0.5], weights: [1.5, -0.5] }), {
    name: "RangeError",
    message: "Cannot plot spectrum: `weights` must be >= 0: got -0.5 at index 1",
  });
  assert.throws(() => plotSpectrum({ eigenvalues: [0, 0] }), {
    name: "RangeError",
    message: "Cannot plot spectrum: `eigenvalues` must not all be zero",
  });
  assert.throws(() => plotSpectrum({ eigenvalues: [1, NaN] }), {
    name: "RangeError",
    message: "Cannot plot spectrum: `eigenvalues` must be finite: got NaN at index 1",
  });
  assert.throws(() => plotSpectrum(null as never), { name: "TypeError" });
});

const theory = { P: 100, ps: [10, 40, 60, 90], Eg: [0.8, 0.4, 0.3, 0.1], Etr: [0, 0.1, 0.1, 0.05] };
const empirical = {
  P: 100,
  ps: [10, 40, 60, 90],
  gen: {
    error: [0.84, 0.41, 0.3, 0.13],
    errorSubsets: [[0.8, 0.88], [0.4, 0.42], [0.29, 0.31], [0.12, 0.14]],
  },
  train: { error: [0, 0.09, 0.1, 0.06] },
};

Deno.test("plotLearningCurve() draws the theory line, empirical dots and a band over subsets", () => {
  const fig = plotLearningCurve(theory, empirical);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 1);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 4);
  assert.equal(count(doc, 'g[aria-label="area"] path'), 1);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), [
    "theory E_g (line)",
    "empirical mean (band: middle 50% of subsets)",
  ]);
  // gaps: 5%, 2.5%, 0%, 30% → largest 30% at p = 90; 5% for p ≤ 60
  assert.match(
    fig.summary,
    /E_g: theory 0\.8 \(p = 10\) to 0\.1 \(p = 90\); empirical 0\.84 \(p = 10\) to 0\.13 \(p = 90\); largest \|empirical\/theory − 1\| = 30% at p = 90; 5% for p ≤ 0\.6P/,
  );
});

Deno.test("plotLearningCurve() band spans the chosen statistic of the subsets", () => {
  // subsets 1…5 at p = 10 (range 4, middle half 2); the theory line fixes the y domain to [0, 6]
  const one = { ps: [10, 20], gen: { error: [3, 3], errorSubsets: [[1, 2, 3, 4, 5], [3, 3]] } };
  const line = { ps: [10, 20], Eg: [0, 6] };
  const yOf = (band: "range" | "quartiles") => {
    const doc = parseSvg(plotLearningCurve(line, one, { band, logY: false }).svg);
    const d = doc.querySelectorAll('g[aria-label="area"] path')[0]!.getAttribute("d")!;
    const ys = [...d.matchAll(/[ML][-\d.]+,([-\d.]+)/g)].map((m) => Number(m[1]));
    return Math.max(...ys) - Math.min(...ys); // band height in pixels
  };
  assert.ok(
    Math.abs(yOf("range") / yOf("quartiles") - 2) < 0.02,
    `${yOf("range")} vs ${yOf("quartiles")}`,
  );
  const none = parseSvg(plotLearningCurve(null, one, { band: "none" }).svg);
  assert.equal(count(none, 'g[aria-label="area"]'), 0);
});

Deno.test("plotLearningCurve() draws training errors and several named curves", () => {
  const fig = plotLearningCurve(
    [
      { name: "model A", theory, empirical },
      { name: "model B", theory: { ...theory, Eg: theory.Eg.map((v) => v / 2) } },
    ],
    null,
    { train: true, logY: false },
  );
  const doc = parseSvg(fig.svg);
  // A: E_g, E_tr (dashed); B: E_g, E_tr
  assert.equal(count(doc, 'g[aria-label="line"] path'), 4);
  assert.equal(count(doc, 'g[aria-label="line"][stroke-dasharray="5,3"] path'), 2);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text').slice(0, 2), [
    "model A",
    "model B",
  ]);
  assert.match(fig.summary, /2 curves\nmodel A: .*\nmodel B: theory 0\.4 \(p = 10\)/);
});

Deno.test("plotLearningCurve() leaves zero and infinite errors off log axes and says so", () => {
  const fig = plotLearningCurve({ ps: [1, 2, 3, 4], Eg: [0.5, 0.2, Infinity, 0] });
  const doc = parseSvg(fig.svg);
  const d = doc.querySelectorAll('g[aria-label="line"] path')[0]!.getAttribute("d")!;
  assert.equal(d.match(/[ML]/g)?.length, 2);
  assert.match(fig.summary, /2 zero or infinite points not drawn/);
  // on a linear axis the zero is drawn; the infinite value still cannot be
  const lin = plotLearningCurve({ ps: [1, 2, 3, 4], Eg: [0.5, 0.2, Infinity, 0] }, null, {
    logY: false,
  });
  assert.match(lin.summary, /1 zero or infinite points not drawn/);
});

Deno.test("plotLearningCurve() rejects bad input with clear errors", () => {
  assert.throws(() => plotLearningCurve({ ps: [1, 2], Eg: [0.5] }), {
    name: "TypeError",
    message: "Cannot plot learning curve: `curve.Eg` must have one entry per p (2): got 1",
  });
  assert.throws(() => plotLearningCurve({ ps: [1, 2], Eg: [0.5, -0.1] }), {
    name: "RangeError",
    message:
      "Cannot plot learning curve: `y` must be >= 0 on a log axis (zeros are left out): got -0.1 at index 1",
  });
  assert.throws(() => plotLearningCurve(null, null), {
    name: "TypeError",
    message: "Cannot plot learning curve: `curve` needs `theory` or `empirical`: got neither",
  });
  assert.throws(() => plotLearningCurve([]), {
    name: "RangeError",
    message: "Cannot plot learning curve: `theory` must not be empty: got []",
  });
  assert.throws(() => plotLearningCurve(theory, null, { band: "sd" as never }), {
    name: "RangeError",
    message: 'Cannot plot learning curve: `band` must be "quartiles", "range" or "none": got "sd"',
  });
});

Deno.test("plotErrorModes() draws one line per p, the null mode as a dot, and reports the peak", () => {
  const a = alignment(X, Y, { center: false });
  const t = theoryCurve(a, { ps: [2, 5, 8, 11, 20], ridge: 1e-6 });
  const fig = plotErrorModes({ theory: t, alignment: a }, { count: 3 });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 3);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), [
    "p = 2",
    "p = 8",
    "p = 20",
    "null-space mode",
  ]);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 3); // W̃_null at each p
  const line = fig.summary.split("\n")[3]!; // p = 20
  const Wt = t.errorModes![4]!.slice(0, a.rank);
  const peak = Wt.indexOf(Math.max(...Wt)) + 1;
  assert.match(line, new RegExp(`^p = 20: E_g = [\\d.]+, peak at mode ${peak}, `));
});

Deno.test("plotErrorModes() takes the null mode from a bare theory's rank", () => {
  const t = theoryCurve({ eigenvalues: [2, 1, 0.5, 0, 0], weights: [0.4, 0.3, 0.1, 0.2, 0] }, {
    ps: [1, 2],
  });
  assert.equal(t.rank, 3);
  const fig = plotErrorModes(t);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 2); // W̃_null at both p
  const d = doc.querySelectorAll('g[aria-label="line"] path')[0]!.getAttribute("d")!;
  assert.equal(d.match(/[ML]/g)?.length, 3); // modes 1–3 only
  assert.match(
    fig.summary,
    /p = 1: E_g = [\d.]+, peak at mode 2, half the error by mode 2, null mode 0\.321$/m,
  );
});

Deno.test("plotErrorModes() rejects a theory without modes and unknown p", () => {
  const a = alignment(X, Y);
  assert.throws(() => plotErrorModes(theoryCurve(a, { ps: [5], modes: false })), {
    name: "TypeError",
    message:
      "Cannot plot error modes: `theory.errorModes` is missing: compute the theory with `modes: true`",
  });
  assert.throws(() => plotErrorModes(theoryCurve(a, { ps: [5, 10] }), { ps: [7] }), {
    name: "RangeError",
    message: "Cannot plot error modes: `ps` must be values of `theory.ps` (5, 10): got 7",
  });
  assert.throws(() => plotErrorModes(theoryCurve(a, { ps: [5] }), { rank: 99 }), {
    name: "RangeError",
    message: "Cannot plot error modes: `rank` must be an integer in [0, 40]: got 99",
  });
});

Deno.test("plotErrorGeometry() draws iso-error contours R·√D = E_g through equal-error points", () => {
  const pts = [
    { Rem: 0.1, Dem: 4, label: "A" },
    { Rem: 0.05, Dem: 16, label: "B" },
    { Rem: 0.2, Dem: 2.25, label: "C" },
  ];
  const fig = plotErrorGeometry(pts, { contours: [0.2, 0.3], connect: true });
  const doc = parseSvg(fig.svg);
  // two contours and one trajectory
  assert.equal(count(doc, 'g[aria-label="line"] path'), 3);
  assert.deepEqual(texts(doc, 'g[aria-label="text"] text'), ["0.2", "0.3"]);
  assert.deepEqual(texts(doc, 'g[aria-label="point labels"] text').sort(), ["A", "B", "C"]);
  assert.match(
    fig.summary,
    /3 points, E_g = R_em·√D_em from 0\.2 to 0\.3; contours at E_g = 0\.2, 0\.3/,
  );
  assert.match(fig.summary, /C: R_em = 0\.2, √D_em = 1\.5, E_g = 0\.3/);
  // the 0.2 contour passes through A and B (E_g = 0.2) and the 0.3 contour through C, in pixels
  const paths = doc.querySelectorAll('g[aria-label="line"] path');
  const polyline = (k: number) =>
    [...paths[k]!.getAttribute("d")!.matchAll(/([-\d.]+),([-\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
  const dots = Array.from(doc.querySelectorAll('g[aria-label="dot"] circle'), (c) => [
    Number(c.getAttribute("cx")),
    Number(c.getAttribute("cy")),
  ]);
  const distance = (q: number[], line: number[][]) =>
    Math.min(
      ...line.slice(1).map((b, i) => {
        const a = line[i]!, [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!];
        const t = Math.max(
          0,
          Math.min(1, ((q[0]! - a[0]!) * dx + (q[1]! - a[1]!) * dy) / (dx * dx + dy * dy)),
        );
        return Math.hypot(q[0]! - a[0]! - t * dx, q[1]! - a[1]! - t * dy);
      }),
    );
  assert.ok(distance(dots[0]!, polyline(0)) < 0.5 && distance(dots[1]!, polyline(0)) < 0.5);
  assert.ok(distance(dots[2]!, polyline(1)) < 0.5 && distance(dots[0]!, polyline(1)) > 10);
  // default levels: round values across the points' errors
  const auto = plotErrorGeometry(pts);
  assert.match(auto.summary, /contours at E_g = 0\.2, 0\.22, 0\.24, 0\.26, 0\.28, 0\.3/);
});

Deno.test("plotErrorGeometry() on log axes labels ticks as plain numbers", () => {
  const fig = plotErrorGeometry([{ Rem: 0.001, Dem: 400 }, { Rem: 0.05, Dem: 2 }], { log: true });
  const doc = parseSvg(fig.svg);
  const xTicks = texts(doc, 'g[aria-label="x-axis tick label"] text');
  assert.ok(xTicks.includes("0.01"), xTicks.join(", "));
  assert.ok(!xTicks.some((t) => /[mµ]$/.test(t)), xTicks.join(", "));
});

Deno.test("plotErrorGeometry() rejects bad points with clear errors", () => {
  assert.throws(() => plotErrorGeometry([]), {
    name: "TypeError",
    message: "Cannot plot error-mode geometry: `points` must be a non-empty array of {Rem, Dem}",
  });
  assert.throws(() => plotErrorGeometry([{ Rem: NaN, Dem: 1 }]), {
    name: "RangeError",
    message: "Cannot plot error-mode geometry: `points[0].Rem` must be finite and >= 0: got NaN",
  });
  assert.throws(() => plotErrorGeometry([{ Rem: 0.1, Dem: 0 }], { log: true }), {
    name: "RangeError",
    message:
      "Cannot plot error-mode geometry: `points[0].Dem` must be finite and > 0 on log axes: got 0",
  });
  assert.throws(() => plotErrorGeometry([{ Rem: 0.1, Dem: 1 }], { contours: [0] }), {
    name: "RangeError",
    message: "Cannot plot error-mode geometry: `contours` must be finite and > 0: got 0 at index 0",
  });
});

Deno.test("plotTheoryVsEmpirical() draws the diagonal and reports the agreement", () => {
  const fig = plotTheoryVsEmpirical([
    { theory: 0.1, empirical: 0.13, label: "a", group: "x" },
    { theory: 0.2, empirical: 0.19, label: "b", group: "y" },
    { theory: 0.4, empirical: 0.38, label: "c", group: "y" },
  ]);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="line"] path'), 1);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 3);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), [
    "x",
    "y",
    "theory = experiment",
  ]);
  assert.match(fig.summary, /Pearson r = 0\.9948; .*median 5%, largest 30% \(a\)/);
  assert.throws(() => plotTheoryVsEmpirical([{ theory: 0, empirical: 0.1 }], { log: true }), {
    name: "RangeError",
    message:
      "Cannot plot theory against experiment: `points[0].theory` must be finite and > 0: got 0",
  });
});

Deno.test("drawablePoints() keeps rows together and counts what it leaves out", () => {
  const r = drawablePoints({ x: [1, 2, 3, 4], y: [1, 0, Infinity, 2] }, ["y"], "Cannot plot");
  assert.deepEqual(r.columns, { x: [1, 4], y: [1, 2] });
  assert.equal(r.dropped, 2);
  // on a linear axis zero stays, infinity goes
  assert.equal(drawablePoints({ y: [0, -Infinity] }, [], "Cannot plot").dropped, 1);
  assert.throws(() => drawablePoints({ y: [NaN] }, [], "Cannot plot"), {
    name: "RangeError",
    message: "Cannot plot: `y` must be numbers, not NaN: got NaN at index 0",
  });
});

Deno.test("spectral results display their key numbers as text, HTML and SVG", () => {
  const s = spectrum(X);
  let b = display(s);
  assert.match(b["text/plain"]!, /^Eigenspectrum \(P = 40, M = 12\)\n/);
  assert.ok(b["text/plain"]!.includes(`rank r                    ${s.rank}`));
  assert.match(
    b["text/plain"]!,
    new RegExp(`ED \\(participation ratio\\)\\s+${s.ed.toPrecision(4)}`),
  );
  assert.match(b["text/html"]!, /<th[^>]*>total variance Σλ<\/th>/);
  assert.match(b["image/svg+xml"]!, /^<svg /);

  const a = alignment(X, Y);
  b = display(a);
  assert.match(b["text/plain"]!, /^Spectral alignment \(P = 40, M = 12, N = 3\)\n/);
  assert.match(
    b["text/plain"]!,
    new RegExp(`ED alignment \\(W\\)\\s+${a.edAlignment.toPrecision(4)}`),
  );
  assert.match(
    b["text/plain"]!,
    new RegExp(`out-of-span power W_null\\s+${a.outOfSpan.toPrecision(4)}`),
  );

  const t = theoryCurve(a, { ps: [5, 10, 20], ridge: 1e-3 });
  b = display(t);
  assert.match(b["text/plain"]!, /^Theoretical learning curve \(P = 40, ridge λ_reg = 0\.001\)\n/);
  const row = b["text/plain"]!.split("\n").find((l) => /^\s*10\s/.test(l))!;
  assert.ok(row.includes(t.Eg[1]!.toPrecision(4)), row);
  assert.equal((b["text/html"]!.match(/class="neurocompare-figure"/g) ?? []).length, 2); // learning curve + error modes
});

Deno.test("empirical, analysis and sweep results display tables and figures", () => {
  const e = empiricalCurve(X, Y, { ps: [10, 20], subsets: 3 });
  let b = display(e);
  assert.match(b["text/plain"]!, /^Empirical ridge learning curve \(P = 40, M = 12, N = 3\)\n/);
  assert.ok(b["text/plain"]!.includes(e.gen.error[1]!.toPrecision(4)));
  assert.match(b["text/plain"]!, /solves \(Cholesky \/ pinv\)\s+6 \/ 0/);

  const r = spectralAnalysis(X, Y, { ps: [8, 16, 24], subsets: 2 });
  b = display(r);
  assert.match(b["text/plain"]!, /^Spectral analysis \(P = 40, M = 12, N = 3, ridge λ_reg = 0\)\n/);
  assert.equal((b["text/html"]!.match(/class="neurocompare-figure"/g) ?? []).length, 3);
  assert.ok(b["text/plain"]!.includes(r.theory.Eg[2]!.toPrecision(4)));

  const layers = { first: X, second: randn(P, 30, 5) };
  const s = layerSweep(layers, Y, { ps: [8, 16, 24, 32], subsets: 2 });
  b = display(s);
  // 0.6·P = 24 is on the grid: the table is at p = 24
  assert.match(b["text/plain"]!, /^Layer sweep \(2 layers, P = 40; table at p = 24 ≈ 0\.6P\)\n/);
  const first = s.rows.find((row) => row.layer === "first" && row.p === 24)!;
  assert.ok(b["text/plain"]!.includes(first.Eg.toPrecision(4)));
  assert.match(b["text/plain"]!, /Error-mode geometry at p = 24: 2 points/);
});

Deno.test("ridge results display their settings and scores", () => {
  const pr = ridgePredictivity(X, Y, { folds: 4, ridge: 1e-3 });
  let b = display(pr);
  assert.match(
    b["text/plain"]!,
    /^Cross-validated ridge predictivity \(4 folds, P = 40, M = 12, N = 3\)/,
  );
  assert.match(b["text/plain"]!, new RegExp(`mean R²\\s+${pr.meanR2.toPrecision(4)}`));
  assert.match(b["image/svg+xml"]!, /^<svg /); // per-neuron bars for a few neurons
  b = display(fitRidge(X, Y, { ridge: 0.1 }));
  assert.match(b["text/plain"]!, /coefficients\s+\[12 features × 3 outputs\]/);
  assert.match(b["text/plain"]!, /α = n·λ_reg\s+4\b/);
  assert.match(b["text/plain"]!, /solver\s+primal \(cholesky\)/);
});
