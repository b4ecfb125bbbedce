import assert from "node:assert/strict";
import { assertAllClose } from "../_helpers/assert_close.ts";
import { mulberry32 } from "../../lib/random.ts";
import { transportSimplex } from "../../lib/optim/network_simplex.ts";
import { linearSumAssignment } from "../../lib/optim/assignment.ts";
import { successiveShortestPaths } from "./_ssp_reference.ts";

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);

/** Costs [m, n]: uniform, or (ties) on a grid of `levels` values, or all equal. */
function costs(m: number, n: number, seed: number, kind: "real" | "grid" | "flat"): Float64Array {
  const rand = mulberry32(seed);
  return Float64Array.from(
    { length: m * n },
    () => (kind === "real" ? rand() * 4 : kind === "grid" ? Math.round(rand() * 3) : 1),
  );
}

/** Uniform supplies/demands as integers: n/g per row, m/g per column. */
function uniform(m: number, n: number) {
  const g = gcd(m, n);
  return { s: new Array(m).fill(n / g), d: new Array(n).fill(m / g) };
}

function checkFeasible(
  flow: Float64Array,
  m: number,
  n: number,
  s: number[],
  d: number[],
  label: string,
) {
  for (let i = 0; i < m; i++) {
    let r = 0;
    for (let j = 0; j < n; j++) {
      const f = flow[i * n + j]!;
      assert.ok(f >= 0 && Number.isInteger(f), `${label}: flow[${i}, ${j}] = ${f}`);
      r += f;
    }
    assert.equal(r, s[i], `${label}: row ${i}`);
  }
  for (let j = 0; j < n; j++) {
    let t = 0;
    for (let i = 0; i < m; i++) t += flow[i * n + j]!;
    assert.equal(t, d[j], `${label}: column ${j}`);
  }
}

Deno.test("transportSimplex() equals successive shortest paths to 1e-12 on random, tied and flat costs", () => {
  let seed = 1;
  for (
    const [m, n] of [[1, 5], [5, 1], [2, 3], [3, 7], [7, 3], [6, 4], [10, 15], [30, 20], [40, 7], [
      100,
      70,
    ], [70, 100]]
  ) {
    for (const kind of ["real", "grid", "flat"] as const) {
      const c = costs(m!, n!, seed++, kind);
      const { s, d } = uniform(m!, n!);
      const r = transportSimplex({ rows: m!, cols: n!, data: c }, s, d);
      checkFeasible(r.flow.data, m!, n!, s, d, `${m}×${n} ${kind}`);
      const F = successiveShortestPaths(c, m!, n!, s[0]!, d[0]!);
      let ref = 0;
      for (let k = 0; k < F.length; k++) ref += F[k]! * c[k]!;
      const units = (m! * n!) / gcd(m!, n!);
      assertAllClose(r.total / units, ref / units, {
        rtol: 1e-12,
        atol: 1e-12,
        label: `${m}×${n} ${kind}: `,
      });
    }
  }
});

Deno.test("transportSimplex() with unit supplies and demands is the assignment optimum", () => {
  for (let seed = 0; seed < 6; seed++) {
    const n = 8 + 7 * seed;
    const c = costs(n, n, 100 + seed, seed % 2 ? "grid" : "real");
    const ones = new Array(n).fill(1);
    const r = transportSimplex({ rows: n, cols: n, data: c }, ones, ones);
    checkFeasible(r.flow.data, n, n, ones, ones, `n = ${n}`);
    const lsa = linearSumAssignment({ rows: n, cols: n, data: c }).total;
    assertAllClose(r.total, lsa, { rtol: 1e-13, atol: 1e-13, label: `n = ${n}: ` });
  }
});

Deno.test("transportSimplex() handles uneven and zero supplies and demands", () => {
  const rand = mulberry32(9);
  for (let rep = 0; rep < 20; rep++) {
    const m = 2 + (rep % 5), n = 3 + (rep % 4);
    const s = Array.from({ length: m }, (_, i) => (i === rep % m ? 0 : Math.floor(rand() * 6)));
    const d = new Array(n).fill(0);
    // spread the total over the columns, leaving the last column empty on even reps
    let left = s.reduce((a, b) => a + b, 0);
    for (let j = 0; left > 0; j = (j + 1) % (rep % 2 ? n : n - 1)) {
      const t = Math.min(left, 1 + Math.floor(rand() * 3));
      d[j] += t;
      left -= t;
    }
    const c = Array.from({ length: m }, () => Array.from({ length: n }, () => rand()));
    const r = transportSimplex(c, s, d);
    checkFeasible(r.flow.data, m, n, s, d, `rep ${rep}`);
    // optimal: no cheaper plan among 300 random pairwise exchanges along 4-cycles
    const F = r.flow.data;
    for (let t = 0; t < 300; t++) {
      const i1 = Math.floor(rand() * m), i2 = Math.floor(rand() * m);
      const j1 = Math.floor(rand() * n), j2 = Math.floor(rand() * n);
      if (i1 === i2 || j1 === j2 || F[i1 * n + j1] === 0 || F[i2 * n + j2] === 0) continue;
      const gain = c[i1]![j2]! + c[i2]![j1]! - c[i1]![j1]! - c[i2]![j2]!;
      assert.ok(gain > -1e-12, `rep ${rep}: exchange lowers the cost by ${-gain}`);
    }
  }
});

Deno.test("transportSimplex() is deterministic under heavy ties", () => {
  const c = costs(24, 18, 4, "grid");
  const { s, d } = uniform(24, 18);
  const a = transportSimplex({ rows: 24, cols: 18, data: c }, s, d);
  const b = transportSimplex({ rows: 24, cols: 18, data: c.slice() }, s, d);
  assert.deepEqual(Array.from(a.flow.data), Array.from(b.flow.data));
  assert.equal(a.pivots, b.pivots);
});

Deno.test("transportSimplex() of all-equal costs costs the constant times the total", () => {
  const { s, d } = uniform(12, 9);
  const r = transportSimplex({ rows: 12, cols: 9, data: new Float64Array(108).fill(0.25) }, s, d);
  assert.equal(r.total, 0.25 * s.reduce((a, b) => a + b, 0));
});

Deno.test("transportSimplex() rejects bad supplies, demands and costs, naming them", () => {
  assert.throws(() => transportSimplex([[1, 2]], [1, 1], [1, 1]), {
    name: "TypeError",
    message: "Cannot solve transport: `supply` must have one entry per row of `cost` (1): got 2",
  });
  assert.throws(() => transportSimplex([[1, 2]], [2], [1]), {
    name: "TypeError",
    message: "Cannot solve transport: `demand` must have one entry per column of `cost` (2): got 1",
  });
  assert.throws(() => transportSimplex([[1, 2]], [1.5], [1, 0.5]), {
    name: "RangeError",
    message: "Cannot solve transport: `supply` must hold non-negative integers: got 1.5 at [0]",
  });
  assert.throws(() => transportSimplex([[1, 2]], [2], [3, -1]), {
    name: "RangeError",
    message: "Cannot solve transport: `demand` must hold non-negative integers: got -1 at [1]",
  });
  assert.throws(() => transportSimplex([[1, 2]], [3], [1, 1]), {
    name: "RangeError",
    message: "Cannot solve transport: `supply` and `demand` totals must be equal: got 3 and 2",
  });
  assert.throws(() => transportSimplex([[1, NaN]], [2], [1, 1]), {
    name: "RangeError",
    message: "Cannot solve transport: `cost` must be finite: got NaN at [0, 1]",
  });
});
