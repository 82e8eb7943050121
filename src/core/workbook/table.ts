import { isBlank } from "../cells";
import type { Cell, WorkbookPort } from "../ports";
import { sheetTemplate } from "../templates/load";
import type { ColumnKey, SheetKey } from "./keys.generated";
import { FIRST_DATA_ROW, KEY_ROW, locateHeaderBlock } from "./repair";

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
  /** Rows removed since the read: the next flush rewrites the whole data area once. */
  private removed = 0;

  private constructor(
    readonly sheet: string,
    readonly columns: Record<string, number>,
    readonly width: number,
    /** Data rows (below the header), as read. */
    readonly rows: Cell[][],
  ) {}

  /** Reads the sheet of a template key («mentors» → «Наставники»). */
  static load<S extends SheetKey>(wb: WorkbookPort, sheetKey: S): Table<S> {
    const template = sheetTemplate(sheetKey);
    const grid = wb.read(template.name);
    const block = locateHeaderBlock(grid, template);
    if (block.keyRow !== KEY_ROW || grid.length < FIRST_DATA_ROW)
      throw new Error(
        `Лист «${template.name}» повреждён или не создан. Выполните «Инициализировать / восстановить книгу».`,
      );
    const columns: Record<string, number> = Object.create(null);
    grid[KEY_ROW].forEach((k, i) => {
      const key = String(k).trim();
      if (key !== "" && !(key in columns)) columns[key] = i;
    });
    const missing = template.columns.filter((c) => !(c.key in columns));
    if (missing.length > 0)
      throw new Error(
        `На листе «${template.name}» нет столбца «${missing[0].header}». Выполните «Инициализировать / восстановить книгу».`,
      );
    const width = grid[KEY_ROW].length;
    return new Table<S>(template.name, columns, width, grid.slice(FIRST_DATA_ROW));
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

  set(row: number, key: ColumnKey<S>, value: Cell): void {
    const c = this.columns[key];
    if (c === undefined) throw new Error(`Unknown column ${key} on ${this.sheet}`);
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
      if (k in this.columns) row[this.columns[k]] = v;
    this.rows.push(row);
    this.appended.push(row);
    return this.rows.length - 1;
  }

  get pending(): boolean {
    return this.dirty.size > 0 || this.appended.length > 0 || this.removed > 0;
  }

  /** Removes rows (by index); the rows below move up. The next flush rewrites the data area. */
  remove(indexes: number[]): void {
    const drop = new Set(indexes);
    const kept = this.rows.filter((_, i) => !drop.has(i));
    this.removed += this.rows.length - kept.length;
    this.rows.splice(0, this.rows.length, ...kept);
    this.appended.length = 0;
    this.dirty.clear();
    this.dirtyCols.clear();
  }

  /** Writes changed rows as one block and new rows as one append (or everything once after a removal). */
  flush(wb: WorkbookPort): void {
    if (this.removed > 0) {
      const height = this.rows.length + this.removed;
      const block: Cell[][] = [];
      for (let r = 0; r < height; r++) block.push(padTo(this.rows[r] ?? [], this.width));
      wb.write(this.sheet, FIRST_DATA_ROW, 0, block);
      this.removed = 0;
      this.dirty.clear();
      this.dirtyCols.clear();
      this.appended.length = 0;
      return;
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
