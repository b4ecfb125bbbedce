/**
 * A progress line for long pairwise jobs: a tracker fed by `onProgress` that
 * says when to redraw and displays as one text line (HTML: a progress bar).
 * The notebook shows it with `Deno.jupyter.display(…, { display_id, update })`;
 * this module never touches `Deno.jupyter`.
 *
 * @module
 */

import type { DistanceProgress } from "../../multiset/workers.ts";
import { tagResult } from "../../result.ts";
import { registerView } from "../kinds.ts";
import { escapeHtml, formatNumber as fmt } from "../../display/format.ts";

/** Options for {@link progressLine}. */
export interface ProgressLineOptions {
  /** Minimum milliseconds between redraws while a phase runs. @default 250 */
  interval?: number;
  /** Clock in milliseconds (for tests). @default performance.now */
  now?: () => number;
}

/** A progress tracker for `onProgress` of the distance functions. */
export interface ProgressLine {
  /** Record a progress report; returns true when a redraw is due (phase change, end, or `interval` passed). */
  update(progress: DistanceProgress): boolean;
  /** The current state as a displayable result (text line and HTML bar). */
  view(): ProgressView;
}

/** What {@link ProgressLine.view} returns: the `distanceProgress` result. */
export interface ProgressView {
  /** What runs. */
  readonly label: string;
  /** One text line, e.g. `α = 1: 3/3 per-network steps, 3/3 pairs (100%) in 1.5 s`. */
  readonly text: string;
  /** The line with an HTML progress bar. */
  readonly html: string;
}

/**
 * Track a pairwise job for display: feed it `onProgress` reports and show
 * `view()` with `Deno.jupyter.display(view, { display_id, update: true })`
 * whenever `update` returns true, so one output line updates in place.
 *
 * @param label What runs, e.g. `"α = 0.5"`.
 * @param options Redraw interval and clock.
 * @returns The tracker.
 *
 * @example A job of 3 networks
 * ```ts
 * import { progressLine } from "./progress.ts";
 * import assert from "node:assert/strict";
 * let t = 0;
 * const line = progressLine("α = 1", { now: () => t });
 * assert.equal(line.update({ phase: "prepare", done: 3, total: 3 }), true);
 * t = 1500;
 * assert.equal(line.update({ phase: "pairs", done: 3, total: 3 }), true);
 * assert.equal(line.view().text, "α = 1: 3/3 per-network steps, 3/3 pairs (100%) in 1.5 s");
 * ```
 */
export function progressLine(label: string, options: ProgressLineOptions = {}): ProgressLine {
  const { interval = 250, now = () => performance.now() } = options;
  const start = now(), state = { prepare: [0, 0], pairs: [0, 0] } as Record<string, number[]>;
  let last = -Infinity, lastPhase = "", end = start;
  return {
    update(p) {
      state[p.phase] = [p.done, p.total];
      end = now();
      const due = p.phase !== lastPhase || p.done === p.total || end - last >= interval;
      if (due) [last, lastPhase] = [end, p.phase];
      return due;
    },
    view() {
      const [pd, pt] = state.prepare!, [d, t] = state.pairs!;
      const pct = t ? Math.floor(100 * d / t) : 0;
      const text = `${label}: ${pd}/${pt} per-network steps, ${d}/${t} pairs (${pct}%) in ${
        fmt((end - start) / 1000, 2)
      } s`;
      const html = `<div style="font-family:monospace"><progress value="${d}" max="${
        Math.max(t, 1)
      }" style="width:12em;vertical-align:middle"></progress> ${escapeHtml(text)}</div>`;
      return tagResult("distanceProgress", { label, text, html });
    },
  };
}

registerView(
  "distanceProgress",
  (r) => ({ "text/plain": r.text, "text/html": r.html }),
);
