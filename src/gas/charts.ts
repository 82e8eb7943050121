import { SUMMARY_LOOK } from "../core/summary/builder";
import type { ChartSpec, SummaryStyles } from "../core/summary/layout";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Json = Record<string, unknown>;

/** Chart size in pixels, as the builder's width and height options set it. */
const CHART_WIDTH = 640;
const CHART_HEIGHT = 330;

/** "B5:D9" → 0-based, end-exclusive rows and columns. */
function gridOf(a1: string): { r0: number; r1: number; c0: number; c1: number } {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1);
  if (!m) throw new Error(`Внутренняя ошибка: диапазон диаграммы «${a1}»`);
  const col = (letters: string) => letters.split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r0: Number(m[2]) - 1, r1: Number(m[4]), c0: col(m[1]), c1: col(m[3]) + 1 };
}

/**
 * The charts of «Сводка» with two Sheets API requests (issue 14, item 7): one Spreadsheets.get for
 * the charts in place, one batchUpdate that deletes them (deleteEmbeddedObject) and adds the new
 * ones (addChart), where EmbeddedChartBuilder takes about thirteen calls a chart. Each chart is a
 * basic chart as the builder makes it: its first range the domain, every column of the others a
 * series («Exactly one dimension must have a length of 1», ChartSourceRange), one header row, the
 * legend at the bottom, 640 × 330 pixels at its anchor cell.
 */
export function drawSummaryChartsWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
  sheetName: string,
  charts: ChartSpec[],
): void {
  const got = api.get(spreadsheetId, {
    ranges: [`'${sheetName.replace(/'/g, "''")}'!A1`],
    fields: "sheets(properties(sheetId),charts(chartId))",
  }) as unknown as Json;
  const sheet = ((got.sheets ?? []) as Json[])[0];
  if (!sheet) return;
  const sheetId = Number(((sheet.properties ?? {}) as Json).sheetId);
  const requests: Json[] = ((sheet.charts ?? []) as Json[]).map((c) => ({
    deleteEmbeddedObject: { objectId: c.chartId },
  }));
  const source = (r0: number, r1: number, c: number) => ({
    sourceRange: {
      sources: [{ sheetId, startRowIndex: r0, endRowIndex: r1, startColumnIndex: c, endColumnIndex: c + 1 }],
    },
  });
  for (const spec of charts) {
    const [domain, ...rest] = spec.ranges.map(gridOf);
    const series: Json[] = [];
    for (const g of rest) for (let c = g.c0; c < g.c1; c++) series.push({ series: source(g.r0, g.r1, c) });
    requests.push({
      addChart: {
        chart: {
          spec: {
            title: spec.title,
            basicChart: {
              chartType: spec.kind === "bar" ? "BAR" : "COLUMN",
              legendPosition: "BOTTOM_LEGEND",
              headerCount: 1,
              ...(spec.stacked ? { stackedType: "STACKED" } : {}),
              domains: [{ domain: source(domain.r0, domain.r1, domain.c0) }],
              series,
            },
          },
          position: {
            overlayPosition: {
              anchorCell: { sheetId, rowIndex: spec.row - 1, columnIndex: spec.col - 1 },
              offsetXPixels: 0,
              offsetYPixels: 0,
              widthPixels: CHART_WIDTH,
              heightPixels: CHART_HEIGHT,
            },
          },
        },
      },
    });
  }
  if (requests.length > 0) api.batchUpdate({ requests }, spreadsheetId);
}

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
      .setOption("width", CHART_WIDTH)
      .setOption("height", CHART_HEIGHT)
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
  // Written around GasWorkbook: flushed here, before its next read through the Sheets API.
  SpreadsheetApp.flush();
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
