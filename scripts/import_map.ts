/**
 * A `deno.json` for your own folder that maps the package's name, `@neurocompare/toolkit`, and
 * each of its sub-path exports (`@neurocompare/toolkit/metrics`, `/dynamics`, …) to this
 * checkout, so that the README's snippets run unchanged outside it.
 *
 * Usage (in your folder; with a `deno.json` of your own, copy the "imports" entries into it):
 *   deno run --allow-read /path/to/neurocompare/scripts/import_map.ts > deno.json
 *
 * `tests/scripts/import_map_test.ts` runs README snippets from a folder with this file.
 *
 * @module
 */

const root = new URL("../", import.meta.url);
const config = JSON.parse(Deno.readTextFileSync(new URL("deno.json", root))) as {
  name: string;
  exports: Record<string, string>;
};
const imports = Object.fromEntries(
  Object.entries(config.exports).map(([sub, file]) => [
    sub === "." ? config.name : `${config.name}${sub.slice(1)}`,
    decodeURIComponent(new URL(file, root).pathname),
  ]),
);
console.log(JSON.stringify({ imports }, null, 2));
