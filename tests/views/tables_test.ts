/**
 * `toTable` on a result of every kind: real results where they are cheap to
 * compute, typed fixtures (`tagResult` checks their fields against
 * `ResultKinds`) elsewhere. Each table must be tidy (equal column lengths,
 * numbers or strings) and hold the numbers of the result; a few are written
 * with `writeCsv`/`writeArrow` and read back by pandas.
 */
import assert from "node:assert/strict";
import { toTable } from "../../lib/views/mod.ts";
import { tagResult } from "../../lib/result.ts";
import { pairwiseDistances } from "../../lib/multiset/pairwise.ts";
import { classicalMDS } from "../../lib/multiset/mds.ts";
import { procrustesKMeans } from "../../lib/multiset/kmeans.ts";
import { fitSubspaceDmdc } from "../../lib/dynamics/subspace_dmdc.ts";
import { inputDsaDistance } from "../../lib/dynamics/input_dsa.ts";
import { measureSensitivity } from "../../lib/measures/sensitivity.ts";
import { randn } from "../../lib/random.ts";
import { fitDmd } from "../../lib/dynamics/dmd.ts";
import { dsa } from "../../lib/dynamics/dsa.ts";
import { spectrum } from "../../lib/spectral/spectrum.ts";
import { computeRdm } from "../../lib/rsa/rdm.ts";
import { parseCsv } from "../../lib/io/csv.ts";
import { writeCsv } from "../../lib/io/csv.ts";
import { writeArrow } from "../../lib/io/arrow.ts";
import { table } from "../../lib/display/table.ts";
import { figure } from "../../lib/display/figure.ts";
import { measureList } from "../../lib/measures/registry.ts";
import "../../lib/measures/all.ts";
import { tidyTable } from "../../lib/io/tidy.ts";
import type { ResultTable } from "../../lib/result.ts";

const M = (rows: number[][]) => ({
  rows: rows.length,
  cols: rows[0]!.length,
  data: Float64Array.from(rows.flat()),
});
const eig = (re: number[], im: number[]) => ({
  re: Float64Array.from(re),
  im: Float64Array.from(im),
});
const tail = { tailRatio: 0.1, modesToLevel: 2, level: 0.9 };
const group = (acc: number) => ({
  meanAccuracy: acc,
  worstGroupAccuracy: acc / 2,
  worstGroup: { class: 1, attribute: 0 },
  groups: [{ class: 0, attribute: 0, n: 4, correct: 4, accuracy: 1 }, {
    class: 1,
    attribute: 0,
    n: 4,
    correct: 2,
    accuracy: 0.5,
  }],
});
const similarity = {
  distance: 0.2,
  score: "angular" as const,
  angular: 0.2,
  euclidean: 0.3,
  similarity: 0.98,
  C: M([[1, 0], [0, 1]]),
  determinant: 1,
  lowerBound: 0.19,
  iterations: 40,
  starts: 4,
  startsAtBest: 3,
  startsByFamily: { structured: 2, random: 2 },
  atBestByFamily: { structured: 2, random: 1 },
  bestStart: "identity",
  stopReason: "lower-bound" as const,
  converged: true,
};
const theory = {
  P: 4,
  rank: 2,
  ridge: 0,
  ps: [1, 2],
  kappa: [0.5, 0.25],
  gamma: [0.1, 0.2],
  Eg: [0.8, 0.5],
  Etr: [0.2, 0.1],
  Rem: [0.7, 0.4],
  Dem: [1.3, 1.5],
};
const scores = (e: number[]) => ({
  error: e,
  errorSubsets: e.map((v) => [v]),
  errorPerNeuron: e.map((v) => [v, v]),
  r2: e.map((v) => [1 - v, 1 - v]),
  pearson: e.map(() => [0.9, 0.7]),
});
const empirical = {
  P: 4,
  M: 3,
  N: 2,
  centered: true,
  ridge: 0,
  subsets: 1,
  seed: 0,
  ps: [1, 2],
  gen: scores([0.9, 0.6]),
  test: scores([1, 0.7]),
  train: scores([0, 0]),
  solves: { cholesky: 2, pinv: 0 },
};
const alignmentResult = {
  P: 4,
  M: 3,
  N: 2,
  centered: true,
  method: "eigh" as const,
  eigenvalues: [3, 1],
  rank: 2,
  weights: [0.75, 0.25],
  weightsPerNeuron: [[0.5, 0.5], [1, 0]],
  outOfSpan: 0,
  outOfSpanPerNeuron: [0, 0],
  targetPower: 1,
  neuronPower: [0.5, 0.5],
  edModel: 1.6,
  edAlignment: 1.6,
  edNeural: 2,
  tailModel: tail,
  tailAlignment: tail,
};
const cpFit = {
  method: "als" as const,
  rank: 1,
  shape: [2, 1, 1] as [number, number, number],
  weights: [2],
  factors: [M([[0.6], [0.8]]), M([[1]]), M([[1]])] as [
    ReturnType<typeof M>,
    ReturnType<typeof M>,
    ReturnType<typeof M>,
  ],
  relativeError: 0,
  varianceExplained: 1,
  iterations: 3,
  converged: true,
  errorHistory: [0.1, 0],
  restartErrors: [0],
  bestRestart: 0,
  observed: 2,
};
const composition = (n: number) => ({
  n,
  counts: { color: [n - 1, 1] },
  fractions: { color: [(n - 1) / n, 1 / n] },
});
const methodSummary = {
  mean_accuracy: { mean: 0.9, sd: 0.01 },
  worst_group_accuracy: { mean: 0.5, sd: 0.1 },
};
const meanSd = { mean: 0.3, sd: 0.05 };

/** A result of every tagged kind, with what its table must show (built once: tagging freezes). */
let built: Promise<[object, (t: ResultTable) => void][]> | undefined;
function fixtures(): Promise<[object, (t: ResultTable) => void][]> {
  built ??= build();
  return built;
}

async function build(): Promise<[object, (t: ResultTable) => void][]> {
  const X = [[1, 0], [0, 1], [1, 1], [2, 0], [0, 2]];
  const series = Array.from({ length: 40 }, (_, t) => [Math.cos(0.3 * t), Math.sin(0.3 * t)]);
  const fit = fitDmd(series, { rank: 2 });
  const pw = await pairwiseDistances([
    X,
    X.map(([a, b]) => [b!, a!]),
    X.map((r) => r.map((v) => 2 * v)),
  ], {
    labels: ["a", "b", "c"],
  });
  return [
    [pw, (t) => {
      assert.deepEqual(Object.keys(t), ["row", "column", "distance"]);
      assert.equal(t.row!.length, 9);
      const at = (t.row as string[]).findIndex((r, k) => r === "a" && t.column![k] === "b");
      assert.equal(t.distance![at], pw.matrix.data[1]);
    }],
    [
      tagResult("crossDistances", {
        matrix: M([[0.1, 0.2]]),
        test: M([[0.3, 0.4]]),
        labels: ["a"],
        columnLabels: ["x", "y"],
        measure: "cka",
        options: {},
        value: "distance" as const,
        info: [null],
        se: M([[0.01, 0.02]]),
        bootstrapSamples: 10,
      }),
      (t) => {
        assert.deepEqual(t.split, ["train", "train", "test", "test"]);
        assert.deepEqual(t.distance, Float64Array.of(0.1, 0.2, 0.3, 0.4));
        assert.deepEqual((t.se as Float64Array).slice(0, 2), Float64Array.of(0.01, 0.02));
        assert.ok(Number.isNaN(t.se![3]));
      },
    ],
    [
      classicalMDS({ matrix: M([[0, 1, 2], [1, 0, 1], [2, 1, 0]]), labels: ["p", "q", "r"] }),
      (t) => {
        assert.deepEqual(t.label, ["p", "q", "r"]);
        assert.ok("dim1" in t);
      },
    ],
    [
      tagResult("tangentEmbedding", {
        vectors: M([[1, 0], [0, 1]]),
        coordinates: M([[1], [-1]]),
        singularValues: [1.4],
        distances: [1, 1],
        barycenter: {
          mean: M([[0, 0]]),
          alignments: [],
          networks: [],
          objective: [1],
          iterations: 1,
          converged: true,
          start: 0,
        },
      }),
      (t) => assert.deepEqual(t.distanceToBarycenter, Float64Array.of(1, 1)),
    ],
    [
      tagResult("barycenter", {
        mean: M([[1, 2], [3, 4]]),
        alignments: [],
        networks: [],
        objective: [0.5],
        iterations: 1,
        converged: true,
        start: 0,
      }),
      (t) => assert.deepEqual(t.value, Float64Array.of(1, 2, 3, 4)),
    ],
    [
      tagResult("convLinearMetric", {
        distance: 0.1,
        map: M([[0.3, 0.2, 0.3], [0.2, 0.1, 0.2], [0.3, 0.2, 0.3]]),
        shift: [0, 0] as [number, number],
        unshifted: 0.1,
      }),
      (t) => {
        assert.deepEqual(t.shiftHeight!.slice(0, 3), ["-1", "-1", "-1"]);
        assert.equal(t.distance![4], 0.1);
      },
    ],
    [
      tagResult("distanceProgress", { label: "pairs", text: "3/3", html: "<b>3/3</b>" }),
      (t) => assert.deepEqual(t.text, ["3/3"]),
    ],
    [fit, (t) => assert.equal(t.mode!.length, 2)],
    [
      tagResult("dmdc", { ...fit, Bv: M([[1], [0]]), inputs: 1 }),
      (t) => assert.equal(t.re!.length, 2),
    ],
    [
      tagResult("dmdModes", {
        eigenvalues: eig([1], [0]),
        re: M([[0.6], [0.8]]),
        im: M([[0], [0]]),
      }),
      (t) => assert.deepEqual(t.re, Float64Array.of(0.6, 0.8)),
    ],
    [
      tagResult("dmdSweep", {
        nDelays: [1],
        ranks: [1, 2],
        cells: [1, 2].map((rank) => ({
          nDelays: 1,
          rank,
          effectiveRank: rank,
          mase: 1 / rank,
          nmse: 0.1,
          r2: 0.9,
          mse: 0.01,
          aic: -10,
        })),
        best: { nDelays: 1, rank: 2 },
        criterion: "mase" as const,
        split: "time" as const,
        testFraction: 0.2,
        steps: 1,
      }),
      (t) => assert.deepEqual(t.best, ["false", "true"]),
    ],
    [
      tagResult("dmdPrediction", {
        prediction: M([[1]]),
        r2: 0.9,
        mse: 0.1,
        predicted: 10,
        steps: 1,
      }),
      (t) => assert.deepEqual(t.r2, Float64Array.of(0.9)),
    ],
    [dsa(series, series.map(([a, b]) => [b!, -a!]), { rank: 2 }), (t) => {
      assert.deepEqual(t.score, ["angular"]);
      assert.ok((t.distance as Float64Array)[0]! < 1e-6);
      assert.deepEqual(t.rankX, Float64Array.of(2));
    }],
    [
      tagResult("dsaMatrix", {
        matrix: M([[0, 1], [1, 0]]),
        score: "angular" as const,
        ranks: [2, 2],
        pairs: 1,
        shard: "0/1",
      }),
      (t) => assert.deepEqual(t.distance, Float64Array.of(0, 1, 1, 0)),
    ],
    [tagResult("similarityTransform", similarity), (t) => {
      assert.deepEqual(t.lowerBound, Float64Array.of(0.19));
      assert.deepEqual(t.converged, ["true"]);
    }],
    [
      tagResult("wassersteinEigenvalues", { score: 0.5, size: 2, match: [1, 0] }),
      (t) => assert.deepEqual(t.score, Float64Array.of(0.5)),
    ],
    [
      tagResult("dmdResiduals", {
        re: Float64Array.of(0, 1),
        im: Float64Array.of(1, 0),
        residuals: Float64Array.of(0.1, 0.9),
        transitions: 9,
      }),
      (t) => assert.deepEqual(t.residual, Float64Array.of(0.1, 0.9)),
    ],
    [
      tagResult("cleanedWasserstein", {
        score: 0.2,
        size: 1,
        match: [0],
        cleaned: [0, 1].map(() => ({
          re: Float64Array.of(0.5),
          im: Float64Array.of(0),
          residuals: Float64Array.of(0.01),
          kept: [1],
          removed: 1,
          threshold: 0.1,
        })) as [never, never],
      }),
      (t) => {
        assert.deepEqual(t.system, ["X", "Y"]);
        assert.deepEqual(t.mode, Float64Array.of(1, 1));
      },
    ],
    [
      table([{ model: "a", score: 1 }, { model: "b", score: 2 }]),
      (t) => assert.deepEqual(t.score, Float64Array.of(1, 2)),
    ],
    [
      figure('<svg width="3" height="2"/>', { title: "t", summary: "s" }),
      (t) => assert.deepEqual(t.width, Float64Array.of(3)),
    ],
    [
      tagResult("groupAccuracy", group(0.75)),
      (t) => assert.deepEqual(t.accuracy, Float64Array.of(1, 0.5)),
    ],
    [
      tagResult("midBenchmark", {
        data: "sprites" as const,
        model: "mlp" as const,
        correlation: 0.9,
        seeds: 2,
        n_train: 10,
        n_heldout: 5,
        n_test: 5,
        erm: methodSummary,
        random: methodSummary,
        mid: methodSummary,
        oracle: methodSummary,
        mid_minority_fraction: meanSd,
        base_rate: meanSd,
        mid_count: meanSd,
        logit_decile_minority_fraction: [0.1],
        top_decile_aligned_fraction: meanSd,
        per_seed: [0, 1].map((seed) => ({ seed, worst_group_accuracy: { erm: 0.4, mid: 0.6 } })),
        groups_last_seed: {},
      }),
      (t) => {
        assert.deepEqual(t.method, ["erm", "mid", "erm", "mid"]);
        assert.deepEqual(t.worst_group_accuracy, Float64Array.of(0.4, 0.6, 0.4, 0.6));
      },
    ],
    [
      tagResult("midSelection", {
        isMid: Uint8Array.of(0, 1, 0),
        indices: [1],
        variant: "margin" as const,
        bands: [],
      }),
      (t) => assert.deepEqual(t.mid, ["false", "true", "false"]),
    ],
    [
      tagResult("sortedRsm", {
        metric: "cosine" as const,
        order: [1, 0],
        boundaries: [0],
        matrix: M([[1, 0.5], [0.5, 1]]),
        blockMeans: [[0.5]],
      }),
      (t) => assert.deepEqual(t.row, ["1", "1", "0", "0"]),
    ],
    [
      tagResult("midExperiment", {
        methods: { erm: group(0.8), random: group(0.8), mid: group(0.9), oracle: group(1) },
        mids: { count: 3, minorityFraction: 0.5, baseRate: 0.1 },
        deciles: { minorityFraction: [0.1], topAlignedFraction: 0.9 },
        losses: [1, 0.5],
      }),
      (t) => assert.deepEqual(t.worstGroupAccuracy, Float64Array.of(0.4, 0.4, 0.45, 0.5)),
    ],
    [
      tagResult("lastLayerFit", {
        mean: [0],
        scale: [1],
        nClasses: 2,
        coef: [[0.5]],
        intercept: [-1],
        groupSizes: [2, 2],
        perGroup: 2,
        resamples: 1,
        penalty: "l2" as const,
        C: 1,
        converged: true,
      }),
      (t) => assert.deepEqual(t.feature, ["0", "intercept"]),
    ],
    [
      tagResult("logisticFit", {
        penalty: "l1" as const,
        C: 1,
        nClasses: 3,
        coef: [[1, 2], [3, 4], [5, 6]],
        intercept: [0, 0, 0],
        solver: "fista" as const,
        iterations: 5,
        converged: true,
      }),
      (t) => assert.deepEqual(t.coefficient, Float64Array.of(1, 2, 3, 4, 5, 6, 0, 0, 0)),
    ],
    [
      tagResult("activationAnalysis", {
        rule: "range" as const,
        edges: [0, 1, 2],
        bins: [composition(4), composition(2)],
        topK: { ...composition(2), k: 2 },
      }),
      (t) => {
        assert.deepEqual(t.set, ["bin", "bin", "bin", "bin", "top-k", "top-k"]);
        assert.deepEqual(t.count, Float64Array.of(3, 1, 1, 1, 1, 1));
      },
    ],
    [
      tagResult("bootstrap", {
        estimate: 1,
        se: 0.1,
        ci: [0.8, 1.2] as [number, number],
        level: 0.95,
        interval: "bca" as const,
        distribution: Float64Array.of(0.9, 1.1),
        discarded: 0,
        seed: 0,
      }),
      (t) => assert.deepEqual(t.ciHigh, Float64Array.of(1.2)),
    ],
    [
      tagResult("modelComparison", {
        models: [{
          name: "A",
          estimate: 0.5,
          se: 0.1,
          ci: [0.3, 0.7] as [number, number],
          interval: "bca" as const,
        }, {
          name: "B",
          estimate: 0.2,
          se: 0.1,
          ci: [0, 0.4] as [number, number],
          interval: "bca" as const,
        }],
        differences: [{
          a: "A",
          b: "B",
          estimate: 0.3,
          se: 0.1,
          ci: [0.1, 0.5] as [number, number],
          pValue: 0.01,
        }],
        ceiling: null,
        interval: "bca" as const,
        level: 0.95,
        samples: 100,
        seed: 0,
      }),
      (t) => {
        assert.deepEqual(t.comparison, ["A", "B", "A − B"]);
        assert.ok(Number.isNaN(t.pValue![0]) && t.pValue![2] === 0.01);
      },
    ],
    [
      tagResult("permutationTest", {
        observed: 0.5,
        pValue: 0.02,
        permutations: 99,
        alternative: "greater" as const,
        distribution: Float64Array.of(0.1),
        seed: 1,
      }),
      (t) => assert.deepEqual(t.pValue, Float64Array.of(0.02)),
    ],
    [
      tagResult("splitHalfReliability", {
        halfCorrelation: [0.5, 0.6],
        reliability: [2 / 3, 0.75],
        splits: 10,
      }),
      (t) => assert.deepEqual(t.reliability, Float64Array.of(2 / 3, 0.75)),
    ],
    [
      tagResult("twoFactorBootstrap", {
        estimate: 1,
        se: 0.2,
        ci: [0.6, 1.4] as [number, number],
        level: 0.95,
        interval: "normal" as const,
        seFirst: 0.1,
        seSecond: 0.1,
        seBoth: 0.15,
        seed: 0,
      }),
      (t) => assert.deepEqual(t.seBoth, Float64Array.of(0.15)),
    ],
    [
      tagResult("rankSelection", {
        table: [{ rank: 1, seed: 0, trainError: 0.5, testError: 0.6 }, {
          rank: 2,
          seed: 0,
          trainError: 0.1,
          testError: 0.2,
        }],
        summary: [],
        chosenRank: 2,
        tolerance: 0.05,
        aggregate: "min" as const,
      }),
      (t) => assert.deepEqual(t.chosen, ["false", "true"]),
    ],
    [
      tagResult("ltrFit", {
        model: {} as never,
        parameters: {} as never,
        trainError: 0.1,
        testError: null,
        trainMse: 0.01,
        testMse: null,
        history: [{ iteration: 0, trainError: 1 }, {
          iteration: 10,
          trainError: 0.1,
          testError: 0.2,
        }],
        lossHistory: [1, 0.1],
        options: {
          rank: 1,
          nUnits: 2,
          iterations: 10,
          learningRate: 0.1,
          trialDropout: 0,
          lambdaState: 0,
          lambdaInput: 0,
          alpha: 0.1,
          seed: 0,
        },
      }),
      (t) => {
        assert.deepEqual(t.iteration, Float64Array.of(0, 10));
        assert.ok(Number.isNaN(t.testError![0]));
      },
    ],
    [
      tagResult("cpRankSweep", {
        table: [{
          rank: 1,
          replicate: 0,
          relativeError: 0.5,
          varianceExplained: 0.75,
          similarityToBest: 1,
        }],
        best: [],
      }),
      (t) => assert.deepEqual(t.varianceExplained, Float64Array.of(0.75)),
    ],
    [tagResult("cpDecomposition", cpFit), (t) => {
      assert.deepEqual(t.mode, Float64Array.of(1, 1, 2, 3));
      assert.deepEqual(t.value, Float64Array.of(0.6, 0.8, 1, 1));
      assert.deepEqual(t.weight, Float64Array.of(2, 2, 2, 2));
    }],
    [tagResult("spectralTheory", theory), (t) => assert.deepEqual(t.Eg, Float64Array.of(0.8, 0.5))],
    [spectrum([[1, 0], [0, 1], [-1, 0], [0, -1]]), (t) => assert.equal(t.cumulative!.at(-1), 1)],
    [
      tagResult("spectralAnalysis", { alignment: alignmentResult, theory, empirical }),
      (t) => {
        assert.deepEqual(t.source, ["theory", "theory", "empirical", "empirical"]);
        assert.deepEqual(t.genError, Float64Array.of(0.8, 0.5, 0.9, 0.6));
      },
    ],
    [tagResult("spectralEmpirical", empirical), (t) => {
      assert.deepEqual(t.testError, Float64Array.of(1, 0.7));
      assert.deepEqual(t.testPearson, Float64Array.of(0.8, 0.8));
    }],
    [
      tagResult("spectralSweep", {
        P: 4,
        layers: ["conv1"],
        rows: [{
          layer: "conv1",
          layerIndex: 0,
          p: 2,
          Eg: 0.5,
          Etr: 0.1,
          Rem: 0.4,
          Dem: 1.5,
          kappa: 0.2,
          gamma: 0.1,
          genError: null,
          testError: 0.6,
          trainError: null,
          testR2: null,
          testPearson: null,
          rank: 2,
          M: 3,
          edModel: 1.5,
          edAlignment: 1.2,
          edNeural: 2,
          outOfSpan: 0,
        }],
      }),
      (t) => {
        assert.deepEqual(t.layer, ["conv1"]);
        assert.ok(Number.isNaN(t.genError![0]));
      },
    ],
    [
      tagResult("ridgePredictivity", {
        P: 4,
        M: 3,
        N: 2,
        ridge: 0.1,
        folds: 2,
        seed: 0,
        centered: true,
        foldOf: [0, 1, 0, 1],
        r2: [0.5, 0.25],
        pearson: [0.7, 0.5],
        meanR2: 0.375,
        meanPearson: 0.6,
        solves: { cholesky: 2, pinv: 0 },
      }),
      (t) => {
        assert.deepEqual(t.neuron, Float64Array.of(0, 1));
        assert.deepEqual(t.r2, Float64Array.of(0.5, 0.25));
      },
    ],
    [
      tagResult("ridgeFit", {
        coef: [[1], [2]],
        intercept: [3],
        ridge: 0.1,
        alpha: 0.4,
        nTrain: 4,
        solver: "primal" as const,
        method: "cholesky" as const,
      }),
      (t) => assert.deepEqual(t.feature, ["0", "1", "intercept"]),
    ],
    [
      tagResult("spectralAlignment", alignmentResult),
      (t) => assert.deepEqual(t.cumulativeWeight, Float64Array.of(0.75, 1)),
    ],
    [
      computeRdm([[0, 0], [2, 0], [0, 4]], { method: "euclidean" }),
      (t) => assert.deepEqual(t.dissimilarity, Float64Array.of(0, 2, 8, 2, 0, 10, 8, 10, 0)),
    ],
    [
      tagResult("noiseCeiling", { method: "corr" as const, lower: 0.4, upper: 0.6 }),
      (t) => assert.deepEqual(t.upper, Float64Array.of(0.6)),
    ],
    [
      tagResult("rsaFit", {
        method: "corr" as const,
        fitter: "nnls" as const,
        weights: [0.2, 0.8],
        similarity: 0.9,
      }),
      (t) => assert.deepEqual(t.weight, Float64Array.of(0.2, 0.8)),
    ],
    [
      tagResult("rsaEvaluation", {
        method: "corr" as const,
        bootstrap: "pattern" as const,
        samples: 100,
        valid: 98,
        evaluation: 0.5,
        se: 0.05,
        ci: [0.4, 0.6] as [number, number],
      }),
      (t) => assert.deepEqual(t.valid, Float64Array.of(98)),
    ],
    [
      tagResult("rsaModelComparison", {
        method: "corr" as const,
        bootstrap: "rdm" as const,
        samples: 100,
        valid: 100,
        models: ["m1", "m2"],
        evaluations: [0.5, 0.3],
        se: [0.05, 0.04],
        ci: [[0.4, 0.6], [0.2, 0.4]] as [number, number][],
        noiseCeiling: { lower: 0.55, upper: 0.7 },
      }),
      (t) => assert.deepEqual(t.ceilingUpper, Float64Array.of(0.7, 0.7)),
    ],
    [parseCsv("id,a,b\nx,1,\ny,3,4\n", { labels: "id", maskNaN: true }), (t) => {
      assert.deepEqual(t.row, ["x", "x", "y", "y"]);
      assert.ok(Number.isNaN(t.value![1]));
    }],
    [measureList(), (t) => assert.ok((t.name as string[]).includes("linear"))],
    (() => {
      const U: number[][] = [], Y: number[][] = [];
      let x = 0;
      for (let t = 0; t < 80; t++) {
        const u = Math.sin(1.7 * t) + Math.cos(0.3 * t * t);
        U.push([u]);
        Y.push([2 * x + 0.5 * u]);
        x = 0.8 * x + u;
      }
      const fit = fitSubspaceDmdc(Y, U, { nDelays: 2, rank: 1, ridge: 0 });
      return [fit, (t: ResultTable) => assert.ok(Math.abs(Number(t.re![0]) - 0.8) < 1e-9)] as [
        object,
        (t: ResultTable) => void,
      ];
    })(),
    (() => {
      const r = inputDsaDistance([[0.9, 0.2], [0, 0.5]], [[1], [0]], [[0.9, 0.2], [0, 0.5]], [[0], [
        1,
      ]]);
      return [r, (t: ResultTable) => {
        assert.deepEqual(t.system, ["X", "X", "Y", "Y"]);
        assert.deepEqual(
          t.distance,
          Float64Array.of(r.distance, r.distance, r.distance, r.distance),
        );
      }] as [object, (t: ResultTable) => void];
    })(),
    (() => {
      const r = measureSensitivity(randn(20, 4, 3), { measures: ["procrustes", "cca"] });
      return [r, (t: ResultTable) => {
        assert.equal(t.measure!.length, 2 * r.perturbations.length);
        assert.equal(t.value![1], r.rows[0]!.values[1]);
      }] as [object, (t: ResultTable) => void];
    })(),
    (() => {
      const km = procrustesKMeans([X, X.map(([a, b]) => [b!, a!]), X.map(([a]) => [a!, 0])], 2, {
        seed: 1,
        restarts: 2,
      });
      return [km, (t: ResultTable) => {
        assert.deepEqual(t.cluster, Float64Array.from(km.labels));
        assert.equal(t.distance1![2], km.distances.data[2 * 2 + 1]);
      }] as [object, (t: ResultTable) => void];
    })(),
  ];
}

Deno.test("toTable() gives every result kind a tidy table holding its numbers", async () => {
  const all = await fixtures();
  const seen = new Set<string>();
  for (const [result, check] of all) {
    const kind = (result as { kind: string }).kind;
    seen.add(kind);
    const t = toTable(result);
    tidyTable(t, kind); // throws on unequal lengths or mixed values
    try {
      check(t);
    } catch (e) {
      throw new Error(`table of ${kind}: ${(e as Error).message}`);
    }
  }
  assert.ok(seen.size >= 56, `only ${seen.size} kinds exercised`);
});

Deno.test("toTable() names the kind it has no table for", () => {
  assert.throws(
    () => toTable(tagResult("notebookOwnKind", { x: 1 })),
    { name: "TypeError", message: "Cannot make table: no table for result kind `notebookOwnKind`" },
  );
  assert.throws(() => toTable({}), { name: "TypeError", message: /must be a tagged result/ });
});

/** Whether /usr/bin/python3 imports a module (pandas, pyarrow: fixture tools, not dependencies). */
function pythonHas(module: string): boolean {
  try {
    return new Deno.Command("/usr/bin/python3", { args: ["-c", `import ${module}`] }).outputSync()
      .success;
  } catch {
    return false;
  }
}
const PANDAS = pythonHas("pandas");
const PYARROW = PANDAS && pythonHas("pyarrow");

/** Read CSV and Arrow files with pandas (one process) and return each file's columns as JSON. */
async function pandasRead(paths: string[]): Promise<Record<string, unknown[]>[]> {
  const code = `
import json, sys, pandas as pd
out = []
for p in sys.argv[1:]:
    df = pd.read_feather(p) if p.endswith(".arrow") else pd.read_csv(p, float_precision="round_trip")
    out.append({c: [None if (isinstance(v, float) and v != v) else v for v in df[c].tolist()] for c in df.columns})
print(json.dumps(out))
`;
  const out = await new Deno.Command("/usr/bin/python3", { args: ["-c", code, ...paths] }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout));
}

Deno.test({
  name:
    "tables written with writeCsv (and writeArrow, with pyarrow) read back in pandas with their columns and numbers",
  ignore: !PANDAS, // Debian: apt-get install python3-pandas
}, async () => {
  const all = await fixtures();
  const byKind = new Map(all.map(([r]) => [(r as { kind: string }).kind, r]));
  const dir = Deno.makeTempDirSync();
  try {
    const written: [string, string, ResultTable][] = [];
    for (
      const kind of ["pairwiseDistances", "crossDistances", "dsa", "modelComparison", "dataset"]
    ) {
      const t = toTable(byKind.get(kind)!);
      for (const ext of PYARROW ? ["csv", "arrow"] : ["csv"]) {
        const path = `${dir}/${kind}.${ext}`;
        if (ext === "csv") writeCsv(path, t);
        else await writeArrow(path, t);
        written.push([`${kind}.${ext}`, path, t]);
      }
    }
    const frames = await pandasRead(written.map(([, path]) => path));
    written.forEach(([file, , t], k) => {
      const df = frames[k]!;
      assert.deepEqual(Object.keys(df), Object.keys(t), `${file} columns`);
      for (const [name, col] of Object.entries(t)) {
        const expected = Array.from(
          col as ArrayLike<number | string>,
          (v: number | string) => typeof v === "number" && Number.isNaN(v) ? null : v,
        );
        // pandas reads "true"/"false" text as booleans
        const got = df[name]!.map((v) => (typeof v === "boolean" ? String(v) : v));
        assert.deepEqual(got, expected, `${file} column ${name}`);
      }
    });
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});
