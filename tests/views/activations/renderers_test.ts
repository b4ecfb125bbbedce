import assert from "node:assert/strict";
import { unzlibSync } from "fflate";
import {
  attributedImage,
  plotBinComposition,
  plotSampleGrid,
  plotSortedRsm,
} from "../../../lib/views/activations/mod.ts";
import { activationAnalysis } from "../../../lib/activations/composition.ts";
import { sortedRsm } from "../../../lib/activations/rsm.ts";
import { selectMids } from "../../../lib/activations/mid.ts";
import { groupAccuracy } from "../../../lib/activations/groups.ts";
import { fitLogistic } from "../../../lib/activations/logistic.ts";
import { randomSubsetRetrain } from "../../../lib/activations/baselines.ts";
import { type MimeBundle, tagResult } from "../../../lib/result.ts";
import { count, parseSvg, texts } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

/** Size and pixel bytes of a data-URI PNG written by encodePng (filter-0 rows). */
function decodePng(uri: string): { width: number; height: number; channels: number; px: number[] } {
  const png = Uint8Array.from(atob(uri.split(",")[1]!), (c) => c.charCodeAt(0));
  const view = new DataView(png.buffer);
  const width = view.getUint32(16), height = view.getUint32(20);
  const channels = png[25] === 2 ? 3 : 1;
  const raw = unzlibSync(png.subarray(41, 41 + view.getUint32(33)));
  const px: number[] = [];
  for (let y = 0; y < height; y++) {
    const row = y * (width * channels + 1);
    px.push(...raw.subarray(row + 1, row + 1 + width * channels));
  }
  return { width, height, channels, px };
}

/** 20 samples: activation i; class = i ≥ 10; band = class except samples 4 and 15. */
function toyAnalysis() {
  const values = Array.from({ length: 20 }, (_, i) => i);
  const cls = values.map((i) => (i >= 10 ? 1 : 0));
  const band = cls.map((c, i) => (i === 4 || i === 15 ? 1 - c : c));
  return activationAnalysis(values, { class: cls, band }, { nBins: 4, k: 3 });
}

Deno.test("plotBinComposition() stacks one segment per level and bin, heights equal to the fractions", () => {
  const a = toyAnalysis();
  const fig = plotBinComposition(a, { levelNames: ["s·L", "s·R", "t·L", "t·R"] });
  const doc = parseSvg(fig.svg);
  const rects = Array.from(doc.querySelectorAll('g[aria-label="bar"] rect'));
  assert.equal(rects.length, 5 * 4); // 4 bins + top-k, 4 levels each
  const heights = rects.map((r) => Number(r.getAttribute("height")));
  const full = Math.max(...heights); // a bin made of one level spans the whole axis
  // bin 1 (samples 0-4): 4 s·L + 1 s·R → segments 0.8 and 0.2 of the axis
  assert.ok(Math.abs(heights[0]! / full - 0.8) < 0.01 && Math.abs(heights[1]! / full - 0.2) < 0.01);
  assert.deepEqual(texts(doc, 'g[aria-label="x-axis tick label"] text'), [
    "1",
    "2",
    "3",
    "4",
    "top 3",
  ]);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["s·L", "s·R", "t·L", "t·R"]);
  assert.match(fig.summary, /bin 1: s·L 80%, s·R 20%, t·L 0%, t·R 0%/);
  assert.match(fig.summary, /top 3: s·L 0%, s·R 0%, t·L 0%, t·R 100%/);
});

Deno.test("plotBinComposition() shows a named factor with its default level names and given colours", () => {
  const fig = plotBinComposition(toyAnalysis(), { factor: "band", colors: ["#111111", "#eeeeee"] });
  const doc = parseSvg(fig.svg);
  assert.deepEqual(texts(doc, 'g[aria-label="swatch legend"] text'), ["band 0", "band 1"]);
  const fills = new Set(
    Array.from(doc.querySelectorAll('g[aria-label="bar"] rect'), (r) => r.getAttribute("fill")),
  );
  assert.deepEqual([...fills].sort(), ["#111111", "#eeeeee"]);
});

Deno.test("plotBinComposition() rejects an unknown factor and mismatched names or colours", () => {
  const a = toyAnalysis();
  assert.throws(() => plotBinComposition(a, { factor: "colour" }), {
    name: "RangeError",
    message:
      "Cannot plot bin composition: `factor` must be one of class, band, class×band: got colour",
  });
  assert.throws(() => plotBinComposition(a, { levelNames: ["a"] }), {
    name: "TypeError",
    message: "Cannot plot bin composition: `levelNames` must have 4 entries: got 1",
  });
  assert.throws(() => plotBinComposition(a, { colors: ["red"] }), {
    name: "TypeError",
    message: "Cannot plot bin composition: `colors` must have 4 entries: got 1",
  });
});

/** Two clusters of 3 samples (features along e1 or e2), given interleaved. */
function toyRsm() {
  const F = [[1, 0, 0], [0, 1, 0], [1, 0.2, 0], [0, 1, 0.2], [1, 0, 0.1], [0.1, 1, 0]];
  return sortedRsm(F, [0, 1, 0, 1, 0, 1]);
}

Deno.test("plotSortedRsm() draws the sorted matrix as an n × n image with block lines and names", () => {
  const r = toyRsm();
  const fig = plotSortedRsm(r, { levelNames: ["e1", "e2"], size: 120 });
  const doc = parseSvg(fig.svg);
  const img = doc.querySelectorAll('g[aria-label="sorted rsm"] image');
  assert.equal(img.length, 1);
  const png = decodePng(img[0]!.getAttribute("href")!);
  assert.deepEqual([png.width, png.height, png.channels], [6, 6, 3]);
  // the diagonal saturates at the red end; the between-block entries (negative) are blue
  const at = (i: number, j: number) => png.px.slice(3 * (6 * i + j), 3 * (6 * i + j) + 3);
  assert.ok(at(0, 0)[0]! > at(0, 0)[2]!, `diagonal ${at(0, 0)}`);
  assert.ok(at(0, 4)[2]! > at(0, 4)[0]!, `between blocks ${at(0, 4)}`);
  // one vertical and one horizontal line at the boundary after 3 samples (120 px / 6 = 20 px each)
  const lines = Array.from(doc.querySelectorAll('g[aria-label="sorted rsm"] line'));
  assert.equal(lines.length, 2);
  const x0 = Number(img[0]!.getAttribute("x"));
  assert.equal(Number(lines[0]!.getAttribute("x1")) - x0, 60);
  assert.equal(Number(lines[1]!.getAttribute("y1")), 60);
  assert.deepEqual(texts(doc, 'g[aria-label="sorted rsm"] text'), ["e1", "e1", "e2", "e2"]);
  assert.match(fig.summary, /6 samples in 2 blocks \(e1 3, e2 3\)/);
});

Deno.test("plotSortedRsm() summary states the mean within- and between-block similarity", () => {
  const r = toyRsm();
  const within = (r.blockMeans[0]![0]! + r.blockMeans[1]![1]!) / 2;
  const between = (r.blockMeans[0]![1]! + r.blockMeans[1]![0]!) / 2;
  const fig = plotSortedRsm(r);
  const m = /within blocks (\S+), between blocks (\S+)$/.exec(fig.summary)!;
  assert.ok(Math.abs(Number(m[1]) - within) < 5e-3 && Math.abs(Number(m[2]) - between) < 5e-3);
  assert.ok(within > 0.9 && between < 0);
});

Deno.test("plotSortedRsm() rejects wrong level names, size and domain", () => {
  const r = toyRsm();
  assert.throws(() => plotSortedRsm(r, { levelNames: ["a", "b", "c"] }), {
    name: "TypeError",
    message: "Cannot plot sorted RSM: `levelNames` must have 2 entries: got 3",
  });
  assert.throws(() => plotSortedRsm(r, { size: 0 }), {
    name: "RangeError",
    message: "Cannot plot sorted RSM: `size` must be positive: got 0",
  });
  assert.throws(() => plotSortedRsm(r, { domain: [1, -1] }), {
    name: "RangeError",
    message: "Cannot plot sorted RSM: `domain` must be [lo, hi] with lo < hi: got [1, -1]",
  });
});

Deno.test("plotSampleGrid() draws every image with its row label and caption, on one shared value range", () => {
  const a = { height: 1, width: 2, data: [0, 2] }, b = { height: 1, width: 2, data: [1, 4] };
  const fig = plotSampleGrid([
    { label: "top", images: [a, b], captions: ["x", "y"] },
    { label: "middle", images: [b] },
  ], { cellSize: 20 });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, "image"), 3);
  assert.deepEqual(texts(doc, "text").filter((t) => t), ["top", "x", "y", "middle"]);
  const pixels = Array.from(
    doc.querySelectorAll("image"),
    (n) => decodePng(n.getAttribute("href")!).px,
  );
  // shared range [0, 4]: 0 → 0, 2 → 128, 1 → 64, 4 → 255
  assert.deepEqual(pixels[0], [0, 128]);
  assert.deepEqual(pixels[1], [64, 255]);
  assert.match(fig.summary, /2 rows: top \(2\), middle \(1\)/);
});

Deno.test("plotSampleGrid() rejects empty rows, a bad size and images of the wrong length", () => {
  assert.throws(() => plotSampleGrid([]), {
    name: "TypeError",
    message: "Cannot plot sample grid: `rows` must be a non-empty array: got []",
  });
  const im = { height: 2, width: 2, data: [0, 1, 2] };
  assert.throws(() => plotSampleGrid([{ label: "a", images: [im] }]), {
    name: "TypeError",
    message: "Cannot plot sample grid: `rows[0].images[0].data` must have 4 values: got 3",
  });
  assert.throws(() => plotSampleGrid([{ label: "a", images: [] }], { cellSize: -1 }), {
    name: "RangeError",
    message: "Cannot plot sample grid: `cellSize` must be positive: got -1",
  });
});

Deno.test("attributedImage() keeps grey rows and interleaves two or three channels as RGB", () => {
  const X = (cols: number, data: number[]) => ({ rows: 2, cols, data: Float64Array.from(data) });
  const grey = { X: X(2, [1, 2, 3, 4]), height: 1, width: 2, channels: 1 };
  assert.deepEqual(Array.from(attributedImage(grey, 1).data), [3, 4]);
  // channel-major row [r0, r1, g0, g1] → interleaved [r0, g0, 0, r1, g1, 0]
  const two = { X: X(4, [0, 0, 0, 0, 1, 2, 3, 4]), height: 1, width: 2, channels: 2 };
  const rgb = attributedImage(two, 1);
  assert.equal(rgb.channels, 3);
  assert.deepEqual(Array.from(rgb.data), [1, 3, 0, 2, 4, 0]);
  const three = { X: X(3, [5, 6, 7, 0, 0, 0]), height: 1, width: 1, channels: 3 };
  assert.deepEqual(Array.from(attributedImage(three, 0).data), [5, 6, 7]);
  assert.throws(() => attributedImage(grey, 2), {
    name: "RangeError",
    message: "Cannot show image: `index` must be in [0, 2): got 2",
  });
  assert.throws(() => attributedImage({ ...grey, channels: 4 }, 0), {
    name: "RangeError",
    message: "Cannot show image: `channels` must be 1, 2 or 3: got 4",
  });
});

Deno.test("activationAnalysis results display the per-bin fractions as a table and stacked bars", () => {
  const b = show(toyAnalysis());
  assert.deepEqual(Object.keys(b).sort(), ["image/svg+xml", "text/html", "text/plain"]);
  const text = b["text/plain"]!;
  assert.match(text, /Activation analysis: 4 quantile bins, composition by class×band/);
  assert.match(text, /class 0 × band 1/);
  assert.match(text, /^1\s+0\s+4\.75\s+5\s+0\.8\s+0\.2\s+0\s+0$/m);
  assert.match(text, /^top 3\s+3\s+0\s+0\s+0\s+1$/m);
  assert.equal(count(parseSvg(b["image/svg+xml"]!), 'g[aria-label="bar"] rect'), 20);
});

Deno.test("sortedRsm results display the block means and the matrix figure", () => {
  const r = toyRsm();
  const b = show(r);
  assert.match(b["text/plain"]!, /Sorted RSM \(correlation\), 6 samples/);
  const row0 = b["text/plain"]!.split("\n").find((l) => l.startsWith("level 0"))!;
  const nums = row0.split(/\s+/).slice(2).map(Number);
  assert.ok(Math.abs(nums[0]! - r.blockMeans[0]![0]!) < 1e-3, row0);
  assert.ok(Math.abs(nums[1]! - r.blockMeans[0]![1]!) < 1e-3, row0);
  assert.equal(count(parseSvg(b["image/svg+xml"]!), "image"), 1);
});

Deno.test("midSelection results display the count and the band", () => {
  const sel = selectMids([[5, -5], [0.2, 0], [-5, 5], [0, 0.3], [4, -4]], [0, 0, 1, 1, 0]);
  const text = show(sel)["text/plain"]!;
  assert.match(text, /MIDs\s+2 of 5 \(40%\)/);
  assert.match(text, /band\s+\[-1, 1\] of range \[-10, 10\]/);
  assert.match(text, /binary margin/);
});

Deno.test("groupAccuracy results display mean, worst group and the per-group table", () => {
  const b = show(groupAccuracy([0, 0, 1, 0], [0, 0, 1, 1], [0, 1, 1, 0]));
  assert.match(b["text/plain"]!, /mean accuracy\s+0\.75/);
  assert.match(b["text/plain"]!, /worst-group accuracy\s+0$/m);
  assert.match(b["text/plain"]!, /worst group\s+class 1, attribute 0/);
  assert.match(b["text/html"]!, /<th[^>]*>accuracy<\/th>/);
});

Deno.test("logisticFit and lastLayerFit results display their settings", () => {
  const fit = fitLogistic([[-2], [-1], [1], [2]], [0, 0, 1, 1], { C: 10 });
  const text = show(fit)["text/plain"]!;
  assert.match(text, /Logistic regression \(l2, C = 10\)/);
  assert.match(text, /features\s+1/);
  assert.match(text, /converged\s+true/);
  const last = randomSubsetRetrain([[-2], [-1], [0], [1], [2]], [0, 0, 0, 1, 1], { resamples: 2 });
  const t2 = show(last)["text/plain"]!;
  assert.match(t2, /Retrained last layer \(l2, C = 1\)/);
  assert.match(t2, /group sizes\s+3, 2/);
  assert.match(t2, /samples per group\s+2/);
});

const ms = (mean: number, sd: number) => ({ mean, sd });
const acc = (worst: number) => ({
  meanAccuracy: 0.9,
  worstGroupAccuracy: worst,
  worstGroup: { class: 0, attribute: 1 },
  groups: [],
});

Deno.test("midExperiment results display the method table and the decile bars", () => {
  const e = tagResult("midExperiment", {
    methods: { erm: acc(0.578), random: acc(0.645), mid: acc(0.699), oracle: acc(0.758) },
    mids: { count: 33, minorityFraction: 0.727, baseRate: 0.045 },
    deciles: { minorityFraction: [0, 0, 0, 0, 0.2, 0.1, 0, 0, 0, 0], topAlignedFraction: 0.995 },
    losses: [0.3, 0.1],
  });
  const b = show(e);
  const text = b["text/plain"]!;
  assert.match(text, /MID minority fraction\s+0\.727/);
  assert.match(text, /^MID-curated\s+0\.9\s+0\.699\s+class 0, attribute 1$/m);
  assert.match(text, /^oracle \(DFR\)\s+0\.9\s+0\.758/m);
  assert.equal(count(parseSvg(b["image/svg+xml"]!), 'g[aria-label="bar"] rect'), 10);
});

Deno.test("midBenchmark results display mean ± sd per method and a bar per method", () => {
  const method = (w: number, sd: number) => ({
    mean_accuracy: ms(0.9, 0.02),
    worst_group_accuracy: ms(w, sd),
  });
  const r = tagResult("midBenchmark", {
    data: "sprites",
    model: "mlp",
    correlation: 0.95,
    seeds: 5,
    n_train: 6000,
    n_heldout: 2000,
    n_test: 2000,
    erm: method(0.652, 0.048),
    random: method(0.751, 0.066),
    mid: method(0.78, 0.057),
    oracle: method(0.844, 0.051),
    mid_minority_fraction: ms(0.695, 0.035),
    base_rate: ms(0.0504, 0.0045),
    mid_count: ms(52.2, 12.3),
    logit_decile_minority_fraction: new Array(10).fill(0.05),
    top_decile_aligned_fraction: ms(0.993, 0.006),
    per_seed: [],
    groups_last_seed: {},
  });
  const b = show(r);
  const text = b["text/plain"]!;
  assert.match(text, /MID benchmark: sprites, mlp, 5 seeds, correlation 0\.95/);
  assert.match(text, /^ERM\s+0\.900 ± 0\.020\s+0\.652 ± 0\.048$/m);
  assert.match(text, /^MID-curated\s+0\.900 ± 0\.020\s+0\.780 ± 0\.057$/m);
  assert.match(text, /MID minority fraction\s+0\.695 ± 0\.035/);
  assert.match(text, /MIDs per seed\s+52\.2 ± 12\.3/);
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, 'g[aria-label="bar"] rect'), 4);
  assert.deepEqual(texts(doc, 'g[aria-label="y-axis tick label"] text'), [
    "ERM",
    "random subset",
    "MID-curated",
    "oracle (DFR)",
  ]);
});
