import { importCommand, samplesCommand } from "./intake";
import type { Command } from "./types";
import { demoCommand, initCommand } from "./workbook";

/** Every `mentor` command, in the order --help lists them. Add a feature's commands here. */
export const commands: Command[] = [demoCommand, initCommand, importCommand, samplesCommand];
