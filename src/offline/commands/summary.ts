import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { calendarDate } from "../../core/dates";
import { planSummary, type SummaryPlan } from "../../core/summary/plan";
import { sheetName } from "../../core/templates/load";
import { buildSummary, describeSummary } from "../../core/usecases/summary";
import type { SheetKey } from "../../core/workbook/keys.generated";
import { CliError, EXIT_USAGE } from "../errors";
import { styleSummarySheet } from "../summary-style";
import type { XlsxWorkbook } from "../xlsx-workbook";
import { warnDataIssues } from "./data-warnings";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, missingWorkbookMessage, openWorkbook, saveWorkbook } from "./workbook";

/**
 * `mentor summary`: the director's summary in Russian, computed in core from the workbook.
 * `--write` also writes the live formulas of «Показатели» and «Сводка» (charts exist only in
 * Google Sheets: exceljs cannot create them). Excel and LibreOffice recalculate on opening.
 */

/** Builds the summary of an open workbook, styles it; returns the plan. */
export function writeSummary(wb: XlsxWorkbook, ctx: CommandContext): SummaryPlan {
  const plan = buildSummary({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
  styleSummarySheet(wb, plan);
  return plan;
}

function formulaCount(plan: SummaryPlan): number {
  return plan.sheet.cells.length + plan.indicators.cells.length;
}

/** The sheets the summary counts. */
const SUMMED: SheetKey[] = ["mentors", "mentees", "pairs", "roadmap", "surveys", "contingent"];

export const summaryCommand: Command = {
  name: "summary",
  usage:
    "summary [--write]    Сводка для директора: участники, пары, показатели, дорожная карта, мониторинг (--write — записать формулы листов «Сводка» и «Показатели»)",
  help: {
    synopsis: ["summary [--write] [--file КНИГА.xlsx]"],
    options: [["--write", "записать в книгу листы «Сводка» и «Показатели» с формулами"]],
    examples: ["mentor summary --file школа.xlsx", "mentor summary --write --file школа.xlsx"],
  },
  valueOptions: ["file"],
  flags: ["write"],
  async run(ctx) {
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path)) throw new CliError(missingWorkbookMessage(path), EXIT_USAGE);
    const { wb } = await openWorkbook(ctx, { readOnly: ctx.options.write !== true });
    warnDataIssues(ctx, wb, SUMMED, { journal: ctx.options.write === true });
    if (ctx.options.write) {
      const plan = writeSummary(wb, ctx);
      await saveWorkbook(wb, path);
      ctx.out(`${describeSummary(plan.figures, { charts: false })}\n`);
      ctx.out(
        `\nЗаписано формул: ${formulaCount(plan)} (листы «${sheetName("summary")}» и «${sheetName("indicators")}»); Excel и LibreOffice пересчитают их при открытии.\nФайл: ${path}\n`,
      );
      return 0;
    }
    const plan = planSummary(wb, calendarDate(ctx.clock.now()));
    ctx.out(`${describeSummary(plan.figures, { charts: false })}\n`);
    return 0;
  },
};
