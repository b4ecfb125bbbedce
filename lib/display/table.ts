/**
 * Tables from tidy rows (one object per row): displayed in Jupyter as an HTML
 * table (escaped, numbers formatted) with an aligned `text/plain` fallback,
 * and exported in full precision as CSV or JSON.
 *
 * @module
 */

import { plainText, registerRenderer, tagResult } from "../result.ts";
import { escapeHtml, formatNumber } from "./format.ts";

/** Options for {@link table}. */
export interface TableOptions {
  /** Caption. @default "" */
  title?: string;
  /** Significant digits of displayed numbers (exports keep full precision). @default 4 */
  digits?: number;
  /** Rows displayed before eliding the rest (exports keep all). @default 50 */
  maxRows?: number;
  /** Columns to show, in order. @default every key, in first-seen order */
  columns?: readonly string[];
}

/** A displayable table: plain data (frozen copies of the rows). */
export interface Table {
  /** Always `"table"`. */
  readonly kind: string;
  /** Caption ("" when none). */
  readonly title: string;
  /** Column names, in display order. */
  readonly columns: readonly string[];
  /** The rows (shallow copies). */
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  /** Significant digits for display. */
  readonly digits: number;
  /** Rows displayed before eliding. */
  readonly maxRows: number;
}

const CONTEXT = "Cannot make table";

/**
 * Make a displayable table from tidy rows.
 *
 * @param rows One object per row; keys are column names.
 * @param options Title, digits, row limit and columns.
 * @returns The table (displays as `text/html` + `text/plain`).
 *
 * @example Two rows
 * ```ts
 * import { table, tableText } from "./table.ts";
 * import assert from "node:assert/strict";
 * const t = table([{ model: "a", score: 0.123456 }, { model: "bb", score: 2 }], { title: "Scores" });
 * assert.deepEqual(t.columns, ["model", "score"]);
 * assert.equal(tableText(t), "Scores\nmodel   score\n-----  ------\na      0.1235\nbb          2");
 * ```
 */
export function table(rows: readonly Record<string, unknown>[], options: TableOptions = {}): Table {
  const { title = "", digits = 4, maxRows = 50 } = options;
  if (!Array.isArray(rows)) {
    throw new TypeError(
      `${CONTEXT}: \`rows\` must be an array of objects: got ${
        rows === null ? "null" : typeof rows
      }`,
    );
  }
  rows.forEach((r, k) => {
    if (typeof r !== "object" || r === null || Array.isArray(r) || ArrayBuffer.isView(r)) {
      throw new TypeError(
        `${CONTEXT}: \`rows[${k}]\` must be an object: got ${
          r === null ? "null" : Array.isArray(r) ? "array" : typeof r
        }`,
      );
    }
  });
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(`${CONTEXT}: \`digits\` must be an integer in [1, 21]: got ${digits}`);
  }
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`${CONTEXT}: \`maxRows\` must be an integer >= 1: got ${maxRows}`);
  }
  const columns = options.columns
    ? [...options.columns]
    : [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const copies = rows.map((r) => Object.freeze({ ...r }));
  return tagResult("table", {
    title,
    columns: Object.freeze(columns),
    rows: Object.freeze(copies),
    digits,
    maxRows,
  });
}

/** Display text of one cell (no newlines, no control characters). */
function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return formatNumber(v, digits);
  const s = typeof v === "string" ? v : typeof v === "object" ? plainText(v) : String(v);
  // drop ANSI escape sequences, then replace any other control character by a space
  // deno-lint-ignore no-control-regex
  return s.replace(/\x1b\[[0-9;?]*[ -\/]*[@-~]/g, "").replace(/[\x00-\x1f\x7f]/g, " ");
}

/**
 * The `text/plain` display: title, header, rule, right-aligned numbers.
 *
 * @param t The table.
 * @returns Aligned columns as text.
 *
 * @example Control characters are removed
 * ```ts
 * import { table, tableText } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.doesNotMatch(tableText(table([{ a: "\x1b[31mred\x1b[0m" }])), /\x1b/);
 * ```
 */
export function tableText(t: Table): string {
  const shown = t.rows.slice(0, t.maxRows);
  const cells = shown.map((r) => t.columns.map((c) => cellText(r[c], t.digits)));
  const numeric = t.columns.map((c) =>
    shown.length > 0 && shown.every((r) => typeof r[c] === "number" || r[c] == null)
  );
  const widths = t.columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j]!.length)));
  const pad = (s: string, j: number) => numeric[j] ? s.padStart(widths[j]!) : s.padEnd(widths[j]!);
  const line = (row: string[]) => row.map(pad).join("  ").trimEnd();
  const out: string[] = [];
  if (t.title) out.push(cellText(t.title, t.digits));
  out.push(
    line(t.columns.map((c) => cellText(c, t.digits))),
    widths.map((w) => "-".repeat(w)).join("  "),
  );
  for (const row of cells) out.push(line(row));
  if (t.rows.length === 0) out.push("(no rows)");
  if (t.rows.length > t.maxRows) out.push(`… ${t.rows.length - t.maxRows} more rows`);
  return out.join("\n");
}

/**
 * The `text/html` display: a `<table>` with every value escaped.
 *
 * @param t The table.
 * @returns HTML text.
 *
 * @example Escapes markup in values
 * ```ts
 * import { table, tableHtml } from "./table.ts";
 * import assert from "node:assert/strict";
 * const html = tableHtml(table([{ name: "<script>alert(1)</script>" }]));
 * assert.match(html, /&lt;script&gt;/);
 * assert.doesNotMatch(html, /<script>/);
 * ```
 */
export function tableHtml(t: Table): string {
  const shown = t.rows.slice(0, t.maxRows);
  const numeric = t.columns.map((c) => shown.some((r) => typeof r[c] === "number"));
  const style = (j: number) =>
    numeric[j]
      ? ' style="text-align:right;font-variant-numeric:tabular-nums"'
      : ' style="text-align:left"';
  const head = t.columns.map((c, j) => `<th${style(j)}>${escapeHtml(c)}</th>`).join("");
  const body = shown.map((r) =>
    `<tr>${
      t.columns.map((c, j) => `<td${style(j)}>${escapeHtml(cellText(r[c], t.digits))}</td>`).join(
        "",
      )
    }</tr>`
  );
  if (t.rows.length > t.maxRows) {
    body.push(
      `<tr><td colspan="${t.columns.length}" style="text-align:left;font-style:italic">… ${
        t.rows.length - t.maxRows
      } more rows (toCSV / toJSON export all)</td></tr>`,
    );
  }
  const caption = t.title
    ? `<caption style="caption-side:top;text-align:left;font-weight:600">${
      escapeHtml(t.title)
    }</caption>`
    : "";
  return `<table class="neurocompare-table">${caption}<thead><tr>${head}</tr></thead><tbody>${
    body.join("")
  }</tbody></table>`;
}

function rowsOf(
  t: Table | readonly Record<string, unknown>[],
): { columns: readonly string[]; rows: readonly Record<string, unknown>[] } {
  return Array.isArray(t) ? table(t as Record<string, unknown>[]) : t as Table;
}

/**
 * Export as CSV (RFC 4180 quoting, full-precision numbers, header row, `\n` line ends).
 *
 * @param t A table or tidy rows.
 * @returns CSV text ending with a newline.
 *
 * @example Quoting
 * ```ts
 * import { table, toCSV } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.equal(toCSV(table([{ name: 'a,"b"', x: 1 / 3 }])), 'name,x\n"a,""b""",0.3333333333333333\n');
 * ```
 */
export function toCSV(t: Table | readonly Record<string, unknown>[]): string {
  const { columns, rows } = rowsOf(t);
  const field = (v: unknown) => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "string"
      ? v
      : typeof v === "object"
      ? JSON.stringify(jsonValue(v))
      : String(v);
    return /[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    columns.map(field).join(","),
    ...rows.map((r) => columns.map((c) => field(r[c])).join(",")),
  ];
  return lines.join("\n") + "\n";
}

/**
 * Export as JSON: an array of row objects in column order (typed arrays become
 * arrays; NaN and ±Infinity become null, as JSON has no such numbers).
 *
 * @param t A table or tidy rows.
 * @returns Pretty-printed JSON text.
 *
 * @example Typed arrays become arrays
 * ```ts
 * import { table, toJSON } from "./table.ts";
 * import assert from "node:assert/strict";
 * const rows = JSON.parse(toJSON(table([{ a: 1, v: new Float64Array([1, 2]) }])));
 * assert.deepEqual(rows, [{ a: 1, v: [1, 2] }]);
 * ```
 */
export function toJSON(t: Table | readonly Record<string, unknown>[]): string {
  const { columns, rows } = rowsOf(t);
  const out = rows.map((r) => Object.fromEntries(columns.map((c) => [c, jsonValue(r[c])])));
  return JSON.stringify(out, null, 2);
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "bigint") return v.toString();
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    return Array.from(v as unknown as ArrayLike<number>);
  }
  if (Array.isArray(v)) return v.map(jsonValue);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  }
  return v;
}

registerRenderer<Table>("table", (t) => {
  return { "text/html": tableHtml(t), "text/plain": tableText(t) };
});
