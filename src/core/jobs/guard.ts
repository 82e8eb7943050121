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
  type SheetLayout,
  type WorkbookPort,
} from "../ports";

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

export class ConcurrentEditGuard implements WorkbookPort {
  private readonly seen = new Map<string, Grid>();

  constructor(readonly inner: WorkbookPort) {}

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
    this.seen.set(
      sheet,
      grid.map((r) => r.map((v) => (isDate(v) ? new Date(v.getTime()) : v))),
    );
    return grid;
  }

  write(sheet: string, row: number, col: number, values: CellInput[][]): void {
    const base = this.seen.get(sheet);
    if (base && values.length > 0) {
      const now = this.inner.read(sheet);
      const width = values[0].length;
      for (let r = row; r < row + values.length; r++)
        for (let c = col; c < col + width; c++)
          if (!same(now[r]?.[c], base[r]?.[c])) throw new ConcurrentEditError(sheet, r + 1);
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
