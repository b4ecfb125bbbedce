import assert from "node:assert/strict";
import { table, tableHtml, tableText, toCSV, toJSON } from "../../lib/display/table.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-explicit-any
const display = (x: unknown): Record<string, string> => (x as any)[DISPLAY]();

const rows = [
  { model: "resnet50", layer: "layer4", score: 0.812345678, n: 1200 },
  { model: "vit_b16", layer: "block11", score: 0.7, n: 1200 },
  { model: "random", layer: "-", score: 1.23e-7, n: 1200 },
];

Deno.test("table() displays as text/html and aligned text/plain", () => {
  const t = table(rows, { title: "Scores" });
  const b = display(t);
  assert.deepEqual(Object.keys(b).sort(), ["text/html", "text/plain"]);
  assert.equal(
    b["text/plain"],
    [
      "Scores",
      "model     layer      score     n",
      "--------  -------  -------  ----",
      "resnet50  layer4    0.8123  1200",
      "vit_b16   block11      0.7  1200",
      "random    -        1.23e-7  1200",
    ].join("\n"),
  );
  assert.match(
    b["text/html"]!,
    /^<table class="neurocompare-table"><caption[^>]*>Scores<\/caption>/,
  );
});

Deno.test("table() text/plain right-aligns numeric columns and has no ANSI escapes", () => {
  const text = tableText(table([{ a: "\x1b[31mred\x1b[0m\nline", x: 1 }, { a: "b", x: 10.5 }]));
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f]/);
  assert.equal(text, "a            x\n--------  ----\nred line     1\nb         10.5");
});

Deno.test("table() HTML escapes <script> and formats numbers", () => {
  const html = tableHtml(
    table([{ "<th>": "<script>alert('x')</script>", v: 2 / 3 }], { digits: 3 }),
  );
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
  assert.match(html, /<th[^>]*>&lt;th&gt;<\/th>/);
  assert.match(html, /<td style="text-align:right[^"]*">0.667<\/td>/);
});

Deno.test("table() elides rows beyond maxRows in displays but exports them all", () => {
  const many = Array.from({ length: 120 }, (_, i) => ({ i, sq: i * i }));
  const t = table(many, { maxRows: 10 });
  assert.match(tableText(t), /… 110 more rows$/);
  assert.equal((tableHtml(t).match(/<tr>/g) ?? []).length, 1 + 10 + 1);
  assert.equal(toCSV(t).trim().split("\n").length, 121);
  assert.equal(JSON.parse(toJSON(t)).length, 120);
});

Deno.test("toCSV() round-trips values in full precision with RFC 4180 quoting", () => {
  const t = table([{ name: 'say "hi", ok', x: 0.1 + 0.2, note: null, v: [1, 2] }, {
    name: " pad",
    x: -1e-300,
  }]);
  const csv = toCSV(t);
  assert.equal(
    csv,
    'name,x,note,v\n"say ""hi"", ok",0.30000000000000004,,"[1,2]"\n" pad",-1e-300,,\n',
  );
  assert.equal(Number(csv.split("\n")[1]!.split(",")[2]), 0.1 + 0.2);
});

Deno.test("toJSON() exports rows in column order with typed arrays as arrays", () => {
  const json = toJSON([{ b: 1, a: new Float64Array([0.5, 1.5]) }, { a: NaN }]);
  assert.deepEqual(JSON.parse(json), [{ b: 1, a: [0.5, 1.5] }, { b: null, a: null }]);
  assert.deepEqual(Object.keys(JSON.parse(json)[0]), ["b", "a"]);
});

Deno.test("table() copies its rows and honours the columns option", () => {
  const src = [{ a: 1, b: 2 }];
  const t = table(src, { columns: ["b"] });
  src[0]!.a = 99;
  assert.equal(t.rows[0]!.a, 1);
  assert.equal(tableText(t), "b\n-\n2");
  assert.ok(Object.isFrozen(t) && Object.isFrozen(t.rows[0]));
});

Deno.test("table() shows an empty table", () => {
  assert.equal(tableText(table([], { title: "Nothing" })), "Nothing\n\n\n(no rows)");
});

Deno.test("table() rejects bad input", () => {
  assert.throws(() => table({} as never), {
    name: "TypeError",
    message: "Cannot make table: `rows` must be an array of objects: got object",
  });
  assert.throws(() => table([{ a: 1 }, 3 as never]), {
    name: "TypeError",
    message: "Cannot make table: `rows[1]` must be an object: got number",
  });
  assert.throws(() => table([{ a: 1 }], { digits: 0 }), {
    name: "RangeError",
    message: "Cannot make table: `digits` must be an integer in [1, 21]: got 0",
  });
  assert.throws(() => table([{ a: 1 }], { maxRows: 0 }), {
    name: "RangeError",
    message: "Cannot make table: `maxRows` must be an integer >= 1: got 0",
  });
});
