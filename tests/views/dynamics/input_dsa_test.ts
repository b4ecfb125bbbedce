import assert from "node:assert/strict";
import "../../../lib/views/dynamics/mod.ts";
import { plotSpectraPair } from "../../../lib/views/dynamics/input_dsa.ts";
import { inputDsaDistance } from "../../../lib/dynamics/input_dsa.ts";
import { fitSubspaceDmdc } from "../../../lib/dynamics/subspace_dmdc.ts";
import { simulateDriven } from "../../../lib/dynamics/simulate/driven.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { count, parseSvg } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

Deno.test("an InputDSA result displays its parts and both spectra of A on one unit circle", () => {
  const r = inputDsaDistance([[0.9, 0.2], [0, 0.5]], [[1], [0]], [[-0.3, 0], [0.1, 0.7]], [[0], [
    1,
  ]]);
  const b = show(r);
  assert.match(b["text/plain"]!, /^InputDSA \(joint, angular\): /);
  assert.match(b["text/plain"]!, /joint \(euclidean\)/);
  assert.match(
    b["text/plain"]!,
    /system 1: 2 eigenvalues, largest \|z\| 0\.9; system 2: 2 eigenvalues, largest \|z\| 0\.7/,
  );
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 4);
});

Deno.test("a subspace DMDc fit displays its order, eigenvalues and singular values", () => {
  const U = Array.from({ length: 120 }, (_, t) => [Math.sin(0.9 * t * t)]);
  const Y = simulateDriven({ A: [[0.8, 0.3], [-0.3, 0.8]], B: [[1], [0]] }, U);
  const b = show(fitSubspaceDmdc(Y, U, { nDelays: 3, rank: 2 }));
  assert.match(b["text/plain"]!, /^Subspace DMDc \(order 2\)/);
  assert.match(b["text/plain"]!, /rank 2 of \d+/);
});

Deno.test("plotSpectraPair() refuses an empty spectrum naming it", () => {
  assert.throws(
    () => plotSpectraPair([{ re: [0.5], im: [0] }, { re: [], im: [] }]),
    /`spectra\[1\]`/,
  );
});
