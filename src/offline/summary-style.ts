import type ExcelJS from "exceljs";
import type { SummaryPlan } from "../core/summary/plan";
import { sheetName } from "../core/templates/load";
import type { XlsxWorkbook } from "./xlsx-workbook";

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
