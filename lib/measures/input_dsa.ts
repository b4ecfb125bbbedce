/**
 * InputDSA (Huang, Ostrow et al. 2025, arXiv 2510.25943; DSA v2): per system,
 * a subspace DMDc fit (A, B) from observations and inputs
 * (`lib/dynamics/subspace_dmdc.ts`); per pair, the joint alignment of the
 * controllability matrices by one orthogonal change of state basis, or A alone
 * (DSA's similarity-transform distance), or B alone (`lib/dynamics/input_dsa.ts`), or the
 * α-weighted joint objective α‖CA₁Cᵀ − A₂‖² + (1 − α)‖CB₁ − B₂‖² optimised over O(n)
 * (`compare: "weighted"`, α = `stateWeight`; `lib/dynamics/input_dsa_joint.ts`).
 * Inputs are `{Y, U}` (observations and the inputs that drove them) or fitted models.
 *
 * @module
 */

import type { Matrix } from "../linalg/matrix.ts";
import { inputDsaDistance, type InputDsaOptions } from "../dynamics/input_dsa.ts";
import { inputDsaJoint } from "../dynamics/input_dsa_joint.ts";
import { drivenInput, drivenResampler, fitDriven, SUBSPACE_OPTIONS } from "./driven.ts";
import { registerMeasure } from "./registry.ts";
import type { Measure, OptionSpec, ResolvedOptions } from "./types.ts";

/** A system after its per-system step: the fitted operators. */
export interface PreparedInputDsa {
  /** State operator A [n, n]. */
  A: Matrix;
  /** Input operator B [n, m]. */
  B: Matrix;
  /** Model order n. */
  order: number;
}

const SCORE_OPTIONS: OptionSpec[] = [
  {
    name: "compare",
    type: "choice",
    default: "joint",
    choices: ["joint", "state", "input", "weighted"],
    description:
      "joint: controllability matrices aligned by one orthogonal C (InputDSA); state: A alone (DSA); input: B alone; weighted: α‖CA₁Cᵀ − A₂‖² + (1 − α)‖CB₁ − B₂‖² minimised over C",
    flag: "compare",
  },
  {
    name: "score",
    type: "choice",
    default: "angular",
    choices: ["angular", "euclidean"],
    description: "angular (radians) or euclidean (Frobenius norm of the aligned difference)",
    flag: "score",
  },
  {
    name: "powers",
    type: "integer",
    default: null,
    min: 0,
    description: "highest power of A in the controllability matrix (default n − 1)",
    flag: "powers",
  },
  {
    name: "transposePowers",
    type: "boolean",
    default: true,
    description: "also align the Aᵀ-power blocks (AᵀB, (Aᵀ)²B, …) as the paper does",
    flag: "no-transpose-powers",
  },
  {
    name: "stateWeight",
    type: "number",
    default: null,
    min: 0,
    max: 1,
    description: "compare weighted: the weight α of the state term (default 0.5)",
    flag: "state-weight",
  },
  {
    name: "pad",
    type: "boolean",
    default: true,
    description: "zero-pad the smaller state space when the orders differ (else an error)",
    flag: "no-pad",
  },
  {
    name: "seed",
    type: "integer",
    default: 0,
    min: -(2 ** 53),
    description: "seed of the random restarts (compare state and weighted)",
    flag: "seed",
  },
];

/** Whether the value is invariant to scaling Y or U at these options. */
function scaleInvariant(o: ResolvedOptions): boolean {
  // weighted: scaling Y or U rescales B but not A, which changes the balance of the two terms
  return (o.score === "angular" && o.compare !== "weighted") || o.compare === "state";
}

/** `stateWeight` applies to `compare: "weighted"` only. */
function checkWeight(o: ResolvedOptions): void {
  if (o.stateWeight !== undefined && o.compare !== "weighted") {
    throw new RangeError(
      `Cannot compute InputDSA distance: \`stateWeight\` applies to compare weighted: got compare ${o.compare}`,
    );
  }
}

function scoring(o: ResolvedOptions): InputDsaOptions {
  return {
    compare: o.compare as "joint" | "state" | "input", // weighted is handled by the caller
    score: o.score as "angular" | "euclidean",
    transposePowers: o.transposePowers as boolean,
    pad: o.pad as boolean,
    seed: o.seed as number,
    ...(o.powers !== undefined ? { powers: o.powers as number } : {}),
  };
}

/**
 * The `input-dsa` measure (registered on import), with aliases
 * `input-dsa-state` (A alone, as DSA) and `input-dsa-input` (B alone).
 *
 * @example A system is at distance 0 from itself
 * ```ts
 * import { inputDsaMeasure } from "./input_dsa.ts";
 * import { resolveOptions } from "./registry.ts";
 * import assert from "node:assert/strict";
 * const { options } = resolveOptions("input-dsa", { nDelays: 2, rank: 2 });
 * const U = Array.from({ length: 80 }, (_, t) => [Math.sin(t * t)]);
 * const Y = U.map((_, t) => [Math.cos(0.3 * t), t > 0 ? U[t - 1]![0]! : 0]);
 * const X = inputDsaMeasure.validate({ Y, U }, "X", "ctx");
 * const p = inputDsaMeasure.prepare(X, options, { width: 2, test: null, name: "X" });
 * assert.ok(inputDsaMeasure.compare(p, p, options).distance! < 1e-7);
 * ```
 */
export const inputDsaMeasure: Measure<PreparedInputDsa> = registerMeasure<PreparedInputDsa>({
  name: "input-dsa",
  description:
    "InputDSA: subspace DMDc (A, B) of input-driven systems compared up to one orthogonal change of state basis",
  aliases: {
    "input-dsa-state": { compare: "state" },
    "input-dsa-input": { compare: "input" },
  },
  ...drivenInput,
  returns: "distance",
  options: [...SUBSPACE_OPTIONS, ...SCORE_OPTIONS],
  properties(o) {
    return {
      // with a fixed order every system's controllability matrix is the same in every pair; with
      // orders chosen per system, padding and the default powers (n − 1 of the larger) depend on
      // the pair, so the triangle inequality is not guaranteed
      // weighted: a local search over O(n), so the triangle inequality is not guaranteed
      metric: o.rank !== undefined && o.compare !== "weighted",
      symmetric: true,
      invariances: {
        rotation: true,
        permutation: true,
        isotropicScale: scaleInvariant(o),
        translation: o.center === true,
        invertibleLinear: false,
      },
    };
  },
  reference: "Huang, Ostrow, Singh, Kozachkov, Fiete & Rajan, InputDSA (arXiv 2510.25943, 2025)",
  padded: false,
  heldOut: false,
  tolerance: 1e-6,
  checks: [{ score: "euclidean" }, { nDelays: 2, rank: 3 }, { compare: "weighted", rank: 3 }],
  pairCost: () => 1e6,
  prepare(x, o, ctx) {
    checkWeight(o);
    const fit = fitDriven(x, o, scaleInvariant(o), ctx.name);
    return { A: fit.A, B: fit.B, order: fit.order };
  },
  compare(a, b, o) {
    if (o.compare === "weighted") {
      const { compare: _c, ...rest } = scoring(o);
      return {
        distance: inputDsaJoint(a.A, a.B, b.A, b.B, {
          ...rest,
          alpha: (o.stateWeight as number | undefined) ?? 0.5,
        }).distance,
      };
    }
    return { distance: inputDsaDistance(a.A, a.B, b.A, b.B, scoring(o)).distance };
  },
  unitResampler(x, o, name) {
    checkWeight(o);
    return drivenResampler(x, o, scaleInvariant(o), name, (fit) => ({
      A: fit.A,
      B: fit.B,
      order: fit.order,
    }));
  },
  info: (p) => ({ order: p.order }),
});
