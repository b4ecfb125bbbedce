import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { mulberry32, randn } from "../../lib/random.ts";
import { haarOrthogonal } from "../../lib/dynamics/orthogonal.ts";
import { procrustesKMeans } from "../../lib/multiset/kmeans.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { parseSvg } from "../display/_svg.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

/** Two prototypes (widths 3 and 4), three rotated noisy copies each, written interleaved. */
function planted(dir: string): { files: string[]; nets: Matrix[] } {
  const protos = [randn(16, 3, 1), randn(16, 4, 2)];
  const files: string[] = [], nets: Matrix[] = [];
  for (let r = 0; r < 3; r++) {
    protos.forEach((P, c) => {
      const p = P.cols, Q = haarOrthogonal(p, mulberry32(10 * r + c)), E = randn(16, p, 50 + r);
      const data = new Float64Array(16 * p);
      for (let i = 0; i < 16; i++) {
        for (let j = 0; j < p; j++) {
          let s = 0.05 * E.data[i * p + j]!;
          for (let k = 0; k < p; k++) s += P.data[i * p + k]! * Q[k * p + j]!;
          data[i * p + j] = s;
        }
      }
      const M = { rows: 16, cols: p, data };
      const path = `${dir}/proto${c}_copy${r}.npy`;
      writeNpy(path, M);
      files.push(path);
      nets.push(M);
    });
  }
  return { files, nets };
}

Deno.test("cli procrustes-kmeans recovers planted clusters and prints the library's result as JSON", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const { files, nets } = planted(dir);
    const r = await cli([
      "procrustes-kmeans",
      ...files,
      "--k",
      "2",
      "--seed",
      "4",
      "--restarts",
      "3",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(r.json.labels, [0, 1, 0, 1, 0, 1]);
    assert.deepEqual(r.json.clusters, [
      ["proto0_copy0", "proto0_copy1", "proto0_copy2"],
      ["proto1_copy0", "proto1_copy1", "proto1_copy2"],
    ]);
    assert.deepEqual(r.json.sizes, [3, 3]);
    assert.deepEqual([r.json.networks, r.json.k, r.json.alpha, r.json.seed, r.json.restarts], [
      6,
      2,
      1,
      4,
      3,
    ]);
    const lib = procrustesKMeans(nets, 2, { seed: 4, restarts: 3 });
    assert.equal(r.json.inertia, lib.inertia);
    assert.deepEqual(r.json.inertia_history, lib.inertiaHistory);
    assert.equal(r.json.converged, true);
    assert.equal(r.json.distances.length, 6);
    assert.equal(r.json.restart_inertia.length, 3);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("cli procrustes-kmeans --figure draws the networks coloured by cluster; --k is required", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    const { files } = planted(dir);
    const r = await cli(["procrustes-kmeans", ...files, "--k", "2", "--figure", `${dir}/k.svg`]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.json.figure, `${dir}/k.svg`);
    const svg = Deno.readTextFileSync(`${dir}/k.svg`).replace(/^<\?xml[^>]*\?>\s*/, "");
    assert.equal(parseSvg(svg).querySelectorAll('g[aria-label="dot"] circle').length, 6);
    const missing = await cli(["procrustes-kmeans", ...files]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--k is required/);
    const alpha = await cli(["procrustes-kmeans", ...files, "--k", "2", "--alpha", "0"]);
    assert.equal(alpha.code, 0, alpha.err);
    assert.deepEqual(alpha.json.labels, [0, 1, 0, 1, 0, 1]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
