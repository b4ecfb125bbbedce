/**
 * Held-out rows at the training means up to rounding have no angle: scoreLinearMetric
 * used to return 0.947 (α = 1), 0.540 (α = 0.5) and 0.393 (α = 0) for the rows below,
 * the angle between two centred vectors of norm 5.6e-17. The registry and the CLI
 * refuse them alike, and so does the permutation metric; ordinary held-out rows keep
 * their value.
 */

import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { fromRows } from "../../lib/linalg/matrix.ts";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import {
  checkHeldOutCentred,
  fitLinearMetric,
  linearMetric,
  scoreLinearMetric,
  trainingScale,
} from "../../lib/metrics/linear.ts";
import { prepareLinearMetric } from "../../lib/metrics/whiten.ts";
import {
  fitPermutationMetric,
  permutationMetric,
  scorePermutationMetric,
} from "../../lib/metrics/permutation.ts";
import { streamingLinearMetricHeldOut, streamingPairEntries } from "../../lib/metrics/streaming.ts";
import { memoryReader } from "../_helpers/memory_reader.ts";
import { rand } from "./_gen.ts";

// training means: [0.30000000000000004, 0.35] and [0.325, 0.42500000000000004]
const X = [[0.1, 0.7], [0.2, 0.1], [0.3, 0.4], [0.6, 0.2]];
const Y = [[0.3, 0.1], [0.1, 0.5], [0.7, 0.2], [0.2, 0.9]];
const atMeanX = [[0.3, 0.35]], atMeanY = [[0.325, 0.425]];
const RMS_X = Math.sqrt(
  0.3 ** 2 + 0.35 ** 2 + (0.04 + 0.01 + 0 + 0.09 + 0.1225 + 0.0625 + 0.0025 + 0.0225) / 4,
);
const message = (name: string, rms: number, scale: number) =>
  `Cannot score linear metric: the angle is undefined because the held-out rows of \`${name}\` are its training means up to rounding: after centring their RMS row norm is ${rms}, at most 1e-12 × the training rows' RMS norm ${scale}`;

Deno.test("scoreLinearMetric() refuses held-out rows equal to the training means up to rounding, for every α", () => {
  for (const alpha of [1, 0.5, 0]) {
    const fit = fitLinearMetric(X, Y, { alpha });
    assert.ok(Math.abs(fit.scaleX! - RMS_X) < 1e-15, `α = ${alpha}: scaleX ${fit.scaleX}`);
    assert.throws(() => scoreLinearMetric(fit, atMeanX, atMeanY), {
      name: "RangeError",
      message: message("X", 2 ** -54, fit.scaleX!), // 0.3 − 0.30000000000000004 = −2⁻⁵⁴
    });
    // X held out at an ordinary row, Y at its mean: Y is named
    assert.throws(() => scoreLinearMetric(fit, [[0.5, 0.1]], atMeanY), {
      name: "RangeError",
      message: message("Y", 2 ** -54, fit.scaleY!),
    });
  }
});

Deno.test("scoreLinearMetric() still scores rows a little off the means, and the euclidean distance of rows at them", () => {
  const fit = fitLinearMetric(X, Y);
  // 1e-9 off the means: small but real, the angle is defined
  const d = scoreLinearMetric(fit, [[0.3 + 1e-9, 0.35]], [[0.325 + 1e-9, 0.425]]);
  assert.ok(Number.isFinite(d) && d >= 0 && d <= Math.PI);
  const e = fitLinearMetric(X, Y, { score: "euclidean" });
  assert.ok(scoreLinearMetric(e, atMeanX, atMeanY) < 1e-16);
});

Deno.test("scoreLinearMetric() of ordinary held-out rows is unchanged: the training rows give linearMetric()", () => {
  const A = rand(20, 3, 31), B = rand(20, 4, 32);
  for (const alpha of [0, 0.5, 1]) {
    const fit = fitLinearMetric(A, B, { alpha });
    const a = scoreLinearMetric(fit, A, B), b = linearMetric(A, B, { alpha });
    assert.ok(Math.abs(a - b) < 1e-12, `α = ${alpha}: ${a} vs ${b}`);
  }
});

Deno.test("trainingScale() is the RMS row norm of the uncentred training rows", () => {
  const prep = prepareLinearMetric(fromRows(X), 1, true, 2);
  assert.ok(Math.abs(trainingScale(prep) - RMS_X) < 1e-15);
  const raw = Math.sqrt(X.flat().reduce((s, v) => s + v * v, 0) / 4);
  assert.ok(Math.abs(trainingScale(prep) - raw) < 1e-15);
});

Deno.test("checkHeldOutCentred() leaves exact zeros to the angle's own check and skips a fit without scales", () => {
  checkHeldOutCentred(fromRows([[0, 0]]), 1, "X", "ctx");
  checkHeldOutCentred(fromRows([[1e-20, 0]]), 0, "X", "ctx");
  assert.throws(() => checkHeldOutCentred(fromRows([[1e-12, 0], [0, 0]]), 1, "X", "ctx"), {
    name: "RangeError",
    message: /RMS row norm is 7\.07\d*e-13, at most 1e-12 × the training rows' RMS norm 1$/,
  });
});

Deno.test("compareWith() with held-out rows at the training means refuses them, naming the input", () => {
  const test = [fromRows(atMeanX), fromRows(atMeanY)] as const;
  for (const measure of ["procrustes", "cca"]) {
    assert.throws(() => compareWith(measure, X, Y, { test }), {
      name: "RangeError",
      message: /the held-out rows of `X` are its training means up to rounding/,
    });
  }
  const e = compareWith("procrustes", X, Y, { test, score: "euclidean" });
  assert.ok(e.testDistance! < 1e-16);
});

Deno.test("compare --train-rows/--test-rows with held-out rows at the training means exits 1 with the message", async () => {
  const dir = Deno.makeTempDirSync({ prefix: "held-out-zero-" });
  writeNpy(`${dir}/X.npy`, fromRows([...X, ...atMeanX]));
  writeNpy(`${dir}/Y.npy`, fromRows([...Y, ...atMeanY]));
  const err: string[] = [];
  const code = await runCli(
    ["compare", `${dir}/X.npy`, `${dir}/Y.npy`, "--train-rows", "0:4", "--test-rows", "4:5"],
    { out: () => {}, err: (s) => err.push(s) },
  );
  assert.equal(code, 1);
  assert.match(
    err.join("\n"),
    /the angle is undefined because the held-out rows of `X` are its training means up to rounding: after centring their RMS row norm is 5\.551115123125783e-17/,
  );
  Deno.removeSync(dir, { recursive: true });
});

/** In-memory reader, in blocks of two rows. */
const memory = (rows: number[][]) => memoryReader(rows, 2);

// one ulp above 0.3: the streamed mean of X's first column is 0.3 or 0.30000000000000004
const offX = [[0.30000000000000004 + 2 ** -54, 0.35]];

Deno.test("streamingLinearMetricHeldOut() and streamingPairEntries() refuse held-out rows at the training means alike", async () => {
  await assert.rejects(
    () => streamingLinearMetricHeldOut(memory(X), memory(Y), memory(offX), memory(atMeanY)),
    {
      name: "RangeError",
      message: /the held-out rows of `X` are its training means up to rounding/,
    },
  );
  await assert.rejects(
    () =>
      streamingPairEntries([memory(X), memory(Y)], {
        test: [memory(offX), memory(atMeanY)],
      }),
    {
      name: "RangeError",
      message: /the held-out rows of `networks\[0\]` are its training means up to rounding/,
    },
  );
  // ordinary held-out rows still give the in-memory value
  const A = rand(12, 3, 41), B = rand(12, 3, 42);
  const rows = (M: typeof A, a: number, b: number) =>
    Array.from({ length: b - a }, (_, i) => Array.from(M.data.slice((a + i) * 3, (a + i + 1) * 3)));
  const r = await streamingLinearMetricHeldOut(
    memory(rows(A, 0, 8)),
    memory(rows(B, 0, 8)),
    memory(rows(A, 8, 12)),
    memory(rows(B, 8, 12)),
  );
  const fit = fitLinearMetric(rows(A, 0, 8), rows(B, 0, 8));
  assert.ok(Math.abs(r.test - scoreLinearMetric(fit, rows(A, 8, 12), rows(B, 8, 12))) < 1e-12);
});

Deno.test("scorePermutationMetric() and compareWith('permutation') refuse held-out rows at the training means alike", () => {
  const fit = fitPermutationMetric(X, Y);
  assert.ok(Math.abs(fit.scaleX! - RMS_X) < 1e-15);
  assert.throws(() => scorePermutationMetric(fit, atMeanX, atMeanY), {
    name: "RangeError",
    message: message("X", 2 ** -54, fit.scaleX!).replace("linear", "permutation"),
  });
  assert.throws(
    () => compareWith("permutation", X, Y, { test: [fromRows(atMeanX), fromRows(atMeanY)] }),
    {
      name: "RangeError",
      message:
        /Cannot compute permutation metric: the angle is undefined because the held-out rows of `X` are its training means up to rounding/,
    },
  );
  // ordinary held-out rows: unchanged, the training rows give permutationMetric()
  const A = rand(20, 3, 51), B = rand(20, 3, 52);
  const f = fitPermutationMetric(A, B);
  assert.ok(Math.abs(scorePermutationMetric(f, A, B) - permutationMetric(A, B)) < 1e-12);
});

Deno.test("a fit saved without scaleX/scaleY (before they existed) still scores held-out rows, unchecked", () => {
  const X = [[0.1, 0.2], [0.3, 0.1], [0.5, 0.9], [0.7, 0.4], [0.2, 0.8]];
  const Y = [[1, 0.5], [0.2, 0.3], [0.9, 0.1], [0.4, 0.6], [0.3, 0.2]];
  const { scaleX: _x, scaleY: _y, ...saved } = fitLinearMetric(X, Y, { alpha: 1 });
  const full = fitLinearMetric(X, Y, { alpha: 1 });
  assert.equal(scoreLinearMetric(saved, X, Y), scoreLinearMetric(full, X, Y));
});
