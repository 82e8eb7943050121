/** A1 notation: "A1", "$B$2", "A1:C3", "B:B", "B:D", "2:2", "A2:C" (open-ended), with an optional sheet. */

export interface GridRect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface A1Rect extends GridRect {
  /** The notation named whole columns ("B:B", "A2:C"): rows run to the end of the sheet. */
  openRows: boolean;
  /** The notation named whole rows ("2:2"): columns run to the end of the sheet. */
  openCols: boolean;
}

export function columnLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Splits "'My sheet'!A1:B2" into sheet name and range part. */
export function splitSheetName(a1: string): { sheet: string | undefined; range: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(a1.trim());
  if (!m) return { sheet: undefined, range: a1.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], range: m[3] };
}

interface Ref {
  row?: number;
  col?: number;
}

function parseRef(ref: string): Ref | undefined {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  return {
    col: m[1] ? columnNumber(m[1]) : undefined,
    row: m[2] ? Number(m[2]) : undefined,
  };
}

/** Parses the range part (no sheet name) against a sheet of maxRows × maxCols; undefined if invalid. */
export function parseA1(a1: string, maxRows: number, maxCols: number): A1Rect | undefined {
  const parts = a1.trim().split(":");
  if (parts.length > 2) return undefined;
  const a = parseRef(parts[0]);
  const b = parts.length === 2 ? parseRef(parts[1]) : a;
  if (!a || !b) return undefined;
  if (parts.length === 1 && (a.row === undefined || a.col === undefined)) return undefined;
  const openRows = a.row === undefined || b.row === undefined;
  const openCols = a.col === undefined || b.col === undefined;
  if (openRows && openCols) return undefined;
  const r1 = a.row ?? 1;
  const r2 = b.row ?? maxRows;
  const c1 = a.col ?? 1;
  const c2 = b.col ?? maxCols;
  if (r1 < 1 || c1 < 1) return undefined;
  const row = Math.min(r1, r2);
  const col = Math.min(c1, c2);
  return {
    row,
    col,
    numRows: Math.max(r1, r2) - row + 1,
    numCols: Math.max(c1, c2) - col + 1,
    openRows,
    openCols,
  };
}

export function toA1(rect: GridRect, open?: { openRows?: boolean; openCols?: boolean }): string {
  const c1 = columnLetters(rect.col);
  const c2 = columnLetters(rect.col + rect.numCols - 1);
  const r2 = rect.row + rect.numRows - 1;
  if (open?.openRows) return rect.row === 1 ? `${c1}:${c2}` : `${c1}${rect.row}:${c2}`;
  if (open?.openCols) return `${rect.row}:${r2}`;
  if (rect.numRows === 1 && rect.numCols === 1) return `${c1}${rect.row}`;
  return `${c1}${rect.row}:${c2}${r2}`;
}

/** "'Sheet name'!A1:B2" (quoted when the name is not a plain word). */
export function qualifiedA1(sheetName: string, a1: string): string {
  const plain = /^[A-Za-z_\u0400-\u04FF][\w\u0400-\u04FF]*$/.test(sheetName);
  return `${plain ? sheetName : `'${sheetName.replace(/'/g, "''")}'`}!${a1}`;
}
