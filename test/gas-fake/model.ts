/**
 * The spreadsheet data model behind the fake Spreadsheet service: plain data plus the structural
 * edits (insert, delete, move rows and columns) that carry cell contents, notes, validations,
 * formats and hidden-ness along, and adjust tracked regions (protections, conditional format
 * rules, charts, named ranges) as Sheets does. Coordinates are 1-based.
 */
import type { GridRect } from "./a1";
import type { RichData } from "./rich-text";
import type { CellContent } from "./values";

export interface CellFormat {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  fontSize?: number;
  fontFamily?: string;
  wrap?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
}

/** A data validation rule, as stored on each cell it applies to (immutable once built). */
export interface ValidationRule {
  criteria: string;
  values: readonly unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface Cell extends CellContent {
  /** The runs of a text cell's rich text (links): erased whenever a value is written. */
  rich?: RichData;
  note?: string;
  validation?: ValidationRule;
  format?: CellFormat;
}

export interface RowMeta {
  hidden?: boolean;
  height?: number;
}

export interface ColMeta {
  hidden?: boolean;
  width?: number;
}

/** A rectangle on a sheet that follows structural edits (as protected and named ranges do). */
export class Region implements GridRect {
  valid = true;
  constructor(
    readonly sheet: SheetModel,
    public row: number,
    public col: number,
    public numRows: number,
    public numCols: number,
  ) {}
}

export interface ProtectionData {
  id: number;
  type: "RANGE" | "SHEET";
  sheet: SheetModel;
  /** The protected range (RANGE) or the whole sheet (SHEET, unused). */
  region: Region | null;
  description: string;
  warningOnly: boolean;
  /** null: editors mirror the spreadsheet's until the script changes them. */
  editors: string[] | null;
  domainEdit: boolean;
  unprotected: Region[];
  rangeName: string | null;
}

export interface TextFormat {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  strikethrough: boolean | null;
  underline: boolean | null;
}

export interface ConditionalRuleData {
  criteria: string;
  values: readonly unknown[];
  format: TextFormat;
  regions: Region[];
}

export interface ChartPositionData {
  anchorRow: number;
  anchorCol: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartData {
  id: number;
  chartType: string;
  regions: Region[];
  options: Record<string, unknown>;
  position: ChartPositionData;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

/** A structural edit along one axis, 0-based. `move.to` is the index in the array after removal. */
type AxisOp =
  | { kind: "insert"; at: number; n: number }
  | { kind: "delete"; at: number; n: number }
  | { kind: "move"; from: number; n: number; to: number };

function applyOp<T>(arr: (T | undefined)[], op: AxisOp): (T | undefined)[] {
  switch (op.kind) {
    case "insert":
      if (arr.length <= op.at) return arr;
      return [...arr.slice(0, op.at), ...new Array<T | undefined>(op.n), ...arr.slice(op.at)];
    case "delete":
      if (arr.length <= op.at) return arr;
      return [...arr.slice(0, op.at), ...arr.slice(op.at + op.n)];
    case "move": {
      const padded = [...arr];
      padded.length = Math.max(arr.length, op.from + op.n, op.to);
      const block = padded.slice(op.from, op.from + op.n);
      const rest = [...padded.slice(0, op.from), ...padded.slice(op.from + op.n)];
      return [...rest.slice(0, op.to), ...block, ...rest.slice(op.to)];
    }
  }
}

function mapIndex(i: number, op: AxisOp): number | null {
  switch (op.kind) {
    case "insert":
      return i >= op.at ? i + op.n : i;
    case "delete":
      return i < op.at ? i : i < op.at + op.n ? null : i - op.n;
    case "move": {
      if (i >= op.from && i < op.from + op.n) return op.to + (i - op.from);
      const j = i >= op.from + op.n ? i - op.n : i;
      return j >= op.to ? j + op.n : j;
    }
  }
}

function hasContent(c: Cell | undefined): boolean {
  return c !== undefined && (c.value !== undefined || c.formula !== undefined);
}

export class SheetModel {
  rows: (Cell | undefined)[][] = [];
  rowMeta: (RowMeta | undefined)[] = [];
  colMeta: (ColMeta | undefined)[] = [];
  frozenRows = 0;
  frozenCols = 0;
  tabColor: string | null = null;
  hidden = false;
  deleted = false;
  protections: ProtectionData[] = [];
  conditionalRules: ConditionalRuleData[] = [];
  charts: ChartData[] = [];
  /** The sheet's basic filter (Sheets API setBasicFilter): its range, tracked as rows and columns move. */
  basicFilter: Region | null = null;
  /** Merged ranges (Range.merge), tracked as rows and columns move. */
  merges: Region[] = [];
  /** The edit URL of the form whose responses land in this sheet (Sheet.getFormUrl), or null. */
  formUrl: string | null = null;
  private readonly regions = new Set<Region>();

  constructor(
    readonly spreadsheet: SpreadsheetModel,
    readonly id: number,
    public name: string,
    public maxRows = 1000,
    public maxCols = 26,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  cellForWrite(row: number, col: number): Cell {
    let r = this.rows[row - 1];
    if (!r) {
      r = [];
      this.rows[row - 1] = r;
    }
    let c = r[col - 1];
    if (!c) {
      c = {};
      r[col - 1] = c;
    }
    return c;
  }

  rowMetaForWrite(row: number): RowMeta {
    this.rowMeta[row - 1] ??= {};
    return this.rowMeta[row - 1]!;
  }

  colMetaForWrite(col: number): ColMeta {
    this.colMeta[col - 1] ??= {};
    return this.colMeta[col - 1]!;
  }

  /** Last row with a value or formula; 0 when the sheet is empty. */
  lastRow(): number {
    for (let r = this.rows.length - 1; r >= 0; r--) {
      if (this.rows[r]?.some(hasContent)) return r + 1;
    }
    return 0;
  }

  /** Last column with a value or formula; 0 when the sheet is empty. */
  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (hasContent(row[c])) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }

  track(rect: GridRect): Region {
    const region = new Region(this, rect.row, rect.col, rect.numRows, rect.numCols);
    this.regions.add(region);
    return region;
  }

  untrack(region: Region): void {
    this.regions.delete(region);
  }

  /** Inserts n rows before `before`; formats and validations are copied from row `inheritFrom`. */
  insertRows(before: number, n: number, inheritFrom: number | null): void {
    this.applyRows({ kind: "insert", at: before - 1, n });
    if (before - 1 < this.frozenRows) this.frozenRows += n;
    this.maxRows += n;
    if (inheritFrom !== null) {
      const source = this.rows[inheritFrom - 1];
      for (let r = before; r < before + n; r++) {
        source?.forEach((c, i) => {
          if (c && (c.format || c.validation)) {
            this.cellForWrite(r, i + 1).format = c.format && { ...c.format };
            this.cellForWrite(r, i + 1).validation = c.validation;
          }
        });
      }
    }
  }

  deleteRows(start: number, n: number): void {
    this.applyRows({ kind: "delete", at: start - 1, n });
    this.frozenRows -= Math.max(0, Math.min(this.frozenRows, start - 1 + n) - (start - 1));
    this.maxRows -= n;
  }

  /** Sheets' moveRows: `destination` is the row index, before the move, the rows go in front of. */
  moveRows(start: number, n: number, destination: number): void {
    const to = destination - 1 > start - 1 ? destination - 1 - n : destination - 1;
    this.applyRows({ kind: "move", from: start - 1, n, to });
  }

  insertColumns(before: number, n: number, inheritFrom: number | null): void {
    this.applyCols({ kind: "insert", at: before - 1, n });
    if (before - 1 < this.frozenCols) this.frozenCols += n;
    this.maxCols += n;
    if (inheritFrom !== null) {
      this.rows.forEach((row, r) => {
        const c = row?.[inheritFrom - 1];
        if (!c || !(c.format || c.validation)) return;
        for (let col = before; col < before + n; col++) {
          const target = this.cellForWrite(r + 1, col);
          target.format = c.format && { ...c.format };
          target.validation = c.validation;
        }
      });
    }
  }

  deleteColumns(start: number, n: number): void {
    this.applyCols({ kind: "delete", at: start - 1, n });
    this.frozenCols -= Math.max(0, Math.min(this.frozenCols, start - 1 + n) - (start - 1));
    this.maxCols -= n;
  }

  /** Sheets' moveColumns: `destination` is the column index, before the move, they go in front of. */
  moveColumns(start: number, n: number, destination: number): void {
    const to = destination - 1 > start - 1 ? destination - 1 - n : destination - 1;
    this.applyCols({ kind: "move", from: start - 1, n, to });
  }

  private applyRows(op: AxisOp): void {
    this.rows = applyOp(this.rows, op) as (Cell | undefined)[][];
    this.rowMeta = applyOp(this.rowMeta, op);
    this.adjustRegions(op, "row");
  }

  private applyCols(op: AxisOp): void {
    this.rows = this.rows.map((row) => (row ? applyOp(row, op) : row));
    this.colMeta = applyOp(this.colMeta, op);
    this.adjustRegions(op, "col");
  }

  private adjustRegions(op: AxisOp, axis: "row" | "col"): void {
    const sizeKey = axis === "row" ? "numRows" : "numCols";
    for (const region of this.regions) {
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = region[axis] - 1; i < region[axis] - 1 + region[sizeKey]; i++) {
        const j = mapIndex(i, op);
        if (j === null) continue;
        min = Math.min(min, j);
        max = Math.max(max, j);
      }
      if (min > max) {
        region.valid = false;
        this.regions.delete(region);
      } else {
        region[axis] = min + 1;
        region[sizeKey] = max - min + 1;
      }
    }
    this.protections = this.protections.filter((p) => p.region === null || p.region.valid);
    for (const p of this.protections) p.unprotected = p.unprotected.filter((r) => r.valid);
    for (const rule of this.conditionalRules) rule.regions = rule.regions.filter((r) => r.valid);
    this.conditionalRules = this.conditionalRules.filter((rule) => rule.regions.length > 0);
    for (const chart of this.charts) chart.regions = chart.regions.filter((r) => r.valid);
  }
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  activeSheet: SheetModel | undefined;
  readonly namedRanges = new Map<string, Region>();
  editors: string[];
  viewers: string[] = [];
  private sheetIds = 0;
  private seq = 0;

  constructor(
    /** Changes only when the fake becomes a copy of itself (copy.ts). */
    public id: string,
    public name: string,
    public timeZone: string,
    public locale: string,
    public owner: string,
    editors: readonly string[],
  ) {
    this.editors = [owner, ...editors.filter((e) => e !== owner)];
  }

  /** A new sheet at 0-based `index` (default: last). The first sheet gets id 0, as in Sheets. */
  addSheet(name: string, index?: number, maxRows = 1000, maxCols = 26): SheetModel {
    const id = this.sheetIds === 0 ? 0 : 100000 + this.sheetIds * 7919;
    this.sheetIds++;
    const sheet = new SheetModel(this, id, name, maxRows, maxCols);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, sheet);
    this.activeSheet ??= sheet;
    return sheet;
  }

  /** Sheet names are unique regardless of case, and looked up regardless of case. */
  sheetByName(name: string): SheetModel | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  removeSheet(sheet: SheetModel): void {
    this.sheets = this.sheets.filter((s) => s !== sheet);
    sheet.deleted = true;
    for (const [name, region] of this.namedRanges) if (region.sheet === sheet) this.namedRanges.delete(name);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0];
  }

  /** A fresh id for protections and charts. */
  nextId(): number {
    return ++this.seq;
  }

  /** Default name of an inserted sheet: "Лист2" in a Russian spreadsheet, "Sheet2" otherwise. */
  defaultSheetName(): string {
    const prefix = this.locale.toLowerCase().startsWith("ru") ? "Лист" : "Sheet";
    let n = this.sheets.length + 1;
    while (this.sheetByName(`${prefix}${n}`)) n++;
    return `${prefix}${n}`;
  }
}
