import assert from "node:assert/strict";
import { nwbResponses, readNwbTrials, readNwbUnits } from "../../lib/io/nwb.ts";
import { fromHexes, IX, IX_EXPECTED, sameBits } from "./_interchange.ts";

const N = IX_EXPECTED.nwb;
const FILE = `${IX}session.nwb`;

Deno.test("readNwbUnits() splits spike_times by spike_times_index and sorts each train", async () => {
  const units = await readNwbUnits(FILE);
  assert.deepEqual(units.ids, N.unitIds);
  assert.deepEqual(units.spikeTimes.map((s) => s.length), N.spikeCounts);
  for (const s of units.spikeTimes) assert.ok(s.every((v, k) => k === 0 || s[k - 1]! <= v));
});

Deno.test("readNwbTrials() reads the trial columns, numbers and strings", async () => {
  const trials = await readNwbTrials(FILE);
  assert.deepEqual(trials.ids, N.trialIds);
  assert.deepEqual(Object.keys(trials.columns).sort(), [
    "contrast",
    "start_time",
    "stimulus",
    "stop_time",
  ]);
  assert.equal((trials.columns.stimulus as string[])[1], "face");
});

Deno.test("nwbResponses() gives stimulus × unit firing rates equal to numpy's", async () => {
  const ds = await nwbResponses(FILE, { window: [0.05, 0.45], conditions: "stimulus" });
  assert.deepEqual(ds.rowLabels, N.rate_window_stimulus.rows);
  assert.deepEqual(ds.columnLabels, N.unitIds);
  assert.ok(sameBits(ds.matrix.data, fromHexes(N.rate_window_stimulus.values)));
});

Deno.test("nwbResponses() without conditions gives one row per trial", async () => {
  const ds = await nwbResponses(FILE, { window: [0.05, 0.45] });
  assert.deepEqual(ds.rowLabels, N.trialIds);
  assert.ok(sameBits(ds.matrix.data, fromHexes(N.rate_window_trials)));
  const own = await nwbResponses(FILE);
  assert.ok(sameBits(own.matrix.data, fromHexes(N.rate_own_trials)));
});

Deno.test("nwbResponses() counts in each trial's own interval, grouped by a numeric column", async () => {
  const ds = await nwbResponses(FILE, { conditions: "contrast", measure: "count" });
  assert.deepEqual(ds.rowLabels, N.count_own_contrast.rows);
  assert.ok(sameBits(ds.matrix.data, fromHexes(N.count_own_contrast.values)));
});

Deno.test("nwbResponses() rejects a bad window, measure, or column", async () => {
  await assert.rejects(
    () => nwbResponses(FILE, { window: [0.5, 0.5] }),
    (e) =>
      e instanceof RangeError &&
      e.message ===
        `Cannot read \`${FILE}\`: \`window\` must be [from, to) with to > from: got [0.5, 0.5]`,
  );
  await assert.rejects(
    () => nwbResponses(FILE, { measure: "spikes" as unknown as "rate" }),
    /`measure` must be "rate" or "count": got spikes/,
  );
  await assert.rejects(
    () => nwbResponses(FILE, { conditions: "orientation" }),
    /no trials column `orientation`; columns: /,
  );
  await assert.rejects(
    () => nwbResponses(FILE, { window: [0, 1], align: "stimulus" }),
    /`stimulus` must be a numeric column/,
  );
  await assert.rejects(
    () => readNwbUnits(FILE, { unitsPath: "/processing/units" }),
    /no group `\/processing\/units`/,
  );
});
