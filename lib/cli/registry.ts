/**
 * Every CLI subcommand, by area. Each area's commands live in `commands/<area>.ts`.
 *
 * @module
 */

import type { Command } from "./command.ts";
import { coreCommands } from "./commands/core.ts";
import { ioCommands } from "./commands/io.ts";
import { metricsCommands } from "./commands/metrics.ts";
import { measuresCommand } from "./commands/measures.ts";
import { dynamicsCommands } from "./commands/dynamics.ts";
import { inputDsaCommand } from "./commands/input_dsa.ts";
import { spectralCommands } from "./commands/spectral.ts";
import { tensorCommands } from "./commands/tensor.ts";
import { activationsCommands } from "./commands/activations.ts";
import { rsaCommands } from "./commands/rsa.ts";

/** All subcommands, in the order `--help` lists them. */
export const commands: Command[] = [
  ...coreCommands,
  ...ioCommands,
  measuresCommand,
  ...metricsCommands,
  ...dynamicsCommands,
  inputDsaCommand,
  ...spectralCommands,
  ...tensorCommands,
  ...activationsCommands,
  ...rsaCommands,
];
