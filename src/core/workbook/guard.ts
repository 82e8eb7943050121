/**
 * Optimistic concurrency for long operations. The workbook lock keeps two program executions
 * apart, but a curator types into the sheets whenever they like — also between an operation's read
 * of a sheet and its write back. A block write would then put the stale copy over the curator's
 * edit (or over a row they added below the data). This decorator remembers every sheet as read and,
 * before a block write, reads the sheet again: if any cell of the target block changed meanwhile,
 * the write is refused with a Russian message instead — nothing of the curator's is overwritten,
 * and the operation (re-runnable at any write, see the fault tests) is simply run again. Appends
 * never overwrite and pass through. One extra read per block write: the calls stay flat in rows.
 */
import {
  type Cell,
  type CellInput,
  type Grid,
  isDate,
  isFormula,
  type MergedRange,
  type SheetLayout,
  type WorkbookPort,
} from "../ports";
import { sheetName } from "../templates/load";
import { applyLayouts } from "./layout";

export class ConcurrentEditError extends Error {
  constructor(
    readonly sheet: string,
    readonly row: number,
  ) {
    super(
      `Лист «${sheet}» изменили во время операции (строка ${row}): запись отменена, чтобы не потерять эти изменения. Повторите операцию.`,
    );
    this.name = "ConcurrentEditError";
  }
}

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  const x = a ?? "";
  const y = b ?? "";
  if (isDate(x) || isDate(y)) return isDate(x) && isDate(y) && x.getTime() === y.getTime();
  return x === y;
}

function asCell(v: CellInput): Cell {
  if (v === null || v === undefined) return "";
  return isFormula(v) ? "" : v;
}

/**
 * Sheets of live formulas the program writes («Показатели», «Сводка»): their values recalculate
 * whenever the operation itself changes a bank, so a re-read there proves nothing; they are written
 * unchecked.
 */
export function formulaSheets(): string[] {
  return [sheetName("indicators"), sheetName("summary")];
}

export class ConcurrentEditGuard implements WorkbookPort {
  private readonly seen = new Map<string, Grid>();
  private readonly unchecked: Set<string>;

  /** The inner workbook's notes and merged ranges, when it has them (erasure, init). */
  readonly readNotes?: (sheet: string) => string[][];
  readonly writeNotes?: (sheet: string, notes: string[][]) => void;
  readonly mergedRanges?: (sheet: string) => MergedRange[];
  readonly deleteRows?: (sheet: string, rows: number[]) => void;

  constructor(
    readonly inner: WorkbookPort,
    unchecked: string[] = formulaSheets(),
  ) {
    this.unchecked = new Set(unchecked);
    if (inner.readNotes) this.readNotes = (sheet) => inner.readNotes!(sheet);
    if (inner.writeNotes) this.writeNotes = (sheet, notes) => inner.writeNotes!(sheet, notes);
    if (inner.mergedRanges) this.mergedRanges = (sheet) => inner.mergedRanges!(sheet);
    if (inner.deleteRows) this.deleteRows = (sheet, rows) => this.deleteRowsChecked(sheet, rows);
  }

  /**
   * Deletes rows only when the sheet from the first of them down is as this operation read it: a
   * row the curator inserted or changed meanwhile would make the program delete the wrong one.
   * One read of the sheet.
   */
  private deleteRowsChecked(sheet: string, rows: number[]): void {
    const base = this.seen.get(sheet);
    if (base && rows.length > 0) {
      const first = Math.min(...rows);
      const now = this.inner.read(sheet);
      const height = Math.max(now.length, base.length);
      for (let r = first; r < height; r++) {
        const width = Math.max(now[r]?.length ?? 0, base[r]?.length ?? 0);
        for (let c = 0; c < width; c++)
          if (!same(now[r]?.[c], base[r]?.[c])) throw new ConcurrentEditError(sheet, r + 1);
      }
      const drop = new Set(rows);
      const kept = base.filter((_, r) => !drop.has(r));
      base.splice(0, base.length, ...kept);
    }
    this.inner.deleteRows!(sheet, rows);
  }

  sheetNames(): string[] {
    return this.inner.sheetNames();
  }

  renameSheet(from: string, to: string): void {
    this.seen.delete(from);
    this.seen.delete(to);
    this.inner.renameSheet(from, to);
  }

  ensureSheet(name: string, position?: number): boolean {
    return this.inner.ensureSheet(name, position);
  }

  read(sheet: string): Grid {
    const grid = this.inner.read(sheet);
    if (this.unchecked.has(sheet)) return grid;
    this.seen.set(
      sheet,
      grid.map((r) => r.map((v) => (isDate(v) ? new Date(v.getTime()) : v))),
    );
    return grid;
  }

  write(sheet: string, row: number, col: number, values: CellInput[][]): void {
    const base = this.seen.get(sheet);
    if (base && values.length > 0) {
      const width = values[0].length;
      // The block as the sheet holds it now (only those cells when the port can read a block).
      const block = this.inner.readBlock;
      const now = block
        ? block.call(this.inner, sheet, row, col, values.length, width)
        : this.inner.read(sheet);
      const [r0, c0] = block ? [row, col] : [0, 0];
      for (let r = row; r < row + values.length; r++)
        for (let c = col; c < col + width; c++)
          if (!same(now[r - r0]?.[c - c0], base[r]?.[c])) throw new ConcurrentEditError(sheet, r + 1);
      // What this operation writes is what the sheet holds from now on.
      for (let r = 0; r < values.length; r++) {
        while (base.length <= row + r) base.push([]);
        const target = base[row + r];
        for (let c = 0; c < width; c++) {
          while (target.length <= col + c) target.push("");
          target[col + c] = asCell(values[r][c]);
        }
      }
    }
    this.inner.write(sheet, row, col, values);
  }

  append(sheet: string, values: CellInput[][]): void {
    // Appended after the last row, wherever it is now: nothing is overwritten. The rows it lands
    // on are unknown here, so the next write to this sheet goes unchecked unless read again.
    this.seen.delete(sheet);
    this.inner.append(sheet, values);
  }

  applyLayout(sheet: string, layout: SheetLayout): void {
    this.inner.applyLayout(sheet, layout);
  }

  applyLayouts(layouts: { sheet: string; layout: SheetLayout }[]): void {
    applyLayouts(this.inner, layouts);
  }

  prefetch(sheets: string[]): void {
    this.inner.prefetch?.(sheets);
  }

  readBlock(sheet: string, row: number, col: number, rows: number, cols: number): Grid {
    if (this.inner.readBlock) return this.inner.readBlock(sheet, row, col, rows, cols);
    return this.inner
      .read(sheet)
      .slice(row, row + rows)
      .map((r) => r.slice(col, col + cols));
  }
}

/** Runs `fn`; when a curator's edit refused a write, runs it once more on fresh reads. */
export function retryOnConcurrentEdit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConcurrentEditError || (e instanceof Error && e.name === "ConcurrentEditError"))
      return fn();
    throw e;
  }
}
