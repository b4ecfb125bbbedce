/**
 * The shape of a comparison measure: one declaration that the pairwise engine,
 * shards, the CLI's `compare`/`pairwise`/`measures` and the property tests all
 * read (scipy's `_METRIC_INFOS` idea, typed). A measure is one file under
 * `lib/measures/` that calls `registerMeasure`.
 *
 * @module
 */

/**
 * What a measure compares:
 * - `responses`: [nStimuli, nUnits] matrices (same stimuli, widths may differ);
 * - `stochastic`: repeated trials [nStimuli, nTrials, nUnits] (or Gaussian summaries);
 * - `images`: convolutional responses [images, height, width, channels];
 * - `timeSeries`: [time, dims] or [trials, time, dims] (or a fitted DMD model);
 * - `trajectories`: repeated noisy trajectories [nConditions, nTrials, nTime, nUnits]
 *   (or [nTrials, nTime, nUnits] for one condition, or Gaussian-process summaries).
 * - `drivenTimeSeries`: observations with the inputs that drove them, `{Y, U}` (or a fitted
 *   subspace DMDc model).
 */
export type InputKind =
  | "responses"
  | "stochastic"
  | "images"
  | "timeSeries"
  | "trajectories"
  | "drivenTimeSeries";

/** What `compare` returns. */
export type Returns = "distance" | "similarity" | "both";

/** Type of an option value. */
export type OptionType = "number" | "integer" | "boolean" | "choice";

/** An option value. */
export type OptionValue = number | boolean | string;

/** Declarative spec of one option (validated by `resolveOptions`). */
export interface OptionSpec {
  /** Name in the library (camelCase), e.g. `alpha`. */
  name: string;
  /** Value type. */
  type: OptionType;
  /** Default value; null when the maths computes it (e.g. from the data). */
  default: OptionValue | null;
  /** Smallest allowed value (number, integer). */
  min?: number;
  /** Largest allowed value (number, integer). */
  max?: number;
  /** Whether `min` itself is excluded. @default false */
  exclusiveMin?: boolean;
  /** Allowed values (choice). */
  choices?: readonly string[];
  /** One line for help texts and the `measures` listing. */
  description: string;
  /**
   * CLI flag without dashes. For a boolean, giving the flag sets the option to
   * the opposite of its default (`no-center` for a default-true `center`).
   */
  flag: string;
}

/** Invariances a measure declares: the value does not change when either input is transformed. */
export interface Invariances {
  /** Right-multiplying the units by an orthogonal matrix. */
  rotation: boolean;
  /** Permuting the units. */
  permutation: boolean;
  /** Multiplying by a positive scalar. */
  isotropicScale: boolean;
  /** Adding a constant vector to every response. */
  translation: boolean;
  /** Right-multiplying the units by any invertible matrix. */
  invertibleLinear: boolean;
}

/** The declared properties of a measure at given options (checked by `tests/measures/`). */
export interface MeasureProperties {
  /** Pseudometric: d(x, x) = 0, symmetric, triangle inequality. */
  metric: boolean;
  /** d(x, y) = d(y, x). */
  symmetric: boolean;
  /** The declared invariances. */
  invariances: Invariances;
}

/** The result of one comparison. */
export interface Comparison {
  /** Distance (≥ 0), when the measure gives one. */
  distance?: number;
  /** Similarity, when the measure gives one. */
  similarity?: number;
  /** Distance on held-out rows (fitted on the training rows), when both sides have them. */
  testDistance?: number;
  /** Similarity on held-out rows. */
  testSimilarity?: number;
  /** Further outputs of a single comparison (e.g. the shift map of `conv-linear`). */
  details?: Record<string, unknown>;
}

/** Options after validation: every declared option with a non-null default is present. */
export type ResolvedOptions = Readonly<Record<string, OptionValue>>;

/** What `prepare` is told besides the input. */
export interface PrepareContext {
  /** Padded width (measures with `padded`; else the input's own width). */
  width: number;
  /** Held-out input of the same kind (measures with `heldOut`), or null. */
  test: unknown;
  /** Argument name for error messages, e.g. `networks[3]`. */
  name: string;
}

/** Prepares an input restricted to draws of its resampling units (see `Measure.unitResampler`). */
export interface UnitResampler<P = unknown> {
  /** Number of units (e.g. trials). */
  units: number;
  /** The prepared form of the input restricted to `draw` (unit indices, repetitions allowed). */
  prepare(draw: ArrayLike<number>): P;
}

/**
 * A comparison measure. `P` is its prepared (per-network) form: plain,
 * structured-cloneable data (typed arrays, numbers, arrays, objects), so it
 * can be computed on one worker and shared with the others.
 */
export interface Measure<P = unknown> {
  /** Standard name, e.g. `linear`. */
  name: string;
  /** One line. */
  description: string;
  /** Aliases with the option values they fix, e.g. `{ procrustes: { alpha: 1 } }`. */
  aliases: Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
  /** Input kind. */
  input: InputKind;
  /** Distance, similarity or both. */
  returns: Returns;
  /** Options with defaults and ranges. */
  options: readonly OptionSpec[];
  /** Declared properties at the given (resolved) options. */
  properties(options: ResolvedOptions): MeasureProperties;
  /** Paper or library the maths follows. */
  reference: string;
  /** Whether `prepare` pads to `ctx.width` (inputs of different widths are then comparable). */
  padded: boolean;
  /** Whether held-out rows are supported (`ctx.test`, `Comparison.testDistance`). */
  heldOut: boolean;
  /**
   * Absolute tolerance of the property checks for this measure (iterative
   * optimisers converge to a tolerance, not to rounding). @default 1e-9
   */
  tolerance?: number;
  /** Extra option sets the property tests check, besides the defaults and each alias. */
  checks?: readonly Readonly<Record<string, OptionValue>>[];
  /**
   * Validate one input of the measure's kind; returns the form `prepare` takes.
   * @param x The input.
   * @param name Argument name for errors.
   * @param context Error message prefix.
   */
  validate(x: unknown, name: string, context: string): unknown;
  /** Width of a validated input (number of units), used for padding. */
  widthOf(x: unknown): number;
  /** Number of stimuli (rows) of a validated input, or null when inputs need not share them. */
  rowsOf(x: unknown): number | null;
  /** The per-network step (cacheable). */
  prepare(x: unknown, options: ResolvedOptions, ctx: PrepareContext): P;
  /** The per-pair step on two prepared inputs. */
  compare(a: P, b: P, options: ResolvedOptions): Comparison;
  /**
   * Whether the half-sample (subsampling) bootstrap over stimuli applies: false when a fixed
   * parameter ties the statistic to the number of stimuli (the k of a kNN measure means a
   * different neighbourhood in a half-sample), so the ordinary bootstrap is used instead.
   * @default true
   */
  halfSample?: boolean;
  /**
   * For inputs resampled over units other than stimuli (time series: trials): per-unit
   * sufficient statistics computed once, from which the prepared form of any draw of the units
   * follows cheaply (the bootstrap of `lib/inference` uses it). Absent when unsupported.
   */
  unitResampler?(x: unknown, options: ResolvedOptions, name: string): UnitResampler<P>;
  /** Per-network facts worth reporting (e.g. the DMD rank), or undefined. */
  info?(p: P): Record<string, number | string>;
  /** Estimated floating-point work of one pair (rows, widths), for choosing workers. */
  pairCost?(rows: number, width: number): number;
}
