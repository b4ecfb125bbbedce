/**
 * Write figures and tables to files outside Jupyter, atomically: the content
 * goes to a temporary file in the target folder, which is then renamed over
 * the target, so readers never see a half-written file.
 *
 * @module
 */

import { dirname, extname } from "node:path";
import { writeTarget } from "../io/atomic.ts";
import { escapeXml } from "./dom.ts";
import type { Figure } from "./figure.ts";
import { type Table, tableHtml, toCSV, toJSON } from "./table.ts";

const CONTEXT = "Cannot save";

/**
 * Save a figure as `.svg` or `.html`, or a table as `.csv`, `.json` or `.html`.
 * Missing parent folders are created; an existing file is replaced atomically.
 *
 * @param item A {@link Figure} or a {@link Table}.
 * @param path Target path; its extension picks the format.
 * @returns The path written.
 *
 * @example Save a heatmap as SVG
 * ```ts
 * import { plotHeatmap } from "./heatmap.ts";
 * import { save } from "./save.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * const path = save(plotHeatmap([[0, 1], [1, 0]]), `${dir}/d.svg`);
 * assert.match(Deno.readTextFileSync(path), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function save(item: Figure | Table, path: string): string {
  if (typeof path !== "string" || path === "") {
    throw new TypeError(
      `${CONTEXT}: \`path\` must be a non-empty string: got ${JSON.stringify(path)}`,
    );
  }
  const ext = extname(path).toLowerCase();
  const kind = (item as { kind?: unknown })?.kind;
  let text: string;
  if (kind === "figure") {
    const fig = item as Figure;
    if (ext === ".svg") text = `<?xml version="1.0" encoding="UTF-8"?>\n${fig.svg}\n`;
    else if (ext === ".html") text = page(fig.title, fig.svg);
    else {throw new RangeError(
        `${CONTEXT} figure: \`path\` must end in .svg or .html: got ${JSON.stringify(path)}`,
      );}
  } else if (kind === "table") {
    const t = item as Table;
    if (ext === ".csv") text = toCSV(t);
    else if (ext === ".json") text = toJSON(t) + "\n";
    else if (ext === ".html") text = page(t.title, tableHtml(t));
    else {
      throw new RangeError(
        `${CONTEXT} table: \`path\` must end in .csv, .json or .html: got ${JSON.stringify(path)}`,
      );
    }
  } else {
    throw new TypeError(
      `${CONTEXT}: \`item\` must be a figure or a table (from a plot… function or table()): got ${
        item === null
          ? "null"
          : typeof item === "object"
          ? `an object with kind ${JSON.stringify(kind)}`
          : typeof item
      }`,
    );
  }
  writeAtomic(path, text);
  return path;
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${
    escapeXml(title || "neurocompare")
  }</title>\n</head>\n<body style="font-family:system-ui,sans-serif;background:white">\n${body}\n</body>\n</html>\n`;
}

/**
 * Write text to `path` through a temporary file in the same folder and a rename.
 *
 * @param path Target path.
 * @param text Content (UTF-8).
 *
 * @example Write and read back
 * ```ts
 * import { writeAtomic } from "./save.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * writeAtomic(`${dir}/a.txt`, "hello");
 * assert.equal(Deno.readTextFileSync(`${dir}/a.txt`), "hello");
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.txt"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeAtomic(path: string, text: string): void {
  Deno.mkdirSync(dirname(path), { recursive: true });
  // a symbolic link is written through; a folder, FIFO, device or socket is refused
  let target: string;
  try {
    target = writeTarget(path);
  } catch (e) {
    const why = (e as Error).message.replace(/^Cannot write `[^`]*`: /, "");
    throw new Error(`${CONTEXT} \`${path}\`: ${why}`, { cause: e });
  }
  const dir = dirname(target);
  const base = target.slice(dir.length).replace(/^[\\/]+/, "");
  const tmp = `${dir}/.${base}.${Deno.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;
  try {
    const file = Deno.openSync(tmp, { write: true, createNew: true });
    try {
      const bytes = new TextEncoder().encode(text);
      let written = 0;
      while (written < bytes.length) written += file.writeSync(bytes.subarray(written));
      file.syncSync();
    } finally {
      file.close();
    }
    Deno.renameSync(tmp, target);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch {
      // the temporary file was never created or is already gone
    }
    throw new Error(`${CONTEXT} \`${path}\`: ${(e as Error).message}`, { cause: e });
  }
}
