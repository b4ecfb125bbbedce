/**
 * Low-tensor-rank RNNs (Pellegrino, Cayco-Gajic & Chadwick 2023): fit ltrRNNs to
 * recordings over learning (trial-varying weights `W^(k) = Σ_r a_r(k) ĉ_r ρ̂_rᵀ` with
 * smooth trial factors), cross-validate with block masks, select the rank; plus the
 * simulators of the synthetic reproductions (a teacher ltrRNN; a tanh RNN adapting to a
 * visuomotor rotation, with a random-walk control); and the flip-flop networks of
 * Dynamical Similarity Analysis (tanh RNN and GRU; one tanh RNN trained by gradient
 * descent, weight perturbation or feedback alignment, with its weights along training).
 *
 * @example Simulate a teacher and score it on its own clean output
 * ```ts
 * import { scoreLtr, teacherLtr } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const t = teacherLtr({ nUnits: 8, nTrials: 6, nTime: 10, nConditions: 2 });
 * assert.ok(scoreLtr(t.model, t.clean).mse < 1e-20);
 * ```
 *
 * @module
 */

export { rationalQuadraticKernel, trialKernelCholesky } from "./kernel.ts";
export type { TrialKernelOptions } from "./kernel.ts";
export { ltrLayout, ltrParameters, weightTensor } from "./ltr_model.ts";
export type { LtrDims, LtrLayout, LtrModel, LtrParameters } from "./ltr_model.ts";
export { initLtrModel, oneHotInputs } from "./init.ts";
export type { InitLtrOptions } from "./init.ts";
export { simulateLtr } from "./simulate.ts";
export type { LtrSimulation } from "./simulate.ts";
export { scoreLtr } from "./loss.ts";
export type { LtrScore, ScoreLtrOptions } from "./loss.ts";
export type { LossValue, PenaltyOptions } from "./bptt.ts";
export { fitLtrRnn } from "./fit.ts";
export type { FitLtrOptions, LtrFit, LtrHistoryRow } from "./fit.ts";
export { crossValidateLtr, ltrBlockMasks } from "./cv.ts";
export type { CrossValidateLtrOptions, LtrMaskOptions } from "./cv.ts";
export { selectLtrRank, selectRank } from "./rank_select.ts";
export type {
  RankRow,
  RankSelection,
  RankSummary,
  SelectLtrRankOptions,
  SelectRankOptions,
} from "./rank_select.ts";
export { teacherLtr } from "./teacher.ts";
export type { TeacherLtr, TeacherLtrOptions } from "./teacher.ts";
export { initTanhRnn, tanhRnnLossGrad } from "./tanh_rnn.ts";
export type { InitTanhRnnOptions, RnnBatch, TanhRnn } from "./tanh_rnn.ts";
export { centreOutExperiment, centreOutTask } from "./centre_out.ts";
export type { CentreOutExperiment, CentreOutOptions, CentreOutTaskOptions } from "./centre_out.ts";
export { flipFlopStates, flipFlopTask, tanhRnnStates, trainFlipFlop } from "./flipflop.ts";
export type {
  FlipFlopArchitecture,
  FlipFlopNetwork,
  FlipFlopTaskOptions,
  TrainFlipFlopOptions,
} from "./flipflop.ts";
export { gruLayout, gruLossGrad, gruStates, initGru } from "./flipflop_gru.ts";
export type { GruRnn, InitGruOptions } from "./flipflop_gru.ts";
export {
  tanhRnnFeedbackGrad,
  tanhRnnLoss,
  trainWithRule,
  weightPerturbationGrad,
} from "./learning_rules.ts";
export type {
  LearningRule,
  RuleTraining,
  TrainWithRuleOptions,
  WeightPerturbationOptions,
} from "./learning_rules.ts";
