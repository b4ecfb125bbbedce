import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import {
  bootstrapMatrix,
  bootstrapMeasure,
  bootstrapMeasureSubjects,
  compareModelsSubjects,
} from "../../lib/inference/mod.ts";
import { randn } from "../../lib/random.ts";

const dir = Deno.makeTempDirSync({ prefix: "cli-inference-" });
const path = (name: string) => `${dir}/${name}`;
const X = randn(40, 5, 1);
const Y = { ...X, data: X.data.map((v, i) => v + 0.8 * Math.sin(13 * i)) };
writeNpy(path("X.npy"), X);
writeNpy(path("Y.npy"), Y);
writeNpy(path("T.npy"), { shape: [30, 2], data: randn(30, 2, 5).data });

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : null, err: err.join("\n") };
}

Deno.test("compare --bootstrap adds se and a ci containing the estimate, equal to bootstrapMeasure", async () => {
  const r = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--metric",
    "cka",
    "--bootstrap",
    "150",
    "--seed",
    "4",
  ]);
  assert.equal(r.code, 0, r.err);
  const lib = bootstrapMeasure("cka", X, Y, { samples: 150, seed: 4 });
  assert.equal(r.json.se, lib.se);
  assert.deepEqual(r.json.ci, lib.ci);
  assert.equal(r.json.inference_value, "similarity");
  assert.ok(r.json.ci[0] <= r.json.similarity && r.json.similarity <= r.json.ci[1]);
  const again = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--metric",
    "cka",
    "--bootstrap",
    "150",
    "--seed",
    "4",
  ]);
  assert.deepEqual(again.json, r.json);
});

Deno.test("compare --permutations gives the smallest p-value for a related pair and names the direction", async () => {
  const r = await cli(["compare", path("X.npy"), path("Y.npy"), "--permutations", "99"]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.json.p_value, 0.01);
  assert.equal(r.json.inference_value, "distance");
});

Deno.test("resampling flags are refused where they do not apply (exit 2)", async () => {
  const cases: [string[], RegExp][] = [
    [["--ci", "0.9"], /--ci needs --bootstrap/],
    [["--seed", "3"], /--seed needs --bootstrap or --permutations/],
    [["--bootstrap", "1"], /--bootstrap must be >= 2: got 1/],
    [["--bootstrap", "10", "--ci", "1.5"], /--ci must be in \(0, 1\): got 1.5/],
    [["--bootstrap", "10", "--test-rows", "30:"], /give them without --train-rows\/--test-rows/],
  ];
  for (const [extra, message] of cases) {
    const r = await cli(["compare", path("X.npy"), path("Y.npy"), ...extra]);
    assert.equal(r.code, 2, extra.join(" "));
    assert.match(r.err, message);
  }
  const d = await cli([
    "compare",
    path("T.npy"),
    path("T.npy"),
    "--measure",
    "dsa",
    "--permutations",
    "10",
  ]);
  assert.equal(d.code, 2);
  assert.match(
    d.err,
    /--permutations does not apply to measure dsa .*--bootstrap resamples trials/,
  );
});

Deno.test("compare --measure dsa --bootstrap N resamples trials and matches bootstrapMeasure()", async () => {
  const trials = (seed: number) => ({ shape: [6, 40, 2], data: randn(6, 80, seed).data });
  writeNpy(path("TX.npy"), trials(21));
  writeNpy(path("TY.npy"), trials(22));
  const r = await cli([
    "compare",
    path("TX.npy"),
    path("TY.npy"),
    "--measure",
    "dsa",
    "--n-delays",
    "2",
    "--rank",
    "3",
    "--score",
    "wasserstein",
    "--bootstrap",
    "20",
  ]);
  assert.equal(r.code, 0, r.err);
  const json = r.json;
  const lib = bootstrapMeasure("dsa", trials(21), trials(22), {
    nDelays: 2,
    rank: 3,
    score: "wasserstein",
    samples: 20,
    seed: 0,
  });
  // draws with fewer than 3 distinct trials are redrawn or dropped alike on both sides
  assert.equal(json.bootstrap_samples, lib.distribution.length);
  assert.ok(json.bootstrap_samples >= 15);
  assert.equal(json.se, lib.se);
  assert.deepEqual(json.ci, lib.ci);
  assert.ok(json.ci[0] <= json.distance && json.distance <= json.ci[1], JSON.stringify(json));
});

writeNpy(path("Z.npy"), randn(40, 5, 9));

Deno.test("compare-models scores every model on the same draws and tests each pair", async () => {
  const r = await cli([
    "compare-models",
    path("X.npy"),
    path("Y.npy"),
    path("Z.npy"),
    "--measure",
    "cka",
    "--bootstrap",
    "120",
    "--ceiling",
    "0.9",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.json.models.map((m: { name: string }) => m.name), ["Y", "Z"]);
  assert.ok(r.json.models[0].score > r.json.models[1].score);
  assert.equal(r.json.models[0].relative, r.json.models[0].score / 0.9);
  const d = r.json.differences[0];
  assert.equal(d.a, "Y");
  assert.equal(d.difference, r.json.models[0].score - r.json.models[1].score);
  assert.equal(d.p_value, 2 / 121);
  const bad = await cli(["compare-models", path("X.npy"), path("Y.npy")]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /compare-models needs --bootstrap N/);
});

Deno.test("pairwise --bootstrap adds an SE matrix: symmetric, zero diagonal, positive off it", async () => {
  const r = await cli([
    "pairwise",
    path("X.npy"),
    path("Y.npy"),
    path("Z.npy"),
    "--bootstrap",
    "20",
    "--seed",
    "1",
    "--workers",
    "1",
    "--se-out",
    path("SE.npy"),
  ]);
  assert.equal(r.code, 0, r.err);
  const se = r.json.se_matrix as number[][];
  for (let i = 0; i < 3; i++) {
    assert.equal(se[i]![i], 0);
    for (let j = 0; j < 3; j++) {
      assert.equal(se[i]![j], se[j]![i]);
      if (i !== j) assert.ok(se[i]![j]! > 0);
    }
  }
  assert.ok(Deno.statSync(path("SE.npy")).size > 100);
  const bad = await cli(["pairwise", path("X.npy"), path("Y.npy"), "--se-out", path("S2.npy")]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--se-out needs --bootstrap/);
});

// ---------------------------------------------------------------- over subjects

const subjects = [21, 22, 23, 24, 25].map((s) => {
  const noise = randn(40, 5, s);
  return { ...X, data: X.data.map((v, i) => v + 0.7 * noise.data[i]!) };
});
const stack = (ms: { data: Float64Array }[]) => {
  const data = new Float64Array(ms.length * 200);
  ms.forEach((m, k) => data.set(m.data, k * 200));
  return { shape: [ms.length, 40, 5], data };
};
writeNpy(path("S.npy"), stack(subjects));
writeNpy(path("S4.npy"), stack(subjects.slice(0, 4)));
writeNpy(path("S1.npy"), stack(subjects.slice(0, 1)));
subjects.forEach((s, k) => writeNpy(path(`s${k}.npy`), s));
const list = subjects.map((_, k) => path(`s${k}.npy`)).join(",");

Deno.test("compare --resample subjects averages the measure over a stack of subjects and equals bootstrapMeasureSubjects", async () => {
  const argv = ["--metric", "cka", "--bootstrap", "200", "--seed", "2", "--resample", "subjects"];
  const r = await cli(["compare", path("X.npy"), path("S.npy"), ...argv]);
  assert.equal(r.code, 0, r.err);
  const lib = bootstrapMeasureSubjects("cka", [X], subjects, { samples: 200, seed: 2 });
  assert.equal(r.json.similarity, lib.estimate);
  assert.equal(r.json.se, lib.se);
  assert.deepEqual(r.json.ci, lib.ci);
  assert.deepEqual(r.json.per_subject, Array.from(lib.perSubject));
  assert.equal(r.json.resample, "subjects");
  assert.equal(r.json.subjects, 5);
  assert.equal(r.json.ci_method, "bca");
  // the same subjects given as a list of files
  const l = await cli(["compare", path("X.npy"), list, ...argv]);
  assert.equal(l.code, 0, l.err);
  assert.deepEqual(l.json, r.json);
});

Deno.test("compare --resample both gives the corrected two-factor SE with its parts", async () => {
  const r = await cli([
    "compare",
    path("X.npy"),
    path("S.npy"),
    "--metric",
    "procrustes",
    "--bootstrap",
    "40",
    "--resample",
    "both",
  ]);
  assert.equal(r.code, 0, r.err);
  const lib = bootstrapMeasureSubjects("procrustes", [X], subjects, {
    samples: 40,
    resample: "both",
  });
  assert.equal(r.json.distance, lib.estimate);
  assert.equal(r.json.se, lib.se);
  assert.deepEqual(r.json.ci, lib.ci);
  assert.equal(r.json.ci_method, "normal");
  assert.equal(r.json.resample, "both");
  assert.equal(r.json.scheme, "subsample");
  assert.ok(r.json.se >= Math.max(r.json.se_subjects, r.json.se_stimuli) - 1e-12);
});

Deno.test("compare --bootstrap draws half-samples of the stimuli by default and the ordinary bootstrap on request", async () => {
  const base = ["compare", path("X.npy"), path("Y.npy"), "--metric", "cka", "--bootstrap", "50"];
  const half = await cli(base);
  assert.equal(half.code, 0, half.err);
  assert.equal(half.json.resample, "stimuli");
  assert.equal(half.json.scheme, "subsample");
  assert.equal(half.json.subsample_size, 20);
  assert.equal(half.json.ci_method, "basic");
  for (const extra of [["--scheme", "replacement"], ["--interval", "bca"]]) {
    const old = await cli([...base, ...extra]);
    assert.equal(old.code, 0, old.err);
    assert.equal(old.json.scheme, "replacement");
    assert.equal(old.json.ci_method, "bca");
    assert.equal(old.json.subsample_size, undefined);
  }
  const lib = bootstrapMeasure("cka", X, Y, { samples: 50, subsampleSize: 30 });
  const m = await cli([...base, "--subsample-size", "30"]);
  assert.equal(m.json.se, lib.se);
});

Deno.test("compare-models --resample subjects scores each model as its mean over the subjects of DATA", async () => {
  const r = await cli([
    "compare-models",
    path("S.npy"),
    path("X.npy"),
    path("Z.npy"),
    "--measure",
    "cka",
    "--bootstrap",
    "100",
    "--resample",
    "subjects",
  ]);
  assert.equal(r.code, 0, r.err);
  const lib = compareModelsSubjects("cka", subjects, { X, Z: randn(40, 5, 9) }, { samples: 100 });
  assert.equal(r.json.models[0].score, lib.models[0]!.estimate);
  assert.equal(r.json.models[0].se, lib.models[0]!.se);
  assert.equal(r.json.differences[0].p_value, lib.differences[0]!.pValue);
  assert.equal(r.json.resample, "subjects");
  assert.equal(r.json.subjects, 5);
  const both = await cli([
    "compare-models",
    list,
    path("X.npy"),
    path("Z.npy"),
    "--measure",
    "cka",
    "--bootstrap",
    "30",
    "--resample",
    "both",
  ]);
  assert.equal(both.code, 0, both.err);
  assert.equal(both.json.ci_method, "normal");
  assert.equal(both.json.models[0].score, r.json.models[0].score);
});

Deno.test("resampling over subjects refuses stacks of different sizes, one subject, or no subjects", async () => {
  const cases: [string[], number, RegExp][] = [
    [
      [path("S.npy"), path("S4.npy")],
      1,
      /`X` and `Y` must hold the same number of subjects .*got 5 and 4/,
    ],
    [[path("X.npy"), path("S1.npy")], 1, /at least 2 subjects to resample subjects: got 1/],
    [
      [path("X.npy"), path("Y.npy")],
      2,
      /--resample subjects needs subjects: give X or Y as a stack/,
    ],
    [[path("X.npy"), path("S.npy"), "--scheme", "subsample"], 2, /--scheme draws stimuli/],
    [[path("X.npy"), path("S.npy"), "--permutations", "9"], 2, /--permutations permutes/],
  ];
  for (const [args, code, message] of cases) {
    const r = await cli(["compare", ...args, "--bootstrap", "10", "--resample", "subjects"]);
    assert.equal(r.code, code, args.join(" ") + r.err);
    assert.match(r.err, message);
  }
  const bad = await cli([
    "compare",
    path("X.npy"),
    path("Y.npy"),
    "--bootstrap",
    "10",
    "--interval",
    "bca",
    "--scheme",
    "subsample",
  ]);
  assert.equal(bad.code, 2);
  assert.match(
    bad.err,
    /--interval bca is a bootstrap interval: give it with --scheme replacement/,
  );
});

Deno.test("pairwise --bootstrap draws half-samples by default and equals bootstrapMatrix for either scheme", async () => {
  const nets = [X, Y, randn(40, 5, 9)];
  for (const scheme of ["subsample", "replacement"] as const) {
    const r = await cli([
      "pairwise",
      path("X.npy"),
      path("Y.npy"),
      path("Z.npy"),
      "--bootstrap",
      "10",
      "--workers",
      "1",
      ...(scheme === "replacement" ? ["--scheme", "replacement"] : []),
    ]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.json.scheme, scheme);
    assert.equal(r.json.subsample_size, scheme === "subsample" ? 20 : undefined);
    const lib = await bootstrapMatrix("linear", nets, { samples: 10, workers: 1, scheme });
    assert.deepEqual(r.json.se_matrix.flat(), Array.from(lib.se.data));
  }
});
