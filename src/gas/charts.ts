import { SUMMARY_LOOK } from "../core/summary/builder";
import type { ChartSpec, SummaryStyles } from "../core/summary/layout";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * The presentation of «Сводка» that the WorkbookPort does not carry: charts and text styles.
 * Runs after the core use-case wrote the formulas; the sheet belongs to the program, so every
 * chart on it is replaced.
 */

export function drawSummaryCharts(sheet: Sheet, charts: ChartSpec[]): void {
  for (const old of sheet.getCharts()) sheet.removeChart(old);
  for (const spec of charts) {
    const typed = spec.kind === "bar" ? sheet.newChart().asBarChart() : sheet.newChart().asColumnChart();
    if (spec.stacked) typed.setStacked();
    let builder = typed.setTitle(spec.title) as unknown as GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
    for (const a1 of spec.ranges) builder = builder.addRange(sheet.getRange(a1));
    builder = builder
      .setNumHeaders(1)
      .setPosition(spec.row, spec.col, 0, 0)
      .setOption("width", 640)
      .setOption("height", 330)
      .setOption("legend", { position: "bottom" });
    sheet.insertChart(builder.build());
  }
}

/**
 * «Показатели» → «Статус» was a text column («@»): Sheets would keep a formula written there as
 * text. Its data rows get a number format before the formulas go in (the template no longer sets
 * one, so initialisation does not bring «@» back).
 */
export function prepareIndicatorColumns(sheet: Sheet | null): void {
  if (!sheet) return;
  const keys = sheet.getRange("1:1").getValues()[0].map(String);
  const c = keys.indexOf("status");
  if (c < 0) return;
  // The column's first data cell tells: the format was set on the whole column at once.
  if (sheet.getRange(3, c + 1).getNumberFormat() !== "@") return;
  const rows = sheet.getMaxRows();
  if (rows > 2) sheet.getRange(3, c + 1, rows - 2, 1).setNumberFormat("0.###");
}

/** Title, section titles, headers and notes: one call per property over the whole plan (and one for the title's size). */
export function styleSummarySheet(sheet: Sheet, styles: SummaryStyles, height: number, width: number): void {
  if (height === 0 || width === 0) return;
  const rows = Math.min(sheet.getMaxRows(), height);
  const weights: GoogleAppsScript.Spreadsheet.FontWeight[][] = [];
  const backgrounds: (string | null)[][] = [];
  const colors: string[][] = [];
  const wraps: boolean[][] = [];
  const kind = (r: number) =>
    styles.title.indexOf(r) >= 0
      ? "title"
      : styles.sections.indexOf(r) >= 0
        ? "section"
        : styles.headers.indexOf(r) >= 0
          ? "header"
          : styles.notes.indexOf(r) >= 0
            ? "note"
            : "";
  for (let r = 0; r < rows; r++) {
    const k = kind(r);
    weights.push(new Array(width).fill(k === "" || k === "note" ? "normal" : "bold"));
    const look = SUMMARY_LOOK;
    backgrounds.push(
      new Array(width).fill(
        k === "section" ? look.section.background : k === "header" ? look.header.background : null,
      ),
    );
    colors.push(
      new Array(width).fill(
        k === "section" ? look.section.color : k === "note" ? look.note.color : look.text.color,
      ),
    );
    wraps.push(new Array(width).fill(k === "header"));
  }
  const range = sheet.getRange(1, 1, rows, width);
  range
    .setFontWeights(weights)
    .setBackgrounds(backgrounds as string[][])
    .setFontColors(colors)
    // Headers wrapped, the rest not: one call for the sheet, where a call per header row took two.
    .setWraps(wraps);
  for (const r of styles.title) sheet.getRange(r + 1, 1).setFontSize(SUMMARY_LOOK.titleSize);
}
