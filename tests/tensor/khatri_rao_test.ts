import assert from "node:assert/strict";
import { khatriRao, mttkrp } from "../../lib/tensor/khatri_rao.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { factors, fx, tens } from "./_fixtures.ts";

Deno.test("khatriRao() matches numpy (first factor slowest)", () => {
  const F = factors(fx.init);
  assertAllClose(khatriRao(F[1]!, F[2]!).data, fx.khatri_rao_BC, { rtol: 0, atol: 0 });
});

Deno.test("mttkrp() matches numpy's unfolding × Khatri–Rao product in every mode", () => {
  const T = tens(fx.T), F = factors(fx.init);
  for (const m of [0, 1, 2] as const) {
    assertAllClose(mttkrp(T, F, m).data, fx.mttkrp[m], {
      rtol: 1e-12,
      atol: 1e-12,
      label: `mode ${m}: `,
    });
  }
});

Deno.test("khatriRao() and mttkrp() reject mismatched ranks and shapes", () => {
  assert.throws(() => khatriRao([[1, 2]], [[1]]), {
    name: "TypeError",
    message:
      "Cannot form Khatri–Rao product: `A` and `B` must have the same number of columns: got shapes [1, 2] and [1, 1]",
  });
  const T = tens(fx.T), F = factors(fx.init);
  assert.throws(() => mttkrp(T, [F[0]!, F[0]!, F[2]!], 0), {
    name: "TypeError",
    message:
      "Cannot compute MTTKRP: `factors[1]` must have shape [4, 3] for a tensor of shape [5, 4, 6]: got [5, 3]",
  });
  assert.throws(() => mttkrp(T, [F[0]!], 0), {
    name: "TypeError",
    message: "Cannot compute MTTKRP: `factors` must hold 3 matrices: got 1",
  });
});
