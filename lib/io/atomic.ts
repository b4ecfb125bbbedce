/**
 * File helpers: whole-file reads with the path in the error message, and
 * atomic writes (temporary file in the same directory, then rename) so a
 * reader never sees a partially written file.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";

function rewrap(e: unknown, message: string): Error {
  if (e instanceof Error) {
    const Ctor = e.constructor as new (m: string, o?: { cause: unknown }) => Error;
    try {
      return new Ctor(`${message}: ${e.message}`, { cause: e });
    } catch { /* a constructor with another signature */ }
  }
  return new Error(`${message}: ${String(e)}`, { cause: e });
}

/**
 * Read a whole file; errors keep their class (e.g. `Deno.errors.NotFound`) and
 * name the path.
 *
 * @param path File to read.
 * @returns Its bytes.
 *
 * @example
 * ```ts
 * import { readFileBytes } from "./atomic.ts";
 * import assert from "node:assert/strict";
 * assert.throws(() => readFileBytes("/no/such/file.npy"), /Cannot read `\/no\/such\/file.npy`/);
 * ```
 */
export function readFileBytes(path: string): Uint8Array {
  try {
    return Deno.readFileSync(path);
  } catch (e) {
    throw rewrap(e, `Cannot read \`${path}\``);
  }
}

/**
 * Write `bytes` to `path` atomically: the bytes go to a new temporary file
 * next to `path`, are flushed to disk, and the file is renamed over `path`.
 * On failure the temporary file is removed and `path` is left untouched.
 * A symbolic link is written through (see {@link writeTarget}): the link
 * stays and the file it points to is replaced, with the temporary file in
 * that file's folder. A FIFO, device, socket or folder is refused (TypeError)
 * and left as it is.
 *
 * @param path Destination file.
 * @param bytes Contents.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "./atomic.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.makeTempDirSync();
 * writeFileAtomic(`${dir}/a.bin`, new Uint8Array([1, 2, 3]));
 * assert.deepEqual(Array.from(Deno.readFileSync(`${dir}/a.bin`)), [1, 2, 3]);
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["a.bin"]);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const target = writeTarget(path);
  const tmp = join(
    dirname(target),
    `.${basename(target)}.${crypto.randomUUID().slice(0, 8)}.tmp`,
  );
  let file: Deno.FsFile | undefined;
  if (signalCleanup) installSignalCleanup();
  pending.add(tmp);
  try {
    file = Deno.openSync(tmp, { write: true, createNew: true });
    for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
    file.syncSync();
    file.close();
    file = undefined;
    Deno.renameSync(tmp, target);
  } catch (e) {
    try {
      file?.close();
    } catch { /* already closed */ }
    try {
      Deno.removeSync(tmp);
    } catch { /* never created */ }
    throw rewrap(e, `Cannot write \`${path}\``);
  } finally {
    pending.delete(tmp);
  }
}

function kindOf(info: Deno.FileInfo): string {
  if (info.isDirectory) return "a folder";
  if (info.isFifo) return "a FIFO (named pipe)";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  if (info.isSocket) return "a socket";
  return "a special file";
}

function lstatOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw rewrap(e, `Cannot write \`${path}\``);
  }
}

/**
 * The file an atomic write to `path` replaces: `path` itself when it is a
 * regular file or does not exist yet; the file a symbolic link points to (the
 * link is kept and the write goes through it, as `cp` and shell redirection
 * do), followed to its end even when that file does not exist yet. A path that
 * is (or leads to) a folder, FIFO, device or socket is refused: an atomic
 * write would replace the node itself by a regular file.
 *
 * @param path Destination the caller named.
 * @returns The path of the regular file to replace (or create).
 * @throws {TypeError} When `path` is, or links to, something other than a regular file.
 *
 * @example A link is written through; a FIFO is refused
 * ```ts
 * import { writeTarget } from "./atomic.ts";
 * import assert from "node:assert/strict";
 * const dir = Deno.realPathSync(Deno.makeTempDirSync());
 * Deno.writeTextFileSync(`${dir}/a.npy`, "x");
 * Deno.symlinkSync(`${dir}/a.npy`, `${dir}/link.npy`);
 * assert.equal(writeTarget(`${dir}/link.npy`), `${dir}/a.npy`);
 * assert.equal(writeTarget(`${dir}/new.npy`), `${dir}/new.npy`);
 * assert.throws(() => writeTarget(dir), /is a folder, not a regular file/);
 * Deno.removeSync(dir, { recursive: true });
 * ```
 */
export function writeTarget(path: string): string {
  let current = path;
  for (let hops = 0; hops <= 40; hops++) {
    const info = lstatOrNull(current);
    if (info === null || info.isFile) return current;
    if (!info.isSymlink) {
      throw new TypeError(
        `Cannot write \`${path}\`: ${
          current === path ? "it" : `it links to ${current}, which`
        } is ${kindOf(info)}, not a regular file (left as it is)`,
      );
    }
    let next: string;
    try {
      next = Deno.realPathSync(current);
    } catch {
      // a dangling link: follow it one step; the write creates the file it names. A relative
      // target is relative to the folder the link really sits in (the kernel's rule), which
      // differs from the typed path's folder when that path goes through a linked folder
      let folder = dirname(current);
      try {
        folder = Deno.realPathSync(folder);
      } catch { /* a missing folder: the write reports it */ }
      next = resolve(folder, Deno.readLinkSync(current));
    }
    if (next === current) break;
    current = next;
  }
  throw new TypeError(`Cannot write \`${path}\`: too many levels of symbolic links`);
}

/** Temporary files of writes in progress. */
const pending = new Set<string>();
let signalCleanup = false;
let installed = false;

function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const [sig, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    try {
      Deno.addSignalListener(sig, () => {
        for (const tmp of pending) {
          try {
            Deno.removeSync(tmp);
          } catch { /* renamed or never created */ }
        }
        Deno.exit(code);
      });
    } catch { /* signals not supported here (Windows: SIGTERM) */ }
  }
}

/**
 * Make SIGINT and SIGTERM remove the temporary files of atomic writes before
 * the process exits (with 130 or 143). For programs that own the process, like
 * the CLI: the listeners are installed at the first write and then end the
 * process on those signals. Writes are synchronous, so a signal that arrives
 * during one is handled when it has finished (renamed into place or removed):
 * no `.NAME.hex.tmp` file is left behind and no destination is half-written.
 *
 * @example Turn it on (the listeners are added at the first write)
 * ```ts
 * import { removeTemporaryFilesOnSignal } from "./atomic.ts";
 * removeTemporaryFilesOnSignal();
 * ```
 */
export function removeTemporaryFilesOnSignal(): void {
  signalCleanup = true;
}
