import { districtCommand, packageCommand } from "./district";
import { docCommand, sendReportCommand } from "./documents";
import { importCommand, samplesCommand } from "./intake";
import { endPairCommand } from "./labour";
import { approveCommand, matchCommand } from "./matching";
import { closeCycleCommand, monitorCommand } from "./monitoring";
import { eraseCommand } from "./privacy";
import { remindCommand, roadmapCommand } from "./roadmap";
import { rubricCommand } from "./rubric";
import { statusCommand } from "./status";
import { summaryCommand } from "./summary";
import type { Command } from "./types";
import { demoCommand, initCommand } from "./workbook";

/** Every `mentor` command, in the order --help lists them. Add a feature's commands here. */
export const commands: Command[] = [
  demoCommand,
  initCommand,
  statusCommand,
  importCommand,
  samplesCommand,
  matchCommand,
  approveCommand,
  endPairCommand,
  roadmapCommand,
  remindCommand,
  monitorCommand,
  rubricCommand,
  closeCycleCommand,
  summaryCommand,
  docCommand,
  sendReportCommand,
  packageCommand,
  districtCommand,
  eraseCommand,
];
