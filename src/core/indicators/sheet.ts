/**
 * «Показатели»: one row per year and indicator, with the target the curator edits. For the
 * indicators' year (the first year of the school year in «Настройки»):
 * - when an indicator has no row for that year, a row is added with the target of its latest
 *   earlier year (or the seed's, when it has none), the name and the method of indicators.json;
 * - «Фактическое значение» and «Статус» of that year's rows become live formulas;
 * - rows of other years keep what their cells show (a past year's formulas become its values, so
 *   the banks of a new cycle do not rewrite last year's result).
 * Everything goes out in one write: the two computed columns, or every row when rows were added.
 */
import { cellOf, type Expr, letter, ref, type Source } from "../formulas/cells";
import type { Cell, CellInput } from "../ports";
import { indicatorDefinitions, sheetTemplate } from "../templates/load";
import { FIRST_DATA_ROW } from "../workbook/repair";
import type { Table } from "../workbook/table";
import {
  cellValue,
  INDICATOR_CODES,
  type IndicatorCode,
  type IndicatorExprs,
  type IndicatorSources,
  indicatorExprs,
  statusExpr,
} from "./rules";

/** A formula cell planned for a sheet (0-based sheet coordinates) and the value it must show. */
export interface PlannedCell {
  row: number;
  col: number;
  formula: string;
  value: string | number;
}

export interface AddedTarget {
  code: IndicatorCode;
  target: Cell;
  /** The year the target was copied from; null when it came from the seed (sheets-templates). */
  from: number | null;
}

export interface IndicatorsPlan {
  year: number;
  /** Rows added for the year. */
  added: AddedTarget[];
  /** The one write, or null when the sheet has no row. */
  write: { row: number; col: number; values: CellInput[][] } | null;
  /** Formula cells of the year's rows. */
  cells: PlannedCell[];
  /** The sheet after the change (data rows), for lookups of the targets. */
  source: Source;
  /** The figure of every indicator for the year, as «Сводка» repeats it. */
  exprs: Record<IndicatorCode, IndicatorExprs>;
}

function codeOf(v: Cell): string {
  if (typeof v === "number") return String(v);
  return typeof v === "string" ? v.trim() : "";
}

/** The seed's latest target of an indicator (sheets-templates/workbook.json). */
function seedTarget(code: string): { target: Cell; year: number } | null {
  let best: { target: Cell; year: number } | null = null;
  for (const r of sheetTemplate("indicators").rows ?? []) {
    if (String(r.code) !== code || typeof r.year !== "number") continue;
    if (!best || r.year > best.year) best = { target: r.target, year: r.year };
  }
  return best;
}

export function planIndicators(
  table: Table<"indicators">,
  year: number,
  sources: IndicatorSources,
  threshold: Expr,
): IndicatorsPlan {
  const cols = table.columns;
  const width = table.width;
  const rows: Cell[][] = table.rows.map((r) => {
    const out = r.slice(0, width);
    while (out.length < width) out.push("");
    return out;
  });
  const existing = rows.length;
  const defs = indicatorDefinitions().indicators;

  // Rows for the year, where missing: the latest earlier target of the same indicator.
  const added: AddedTarget[] = [];
  for (const code of INDICATOR_CODES) {
    const mine = rows.filter((r) => codeOf(r[cols.code]) === code && typeof r[cols.year] === "number");
    if (mine.some((r) => r[cols.year] === year)) continue;
    const dated = mine
      .filter((r) => r[cols.target] !== "")
      .sort((a, b) => (a[cols.year] as number) - (b[cols.year] as number));
    const earlier = dated.filter((r) => (r[cols.year] as number) < year);
    const pick = earlier[earlier.length - 1] ?? dated[dated.length - 1];
    const seed = pick ? null : seedTarget(code);
    const target: Cell = pick ? pick[cols.target] : (seed?.target ?? "");
    const def = defs.find((d) => d.code === code)!;
    const row: Cell[] = new Array<Cell>(width).fill("");
    const values: Record<string, Cell> = {
      year,
      code,
      name: def.name,
      unit: def.unit,
      target,
      method: def.method,
      row_key: `${year}-${code}`,
    };
    for (const [k, v] of Object.entries(values)) if (k in cols) row[cols[k]] = v;
    rows.push(row);
    added.push({ code, target, from: pick ? (pick[cols.year] as number) : null });
  }

  const source: Source = { sheet: table.sheet, columns: cols, rows };
  const exprs = {} as Record<IndicatorCode, IndicatorExprs>;
  for (const code of INDICATOR_CODES) exprs[code] = indicatorExprs(code, year, sources, threshold);

  // Formulas in the year's rows.
  const cells: PlannedCell[] = [];
  const out: CellInput[][] = rows.map((r) => r.slice());
  rows.forEach((r, i) => {
    const code = codeOf(r[cols.code]) as IndicatorCode;
    if (r[cols.year] !== year || INDICATOR_CODES.indexOf(code) < 0) return;
    const sheetRow = FIRST_DATA_ROW + i;
    const actualA1 = `${letter(cols.actual)}${sheetRow + 1}`;
    const targetA1 = `${letter(cols.target)}${sheetRow + 1}`;
    const actual = exprs[code].actual;
    const status = statusExpr(ref(actualA1, actual.v), ref(targetA1, cellValue(cellOf(source, i, "target"))));
    out[i][cols.actual] = { formula: `=${actual.f}` };
    out[i][cols.status] = { formula: `=${status.f}` };
    cells.push({ row: sheetRow, col: cols.actual, formula: actual.f, value: actual.v });
    cells.push({ row: sheetRow, col: cols.status, formula: status.f, value: status.v });
  });

  let write: IndicatorsPlan["write"] = null;
  if (rows.length > 0) {
    if (added.length > 0 || existing === 0) write = { row: FIRST_DATA_ROW, col: 0, values: out };
    else {
      const from = Math.min(cols.actual, cols.status);
      const to = Math.max(cols.actual, cols.status);
      write = { row: FIRST_DATA_ROW, col: from, values: out.map((r) => r.slice(from, to + 1)) };
    }
  }
  return { year, added, write, cells, source, exprs };
}
