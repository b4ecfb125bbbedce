import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/npy.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.makeTempDirSync({ prefix: "compare-stream-" });
const X = randn(400, 6, 1), Y = randn(400, 4, 2);
for (let k = 0; k < X.data.length; k++) X.data[k] = X.data[k]! + 50;
writeNpy(`${dir}/X.npy`, X);
writeNpy(`${dir}/Y.npy`, Y);
Deno.writeTextFileSync(`${dir}/Y.csv`, "a\n1\n2\n");

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

const base = ["compare", `${dir}/X.npy`, `${dir}/Y.npy`];

Deno.test("compare --stream gives the in-memory distance for the linear family and CKA, training rows included", async () => {
  for (
    const extra of [
      ["--alpha", "0.5"],
      ["--alpha", "0", "--score", "euclidean"],
      ["--alpha", "1", "--train-rows", "50:350"],
      ["--metric", "permutation", "--score", "euclidean"],
      ["--metric", "cka"],
      ["--metric", "cka", "--no-center", "--train-rows", "0:200"],
      ["--metric", "cka", "--debiased"],
      ["--metric", "cka", "--debiased", "--train-rows", "10:30"],
      ["--alpha", "0.5", "--test-rows", "300:400"],
      ["--alpha", "1", "--train-rows", "0:250", "--test-rows", "250:400"],
      ["--alpha", "0", "--score", "euclidean", "--train-rows", "100:400", "--test-rows", "0:100"],
    ]
  ) {
    const mem = await cli([...base, ...extra]);
    const str = await cli([...base, ...extra, "--stream"]);
    assert.equal(str.code, 0, str.err);
    assert.equal(str.json.streamed, true);
    assert.equal(mem.json.streamed, undefined);
    for (const k of Object.keys(mem.json)) {
      const a = str.json[k], b = mem.json[k];
      if (typeof b === "number") {
        assert.ok(
          Math.abs(a - b) <= 1e-10 * Math.max(1, Math.abs(b)),
          `${extra} ${k}: ${a} vs ${b}`,
        );
      } else assert.deepEqual(a, b, `${extra} ${k}`);
    }
  }
});

Deno.test("compare streams automatically when the inputs exceed --memory-budget", async () => {
  const small = await cli([...base, "--memory-budget", "1KiB"]);
  assert.equal(small.json.streamed, true);
  const big = await cli([...base, "--memory-budget", "1GiB"]);
  assert.equal(big.json.streamed, undefined);
  assert.ok(Math.abs(small.json.distance - big.json.distance) < 1e-10);
  // a comparison that cannot stream is done in memory whatever the budget
  const rbf = await cli([...base, "--metric", "cka", "--kernel", "rbf", "--memory-budget", "1KiB"]);
  assert.equal(rbf.code, 0, rbf.err);
  assert.equal(rbf.json.streamed, undefined);
});

Deno.test("compare --stream refuses what row blocks cannot give, with exit code 2", async () => {
  for (
    const [extra, message] of [
      [["--metric", "conv-linear"], "only the linear, permutation and cka measures"],
      [
        ["--metric", "cka", "--kernel", "rbf"],
        "RBF CKA cannot be streamed in bounded memory.*in memory",
      ],
      [["--metric", "cka", "--test-rows", "300:400"], "--test-rows streams for the linear family"],
      [["--test-rows", "100:200"], "contiguous"],
      [["--memory-budget", "lots"], "--memory-budget must be a positive size"],
    ] as const
  ) {
    const r = await cli([...base, ...extra, "--stream"]);
    assert.equal(r.code, 2, `${extra}`);
    assert.match(r.err, new RegExp(message.replace(/[-]/g, "\\-")));
  }
  const csv = await cli(["compare", `${dir}/X.npy`, `${dir}/Y.csv`, "--stream"]);
  assert.equal(csv.code, 2);
  assert.match(csv.err, /expected \.npy, HDF5, an Arrow IPC file or Parquet: got csv/);
});

Deno.test("compare --stream rescales data beyond the safe range by a power of two, as in memory", async () => {
  const huge = { ...X, data: X.data.map((v) => v * 1e300) };
  const tiny = { ...Y, data: Y.data.map((v) => v * 1e-300) };
  writeNpy(`${dir}/Xhuge.npy`, huge);
  writeNpy(`${dir}/Ytiny.npy`, tiny);
  const pair = ["compare", `${dir}/Xhuge.npy`, `${dir}/Ytiny.npy`];
  for (
    const extra of [
      ["--alpha", "1"],
      ["--alpha", "0"],
      ["--metric", "permutation"],
      ["--metric", "cka"],
      ["--metric", "cka", "--debiased"],
    ]
  ) {
    const mem = await cli([...pair, ...extra]);
    const str = await cli([...pair, ...extra, "--stream"]);
    assert.equal(mem.code, 0, mem.err);
    assert.equal(str.code, 0, str.err);
    assert.equal(str.json.streamed, true);
    // and both equal the comparison at ordinary scale
    const plain = await cli([...base, ...extra]);
    for (const k of ["distance", "similarity"]) {
      if (typeof mem.json[k] !== "number") continue;
      assert.ok(Math.abs(str.json[k] - mem.json[k]) <= 1e-10, `${extra} ${k}`);
      assert.ok(Math.abs(str.json[k] - plain.json[k]) <= 1e-10, `${extra} ${k}`);
    }
  }
  // a measure that depends on scale is refused in both routes (bad data)
  for (const route of [[], ["--stream"]]) {
    const r = await cli([...pair, "--alpha", "0.5", ...route]);
    assert.equal(r.code, 1, `${route}`);
    assert.match(r.err, /max\|/);
  }
});

Deno.test("pairwise --stream gives the in-memory matrix from one pass per file", async () => {
  const nets = [randn(300, 5, 11), randn(300, 3, 12), randn(300, 7, 13)];
  for (let i = 0; i < 300; i++) nets[1]!.data[i * 3] += 2 * nets[0]!.data[i * 5]!;
  const files = nets.map((M, k) => {
    writeNpy(`${dir}/net${k}.npy`, M);
    return `${dir}/net${k}.npy`;
  });
  for (
    const extra of [
      ["--alpha", "0.5"],
      ["--alpha", "0", "--score", "euclidean", "--width", "common"],
      ["--alpha", "1", "--train-rows", "20:280"],
      ["--measure", "permutation"],
      ["--measure", "cka"],
      ["--measure", "cka", "--debiased"],
    ]
  ) {
    const mem = await cli(["pairwise", ...files, ...extra, "--workers", "1"]);
    const str = await cli(["pairwise", ...files, ...extra, "--stream"]);
    assert.equal(mem.code, 0, mem.err);
    assert.equal(str.code, 0, str.err);
    assert.equal(str.json.streamed, true);
    const { matrix: a, streamed: _, ...restA } = str.json;
    const { matrix: b, ...restB } = mem.json;
    assert.deepEqual(restA, restB, `${extra}`);
    (b as number[][]).forEach((row, i) =>
      row.forEach((v, j) => assert.ok(Math.abs(a[i][j] - v) <= 1e-10, `${extra} ${i},${j}`))
    );
  }
  const auto = await cli(["pairwise", ...files, "--memory-budget", "1KiB"]);
  assert.equal(auto.json.streamed, true);
  for (
    const [extra, message] of [
      [["--measure", "cka", "--test-rows", "200:300"], "--test-rows streams for the linear family"],
      [["--test-rows", "100:200"], "contiguous"],
      [["--shard", "0/2"], "--shard needs --out"],
      [["--shard", "2/2", "--out", `${dir}/p.json`], "`shard` index must be in"],
      [
        ["--measure", "rbf-cka"],
        "RBF CKA cannot be streamed in bounded memory: its kernel needs every pair of rows",
      ],
      [["--measure", "procrustes-sq"], "only the linear, permutation and cka measures"],
      [["--bootstrap", "10"], "--bootstrap"],
    ] as const
  ) {
    const r = await cli(["pairwise", ...files, ...extra, "--stream"]);
    assert.equal(r.code, 2, `${extra}: ${r.err}`);
    assert.match(r.err, new RegExp(message.replace(/[-]/g, "\\-")));
  }
});

Deno.test("pairwise --stream --test-rows gives the in-memory training and held-out matrices", async () => {
  const nets = [randn(300, 5, 21), randn(300, 3, 22), randn(300, 7, 23), randn(300, 3, 24)];
  for (let i = 0; i < 300; i++) nets[1]!.data[i * 3] += 2 * nets[0]!.data[i * 5]!;
  // net3 a rotated, shifted copy of net1: distances near zero take the row pass
  for (let i = 0; i < 300; i++) {
    const [a, b, c] = [0, 1, 2].map((k) => nets[1]!.data[i * 3 + k]!);
    nets[3]!.data.set([b! + 1, -a!, c! * 1 + 1e-3 * nets[3]!.data[i * 3 + 2]!], i * 3);
  }
  const files = nets.map((M, k) => {
    writeNpy(`${dir}/held${k}.npy`, M);
    return `${dir}/held${k}.npy`;
  });
  let worst = 0;
  for (
    const extra of [
      ["--alpha", "0.5", "--test-rows", "240:300"],
      ["--alpha", "1", "--train-rows", "10:200", "--test-rows", "200:290"],
      ["--alpha", "0", "--score", "euclidean", "--width", "common", "--test-rows", "0:50"],
      ["--alpha", "1", "--score", "euclidean", "--test-rows", "250:300"],
      ["--alpha", "0.5", "--no-center", "--test-rows", "250:300"],
    ]
  ) {
    const mem = await cli(["pairwise", ...files, ...extra, "--workers", "1"]);
    const str = await cli(["pairwise", ...files, ...extra, "--stream"]);
    assert.equal(mem.code, 0, mem.err);
    assert.equal(str.code, 0, str.err);
    assert.equal(str.json.streamed, true);
    const { matrix: a, test_matrix: at, streamed: _, ...restA } = str.json;
    const { matrix: b, test_matrix: bt, ...restB } = mem.json;
    assert.deepEqual(restA, restB, `${extra}`);
    assert.equal(bt.length, 4);
    for (const [x, y] of [[a, b], [at, bt]]) {
      (y as number[][]).forEach((row, i) =>
        row.forEach((v, j) => {
          worst = Math.max(worst, Math.abs(x[i][j] - v));
          assert.ok(Math.abs(x[i][j] - v) <= 1e-10, `${extra} ${i},${j}: ${x[i][j]} vs ${v}`);
        })
      );
    }
  }
  console.log(`held-out pairwise: largest |streamed − in memory| = ${worst}`);
});

Deno.test("pairwise --stream --shard: merged streamed shards equal the single streamed run bit for bit", async () => {
  const nets = [randn(260, 4, 31), randn(260, 6, 32), randn(260, 2, 33), randn(260, 5, 34)];
  const files = nets.map((M, k) => {
    writeNpy(`${dir}/sh${k}.npy`, M);
    return `${dir}/sh${k}.npy`;
  });
  for (
    const extra of [
      ["--alpha", "0.5", "--test-rows", "200:260"],
      ["--alpha", "0", "--score", "euclidean", "--width", "common"],
      ["--measure", "cka", "--debiased"],
      ["--measure", "permutation"],
    ]
  ) {
    const whole = await cli([
      "pairwise",
      ...files,
      ...extra,
      "--stream",
      "--out",
      `${dir}/whole.npy`,
    ]);
    assert.equal(whole.code, 0, whole.err);
    const parts = [];
    for (const k of [2, 0, 1]) {
      const out = `${dir}/part${k}.json`;
      const r = await cli([
        "pairwise",
        ...files,
        ...extra,
        "--stream",
        "--shard",
        `${k}/3`,
        "--out",
        out,
      ]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.json.streamed, true);
      assert.equal(r.json.pairs, 2);
      parts.push(out);
    }
    const merged = await cli(["pairwise-merge", ...parts, "--out", `${dir}/merged.npy`]);
    assert.equal(merged.code, 0, merged.err);
    const { streamed: _, out: _o, test_out: _t, ...w } = whole.json;
    const { out: _o2, test_out: _t2, ...m } = merged.json;
    assert.deepEqual(m, w, `${extra}`);
    assert.deepEqual(
      Deno.readFileSync(`${dir}/merged.npy`),
      Deno.readFileSync(`${dir}/whole.npy`),
      `${extra}`,
    );
    if (extra.includes("--test-rows")) {
      assert.deepEqual(
        Deno.readFileSync(`${dir}/merged.test.npy`),
        Deno.readFileSync(`${dir}/whole.test.npy`),
      );
    }
  }
  // without --stream, a shard streams by an explicit --memory-budget only (the same route on
  // every machine of a job array), never by the default budget
  const auto = await cli([
    "pairwise",
    ...files,
    "--shard",
    "0/3",
    "--out",
    `${dir}/a.json`,
    "--memory-budget",
    "1KiB",
  ]);
  assert.equal(auto.json.streamed, true);
  const mem = await cli(["pairwise", ...files, "--shard", "0/3", "--out", `${dir}/m.json`]);
  assert.equal(mem.json.streamed, undefined);
  // a shard reads only the data of the files its pairs name: shard 0/6 of 4 networks is the pair
  // (0, 1), so values of network 3 that would overflow (α = 0.5 does not rescale) stop the whole
  // run but not that shard
  const huge = randn(260, 5, 35);
  for (let k = 0; k < huge.data.length; k++) huge.data[k] = huge.data[k]! * 1e160;
  writeNpy(`${dir}/huge.npy`, huge);
  const few = [...files.slice(0, 3), `${dir}/huge.npy`];
  const broken = await cli(["pairwise", ...few, "--alpha", "0.5", "--stream"]);
  assert.equal(broken.code, 1);
  assert.match(broken.err, /huge\.npy` has max\|x\|/);
  const one = await cli([
    "pairwise",
    ...few,
    "--alpha",
    "0.5",
    "--stream",
    "--shard",
    "0/6",
    "--out",
    `${dir}/one.json`,
  ]);
  assert.equal(one.code, 0, one.err);
  assert.equal(one.json.pairs, 1);
});
