import assert from "node:assert/strict";
import { classicalMds } from "../../lib/dynamics/mds.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

Deno.test("classicalMds() recovers planar points up to rigid motion", () => {
  const P = [[0, 0], [1, 0], [0, 2], [3, 1], [-1, -1]];
  const D = P.map((a) => P.map((b) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!)));
  const { coordinates, explained } = classicalMds(D);
  const X = coordinates.data;
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      assertAllClose(Math.hypot(X[2 * i]! - X[2 * j]!, X[2 * i + 1]! - X[2 * j + 1]!), D[i]![j]!, {
        rtol: 1e-10,
        atol: 1e-12,
      });
    }
  }
  assertAllClose(explained, 1, { rtol: 1e-10 });
});

Deno.test("classicalMds() rejects non-square, asymmetric and NaN distances", () => {
  assert.throws(() => classicalMds([[0, 1]]), {
    name: "TypeError",
    message: "Cannot compute MDS: `D` must be square: got shape [1, 2]",
  });
  assert.throws(() => classicalMds([[0, 1], [2, 0]]), {
    name: "RangeError",
    message: "Cannot compute MDS: `D` must be symmetric: D[0, 1] = 1 but D[1, 0] = 2",
  });
  assert.throws(() => classicalMds([[0, NaN], [NaN, 0]]), {
    name: "RangeError",
    message: "Cannot compute MDS: `D` must be finite: got NaN at [0, 1]",
  });
  assert.throws(() => classicalMds([[0]], { dims: 2 }), {
    name: "RangeError",
    message: "Cannot compute MDS: `dims` must be an integer in [1, 1]: got 2",
  });
});
