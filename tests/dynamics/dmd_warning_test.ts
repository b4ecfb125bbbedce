/**
 * A DMD fit says in its result when it is fragile: rank above the numerical rank
 * (the CLI's rounding-level notice, same words) or above the number of transitions
 * (underdetermined: the ridge picks A_v, as in the reference). The CLI prints the
 * result's warning; the display shows it.
 */

import assert from "node:assert/strict";
import { dmdWarning, fitDmd, roundingRankWarning } from "../../lib/dynamics/dmd.ts";
import { ridgeMap, shiftedPairs } from "../../lib/dynamics/regression.ts";
import "../../lib/views/dynamics/renderers.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { runCliProcess } from "../_helpers/cli_process.ts";

// 5 steps of 2 dims with 3 delays: 3 embedded rows, rank 3, but only 2 transitions
const S = [[0.3, -1.2], [1.1, 0.4], [-0.7, 0.9], [0.2, -0.5], [1.4, 0.6]];
const UNDER =
  "rank 3 exceeds the 2 transitions between embedded time steps: the regression is underdetermined, so the ridge 1e-8 picks A_v (as the reference fits it), not the data: pass --rank 2 or give more time steps";

Deno.test("fitDmd() with fewer transitions than the rank warns in its result and keeps the ridge's numbers", () => {
  const fit = fitDmd(S, { nDelays: 3 });
  assert.equal(fit.rank, 3);
  assert.equal(fit.numericalRank, 3);
  assert.equal(fit.warning, UNDER);
  // A_v is the ridge solution of the 2 transitions of V = H U Σ⁻¹ (H: newest sample first)
  const H = [2, 3, 4].map((t) => [...S[t]!, ...S[t - 1]!, ...S[t - 2]!]);
  const V = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let v = 0;
      for (let c = 0; c < 6; c++) v += H[i]![c]! * fit.U.data[c * 3 + j]!;
      V[i * 3 + j] = v / fit.singularValues[j]!;
    }
  }
  const { minus, plus, count } = shiftedPairs(V, 3, 3, [3]);
  const Av = ridgeMap(minus, plus, count, 3, 3, 1e-8, "ctx");
  // rounding in V (ε ≈ 1e-16) reaches A_v through the ridge's 1/λ = 1e8: agreement to ~1e-8
  for (let i = 0; i < 9; i++) {
    assert.ok(Math.abs(fit.Av.data[i]! - Av[i]!) < 1e-7, `Av[${i}]: ${fit.Av.data[i]} vs ${Av[i]}`);
  }
});

Deno.test("fitDmd() has no warning when the rank is at most the transitions and the numerical rank", () => {
  const X = Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
  const fit = fitDmd(X, { rank: 2 });
  assert.equal(fit.warning, undefined);
  assert.equal("warning" in fit, false);
});

Deno.test("fitDmd() at a rank above the numerical rank warns in the CLI notice's words", () => {
  const sine = Array.from({ length: 200 }, (_, t) => [Math.sin(0.1 * t)]);
  const fit = fitDmd(sine, { nDelays: 6 });
  assert.equal(fit.numericalRank, 2);
  assert.equal(
    fit.warning,
    "rank 6 keeps 4 singular direction(s) at rounding level (numerical rank 2); their eigenvalues are arbitrary: pass --rank 2 to leave them out",
  );
  assert.equal(fit.warning, roundingRankWarning(6, 2));
});

Deno.test("dmdWarning() joins both warnings when both hold", () => {
  assert.equal(
    dmdWarning(4, 3, 2, 0.1),
    `${
      roundingRankWarning(4, 3)
    }; rank 4 exceeds the 2 transitions between embedded time steps: the regression is underdetermined, so the ridge 0.1 picks A_v (as the reference fits it), not the data: pass --rank 2 or give more time steps`,
  );
});

Deno.test("ridgeMap() of 2 transitions for 3 regressors is the ridge solution (what the underdetermined fit keeps)", () => {
  // V rows v0, v1, v2 (one trial): transitions v0 → v1, v1 → v2
  const V = new Float64Array([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const { minus, plus, count } = shiftedPairs(V, 3, 3, [3]);
  assert.equal(count, 2);
  const lambda = 1e-8;
  const W = ridgeMap(minus, plus, count, 3, 3, lambda, "ctx");
  // Z = [e0; e1], Y = [e1; e2]: (ZᵀZ + λI)⁻¹ZᵀY maps e0 → e1/(1+λ), e1 → e2/(1+λ), e2 → 0
  const expected = [0, 0, 0, 1 / (1 + lambda), 0, 0, 0, 1 / (1 + lambda), 0];
  for (let i = 0; i < 9; i++) assert.ok(Math.abs(W[i]! - expected[i]!) < 1e-15, `W[${i}]`);
});

Deno.test("the DMD display shows the fit's warning, and no note without one", () => {
  const show = (r: object) =>
    // deno-lint-ignore no-explicit-any
    (r as any)[Symbol.for("Jupyter.display")]() as Record<string, string>;
  const b = show(fitDmd(S, { nDelays: 3 }));
  assert.ok(b["text/plain"]!.includes(`Warning: ${UNDER}`));
  assert.ok(b["text/html"]!.includes("Warning: rank 3 exceeds the 2 transitions"));
  const X = Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
  assert.ok(!show(fitDmd(X, { rank: 2 }))["text/plain"]!.includes("Warning"));
});

Deno.test("dmd prints the result's warning as its notice on stderr", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "dmd-warning-" });
  writeNpy(`${dir}/S.npy`, { shape: [5, 2], data: Float64Array.from(S.flat()) });
  const r = await runCliProcess(["dmd", `${dir}/S.npy`, "--n-delays", "3"]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, `notice: ${UNDER}\n`);
  assert.equal(JSON.parse(r.stdout).rank, 3);
  const ok = await runCliProcess(["dmd", `${dir}/S.npy`, "--n-delays", "3", "--rank", "2"]);
  assert.equal(ok.stderr, "");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("dsa prints each system's fit warning, naming X or Y (the underdetermined fit too)", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "dsa-warning-" });
  writeNpy(`${dir}/S.npy`, { shape: [5, 2], data: Float64Array.from(S.flat()) });
  const long = Array.from(
    { length: 40 },
    (_, t) => [Math.sin(0.3 * t), Math.cos(0.2 * t) + 0.1 * t],
  );
  writeNpy(`${dir}/L.npy`, { shape: [40, 2], data: Float64Array.from(long.flat()) });
  const dsa = (rank: string) =>
    runCliProcess(["dsa", `${dir}/S.npy`, `${dir}/L.npy`, "--n-delays", "3", "--rank", rank]);
  const r = await dsa("3");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `notice: X: ${UNDER}\n`);
  const ok = await dsa("2");
  assert.equal([ok.code, ok.stderr].join(" "), "0 ");
  Deno.removeSync(dir, { recursive: true });
});
