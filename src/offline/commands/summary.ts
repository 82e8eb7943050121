import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type ExcelJS from "exceljs";
import { calendarDate } from "../../core/dates";
import { sheetName } from "../../core/templates/load";
import { buildSummary, describeSummary, planSummary, type SummaryPlan } from "../../core/usecases/summary";
import type { XlsxWorkbook } from "../xlsx-workbook";
import type { Command, CommandContext } from "./types";
import { DEFAULT_FILE, openWorkbook, saveWorkbook } from "./workbook";

/**
 * `mentor summary`: the director's summary in Russian, computed in core from the workbook.
 * `--write` also writes the live formulas of «Показатели» and «Сводка» (charts exist only in
 * Google Sheets: exceljs cannot create them). Excel and LibreOffice recalculate on opening.
 */

/** Titles, headers and notes of «Сводка» in bold, shaded or grey (exceljs, offline only). */
export function styleSummarySheet(wb: XlsxWorkbook, plan: SummaryPlan): void {
  const ws = wb.book.getWorksheet(sheetName("summary"));
  if (!ws) return;
  const width = plan.sheet.grid[0]?.length ?? 0;
  const each = (rows: number[], fn: (cell: ExcelJS.Cell) => void) => {
    for (const r of rows) for (let c = 1; c <= width; c++) fn(ws.getCell(r + 1, c));
  };
  each(plan.sheet.styles.title, (cell) => {
    cell.font = { bold: true, size: 14 };
  });
  each(plan.sheet.styles.sections, (cell) => {
    cell.font = { bold: true, size: 12, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF351C75" } };
  });
  each(plan.sheet.styles.headers, (cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF2F8" } };
  });
  each(plan.sheet.styles.notes, (cell) => {
    cell.font = { italic: true, color: { argb: "FF666666" } };
  });
  // Excel recalculates on opening a file whose formulas have no cached values yet.
  wb.book.calcProperties = { ...wb.book.calcProperties, fullCalcOnLoad: true };
}

/** Builds the summary of an open workbook, styles it; returns the plan. */
export function writeSummary(wb: XlsxWorkbook, ctx: CommandContext): SummaryPlan {
  const plan = buildSummary({ workbook: wb, clock: ctx.clock, progress: ctx.progress });
  styleSummarySheet(wb, plan);
  return plan;
}

function formulaCount(plan: SummaryPlan): number {
  return plan.sheet.cells.length + plan.indicators.cells.length;
}

export const summaryCommand: Command = {
  name: "summary",
  usage:
    "summary [--write]    Сводка для директора: участники, пары, показатели, дорожная карта, мониторинг (--write — записать формулы листов «Сводка» и «Показатели»)",
  valueOptions: ["file"],
  async run(ctx) {
    const path = resolve(typeof ctx.options.file === "string" ? ctx.options.file : DEFAULT_FILE);
    if (!existsSync(path)) {
      ctx.out(
        `Файл книги не найден: ${path}. Укажите --file или создайте книгу: mentor init --file ${path}\n`,
      );
      return 2;
    }
    const { wb } = await openWorkbook(path);
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
