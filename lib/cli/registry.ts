/**
 * Every CLI subcommand, by area. Areas add their command list here.
 *
 * @module
 */

import type { Command } from "./command.ts";
import { coreCommands } from "./core.ts";
import { ioCommands } from "../io/cli.ts";
import { metricsCommands } from "../metrics/cli.ts";
import { dynamicsCommands } from "../dynamics/cli.ts";
import { spectralCommands } from "../spectral/cli.ts";
import { tensorCommands } from "../rnn/cli.ts";
import { activationsCommands } from "../activations/cli.ts";
import { rsaCommands } from "./commands/rsa.ts";

/** All subcommands, in the order `--help` lists them. */
export const commands: Command[] = [
  ...coreCommands,
  ...ioCommands,
  ...metricsCommands,
  ...dynamicsCommands,
  ...spectralCommands,
  ...tensorCommands,
  ...activationsCommands,
  ...rsaCommands,
];
