/**
 * Views of the spectral-theory results (`lib/spectral`): eigenspectra, learning
 * curves, error modes, error-mode geometry and ridge fits. Importing this module
 * registers their renderers.
 *
 * @module
 */

import "./renderers.ts";
export { type AgreementOptions, type AgreementPoint, plotTheoryVsEmpirical } from "./agreement.ts";
export { type ErrorGeometryOptions, type GeometryPoint, plotErrorGeometry } from "./geometry.ts";
export {
  type EmpiricalCurveInput,
  type EmpiricalSetInput,
  type LearningCurveEntry,
  type LearningCurveOptions,
  type LearningCurvePair,
  plotLearningCurve,
  type TheoryCurveInput,
} from "./learning.ts";
export { type ErrorModesInput, type ErrorModesOptions, plotErrorModes } from "./modes.ts";
export { plotSpectrum, type SpectrumInput, type SpectrumPlotOptions } from "./spectrum.ts";
