import assert from "node:assert/strict";
import { unzlibSync } from "../../lib/deps/fflate.ts";
import { plotImageGrid } from "../../lib/display/image_grid.ts";
import { crc32 } from "../../lib/io/crc32.ts";
import { encodePng } from "../../lib/display/png.ts";
import { assertSnapshot, count, parseSvg, texts } from "./_svg.ts";

function readChunks(png: Uint8Array): { type: string; data: Uint8Array; crcOk: boolean }[] {
  const view = new DataView(png.buffer, png.byteOffset);
  const out = [];
  for (let at = 8; at < png.length;) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    const crcOk = view.getUint32(at + 8 + len) === crc32(png.subarray(at + 4, at + 8 + len));
    out.push({ type, data, crcOk });
    at += 12 + len;
  }
  return out;
}

Deno.test("encodePng() writes IHDR, IDAT and IEND with valid CRCs and the pixels", () => {
  const data = new Uint8Array([0, 64, 128, 255, 10, 20]);
  const png = encodePng({ width: 3, height: 2, channels: 1, data });
  const chunks = readChunks(png);
  assert.deepEqual(chunks.map((c) => c.type), ["IHDR", "IDAT", "IEND"]);
  assert.ok(chunks.every((c) => c.crcOk));
  assert.deepEqual(Array.from(chunks[0]!.data), [0, 0, 0, 3, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
  // each row is a filter byte (0 = none) followed by the pixels
  assert.deepEqual(Array.from(unzlibSync(chunks[1]!.data)), [0, 0, 64, 128, 0, 255, 10, 20]);
});

Deno.test("encodePng() encodes RGB as colour type 2", () => {
  const png = encodePng({ width: 1, height: 1, channels: 3, data: new Uint8Array([1, 2, 3]) });
  const [ihdr, idat] = readChunks(png);
  assert.equal(ihdr!.data[9], 2);
  assert.deepEqual(Array.from(unzlibSync(idat!.data)), [0, 1, 2, 3]);
  assert.throws(() => encodePng({ width: 2, height: 1, channels: 3, data: new Uint8Array(3) }), {
    name: "TypeError",
    message: "Cannot encode PNG: `data` must have 2 × 1 × 3 = 6 bytes: got 3",
  });
});

Deno.test("plotImageGrid() embeds one PNG image per input, maps the global range to 0–255", () => {
  const a = [[0, 1], [2, 3]], b = [[3, 3], [3, 3]];
  const fig = plotImageGrid([a, b], { labels: ["ramp", "flat"] });
  const doc = parseSvg(fig.svg);
  const images = Array.from(doc.querySelectorAll("image"));
  assert.equal(images.length, 2);
  const pixels = images.map((im) => {
    const uri = im.getAttribute("href")!;
    assert.match(uri, /^data:image\/png;base64,/);
    const png = Uint8Array.from(atob(uri.split(",")[1]!), (c) => c.charCodeAt(0));
    return Array.from(unzlibSync(readChunks(png)[1]!.data));
  });
  assert.deepEqual(pixels[0], [0, 0, 85, 0, 170, 255]);
  assert.deepEqual(pixels[1], [0, 255, 255, 0, 255, 255]);
  assert.deepEqual(texts(doc, "g text").filter((t) => t === "ramp" || t === "flat"), [
    "ramp",
    "flat",
  ]);
  assert.equal(count(doc, 'g[aria-label="color legend"]'), 1);
  assert.match(fig.summary, /2 images in 1 rows × 2 columns; values 0 to 3/);
});

Deno.test("plotImageGrid() with range: each scales every image to its own range", () => {
  const fig = plotImageGrid([[[0, 10]], [[100, 200]]], { range: "each", colorLegend: true });
  const doc = parseSvg(fig.svg);
  const last = Array.from(doc.querySelectorAll("image"), (im) => {
    const png = Uint8Array.from(
      atob(im.getAttribute("href")!.split(",")[1]!),
      (c) => c.charCodeAt(0),
    );
    return Array.from(unzlibSync(readChunks(png)[1]!.data));
  });
  assert.deepEqual(last, [[0, 0, 255], [0, 0, 255]]);
  assert.equal(count(doc, 'g[aria-label="color legend"]'), 0);
});

Deno.test("plotImageGrid() lays out rows × cols and accepts RGB images", () => {
  const rgb = {
    height: 2,
    width: 2,
    channels: 3 as const,
    data: Array.from({ length: 12 }, (_, k) => k / 11),
  };
  const fig = plotImageGrid([rgb, rgb, rgb], { rows: 3 });
  assert.match(fig.summary, /3 images in 3 rows × 1 columns/);
  const ys = Array.from(
    parseSvg(fig.svg).querySelectorAll('g[aria-label^="image"]'),
    (g) => g.getAttribute("transform"),
  );
  assert.equal(new Set(ys).size, 3);
});

Deno.test("plotImageGrid() rejects bad input", () => {
  assert.throws(() => plotImageGrid([[[0, 1]], [[0]]], { rows: 1, cols: 1 }), {
    name: "RangeError",
    message: "Cannot plot image grid: `rows` × `cols` must hold 2 images: got 1 × 1",
  });
  assert.throws(() => plotImageGrid([{ height: 2, width: 2, data: [1, 2, 3] }]), {
    name: "TypeError",
    message: "Cannot plot image grid: `images[0].data` must have 2 × 2 × 1 = 4 values: got 3",
  });
  assert.throws(() => plotImageGrid([[[0, NaN]]]), {
    name: "RangeError",
    message: "Cannot plot image grid: `images[0]` must be finite: got NaN at [0, 1]",
  });
  assert.throws(
    () => plotImageGrid([{ height: 1, width: 1, channels: 4 as 3, data: [1, 2, 3, 4] }]),
    {
      name: "RangeError",
      message: "Cannot plot image grid: `images[0].channels` must be 1 or 3: got 4",
    },
  );
  assert.throws(() => plotImageGrid([[[0]]], { range: [1, 1] }), {
    name: "RangeError",
    message: "Cannot plot image grid: `range` must be [lo, hi] with lo < hi: got [1,1]",
  });
});

Deno.test("plotImageGrid() matches its SVG snapshot", () => {
  const img = (f: (i: number, j: number) => number) =>
    Array.from({ length: 6 }, (_, i) => Array.from({ length: 6 }, (_, j) => f(i, j)));
  const fig = plotImageGrid([img((i) => i), img((_, j) => j), img((i, j) => (i + j) % 2)], {
    title: "Filters",
    labels: ["rows", "cols", "checker"],
    cellSize: 48,
  });
  assertSnapshot("image_grid", fig.svg);
});
