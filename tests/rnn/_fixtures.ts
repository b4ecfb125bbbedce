import type { LtrModel } from "../../lib/rnn/ltr_model.ts";

/** The numpy fixtures of tests/rnn/fixtures/make_fixtures.py. */
// deno-lint-ignore no-explicit-any
export const fx: any = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/rnn_fixtures.json", import.meta.url)),
);

/** The fixture's ltrRNN as a model. */
export function fixtureModel(): LtrModel {
  const f = fx.ltr;
  const { nConditions: C, nTime: T, nInputs: U, nTrials: K } = f.dims;
  return {
    ...f.dims,
    alpha: f.alpha,
    conditions: f.conditions,
    inputs: { shape: [C, T, U], data: Float64Array.from(f.inputs) },
    kernelCholesky: { rows: K, cols: K, data: Float64Array.from(f.L) },
    theta: Float64Array.from(f.theta),
  };
}
