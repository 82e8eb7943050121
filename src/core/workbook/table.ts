import { isBlank, yesNo } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { sheetTemplate } from "../templates/load";
import type { ColumnKey, SheetKey } from "./keys.generated";
import { inHeaderRows, mergedHeaderMessage, mergedInTable } from "./merges";
import { FIRST_DATA_ROW, KEY_ROW, locateHeaderBlock } from "./repair";

/**
 * Columns a later version added to sheets nearly every operation reads or writes: until «Инициализировать
 * / восстановить книгу» adds them, a table reads without them (`has` is false), so a workbook of an
 * earlier version keeps working — its «Журнал» takes lines and erasure still clears it.
 */
const ADDED_LATER: Partial<Record<SheetKey, readonly string[]>> = {
  log: ["person", "place", "details"],
  meetings: ["pair_label"],
  mentor_reports: ["pair_label"],
};

/** Cells by column key, untyped (any sheet, keys from data). */
export type RecordValues = Record<string, Cell>;
/**
 * A row of the sheet `S` by column key: every template column (the sheet's extra columns are there
 * too, untyped). Distributes over a union of sheets: a row of one of them has their common columns.
 */
export type Row<S extends SheetKey> = S extends SheetKey ? Record<ColumnKey<S>, Cell> : never;
/** Values of a new row of the sheet `S`; columns left out stay blank. */
export type NewRow<S extends SheetKey> = Partial<Row<S>>;

/**
 * A sheet as a header-keyed table: read once, changed in memory, written back in at most one
 * block write plus one append. Columns are found by the keys of the hidden key row; their keys are
 * typed by the sheet's template (keys.generated.ts), so an unknown column does not compile.
 */
export class Table<S extends SheetKey = SheetKey> {
  private readonly dirty = new Set<number>();
  /** Physical columns changed in the dirty rows: a flush writes only their span (issue 15, item 3). */
  private readonly dirtyCols = new Set<number>();
  private readonly appended: Cell[][] = [];
  /**
   * Where each row read from the sheet (and still here) sits on the sheet, by index among the data
   * rows; null while no row was removed (row i is the sheet's row i).
   */
  private origin: number[] | null = null;
  /** The sheet's data rows (by index as read) removed since the last flush. */
  private deleted: number[] = [];

  private constructor(
    readonly sheet: string,
    readonly columns: Record<string, number>,
    readonly width: number,
    /** Data rows (below the header), as read. */
    readonly rows: Cell[][],
    /** Physical columns of yes / no type: a boolean set into them is written «да» / «нет». */
    private readonly yesNoColumns: ReadonlySet<number> = new Set(),
  ) {}

  /** Reads the sheet of a template key («mentors» → «Наставники»). */
  static load<S extends SheetKey>(wb: WorkbookPort, sheetKey: S): Table<S> {
    const template = sheetTemplate(sheetKey);
    const grid = wb.read(template.name);
    const block = locateHeaderBlock(grid, template);
    if (block.keyRow !== KEY_ROW || grid.length < FIRST_DATA_ROW)
      throw (
        headerMergeError(wb, template.name) ??
        new Error(
          `Лист «${template.name}» повреждён или не создан. Выполните «Инициализировать / восстановить книгу».`,
        )
      );
    const columns: Record<string, number> = Object.create(null);
    grid[KEY_ROW].forEach((k, i) => {
      const key = String(k).trim();
      if (key !== "" && !(key in columns)) columns[key] = i;
    });
    const later: readonly string[] = ADDED_LATER[sheetKey] ?? [];
    const missing = template.columns.filter((c) => !(c.key in columns) && later.indexOf(c.key) < 0);
    if (missing.length > 0)
      throw (
        headerMergeError(wb, template.name) ??
        new Error(
          `На листе «${template.name}» нет столбца «${missing[0].header}». Выполните «Инициализировать / восстановить книгу».`,
        )
      );
    const width = grid[KEY_ROW].length;
    const yesNo = new Set(template.columns.filter((c) => c.type === "bool").map((c) => columns[c.key]));
    return new Table<S>(template.name, columns, width, grid.slice(FIRST_DATA_ROW), yesNo);
  }

  /**
   * Whether the sheet has the column. Also the one guard for a key that is a plain string (read
   * from data or from another sheet's template): it narrows the key to this sheet's columns.
   */
  has(key: string): key is ColumnKey<S> {
    return key in this.columns;
  }

  get(row: number, key: ColumnKey<S>): Cell {
    const c = this.columns[key];
    if (c === undefined) throw new Error(`Unknown column ${key} on ${this.sheet}`);
    return this.rows[row]?.[c] ?? "";
  }

  set(row: number, key: ColumnKey<S>, given: Cell): void {
    const c = this.columns[key];
    if (c === undefined) throw new Error(`Unknown column ${key} on ${this.sheet}`);
    const value = this.written(c, given);
    const r = this.rows[row];
    while (r.length < this.width) r.push("");
    if (sameValue(r[c], value)) return;
    r[c] = value;
    this.dirty.add(row);
    this.dirtyCols.add(c);
  }

  /**
   * Sets a cell by physical column, the curator's own columns (no key) too; true when it changed.
   * A flush writes it like any other change.
   */
  setAt(row: number, col: number, value: Cell): boolean {
    const r = this.rows[row];
    while (r.length < Math.max(this.width, col + 1)) r.push("");
    if (sameValue(r[col], value)) return false;
    r[col] = value;
    this.dirty.add(row);
    this.dirtyCols.add(col);
    return true;
  }

  /** Sets each of the values' columns in the row, one `set` each. */
  setAll(row: number, values: NewRow<S>): void {
    for (const [k, v] of Object.entries(values as RecordValues)) this.set(row, k as ColumnKey<S>, v);
  }

  /** A value as the column holds it: a yes / no column's boolean as «да» / «нет». */
  private written(col: number, value: Cell): Cell {
    return typeof value === "boolean" && this.yesNoColumns.has(col) ? yesNo(value) : value;
  }

  record(row: number): Row<S> {
    // A plain object (V8 keeps it compact, unlike a null-prototype one: 90,000 meetings are read
    // as records); a key row's «__proto__» is defined as an own key, never set as the prototype.
    const rec: RecordValues = {};
    for (const [k, c] of Object.entries(this.columns)) {
      const v = this.rows[row]?.[c] ?? "";
      if (k === "__proto__")
        Object.defineProperty(rec, k, { value: v, enumerable: true, writable: true, configurable: true });
      else rec[k] = v;
    }
    // Every template column is in `columns` (load refuses a sheet without one).
    return rec as Row<S>;
  }

  /** Indexes of rows that hold anything. */
  rowIndexes(): number[] {
    const out: number[] = [];
    this.rows.forEach((r, i) => {
      if (!r.every(isBlank)) out.push(i);
    });
    return out;
  }

  records(): { row: number; values: Row<S> }[] {
    return this.rowIndexes().map((row) => ({ row, values: this.record(row) }));
  }

  /** The row whose `key` column equals `value` (trimmed, case-insensitive), or -1. */
  find(key: ColumnKey<S>, value: string): number {
    const c = this.columns[key];
    const want = value.trim().toLowerCase();
    for (let i = 0; i < this.rows.length; i++)
      if (
        String(this.rows[i][c] ?? "")
          .trim()
          .toLowerCase() === want
      )
        return i;
    return -1;
  }

  /** Queues a new row; returns its index among the rows. */
  add(values: NewRow<S>): number {
    const row: Cell[] = new Array<Cell>(this.width).fill("");
    for (const [k, v] of Object.entries(values as RecordValues))
      if (k in this.columns) row[this.columns[k]] = this.written(this.columns[k], v);
    this.rows.push(row);
    this.appended.push(row);
    return this.rows.length - 1;
  }

  get pending(): boolean {
    return this.dirty.size > 0 || this.appended.length > 0 || this.deleted.length > 0;
  }

  /**
   * Removes rows (by index); the rows below move up. The next flush deletes them from the sheet as
   * whole rows, so the curator's own columns, formulas, links and notes move up with their rows
   * (issue 15, item 3); changes made before or after the removal are kept.
   */
  remove(indexes: number[]): void {
    const drop = new Set(indexes.filter((i) => i >= 0 && i < this.rows.length));
    if (drop.size === 0) return;
    const onSheet = this.rows.length - this.appended.length;
    const origin = this.origin ?? Array.from({ length: onSheet }, (_, i) => i);
    const keptRows: Cell[][] = [];
    const keptOrigin: number[] = [];
    const moved = new Map<number, number>();
    this.rows.forEach((r, i) => {
      if (drop.has(i)) {
        if (i < onSheet) this.deleted.push(origin[i]);
        return;
      }
      moved.set(i, keptRows.length);
      keptRows.push(r);
      if (i < onSheet) keptOrigin.push(origin[i]);
    });
    const droppedNew = new Set(this.rows.filter((_, i) => drop.has(i) && i >= onSheet));
    this.rows.splice(0, this.rows.length, ...keptRows);
    const appended = this.appended.filter((r) => !droppedNew.has(r));
    this.appended.splice(0, this.appended.length, ...appended);
    this.origin = keptOrigin;
    const dirty = [...this.dirty].filter((i) => moved.has(i)).map((i) => moved.get(i)!);
    this.dirty.clear();
    for (const i of dirty) this.dirty.add(i);
  }

  /**
   * Deletes the removed rows, then writes changed rows as one block and new rows as one append.
   * A workbook that cannot delete rows gets the data area rewritten once instead.
   */
  flush(wb: WorkbookPort): void {
    if (this.deleted.length > 0) {
      const deleted = this.deleted.map((i) => FIRST_DATA_ROW + i);
      const height = this.rows.length + this.deleted.length;
      this.deleted = [];
      this.origin = null;
      if (wb.deleteRows) wb.deleteRows(this.sheet, deleted);
      else {
        const block: Cell[][] = [];
        for (let r = 0; r < height; r++) block.push(padTo(this.rows[r] ?? [], this.width));
        wb.write(this.sheet, FIRST_DATA_ROW, 0, block);
        this.dirty.clear();
        this.dirtyCols.clear();
        this.appended.length = 0;
        return;
      }
    }
    const appendedStart = this.rows.length - this.appended.length;
    const changed = [...this.dirty].filter((r) => r < appendedStart).sort((a, b) => a - b);
    if (changed.length > 0 && this.dirtyCols.size > 0) {
      // Only the span of the changed columns: the curator's columns (their formulas, links, rich
      // text) left and right of it are never written.
      const first = changed[0];
      const last = changed[changed.length - 1];
      const from = Math.min(...this.dirtyCols);
      const to = Math.max(...this.dirtyCols);
      const block = this.rows.slice(first, last + 1).map((r) => padTo(r, to + 1).slice(from));
      wb.write(this.sheet, FIRST_DATA_ROW + first, from, block);
    }
    if (this.appended.length > 0) {
      // Rows are appended right after the last row read, so blank rows inside data are kept; only
      // as wide as the program's columns (a curator's column on the right, filled down, stays).
      const width = Math.min(this.width, Math.max(0, ...Object.values(this.columns)) + 1);
      wb.write(
        this.sheet,
        FIRST_DATA_ROW + appendedStart,
        0,
        this.appended.map((r) => padTo(r, width)),
      );
    }
    this.dirtyCols.clear();
    this.dirty.clear();
    this.appended.length = 0;
  }
}

/**
 * When a sheet's header rows hold a merged range, the reason its key row or a column cannot be
 * found: the merge (a merged cell keeps one key of several), with its address and what to do.
 */
function headerMergeError(wb: WorkbookPort, sheet: string): Error | null {
  const m = mergedInTable(wb, sheet).find(inHeaderRows);
  return m ? new Error(mergedHeaderMessage(sheet, m)) : null;
}

function padTo(row: Cell[], width: number): Cell[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push("");
  return out;
}

function sameValue(a: Cell, b: Cell): boolean {
  const da = Object.prototype.toString.call(a) === "[object Date]";
  const db = Object.prototype.toString.call(b) === "[object Date]";
  if (da || db) return da && db && (a as Date).getTime() === (b as Date).getTime();
  return a === b;
}
