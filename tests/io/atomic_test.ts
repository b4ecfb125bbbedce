import assert from "node:assert/strict";
import { writeFileAtomic, writeTarget } from "../../lib/io/atomic.ts";
import { writeAtomic } from "../../lib/display/save.ts";

const dir = Deno.realPathSync(Deno.makeTempDirSync({ prefix: "atomic-" }));
const path = (name: string) => `${dir}/${name}`;

Deno.test("writeFileAtomic through a symbolic link replaces the target and keeps the link", () => {
  Deno.mkdirSync(path("sub"));
  Deno.writeTextFileSync(path("sub/t.bin"), "old");
  Deno.symlinkSync("sub/t.bin", path("l.bin"));
  writeFileAtomic(path("l.bin"), new Uint8Array([7, 8]));
  assert.ok(Deno.lstatSync(path("l.bin")).isSymlink);
  assert.deepEqual(Array.from(Deno.readFileSync(path("sub/t.bin"))), [7, 8]);
  // the temporary file went to the target's folder and is gone
  assert.deepEqual([...Deno.readDirSync(path("sub"))].map((e) => e.name), ["t.bin"]);
});

Deno.test("writeAtomic (display) through a symbolic link replaces the target and keeps the link", () => {
  Deno.writeTextFileSync(path("fig.svg"), "old");
  Deno.symlinkSync("fig.svg", path("fig-link.svg"));
  writeAtomic(path("fig-link.svg"), "<svg/>");
  assert.ok(Deno.lstatSync(path("fig-link.svg")).isSymlink);
  assert.equal(Deno.readTextFileSync(path("fig.svg")), "<svg/>");
});

Deno.test("a chain of links is followed to its end", () => {
  Deno.symlinkSync("c2.bin", path("c1.bin"));
  Deno.symlinkSync("c3.bin", path("c2.bin"));
  assert.equal(writeTarget(path("c1.bin")), path("c3.bin"));
});

Deno.test("a dangling relative link reached through a linked folder names a file next to the link's real folder", () => {
  // sl/real/sub/out.npy -> ../target.npy, reached as sl/lnk/out.npy with sl/lnk -> real/sub:
  // the kernel resolves the target from sl/real/sub, so the file is sl/real/target.npy
  Deno.mkdirSync(path("sl/real/sub"), { recursive: true });
  Deno.symlinkSync("real/sub", path("sl/lnk"));
  Deno.symlinkSync("../target.npy", path("sl/real/sub/out.npy"));
  assert.equal(writeTarget(path("sl/lnk/out.npy")), path("sl/real/target.npy"));
  writeFileAtomic(path("sl/lnk/out.npy"), new Uint8Array([5]));
  assert.deepEqual(Array.from(Deno.readFileSync(path("sl/real/target.npy"))), [5]);
  assert.ok(Deno.lstatSync(path("sl/real/sub/out.npy")).isSymlink);
  assert.throws(() => Deno.lstatSync(path("sl/target.npy")), Deno.errors.NotFound);
});

Deno.test("writeFileAtomic refuses a FIFO and leaves it a FIFO", () => {
  try {
    if (!new Deno.Command("mkfifo", { args: [path("p")] }).outputSync().success) return;
  } catch {
    return; // no mkfifo binary here
  }
  assert.throws(
    () => writeFileAtomic(path("p"), new Uint8Array([1])),
    (e) => e instanceof TypeError && /`.*\/p`: it is a FIFO \(named pipe\)/.test(e.message),
  );
  assert.throws(() => writeAtomic(path("p"), "x"), /FIFO/);
  assert.ok(Deno.lstatSync(path("p")).isFifo);
});

Deno.test("writeFileAtomic refuses a character device without touching it", () => {
  // only looked at, never written: the refusal comes before any write
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync("/dev/null");
  } catch {
    return; // no /dev/null (Windows)
  }
  if (!info.isCharDevice) return;
  assert.throws(() => writeTarget("/dev/null"), /it is a character device, not a regular file/);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
