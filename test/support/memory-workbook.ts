import {
  type Cell,
  type CellInput,
  isFormula,
  type MergedRange,
  type SheetLayout,
  type WorkbookPort,
} from "../../src/core/ports";
import { mergedWriteMessage } from "../../src/core/workbook/merges";
import { deletionRuns, mergedDeleteMessage, mergeInTheWay } from "../../src/core/workbook/rows";

/** A plain in-memory WorkbookPort for core unit tests: grids, layouts and a count of calls. */
export class MemoryWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, Cell[][]>();
  readonly formulas = new Map<string, string>();
  readonly layouts = new Map<string, SheetLayout>();
  /** Cell notes by sheet, "row,col" (0-based) → text: a curator's notes. */
  readonly notes = new Map<string, Map<string, string>>();
  /** Merged ranges by sheet (a curator's merges). */
  readonly merges = new Map<string, MergedRange[]>();
  readonly calls: Record<string, number> = {};
  order: string[] = [];

  private count(m: string) {
    this.calls[m] = (this.calls[m] ?? 0) + 1;
  }

  resetCalls() {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
  }

  /** Sets a sheet's cells directly (a curator's edit), without counting. */
  put(name: string, grid: Cell[][]) {
    if (!this.sheets.has(name)) this.order.push(name);
    this.sheets.set(
      name,
      grid.map((r) => [...r]),
    );
  }

  delete(name: string) {
    this.sheets.delete(name);
    this.order = this.order.filter((n) => n !== name);
  }

  /** The used area, trimmed like getDataRange. */
  grid(name: string): Cell[][] {
    const g = this.sheets.get(name) ?? [];
    let h = 0;
    let w = 0;
    g.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v !== "") {
          h = Math.max(h, r + 1);
          w = Math.max(w, c + 1);
        }
      });
    });
    const out: Cell[][] = [];
    for (let r = 0; r < h; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < w; c++) {
        const v = g[r]?.[c] ?? "";
        row.push(v instanceof Date ? new Date(v.getTime()) : v);
      }
      out.push(row);
    }
    return out;
  }

  sheetNames(): string[] {
    this.count("sheetNames");
    return [...this.order];
  }
  renameSheet(from: string, to: string): void {
    this.count("renameSheet");
    const g = this.sheets.get(from);
    if (!g) throw new Error(`no sheet ${from}`);
    this.sheets.delete(from);
    this.sheets.set(to, g);
    this.order = this.order.map((n) => (n === from ? to : n));
  }
  ensureSheet(name: string, position?: number): boolean {
    this.count("ensureSheet");
    if (this.sheets.has(name)) return false;
    this.sheets.set(name, []);
    if (position === undefined) this.order.push(name);
    else this.order.splice(Math.min(position, this.order.length), 0, name);
    return true;
  }
  read(name: string): Cell[][] {
    this.count("read");
    const grid = this.grid(name);
    // A merged range's value is its top-left cell's: the others read blank, as in Sheets and Excel.
    for (const m of this.merges.get(name) ?? [])
      for (let r = m.row; r < m.row + m.rows; r++)
        for (let c = m.col; c < m.col + m.cols; c++)
          if ((r !== m.row || c !== m.col) && grid[r] && c < grid[r].length) grid[r][c] = "";
    return grid;
  }
  write(name: string, row: number, col: number, values: CellInput[][]): void {
    this.count("write");
    const g = this.sheets.get(name);
    if (!g) throw new Error(`no sheet ${name}`);
    // As the adapters: a changed cell inside a merged range refuses the whole write.
    for (const m of this.merges.get(name) ?? [])
      values.forEach((r, i) => {
        r.forEach((v, j) => {
          const at = [row + i, col + j];
          if (at[0] < m.row || at[0] >= m.row + m.rows || at[1] < m.col || at[1] >= m.col + m.cols) return;
          const master = at[0] === m.row && at[1] === m.col;
          const before = master ? (g[at[0]]?.[at[1]] ?? "") : "";
          const next = v === null || isFormula(v) ? "" : v;
          const same =
            before instanceof Date || next instanceof Date
              ? before instanceof Date && next instanceof Date && before.getTime() === next.getTime()
              : before === next;
          if (!same || isFormula(v)) throw new Error(mergedWriteMessage(name, m));
        });
      });
    values.forEach((r, i) => {
      while (g.length <= row + i) g.push([]);
      const target = g[row + i];
      r.forEach((v, j) => {
        while (target.length <= col + j) target.push("");
        if (isFormula(v)) {
          this.formulas.set(`${name}!${row + i},${col + j}`, v.formula);
          target[col + j] = "";
        } else target[col + j] = v === null ? "" : v;
      });
    });
  }
  append(name: string, values: CellInput[][]): void {
    this.count("append");
    this.write(name, this.grid(name).length, 0, values);
    this.calls.write -= 1;
  }
  /** Sets a cell's note directly (a curator's note), without counting. */
  note(name: string, row: number, col: number, text: string) {
    const m = this.notes.get(name) ?? new Map<string, string>();
    if (text === "") m.delete(`${row},${col}`);
    else m.set(`${row},${col}`, text);
    this.notes.set(name, m);
  }
  readNotes(name: string): string[][] {
    this.count("readNotes");
    const m = this.notes.get(name);
    if (!m || m.size === 0) return [];
    let h = 0;
    let w = 0;
    for (const k of m.keys()) {
      const [r, c] = k.split(",").map(Number);
      h = Math.max(h, r + 1);
      w = Math.max(w, c + 1);
    }
    const out: string[][] = [];
    for (let r = 0; r < h; r++) {
      const row: string[] = [];
      for (let c = 0; c < w; c++) row.push(m.get(`${r},${c}`) ?? "");
      out.push(row);
    }
    return out;
  }
  writeNotes(name: string, notes: string[][]): void {
    this.count("writeNotes");
    notes.forEach((row, r) => {
      row.forEach((text, c) => {
        this.note(name, r, c, text);
      });
    });
  }
  /** Deletes whole rows: values, formulas and notes below move up (as Sheet.deleteRows does). */
  deleteRows(name: string, rows: number[]): void {
    this.count("deleteRows");
    const g = this.sheets.get(name);
    if (!g) throw new Error(`no sheet ${name}`);
    const m = mergeInTheWay(this.merges.get(name) ?? [], rows);
    if (m) throw new Error(mergedDeleteMessage(name, m));
    const shift = (r: number): number | null => {
      let d = 0;
      for (const x of new Set(rows)) {
        if (x === r) return null;
        if (x < r) d++;
      }
      return r - d;
    };
    for (const run of deletionRuns(rows)) g.splice(run.start, run.count);
    const notes = this.notes.get(name);
    if (notes) {
      const moved = new Map<string, string>();
      for (const [k, v] of notes) {
        const [r, c] = k.split(",").map(Number);
        const to = shift(r);
        if (to !== null) moved.set(`${to},${c}`, v);
      }
      this.notes.set(name, moved);
    }
    const prefix = `${name}!`;
    for (const [k, v] of [...this.formulas]) {
      if (!k.startsWith(prefix)) continue;
      this.formulas.delete(k);
      const [r, c] = k.slice(prefix.length).split(",").map(Number);
      const to = shift(r);
      if (to !== null) this.formulas.set(`${prefix}${to},${c}`, v);
    }
  }
  mergedRanges(name: string): MergedRange[] {
    this.count("mergedRanges");
    return [...(this.merges.get(name) ?? [])];
  }
  applyLayout(name: string, layout: SheetLayout): void {
    this.count("applyLayout");
    this.layouts.set(name, layout);
  }
}
