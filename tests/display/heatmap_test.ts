import assert from "node:assert/strict";
import { plotHeatmap } from "../../lib/display/heatmap.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { unzlibSync } from "../../lib/deps/fflate.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

/** Width, height and RGB bytes of a data-URI PNG written by encodePng (filter 0 rows). */
function decodePng(uri: string): { width: number; height: number; pixels: Uint8Array } {
  const png = Uint8Array.from(atob(uri.split(",")[1]!), (c) => c.charCodeAt(0));
  const view = new DataView(png.buffer);
  const width = view.getUint32(16), height = view.getUint32(20);
  const idatLength = view.getUint32(33);
  const raw = unzlibSync(png.subarray(41, 41 + idatLength));
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    pixels.set(raw.subarray(y * (3 * width + 1) + 1, (y + 1) * (3 * width + 1)), y * 3 * width);
  }
  return { width, height, pixels };
}

/** Three blocks of 3 items, interleaved (item i is in block i % 3). */
function interleavedBlocks(): number[][] {
  return Array.from(
    { length: 9 },
    (_, i) =>
      Array.from(
        { length: 9 },
        (_, j) => i === j ? 0 : i % 3 === j % 3 ? 0.1 + 0.01 * (i + j) : 1 + 0.01 * (i + j),
      ),
  );
}

Deno.test("plotHeatmap() draws n² cells, the labels, a colour legend and xmlns", () => {
  const labels = ["alpha", "beta", "gamma", "delta"];
  const M = [[0, 1, 2, 3], [1, 0, 1, 2], [2, 1, 0, 1], [3, 2, 1, 0]];
  const doc = parseSvg(plotHeatmap(M, { labels, legendLabel: "distance" }).svg);
  assert.equal(doc.documentElement.localName, "svg");
  assert.equal(doc.documentElement.getAttribute("xmlns"), "http://www.w3.org/2000/svg");
  assert.equal(doc.documentElement.getAttribute("xmlns:xlink"), "http://www.w3.org/1999/xlink");
  assert.equal(count(doc, 'g[aria-label="cell"] rect'), 16);
  assert.deepEqual(texts(doc, 'g[aria-label="y-axis tick label"] text'), labels);
  assert.deepEqual(texts(doc, 'g[aria-label="x-axis tick label"] text'), labels);
  assert.equal(count(doc, 'g[aria-label="color legend"]'), 1);
  assert.ok(texts(doc, 'g[aria-label="color legend"] text').includes("distance"));
});

Deno.test("plotHeatmap() colours cells by value: equal values share a colour, extremes differ", () => {
  const doc = parseSvg(plotHeatmap([[0, 5], [5, 0]]).svg);
  const fills = Array.from(
    doc.querySelectorAll('g[aria-label="cell"] rect'),
    (r) => r.getAttribute("fill"),
  );
  assert.equal(fills[0], fills[3]);
  assert.equal(fills[1], fills[2]);
  assert.notEqual(fills[0], fills[1]);
  assert.equal(fills[0], "#440154"); // viridis minimum
});

Deno.test("plotHeatmap() with colorLegend: false has no legend", () => {
  const doc = parseSvg(plotHeatmap([[1, 2], [3, 4]], { colorLegend: false }).svg);
  assert.equal(count(doc, 'g[aria-label="color legend"]'), 0);
});

Deno.test("plotHeatmap() cluster order groups the blocks of a block-structured matrix", () => {
  const labels = Array.from({ length: 9 }, (_, i) => `item${i}`);
  const fig = plotHeatmap(interleavedBlocks(), { labels, order: "cluster" });
  const order = texts(parseSvg(fig.svg), 'g[aria-label="y-axis tick label"] text').map((s) =>
    Number(s.slice(4))
  );
  // each block (i % 3) is contiguous; the exact order is SciPy's leaves_list(linkage(D, "average"))
  assert.deepEqual(order.map((i) => i % 3), [2, 2, 2, 0, 0, 0, 1, 1, 1]);
  assert.deepEqual(order, [8, 2, 5, 6, 0, 3, 7, 1, 4]);
  // the columns follow the same order
  assert.deepEqual(
    texts(parseSvg(fig.svg), 'g[aria-label="x-axis tick label"] text'),
    order.map((i) => `item${i}`),
  );
  assert.match(fig.summary, /order: average-linkage \(item8, item2, item5, item6/);
});

Deno.test("plotHeatmap() clusterOn: similarity clusters on max − value", () => {
  const D = interleavedBlocks();
  const S = D.map((row) => row.map((v) => 2 - v));
  const fig = plotHeatmap(S, { order: "cluster", clusterOn: "similarity" });
  assert.match(fig.summary, /\(8, 2, 5, 6, 0, 3, 7, 1, 4\)/);
});

Deno.test("plotHeatmap() prints values in large cells only", () => {
  const small = parseSvg(plotHeatmap([[0.5, 1], [1, 0.5]]).svg);
  assert.deepEqual(texts(small, 'g[aria-label="text"] text'), ["0.5", "1", "1", "0.5"]);
  const big = Array.from({ length: 60 }, (_, i) => Array.from({ length: 60 }, (_, j) => i * j / 7));
  assert.equal(count(parseSvg(plotHeatmap(big).svg), 'g[aria-label="text"]'), 0);
});

Deno.test("plotHeatmap() draws a large matrix as one image and thins the tick labels", () => {
  const big = Array.from(
    { length: 80 },
    (_, i) => Array.from({ length: 80 }, (_, j) => Math.sin(i + j)),
  );
  const fig = plotHeatmap(big);
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="cell"]'), 0);
  const image = doc.querySelectorAll('image[aria-label="cells"]');
  assert.equal(image.length, 1);
  const png = decodePng(image[0]!.getAttribute("href")!);
  assert.deepEqual([png.width, png.height], [80, 80]);
  const shown = texts(doc, 'g[aria-label="y-axis tick label"] text');
  assert.deepEqual(shown, Array.from({ length: 16 }, (_, k) => String(5 * k)));
  assert.match(fig.summary, /80 × 80 matrix \(cells as an image\)/);
  assert.ok(fig.svg.length < 60_000, `${fig.svg.length} characters`);
});

Deno.test("plotHeatmap() raster pixels match the rectangle colours, in display order", () => {
  // values 0 and 1 are exact entries of the colour table, so the colours agree exactly
  const D = [[0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0]];
  const rects = parseSvg(plotHeatmap(D, { order: "cluster" }).svg);
  const fills = Array.from(
    rects.querySelectorAll('g[aria-label="cell"] rect'),
    (r) => r.getAttribute("fill")!,
  );
  const order = texts(rects, 'g[aria-label="y-axis tick label"] text').map(Number);
  assert.deepEqual(order, [0, 2, 1, 3]);
  const raster = parseSvg(plotHeatmap(D, { order: "cluster", raster: true }).svg);
  const png = decodePng(raster.querySelectorAll("image")[0]!.getAttribute("href")!);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      const i = order[r]!, j = order[c]!;
      const hex = "#" +
        Array.from(
          png.pixels.subarray((r * 4 + c) * 3, (r * 4 + c) * 3 + 3),
          (b) => b.toString(16).padStart(2, "0"),
        ).join("");
      assert.equal(hex, fills[i * 4 + j], `pixel (${r}, ${c}) shows entry (${i}, ${j})`);
    }
  }
});

Deno.test("plotHeatmap() accepts a Matrix and rectangular data with row/column labels", () => {
  const fig = plotHeatmap(fromRows([[1, 2, 3], [4, 5, 6]]), {
    rowLabels: ["r1", "r2"],
    colLabels: ["a", "b", "c"],
  });
  const doc = parseSvg(fig.svg);
  assert.equal(count(doc, 'g[aria-label="cell"] rect'), 6);
  assert.match(fig.summary, /2 × 3 matrix; values 1 to 6/);
});

Deno.test("plotHeatmap() escapes labels with markup", () => {
  const fig = plotHeatmap([[0, 1], [1, 0]], { labels: ["<b>&", '"q"'] });
  assert.doesNotMatch(fig.svg, /<b>/);
  assert.deepEqual(texts(parseSvg(fig.svg), 'g[aria-label="y-axis tick label"] text'), [
    "<b>&",
    '"q"',
  ]);
});

Deno.test("plotHeatmap() rejects bad input with errors naming the argument", () => {
  assert.throws(() => plotHeatmap([[1, 2], [3]]), {
    name: "TypeError",
    message: "Cannot plot heatmap: `matrix` is ragged: row 0 has 2 entries but row 1 has 1",
  });
  assert.throws(() => plotHeatmap([[1, NaN], [3, 4]]), {
    name: "RangeError",
    message: "Cannot plot heatmap: `matrix` must be finite: got NaN at [0, 1]",
  });
  assert.throws(() => plotHeatmap([]), {
    name: "RangeError",
    message: "Cannot plot heatmap: `matrix` must not be empty: got shape [0, 0]",
  });
  assert.throws(() => plotHeatmap([[1, 2, 3], [4, 5, 6]], { order: "cluster" }), {
    name: "TypeError",
    message: 'Cannot plot heatmap: `order: "cluster"` needs a square matrix: got shape [2, 3]',
  });
  assert.throws(() => plotHeatmap([[0, 1], [1, 0]], { labels: ["a"] }), {
    name: "TypeError",
    message: "Cannot plot heatmap: `labels` must have 2 entries: got 1",
  });
  assert.throws(() => plotHeatmap([[0, 1], [1, 0]], { order: "sorted" as "none" }), {
    name: "RangeError",
    message: 'Cannot plot heatmap: `order` must be "none" or "cluster": got "sorted"',
  });
  assert.throws(() => plotHeatmap([[0, 1], [1, 0]], { domain: [1, 0] }), {
    name: "RangeError",
    message: "Cannot plot heatmap: `domain` must be [lo, hi] with lo < hi: got [1,0]",
  });
  assert.throws(
    () => plotHeatmap([[0, 1], [1, 0]], { scheme: "nope" }),
    (e: Error) =>
      e instanceof RangeError &&
      /`scheme` must be a Plot colour scheme such as "viridis": got "nope"/.test(e.message),
  );
  assert.throws(() => plotHeatmap([[0, 1], [2, 0]], { order: "cluster" }), {
    name: "RangeError",
    message:
      "Cannot cluster distance matrix: `distances` must be symmetric: got 1 at [0, 1] but 2 at [1, 0]",
  });
});

Deno.test("plotHeatmap() does not mutate its input", () => {
  const M = interleavedBlocks();
  const copy = M.map((r) => r.slice());
  plotHeatmap(M, { order: "cluster" });
  assert.deepEqual(M, copy);
});

Deno.test("plotHeatmap() matches its SVG snapshot", () => {
  const fig = plotHeatmap(interleavedBlocks().slice(0, 6).map((r) => r.slice(0, 6)), {
    labels: ["V1", "V2", "V4", "IT", "conv1", "fc7"],
    order: "cluster",
    title: "Distances",
    legendLabel: "distance",
  });
  assertSnapshot("heatmap", fig.svg);
});

Deno.test('plotHeatmap() with missing: "nonFinite" greys ±Infinity and NaN and keeps them out of the domain', () => {
  const fig = plotHeatmap([[0, Infinity], [-Infinity, NaN]], {
    missing: "nonFinite",
    legendLabel: "score",
    labels: ["a", "b"],
  });
  const doc = parseSvg(fig.svg);
  const rects = Array.from(doc.querySelectorAll('g[aria-label="cell"] rect'));
  assert.deepEqual(rects.map((r) => r.textContent), [
    "a × a: score 0",
    "a × b: score ∞",
    "b × a: score −∞",
    "b × b: score n/a",
  ]);
  assert.deepEqual(rects.slice(1).map((r) => r.getAttribute("fill")), Array(3).fill("#d9d9d9"));
  assert.match(
    fig.summary,
    /values 0 to 0; 3 not finite \(grey: 1 ∞, 1 −∞, 1 n\/a\); colour scale -0\.5 to 0\.5/,
  );
  // missing: true is for NaN holes only
  assert.throws(() => plotHeatmap([[0, Infinity]], { missing: true }), {
    name: "RangeError",
    message:
      "Cannot plot heatmap: `matrix` must be finite or NaN (missing): got Infinity at index 1",
  });
  assert.throws(
    () => plotHeatmap([[0, Infinity], [Infinity, 0]], { missing: "nonFinite", order: "cluster" }),
    {
      name: "RangeError",
      message:
        'Cannot plot heatmap: `order: "cluster"` needs a matrix without missing values: got 2 non-finite',
    },
  );
});

Deno.test("plotHeatmap() rasterised greys an infinite cell like a missing one", () => {
  const fig = plotHeatmap([[0, Infinity], [1, 2]], { missing: "nonFinite", raster: true });
  const href = /href="(data:image\/png;base64,[^"]+)"/.exec(fig.svg)![1]!;
  const { pixels } = decodePng(href);
  assert.deepEqual(Array.from(pixels.subarray(3, 6)), [0xd9, 0xd9, 0xd9]);
  assert.notDeepEqual(Array.from(pixels.subarray(0, 3)), [0xd9, 0xd9, 0xd9]);
});

Deno.test("plotHeatmap() with missing values accepts a non-finite SE and drops its ± from that cell's title", () => {
  const fig = plotHeatmap([[0, 2], [NaN, 0]], {
    missing: "nonFinite",
    se: [[0, NaN], [NaN, 0.5]],
    legendLabel: "distance",
    labels: ["a", "b"],
  });
  assert.deepEqual(texts(parseSvg(fig.svg), 'g[aria-label="cell"] title'), [
    "a × a: distance 0 ± 0",
    "a × b: distance 2",
    "b × a: distance n/a",
    "b × b: distance 0 ± 0.5",
  ]);
});
