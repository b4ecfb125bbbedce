/**
 * Run the CLI in a child process (for what it writes straight to stderr, such as notices).
 *
 * @module
 */

/** Exit code, stdout and stderr (decoded) of `deno run -A lib/cli/main.ts …args`. */
export async function runCliProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../lib/cli/main.ts", import.meta.url).pathname, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}
