// The package from anywhere: README's notebook snippet runs as a notebook in a temporary folder
// outside the repository (with the README's one-line deno.json import map there), headless with
// scripts/run_notebook.py, on .npy, .csv and .h5 files written by numpy, pandas and h5py;
// README's `deno install -g` line installs a `neurocompare` command that works from another folder.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { getBackend, lapackAvailable } from "../../mod.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
const FIX = `${ROOT}/tests/io/fixtures`;
const README = Deno.readTextFileSync(`${ROOT}/README.md`);

/** The first fenced block of `lang` after the heading `title` in README.md. */
function readmeBlock(title: string, lang: string): string {
  const at = README.indexOf(`\n## ${title}\n`);
  assert.ok(at >= 0, `README.md has no section "${title}"`);
  const m = README.slice(at).match(new RegExp("```" + lang + "[^\\n]*\\n([\\s\\S]*?)```"));
  assert.ok(m, `README.md section "${title}" has no ${lang} block`);
  return m[1]!;
}

// the installed command's shim calls `deno` from PATH, as on a user's machine
const PATH = `${Deno.execPath().replace(/\/[^/]*$/, "")}:${Deno.env.get("PATH") ?? ""}`;

// A Deno kernelspec for the Deno running this test, found first through JUPYTER_PATH: the
// machine-wide one is rewritten by whichever checkout last ran scripts/setup.sh and may point at a
// checkout that no longer exists.
const JUPYTER_PATH = Deno.makeTempDirSync({ prefix: "nc-kernelspec-" });
Deno.mkdirSync(`${JUPYTER_PATH}/kernels/deno`, { recursive: true });
Deno.writeTextFileSync(
  `${JUPYTER_PATH}/kernels/deno/kernel.json`,
  JSON.stringify({
    argv: [Deno.execPath(), "jupyter", "--kernel", "--conn", "{connection_file}"],
    display_name: "Deno",
    language: "typescript",
    env: { NO_COLOR: "1" },
  }),
);
globalThis.addEventListener("unload", () => Deno.removeSync(JUPYTER_PATH, { recursive: true }));

function run(cmd: string, args: string[], cwd: string) {
  const out = new Deno.Command(cmd, {
    args,
    cwd,
    env: { PATH, JUPYTER_PATH },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** A Python that has nbclient and a registered Deno kernel, or undefined. */
function jupyterPython(): string | undefined {
  for (const py of ["python3", "/usr/bin/python3"]) {
    try {
      const r = run(py, [
        "-c",
        "import nbclient, nbformat\nfrom jupyter_client.kernelspec import KernelSpecManager\nKernelSpecManager().get_kernel_spec('deno')",
      ], ROOT);
      if (r.code === 0) return py;
    } catch { /* not installed */ }
  }
  return undefined;
}

const PY = jupyterPython();
if (!PY) {
  console.log(
    "NOTICE: the own-folder notebook test was not executed (Jupyter with nbclient and the Deno kernel missing; see scripts/setup.sh)",
  );
}

/** Copy the files a user has, written by numpy, pandas and h5py, into a fresh folder. */
function userFolder(): string {
  const dir = Deno.makeTempDirSync({ prefix: "nc-own-folder-" });
  Deno.copyFileSync(`${FIX}/npy/f8_C_le_r2.npy`, `${dir}/V1.npy`); // numpy, 2×3
  Deno.copyFileSync(`${FIX}/interchange/single.h5`, `${dir}/model.h5`); // h5py, 2×4
  Deno.copyFileSync(`${FIX}/interchange/pandas_index.csv`, `${dir}/table.csv`); // pandas, 5×6
  return dir;
}

type Output = { output_type: string; data?: Record<string, unknown>; text?: string | string[] };
type Cell = { cell_type: string; source: string | string[]; outputs?: Output[] };

Deno.test({
  name: "README's notebook snippet runs from a folder outside the repository with every output",
  ignore: PY === undefined,
  fn() {
    const dir = userFolder();
    try {
      // the folder's deno.json maps the package's name to the checkout, as the README says
      Deno.writeTextFileSync(
        `${dir}/deno.json`,
        readmeBlock("Use it in your own notebook", "json").replaceAll(
          "/path/to/neurocompare",
          ROOT,
        ),
      );
      const snippet = readmeBlock("Use it in your own notebook", "ts")
        .replaceAll("/path/to/neurocompare", ROOT);
      // one cell per statement of the snippet, then the rest of what a notebook needs
      const cells = snippet.trim().split(/;\s*(?:\/\/[^\n]*)?\n(?=\S)/).map((s) => s.trim());
      cells.push(
        `const T = await nc.load("table.csv");\n[T.matrix.rows, T.matrix.cols, T.rowLabels?.[0]]`,
        `const nets = [1, 2, 3, 4].map((s) => nc.randn(20, 3, s));\nconst W = await nc.pairwiseDistances(nets, { alpha: 1, workers: 2 });\nW.matrix.data[1]`,
        `\`\${nc.getBackend().name}/\${nc.lapackAvailable()}\``,
      );
      const nb = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: "deno", display_name: "Deno", language: "typescript" } },
        cells: cells.map((source, k) => ({
          id: `c${k}`,
          cell_type: "code",
          source,
          metadata: {},
          outputs: [],
          execution_count: null,
        })),
      };
      Deno.writeTextFileSync(`${dir}/mine.ipynb`, JSON.stringify(nb));
      const r = run(PY!, [
        `${ROOT}/scripts/run_notebook.py`,
        "mine.ipynb",
        "-o",
        "mine.out.ipynb",
        "--timeout",
        "300",
      ], dir);
      assert.equal(r.code, 0, `run_notebook.py failed:\n${r.stderr}`);
      const done = JSON.parse(Deno.readTextFileSync(`${dir}/mine.out.ipynb`)) as { cells: Cell[] };
      const shown = (c: Cell) =>
        (c.outputs ?? []).filter((o) =>
          o.output_type === "execute_result" || o.output_type === "display_data"
        );
      done.cells.forEach((c, k) => {
        assert.ok(!(c.outputs ?? []).some((o) => o.output_type === "error"), `cell ${k} raised`);
        const declares = /^(import|const|let) /.test(String(c.source).split("\n").at(-1)!);
        if (!declares) assert.ok(shown(c).length > 0, `cell ${k} has no output:\n${c.source}`);
      });
      // the figure: the pairwise result shows itself as a table and an SVG heatmap
      const figure = done.cells.flatMap(shown).find((o) => o.data?.["image/svg+xml"] !== undefined);
      assert.ok(figure, "no cell shows an SVG figure");
      assert.match(String(figure.data!["image/svg+xml"]), /<svg/);
      const text = (k: number) => String(shown(done.cells[k]!)[0]!.data!["text/plain"]);
      const n = done.cells.length;
      assert.match(text(n - 3), /5,\s*6,\s*"face"/); // pandas' CSV with its index as labels
      assert.ok(Number(text(n - 2)) > 0); // distances computed by two workers
      assert.equal(
        text(n - 1).replaceAll(/["']/g, ""),
        `${getBackend().name}/${lapackAvailable()}`,
      );
    } finally {
      Deno.removeSync(dir, { recursive: true });
    }
  },
});

Deno.test("README's `deno install -g` line installs a neurocompare command that works from any folder", () => {
  const root = Deno.makeTempDirSync({ prefix: "nc-install-" });
  const dir = userFolder();
  try {
    const line = readmeBlock("Install the command", "sh").split("\n")
      .find((l) => l.startsWith("deno install -g"));
    assert.ok(line, "README's install section has no `deno install -g` line");
    const args = line.replace(/\s+#.*$/, "").replaceAll("/path/to/neurocompare", ROOT).split(/\s+/)
      .slice(1);
    args.splice(2, 0, "--root", root);
    const inst = run(Deno.execPath(), args, dir);
    assert.equal(inst.code, 0, `deno ${args.join(" ")} failed:\n${inst.stderr}`);
    const info = run(`${root}/bin/neurocompare`, ["info", "V1.npy"], dir);
    assert.equal(info.code, 0, info.stderr);
    assert.deepEqual(JSON.parse(info.stdout).shape, [2, 3]);
    const h5 = run(`${root}/bin/neurocompare`, ["info", "model.h5"], dir);
    assert.equal(h5.code, 0, h5.stderr);
    assert.deepEqual(JSON.parse(h5.stdout).shape, [2, 4]);
    const fig = run(`${root}/bin/neurocompare`, ["dmd", "table.csv", "--figure", "eig.svg"], dir);
    assert.equal(fig.code, 0, fig.stderr);
    assert.match(Deno.readTextFileSync(`${dir}/eig.svg`), /<svg[^>]*>[\s\S]*DMD eigenvalues/);
  } finally {
    Deno.removeSync(root, { recursive: true });
    Deno.removeSync(dir, { recursive: true });
  }
});
