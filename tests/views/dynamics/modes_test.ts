import assert from "node:assert/strict";
import "../../../lib/views/dynamics/mod.ts";
import { modeRows } from "../../../lib/views/dynamics/modes.ts";
import { fitDmd } from "../../../lib/dynamics/dmd.ts";
import { dmdModes } from "../../../lib/dynamics/modes.ts";
import type { MimeBundle } from "../../../lib/result.ts";
import { count, parseSvg } from "../../display/_svg.ts";

const show = (r: unknown): MimeBundle =>
  (r as { [k: symbol]: () => MimeBundle })[Symbol.for("Jupyter.display")]!();

/** A damped rotation by w rad/step: DMD eigenvalues e^{-decay ± i w}. */
const wave = (w: number, decay: number) =>
  Array.from({ length: 80 }, (_, t) => [
    Math.cos(w * t) * Math.exp(-decay * t),
    Math.sin(w * t) * Math.exp(-decay * t),
  ]);

Deno.test("modeRows() gives each mode's |λ| and angle per step of the dynamics", () => {
  const rows = modeRows(dmdModes(fitDmd(wave(0.3, 0.02), { rank: 2, ridge: 0 })));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.ok(Math.abs(row["|λ|"]! - Math.exp(-0.02)) < 1e-9, String(row["|λ|"]));
    assert.ok(Math.abs(Math.abs(row["arg λ (rad/step)"]!) - 0.3) < 1e-9);
    assert.ok(Math.abs(row["|φ| there"]! - Math.SQRT1_2) < 1e-9, "unit-norm mode over 2 entries");
  }
  assert.equal(Math.sign(rows[0]!["Im λ"]!) * Math.sign(rows[1]!["Im λ"]!), -1, "a conjugate pair");
});

Deno.test("dmdModes() results display the eigenvalues on the complex plane and one table row per mode", () => {
  const b = show(dmdModes(fitDmd(wave(0.3, 0.02), { nDelays: 2, rank: 2 })));
  assert.match(b["text/plain"]!, /^DMD modes \(2 modes of length 4\)/);
  assert.match(b["text/plain"]!, /growing \(\|λ\| > 1\)\s+0/);
  assert.match(b["text/plain"]!, /Complex plane: 2 values; largest \|z\| 0\.98\d*; 0 outside/);
  assert.equal((b["text/html"]!.match(/<tr>/g) ?? []).length >= 3, true, "header and two modes");
  const doc = parseSvg(b["image/svg+xml"]!);
  assert.equal(count(doc, 'g[aria-label="dot"] circle'), 2);
});
