/**
 * Start-up benchmark: `neurocompare info small.npy` on a 10×5 float64 file,
 * against `python3 -c "import numpy as np; np.load(…)"`, each a fresh
 * process, run alternately from a temporary folder outside the repository
 * (as a user would). Prints the median wall time of each and the median of
 * the per-pair ratios; the target is ≤ 1.5.
 *
 *   .tools/deno run -A bench/startup.ts [--repeats 15] [--command neurocompare]
 *
 * Without `--command`, the CLI runs as the installed command does:
 * `deno run --allow-read --allow-write --allow-env --allow-ffi --allow-sys lib/cli/main.ts`.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    repeats: { type: "string", default: "15" },
    python: { type: "string", default: "python3" },
    command: { type: "string" },
  },
});

const repeats = Number(values.repeats);
const main = fileURLToPath(new URL("../lib/cli/main.ts", import.meta.url));
const dir = Deno.makeTempDirSync({ prefix: "nc-startup-" });

async function timed(cmd: string, args: string[]): Promise<number> {
  const t0 = performance.now();
  const out = await new Deno.Command(cmd, { args, cwd: dir, stdout: "piped", stderr: "piped" })
    .output();
  const t = (performance.now() - t0) / 1000;
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return t;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// the interpreter itself, not a version-manager shim (pyenv's adds ~1 s of bash)
const python = new TextDecoder().decode(
  (await new Deno.Command(values.python, { args: ["-c", "import sys; print(sys.executable)"] })
    .output()).stdout,
).trim();

try {
  await timed(python, [
    "-c",
    "import numpy as np; np.save('small.npy', np.random.default_rng(0).random((10, 5)))",
  ]);
  const ours: [string, string[]] = values.command
    ? [values.command, ["info", "small.npy"]]
    : [Deno.execPath(), [
      "run",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-ffi",
      "--allow-sys",
      main,
      "info",
      "small.npy",
    ]];
  const numpy: [string, string[]] = [python, [
    "-c",
    "import numpy as np; np.load('small.npy')",
  ]];
  // warm-up: module and npm caches, page cache
  await timed(...ours);
  await timed(...numpy);
  const a: number[] = [], b: number[] = [], ratios: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const x = await timed(...ours), y = await timed(...numpy);
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  const label = values.command ?? "deno run lib/cli/main.ts";
  console.log(`start-up, info on a 10×5 .npy (${repeats} alternating pairs, medians)`);
  console.log(`  ${label} info small.npy: ${median(a).toFixed(3)} s`);
  console.log(`  python3 + numpy np.load:      ${median(b).toFixed(3)} s`);
  console.log(
    `  ratio (median of pairs): ${median(ratios).toFixed(2)} (best pair ${
      Math.min(...ratios).toFixed(2)
    }; target ≤ 1.5)`,
  );
} finally {
  Deno.removeSync(dir, { recursive: true });
}
