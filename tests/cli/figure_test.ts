import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { randn } from "../../lib/random.ts";
import { parseSvg } from "../display/_svg.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The SVG element of a saved figure (save() writes an XML declaration first). */
const readSvg = (path: string) => Deno.readTextFileSync(path).replace(/^<\?xml[^>]*\?>\s*/, "");

function networks(dir: string, k: number): string[] {
  return Array.from({ length: k }, (_, i) => {
    const path = `${dir}/net${i}.npy`;
    writeNpy(path, randn(40, 4, i + 1));
    return path;
  });
}

Deno.test("pairwise --figure writes a clustered heatmap with one cell per pair and names it in the JSON", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = networks(dir, 3);
    const { code, out, err } = await cli([
      "pairwise",
      ...files,
      "--alpha",
      "1",
      "--workers",
      "1",
      "--out",
      `${dir}/D.npy`,
      "--figure",
      `${dir}/D.svg`,
    ]);
    assert.equal(code, 0, err);
    assert.equal(JSON.parse(out).figure, `${dir}/D.svg`);
    const svg = readSvg(`${dir}/D.svg`);
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const doc = parseSvg(svg);
    assert.equal(doc.querySelectorAll('g[aria-label="cell"] rect').length, 9);
    for (const name of ["net0", "net1", "net2"]) assert.ok(svg.includes(`>${name}<`), name);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("pairwise --bootstrap N --figure draws the distances with d ± se hover titles and the SE heatmap beside", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = networks(dir, 3);
    const { code, out, err } = await cli([
      "pairwise",
      ...files,
      "--measure",
      "procrustes",
      "--workers",
      "1",
      "--bootstrap",
      "12",
      "--figure",
      `${dir}/D.svg`,
    ]);
    assert.equal(code, 0, err);
    const json = JSON.parse(out);
    assert.equal(json.bootstrap_samples, 12);
    const svg = readSvg(`${dir}/D.svg`);
    const doc = parseSvg(svg);
    // two heatmaps: the distances and their SEs, 9 cells each
    assert.equal(doc.querySelectorAll('g[aria-label="cell"] rect').length, 18);
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]!);
    const d01 = json.matrix[0][1], se01 = json.se_matrix[0][1];
    const fmt = (v: number, k: number) => String(Number(v.toPrecision(k)));
    assert.ok(
      titles.includes(`net0 × net1: distance ${fmt(d01, 4)} ± ${fmt(se01, 2)}`),
      titles.join("; "),
    );
    assert.ok(titles.includes(`net0 × net1: SE ${fmt(se01, 4)}`), titles.join("; "));
    assert.match(svg, /Bootstrap SE \(12 draws\)/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("mds --figure writes a scatter of the embedding from the saved matrix", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = networks(dir, 4);
    assert.equal(
      (await cli(["pairwise", ...files, "--workers", "1", "--out", `${dir}/D.npy`])).code,
      0,
    );
    const { code, err } = await cli(["mds", `${dir}/D.npy`, "--figure", `${dir}/m.svg`]);
    assert.equal(code, 0, err);
    const doc = parseSvg(readSvg(`${dir}/m.svg`));
    assert.equal(doc.querySelectorAll('g[aria-label="dot"] circle').length, 4);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--figure rejects other file types, and is unknown to subcommands without a figure", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = networks(dir, 2);
    let r = await cli(["pairwise", ...files, "--out", `${dir}/D.npy`, "--figure", `${dir}/D.png`]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--figure must name an \.svg or \.html file: got .*D\.png/);
    r = await cli(["info", files[0]!, "--figure", `${dir}/x.svg`]);
    assert.equal(r.code, 2);
    assert.match(r.err, /Unknown option '--figure'/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("pairwise --shard with --figure explains that the figure needs the whole matrix", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const files = networks(dir, 3);
    const r = await cli([
      "pairwise",
      ...files,
      "--shard",
      "0/2",
      "--out",
      `${dir}/part.json`,
      "--figure",
      `${dir}/p.svg`,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--figure needs the complete matrix: run without --shard/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("--figure writes exactly the figure a notebook shows for the result (dmd, spectral, mds)", async () => {
  const { fitDmd } = await import("../../lib/dynamics/dmd.ts");
  await import("../../lib/views/mod.ts");
  const dir = Deno.makeTempDirSync();
  try {
    const X = randn(60, 3, 7);
    writeNpy(`${dir}/X.npy`, X);
    const r = await cli(["dmd", `${dir}/X.npy`, "--n-delays", "2", "--figure", `${dir}/e.svg`]);
    assert.equal(r.code, 0, r.err);
    const fit = fitDmd(X, {
      nDelays: 2,
      delayInterval: 1,
      ridge: 1e-8,
      center: false,
      scale: false,
    });
    // deno-lint-ignore no-explicit-any
    const bundle = await (fit as any)[Symbol.for("Jupyter.display")]();
    assert.equal(Deno.readTextFileSync(`${dir}/e.svg`), bundle["image/svg+xml"]);
    writeNpy(`${dir}/Y.npy`, randn(60, 2, 8));
    const s = await cli(["spectral", `${dir}/X.npy`, `${dir}/Y.npy`, "--figure", `${dir}/s.html`]);
    assert.equal(s.code, 0, s.err);
    assert.match(Deno.readTextFileSync(`${dir}/s.html`), /^<!DOCTYPE html>[\s\S]*<svg/);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
