import assert from "node:assert/strict";
import { compareWith } from "../../lib/measures/compare.ts";
import "../../lib/measures/all.ts";
import { mulberry32 } from "../../lib/random.ts";

const rng = mulberry32(4);
const mk = (n: number, p: number) =>
  Array.from({ length: n }, () => Array.from({ length: p }, () => rng() - 0.5));
const X = mk(20, 4), Y = mk(20, 3), Xt = mk(5, 4), Yt = mk(5, 3);

Deno.test("compareWith() refuses held-out rows whose columns differ from the training input's, naming test[0] or test[1]", () => {
  for (const measure of ["linear", "cka", "permutation"]) {
    assert.throws(
      () => compareWith(measure, X, Y, { test: [Xt.map((r) => r.slice(0, 3)), Yt] }),
      {
        name: "TypeError",
        message:
          "Cannot compare: `test[0]` must have the 4 columns of `X`: got shape [5, 3] for training shape [20, 4]",
      },
    );
    assert.throws(
      () => compareWith(measure, X, Y, { test: [Xt, mk(5, 4)] }),
      {
        name: "TypeError",
        message:
          "Cannot compare: `test[1]` must have the 3 columns of `Y`: got shape [5, 4] for training shape [20, 3]",
      },
    );
  }
});

Deno.test("compareWith() refuses held-out parts with different row counts, naming test[0] and test[1]", () => {
  assert.throws(
    () => compareWith("linear", X, Y, { test: [Xt, mk(6, 3)] }),
    {
      name: "TypeError",
      message:
        "Cannot compare: `test[0]` and `test[1]` must have the same number of rows: got shapes [5, 4] and [6, 3]",
    },
  );
});

Deno.test("compareWith() refuses a `test` that is not a pair and options that are not an object", () => {
  assert.throws(
    () => compareWith("linear", X, Y, { test: [Xt] as unknown as [unknown, unknown] }),
    {
      name: "TypeError",
      message: /`test` must be a pair \[held-out X, held-out Y\]: got 1 entries/,
    },
  );
  assert.throws(
    () => compareWith("cka", X, Y, null as unknown as Record<string, never>),
    { name: "TypeError", message: "Cannot compare: `options` must be an object: got null" },
  );
});

Deno.test("compareWith() with matching held-out parts gives a held-out value", () => {
  const r = compareWith("linear", X, Y, { test: [Xt, Yt] });
  assert.ok(Number.isFinite(r.testDistance!) && r.testDistance! >= 0);
});
