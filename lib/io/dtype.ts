/**
 * The n-dimensional array type of the I/O layer and the numpy dtypes it
 * supports: bool, int8–int64, uint8–uint64, float16/32/64, either byte order.
 *
 * @module
 */

import { NpyFormatError } from "./errors.ts";

/** Typed arrays an {@link NDArray} can hold. */
export type NDArrayData =
  | Float64Array
  | Float32Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

/**
 * An n-dimensional array as read from a `.npy` file.
 *
 * `data` is always in C (row-major) order and in the host's native
 * (little-endian) layout, whatever the file's order and byte order. `dtype` is
 * the numpy descr of the file (e.g. `"<f8"`, `">i4"`, `"|u1"`, `"|b1"`), so it
 * may name a big-endian type while `data` is native. Element types:
 * `f8` → Float64Array, `f4` → Float32Array, `f2` → Float64Array (widened
 * exactly), `iN`/`uN` → the matching Int/Uint array (`i8`/`u8` as BigInt64/BigUint64),
 * `b1` → Uint8Array of 0/1.
 */
export interface NDArray {
  /** Dimensions; `[]` for a 0-D (scalar) array. */
  shape: number[];
  /** numpy dtype descr, e.g. `"<f8"`. */
  dtype: string;
  /** Elements in C order, native layout, length = product of `shape`. */
  data: NDArrayData;
}

/** A parsed, supported dtype. */
export interface DType {
  /** `f` float, `i` signed int, `u` unsigned int, `b` bool. */
  kind: "f" | "i" | "u" | "b";
  /** Bytes per element. */
  itemsize: 1 | 2 | 4 | 8;
  /** Whether the stored bytes are big-endian (false for 1-byte types). */
  bigEndian: boolean;
}

const UNSUPPORTED: Record<string, string> = {
  O: "object arrays are not supported",
  c: "complex arrays are not supported",
  S: "byte-string arrays are not supported",
  a: "byte-string arrays are not supported",
  U: "unicode-string arrays are not supported",
  V: "void/structured arrays are not supported",
  M: "datetime arrays are not supported",
  m: "timedelta arrays are not supported",
};

const SIZES: Record<string, number[]> = { f: [2, 4, 8], i: [1, 2, 4, 8], u: [1, 2, 4, 8], b: [1] };

/**
 * Parse a numpy dtype descr such as `"<f8"`, `">i2"` or `"|b1"`.
 *
 * @param descr The descr string from a `.npy` header.
 * @param source File name for error messages.
 * @returns The dtype.
 * @throws {NpyFormatError} For an unsupported or malformed descr.
 *
 * @example Big-endian int32
 * ```ts
 * import { parseDtype } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(parseDtype(">i4"), { kind: "i", itemsize: 4, bigEndian: true });
 * assert.throws(() => parseDtype("|O", "a.npy"), /`a.npy`: unsupported dtype '\|O' \(object/);
 * ```
 */
export function parseDtype(descr: string, source = "<bytes>"): DType {
  const dtype = classify(descr);
  if (typeof dtype === "string") {
    throw new NpyFormatError(`Cannot read \`${source}\`: unsupported dtype '${descr}' (${dtype})`);
  }
  return dtype;
}

/** numpy's one-letter type codes (`np.dtype("d")`), as kind and size on a 64-bit Linux/macOS host. */
const CHAR_CODES: Record<string, string> = {
  "?": "b1",
  b: "i1",
  B: "u1",
  h: "i2",
  H: "u2",
  i: "i4",
  I: "u4",
  l: "i8",
  L: "u8",
  q: "i8",
  Q: "u8",
  p: "i8",
  P: "u8",
  e: "f2",
  f: "f4",
  d: "f8",
  g: "f16",
  F: "c8",
  D: "c16",
  G: "c32",
};

/**
 * A numpy descr spelt out as numpy's writer spells it: one-letter codes and
 * type names, which `np.dtype` also reads (`'d'`, `'<i'`, `'float64'`),
 * become `'<f8'`, `'<i4'`, …; `'f8'` gets the native (little-endian) order.
 * Other descrs are returned as they are.
 *
 * @param descr The descr from a `.npy` header.
 * @returns The spelt-out descr.
 *
 * @example
 * ```ts
 * import { spellDescr } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(["d", ">h", "float32", "?", "f8", "<f8"].map(spellDescr), ["<f8", ">i2", "<f4", "|b1", "<f8", "<f8"]);
 * ```
 */
export function spellDescr(descr: string): string {
  const code = /^([<>|=]?)([?bBhHiIlLqQpPefdgFDG])$/.exec(descr);
  const named = /^(bool|float|int|uint)(8|16|32|64)?$/.exec(descr);
  const plain = /^([fiuc])(\d+)$/.exec(descr);
  let kind: string, size: number, order: string;
  if (code) {
    [order, kind, size] = [
      code[1]!,
      CHAR_CODES[code[2]!]![0]!,
      Number(CHAR_CODES[code[2]!]!.slice(1)),
    ];
  } else if (named && (named[1] === "bool") === (named[2] === undefined)) {
    [order, kind, size] = ["", named[1]![0]!, named[1] === "bool" ? 1 : Number(named[2]) / 8];
  } else if (plain) [order, kind, size] = ["", plain[1]!, Number(plain[2])];
  else return descr;
  if (size === 1) order = "|";
  else if (order === "" || order === "=" || order === "|") order = "<";
  return `${order}${kind}${size}`;
}

/** The dtype of a descr, or why it is not supported. */
function classify(descr: string): DType | string {
  const spelt = spellDescr(descr);
  const m = /^([<>|=]?)([a-zA-Z])(\d*)(\[.*\])?$/.exec(spelt);
  if (!m) return /^\(/.test(descr) ? "subarray dtypes are not supported" : "not a numpy descr";
  const [, order, kind, size, sub] = m as unknown as [string, string, string, string, string?];
  if (kind in UNSUPPORTED) return UNSUPPORTED[kind]!;
  // `<f8[2]` is a subarray type (two values per element), `<M8[ns]` a unit
  if (sub !== undefined) return "subarray dtypes are not supported";
  const sizes = SIZES[kind];
  if (!sizes) return `unknown kind '${kind}'`;
  const itemsize = Number(size);
  if (!sizes.includes(itemsize)) {
    return `${kind === "b" ? "bool" : kind === "f" ? "float" : "integer"} of ${size || "no"} bytes`;
  }
  return {
    kind: kind as DType["kind"],
    itemsize: itemsize as DType["itemsize"],
    bigEndian: order === ">" && itemsize > 1,
  };
}

/**
 * Format a dtype as a little-endian numpy descr (`"<f8"`, `"|u1"`, `"|b1"`).
 *
 * @param dtype The dtype.
 * @returns The descr numpy writes for it on a little-endian machine.
 *
 * @example
 * ```ts
 * import { formatDtype } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatDtype({ kind: "i", itemsize: 4, bigEndian: true }), "<i4");
 * assert.equal(formatDtype({ kind: "b", itemsize: 1, bigEndian: false }), "|b1");
 * ```
 */
export function formatDtype(dtype: DType): string {
  return `${dtype.itemsize === 1 ? "|" : "<"}${dtype.kind}${dtype.itemsize}`;
}

type TypedArrayCtor = { new (buffer: ArrayBuffer): NDArrayData; BYTES_PER_ELEMENT: number };

const CTORS: Record<string, TypedArrayCtor> = {
  f8: Float64Array,
  f4: Float32Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
  b1: Uint8Array,
};

/**
 * The typed-array class that stores raw elements of `dtype` (float16 is stored
 * raw as Uint16Array bit patterns).
 *
 * @param dtype The dtype.
 * @returns The constructor.
 *
 * @example
 * ```ts
 * import { storageCtor } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.equal(storageCtor({ kind: "i", itemsize: 8, bigEndian: false }), BigInt64Array);
 * ```
 */
export function storageCtor(dtype: DType): TypedArrayCtor {
  return dtype.kind === "f" && dtype.itemsize === 2
    ? Uint16Array
    : CTORS[`${dtype.kind}${dtype.itemsize}`]!;
}

/**
 * The dtype that stores a typed array as-is: Float64Array → f8, Uint8Array →
 * u1, and so on. `hint` (a descr) picks bool for a Uint8Array (`"|b1"`) and
 * float16 for a Float64Array (`"<f2"`); a hint that does not fit the array is
 * a `TypeError`.
 *
 * @param data The elements.
 * @param hint Optional descr the caller wants.
 * @param context Message prefix for errors.
 * @returns The dtype (little-endian).
 *
 * @example
 * ```ts
 * import { dtypeOfData } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(dtypeOfData(new Int16Array(2)), { kind: "i", itemsize: 2, bigEndian: false });
 * assert.deepEqual(dtypeOfData(new Uint8Array(2), "|b1"), { kind: "b", itemsize: 1, bigEndian: false });
 * ```
 */
export function dtypeOfData(
  data: NDArrayData,
  hint?: string,
  context = "Cannot encode array",
): DType {
  const entry = Object.entries(CTORS).find(([k, c]) => k !== "b1" && data instanceof c);
  if (!entry) {
    throw new TypeError(
      `${context}: \`data\` must be a typed array of a supported kind: got ${
        (data as object)?.constructor?.name ?? typeof data
      }`,
    );
  }
  const natural = classify(`<${entry[0]}`) as DType;
  if (hint === undefined) return natural;
  const wanted = classify(hint);
  if (typeof wanted === "string") {
    throw new TypeError(`${context}: \`dtype\` '${hint}' is not supported: ${wanted}`);
  }
  const fits = (wanted.kind === natural.kind && wanted.itemsize === natural.itemsize) ||
    (wanted.kind === "b" && entry[0] === "u1") ||
    (wanted.kind === "f" && wanted.itemsize === 2 && entry[0] === "f8");
  if (!fits) {
    throw new TypeError(
      `${context}: \`dtype\` '${hint}' does not match data of type ${data.constructor.name}`,
    );
  }
  return { ...wanted, bigEndian: false };
}

/**
 * Format a shape as Python prints a tuple: `()`, `(3,)`, `(2, 3)`.
 *
 * @param shape Dimensions.
 * @returns The tuple text.
 *
 * @example
 * ```ts
 * import { formatShape } from "./dtype.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatShape([3]), "(3,)");
 * assert.equal(formatShape([2, 3]), "(2, 3)");
 * ```
 */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}
