/**
 * Views of the dynamics results (`lib/dynamics`): DMD eigenvalues on the
 * complex plane, singular-value spectra, DMD modes, similarity-transform and DSA
 * distances, InputDSA and subspace DMDc. Importing this module registers their renderers.
 *
 * @module
 */

import "./renderers.ts";
export { type DsaEigenvaluesOptions, plotDsaEigenvalues } from "./dsa.ts";
export {
  type DmdEigenvaluesOptions,
  plotDmdEigenvalues,
  plotDsaVsProcrustes,
  plotSingularValues,
  sideBySide,
  type SingularValuesOptions,
} from "./figures.ts";
export * from "./modes.ts";
export * from "./sweep.ts";
export * from "./residual.ts";
export * from "./input_dsa.ts";
