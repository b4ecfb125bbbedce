/**
 * The option names of the spectral analysis functions, declared once and
 * checked complete against their options types (internal: not re-exported).
 *
 * @module
 */

import type { AnalysisOptions } from "./analysis.ts";

/** Every option of `spectralAnalysis` (a missing or extra key fails to compile). */
export const ANALYSIS_OPTION_KEYS = {
  center: 1,
  method: 1,
  ps: 1,
  ridge: 1,
  empirical: 1,
  subsets: 1,
  seed: 1,
  modes: 1,
  onProgress: 1,
} as const satisfies Record<keyof AnalysisOptions, 1>;
