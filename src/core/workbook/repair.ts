import { cellBool, isBlank, NO, plainText, YES, yesNo } from "../cells";
import type { Cell, Grid } from "../ports";
import type { ColumnTemplate, SheetTemplate } from "../templates/schema";
import { count, normalizeHeader } from "../text";

/**
 * Repair of one sheet's cells against its template, as a pure function of the grid.
 *
 * Layout of every table sheet: row 0 holds the stable column keys (hidden), row 1 the Russian
 * headers (frozen), data from row 2. Columns are found by key, then by header text; a curator's
 * column order and own columns are kept; missing template columns are appended at the right;
 * renamed headers are restored; blank rows pushed above the header are removed; nothing that is
 * not blank is ever dropped.
 */

export const KEY_ROW = 0;
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = 2;

/** How far down a sheet the header block is looked for. */
const HEADER_SEARCH_ROWS = 25;

export interface RepairContext {
  /** Values of seed tokens such as "@schoolYear". */
  tokens: Record<string, Cell>;
  /** Computed cell values filled for seeded rows, by row key (e.g. indicator names). */
  computedByRow?: (row: Record<string, Cell>) => Record<string, Cell>;
}

export interface RepairResult {
  /** The repaired grid (rectangular); equal to the input when nothing had to change. */
  grid: Grid;
  /** Physical column index of every template column key. */
  columnIndex: Record<string, number>;
  /** Human-readable Russian list of what was repaired (empty when nothing). */
  changes: string[];
  changed: boolean;
}

interface HeaderBlock {
  keyRow: number | null;
  headerRow: number | null;
}

function matchCount(row: Cell[], wanted: Set<string>, norm: (v: Cell) => string): number {
  let n = 0;
  for (const cell of row) if (!isBlank(cell) && wanted.has(norm(cell))) n++;
  return n;
}

function headerNames(col: ColumnTemplate): string[] {
  return [col.header, ...(col.aliases ?? [])].map(normalizeHeader);
}

/** Finds the key row and the header row, wherever blank rows pushed them. */
export function locateHeaderBlock(grid: Grid, sheet: SheetTemplate): HeaderBlock {
  const keys = new Set(sheet.columns.map((c) => c.key));
  const headers = new Set(sheet.columns.flatMap(headerNames));
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  let keyRow: number | null = null;
  let best = 0;
  for (let r = 0; r < limit; r++) {
    const n = matchCount(grid[r], keys, (v) => String(v).trim());
    if (n > best) {
      best = n;
      keyRow = r;
    }
  }
  if (keyRow !== null) {
    const next = grid[keyRow + 1];
    const headerLike = next && (next.every(isBlank) || matchCount(next, headers, normalizeHeader) > 0);
    return { keyRow, headerRow: next && headerLike ? keyRow + 1 : null };
  }
  let headerRow: number | null = null;
  best = 0;
  for (let r = 0; r < limit; r++) {
    const n = matchCount(grid[r], headers, normalizeHeader);
    if (n > best) {
      best = n;
      headerRow = r;
    }
  }
  return { keyRow: null, headerRow };
}

/** Maps each physical column to a template column key, or null for the curator's own columns. */
export function mapColumns(
  keyCells: Cell[] | null,
  headerCells: Cell[] | null,
  width: number,
  sheet: SheetTemplate,
): (string | null)[] {
  const byKey = new Map(sheet.columns.map((c) => [c.key, c]));
  const byHeader = new Map<string, string>();
  for (const c of sheet.columns) for (const h of headerNames(c)) if (!byHeader.has(h)) byHeader.set(h, c.key);
  const claimed = new Set<string>();
  const result: (string | null)[] = new Array(width).fill(null);
  // Keys first: they survive renamed headers.
  for (let c = 0; c < width; c++) {
    const k = keyCells ? plainText(keyCells[c]) : "";
    if (byKey.has(k) && !claimed.has(k)) {
      result[c] = k;
      claimed.add(k);
    }
  }
  // Then header text, for columns whose key cell was lost.
  for (let c = 0; c < width; c++) {
    if (result[c] !== null || !headerCells) continue;
    // A key cell that is not a template key (typed over, or junk) does not hide a template header.
    const k = byHeader.get(normalizeHeader(headerCells[c]));
    if (k && !claimed.has(k)) {
      result[c] = k;
      claimed.add(k);
    }
  }
  return result;
}

function blankRow(width: number): Cell[] {
  return new Array<Cell>(width).fill("");
}

function padRow(row: Cell[], width: number): Cell[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push("");
  return out;
}

function sameGrid(a: Grid, b: Grid): boolean {
  if (a.length !== b.length) return false;
  for (let r = 0; r < a.length; r++) {
    if (a[r].length !== b[r].length) return false;
    for (let c = 0; c < a[r].length; c++) if (!sameCell(a[r][c], b[r][c])) return false;
  }
  return true;
}

function sameCell(x: Cell, y: Cell): boolean {
  const dx = Object.prototype.toString.call(x) === "[object Date]";
  const dy = Object.prototype.toString.call(y) === "[object Date]";
  if (dx || dy) return dx && dy && (x as Date).getTime() === (y as Date).getTime();
  return x === y;
}

function resolveSeed(value: Cell, tokens: Record<string, Cell>): Cell {
  return typeof value === "string" && value.startsWith("@") && value in tokens ? tokens[value] : value;
}

/** Repairs one sheet's grid. Pure: the caller reads and writes the sheet once each. */
export function repairSheet(input: Grid, sheet: SheetTemplate, ctx: RepairContext): RepairResult {
  const changes: string[] = [];
  const oldHeight = input.length;
  const oldWidth = input.reduce((w, r) => Math.max(w, r.length), 0);
  const grid = input.map((r) => padRow(r, oldWidth));

  if (sheet.kind === "dashboard") {
    return { grid: input, columnIndex: {}, changes, changed: false };
  }

  const block = locateHeaderBlock(grid, sheet);
  const top = block.keyRow ?? block.headerRow;
  const keyCells = block.keyRow !== null ? grid[block.keyRow] : null;
  const headerCells = block.headerRow !== null ? grid[block.headerRow] : null;

  let mapping: (string | null)[];
  if (keyCells || headerCells) {
    mapping = mapColumns(keyCells, headerCells, oldWidth, sheet);
  } else if (grid.some((r) => !r.every(isBlank))) {
    // No header block at all (both rows deleted): the only clue left is the template's order.
    mapping = new Array(oldWidth).fill(null).map((_, c) => sheet.columns[c]?.key ?? null);
    changes.push("Не найдены строки заголовков: столбцы восстановлены по порядку шаблона");
  } else {
    mapping = new Array(oldWidth).fill(null);
  }

  // Rows: everything that is not the header block is data; blank rows above the header go.
  const dataRows: Cell[][] = [];
  let droppedBlank = 0;
  let movedAbove = 0;
  for (let r = 0; r < grid.length; r++) {
    if (r === block.keyRow || r === block.headerRow) continue;
    const above = top !== null && r < top;
    if (above) {
      if (grid[r].every(isBlank)) {
        droppedBlank++;
        continue;
      }
      movedAbove++;
    }
    dataRows.push(grid[r]);
  }
  // Trailing blank rows carry nothing.
  while (dataRows.length > 0 && dataRows[dataRows.length - 1].every(isBlank)) dataRows.pop();
  if (droppedBlank > 0) changes.push(`Удалены пустые строки над заголовком: ${droppedBlank}`);
  if (movedAbove > 0) changes.push(`Строки над заголовком перенесены в данные: ${movedAbove}`);

  // Columns: existing ones in the curator's order, then the missing template columns.
  const present = new Set(mapping.filter((k): k is string => k !== null));
  const missing = sheet.columns.filter((c) => !present.has(c.key));
  const width = oldWidth + missing.length;
  const keys: (string | null)[] = [...mapping, ...missing.map((c) => c.key)];
  for (const c of missing) changes.push(`Добавлен столбец «${c.header}»`);

  const columnIndex: Record<string, number> = Object.create(null);
  keys.forEach((k, i) => {
    if (k) columnIndex[k] = i;
  });
  const templateByKey = new Map(sheet.columns.map((c) => [c.key, c]));

  const keyRow = blankRow(width);
  const headerRow = blankRow(width);
  for (let c = 0; c < width; c++) {
    const k = keys[c];
    if (k) {
      keyRow[c] = k;
      headerRow[c] = templateByKey.get(k)!.header;
      const old = headerCells ? headerCells[c] : undefined;
      if (c < oldWidth && headerCells && !isBlank(old) && String(old) !== headerRow[c])
        changes.push(`Восстановлен заголовок «${headerRow[c]}» (был «${String(old)}»)`);
    } else {
      keyRow[c] = keyCells && c < oldWidth && !isBlank(keyCells[c]) ? keyCells[c] : "";
      headerRow[c] = headerCells && c < oldWidth ? headerCells[c] : "";
    }
  }
  const data = dataRows.map((r) => padRow(r, width));
  wordsForYesNo(sheet, data, columnIndex, changes);

  if (sheet.kind === "lists") seedLists(sheet, data, columnIndex, missing, changes);
  else seedRows(sheet, data, columnIndex, width, ctx, changes);

  const out: Grid = [keyRow, headerRow, ...data];
  // Clear what the old grid covered beyond the new one, in the same write.
  const height = Math.max(out.length, oldHeight);
  const finalWidth = Math.max(width, oldWidth);
  const result: Grid = [];
  for (let r = 0; r < height; r++) result.push(padRow(out[r] ?? [], finalWidth));
  const changed = !sameGrid(result, grid);
  if (changed && changes.length === 0) changes.push("Обновлены служебные строки");
  return { grid: changed ? result : input, columnIndex, changes, changed };
}

/**
 * A yes / no column of an older workbook holds TRUE / FALSE (a checkbox) or 1 / 0: each becomes
 * «да» / «нет», as the program now writes and the column's dropdown offers. Anything else stays.
 */
function wordsForYesNo(
  sheet: SheetTemplate,
  data: Cell[][],
  columnIndex: Record<string, number>,
  changes: string[],
): void {
  for (const col of sheet.columns) {
    if (col.type !== "bool" || !(col.key in columnIndex)) continue;
    const c = columnIndex[col.key];
    let n = 0;
    for (const row of data) {
      const v = row[c];
      if (v === YES || v === NO || isBlank(v) || typeof v === "object") continue;
      const b = cellBool(v);
      if (b === null) continue;
      row[c] = yesNo(b);
      n++;
    }
    if (n > 0)
      changes.push(
        `«${col.header}»: «да» / «нет» словами вместо флажков, ИСТИНА / ЛОЖЬ и 1 / 0 — ${count(n, "ячейка", "ячейки", "ячеек")}`,
      );
  }
}

function seedLists(
  sheet: SheetTemplate,
  data: Cell[][],
  columnIndex: Record<string, number>,
  missing: ColumnTemplate[],
  changes: string[],
): void {
  const newKeys = new Set(missing.map((c) => c.key));
  for (const col of sheet.columns) {
    const items = col.items ?? [];
    if (items.length === 0) continue;
    const c = columnIndex[col.key];
    const empty = data.every((row) => isBlank(row[c]));
    if (!newKeys.has(col.key) && !empty) continue;
    while (data.length < items.length) data.push(blankRow(data[0]?.length ?? c + 1));
    items.forEach((item, i) => {
      data[i][c] = item;
    });
    changes.push(`Заполнен список «${col.header}»`);
  }
}

function seedRows(
  sheet: SheetTemplate,
  data: Cell[][],
  columnIndex: Record<string, number>,
  width: number,
  ctx: RepairContext,
  changes: string[],
): void {
  const rowKey = sheet.rowKey;
  if (!rowKey) return;
  const kc = columnIndex[rowKey];
  const seeds = sheet.rows ?? [];
  const computedCols = sheet.columns.filter((c) => c.computed && c.key !== rowKey);
  const seedByKey = new Map(seeds.map((s) => [String(s[rowKey]), s]));
  const existing = new Set<string>();
  for (const row of data) {
    const k = plainText(row[kc]);
    if (k === "") continue;
    existing.add(k);
    // Computed columns of seeded rows follow the template (e.g. a parameter's label).
    const seed = seedByKey.get(k);
    const computed = ctx.computedByRow ? ctx.computedByRow(recordOf(row, columnIndex)) : {};
    for (const col of computedCols) {
      const want =
        col.key in computed ? computed[col.key] : seed && col.key in seed ? seed[col.key] : undefined;
      if (want !== undefined && !sameCell(row[columnIndex[col.key]], want)) row[columnIndex[col.key]] = want;
    }
  }
  let added = 0;
  for (const seed of seeds) {
    const k = String(seed[rowKey]);
    if (existing.has(k)) continue;
    const row = blankRow(width);
    for (const [key, value] of Object.entries(seed))
      if (key in columnIndex) row[columnIndex[key]] = resolveSeed(value, ctx.tokens);
    const computed = ctx.computedByRow ? ctx.computedByRow(recordOf(row, columnIndex)) : {};
    for (const [key, value] of Object.entries(computed))
      if (key in columnIndex) row[columnIndex[key]] = value;
    data.push(row);
    added++;
  }
  if (added > 0) changes.push(`Добавлены строки шаблона: ${added}`);
}

export function recordOf(row: Cell[], columnIndex: Record<string, number>): Record<string, Cell> {
  const rec: Record<string, Cell> = Object.create(null);
  for (const [k, i] of Object.entries(columnIndex)) rec[k] = row[i] ?? "";
  return rec;
}
