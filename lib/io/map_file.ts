/**
 * Memory-mapped file reads: the bytes of a file become an ArrayBuffer with no
 * copy (POSIX `mmap`, private and copy-on-write, through Deno FFI to libc).
 *
 * Why: a fresh 100 MB buffer costs one page fault per 4 KiB page, and on a
 * virtual machine each fault is slow (≈ 270 ms for 100 MB here, against 16 ms
 * for numpy, which asks for huge pages). A private mapping of a file in the
 * page cache is mapped in large blocks and touched lazily.
 *
 * `load()` maps nothing unless asked (`map: true`): a mapped matrix shows
 * later writes to its file, which `np.save` and pandas make in place (same
 * inode, truncated first), and a smaller re-save turns a read of the lost
 * pages into SIGBUS. By default the readers copy into {@link allocateFloat64}.
 *
 * Rules of the mapping:
 * - Private: writing to the array changes the process's copy only (the page
 *   is copied on its first write); the file is never modified, but pages not
 *   yet written show what the file holds now.
 * - Unmapped when the ArrayBuffer is garbage-collected (FinalizationRegistry).
 * - Truncating the file while it is mapped makes a later read of the lost
 *   pages fail with SIGBUS, as with numpy's `mmap_mode`. Files written by this
 *   package are replaced by rename (see `writeFileAtomic`), which is safe;
 *   files written by numpy and pandas are not.
 * - {@link allocateFloat64} gives large fresh arrays in huge pages
 *   (`madvise(MADV_HUGEPAGE)`, as numpy does), faulted in by one
 *   `madvise(MADV_POPULATE_WRITE)` call.
 * - Unavailable (returns null, and callers read the file instead) without
 *   `--allow-ffi`, on systems other than Linux and macOS, for an empty range,
 *   or when `NEUROCOMPARE_MMAP=0`.
 *
 * @module
 */

const SYMBOLS = {
  open: { parameters: ["buffer", "i32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer" },
  munmap: { parameters: ["pointer", "usize"], result: "i32" },
  madvise: { parameters: ["pointer", "usize", "i32"], result: "i32" },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>;

const PROT_READ = 1, PROT_WRITE = 2, MAP_PRIVATE = 2, MADV_HUGEPAGE = 14;
const MADV_POPULATE_WRITE = 23; // Linux 5.14+; older kernels answer EINVAL and nothing happens
const HUGE = 2 ** 21; // 2 MiB, the x86-64 and arm64 huge page
const MIN_HUGE_BYTES = 2 ** 23; // below 8 MiB the ordinary allocator is as fast
const PAGE = 65536; // a multiple of every page size in use (4 KiB, 16 KiB, 64 KiB)

let libc: Libc | null | undefined;
let registry: FinalizationRegistry<{ ptr: Deno.PointerValue; len: number }> | undefined;

function mappingAllowed(): boolean {
  try {
    if (Deno.env.get("NEUROCOMPARE_MMAP") === "0") return false;
  } catch { /* no env permission: the default applies */ }
  return Deno.permissions.querySync({ name: "ffi" }).state === "granted";
}

function openLibc(): Libc | null {
  if (libc !== undefined) return libc;
  libc = null;
  if (typeof Deno?.dlopen !== "function" || !mappingAllowed()) return libc;
  const names = Deno.build.os === "linux"
    ? ["libc.so.6"]
    : Deno.build.os === "darwin"
    ? ["libSystem.B.dylib"]
    : [];
  for (const name of names) {
    try {
      libc = Deno.dlopen(name, SYMBOLS);
      registry = new FinalizationRegistry(({ ptr, len }) => {
        libc?.symbols.munmap(ptr, BigInt(len));
      });
      break;
    } catch { /* try the next name; none left means no mapping */ }
  }
  return libc;
}

/**
 * Map bytes `[offset, offset + length)` of a file into memory, private and
 * copy-on-write, or return null when mapping is unavailable (see the module
 * notes) so that the caller reads the file instead.
 *
 * The returned view starts exactly at `offset`; its `byteOffset` within its
 * ArrayBuffer is `offset` modulo 64 KiB, so a Float64Array view over it is
 * possible when `offset` is a multiple of 8.
 *
 * @param path File to map.
 * @param offset First byte.
 * @param length Number of bytes (the caller checks the file is long enough).
 * @returns The bytes, or null.
 *
 * @example The mapping holds the file's bytes
 * ```ts
 * import { mapFile } from "./map_file.ts";
 * import assert from "node:assert/strict";
 * const path = Deno.makeTempFileSync();
 * Deno.writeFileSync(path, new Uint8Array([1, 2, 3, 4, 5]));
 * const bytes = mapFile(path, 1, 3) ?? Deno.readFileSync(path).subarray(1, 4);
 * assert.deepEqual(Array.from(bytes), [2, 3, 4]);
 * Deno.removeSync(path);
 * ```
 */
export function mapFile(path: string, offset: number, length: number): Uint8Array | null {
  if (length <= 0 || !Number.isSafeInteger(offset) || offset < 0) return null;
  const lib = openLibc();
  if (lib === null) return null;
  const fd = lib.symbols.open(new TextEncoder().encode(`${path}\0`), 0);
  if (fd < 0) return null;
  const start = Math.floor(offset / PAGE) * PAGE;
  const len = offset - start + length;
  let ptr: Deno.PointerValue;
  try {
    ptr = lib.symbols.mmap(
      null,
      BigInt(len),
      PROT_READ | PROT_WRITE,
      MAP_PRIVATE,
      fd,
      BigInt(start),
    );
  } finally {
    lib.symbols.close(fd);
  }
  // MAP_FAILED is (void *) -1
  if (ptr === null || BigInt(Deno.UnsafePointer.value(ptr)) === 0xffff_ffff_ffff_ffffn) return null;
  const buffer = Deno.UnsafePointerView.getArrayBuffer(ptr, len);
  registry!.register(buffer, { ptr, len });
  return new Uint8Array(buffer, offset - start, length);
}

/**
 * A fresh zero-filled Float64Array of `n` elements. From 8 MiB on (Linux,
 * `--allow-ffi`) it starts on a 2 MiB boundary, its memory is advised to use
 * huge pages (`madvise(MADV_HUGEPAGE)`, as numpy does) and is faulted in
 * at once (`madvise(MADV_POPULATE_WRITE)`, Linux 5.14+; skipped where the
 * kernel lacks it): one system call instead of 50 huge-page faults (or
 * 25 000 small ones) for 100 MB, each of which costs microseconds on a
 * virtual machine. The array is an ordinary one otherwise, a view into an
 * engine-owned buffer two huge pages longer (the slack is not populated): the
 * engine counts it towards garbage collection and frees it promptly, so
 * loading in a loop does not pile up memory.
 *
 * @param n Number of elements.
 * @returns The array (`length === n`, all zero).
 *
 * @example
 * ```ts
 * import { allocateFloat64 } from "./map_file.ts";
 * import assert from "node:assert/strict";
 * const x = allocateFloat64(2 ** 21);
 * assert.equal(x.length, 2 ** 21);
 * assert.equal(x[2 ** 21 - 1], 0);
 * ```
 */
export function allocateFloat64(n: number): Float64Array {
  const bytes = n * 8;
  if (bytes < MIN_HUGE_BYTES || Deno.build.os !== "linux") return new Float64Array(n);
  const lib = openLibc();
  if (lib === null) return new Float64Array(n);
  // two huge pages of slack: room to start on a boundary and to end on one
  const whole = new Float64Array(n + (2 * HUGE) / 8);
  const ptr = Deno.UnsafePointer.of(whole);
  if (ptr === null) return whole.subarray(0, n);
  const addr = BigInt(Deno.UnsafePointer.value(ptr));
  const skip = (BigInt(HUGE) - (addr % BigInt(HUGE))) % BigInt(HUGE); // a multiple of 8
  const out = whole.subarray(Number(skip) / 8, Number(skip) / 8 + n);
  const start = Deno.UnsafePointer.create(addr + skip);
  // the huge pages that hold `out` lie inside `whole`, which holds no other data;
  // the kernel rounds the populated length up to the page holding the last byte
  lib.symbols.madvise(start, BigInt(Math.ceil(bytes / HUGE) * HUGE), MADV_HUGEPAGE);
  lib.symbols.madvise(start, BigInt(bytes), MADV_POPULATE_WRITE);
  return out;
}
