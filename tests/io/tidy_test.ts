import assert from "node:assert/strict";
import { encodeCsv, writeCsv } from "../../lib/io/csv.ts";
import { writeArrow } from "../../lib/io/arrow.ts";
import { loadMatrix } from "../../lib/io/load.ts";
import { tidyTable } from "../../lib/io/tidy.ts";

const M = { rows: 2, cols: 3, data: new Float64Array([1, 0.5, -2.5, 1e-310, 3, 7]) };

Deno.test("encodeCsv() writes a plain matrix as columns c0, c1, …", () => {
  assert.equal(encodeCsv(M), "c0,c1,c2\n1,0.5,-2.5\n1e-310,3,7\n");
});

Deno.test("writeCsv() and writeArrow() of a matrix read back as the same matrix", async () => {
  const dir = Deno.makeTempDirSync();
  try {
    writeCsv(`${dir}/m.csv`, M);
    await writeArrow(`${dir}/m.arrow`, M);
    for (const f of ["m.csv", "m.arrow"]) {
      const r = await loadMatrix(`${dir}/${f}`);
      assert.deepEqual([r.rows, r.cols, Array.from(r.data)], [2, 3, Array.from(M.data)]);
    }
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("tidyTable() refuses a matrix whose data does not fit its shape, showing the shape", () => {
  assert.throws(
    () => tidyTable({ rows: 2, cols: 2, data: new Float64Array(3) }, "Cannot write `a.csv`"),
    {
      name: "TypeError",
      message:
        "Cannot write `a.csv`: matrix `data` must be a Float64Array of 4 values for shape [2, 2]: got 3 values",
    },
  );
  assert.throws(
    () => tidyTable({ rows: 1, cols: 2, data: [1, 2] } as never, "Cannot write"),
    /matrix `data` must be a Float64Array of 2 values for shape \[1, 2\]: got Array/,
  );
});
