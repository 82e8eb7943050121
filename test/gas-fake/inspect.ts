/**
 * Test-side access to the spreadsheet, never counted as calls and never blocked by protections:
 * read back raw cells and sheet state, pre-fill sheets, and simulate a curator's manual edits.
 * Coordinates are 1-based; cells are addressed as "B3" or (row, col). Values come back in the
 * test's realm.
 */
import { columnLetters, parseA1, toA1 } from "./a1";
import type { Env } from "./env";
import type { Cell, CellFormat, SheetModel, SpreadsheetModel } from "./model";
import { cellValue, FakeRange } from "./range";
import { describeValidation, satisfies, type ValidationInfo } from "./validation";
import { displayValue, parseInput, type Scalar } from "./values";

export interface CellInfo {
  a1: string;
  value: Scalar;
  formula: string;
  note: string;
  validation: ValidationInfo | null;
  format: CellFormat;
  display: string;
}

export interface ProtectionInfo {
  type: "RANGE" | "SHEET";
  description: string;
  warningOnly: boolean;
  /** "A1:C2" for a range protection, null for a sheet protection. */
  range: string | null;
  /** Effective editors (the spreadsheet's while the script has not changed them). */
  editors: string[];
  domainEdit: boolean;
  unprotected: string[];
}

export interface ConditionalRuleInfo {
  criteria: string;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: string[];
}

export interface ChartInfo {
  id: number;
  chartType: string;
  ranges: string[];
  options: Record<string, unknown>;
  position: { anchorRow: number; anchorCol: number; offsetX: number; offsetY: number };
}

export interface InvalidCell {
  a1: string;
  value: Scalar;
  criteria: string;
}

type Rect = { row: number; col: number; numRows: number; numCols: number };

export class SheetInspector {
  constructor(
    private readonly env: Env,
    readonly model: SheetModel,
  ) {}

  get name(): string {
    return this.model.name;
  }
  get sheetId(): number {
    return this.model.id;
  }
  get maxRows(): number {
    return this.model.maxRows;
  }
  get maxColumns(): number {
    return this.model.maxCols;
  }
  get lastRow(): number {
    return this.model.lastRow();
  }
  get lastColumn(): number {
    return this.model.lastColumn();
  }
  get frozenRows(): number {
    return this.model.frozenRows;
  }
  get frozenColumns(): number {
    return this.model.frozenCols;
  }
  get tabColor(): string | null {
    return this.model.tabColor;
  }
  get hidden(): boolean {
    return this.model.hidden;
  }

  // ---- reading ----

  /** Values as getValues reports them; by default the data range (an empty sheet gives []). */
  values(a1?: string): Scalar[][] {
    return this.grid(this.dataRect(a1), (cell, r, c) => cellValue(this.env, this.model, cell, r, c));
  }
  formulas(a1?: string): string[][] {
    return this.grid(this.dataRect(a1), (cell) => cell?.formula ?? "");
  }
  /** What the cells show (getDisplayValues). */
  display(a1?: string): string[][] {
    const ss = this.model.spreadsheet;
    return this.grid(this.dataRect(a1), (cell, r, c) =>
      displayValue(cellValue(this.env, this.model, cell, r, c), {
        numberFormat: cell?.format?.numberFormat,
        locale: ss.locale,
        timeZone: ss.timeZone,
      }),
    );
  }
  /** Notes; by default over every cell that has anything (value, note, validation or format). */
  notes(a1?: string): string[][] {
    return this.grid(this.usedRect(a1), (cell) => cell?.note ?? "");
  }
  validations(a1?: string): (ValidationInfo | null)[][] {
    return this.grid(this.usedRect(a1), (cell) =>
      cell?.validation ? describeValidation(cell.validation) : null,
    );
  }
  formats(a1?: string): CellFormat[][] {
    return this.grid(this.usedRect(a1), (cell) => ({ ...cell?.format }));
  }
  /** The values of one column, rows 1..lastRow. */
  column(col: number): Scalar[] {
    return this.values(`${columnLetters(col)}1:${columnLetters(col)}${Math.max(1, this.lastRow)}`).map(
      (r) => r[0],
    );
  }
  /** The values of one row, columns 1..lastColumn. */
  row(row: number): Scalar[] {
    return this.values(`A${row}:${columnLetters(Math.max(1, this.lastColumn))}${row}`)[0];
  }
  cell(a1OrRow: string | number, col?: number): CellInfo {
    const { row, col: c } = this.point(a1OrRow, col);
    const cell = this.model.cell(row, c);
    const value = cellValue(this.env, this.model, cell, row, c);
    const ss = this.model.spreadsheet;
    return {
      a1: toA1({ row, col: c, numRows: 1, numCols: 1 }),
      value,
      formula: cell?.formula ?? "",
      note: cell?.note ?? "",
      validation: cell?.validation ? describeValidation(cell.validation) : null,
      format: { ...cell?.format },
      display: displayValue(value, {
        numberFormat: cell?.format?.numberFormat,
        locale: ss.locale,
        timeZone: ss.timeZone,
      }),
    };
  }
  hiddenRows(): number[] {
    return this.flagged(this.model.rowMeta.map((m) => m?.hidden === true));
  }
  hiddenColumns(): number[] {
    return this.flagged(this.model.colMeta.map((m) => m?.hidden === true));
  }
  /** Widths set by the script (or a curator), by 1-based column. */
  columnWidths(): Record<number, number> {
    const out: Record<number, number> = {};
    this.model.colMeta.forEach((m, i) => {
      if (m?.width !== undefined) out[i + 1] = m.width;
    });
    return out;
  }
  protections(): ProtectionInfo[] {
    return this.model.protections.map((p) => ({
      type: p.type,
      description: p.description,
      warningOnly: p.warningOnly,
      range: p.region ? toA1(p.region) : null,
      editors: [...(p.editors ?? this.model.spreadsheet.editors)],
      domainEdit: p.domainEdit,
      unprotected: p.unprotected.map((u) => toA1(u)),
    }));
  }
  conditionalFormatRules(): ConditionalRuleInfo[] {
    return this.model.conditionalRules.map((r) => ({
      criteria: r.criteria,
      values: [...r.values],
      background: r.format.background,
      fontColor: r.format.fontColor,
      bold: r.format.bold,
      ranges: r.regions.map((g) => toA1(g)),
    }));
  }
  charts(): ChartInfo[] {
    return this.model.charts.map((c) => ({
      id: c.id,
      chartType: c.chartType,
      ranges: c.regions.map((g) => toA1(g)),
      options: { ...c.options },
      position: { ...c.position },
    }));
  }
  /** Cells whose value breaks their data validation (formula criteria are not checked). */
  invalidCells(): InvalidCell[] {
    const out: InvalidCell[] = [];
    this.model.rows.forEach((cells, r) => {
      cells?.forEach((cell, c) => {
        if (!cell?.validation) return;
        const value = cellValue(this.env, this.model, cell, r + 1, c + 1);
        if (!satisfies(cell.validation, value)) {
          out.push({
            a1: toA1({ row: r + 1, col: c + 1, numRows: 1, numCols: 1 }),
            value,
            criteria: cell.validation.criteria,
          });
        }
      });
    });
    return out;
  }

  // ---- a curator's manual edits ----

  /** Types `input` into a cell, as a user would ("42" becomes 42, "=..." a formula). */
  edit(a1OrRow: string | number, colOrInput: unknown, input?: unknown): this {
    const typed = typeof a1OrRow === "string";
    const { row, col } = this.point(a1OrRow, typed ? undefined : (colOrInput as number));
    return this.typeInto(row, col, [[typed ? colOrInput : input]]);
  }
  /** Types a grid of inputs starting at a cell. */
  setValues(a1OrRow: string | number, colOrGrid: unknown, grid?: unknown[][]): this {
    const typed = typeof a1OrRow === "string";
    const { row, col } = this.point(a1OrRow, typed ? undefined : (colOrGrid as number));
    return this.typeInto(row, col, (typed ? colOrGrid : grid) as unknown[][]);
  }
  setNote(a1: string, note: string): this {
    const { row, col } = this.point(a1);
    const cell = this.model.cellForWrite(row, col);
    if (note === "") delete cell.note;
    else cell.note = note;
    return this;
  }
  clearCell(a1: string): this {
    const { row, col } = this.point(a1);
    const cell = this.model.cellForWrite(row, col);
    delete cell.value;
    delete cell.formula;
    delete cell.formulaError;
    delete cell.rich;
    return this;
  }
  /** Drags column `from` so it ends up at position `to`, with its notes, validations, formats, width, hidden-ness. */
  moveColumn(from: number, to: number): this {
    this.model.moveColumns(from, 1, to > from ? to + 1 : to);
    return this;
  }
  /** Drags row `from` so it ends up at position `to`. */
  moveRow(from: number, to: number): this {
    this.model.moveRows(from, 1, to > from ? to + 1 : to);
    return this;
  }
  /** Inserts columns before `before`; formats and validations come from the column on the left. */
  insertColumns(before: number, n = 1): this {
    this.model.insertColumns(before, n, before > 1 ? before - 1 : before + n);
    return this;
  }
  /** Inserts rows before `before`; formats and validations come from the row above. */
  insertRows(before: number, n = 1): this {
    this.model.insertRows(before, n, before > 1 ? before - 1 : before + n);
    return this;
  }
  deleteColumns(col: number, n = 1): this {
    this.model.deleteColumns(col, n);
    return this;
  }
  deleteRows(row: number, n = 1): this {
    this.model.deleteRows(row, n);
    return this;
  }
  hideRows(row: number, n = 1): this {
    for (let r = row; r < row + n; r++) this.model.rowMetaForWrite(r).hidden = true;
    return this;
  }
  showRows(row: number, n = 1): this {
    for (let r = row; r < row + n; r++) this.model.rowMetaForWrite(r).hidden = false;
    return this;
  }
  hideColumns(col: number, n = 1): this {
    for (let c = col; c < col + n; c++) this.model.colMetaForWrite(c).hidden = true;
    return this;
  }
  showColumns(col: number, n = 1): this {
    for (let c = col; c < col + n; c++) this.model.colMetaForWrite(c).hidden = false;
    return this;
  }
  rename(newName: string): this {
    if (this.model.spreadsheet.sheetByName(newName)) throw new Error(`gas-fake: a sheet "${newName}" exists`);
    this.model.name = newName;
    return this;
  }
  delete(): void {
    this.model.spreadsheet.removeSheet(this.model);
  }

  // ---- helpers ----

  private typeInto(row: number, col: number, grid: unknown[][]): this {
    const m = this.model;
    m.maxRows = Math.max(m.maxRows, row + grid.length - 1);
    m.maxCols = Math.max(m.maxCols, col - 1 + Math.max(0, ...grid.map((l) => l.length)));
    grid.forEach((line, i) => {
      line.forEach((input, j) => {
        const cell = m.cellForWrite(row + i, col + j);
        const content = parseInput(
          input,
          {
            plainText: cell.format?.numberFormat === "@",
            extended: this.env.config.extendedInputParsing,
            timeZone: m.spreadsheet.timeZone,
          },
          (message) => new Error(message),
        );
        delete cell.value;
        delete cell.formula;
        delete cell.formulaError;
        delete cell.rich;
        Object.assign(cell, content);
      });
    });
    return this;
  }

  private point(a1OrRow: string | number, col?: number): { row: number; col: number } {
    if (typeof a1OrRow === "number") return { row: a1OrRow, col: col ?? 1 };
    const rect = parseA1(a1OrRow, this.model.maxRows, this.model.maxCols);
    if (!rect) throw new Error(`gas-fake: bad cell "${a1OrRow}"`);
    return { row: rect.row, col: rect.col };
  }

  private dataRect(a1?: string): Rect {
    if (a1 !== undefined) return this.parse(a1);
    return { row: 1, col: 1, numRows: this.model.lastRow(), numCols: this.model.lastColumn() };
  }

  private usedRect(a1?: string): Rect {
    if (a1 !== undefined) return this.parse(a1);
    let rows = 0;
    let cols = 0;
    this.model.rows.forEach((cells, r) => {
      cells?.forEach((cell, c) => {
        if (cell && Object.keys(cell).length > 0) {
          rows = Math.max(rows, r + 1);
          cols = Math.max(cols, c + 1);
        }
      });
    });
    return { row: 1, col: 1, numRows: rows, numCols: cols };
  }

  private parse(a1: string): Rect {
    const rect = parseA1(a1, this.model.maxRows, this.model.maxCols);
    if (!rect) throw new Error(`gas-fake: bad range "${a1}"`);
    return rect;
  }

  private grid<T>(rect: Rect, fn: (cell: Cell | undefined, row: number, col: number) => T): T[][] {
    if (rect.numRows === 0 || rect.numCols === 0) return [];
    const out: T[][] = [];
    for (let r = rect.row; r < rect.row + rect.numRows; r++) {
      const line: T[] = [];
      for (let c = rect.col; c < rect.col + rect.numCols; c++) line.push(fn(this.model.cell(r, c), r, c));
      out.push(line);
    }
    return out;
  }

  private flagged(flags: boolean[]): number[] {
    return flags.flatMap((f, i) => (f ? [i + 1] : []));
  }
}

export interface AddSheetOptions {
  /** 0-based position among the sheets (default: last). */
  index?: number;
  maxRows?: number;
  maxColumns?: number;
}

export class SpreadsheetInspector {
  constructor(
    private readonly env: Env,
    readonly model: SpreadsheetModel,
  ) {}

  get id(): string {
    return this.model.id;
  }
  get name(): string {
    return this.model.name;
  }
  get editors(): string[] {
    return [...this.model.editors];
  }
  get activeSheetName(): string | undefined {
    return this.model.activeSheet?.name;
  }

  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }
  hasSheet(name: string): boolean {
    return this.model.sheetByName(name) !== undefined;
  }
  sheet(name: string): SheetInspector {
    const s = this.model.sheetByName(name);
    if (!s) throw new Error(`gas-fake: no sheet "${name}" (sheets: ${this.sheetNames().join(", ")})`);
    return new SheetInspector(this.env, s);
  }
  /** Adds a sheet and types `values` into it from A1 (as a user would: "42" becomes 42). */
  addSheet(name: string, values: unknown[][] = [], options: AddSheetOptions = {}): SheetInspector {
    if (this.model.sheetByName(name)) throw new Error(`gas-fake: a sheet "${name}" exists`);
    const s = this.model.addSheet(name, options.index, options.maxRows ?? 1000, options.maxColumns ?? 26);
    const inspector = new SheetInspector(this.env, s);
    if (values.length > 0) inspector.setValues(1, 1, values);
    return inspector;
  }
  addSheetWithValues(name: string, values: unknown[][], options?: AddSheetOptions): SheetInspector {
    return this.addSheet(name, values, options);
  }
  deleteSheet(name: string): void {
    this.sheet(name).delete();
  }
  renameSheet(oldName: string, newName: string): void {
    this.sheet(oldName).rename(newName);
  }
  /** Moves a sheet tab to a 1-based position. */
  moveSheet(name: string, position: number): void {
    const s = this.sheet(name).model;
    this.model.sheets = this.model.sheets.filter((x) => x !== s);
    this.model.sheets.splice(position - 1, 0, s);
  }
  setActiveSheet(name: string): void {
    this.model.activeSheet = this.sheet(name).model;
  }
  /** A Range object for a test to hand to script code (e.g. in an onEdit event). */
  range(sheetName: string, a1: string): GoogleAppsScript.Spreadsheet.Range {
    const s = this.sheet(sheetName).model;
    const rect = parseA1(a1, s.maxRows, s.maxCols);
    if (!rect) throw new Error(`gas-fake: bad range "${a1}"`);
    return new FakeRange(
      this.env,
      s,
      rect.row,
      rect.col,
      rect.numRows,
      rect.numCols,
    ) as unknown as GoogleAppsScript.Spreadsheet.Range;
  }
}
