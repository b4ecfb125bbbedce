/**
 * The view of the measure registry: a `measureList` result (from
 * `measureList()`) shown as a table — name, aliases, input, returns, declared
 * properties, options with defaults, reference.
 *
 * @module
 */

import { registerView } from "../kinds.ts";
import { table, tableHtml, tableText } from "../../display/table.ts";
import { bundle } from "../../display/bundle.ts";

/** One measure as `describeMeasure` reports it: the row the registry table shows. */
export interface DescribedMeasure {
  /** Standard name. */
  name: string;
  /** Aliases and the options each fixes. */
  aliases: Record<string, Record<string, unknown>>;
  /** Input kind. */
  input: string;
  /** "distance" or "similarity". */
  returns: string;
  /** Declared options with their defaults. */
  options: { name: string; default: unknown }[];
  /** Declared properties (at default options). */
  properties: { metric: boolean; symmetric: boolean; invariances: object };
  /** Where the definition comes from. */
  reference: string;
}

/**
 * One table row per measure.
 *
 * @param measures Measure descriptions (`measureList().measures`).
 * @returns Rows with text cells.
 *
 * @example
 * ```ts
 * import { measureRows } from "./table.ts";
 * import { measureList } from "../../measures/all.ts";
 * import assert from "node:assert/strict";
 * const rows = measureRows(measureList().measures);
 * assert.match(String(rows[0]!.properties), /metric, symmetric, invariant to rotation/);
 * ```
 */
export function measureRows(measures: readonly DescribedMeasure[]): Record<string, string>[] {
  return measures.map((m) => {
    const inv = Object.entries(m.properties.invariances).filter(([, v]) => v).map(([k]) => k);
    const props = [
      ...(m.properties.metric ? ["metric"] : []),
      ...(m.properties.symmetric ? ["symmetric"] : []),
      ...(inv.length ? [`invariant to ${inv.join(", ")}`] : []),
    ];
    return {
      name: m.name,
      aliases: Object.keys(m.aliases).join(", "),
      input: m.input,
      returns: m.returns,
      properties: props.join(", "),
      options: m.options.map((o) => `${o.name}=${o.default ?? "auto"}`).join(", "),
      reference: m.reference,
    };
  });
}

/** A described measure with its per-alias properties (as `describeMeasure` gives them). */
export interface DescribedWithAliases extends DescribedMeasure {
  /** Declared properties at the default options, and per alias where they differ. */
  properties: DescribedMeasure["properties"] & {
    byAlias?: Record<string, { metric: boolean; symmetric: boolean; invariances: object }>;
  };
}

const INVARIANCE_COLUMNS = [
  ["rotation", "rotation"],
  ["permutation", "permutation"],
  ["isotropicScale", "isotropic scale"],
  ["translation", "translation"],
  ["invertibleLinear", "invertible linear"],
] as const;

/**
 * The README's properties table: one row per measure (properties at the
 * default options) and one per alias whose properties differ; ✓ marks a
 * declared property, – its absence.
 *
 * @param measures Measure descriptions (`measureList().measures`).
 * @returns Rows with text cells (measure, input, returns, metric, symmetric, one column per invariance).
 *
 * @example The CCA alias is invariant to invertible linear maps, the default Procrustes is not
 * ```ts
 * import { measurePropertyRows } from "./table.ts";
 * import { measureList } from "../../measures/all.ts";
 * import assert from "node:assert/strict";
 * const rows = measurePropertyRows(measureList().measures);
 * assert.equal(rows[0]!.measure, "`linear`");
 * assert.equal(rows[0]!["invertible linear"], "–");
 * const cca = rows.find((r) => r.measure.startsWith("`cca`"))!;
 * assert.equal(cca.measure, "`cca` (`linear`, alpha=0)");
 * assert.equal(cca["invertible linear"], "✓");
 * ```
 */
export function measurePropertyRows(
  measures: readonly DescribedWithAliases[],
): Record<string, string>[] {
  const tick = (b: boolean) => (b ? "✓" : "–");
  const row = (
    label: string,
    m: DescribedMeasure,
    p: { metric: boolean; symmetric: boolean; invariances: object },
  ): Record<string, string> => {
    const inv = p.invariances as Record<string, boolean>;
    return {
      measure: label,
      input: m.input,
      returns: m.returns,
      metric: tick(p.metric),
      symmetric: tick(p.symmetric),
      ...Object.fromEntries(INVARIANCE_COLUMNS.map(([key, col]) => [col, tick(inv[key]!)])),
    };
  };
  const out: Record<string, string>[] = [];
  for (const m of measures) {
    const base = row(`\`${m.name}\``, m, m.properties);
    out.push(base);
    for (const [alias, props] of Object.entries(m.properties.byAlias ?? {})) {
      const fixed = Object.entries(m.aliases[alias] ?? {}).map(([k, v]) => `${k}=${v}`);
      const r = row(
        `\`${alias}\` (\`${m.name}\`${fixed.length ? `, ${fixed.join(", ")}` : ""})`,
        m,
        props,
      );
      const differs = Object.keys(r).some((k) => k !== "measure" && r[k] !== base[k]);
      if (differs) out.push(r);
    }
  }
  return out;
}

/**
 * A Markdown table of rows with text cells (columns from the first row; `|` escaped).
 *
 * @param rows The rows.
 * @returns The table, one line per row, header and separator first.
 *
 * @example
 * ```ts
 * import { markdownTable } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.equal(markdownTable([{ a: "1", b: "x|y" }]), "| a | b |\n| --- | --- |\n| 1 | x\\|y |");
 * ```
 */
export function markdownTable(rows: readonly Record<string, string>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(cols), line(cols.map(() => "---")), ...rows.map((r) => line(cols.map((c) => r[c]!)))]
    .join("\n");
}

registerView("measureList", (r) => {
  const t = table(measureRows(r.measures as DescribedMeasure[]), {
    title: "Registered measures (properties at the default options)",
  });
  return bundle({ text: tableText(t), html: tableHtml(t) });
});
