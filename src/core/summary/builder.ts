/**
 * The grid of «Сводка» as it is built top to bottom: one row at a time, labels, live formulas (each
 * with the value it must show) and the rows to style; helpers shared by the sections.
 */
import { type Expr, letter, ref, str, type Value } from "../formulas/cells";
import type { PlannedCell } from "../indicators/sheet";
import type { Cell, CellInput } from "../ports";

export const SUMMARY_WIDTH = 10;
/** The hidden column of «Сводка» holding the lists' «Строка листа» (the source row a line reads). */
export const SUMMARY_ROW_COLUMN = 9;
/** Rows of the lists of overdue events and of pairs that need attention. */
export const LIST_ROWS = 10;

export interface SummaryStyles {
  /** 0-based rows: the title, section titles, table headers, notes. */
  title: number[];
  sections: number[];
  headers: number[];
  notes: number[];
}

/**
 * How «Сводка» shows its kinds of rows, for both runtimes (colours as #rrggbb): the title larger,
 * section titles white on violet, table headers bold on pale blue, notes grey.
 */
export const SUMMARY_LOOK = {
  titleSize: 14,
  section: { color: "#ffffff", background: "#351c75" },
  header: { background: "#eef2f8" },
  note: { color: "#666666" },
  text: { color: "#000000" },
} as const;

export class Builder {
  readonly grid: CellInput[][] = [];
  readonly cells: PlannedCell[] = [];
  readonly styles: SummaryStyles = { title: [], sections: [], headers: [], notes: [] };

  row(): number {
    this.grid.push(new Array<CellInput>(SUMMARY_WIDTH).fill(""));
    return this.grid.length - 1;
  }

  blank(): void {
    this.row();
  }

  /** The 0-based index of the last row added. */
  last(): number {
    return this.grid.length - 1;
  }

  text(r: number, c: number, s: string): void {
    this.grid[r][c] = s;
  }

  value(r: number, c: number, v: Cell): void {
    this.grid[r][c] = v;
  }

  /** Writes a formula; returns a reference to its cell with the value it shows. */
  formula(r: number, c: number, e: Expr): Expr {
    this.grid[r][c] = { formula: `=${e.f}` };
    this.cells.push({ row: r, col: c, formula: e.f, value: e.v });
    return ref(`$${letter(c)}$${r + 1}`, e.v);
  }

  line(
    label: string,
    cells: (Expr | string | number | null)[],
    style?: keyof SummaryStyles,
  ): { row: number; refs: (Expr | null)[] } {
    const r = this.row();
    this.text(r, 0, label);
    const refs = cells.map((c, i) => {
      if (c === null) return null;
      if (typeof c === "string" || typeof c === "number") {
        this.value(r, i + 1, c);
        return null;
      }
      return this.formula(r, i + 1, c);
    });
    if (style) this.styles[style].push(r);
    return { row: r, refs };
  }

  section(title: string): number {
    const r = this.row();
    this.text(r, 0, title);
    this.styles.sections.push(r);
    return r;
  }

  header(cells: string[]): number {
    const r = this.row();
    cells.forEach((s, i) => {
      this.text(r, i, s);
    });
    this.styles.headers.push(r);
    return r;
  }

  note(text: string): number {
    const r = this.row();
    this.text(r, 0, text);
    this.styles.notes.push(r);
    return r;
  }
}

export const num = (e: Expr | null | undefined): number => (e && typeof e.v === "number" ? e.v : 0);

/** A1 of a block: columns c1..c2 (0-based), rows r1..r2 (0-based), relative. */
export function block(c1: number, r1: number, c2: number, r2: number): string {
  return `${letter(c1)}${r1 + 1}:${letter(c2)}${r2 + 1}`;
}

/** Sum of the numbers of a column's cells (SUM ignores blanks). */
export function sumCells(refs: (Expr | null)[]): Expr | null {
  const present = refs.filter((r): r is Expr => r !== null);
  if (present.length === 0) return null;
  return { f: `SUM(${present.map((r) => r.f).join(",")})`, v: present.reduce((s, r) => s + num(r), 0) };
}

export function max(a: Expr, b: Expr): Expr {
  return { f: `MAX(${a.f},${b.f})`, v: Math.max(Number(a.v), Number(b.v)) };
}

/** A list's first cell: `empty` in words when the list's total is 0, else the cell's own value. */
export function orEmpty(total: Expr, e: Expr, empty: string): Expr {
  return { f: `IF(${total.f}=0,${str(empty)},${e.f})`, v: num(total) === 0 ? empty : e.v };
}

/** «… и ещё N — на листе …» when a list shows fewer than there are. */
export function more(total: Expr, where: string): Expr {
  const n = Number(total.v);
  const v: Value = n > LIST_ROWS ? `… и ещё ${n - LIST_ROWS} — ${where}` : "";
  return { f: `IF(${total.f}>${LIST_ROWS},"… и ещё "&(${total.f}-${LIST_ROWS})&" — "&${str(where)},"")`, v };
}
