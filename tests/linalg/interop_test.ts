// Inputs people have: an ml-matrix Matrix, nested arrays and a typed array with a shape are
// accepted wherever a Matrix is, converted once at the boundary (asMatrix).
import assert from "node:assert/strict";
// dev-only (deno.json maps it to npm:ml-matrix@6.15.1): ml-matrix is not a dependency of the library
import { Matrix as MlMatrix } from "ml-matrix";
import {
  asMatrix,
  fromRows,
  linearCKA,
  linearMetric,
  matmul,
  permutationMetric,
  randn,
  singularValues,
  toMlMatrix,
  toRows,
} from "../../mod.ts";
import { fitDmd } from "../../lib/dynamics/mod.ts";
import { assertAllClose } from "../_helpers/assert_close.ts";

const X = randn(25, 4, 3), Y = randn(25, 4, 4);
const forms = (M: typeof X) => ({
  matrix: M,
  rows: toRows(M),
  mlMatrix: new MlMatrix(toRows(M)),
  float32: { data: Float32Array.from(M.data), shape: [M.rows, M.cols] as [number, number] },
  float64: { data: Float64Array.from(M.data), shape: [M.rows, M.cols] as [number, number] },
});

Deno.test("asMatrix() reads an ml-matrix Matrix entry by entry", () => {
  const ml = new MlMatrix([[1, 2, 3], [4, 5, 6]]);
  const M = asMatrix(ml, "X");
  assert.deepEqual([M.rows, M.cols], [2, 3]);
  assert.deepEqual(Array.from(M.data), [1, 2, 3, 4, 5, 6]);
});

Deno.test("asMatrix() reads ml-matrix views (a transpose) too", () => {
  const M = asMatrix(new MlMatrix([[1, 2, 3], [4, 5, 6]]).transpose(), "X");
  assert.deepEqual(toRows(M), [[1, 4], [2, 5], [3, 6]]);
});

Deno.test("asMatrix() reads a typed array with a 2-D or 1-D shape", () => {
  const M = asMatrix({ data: new Int16Array([1, 2, 3, 4]), shape: [2, 2] }, "X");
  assert.deepEqual(toRows(M), [[1, 2], [3, 4]]);
  const v = asMatrix({ data: new Float32Array([0.5, 1.5, 2.5]), shape: [3] }, "v");
  assert.deepEqual([v.rows, v.cols, v.data[1]], [3, 1, 1.5]);
});

Deno.test("asMatrix() keeps today's messages for anything else", () => {
  assert.throws(
    () => asMatrix("nope" as never, "X", { context: "Cannot fit linear metric" }),
    {
      name: "TypeError",
      message: "Cannot fit linear metric: `X` must be a matrix or an array of rows: got string",
    },
  );
  assert.throws(
    () => asMatrix({ a: 1 } as never, "X"),
    {
      name: "TypeError",
      message: "Invalid input: `X` must be a matrix or an array of rows: got object",
    },
  );
  assert.throws(() => asMatrix(new MlMatrix([[1, NaN]]), "X"), /`X` must be finite/);
});

Deno.test("asMatrix() names the shape when a typed array does not fill it", () => {
  assert.throws(
    () => asMatrix({ data: new Float32Array(5), shape: [2, 3] }, "X"),
    { name: "TypeError", message: "Invalid input: `X` has shape [2, 3] but 5 entries" },
  );
  assert.throws(
    () => asMatrix({ data: new Float32Array(8), shape: [2, 2, 2] } as never, "X"),
    {
      name: "TypeError",
      message: "Invalid input: `X` must have a shape [rows, cols] or [n]: got [2, 2, 2]",
    },
  );
});

Deno.test("linearMetric(), linearCKA() and permutationMetric() give the same value for every input form", () => {
  const ref = {
    procrustes: linearMetric(X, Y, { alpha: 1 }),
    cca: linearMetric(X, Y, { alpha: 0 }),
    cka: linearCKA(X, Y),
    perm: permutationMetric(X, Y),
  };
  const fx = forms(X), fy = forms(Y);
  for (const k of Object.keys(fx) as (keyof typeof fx)[]) {
    const tol = k === "float32" ? 1e-5 : 1e-12;
    assertAllClose(linearMetric(fx[k], fy[k], { alpha: 1 }), ref.procrustes, { atol: tol });
    assertAllClose(linearMetric(fx[k], fy[k], { alpha: 0 }), ref.cca, { atol: tol });
    assertAllClose(linearCKA(fx[k], fy[k]), ref.cka, { atol: tol });
    assertAllClose(permutationMetric(fx[k], fy[k]), ref.perm, { atol: tol });
  }
});

Deno.test("matmul() and singularValues() take ml-matrix inputs", () => {
  const A = new MlMatrix([[1, 2], [3, 4]]), B = new MlMatrix([[0, 1], [1, 0]]);
  assert.deepEqual(toRows(matmul(A, B)), [[2, 1], [4, 3]]);
  assertAllClose(Array.from(singularValues(new MlMatrix([[3, 0], [0, 2]]))), [3, 2]);
});

Deno.test("fitDmd() takes an ml-matrix trajectory and a Float32 shaped one alike", () => {
  const T = fromRows(Array.from({ length: 30 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]));
  const ref = fitDmd(T, { rank: 2 }).eigenvalues;
  const a = fitDmd(new MlMatrix(toRows(T)), { rank: 2 }).eigenvalues;
  const b = fitDmd({ data: Float32Array.from(T.data), shape: [30, 2] }, { rank: 2 }).eigenvalues;
  assertAllClose(a.re, ref.re, { atol: 1e-12 });
  assertAllClose(a.im, ref.im, { atol: 1e-12 });
  assertAllClose(b.re, ref.re, { atol: 1e-5 });
  assertAllClose(b.im, ref.im, { atol: 1e-5 });
});

Deno.test("toMlMatrix() returns an ml-matrix Matrix with the same entries", () => {
  const M = fromRows([[1, 2], [3, 4], [5, 6]]);
  const ml = toMlMatrix(M, MlMatrix);
  assert.ok(ml instanceof MlMatrix);
  assert.deepEqual([ml.rows, ml.columns], [3, 2]);
  assert.deepEqual(ml.to2DArray(), [[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(toRows(asMatrix(ml, "ml")), toRows(M));
});

Deno.test("the small helpers (toRows, transpose, add, colMeans, centerColumns, linearGram, alignTo) take every input form alike", async () => {
  const m = await import("../../mod.ts");
  for (const [form, x] of Object.entries(forms(X))) {
    const y = forms(X)[form as keyof ReturnType<typeof forms>];
    assertAllClose(m.toRows(x).flat(), toRows(X).flat(), { atol: 1e-6 });
    assertAllClose(m.transpose(x).data, m.transpose(X).data, { atol: 1e-6 });
    assertAllClose(m.add(x, y).data, m.scale(X, 2).data, { atol: 1e-6 });
    assertAllClose(m.colMeans(x), m.colMeans(X), { atol: 1e-6 });
    assertAllClose(m.centerColumns(x).centered.data, m.centerColumns(X).centered.data, {
      atol: 1e-6,
    });
    assertAllClose(m.linearGram(x).data, m.linearGram(X).data, { atol: 1e-5 });
    assertAllClose(m.alignTo(x, Y).data, m.alignTo(X, Y).data, { atol: 1e-5 });
  }
});

Deno.test("no public function of mod.ts takes a parameter typed Matrix only (MatrixLike at every boundary)", () => {
  const out = new Deno.Command(Deno.execPath(), {
    args: ["doc", "--json", "mod.ts"],
    cwd: new URL("../../", import.meta.url),
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "null",
  }).outputSync();
  const doc = JSON.parse(new TextDecoder().decode(out.stdout));
  type Param = { name?: string; tsType?: { kind?: string; repr?: string } };
  type Decl = { kind: string; def: { params?: Param[] } };
  const root = Object.entries(doc.nodes as Record<string, { symbols: unknown[] }>)
    .find(([k]) => k.endsWith("/mod.ts"))![1];
  const symbols = root.symbols as { name: string; declarations: Decl[] }[];
  const functions = symbols.filter((s) => s.declarations.some((d) => d.kind === "function"));
  assert.ok(functions.length > 300, `only ${functions.length} functions found`);
  const matrixOnly = functions.filter((s) =>
    s.declarations.some((d) =>
      d.kind === "function" &&
      (d.def.params ?? []).some((p) => p.tsType?.kind === "typeRef" && p.tsType.repr === "Matrix")
    )
  ).map((s) => s.name);
  assert.deepEqual(matrixOnly, []);
});
