import assert from "node:assert/strict";
import { linearSumAssignment } from "../../lib/optim/assignment.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { fx } from "./_fixtures.ts";

// Brute-force and error-branch tests of the shared solver are in tests/optim/assignment_test.ts.
Deno.test("linearSumAssignment() matches scipy's linear_sum_assignment on the tensor fixtures", () => {
  for (const c of fx.assignment) {
    const cost = { rows: c.shape[0], cols: c.shape[1], data: Float64Array.from(c.cost) };
    const a = linearSumAssignment(cost, { maximize: c.maximize });
    assertAllClose(a.total, c.total, { rtol: 1e-12, label: `${c.shape} max=${c.maximize}: ` });
    assert.deepEqual(a.rowIndex, c.rows);
    assert.deepEqual(a.colIndex, c.cols);
  }
});
