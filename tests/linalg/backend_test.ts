import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { getBackend, lapackAvailable, setBackend, withBackend } from "../../lib/linalg/backend.ts";
import { BACKENDS, testBackends } from "./_backends.ts";

const probe = fileURLToPath(new URL("./fixtures/backend_probe.ts", import.meta.url));

/** Run the probe script with the given permissions and NEUROCOMPARE_BACKEND value. */
async function runProbe(
  permissions: string[],
  backendEnv: string,
): Promise<{ out: Record<string, unknown>; stderr: string }> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-config", ...permissions, probe],
    env: { NEUROCOMPARE_BACKEND: backendEnv, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  });
  const { stdout, stderr } = await cmd.output();
  const text = new TextDecoder().decode(stdout).trim();
  return { out: JSON.parse(text), stderr: new TextDecoder().decode(stderr) };
}

Deno.test("setBackend() selects by name and getBackend() reports it", () => {
  const before = getBackend().name;
  try {
    assert.equal(setBackend("portable").name, "portable");
    assert.equal(getBackend().name, "portable");
    if (lapackAvailable()) assert.equal(setBackend("lapack").name, "lapack");
    assert.ok(BACKENDS.includes(setBackend("auto").name));
  } finally {
    setBackend(before);
  }
});

Deno.test("setBackend() rejects an unknown name", () => {
  assert.throws(() => setBackend("fast" as "auto"), {
    name: "RangeError",
    message:
      "Cannot select linear-algebra backend: `name` must be one of lapack, portable, auto: got fast",
  });
});

Deno.test("withBackend() restores the previous backend, also when the function throws", () => {
  const before = getBackend().name;
  assert.equal(withBackend("portable", () => getBackend().name), "portable");
  assert.equal(getBackend().name, before);
  assert.throws(() =>
    withBackend("portable", () => {
      throw new Error("boom");
    }), /boom/);
  assert.equal(getBackend().name, before);
});

testBackends("setThreads() accepts positive integers and rejects others", () => {
  getBackend().setThreads(1);
  assert.throws(() => getBackend().setThreads(0), {
    name: "RangeError",
    message: "Cannot set threads: `n` must be an integer >= 1: got 0",
  });
});

Deno.test("auto selection falls back to portable with a one-line notice when FFI is not allowed", async () => {
  const { out, stderr } = await runProbe(["--allow-read", "--allow-env"], "auto");
  assert.deepEqual(out, { backend: "portable", s: [4, 3], again: "portable" });
  assert.equal(
    stderr,
    "neurocompare: using the portable (pure TypeScript) backend: FFI is not permitted (run with --allow-ffi)\n",
  );
});

Deno.test("auto selection without --allow-env still works (the variable cannot be read)", async () => {
  const { out, stderr } = await runProbe([], "lapack");
  assert.equal(out.backend, "portable");
  assert.equal(stderr.trim().split("\n").length, 1);
});

Deno.test("NEUROCOMPARE_BACKEND=portable selects portable silently", async () => {
  const { out, stderr } = await runProbe(
    ["--allow-env", "--allow-ffi", "--allow-read"],
    "portable",
  );
  assert.deepEqual(out, { backend: "portable", s: [4, 3], again: "portable" });
  assert.equal(stderr, "");
});

Deno.test("NEUROCOMPARE_BACKEND with a bad value is a RangeError naming the variable", async () => {
  const { out } = await runProbe(["--allow-env"], "blas");
  assert.deepEqual(out, {
    error: "RangeError",
    message:
      "Cannot select linear-algebra backend: `NEUROCOMPARE_BACKEND` must be one of lapack, portable, auto: got blas",
  });
});

Deno.test("NEUROCOMPARE_BACKEND=lapack without FFI permission explains why it cannot load", async () => {
  const { out } = await runProbe(["--allow-env", "--allow-read"], "lapack");
  assert.deepEqual(out, {
    error: "Error",
    message:
      "Cannot select linear-algebra backend `lapack`: FFI is not permitted (run with --allow-ffi)",
  });
});

Deno.test({
  name: "NEUROCOMPARE_BACKEND=lapack selects lapack when the libraries load",
  ignore: !lapackAvailable(),
  fn: async () => {
    const { out, stderr } = await runProbe(
      ["--allow-env", "--allow-ffi", "--allow-read"],
      "lapack",
    );
    assert.deepEqual(out, { backend: "lapack", s: [4, 3], again: "lapack" });
    assert.equal(stderr, "");
  },
});
