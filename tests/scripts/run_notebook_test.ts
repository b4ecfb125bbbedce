import assert from "node:assert/strict";

const script = new URL("../../scripts/run_notebook.py", import.meta.url).pathname;

Deno.test("run_notebook.py without nbformat/nbclient exits 2 with an install hint, not a traceback", () => {
  // hide the modules even where Jupyter is installed: an import of a None entry fails
  const code = [
    "import runpy, sys",
    "sys.modules['nbformat'] = None",
    "sys.modules['nbclient'] = None",
    `sys.argv = ['run_notebook.py', 'mine.ipynb']`,
    `runpy.run_path(${JSON.stringify(script)}, run_name='__main__')`,
  ].join("\n");
  const out = new Deno.Command("python3", {
    args: ["-c", code],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 2, stderr);
  assert.match(stderr, /^error: run_notebook\.py needs Jupyter's nbformat and nbclient/);
  assert.match(stderr, /apt-get install python3-nbclient python3-nbformat jupyter-nbconvert/);
  assert.doesNotMatch(stderr, /Traceback/);
});
