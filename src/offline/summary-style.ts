import type ExcelJS from "exceljs";
import { SUMMARY_LOOK } from "../core/summary/builder";
import type { SummaryPlan } from "../core/summary/plan";
import { sheetName } from "../core/templates/load";
import { wrappedLines, type XlsxWorkbook } from "./xlsx-workbook";

/** Points per line of a note's wrapped text. */
const NOTE_LINE_POINTS = 15;

/** «#351c75» as exceljs spells an opaque colour: «FF351C75». */
function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/** Titles, headers and notes of «Сводка» in bold, shaded or grey (exceljs, offline only). */
export function styleSummarySheet(wb: XlsxWorkbook, plan: SummaryPlan): void {
  const ws = wb.book.getWorksheet(sheetName("summary"));
  if (!ws) return;
  // The director's tab comes first (the template puts it first; a workbook made before did not).
  const tabs = wb.book.worksheets;
  if (tabs[0] !== ws)
    [ws, ...tabs.filter((w) => w !== ws)].forEach((w, i) => {
      (w as unknown as { orderNo: number }).orderNo = i;
    });
  const width = plan.sheet.grid[0]?.length ?? 0;
  const each = (rows: number[], fn: (cell: ExcelJS.Cell) => void) => {
    for (const r of rows) for (let c = 1; c <= width; c++) fn(ws.getCell(r + 1, c));
  };
  each(plan.sheet.styles.title, (cell) => {
    cell.font = { bold: true, size: SUMMARY_LOOK.titleSize };
  });
  each(plan.sheet.styles.sections, (cell) => {
    cell.font = { bold: true, size: 12, color: { argb: argb(SUMMARY_LOOK.section.color) } };
    cell.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: argb(SUMMARY_LOOK.section.background) },
    };
  });
  each(plan.sheet.styles.headers, (cell) => {
    cell.font = { bold: true };
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.fill = {
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: argb(SUMMARY_LOOK.header.background) },
    };
  });
  each(plan.sheet.styles.notes, (cell) => {
    cell.font = { italic: true, color: { argb: argb(SUMMARY_LOOK.note.color) } };
  });
  // A note wraps in its column, its row as tall as its lines: left to run on to the right, the
  // notes widened the printed page (LibreOffice prints text past the print area) to half its scale.
  // The italic notes print wider than wrappedLines' bold estimate: LibreOffice cut their last line.
  const px = (c: number) => Math.round((ws.getColumn(c).width ?? 13) * 7);
  const setLines = (r: number, lines: number) => {
    ws.getRow(r + 1).height = lines > 1 ? lines * NOTE_LINE_POINTS : (undefined as unknown as number);
  };
  for (const r of plan.sheet.styles.notes) {
    const cell = ws.getCell(r + 1, 1);
    cell.alignment = { wrapText: true, vertical: "top" };
    setLines(r, typeof cell.value === "string" ? wrappedLines(cell.value, Math.round(px(1) * 0.85)) : 1);
  }
  // A table's header row as tall as its longest wrapped header («Наставников (готовы работать …)»).
  for (const r of plan.sheet.styles.headers) {
    let lines = 1;
    for (let c = 1; c <= width; c++) {
      const v = ws.getCell(r + 1, c).value;
      if (typeof v === "string") lines = Math.max(lines, wrappedLines(v, px(c)));
    }
    setLines(r, lines);
  }
  // Excel recalculates on opening a file whose formulas have no cached values yet.
  wb.book.calcProperties = { ...wb.book.calcProperties, fullCalcOnLoad: true };
}
