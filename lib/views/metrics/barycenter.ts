/**
 * Display of a barycenter of networks (`barycenter`): iterations and the
 * objective by iteration. Importing this file registers the renderer.
 *
 * @module
 */

import type { Barycenter } from "../../multiset/barycenter.ts";
import { registerView } from "../kinds.ts";
import { renderResult } from "../../display/bundle.ts";
import { formatNumber as fmt } from "../../display/format.ts";
import { plotLines } from "../../display/lines.ts";

registerView("barycenter", (b: Barycenter) => {
  const obj = b.objective;
  return renderResult({
    title: `Barycenter of ${b.networks.length} networks [${b.mean.rows} × ${b.mean.cols}]`,
    fields: {
      iterations: `${b.iterations}${b.converged ? " (converged)" : " (not converged)"}`,
      "mean squared distance (first → last)": `${fmt(obj[0]!)} → ${fmt(obj.at(-1)!)}`,
      "started from network": b.start,
    },
    figure: obj.length > 1
      ? plotLines([{ name: "objective", y: obj }], {
        title: "Barycenter iterations",
        xLabel: "iteration",
        yLabel: "mean squared distance",
        logY: obj.every((v) => v > 0),
      })
      : [],
  });
});
