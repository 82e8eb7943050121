import {
  auditWorkbook,
  type DataIssue,
  describeDataIssues,
  journalDataIssues,
} from "../../core/workbook/audit";
import type { SheetKey } from "../../core/workbook/keys.generated";
import { collectGarbage } from "../memory";
import { cellCount, STREAM_CELLS } from "../xlsx-stream";
import type { XlsxWorkbook } from "../xlsx-workbook";
import type { CommandContext } from "./types";

/**
 * Loud on bad data (issue 15, item 4): the cells of the sheets a command reads that are not what
 * their column holds, printed (the first ten) and, when the command saves the workbook, written to
 * «Журнал» once each.
 */
export function warnDataIssues(
  ctx: CommandContext,
  wb: XlsxWorkbook,
  keys: SheetKey[],
  options: { journal: boolean },
): DataIssue[] {
  const issues = auditWorkbook(wb, keys);
  // The sheets read for the check are garbage now: collected before the command reads them again.
  if (cellCount(wb.book) >= STREAM_CELLS) collectGarbage();
  if (issues.length === 0) return issues;
  if (options.journal) journalDataIssues(wb, issues, ctx.clock.now(), `mentor ${ctx.command ?? ""}`.trim());
  for (const line of describeDataIssues(issues, 10)) ctx.out(`Предупреждение: ${line}\n`);
  return issues;
}
