/**
 * RDM vectors given where square RDMs are expected: every RSA function that takes
 * RDMs says which argument, that it takes square [n, n] RDMs and what it got (the
 * message used to come from the matrix reader: "`rdms[0][0]` must be an array: got number").
 */

import assert from "node:assert/strict";
import {
  compareRdmModels,
  compareRdms,
  compareRdmStacks,
  evalBootstrap,
  fitModels,
  noiseCeiling,
  rdmSquare,
  rdmStack,
  rdmVector,
} from "../../lib/rsa/mod.ts";

const D = [[0, 1, 2], [1, 0, 3], [2, 3, 0]];
const E = [[0, 2, 1], [2, 0, 4], [1, 4, 0]];
const HINT = "(rdmSquare(v) makes the square RDM of an upper-triangle vector)";
const element = (ctx: string, name: string, m: number) => ({
  name: "TypeError",
  message: `${ctx}: \`${name}\` must be a square RDM [n, n]: got a vector of length ${m} ${HINT}`,
});
const stack = (ctx: string, name: string, got: string) => ({
  name: "TypeError",
  message:
    `${ctx}: \`${name}\` must be an array of square RDMs [n, n] or a [K, n, n] tensor: got ${got}`,
});

Deno.test("noiseCeiling() given RDM vectors names `rdms`, the square RDMs it takes and the vector's length", () => {
  const ctx = "Cannot compute noise ceiling";
  assert.throws(
    () => noiseCeiling([[1, 2, 3], [2, 3, 4], [1, 1, 2]] as never),
    element(ctx, "rdms[0]", 3),
  );
  assert.throws(
    () => noiseCeiling([new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4])] as never),
    element(ctx, "rdms[0]", 3),
  );
  assert.throws(() => noiseCeiling([D, [1, 2, 3]] as never), element(ctx, "rdms[1]", 3));
  assert.throws(
    () => noiseCeiling([1, 2, 3] as never),
    stack(ctx, "rdms", `a vector of length 3 ${HINT}`),
  );
  assert.throws(
    () => noiseCeiling(new Float64Array(6) as never),
    stack(ctx, "rdms", `a vector of length 6 ${HINT}`),
  );
  assert.throws(
    () => noiseCeiling({ rows: 2, cols: 3, data: new Float64Array(6) } as never),
    stack(ctx, "rdms", `a matrix of shape [2, 3] (RDM vectors as rows? ${HINT.slice(1)}`),
  );
  assert.throws(() => noiseCeiling(null as never), stack(ctx, "rdms", "null"));
  // the square RDMs of those vectors are accepted
  const nc = noiseCeiling([rdmSquare([1, 2, 3]), rdmSquare([2, 3, 4]), rdmSquare([1, 1, 2])], {
    method: "corr",
  });
  assert.ok(nc.upper >= nc.lower && nc.upper <= 1);
});

Deno.test("the other RSA functions taking RDMs refuse vectors alike, naming their argument", () => {
  assert.throws(() => compareRdms([1, 2, 3] as never, D), element("Cannot compare RDMs", "A", 3));
  assert.throws(
    () => compareRdms(D, new Float64Array(3) as never),
    element("Cannot compare RDMs", "B", 3),
  );
  assert.throws(
    () => compareRdmStacks([[1, 2, 3]] as never, [D]),
    element("Cannot compare RDMs", "A[0]", 3),
  );
  assert.throws(
    () => fitModels([D, E], [[1, 2, 3]] as never),
    element("Cannot fit weighted model", "models[0]", 3),
  );
  assert.throws(
    () => evalBootstrap([D, E], [1, 2, 3] as never),
    element("Cannot evaluate model", "model", 3),
  );
  assert.throws(
    () => compareRdmModels([[4, 5, 6]] as never, [D]),
    element("Cannot compare models", "data[0]", 3),
  );
});

Deno.test("rdmVector() and rdmStack() keep their messages for square matrices that are not RDMs", () => {
  assert.throws(() => rdmVector([[0, 1], [1, 0]], "A"), {
    name: "RangeError",
    message: "Invalid RDM: `A` must have at least 3 conditions: got 2",
  });
  assert.throws(() => rdmStack({ shape: [2, 3], data: [0, 1, 2, 1, 0, 3] }, "R"), {
    name: "TypeError",
    message: "Invalid RDMs: `R[0]` must be square: got shape [2, 3]",
  });
  assert.deepEqual(Array.from(rdmStack([D, E]).vectors[1]!), [2, 1, 4]);
});
