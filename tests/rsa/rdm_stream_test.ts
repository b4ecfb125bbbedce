import assert from "node:assert/strict";
import { computeRdm, type RdmMethod } from "../../lib/rsa/rdm.ts";
import { streamingRdm } from "../../lib/rsa/rdm_stream.ts";
import { openRowBlocks } from "../../lib/io/row_blocks.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";

Deno.test("streamingRdm() equals computeRdm() on the same rows for every method but crossnobis", async () => {
  const trials = 237, p = 6;
  const X: Matrix = randn(trials, p, 5);
  for (let k = 0; k < X.data.length; k++) X.data[k] = Math.abs(X.data[k]!) + 0.5 * (k % p);
  const conditions = Array.from({ length: trials }, (_, i) => `c${(i * 7) % 11}`);
  const noise = randn(20, p, 6);
  const N = { rows: p, cols: p, data: new Float64Array(p * p) };
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let s = a === b ? 1 : 0;
      for (let r = 0; r < 20; r++) s += noise.data[r * p + a]! * noise.data[r * p + b]! / 20;
      N.data[a * p + b] = s;
    }
  }
  const dir = Deno.makeTempDirSync({ prefix: "rdm-stream-" });
  writeNpy(`${dir}/X.npy`, X);
  const methods: RdmMethod[] = ["euclidean", "correlation", "mahalanobis", "poisson"];
  for (const method of methods) {
    const opts = { method, conditions, ...(method === "mahalanobis" ? { noise: N } : {}) };
    const want = computeRdm(X, opts);
    const got = await streamingRdm(
      await openRowBlocks(`${dir}/X.npy`, { blockRows: 50 }),
      opts as Parameters<typeof streamingRdm>[1],
    );
    assert.equal(got.kind, "rdm");
    assert.deepEqual(got.conditions, want.conditions);
    got.rdm.data.forEach((v, k) => {
      const w = want.rdm.data[k]!;
      assert.ok(
        Math.abs(v - w) <= 1e-10 * Math.max(1, Math.abs(w)),
        `${method} ${k}: ${v} vs ${w}`,
      );
    });
  }
  const reader = await openRowBlocks(`${dir}/X.npy`);
  await assert.rejects(
    () => streamingRdm(reader, { conditions: conditions.slice(1) }),
    TypeError,
  );
  await assert.rejects(
    // deno-lint-ignore no-explicit-any
    () => streamingRdm(reader, { conditions, method: "crossnobis" as any }),
    /crossnobis is not computed from row blocks/,
  );
  Deno.removeSync(dir, { recursive: true });
});
