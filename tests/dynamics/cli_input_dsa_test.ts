import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { writeNpy } from "../../lib/io/mod.ts";
import { simulateDriven } from "../../lib/dynamics/simulate/driven.ts";
import { fitSubspaceDmdc } from "../../lib/dynamics/subspace_dmdc.ts";
import { inputDsaDistance } from "../../lib/dynamics/input_dsa.ts";
import { inputDsaJoint } from "../../lib/dynamics/input_dsa_joint.ts";
import { mulberry32, normalSampler } from "../../lib/random.ts";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [], err: string[] = [];
  const code = await runCli(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const dir = Deno.makeTempDirSync({ prefix: "input_dsa_cli_" });
const A = [[0.9, 0.2, 0], [-0.2, 0.9, 0.1], [0, 0, 0.5]];
const C = [[1, 0, 0.3], [0, 1, -1]];
const g = normalSampler(mulberry32(1));
const U1 = { shape: [2, 200, 1], data: Float64Array.from({ length: 400 }, g) };
const U2 = { shape: [2, 200, 1], data: Float64Array.from({ length: 400 }, g) };
const Y1 = simulateDriven({ A, B: [[1], [0], [0.5]], C }, U1, { processNoise: 0.05, seed: 2 });
const Y2 = simulateDriven({ A, B: [[0], [1], [0.5]], C }, U2, { processNoise: 0.05, seed: 3 });
writeNpy(`${dir}/y1.npy`, Y1);
writeNpy(`${dir}/y2.npy`, Y2);
writeNpy(`${dir}/u1.npy`, U1);
writeNpy(`${dir}/u2.npy`, U2);
const inputs = `${dir}/u1.npy,${dir}/u2.npy`;
const f1 = fitSubspaceDmdc(Y1, U1, { nDelays: 4, rank: 3 });
const f2 = fitSubspaceDmdc(Y2, U2, { nDelays: 4, rank: 3 });

Deno.test("cli compare --measure input-dsa --inputs gives the library's InputDSA distance", async () => {
  for (const compare of ["joint", "state", "input"] as const) {
    const r = await cli([
      "compare",
      `${dir}/y1.npy`,
      `${dir}/y2.npy`,
      "--measure",
      "input-dsa",
      "--inputs",
      inputs,
      "--n-delays",
      "4",
      "--rank",
      "3",
      "--compare",
      compare,
    ]);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.metric, "input-dsa");
    const lib = inputDsaDistance(f1.A, f1.B, f2.A, f2.B, { compare }).distance;
    assert.ok(
      Math.abs(json.distance - lib) < 1e-9 * (1 + lib),
      `${compare}: ${json.distance} vs ${lib}`,
    );
  }
});

Deno.test("cli pairwise --measure controllability --inputs gives a symmetric matrix with a zero diagonal", async () => {
  const r = await cli([
    "pairwise",
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    `${dir}/y1.npy`,
    "--measure",
    "controllability",
    "--inputs",
    `${inputs},${dir}/u1.npy`,
    "--n-delays",
    "4",
    "--rank",
    "3",
    "--workers",
    "1",
  ]);
  assert.equal(r.code, 0, r.err);
  const M = JSON.parse(r.out).matrix as number[][];
  assert.equal(M[0]![2], 0);
  assert.ok(M[0]![1]! > 1e-3 && M[0]![1] === M[1]![0]);
});

Deno.test("cli input-dsa prints the joint, state and input parts and draws both spectra", async () => {
  const r = await cli([
    "input-dsa",
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    "--inputs",
    inputs,
    "--n-delays",
    "4",
    "--rank",
    "3",
    "--figure",
    `${dir}/spectra.svg`,
  ]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  const lib = inputDsaDistance(f1.A, f1.B, f2.A, f2.B);
  assert.ok(Math.abs(json.distance - lib.distance) < 1e-9);
  assert.ok(Math.abs(json.joint.euclidean - lib.joint!.euclidean) < 1e-9);
  assert.ok(Math.abs(json.state.angular - lib.state.angular) < 1e-9);
  assert.deepEqual(json.orders, [3, 3]);
  assert.equal(json.eigenvalues.length, 2);
  assert.equal(json.C.length, 3);
  assert.match(Deno.readTextFileSync(`${dir}/spectra.svg`), /<svg[^>]*>.*Spectra of A/s);
});

Deno.test("cli input-dsa and compare need --inputs, one file per system (exit 2)", async () => {
  const none = await cli(["input-dsa", `${dir}/y1.npy`, `${dir}/y2.npy`]);
  assert.equal(none.code, 2);
  assert.match(none.err, /give the inputs of each with --inputs/);
  const one = await cli([
    "compare",
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    "--measure",
    "input-dsa",
    "--inputs",
    `${dir}/u1.npy`,
  ]);
  assert.equal(one.code, 2);
  assert.match(one.err, /--inputs must list one file per data file \(2\)/);
  const other = await cli([
    "input-dsa",
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    "--inputs",
    inputs,
    "--alpha",
    "0.5",
  ]);
  assert.equal(other.code, 2);
});

Deno.test("cli input-dsa exits 1 when the inputs do not match the observations", async () => {
  writeNpy(`${dir}/short.npy`, { shape: [2, 150, 1], data: new Float64Array(300) });
  const r = await cli([
    "input-dsa",
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    "--inputs",
    `${dir}/u1.npy,${dir}/short.npy`,
  ]);
  assert.equal(r.code, 1);
  assert.match(r.err, /short\.npy must have the trials and time steps of .*y2\.npy/);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

Deno.test("cli input-dsa --bootstrap resamples trials: the same se/ci keys as compare --measure input-dsa", async () => {
  const h = normalSampler(mulberry32(7));
  const V1 = { shape: [6, 100, 1], data: Float64Array.from({ length: 600 }, h) };
  const V2 = { shape: [6, 100, 1], data: Float64Array.from({ length: 600 }, h) };
  writeNpy(
    `${dir}/w1.npy`,
    simulateDriven({ A, B: [[1], [0], [0.5]], C }, V1, { processNoise: 0.1, seed: 8 }),
  );
  writeNpy(
    `${dir}/w2.npy`,
    simulateDriven({ A, B: [[0], [1], [0.5]], C }, V2, { processNoise: 0.1, seed: 9 }),
  );
  writeNpy(`${dir}/v1.npy`, V1);
  writeNpy(`${dir}/v2.npy`, V2);
  const common = [
    `${dir}/w1.npy`,
    `${dir}/w2.npy`,
    "--inputs",
    `${dir}/v1.npy,${dir}/v2.npy`,
    "--n-delays",
    "3",
    "--rank",
    "3",
    "--bootstrap",
    "40",
    "--seed",
    "5",
  ];
  const own = await cli(["input-dsa", ...common]);
  assert.equal(own.code, 0, own.err);
  const json = JSON.parse(own.out);
  const via = await cli(["compare", "--measure", "input-dsa", ...common]);
  assert.equal(via.code, 0, via.err);
  const ref = JSON.parse(via.out);
  for (const key of ["se", "ci", "ci_level", "ci_method", "bootstrap_samples", "scheme", "seed"]) {
    assert.deepEqual(json[key], ref[key], key);
  }
  assert.equal(json.resample, "trials");
  assert.equal(ref.resample, "trials");
  assert.equal(json.ci_method, "bca");
  assert.ok(json.se > 0 && json.ci[0] <= json.distance && json.distance <= json.ci[1]);
  assert.ok(Math.abs(json.distance - ref.distance) < 1e-9);
  // the full result keys are still there
  assert.deepEqual(json.orders, [3, 3]);
  assert.ok(json.joint && json.state && json.input);
  // deterministic for a seed
  const again = JSON.parse((await cli(["input-dsa", ...common])).out);
  assert.equal(again.se, json.se);
  // --ci needs --bootstrap; permutations do not apply to time series (exit 2)
  const ci = await cli(["input-dsa", ...common.slice(0, 8), "--ci", "0.9"]);
  assert.equal(ci.code, 2);
  assert.match(ci.err, /--ci needs --bootstrap/);
  const perm = await cli([
    "compare",
    "--measure",
    "input-dsa",
    ...common.slice(0, 8),
    "--permutations",
    "9",
  ]);
  assert.equal(perm.code, 2);
  assert.match(perm.err, /--permutations does not apply to measure input-dsa/);
});

Deno.test("cli input-dsa --compare weighted --state-weight A gives inputDsaJoint on the fits, as compare does", async () => {
  const args = [
    `${dir}/y1.npy`,
    `${dir}/y2.npy`,
    "--inputs",
    inputs,
    "--n-delays",
    "4",
    "--rank",
    "3",
    "--compare",
    "weighted",
    "--state-weight",
    "0.3",
  ];
  const own = await cli(["input-dsa", ...args]);
  assert.equal(own.code, 0, own.err);
  const json = JSON.parse(own.out);
  const lib = inputDsaJoint(f1.A, f1.B, f2.A, f2.B, { alpha: 0.3 });
  assert.ok(Math.abs(json.distance - lib.distance) < 1e-9, `${json.distance} vs ${lib.distance}`);
  assert.ok(Math.abs(json.objective - lib.objective) < 1e-9);
  assert.equal(json.compare, "weighted");
  assert.equal(json.stateWeight, 0.3);
  assert.equal(json.joint, null);
  assert.ok(Math.abs(json.state.euclidean - lib.state.euclidean) < 1e-6);
  assert.deepEqual(json.orders, [3, 3]);
  const via = await cli(["compare", "--measure", "input-dsa", ...args]);
  assert.equal(via.code, 0, via.err);
  assert.ok(Math.abs(JSON.parse(via.out).distance - json.distance) < 1e-12);
  // the weight belongs to compare weighted only (exit 2)
  const stray = await cli(["input-dsa", ...args.slice(0, 8), "--state-weight", "0.3"]);
  assert.equal(stray.code, 2);
  assert.match(stray.err, /--state-weight applies to --compare weighted: got --compare joint/);
  // …checked before the files are read: bad usage wins over bad data
  const missing = await cli(["input-dsa", "nope.npz", "nope2.npz", "--state-weight", "0.3"]);
  assert.equal(missing.code, 2, missing.err);
  assert.match(missing.err, /--state-weight applies to --compare weighted/);
  // the weight used is printed when it is the default
  const plain = await cli(["input-dsa", ...args.slice(0, -2)]);
  assert.equal(JSON.parse(plain.out).stateWeight, 0.5);
});

Deno.test("cli compare --bootstrap over trials leaves out draws whose refit fails, and its default BCa becomes percentile when a leave-one-out refit fails", async () => {
  // six short trials of a system with a pole at 0.995: some resampled fits are not stable
  const files = [10, 15].map((seed) => {
    const gu = normalSampler(mulberry32(seed));
    const U = { shape: [6, 40, 1], data: Float64Array.from({ length: 240 }, gu) };
    const sys = { A: [[0.995, 0], [0, 0.5]], B: [[0.3], [1]], C: [[1, 0], [0, 1]] };
    const Y = simulateDriven(sys, U, { processNoise: 0.3, observationNoise: 0.3, seed: seed + 1 });
    writeNpy(`${dir}/ny${seed}.npy`, Y);
    writeNpy(`${dir}/nu${seed}.npy`, U);
    return [`${dir}/ny${seed}.npy`, `${dir}/nu${seed}.npy`];
  });
  const args = [
    "compare",
    files[0]![0]!,
    files[1]![0]!,
    "--measure",
    "controllability",
    "--inputs",
    `${files[0]![1]},${files[1]![1]}`,
    "--n-delays",
    "2",
    "--rank",
    "2",
    "--bootstrap",
    "50",
    "--seed",
    "1",
  ];
  const r = await cli(args);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out);
  assert.equal(json.ci_method, "percentile");
  assert.match(
    json.ci_warning,
    /could not be evaluated.*must be stable.*percentile interval is given/,
  );
  assert.ok(json.bootstrap_samples < 50 && json.se > 0);
  // asked for explicitly, BCa is not replaced: the error says why (bad data, exit 1)
  const bca = await cli([...args, "--interval", "bca"]);
  assert.equal(bca.code, 1);
  assert.match(bca.err, /BCa interval needs the statistic without each unit/);
});
