/**
 * The options each exported reader and writer of `lib/io/` reads, declared
 * once (checked by the compiler against the options types) and checked at
 * entry by `checkOptions`: a misspelt option (`loadMatrix(path, { row: [0, 5] })`)
 * is an error, and boolean options must be booleans.
 *
 * @module
 */

import { type OptionKinds, optionKinds } from "../validate/options.ts";
import type { ArrowReadOptions, ArrowWriteOptions } from "./arrow.ts";
import type { ReadArrayOptions, ToFloat64Options } from "./convert.ts";
import type { CsvOptions, WriteCsvOptions } from "./csv.ts";
import type { DescribeOptions } from "./describe.ts";
import type { Hdf5ArrayOptions, Hdf5ReadOptions } from "./hdf5.ts";
import type { LoadOptions } from "./load.ts";
import type { WriteNpzOptions } from "./npz.ts";
import type { ReadNpyRowsOptions } from "./npy_rows.ts";
import type { NwbOptions, NwbResponseOptions } from "./nwb.ts";
import type { ParquetReadOptions } from "./parquet.ts";
import type { RowBlockOptions } from "./row_blocks.ts";
import type { TableReadOptions } from "./table.ts";
import type { EncodeZipOptions } from "./zip_write.ts";

const TABLE_READ: OptionKinds<TableReadOptions> = optionKinds<TableReadOptions>({
  labels: "any",
  columns: "any",
  maskNaN: "boolean",
});

/** `load`, `loadMatrix`. */
export const LOAD_OPTIONS: OptionKinds<LoadOptions> = optionKinds<LoadOptions>({
  ...TABLE_READ,
  key: "any",
  rows: "any",
  delimiter: "any",
  header: "any",
  map: "boolean",
});

/** `describeFile`. */
export const DESCRIBE_OPTIONS: OptionKinds<DescribeOptions> = optionKinds<DescribeOptions>({
  header: "any",
  onNotice: "any",
});

/** `readNpyRows`. */
export const NPY_ROWS_OPTIONS: OptionKinds<ReadNpyRowsOptions> = optionKinds<ReadNpyRowsOptions>({
  map: "boolean",
});

/** `readCsv`. */
export const CSV_OPTIONS: OptionKinds<CsvOptions> = optionKinds<CsvOptions>({
  ...TABLE_READ,
  delimiter: "any",
  header: "any",
});

/** `parseCsv`, `parseArrow` add the name of the source in messages. */
export const SOURCE_OPTION = { source: "any" } as const;

/** `readArrow`, `parseArrow`. */
export const ARROW_READ_OPTIONS: OptionKinds<ArrowReadOptions> = optionKinds<ArrowReadOptions>({
  ...TABLE_READ,
  rows: "any",
  map: "boolean",
});

/** `readParquet`. */
export const PARQUET_OPTIONS: OptionKinds<ParquetReadOptions> = optionKinds<ParquetReadOptions>({
  ...TABLE_READ,
  rows: "any",
});

/** `readHdf5Array`. */
export const HDF5_ARRAY_OPTIONS: OptionKinds<Hdf5ArrayOptions> = optionKinds<Hdf5ArrayOptions>({
  rows: "any",
});

/** `readHdf5`. */
export const HDF5_READ_OPTIONS: OptionKinds<Hdf5ReadOptions> = optionKinds<Hdf5ReadOptions>({
  rows: "any",
  maskNaN: "boolean",
});

/** `readNwbUnits`, `readNwbTrials`. */
export const NWB_OPTIONS: OptionKinds<NwbOptions> = optionKinds<NwbOptions>({
  unitsPath: "any",
  trialsPath: "any",
});

/** `nwbResponses`. */
export const NWB_RESPONSE_OPTIONS: OptionKinds<NwbResponseOptions> = optionKinds<
  NwbResponseOptions
>({ ...NWB_OPTIONS, window: "any", align: "any", conditions: "any", measure: "any" });

/** `toFloat64`. */
export const TO_FLOAT64_OPTIONS: OptionKinds<ToFloat64Options> = optionKinds<ToFloat64Options>({
  exactIntegers: "boolean",
  name: "any",
});

/** `readMatrix`, `readTensor`. */
export const READ_ARRAY_OPTIONS: OptionKinds<ReadArrayOptions> = optionKinds<ReadArrayOptions>({
  name: "any",
  key: "any",
});

/** `writeCsv`, `encodeCsv`. */
export const WRITE_CSV_OPTIONS: OptionKinds<WriteCsvOptions> = optionKinds<WriteCsvOptions>({
  labelColumn: "any",
  delimiter: "any",
});

/** `writeArrow`, `encodeArrow`. */
export const ARROW_WRITE_OPTIONS: OptionKinds<ArrowWriteOptions> = optionKinds<ArrowWriteOptions>(
  { labelColumn: "any", format: "any" },
);

/** `writeNpz`, `encodeNpz`. */
export const NPZ_OPTIONS: OptionKinds<WriteNpzOptions> = optionKinds<WriteNpzOptions>({
  compress: "boolean",
});

/** `openRowBlocks`. */
export const ROW_BLOCK_OPTIONS: OptionKinds<RowBlockOptions> = optionKinds<RowBlockOptions>({
  blockRows: "any",
  rows: "any",
  key: "any",
});

/** `encodeZip`. */
export const ZIP_OPTIONS: OptionKinds<EncodeZipOptions> = optionKinds<EncodeZipOptions>({
  compress: "boolean",
  zip64: "boolean",
});
