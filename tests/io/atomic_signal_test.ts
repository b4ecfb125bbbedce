/**
 * SIGINT/SIGTERM during atomic writes: a child process writes large files in a
 * loop with the CLI's signal cleanup on; the parent signals it mid-loop. The
 * child must exit with 130 / 143 and leave no temporary file and no partial
 * destination behind. (A signal is handled when the synchronous write in
 * progress has finished and control is back on the event loop, as it is after
 * the CLI's final writes.)
 */

import assert from "node:assert/strict";

const child = `
import { removeTemporaryFilesOnSignal, writeFileAtomic } from "${
  new URL("../../lib/io/atomic.ts", import.meta.url).href
}";
removeTemporaryFilesOnSignal();
const dir = Deno.args[0];
const big = new Uint8Array(8 << 20).fill(7);
writeFileAtomic(dir + "/warm.bin", new Uint8Array([1]));
console.log("ready");
// as the CLI does: synchronous writes, then back to the event loop
for (let i = 0; ; i++) {
  writeFileAtomic(dir + "/big" + (i % 3) + ".bin", big);
  writeFileAtomic(dir + "/big" + ((i + 1) % 3) + ".bin", big);
  await new Promise((r) => setTimeout(r, 0));
}
`;

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  Deno.test(
    `${signal} during atomic writes exits ${code} and leaves no temporary or partial file`,
    {
      ignore: Deno.build.os === "windows",
    },
    async () => {
      const dir = Deno.makeTempDirSync({ prefix: "atomic_signal_" });
      try {
        const script = `${dir}/child.ts`;
        Deno.writeTextFileSync(script, child);
        const proc = new Deno.Command(Deno.execPath(), {
          args: ["run", "--allow-read", "--allow-write", script, dir],
          stdout: "piped",
          stderr: "piped",
        }).spawn();
        const reader = proc.stdout.getReader();
        let seen = "";
        while (!seen.includes("ready")) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += new TextDecoder().decode(value);
        }
        reader.releaseLock();
        // let a few writes happen, then signal (most likely in the middle of one)
        await new Promise((r) => setTimeout(r, 150));
        proc.kill(signal);
        const timer = setTimeout(() => proc.kill("SIGKILL"), 20000);
        const status = await proc.status;
        clearTimeout(timer);
        await proc.stdout.cancel();
        await proc.stderr.cancel();
        assert.equal(status.code, code);
        const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
        assert.deepEqual(names.filter((n) => n.endsWith(".tmp")), []);
        for (const n of names.filter((n) => n.startsWith("big"))) {
          assert.equal(Deno.statSync(`${dir}/${n}`).size, 8 << 20, `${n} is whole`);
        }
      } finally {
        Deno.removeSync(dir, { recursive: true });
      }
    },
  );
}
