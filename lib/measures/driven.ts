/**
 * Pieces shared by the measures on input-driven time series (`input-dsa`,
 * `controllability`): the input kind `drivenTimeSeries` — observations `Y`
 * with the inputs `U` that drove them, `{Y, U}`, or an already-fitted
 * subspace DMDc model — its validation, the fit options, and the per-system
 * subspace DMDc fit.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { rescaleToUnit, scaleOrRefuse } from "../metrics/inputs.ts";
import { asTrials, type TimeSeriesLike, type Trials } from "../dynamics/data.ts";
import {
  checkSameTrials,
  fitSubspaceDmdc,
  type SubspaceDmdcFit,
  type SubspaceDmdcOptions,
} from "../dynamics/subspace_dmdc.ts";
import { refitSubspaceTrials, subspaceTrialStatistics } from "../dynamics/subspace_resample.ts";
import type { Measure, OptionSpec, ResolvedOptions, UnitResampler } from "./types.ts";
import { integerOption as int } from "./option_specs.ts";

/** An input-driven time series: observations and the inputs that drove them. */
export interface DrivenSeries {
  /** Observations `[time, outputs]` or `[trials, time, outputs]` (or a list of trials). */
  Y: TimeSeriesLike;
  /** Inputs with the same trials and time steps, `[time, inputs]` etc. */
  U: TimeSeriesLike;
}

/** A validated driven series: both parts stacked into trials. */
export interface DrivenTrials {
  /** Observations. */
  Y: Trials;
  /** Inputs. */
  U: Trials;
}

/**
 * Observations constant in time (every trial) have no dynamics to fit, as DSA's DMD
 * refuses them: the state would be fitted from the inputs alone, and the distance
 * would be an artefact of the ridge. Exact comparison, as in `lib/dynamics/dmd.ts`.
 */
function refuseConstant(Y: Trials, name: string, context: string): void {
  const { dims, lengths, data } = Y;
  let o = 0;
  for (const len of lengths) {
    for (let t = 1; t < len; t++) {
      for (let d = 0; d < dims; d++) if (data[o + t * dims + d] !== data[o + d]) return;
    }
    o += len * dims;
  }
  throw new RangeError(
    `${context}: \`${name}\` is constant in time (every time step of every trial equals the first): it has no dynamics to fit`,
  );
}

function isFit(x: unknown): x is SubspaceDmdcFit {
  return typeof x === "object" && x !== null && "A" in x && "B" in x && "order" in x;
}

/**
 * Input handling of the measures on input-driven time series: `{Y, U}` (validated
 * and stacked into trials, same trials and time steps) or a fitted subspace DMDc
 * model (passed through); width = observed channels.
 *
 * @example
 * ```ts
 * import { drivenInput } from "./driven.ts";
 * import assert from "node:assert/strict";
 * const v = drivenInput.validate({ Y: [[1, 2], [3, 4], [5, 6]], U: [[0], [1], [0]] }, "X", "ctx");
 * assert.equal(drivenInput.widthOf(v), 2);
 * assert.throws(() => drivenInput.validate([[1]], "X", "ctx"), /`X` must be \{Y, U\}/);
 * ```
 */
export const drivenInput: Pick<Measure, "input" | "validate" | "widthOf" | "rowsOf"> = {
  input: "drivenTimeSeries",
  validate(x, name, context) {
    if (isFit(x)) return x;
    const v = x as Partial<DrivenSeries> | null;
    if (typeof v !== "object" || v === null || v.Y === undefined || v.U === undefined) {
      throw new TypeError(
        `${context}: \`${name}\` must be {Y, U} (observations and the inputs that drove them) or a fitted subspace DMDc model: got ${
          Array.isArray(x)
            ? "an array"
            : typeof x === "object" && x !== null
            ? `an object with keys [${Object.keys(x).join(", ")}]`
            : String(x)
        }`,
      );
    }
    const Y = asTrials(v.Y, `${name}.Y`, context), U = asTrials(v.U, `${name}.U`, context);
    checkSameTrials(Y, U, `${context} (in \`${name}\`)`);
    refuseConstant(Y, `${name}.Y`, context);
    return { Y, U } satisfies DrivenTrials;
  },
  widthOf: (x) => isFit(x) ? x.outputs : (x as DrivenTrials).Y.dims,
  rowsOf: () => null,
};

/** Subspace DMDc options (windows, order rule, ridge, centring). */
export const SUBSPACE_OPTIONS: readonly OptionSpec[] = [
  int("nDelays", "n-delays", 1, 1, "past window p of the block Hankel matrices"),
  int("horizon", "horizon", null, 1, "future window f (default nDelays); the order is ≤ f·outputs"),
  int("rank", "rank", null, 1, "model order n (default: by explained variance)"),
  {
    name: "explainedVariance",
    type: "number",
    default: null,
    min: 0,
    max: 1,
    exclusiveMin: true,
    description: "without rank: smallest order keeping this fraction of Σσ² (0.999)",
    flag: "explained-variance",
  },
  {
    name: "ridge",
    type: "number",
    default: 1e-8,
    min: 0,
    description: "ridge penalty of the least squares for A, B, C, D",
    flag: "ridge",
  },
  {
    name: "center",
    type: "boolean",
    default: false,
    description: "subtract each channel's mean from Y and U",
    flag: "center",
  },
];

/**
 * The subspace DMDc part of resolved measure options.
 *
 * @param o Resolved options.
 * @returns The options of `fitSubspaceDmdc`.
 *
 * @example
 * ```ts
 * import { subspaceOptions } from "./driven.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(subspaceOptions({ nDelays: 3, score: "angular" }), { nDelays: 3 });
 * ```
 */
export function subspaceOptions(o: ResolvedOptions): SubspaceDmdcOptions {
  const out: Record<string, unknown> = {};
  for (const s of SUBSPACE_OPTIONS) if (o[s.name] !== undefined) out[s.name] = o[s.name];
  return out as SubspaceDmdcOptions;
}

/**
 * The trials at a safe scale, as a list of `[time, dims]` matrices (views). When the value is
 * invariant to the scale, the data are always brought to max|x| ∈ [0.5, 1) by a power of two
 * (exact), so that x and x·c give the same fit bit for bit (the ridge acts at one scale).
 */
function safeTrials(
  t: Trials,
  invariant: boolean,
  always: boolean,
  name: string,
  context: string,
): Matrix[] {
  const M = { rows: t.data.length / t.dims, cols: t.dims, data: t.data };
  let max = 0;
  for (let k = 0; k < t.data.length; k++) max = Math.max(max, Math.abs(t.data[k]!));
  const data = invariant && always && max > 0
    ? rescaleToUnit(t.data, max)
    : scaleOrRefuse(M, invariant, name, context).data;
  let row = 0;
  return t.lengths.map((T) => {
    const out = { rows: T, cols: t.dims, data: data.subarray(row * t.dims, (row + T) * t.dims) };
    row += T;
    return out;
  });
}

/**
 * The per-system step of the driven measures: bring `Y` and `U` to unit scale when the
 * measure's value does not depend on it (else refuse far-from-unit data, whose squares
 * would over- or underflow) and fit subspace DMDc.
 * A fitted model is passed through.
 *
 * @param x A validated input (see {@link drivenInput}).
 * @param o Resolved options.
 * @param invariant Whether the measure is invariant to scaling Y and U at these options.
 * @param name Argument name for errors.
 * @param unit Bring scale-invariant data to unit scale always (true: x and x·c fit the same
 *   bit for bit), or only when far from unit scale (false: the fitted B keeps the data's scale).
 * @returns The fitted model.
 *
 * @example
 * ```ts
 * import { drivenInput, fitDriven } from "./driven.ts";
 * import assert from "node:assert/strict";
 * const U = Array.from({ length: 40 }, (_, t) => [Math.sin(t * t)]);
 * const Y = U.map((u, t) => [t ? U[t - 1]![0]! : 0]);
 * const fit = fitDriven(drivenInput.validate({ Y, U }, "X", "ctx"), { nDelays: 2 }, true, "X");
 * assert.equal(fit.order, 1);
 * ```
 */
export function fitDriven(
  x: unknown,
  o: ResolvedOptions,
  invariant: boolean,
  name: string,
  unit = true,
): SubspaceDmdcFit {
  if (isFit(x)) return x;
  const v = x as DrivenTrials;
  const context = "Cannot fit subspace DMDc";
  const Y = safeTrials(v.Y, invariant, unit, name, context);
  const U = safeTrials(v.U, invariant, unit, `${name}.U`, context);
  return naming(name, () => fitSubspaceDmdc(Y, U, subspaceOptions(o)));
}

/** `f()`, with the input named in its data errors (TypeError, RangeError); other errors (bugs) as they are. */
function naming<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof TypeError || e instanceof RangeError)) throw e;
    const Ctor = e instanceof TypeError ? TypeError : RangeError;
    throw new Ctor(`${e.message} (in \`${name}\`)`);
  }
}

/**
 * The trial resampler of the driven measures (`Measure.unitResampler`): the same scaling as
 * {@link fitDriven} (on all trials), per-trial subspace DMDc statistics computed once, and for
 * each draw of trials the refitted model handed to `prepare`. A fitted model cannot be resampled.
 *
 * @param x A validated input (see {@link drivenInput}).
 * @param o Resolved options.
 * @param invariant Whether the measure is invariant to scaling Y and U at these options.
 * @param name Argument name for errors.
 * @param prepare The measure's per-system step on a fitted model.
 * @returns The resampler.
 *
 * @example A draw of every trial once refits the whole data
 * ```ts
 * import { drivenInput, drivenResampler, fitDriven } from "./driven.ts";
 * import assert from "node:assert/strict";
 * const U = [0, 1].map((k) => Array.from({ length: 40 }, (_, t) => [Math.sin(t * t + k)]));
 * const Y = U.map((u) => u.map((_, t) => [t ? 0.5 * u[t - 1]![0]! : 0]));
 * const X = drivenInput.validate({ Y, U }, "X", "ctx");
 * const r = drivenResampler(X, { nDelays: 2, rank: 1 }, true, "X", (fit) => fit.A.data[0]!);
 * assert.equal(r.units, 2);
 * const direct = fitDriven(X, { nDelays: 2, rank: 1 }, true, "X").A.data[0]!;
 * assert.ok(Math.abs(r.prepare([0, 1]) - direct) < 1e-12);
 * ```
 */
export function drivenResampler<P>(
  x: unknown,
  o: ResolvedOptions,
  invariant: boolean,
  name: string,
  prepare: (fit: SubspaceDmdcFit) => P,
): UnitResampler<P> {
  if (isFit(x)) {
    throw new TypeError(
      `Cannot resample trials: \`${name}\` is a fitted subspace DMDc model: resampling trials needs the time series`,
    );
  }
  const v = x as DrivenTrials;
  const context = "Cannot fit subspace DMDc";
  const Y = safeTrials(v.Y, invariant, true, name, context);
  const U = safeTrials(v.U, invariant, true, `${name}.U`, context);
  const stats = naming(name, () => subspaceTrialStatistics(Y, U, subspaceOptions(o)));
  return {
    units: stats.counts.length,
    prepare: (draw) => prepare(naming(name, () => refitSubspaceTrials(stats, draw))),
  };
}
