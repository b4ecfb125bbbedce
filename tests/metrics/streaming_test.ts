import assert from "node:assert/strict";
import { randn } from "../../lib/random.ts";
import type { Matrix } from "../../lib/linalg/matrix.ts";
import { matmul } from "../../lib/linalg/products.ts";
import { fitLinearMetric, linearMetric, scoreLinearMetric } from "../../lib/metrics/linear.ts";
import { ckaDistance, debiasedCKA, linearCKA } from "../../lib/metrics/cka.ts";
import {
  accumulateMoments,
  debiasedCKAFromMoments,
  linearCKAFromMoments,
  streamingLinearCKA,
  streamingLinearMetric,
  streamingLinearMetricHeldOut,
  streamingPairwise,
  streamingPermutationMetric,
} from "../../lib/metrics/streaming.ts";
import { permutationMetric } from "../../lib/metrics/permutation.ts";
import { pairwiseMatrix } from "../../lib/pairwise/engine.ts";
import { openRowBlocks, type RowBlockReader } from "../../lib/io/row_blocks.ts";
import { memoryReader } from "../_helpers/memory_reader.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { writeArrow } from "../../lib/io/arrow.ts";

/** In-memory reader (blocks copied, as a file reader would give them). */
const memory = (X: Matrix, blockRows: number) => memoryReader(X, blockRows);

/** Responses with a large common offset, so naive (unshifted) moments would lose digits. */
function offsetRandn(rows: number, cols: number, seed: number, offset = 1e3): Matrix {
  const X = randn(rows, cols, seed);
  for (let k = 0; k < X.data.length; k++) X.data[k] = X.data[k]! + offset * ((k % cols) + 1);
  return X;
}

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(
    Math.abs(a - b) <= tol,
    `${what}: streaming ${a}, in memory ${b}, |Δ| ${Math.abs(a - b)}`,
  );

Deno.test("streamingLinearMetric() equals linearMetric() to 1e-10 for every α, score, centring and padding", async () => {
  for (const seed of [1, 2, 3]) {
    for (const center of [true, false]) {
      // uncentred scatters with large means are ill-conditioned for whitening in memory too
      const offset = center ? 1e3 : 1;
      const X = offsetRandn(300, 7, seed, offset), Y = offsetRandn(300, 5, seed + 10, offset);
      for (const alpha of [0, 0.25, 0.5, 1]) {
        for (const score of ["angular", "euclidean"] as const) {
          const opts = { alpha, score, center };
          const d = await streamingLinearMetric(memory(X, 64), memory(Y, 64), opts);
          const ref = linearMetric(X, Y, opts);
          close(d, ref, 1e-10 * Math.max(1, Math.abs(ref)), JSON.stringify({ seed, ...opts }));
        }
      }
    }
  }
});

Deno.test("streamingLinearMetric() finishes near-zero distances from the rows, as linearMetric() does", async () => {
  const X = offsetRandn(200, 4, 5, 10);
  const noise = randn(200, 4, 7);
  // angular CCA: an invertible map of X, slightly perturbed
  const Y = matmul(X, randn(4, 4, 6));
  // euclidean Procrustes: a signed permutation (orthogonal) of X, slightly perturbed
  const Q = {
    rows: 4,
    cols: 4,
    data: new Float64Array([0, 1, 0, 0, 0, 0, 0, -1, 1, 0, 0, 0, 0, 0, 1, 0]),
  };
  const Yq = matmul(X, Q);
  for (let k = 0; k < Y.data.length; k++) {
    Y.data[k] = Y.data[k]! + 1e-6 * noise.data[k]!;
    Yq.data[k] = Yq.data[k]! + 1e-6 * noise.data[k]!;
  }
  for (const [score, alpha, Z] of [["angular", 0, Y], ["euclidean", 1, Yq]] as const) {
    const d = await streamingLinearMetric(memory(X, 50), memory(Z, 50), { alpha, score });
    const ref = linearMetric(X, Z, { alpha, score });
    assert.ok(ref > 0 && ref < 1e-4, `near zero: ${ref}`);
    close(d, ref, 1e-10 * ref, score);
  }
});

Deno.test("streamingLinearCKA() equals linearCKA() to 1e-12, centred or not", async () => {
  for (const seed of [1, 2]) {
    const X = offsetRandn(257, 9, seed), Y = offsetRandn(257, 3, seed + 5);
    for (const center of [true, false]) {
      const c = await streamingLinearCKA(memory(X, 100), memory(Y, 100), { center });
      close(c, linearCKA(X, Y, { center }), 1e-12, `seed ${seed} center ${center}`);
    }
    const m = await accumulateMoments([memory(X, 100), memory(Y, 100)]);
    close(Math.acos(linearCKAFromMoments(m, 0, 1)), ckaDistance(X, Y), 1e-10, "distance");
  }
});

Deno.test("accumulateMoments() gives every pair of several networks in one pass", async () => {
  const nets = [offsetRandn(120, 3, 1), offsetRandn(120, 4, 2), offsetRandn(120, 2, 3)];
  let passes = 0;
  const readers = nets.map((X) => {
    const r = memory(X, 32);
    return {
      ...r,
      blocks() {
        passes++;
        return r.blocks();
      },
    };
  });
  const m = await accumulateMoments(readers);
  assert.equal(passes, 3); // one pass per network
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      close(linearCKAFromMoments(m, i, j), linearCKA(nets[i]!, nets[j]!), 1e-12, `${i},${j}`);
    }
  }
  assert.deepEqual(
    Array.from(m.scatter(1, 0).data),
    Array.from(matmul(m.scatter(0, 1), { rows: 3, cols: 3, data: eye(3) }, { transA: true }).data),
  );
});

function eye(n: number): Float64Array {
  const I = new Float64Array(n * n);
  for (let k = 0; k < n; k++) I[k * n + k] = 1;
  return I;
}

Deno.test("openRowBlocks() streams .npy and Arrow files to the in-memory numbers, training rows only", async () => {
  const dir = Deno.makeTempDirSync();
  const X = offsetRandn(500, 6, 11), Y = offsetRandn(500, 6, 12);
  writeNpy(`${dir}/x.npy`, X);
  const columns: Record<string, Float64Array> = {};
  for (let j = 0; j < Y.cols; j++) columns[`u${j}`] = Y.data.filter((_, k) => k % Y.cols === j);
  await writeArrow(`${dir}/y.arrow`, columns);
  const train = [100, 400] as const;
  const rx = await openRowBlocks(`${dir}/x.npy`, { rows: train, blockRows: 77 });
  const ry = await openRowBlocks(`${dir}/y.arrow`, { rows: train, blockRows: 77 });
  assert.deepEqual([rx.rows, rx.cols, ry.rows, ry.cols], [300, 6, 300, 6]);
  const slice = (M: Matrix) => ({
    rows: 300,
    cols: M.cols,
    data: M.data.slice(train[0] * M.cols, train[1] * M.cols),
  });
  for (const alpha of [0, 0.5, 1]) {
    close(
      await streamingLinearMetric(rx, ry, { alpha }),
      linearMetric(slice(X), slice(Y), { alpha }),
      1e-10,
      `alpha ${alpha}`,
    );
  }
  close(await streamingLinearCKA(rx, ry), linearCKA(slice(X), slice(Y)), 1e-12, "cka");
  Deno.removeSync(dir, { recursive: true });
});

Deno.test("openRowBlocks() rejects formats that cannot be read by rows, and accumulateMoments() mismatched readers", async () => {
  const path = Deno.makeTempFileSync({ suffix: ".csv" });
  Deno.writeTextFileSync(path, "a,b\n1,2\n");
  await assert.rejects(
    () => openRowBlocks(path),
    (e: Error) =>
      e instanceof TypeError &&
      e.message.includes("expected .npy, HDF5, an Arrow IPC file or Parquet: got csv"),
  );
  Deno.removeSync(path);
  const X = randn(10, 2, 1);
  await assert.rejects(
    () => accumulateMoments([memory(X, 5), memory(randn(12, 2, 2), 5)]),
    (e: Error) => e instanceof TypeError && e.message.includes("the same rows and block size"),
  );
});

Deno.test("streamingPairwise() equals pairwiseDistances() with one pass per file, padded per pair or to the widest", async () => {
  const nets = [3, 5, 4, 5].map((p, k) => offsetRandn(150, p, 20 + k, 100));
  let passes = 0;
  const readers = nets.map((X) => {
    const r = memory(X, 40);
    return {
      ...r,
      blocks() {
        passes++;
        return r.blocks();
      },
    };
  });
  for (
    const opts of [
      { alpha: 0.5 },
      { alpha: 0, score: "euclidean" as const },
      { alpha: 0, score: "euclidean" as const, width: "common" as const },
      { alpha: 1, score: "euclidean" as const, center: false },
      { metric: "cka" as const },
    ]
  ) {
    passes = 0;
    const D = await streamingPairwise(readers, opts);
    // uncentred Procrustes pairs here are near zero relative to their norms: a second pass each
    if (!("center" in opts)) assert.equal(passes, nets.length, JSON.stringify(opts));
    const { metric = "linear", ...measureOptions } = opts as typeof opts & { metric?: string };
    const ref = (await pairwiseMatrix(nets, { measure: metric, ...measureOptions, workers: 1 }))
      .matrix.data;
    D.data.forEach((d, k) =>
      close(d, ref[k]!, 1e-10 * Math.max(1, Math.abs(ref[k]!)), `${JSON.stringify(opts)} ${k}`)
    );
  }
});

Deno.test("streamingPermutationMetric() equals permutationMetric(), far from and near zero", async () => {
  for (const seed of [1, 2]) {
    for (const center of [true, false]) {
      const offset = center ? 1e3 : 1;
      const X = offsetRandn(240, 6, seed, offset), Y = offsetRandn(240, 4, seed + 3, offset);
      for (const score of ["angular", "euclidean"] as const) {
        const opts = { score, center };
        close(
          await streamingPermutationMetric(memory(X, 50), memory(Y, 50), opts),
          permutationMetric(X, Y, opts),
          1e-10 * Math.max(1, permutationMetric(X, Y, opts)),
          JSON.stringify({ seed, ...opts }),
        );
      }
    }
  }
  // a permuted copy, slightly perturbed: finished from the rows
  const X = offsetRandn(200, 5, 9, 10);
  const noise = randn(200, 5, 10);
  const order = [3, 0, 4, 1, 2];
  const Y = {
    rows: 200,
    cols: 5,
    data: Float64Array.from(
      { length: 1000 },
      (_, k) => X.data[Math.floor(k / 5) * 5 + order[k % 5]!]! + 1e-6 * noise.data[k]!,
    ),
  };
  for (const score of ["angular", "euclidean"] as const) {
    const ref = permutationMetric(X, Y, { score });
    assert.ok(ref > 0 && ref < 1e-4, `near zero: ${ref}`);
    close(
      await streamingPermutationMetric(memory(X, 64), memory(Y, 64), { score }),
      ref,
      1e-10 * ref,
      score,
    );
  }
});

Deno.test("debiasedCKAFromMoments() equals the in-memory debiased CKA for every pair, wide or tall, in one pass", async () => {
  for (const [rows, cols, blockRows] of [[300, [5, 3, 8], 64], [12, [20, 30, 4], 5]] as const) {
    const nets = cols.map((c, k) => offsetRandn(rows, c, 40 + k));
    // make the pairs related so CKA is far from 0
    for (let i = 0; i < rows; i++) nets[1]!.data[i * cols[1]!] += 3 * nets[0]!.data[i * cols[0]!]!;
    const m = await accumulateMoments(nets.map((X) => memory(X, blockRows)), { unbiased: true });
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const want = debiasedCKA(nets[i]!, nets[j]!);
        const got = debiasedCKAFromMoments(m, i, j);
        assert.ok(Math.abs(got - want) < 1e-10, `${rows}: ${i},${j}: ${got} vs ${want}`);
      }
    }
    const once = await streamingLinearCKA(
      memory(nets[0]!, blockRows),
      memory(nets[1]!, blockRows),
      {
        debiased: true,
      },
    );
    assert.ok(Math.abs(once - debiasedCKA(nets[0]!, nets[1]!)) < 1e-10);
  }
  const plain = await accumulateMoments([memory(randn(10, 2, 1), 4)]);
  assert.throws(() => debiasedCKAFromMoments(plain, 0, 0), /without `unbiased: true`/);
});

Deno.test("accumulateMoments() with rescale gives the moments of the data brought to unit scale", async () => {
  const X = randn(50, 3, 7), Y = randn(50, 2, 8);
  const huge = { ...X, data: X.data.map((v) => v * 1e250) };
  const tiny = { ...Y, data: Y.data.map((v) => v * 1e-250) };
  await assert.rejects(() => accumulateMoments([memory(huge, 16)]), /outside \[/);
  const m = await accumulateMoments([memory(huge, 16), memory(tiny, 16)], { rescale: true });
  const ref = await accumulateMoments([memory(X, 16), memory(Y, 16)]);
  assert.ok(Math.abs(linearCKAFromMoments(m, 0, 1) - linearCKAFromMoments(ref, 0, 1)) < 1e-12);
  const d = await streamingLinearMetric(memory(huge, 16), memory(tiny, 16), { rescale: true });
  assert.ok(Math.abs(d - linearMetric(X, Y)) < 1e-10);
});

Deno.test("streamingLinearMetricHeldOut() equals fitting on training rows and scoring held-out rows, far from and near zero", async () => {
  const rows = 240, split = 180;
  const X = offsetRandn(rows, 4, 21);
  const far = randn(rows, 3, 22);
  // an invertible linear map of X: held-out distance 0 for CCA, near 0 otherwise
  const near = matmul(X, { rows: 4, cols: 4, data: Float64Array.from(randn(4, 4, 23).data) });
  const part = (M: Matrix, a: number, b: number): Matrix => ({
    rows: b - a,
    cols: M.cols,
    data: M.data.slice(a * M.cols, b * M.cols),
  });
  for (const Y of [far, near]) {
    for (const alpha of [0, 0.5, 1]) {
      for (const score of ["angular", "euclidean"] as const) {
        const opts = { alpha, score };
        const r = await streamingLinearMetricHeldOut(
          memory(part(X, 0, split), 50),
          memory(part(Y, 0, split), 50),
          memory(part(X, split, rows), 25),
          memory(part(Y, split, rows), 25),
          opts,
        );
        const fit = fitLinearMetric(part(X, 0, split), part(Y, 0, split), opts);
        const test = scoreLinearMetric(fit, part(X, split, rows), part(Y, split, rows));
        const train = linearMetric(part(X, 0, split), part(Y, 0, split), opts);
        const tol = (v: number) => 1e-10 * Math.max(1, Math.abs(v));
        assert.ok(Math.abs(r.test - test) <= tol(test), `${alpha} ${score}: ${r.test} vs ${test}`);
        assert.ok(
          Math.abs(r.train - train) <= tol(train),
          `${alpha} ${score}: ${r.train} vs ${train}`,
        );
      }
    }
  }
});

Deno.test("streamingPairwise() blames a constant network by its index, not as the pair's `X` or `Y`", async () => {
  const flat: Matrix = { rows: 40, cols: 3, data: new Float64Array(120).fill(2) };
  const nets = [randn(40, 3, 1), flat, randn(40, 4, 2)];
  for (const metric of ["linear", "permutation", "cka"] as const) {
    await assert.rejects(() => streamingPairwise(nets.map((M) => memory(M, 7)), { metric }), {
      name: "RangeError",
      message: /`networks\[1\]` (has zero variance|is zero after centring)/,
    });
  }
});

Deno.test("streaming refuses a NaN or infinite entry in a block, naming the reader, block, row and column", async () => {
  const X = randn(9, 2, 1), Y = randn(9, 3, 2);
  const bad = (v: number) => {
    const data = X.data.slice();
    data[5 * 2 + 1] = v; // row 5, column 1: block 1 (rows 4..7) of blocks of 4
    return { ...memory({ rows: 9, cols: 2, data }, 4), source: "bad.npy" };
  };
  const msg = (v: string) =>
    `Cannot accumulate moments: \`bad.npy\` must be finite: got ${v} in block 1 at row 5 (row 1 of the block), column 1`;
  for (
    const [v, shown] of [[NaN, "NaN"], [Infinity, "Infinity"], [-Infinity, "-Infinity"]] as const
  ) {
    const expected = { name: "RangeError", message: msg(shown) };
    await assert.rejects(() => streamingLinearCKA(bad(v), memory(Y, 4)), expected);
    await assert.rejects(() => streamingLinearMetric(memory(Y, 4), bad(v)), expected);
    await assert.rejects(
      () => streamingPairwise([memory(Y, 4), bad(v)], { metric: "cka" }),
      (e: Error) => e instanceof RangeError && e.message.includes(msg(shown)),
    );
    await assert.rejects(() => streamingPermutationMetric(bad(v), memory(Y, 4)), expected);
  }
});

Deno.test("streamingPairwise() refuses an option its metric does not read, naming it, and accepts its neutral value", async () => {
  const readers = () => [randn(30, 4, 1), randn(30, 3, 2)].map((X) => memory(X, 7));
  for (
    const [opts, name] of [
      [{ metric: "permutation", alpha: 0.5 }, "alpha"],
      [{ metric: "cka", score: "euclidean" }, "score"],
      [{ metric: "cka", alpha: 0 }, "alpha"],
      [{ metric: "linear", debiased: true }, "debiased"],
    ] as const
  ) {
    await assert.rejects(() => streamingPairwise(readers(), opts), {
      name: "RangeError",
      message: new RegExp(
        `^Cannot compute pairwise distances from row blocks: \`${name}\` does not apply to metric ${opts.metric}`,
      ),
    });
  }
  // `alpha: 1` with permutation changes nothing (it used to reach the permutation code and fail)
  const plain = await streamingPairwise(readers(), { metric: "permutation" });
  const neutral = await streamingPairwise(readers(), { metric: "permutation", alpha: 1 });
  assert.deepEqual(neutral.data, plain.data);
});
