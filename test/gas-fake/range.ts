/** Range: a rectangle of a sheet, read and written cell by cell in the model. */
import { type GridRect, qualifiedA1, toA1 } from "./a1";
import { instrument } from "./calls";
import { type Env, Fake } from "./env";
import type { Cell, CellFormat, SheetModel } from "./model";
import { canEditRect, FakeProtection, gasProtection, newRangeProtection } from "./protection";
import { FakeRichTextValue, gasRichText, plainRich } from "./rich-text";
import { FakeSheet, gasSheet } from "./sheet";
import { FakeDataValidation, gasDataValidation } from "./validation";
import { displayValue, isDate, parseInput, type Scalar } from "./values";

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasDataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type Grid<T> = T[][];

const RANGE_METHODS = [
  "activate",
  "canEdit",
  "clear",
  "clearContent",
  "clearDataValidations",
  "clearFormat",
  "clearNote",
  "getA1Notation",
  "getBackground",
  "getBackgrounds",
  "getCell",
  "getColumn",
  "getDataValidation",
  "getDataValidations",
  "getDisplayValue",
  "getDisplayValues",
  "getFontFamily",
  "getFontSize",
  "getFontWeight",
  "getFontWeights",
  "getFormula",
  "getFormulas",
  "getRichTextValue",
  "getRichTextValues",
  "getMergedRanges",
  "getGridId",
  "getHeight",
  "getHorizontalAlignment",
  "getHorizontalAlignments",
  "getLastColumn",
  "getLastRow",
  "getNote",
  "getNotes",
  "getNumColumns",
  "getNumRows",
  "getNumberFormat",
  "getNumberFormats",
  "getRow",
  "getRowIndex",
  "getSheet",
  "getValue",
  "getValues",
  "getWidth",
  "insertCheckboxes",
  "isBlank",
  "merge",
  "offset",
  "protect",
  "setBackground",
  "setBackgrounds",
  "setBorder",
  "setDataValidation",
  "setDataValidations",
  "setFontColor",
  "setFontColors",
  "setFontFamily",
  "setFontSize",
  "setFontStyle",
  "setFontWeight",
  "setFontWeights",
  "setFormula",
  "setFormulas",
  "setHorizontalAlignment",
  "setHorizontalAlignments",
  "setNote",
  "setNotes",
  "setNumberFormat",
  "setNumberFormats",
  "setRichTextValue",
  "setRichTextValues",
  "setValue",
  "setValues",
  "setVerticalAlignment",
  "setWrap",
  "setWraps",
] as const;

/**
 * What getValues reports for a cell: "" for blanks, a copy of a date, and for a formula "#ERROR!"
 * (unparsable user text) or the registered evaluator's result, else "" (there is no formula engine).
 */
export function cellValue(
  env: Env,
  sheet: SheetModel,
  cell: Cell | undefined,
  row: number,
  col: number,
): Scalar {
  if (!cell) return "";
  if (cell.formula !== undefined) {
    if (cell.formulaError) return "#ERROR!";
    const v = env.config.formulaEvaluator?.(cell.formula, { sheet: sheet.name, row, col });
    return v === undefined ? "" : isDate(v) ? new Date(v.getTime()) : v;
  }
  return cell.value === undefined ? "" : isDate(cell.value) ? new Date(cell.value.getTime()) : cell.value;
}

/** getNumberFormat of a cell never formatted (Sheets' "Automatic"). */
export const DEFAULT_NUMBER_FORMAT = "0.###############";

export interface OpenEnds {
  openRows?: boolean;
  openCols?: boolean;
}

export class FakeRange extends Fake implements Pick<GasRange, (typeof RANGE_METHODS)[number]> {
  readonly gasType = "Range";

  constructor(
    env: Env,
    readonly sheet: SheetModel,
    readonly row: number,
    readonly col: number,
    readonly numRows: number,
    readonly numCols: number,
    private readonly open: OpenEnds = {},
  ) {
    super(env);
  }

  // ---- internal helpers (not Apps Script methods; never counted) ----

  rect(): GridRect {
    return { row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols };
  }

  a1(): string {
    return toA1(this.rect(), this.open);
  }

  qualifiedA1(): string {
    return qualifiedA1(this.sheet.name, this.a1());
  }

  /** Values of every cell, row by row (for VALUE_IN_RANGE checks). */
  flatValues(): Scalar[] {
    const grid = this.mapCells((cell, r, c) => this.valueAt(cell, r, c));
    return ([] as Scalar[]).concat(...grid);
  }

  private live(): SheetModel {
    if (this.sheet.deleted) throw this.env.error(`The sheet "${this.sheet.name}" has been deleted.`);
    return this.sheet;
  }

  private mapCells<T>(fn: (cell: Cell | undefined, row: number, col: number) => T): Grid<T> {
    const sheet = this.live();
    const out: Grid<T> = [];
    for (let i = 0; i < this.numRows; i++) {
      const cells = sheet.rows[this.row - 1 + i];
      const line: T[] = [];
      for (let j = 0; j < this.numCols; j++)
        line.push(fn(cells?.[this.col - 1 + j], this.row + i, this.col + j));
      out.push(line);
    }
    return out;
  }

  /** A grid handed to the script: arrays of its realm. */
  private expose<T>(grid: Grid<T>): T[][] {
    return this.env.realm.array(grid.map((line) => this.env.realm.array(line)));
  }

  private valueAt(cell: Cell | undefined, row: number, col: number): Scalar {
    return cellValue(this.env, this.sheet, cell, row, col);
  }

  private exposeValue(v: Scalar): Scalar {
    return isDate(v) ? this.env.realm.date(v.getTime()) : v;
  }

  /** Checks a 2-D argument against the range size, with Apps Script's messages. */
  private checkGrid<T>(data: unknown, method: string): Grid<T> {
    if (!Array.isArray(data) || data.some((line) => !Array.isArray(line))) {
      throw this.env.signatureError(`SpreadsheetApp.Range.${method}`, [data]);
    }
    if (data.length !== this.numRows) {
      throw this.env.error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.numRows}.`,
      );
    }
    const bad = (data as unknown[][]).find((line) => line.length !== this.numCols);
    if (bad) {
      throw this.env.error(
        `The number of columns in the data does not match the number of columns in the range. The data has ${bad.length} but the range has ${this.numCols}.`,
      );
    }
    return data as Grid<T>;
  }

  private assertEditable(): SheetModel {
    const sheet = this.live();
    if (!canEditRect(this.env, sheet, this.rect())) {
      throw this.env.error(
        "You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.",
      );
    }
    return sheet;
  }

  /** Writes per-cell data (`pick(i, j)`) into the cells, after the protection check. */
  private write<T>(pick: (i: number, j: number) => T, apply: (cell: Cell, v: T) => void): GasRange {
    const sheet = this.assertEditable();
    for (let i = 0; i < this.numRows; i++) {
      for (let j = 0; j < this.numCols; j++)
        apply(sheet.cellForWrite(this.row + i, this.col + j), pick(i, j));
    }
    return this.self();
  }

  private writeValues(pick: (i: number, j: number) => unknown): GasRange {
    const sheet = this.assertEditable();
    const ss = sheet.spreadsheet;
    const parsed = this.mapCells((cell, r, c) =>
      parseInput(
        pick(r - this.row, c - this.col),
        {
          plainText: cell?.format?.numberFormat === "@",
          extended: this.env.config.extendedInputParsing,
          timeZone: ss.timeZone,
        },
        (message) => this.env.error(message),
      ),
    );
    return this.write(
      (i, j) => parsed[i][j],
      (cell, content) => {
        delete cell.value;
        delete cell.formula;
        delete cell.formulaError;
        // A new value erases the runs of the old text: its links are gone (see rich-text.ts).
        delete cell.rich;
        Object.assign(cell, content);
      },
    );
  }

  private setFormat<K extends keyof CellFormat>(
    key: K,
    pick: (i: number, j: number) => CellFormat[K] | null,
  ): GasRange {
    return this.write(pick, (cell, v) => {
      if (v === null || v === undefined) {
        if (cell.format) delete cell.format[key];
      } else {
        cell.format = { ...cell.format, [key]: v };
      }
    });
  }

  private getFormat<K extends keyof CellFormat>(key: K, fallback: NonNullable<CellFormat[K]>) {
    return this.mapCells((cell) => cell?.format?.[key] ?? fallback);
  }

  private self(): GasRange {
    return gasRange(this);
  }

  private sub(row: number, col: number, numRows: number, numCols: number): GasRange {
    if (
      row < 1 ||
      col < 1 ||
      row + numRows - 1 > this.sheet.maxRows ||
      col + numCols - 1 > this.sheet.maxCols
    ) {
      throw this.env.error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return gasRange(new FakeRange(this.env, this.sheet, row, col, numRows, numCols));
  }

  // ---- Apps Script methods ----

  activate(): GasRange {
    this.live().spreadsheet.activeSheet = this.sheet;
    return this.self();
  }
  canEdit(): boolean {
    return canEditRect(this.env, this.live(), this.rect());
  }
  clear(options?: {
    commentsOnly?: boolean;
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
  }): GasRange {
    const o = options ?? {};
    const only = o.commentsOnly || o.contentsOnly || o.formatOnly || o.validationsOnly;
    return this.write(
      () => null,
      (cell) => {
        if (!only || o.contentsOnly) {
          delete cell.value;
          delete cell.formula;
          delete cell.formulaError;
          delete cell.rich;
        }
        if (!only || o.formatOnly) delete cell.format;
        if (!only || o.validationsOnly) delete cell.validation;
        if (!only || o.commentsOnly) delete cell.note;
      },
    );
  }
  clearContent(): GasRange {
    return this.clear({ contentsOnly: true });
  }
  clearDataValidations(): GasRange {
    return this.clear({ validationsOnly: true });
  }
  clearFormat(): GasRange {
    return this.clear({ formatOnly: true });
  }
  clearNote(): GasRange {
    return this.clear({ commentsOnly: true });
  }
  getA1Notation(): string {
    return this.a1();
  }
  getBackground(): string {
    return this.getBackgrounds()[0][0];
  }
  getBackgrounds(): string[][] {
    return this.expose(this.getFormat("background", "#ffffff"));
  }
  getCell(row: number, column: number): GasRange {
    if (row < 1 || column < 1 || row > this.numRows || column > this.numCols) {
      throw this.env.error("Cell reference out of range");
    }
    return this.sub(this.row + row - 1, this.col + column - 1, 1, 1);
  }
  getColumn(): number {
    return this.col;
  }
  getDataValidation(): GasDataValidation | null {
    return this.getDataValidations()[0][0];
  }
  getDataValidations(): (GasDataValidation | null)[][] {
    return this.expose(
      this.mapCells((cell) =>
        cell?.validation ? gasDataValidation(new FakeDataValidation(this.env, cell.validation)) : null,
      ),
    );
  }
  getDisplayValue(): string {
    return this.getDisplayValues()[0][0];
  }
  getDisplayValues(): string[][] {
    const ss = this.live().spreadsheet;
    return this.expose(
      this.mapCells((cell, r, c) =>
        displayValue(this.valueAt(cell, r, c), {
          numberFormat: cell?.format?.numberFormat,
          locale: ss.locale,
          timeZone: ss.timeZone,
        }),
      ),
    );
  }
  /** Sheets' default font is Arial 10. */
  getFontFamily(): string {
    return this.getFormat("fontFamily", "Arial")[0][0];
  }
  getFontSize(): number {
    return this.getFormat("fontSize", 10)[0][0];
  }
  getFontWeight(): GoogleAppsScript.Spreadsheet.FontWeight {
    return this.getFontWeights()[0][0];
  }
  getFontWeights(): GoogleAppsScript.Spreadsheet.FontWeight[][] {
    return this.expose(this.getFormat("fontWeight", "normal")) as GoogleAppsScript.Spreadsheet.FontWeight[][];
  }
  getFormula(): string {
    return this.getFormulas()[0][0];
  }
  getFormulas(): string[][] {
    return this.expose(this.mapCells((cell) => cell?.formula ?? ""));
  }
  getGridId(): number {
    return this.live().id;
  }
  getHeight(): number {
    return this.numRows;
  }
  getHorizontalAlignment(): string {
    return this.getHorizontalAlignments()[0][0];
  }
  getHorizontalAlignments(): string[][] {
    return this.expose(this.getFormat("horizontalAlignment", "general"));
  }
  getLastColumn(): number {
    return this.col + this.numCols - 1;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getNote(): string {
    return this.getNotes()[0][0];
  }
  getNotes(): string[][] {
    return this.expose(this.mapCells((cell) => cell?.note ?? ""));
  }
  getNumColumns(): number {
    return this.numCols;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  getNumberFormats(): string[][] {
    return this.expose(this.getFormat("numberFormat", DEFAULT_NUMBER_FORMAT));
  }
  getRow(): number {
    return this.row;
  }
  getRowIndex(): number {
    return this.row;
  }
  getSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return gasSheet(new FakeSheet(this.env, this.live()));
  }
  getValue(): unknown {
    const cell = this.live().cell(this.row, this.col);
    return this.exposeValue(this.valueAt(cell, this.row, this.col));
  }
  getValues(): unknown[][] {
    return this.expose(this.mapCells((cell, r, c) => this.exposeValue(this.valueAt(cell, r, c))));
  }
  getWidth(): number {
    return this.numCols;
  }
  /** insertCheckboxes(), (checkedValue) or (checkedValue, uncheckedValue). */
  insertCheckboxes(...args: unknown[]): GasRange {
    const values = args.slice(0, 2);
    const uncheckedValue = values[1];
    const rule = Object.freeze({
      criteria: "CHECKBOX",
      values: Object.freeze(values),
      allowInvalid: true,
      helpText: "",
    });
    const unchecked = values.length === 2 ? uncheckedValue : false;
    this.write(
      () => rule,
      (cell, v) => {
        cell.validation = v;
      },
    );
    return this.writeValues(() => (values.length === 1 ? "" : unchecked));
  }
  /**
   * Merges the range into one cell. As Google documents and the Sheets UI warns, «merging cells only
   * preserves the top-left value»: the other cells are cleared. The merge is kept by the sheet
   * (Spreadsheets.get gives it in `merges`).
   */
  /** The merged ranges that lie fully or partly inside this range (Range.getMergedRanges). */
  getMergedRanges(): GasRange[] {
    return this.sheet.merges
      .filter((g) => g.valid)
      .filter(
        (g) =>
          g.row <= this.row + this.numRows - 1 &&
          g.row + g.numRows - 1 >= this.row &&
          g.col <= this.col + this.numCols - 1 &&
          g.col + g.numCols - 1 >= this.col,
      )
      .map((g) => this.sub(g.row, g.col, g.numRows, g.numCols));
  }
  merge(): GasRange {
    this.sheet.merges.push(
      this.sheet.track({ row: this.row, col: this.col, numRows: this.numRows, numCols: this.numCols }),
    );
    return this.write(
      (i, j) => i > 0 || j > 0,
      (cell, clear) => {
        if (!clear) return;
        delete cell.value;
        delete cell.formula;
        delete cell.formulaError;
      },
    );
  }
  isBlank(): boolean {
    return this.mapCells((cell) => cell?.value === undefined && cell?.formula === undefined).every((l) =>
      l.every(Boolean),
    );
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): GasRange {
    return this.sub(
      this.row + rowOffset,
      this.col + columnOffset,
      numRows ?? this.numRows,
      numColumns ?? this.numCols,
    );
  }
  protect(): GoogleAppsScript.Spreadsheet.Protection {
    return gasProtection(new FakeProtection(this.env, newRangeProtection(this.live(), this.rect())));
  }
  setBackground(color: string | null): GasRange {
    return this.setFormat("background", () => color);
  }
  setBackgrounds(color: (string | null)[][]): GasRange {
    const grid = this.checkGrid<string | null>(color, "setBackgrounds");
    return this.setFormat("background", (i, j) => grid[i][j]);
  }
  setBorder(): GasRange {
    this.assertEditable();
    return this.self();
  }
  setDataValidation(rule: GasDataValidation | null): GasRange {
    if (rule !== null && !((rule as unknown) instanceof FakeDataValidation)) {
      throw this.env.signatureError("SpreadsheetApp.Range.setDataValidation", [rule]);
    }
    const stored = rule === null ? undefined : (rule as unknown as FakeDataValidation).rule;
    return this.write(
      () => stored,
      (cell, v) => {
        if (v) cell.validation = v;
        else delete cell.validation;
      },
    );
  }
  setDataValidations(rules: (GasDataValidation | null)[][]): GasRange {
    const grid = this.checkGrid<GasDataValidation | null>(rules, "setDataValidations");
    for (const rule of grid.flat()) {
      if (rule !== null && !((rule as unknown) instanceof FakeDataValidation)) {
        throw this.env.signatureError("SpreadsheetApp.Range.setDataValidations", [rules]);
      }
    }
    return this.write(
      (i, j) => (grid[i][j] as unknown as FakeDataValidation | null)?.rule,
      (cell, v) => {
        if (v) cell.validation = v;
        else delete cell.validation;
      },
    );
  }
  setFontColor(color: string | null): GasRange {
    return this.setFormat("fontColor", () => color);
  }
  setFontColors(colors: unknown[][]): GasRange {
    const grid = this.checkGrid<string | null>(colors, "setFontColors");
    return this.setFormat("fontColor", (i, j) => grid[i][j]);
  }
  setFontFamily(fontFamily: string | null): GasRange {
    if (fontFamily !== null && typeof fontFamily !== "string")
      throw this.env.signatureError("SpreadsheetApp.Range.setFontFamily", [fontFamily]);
    return this.setFormat("fontFamily", () => fontFamily);
  }
  setFontSize(size: number): GasRange {
    return this.setFormat("fontSize", () => size);
  }
  setFontStyle(fontStyle: GoogleAppsScript.Spreadsheet.FontStyle | null): GasRange {
    return this.setFormat("fontStyle", () => fontStyle);
  }
  setFontWeight(fontWeight: GoogleAppsScript.Spreadsheet.FontWeight | null): GasRange {
    return this.setFormat("fontWeight", () => fontWeight);
  }
  setFontWeights(fontWeights: (GoogleAppsScript.Spreadsheet.FontWeight | null)[][]): GasRange {
    const grid = this.checkGrid<string | null>(fontWeights, "setFontWeights");
    return this.setFormat("fontWeight", (i, j) => grid[i][j]);
  }
  setFormula(formula: string): GasRange {
    return this.writeFormulas(() => formula);
  }
  setFormulas(formulas: string[][]): GasRange {
    const grid = this.checkGrid<string>(formulas, "setFormulas");
    return this.writeFormulas((i, j) => grid[i][j]);
  }
  setHorizontalAlignment(alignment: "left" | "center" | "normal" | "right" | null): GasRange {
    return this.setFormat("horizontalAlignment", () => alignment);
  }
  setHorizontalAlignments(alignments: ("left" | "center" | "normal" | "right" | null)[][]): GasRange {
    const grid = this.checkGrid<string | null>(alignments, "setHorizontalAlignments");
    return this.setFormat("horizontalAlignment", (i, j) => grid[i][j]);
  }
  setNote(note: string | null): GasRange {
    return this.writeNotes(() => note);
  }
  setNotes(notes: (string | null)[][]): GasRange {
    const grid = this.checkGrid<string | null>(notes, "setNotes");
    return this.writeNotes((i, j) => grid[i][j]);
  }
  setNumberFormat(numberFormat: string): GasRange {
    return this.setFormat("numberFormat", () => numberFormat);
  }
  setNumberFormats(numberFormats: string[][]): GasRange {
    const grid = this.checkGrid<string>(numberFormats, "setNumberFormats");
    return this.setFormat("numberFormat", (i, j) => grid[i][j]);
  }
  /** The top-left cell's Rich Text value; null when it is not text (a number, date, boolean, formula). */
  getRichTextValue(): GoogleAppsScript.Spreadsheet.RichTextValue | null {
    return this.richAt(this.sheet.cell(this.row, this.col));
  }
  getRichTextValues(): (GoogleAppsScript.Spreadsheet.RichTextValue | null)[][] {
    return this.expose(this.mapCells((cell) => this.richAt(cell)));
  }
  setRichTextValue(value: GoogleAppsScript.Spreadsheet.RichTextValue): GasRange {
    return this.writeRich(() => value, "setRichTextValue");
  }
  setRichTextValues(values: GoogleAppsScript.Spreadsheet.RichTextValue[][]): GasRange {
    const grid = this.checkGrid<GoogleAppsScript.Spreadsheet.RichTextValue>(values, "setRichTextValues");
    return this.writeRich((i, j) => grid[i][j], "setRichTextValues");
  }
  setValue(value: unknown): GasRange {
    return this.writeValues(() => value);
  }
  setValues(values: unknown[][]): GasRange {
    const grid = this.checkGrid<unknown>(values, "setValues");
    return this.writeValues((i, j) => grid[i][j]);
  }
  setVerticalAlignment(alignment: "top" | "middle" | "bottom" | null): GasRange {
    return this.setFormat("verticalAlignment", () => alignment);
  }
  setWrap(isWrapEnabled: boolean): GasRange {
    return this.setFormat("wrap", () => isWrapEnabled);
  }
  setWraps(isWrapEnabled: boolean[][]): GasRange {
    const grid = this.checkGrid<boolean>(isWrapEnabled, "setWraps");
    return this.setFormat("wrap", (i, j) => grid[i][j]);
  }

  private richAt(cell: Cell | undefined): GoogleAppsScript.Spreadsheet.RichTextValue | null {
    if (cell?.formula !== undefined) return null;
    const v = cell?.value;
    if (v !== undefined && typeof v !== "string") return null;
    const text = v ?? "";
    const data = cell?.rich && cell.rich.text === text ? cell.rich : plainRich(text);
    return gasRichText(new FakeRichTextValue(this.env, data));
  }

  /** Rich Text values written as text (never parsed as a number or formula), their runs kept. */
  private writeRich(pick: (i: number, j: number) => unknown, method: string): GasRange {
    const picked = this.mapCells((_, r, c) => {
      const v = pick(r - this.row, c - this.col);
      if (!(v instanceof FakeRichTextValue))
        throw this.env.signatureError(`SpreadsheetApp.Range.${method}`, [v]);
      return v.data;
    });
    return this.write(
      (i, j) => picked[i][j],
      (cell, data) => {
        delete cell.value;
        delete cell.formula;
        delete cell.formulaError;
        delete cell.rich;
        if (data.text !== "") {
          cell.value = data.text;
          cell.rich = { text: data.text, runs: data.runs.map((r) => ({ ...r })) };
        }
      },
    );
  }

  /** Formulas are entered as a user would type them ("" clears the cell; other text is a value). */
  private writeFormulas(pick: (i: number, j: number) => string): GasRange {
    return this.writeValues(pick);
  }

  private writeNotes(pick: (i: number, j: number) => string | null): GasRange {
    return this.write(pick, (cell, note) => {
      if (note === null || note === undefined || note === "") delete cell.note;
      else cell.note = String(note);
    });
  }
}
instrument(FakeRange, "Spreadsheet", "Range", RANGE_METHODS);

export function gasRange(r: FakeRange): GasRange {
  return r as unknown as GasRange;
}

/** The fake behind a Range argument, or the Apps Script signature exception. */
export function unwrapRange(env: Env, range: unknown, method: string, args: readonly unknown[]): FakeRange {
  if (range instanceof FakeRange) return range;
  throw env.signatureError(method, args);
}
