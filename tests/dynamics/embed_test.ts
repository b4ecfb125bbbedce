import assert from "node:assert/strict";
import { delayEmbed } from "../../lib/dynamics/embed.ts";
import { asTrials, toInputLayout } from "../../lib/dynamics/data.ts";
import { toRows } from "../../lib/linalg/matrix.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import fixtures from "./fixtures/dynamics.json" with { type: "json" };

Deno.test("delayEmbed() with one delay returns the data itself", () => {
  const X = [[1, 2], [3, 4], [5, 6]];
  assert.deepEqual(toRows(delayEmbed(X).H), X);
});

Deno.test("delayEmbed() puts the newest sample first", () => {
  const { H, rowsPerTrial } = delayEmbed([[1], [2], [3], [4], [5]], { nDelays: 3 });
  assert.deepEqual(toRows(H), [[3, 2, 1], [4, 3, 2], [5, 4, 3]]);
  assert.deepEqual(rowsPerTrial, [3]);
});

Deno.test("delayEmbed() spaces delays by the delay interval", () => {
  // T′ = 7 − (3 − 1)·2 = 3; row t = [x_{t+4}, x_{t+2}, x_t]
  const X = [[0], [1], [2], [3], [4], [5], [6]];
  assert.deepEqual(toRows(delayEmbed(X, { nDelays: 3, delayInterval: 2 }).H), [
    [4, 2, 0],
    [5, 3, 1],
    [6, 4, 2],
  ]);
});

Deno.test("delayEmbed() embeds trials separately and stacks them trial-major", () => {
  const X = [[[1], [2], [3]], [[10], [20], [30]]];
  const { H, rowsPerTrial } = delayEmbed(X, { nDelays: 2 });
  assert.deepEqual(toRows(H), [[2, 1], [3, 2], [20, 10], [30, 20]]);
  assert.deepEqual(rowsPerTrial, [2, 2]);
});

Deno.test("delayEmbed() accepts trials of different lengths as a list", () => {
  const { rowsPerTrial } = delayEmbed([[[1], [2], [3], [4]], [[5], [6]]], { nDelays: 2 });
  assert.deepEqual(rowsPerTrial, [3, 1]);
});

Deno.test("delayEmbed() accepts a shaped [trials, time, dims] array", () => {
  const data = new Float64Array([1, 2, 3, 4, 5, 6]);
  const { H } = delayEmbed({ shape: [2, 3, 1], data }, { nDelays: 2 });
  assert.deepEqual(toRows(H), [[2, 1], [3, 2], [5, 4], [6, 5]]);
});

Deno.test("delayEmbed() matches the numpy fixtures", () => {
  for (const c of fixtures.embedding) {
    const { H } = delayEmbed(c.X as number[][], {
      nDelays: c.nDelays,
      delayInterval: c.delayInterval,
    });
    assertAllClose(toRows(H).flat(), (c.H as number[][]).flat(), {
      rtol: 0,
      atol: 0,
      label: `D=${c.nDelays} k=${c.delayInterval} `,
    });
  }
});

Deno.test("delayEmbed() rejects too few time steps for the delays", () => {
  assert.throws(
    () => delayEmbed([[1], [2], [3]], { nDelays: 3, delayInterval: 2 }),
    {
      name: "RangeError",
      message:
        "Cannot delay-embed: too few time steps for the delays: trial 0 has 3 samples but nDelays = 3 with delayInterval = 2 needs at least 5",
    },
  );
});

Deno.test("delayEmbed() rejects non-integer or non-positive delays", () => {
  assert.throws(() => delayEmbed([[1], [2]], { nDelays: 0 }), {
    name: "RangeError",
    message: "Cannot delay-embed: `nDelays` must be an integer >= 1: got 0",
  });
  assert.throws(() => delayEmbed([[1], [2]], { delayInterval: 1.5 }), {
    name: "RangeError",
    message: "Cannot delay-embed: `delayInterval` must be an integer >= 1: got 1.5",
  });
});

Deno.test("delayEmbed() rejects NaN, naming the bad entry", () => {
  assert.throws(() => delayEmbed([[1, 2], [NaN, 4]]), {
    name: "RangeError",
    message: "Cannot delay-embed: `X` must be finite: got NaN at [1, 0]",
  });
  assert.throws(() => delayEmbed({ shape: [1, 2, 1], data: new Float64Array([0, Infinity]) }), {
    name: "RangeError",
    message: "Cannot delay-embed: `X` must be finite: got Infinity at [1, 0]",
  });
});

Deno.test("asTrials() rejects bad shapes with both shapes or the shape shown", () => {
  assert.throws(
    () => asTrials({ shape: [2, 2, 2, 1], data: new Float64Array(8) }, "X", "Cannot fit DMD"),
    {
      name: "TypeError",
      message:
        "Cannot fit DMD: `X` must have 2 axes [time, dims] or 3 axes [trials, time, dims]: got shape [2, 2, 2, 1]",
    },
  );
  assert.throws(
    () => asTrials({ shape: [2, 2], data: new Float64Array(3) }, "X", "Cannot fit DMD"),
    {
      name: "TypeError",
      message: "Cannot fit DMD: `X` has shape [2, 2] but 3 entries",
    },
  );
  assert.throws(() => asTrials([[[1, 2]], [[1]]], "X", "Cannot fit DMD"), {
    name: "TypeError",
    message:
      "Cannot fit DMD: every trial of `X` must have the same number of dims: trial 0 has shape [1, 2] but trial 1 has [1, 1]",
  });
  assert.throws(() => asTrials([], "X", "Cannot fit DMD"), {
    name: "RangeError",
    message: "Cannot fit DMD: `X` must not be empty: got []",
  });
  assert.throws(() => asTrials(null as unknown as number[][], "X", "Cannot fit DMD"), {
    name: "TypeError",
    message:
      "Cannot fit DMD: `X` must be a matrix [time, dims], an array [trials, time, dims] or a list of trials: got null",
  });
});

Deno.test("toInputLayout() returns ragged trials as a list of matrices", () => {
  const t = asTrials([[[1], [2]], [[3]]], "X", "ctx");
  const out = toInputLayout(t, t.data, 1) as { rows: number }[];
  assert.deepEqual(out.map((m) => m.rows), [2, 1]);
});
