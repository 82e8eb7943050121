/** Sheet: grid size, structure (rows, columns, frozen, hidden), and the objects that live on it. */
import { parseA1 } from "./a1";
import { instrument } from "./calls";
import {
  chartsOf,
  FakeEmbeddedChartBuilder,
  gasChartBuilder,
  insertChart,
  removeChart,
  updateChart,
} from "./charts";
import { replaceRules, rulesOf } from "./conditional-format";
import { ProtectionType, SheetType } from "./enums";
import { type Env, Fake } from "./env";
import type { SheetModel } from "./model";
import { canEditRect, canEditSheet, FakeProtection, gasProtection, sheetProtection } from "./protection";
import { FakeRange, gasRange, unwrapRange } from "./range";
import { FakeSpreadsheet, gasSpreadsheet } from "./spreadsheet";

type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GasRange = GoogleAppsScript.Spreadsheet.Range;

const SHEET_METHODS = [
  "activate",
  "appendRow",
  "autoResizeColumn",
  "autoResizeColumns",
  "clear",
  "clearConditionalFormatRules",
  "clearContents",
  "clearFormats",
  "clearNotes",
  "deleteColumn",
  "deleteColumns",
  "deleteRow",
  "deleteRows",
  "getCharts",
  "getColumnWidth",
  "getConditionalFormatRules",
  "getDataRange",
  "getFormUrl",
  "getFrozenColumns",
  "getFrozenRows",
  "getIndex",
  "getLastColumn",
  "getLastRow",
  "getMaxColumns",
  "getMaxRows",
  "getName",
  "getParent",
  "getProtections",
  "getRange",
  "getRowHeight",
  "getSheetId",
  "getSheetName",
  "getSheetValues",
  "getTabColor",
  "getType",
  "hideColumn",
  "hideColumns",
  "hideRow",
  "hideRows",
  "hideSheet",
  "insertChart",
  "insertColumnAfter",
  "insertColumnBefore",
  "insertColumns",
  "insertColumnsAfter",
  "insertColumnsBefore",
  "insertRowAfter",
  "insertRowBefore",
  "insertRows",
  "insertRowsAfter",
  "insertRowsBefore",
  "isColumnHiddenByUser",
  "isRowHiddenByUser",
  "isSheetHidden",
  "moveColumns",
  "moveRows",
  "newChart",
  "protect",
  "removeChart",
  "setColumnWidth",
  "setColumnWidths",
  "setConditionalFormatRules",
  "setFrozenColumns",
  "setFrozenRows",
  "setName",
  "setRowHeight",
  "setRowHeights",
  "setTabColor",
  "showColumns",
  "showRows",
  "showSheet",
  "unhideColumn",
  "unhideRow",
  "updateChart",
] as const;

export const DEFAULT_COLUMN_WIDTH = 100;
export const DEFAULT_ROW_HEIGHT = 21;
const PROTECTED =
  "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.";

export class FakeSheet extends Fake implements Pick<GasSheet, (typeof SHEET_METHODS)[number]> {
  readonly gasType = "Sheet";

  constructor(
    env: Env,
    readonly model: SheetModel,
  ) {
    super(env);
  }

  // ---- internal helpers ----

  private live(): SheetModel {
    if (this.model.deleted) throw this.env.error(`The sheet "${this.model.name}" has been deleted.`);
    return this.model;
  }

  private self(): GasSheet {
    return gasSheet(this);
  }

  /** A range after Sheet.getRange's checks, with Apps Script's messages. */
  rangeAt(row: number, col: number, numRows: number, numCols: number): FakeRange {
    const s = this.live();
    if (row < 1) throw this.env.error("The starting row of the range is too small.");
    if (col < 1) throw this.env.error("The starting column of the range is too small.");
    if (numRows < 1) throw this.env.error("The number of rows in the range must be at least 1.");
    if (numCols < 1) throw this.env.error("The number of columns in the range must be at least 1.");
    if (row + numRows - 1 > s.maxRows || col + numCols - 1 > s.maxCols) {
      throw this.env.error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return new FakeRange(this.env, s, row, col, numRows, numCols);
  }

  private assertStructureEditable(
    rows?: { start: number; n: number },
    cols?: { start: number; n: number },
  ): SheetModel {
    const s = this.live();
    const rect = {
      row: rows?.start ?? 1,
      numRows: rows?.n ?? s.maxRows,
      col: cols?.start ?? 1,
      numCols: cols?.n ?? s.maxCols,
    };
    if (!canEditSheet(this.env, s) || ((rows || cols) && !canEditRect(this.env, s, rect))) {
      throw this.env.error(PROTECTED);
    }
    return s;
  }

  private checkRows(start: number, n: number): SheetModel {
    const s = this.live();
    if (start < 1 || n < 1 || start + n - 1 > s.maxRows)
      throw this.env.error("Those rows are out of bounds.");
    return s;
  }

  private checkCols(start: number, n: number): SheetModel {
    const s = this.live();
    if (start < 1 || n < 1 || start + n - 1 > s.maxCols)
      throw this.env.error("Those columns are out of bounds.");
    return s;
  }

  private setRowsHidden(start: number, n: number, hidden: boolean): void {
    const s = this.checkRows(start, n);
    for (let r = start; r < start + n; r++) s.rowMetaForWrite(r).hidden = hidden;
  }

  private setColsHidden(start: number, n: number, hidden: boolean): void {
    const s = this.checkCols(start, n);
    for (let c = start; c < start + n; c++) s.colMetaForWrite(c).hidden = hidden;
  }

  private insertRowsAt(before: number, n: number, inheritFrom: number | null): GasSheet {
    const s = this.assertStructureEditable();
    if (n < 1) throw this.env.error("The number of rows to insert must be at least 1.");
    if (before < 1 || before > s.maxRows + 1) throw this.env.error("Those rows are out of bounds.");
    s.insertRows(before, n, inheritFrom);
    return this.self();
  }

  private insertColumnsAt(before: number, n: number, inheritFrom: number | null): GasSheet {
    const s = this.assertStructureEditable();
    if (n < 1) throw this.env.error("The number of columns to insert must be at least 1.");
    if (before < 1 || before > s.maxCols + 1) throw this.env.error("Those columns are out of bounds.");
    s.insertColumns(before, n, inheritFrom);
    return this.self();
  }

  private clearCells(what: { contents?: boolean; formats?: boolean; notes?: boolean }): GasSheet {
    const s = this.assertStructureEditable();
    for (const row of s.rows) {
      for (const cell of row ?? []) {
        if (!cell) continue;
        if (what.contents) {
          delete cell.value;
          delete cell.formula;
          delete cell.formulaError;
        }
        if (what.formats) delete cell.format;
        if (what.notes) delete cell.note;
      }
    }
    return this.self();
  }

  // ---- Apps Script methods ----

  activate(): GasSheet {
    const s = this.live();
    s.spreadsheet.activeSheet = s;
    return this.self();
  }
  appendRow(rowContents: unknown[]): GasSheet {
    if (!Array.isArray(rowContents))
      throw this.env.signatureError("SpreadsheetApp.Sheet.appendRow", [rowContents]);
    const s = this.live();
    const row = s.lastRow() + 1;
    if (row > s.maxRows) s.maxRows = row;
    if (rowContents.length > s.maxCols) s.maxCols = rowContents.length;
    if (rowContents.length > 0) this.rangeAt(row, 1, 1, rowContents.length).setValues([rowContents]);
    return this.self();
  }
  autoResizeColumn(columnPosition: number): GasSheet {
    this.checkCols(columnPosition, 1);
    return this.self();
  }
  autoResizeColumns(startColumn: number, numColumns: number): GasSheet {
    this.checkCols(startColumn, numColumns);
    return this.self();
  }
  clear(options?: { formatOnly?: boolean; contentsOnly?: boolean }): GasSheet {
    const only = options?.formatOnly || options?.contentsOnly;
    return this.clearCells({
      contents: !only || options?.contentsOnly,
      formats: !only || options?.formatOnly,
    });
  }
  clearConditionalFormatRules(): void {
    replaceRules(this.env, this.live(), []);
  }
  clearContents(): GasSheet {
    return this.clearCells({ contents: true });
  }
  clearFormats(): GasSheet {
    return this.clearCells({ formats: true });
  }
  clearNotes(): GasSheet {
    return this.clearCells({ notes: true });
  }
  deleteColumn(columnPosition: number): GasSheet {
    this.deleteColumns(columnPosition, 1);
    return this.self();
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    const s = this.checkCols(columnPosition, howMany);
    if (howMany >= s.maxCols) throw this.env.error("You can't delete all the columns on the sheet.");
    this.assertStructureEditable(undefined, { start: columnPosition, n: howMany });
    s.deleteColumns(columnPosition, howMany);
  }
  deleteRow(rowPosition: number): GasSheet {
    this.deleteRows(rowPosition, 1);
    return this.self();
  }
  deleteRows(rowPosition: number, howMany: number): void {
    const s = this.checkRows(rowPosition, howMany);
    if (howMany >= s.maxRows) throw this.env.error("You can't delete all the rows on the sheet.");
    // Sheets keeps a row below the frozen ones (the UI and the Sheets API say the same).
    if (s.maxRows - howMany <= s.frozenRows)
      throw this.env.error("Sorry, it is not possible to delete all non-frozen rows.");
    this.assertStructureEditable({ start: rowPosition, n: howMany });
    s.deleteRows(rowPosition, howMany);
  }
  getCharts(): GoogleAppsScript.Spreadsheet.EmbeddedChart[] {
    return chartsOf(this.env, this.live());
  }
  getColumnWidth(columnPosition: number): number {
    return this.checkCols(columnPosition, 1).colMeta[columnPosition - 1]?.width ?? DEFAULT_COLUMN_WIDTH;
  }
  getConditionalFormatRules(): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
    return rulesOf(this.env, this.live());
  }
  getDataRange(): GasRange {
    const s = this.live();
    return gasRange(this.rangeAt(1, 1, Math.max(1, s.lastRow()), Math.max(1, s.lastColumn())));
  }
  getFrozenColumns(): number {
    return this.live().frozenCols;
  }
  getFrozenRows(): number {
    return this.live().frozenRows;
  }
  getIndex(): number {
    const s = this.live();
    return s.spreadsheet.sheets.indexOf(s) + 1;
  }
  getLastColumn(): number {
    return this.live().lastColumn();
  }
  getLastRow(): number {
    return this.live().lastRow();
  }
  getMaxColumns(): number {
    return this.live().maxCols;
  }
  getMaxRows(): number {
    return this.live().maxRows;
  }
  getName(): string {
    return this.live().name;
  }
  getFormUrl(): string | null {
    return this.live().formUrl;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return gasSpreadsheet(new FakeSpreadsheet(this.env, this.live().spreadsheet));
  }
  getProtections(
    type: GoogleAppsScript.Spreadsheet.ProtectionType,
  ): GoogleAppsScript.Spreadsheet.Protection[] {
    const wanted = String(type);
    if (wanted !== String(ProtectionType.RANGE) && wanted !== String(ProtectionType.SHEET)) {
      throw this.env.signatureError("SpreadsheetApp.Sheet.getProtections", [type]);
    }
    return this.env.realm.array(
      this.live()
        .protections.filter((p) => p.type === wanted)
        .map((p) => gasProtection(new FakeProtection(this.env, p))),
    );
  }
  /** getRange(a1Notation) or getRange(row, column, numRows?, numColumns?); fractions are truncated. */
  getRange(...args: (number | string)[]): GasRange {
    const [a] = args;
    if (typeof a === "string" && args.length === 1) {
      const s = this.live();
      const rect = parseA1(a, s.maxRows, s.maxCols);
      if (!rect) throw this.env.error("Range not found");
      const r = this.rangeAt(rect.row, rect.col, rect.numRows, rect.numCols);
      return gasRange(new FakeRange(this.env, s, r.row, r.col, r.numRows, r.numCols, rect));
    }
    if (args.length < 2 || args.length > 4 || args.some((x) => typeof x !== "number" || Number.isNaN(x))) {
      throw this.env.signatureError("SpreadsheetApp.Sheet.getRange", args);
    }
    const [row, column, numRows = 1, numColumns = 1] = (args as number[]).map(Math.trunc);
    return gasRange(this.rangeAt(row, column, numRows, numColumns));
  }
  getRowHeight(rowPosition: number): number {
    return this.checkRows(rowPosition, 1).rowMeta[rowPosition - 1]?.height ?? DEFAULT_ROW_HEIGHT;
  }
  getSheetId(): number {
    return this.live().id;
  }
  getSheetName(): string {
    return this.live().name;
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number): unknown[][] {
    const s = this.live();
    const rows = numRows === -1 ? s.lastRow() - startRow + 1 : numRows;
    const cols = numColumns === -1 ? s.lastColumn() - startColumn + 1 : numColumns;
    return this.rangeAt(startRow, startColumn, rows, cols).getValues();
  }
  getTabColor(): string | null {
    return this.live().tabColor;
  }
  getType(): GoogleAppsScript.Spreadsheet.SheetType {
    return SheetType.GRID;
  }
  hideColumn(column: GasRange): void {
    const r = unwrapRange(this.env, column, "SpreadsheetApp.Sheet.hideColumn", [column]);
    this.setColsHidden(r.col, r.numCols, true);
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    this.setColsHidden(columnIndex, numColumns, true);
  }
  hideRow(row: GasRange): void {
    const r = unwrapRange(this.env, row, "SpreadsheetApp.Sheet.hideRow", [row]);
    this.setRowsHidden(r.row, r.numRows, true);
  }
  hideRows(rowIndex: number, numRows = 1): void {
    this.setRowsHidden(rowIndex, numRows, true);
  }
  hideSheet(): GasSheet {
    const s = this.live();
    if (s.spreadsheet.sheets.every((x) => x === s || x.hidden)) {
      throw this.env.error("You can't hide all the sheets in a document.");
    }
    s.hidden = true;
    return this.self();
  }
  insertChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    insertChart(this.env, this.live(), chart);
  }
  insertColumnAfter(afterPosition: number): GasSheet {
    return this.insertColumnsAt(afterPosition + 1, 1, afterPosition);
  }
  insertColumnBefore(beforePosition: number): GasSheet {
    return this.insertColumnsAt(beforePosition, 1, beforePosition + 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsAt(columnIndex, numColumns, columnIndex + numColumns);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertColumnsAt(afterPosition + 1, howMany, afterPosition);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): GasSheet {
    return this.insertColumnsAt(beforePosition, howMany, beforePosition + howMany);
  }
  insertRowAfter(afterPosition: number): GasSheet {
    return this.insertRowsAt(afterPosition + 1, 1, afterPosition);
  }
  insertRowBefore(beforePosition: number): GasSheet {
    return this.insertRowsAt(beforePosition, 1, beforePosition + 1);
  }
  insertRows(rowIndex: number, numRows = 1): void {
    this.insertRowsAt(rowIndex, numRows, rowIndex + numRows);
  }
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    return this.insertRowsAt(afterPosition + 1, howMany, afterPosition);
  }
  insertRowsBefore(beforePosition: number, howMany: number): GasSheet {
    return this.insertRowsAt(beforePosition, howMany, beforePosition + howMany);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.checkCols(columnPosition, 1).colMeta[columnPosition - 1]?.hidden === true;
  }
  isRowHiddenByUser(rowPosition: number): boolean {
    return this.checkRows(rowPosition, 1).rowMeta[rowPosition - 1]?.hidden === true;
  }
  isSheetHidden(): boolean {
    return this.live().hidden;
  }
  moveColumns(columnSpec: GasRange, destinationIndex: number): void {
    const r = unwrapRange(this.env, columnSpec, "SpreadsheetApp.Sheet.moveColumns", [
      columnSpec,
      destinationIndex,
    ]);
    const s = this.checkCols(r.col, r.numCols);
    if (destinationIndex < 1 || destinationIndex > s.maxCols + 1)
      throw this.env.error("Those columns are out of bounds.");
    this.assertStructureEditable();
    s.moveColumns(r.col, r.numCols, destinationIndex);
  }
  moveRows(rowSpec: GasRange, destinationIndex: number): void {
    const r = unwrapRange(this.env, rowSpec, "SpreadsheetApp.Sheet.moveRows", [rowSpec, destinationIndex]);
    const s = this.checkRows(r.row, r.numRows);
    if (destinationIndex < 1 || destinationIndex > s.maxRows + 1)
      throw this.env.error("Those rows are out of bounds.");
    this.assertStructureEditable();
    s.moveRows(r.row, r.numRows, destinationIndex);
  }
  newChart(): GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder {
    return gasChartBuilder(new FakeEmbeddedChartBuilder(this.env, this.live()));
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return gasProtection(new FakeProtection(this.env, sheetProtection(this.live())));
  }
  removeChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    removeChart(this.env, this.live(), chart);
  }
  setColumnWidth(columnPosition: number, width: number): GasSheet {
    this.checkCols(columnPosition, 1).colMetaForWrite(columnPosition).width = width;
    return this.self();
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): GasSheet {
    const s = this.checkCols(startColumn, numColumns);
    for (let c = startColumn; c < startColumn + numColumns; c++) s.colMetaForWrite(c).width = width;
    return this.self();
  }
  setConditionalFormatRules(rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[]): void {
    replaceRules(this.env, this.live(), rules);
  }
  setFrozenColumns(columns: number): void {
    const s = this.live();
    if (columns < 0 || columns > s.maxCols) throw this.env.error("Those columns are out of bounds.");
    s.frozenCols = columns;
  }
  setFrozenRows(rows: number): void {
    const s = this.live();
    if (rows < 0 || rows > s.maxRows) throw this.env.error("Those rows are out of bounds.");
    s.frozenRows = rows;
  }
  setName(name: string): GasSheet {
    const s = this.live();
    const text = String(name);
    if (text.trim() === "") throw this.env.error("Sheet names can't be empty.");
    const other = s.spreadsheet.sheetByName(text);
    if (other && other !== s) {
      throw this.env.error(`A sheet with the name "${text}" already exists. Please enter another name.`);
    }
    s.name = text;
    return this.self();
  }
  setRowHeight(rowPosition: number, height: number): GasSheet {
    this.checkRows(rowPosition, 1).rowMetaForWrite(rowPosition).height = height;
    return this.self();
  }
  setRowHeights(startRow: number, numRows: number, height: number): GasSheet {
    const s = this.checkRows(startRow, numRows);
    for (let r = startRow; r < startRow + numRows; r++) s.rowMetaForWrite(r).height = height;
    return this.self();
  }
  setTabColor(color: string | null): GasSheet {
    this.live().tabColor = color;
    return this.self();
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    this.setColsHidden(columnIndex, numColumns, false);
  }
  showRows(rowIndex: number, numRows = 1): void {
    this.setRowsHidden(rowIndex, numRows, false);
  }
  showSheet(): GasSheet {
    this.live().hidden = false;
    return this.self();
  }
  unhideColumn(column: GasRange): void {
    const r = unwrapRange(this.env, column, "SpreadsheetApp.Sheet.unhideColumn", [column]);
    this.setColsHidden(r.col, r.numCols, false);
  }
  unhideRow(row: GasRange): void {
    const r = unwrapRange(this.env, row, "SpreadsheetApp.Sheet.unhideRow", [row]);
    this.setRowsHidden(r.row, r.numRows, false);
  }
  updateChart(chart: GoogleAppsScript.Spreadsheet.EmbeddedChart): void {
    updateChart(this.env, this.live(), chart);
  }
}
instrument(FakeSheet, "Spreadsheet", "Sheet", SHEET_METHODS);

export function gasSheet(s: FakeSheet): GasSheet {
  return s as unknown as GasSheet;
}

export function unwrapSheet(env: Env, sheet: unknown, method: string): FakeSheet {
  if (sheet instanceof FakeSheet) return sheet;
  throw env.signatureError(method, [sheet]);
}
