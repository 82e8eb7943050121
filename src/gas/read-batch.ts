/**
 * Several sheets read with one Sheets API request (issue 14, item 7): SpreadsheetApp reads a sheet
 * in two or three calls (getSheetByName, getDataRange, getValues), so an operation that reads a
 * dozen sheets spends thirty calls on reading alone. `Spreadsheets.get` with one range per sheet
 * and a field mask naming the cells' values returns them all at once.
 *
 * The values are those Range.getValues gives, as GasWorkbook reads them (dates as the wall clock of
 * the spreadsheet's zone in UTC fields). From the Sheets API reference (CellData, ExtendedValue,
 * NumberFormat): a cell's `effectiveValue` is a numberValue, stringValue, boolValue or errorValue
 * (a formula's computed value); «Dates, Times and DateTimes are represented as doubles in serial
 * number format», told apart by `effectiveFormat.numberFormat.type` (DATE, TIME, DATE_TIME; «If the
 * effective format is the default format, effective format will not be written»). A serial number
 * is the wall-clock time of the spreadsheet's zone in days since 30 December 1899, so no zone
 * conversion is needed. A formula cell (userEnteredValue.formulaValue) is content even when its
 * value is empty, as for getDataRange. An error is its code, as getValues shows it («#N/A»).
 */
import type { Cell, MergedRange } from "../core/ports";

type Json = Record<string, unknown>;

/** The field mask of a batch read: per sheet its title, per cell its value, type and formula. */
export const READ_FIELDS =
  "sheets(properties(title),data(rowData(values(effectiveValue,effectiveFormat.numberFormat.type," +
  "userEnteredValue.formulaValue))))";

/** The number format types whose values getValues returns as Date. */
const DATE_TYPES = ["DATE", "TIME", "DATE_TIME"];

/** ErrorValue.type → the code a cell shows (and getValues returns). */
const ERROR_CODES: Record<string, string> = {
  ERROR: "#ERROR!",
  NULL_VALUE: "#NULL!",
  DIVIDE_BY_ZERO: "#DIV/0!",
  VALUE: "#VALUE!",
  REF: "#REF!",
  NAME: "#NAME?",
  NUM: "#NUM!",
  N_A: "#N/A",
  LOADING: "Loading...",
};

/** Serial day 0 (30.12.1899) in ms since the epoch, as a wall-clock date in UTC fields. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A serial date-time as the wall-clock time in UTC fields (to the millisecond). */
export function serialToWall(serial: number): Date {
  return new Date(SERIAL_EPOCH_MS + Math.round(serial * DAY_MS));
}

/** One CellData as getValues gives it (wall-clock dates); `content` says whether it counts for the data range. */
function cellOf(c: Json | undefined): { value: Cell; content: boolean } {
  const formula = ((c?.userEnteredValue ?? {}) as Json).formulaValue !== undefined;
  const v = c?.effectiveValue as Json | undefined;
  if (!v) return { value: "", content: formula };
  if (v.stringValue !== undefined) return { value: String(v.stringValue), content: true };
  if (v.boolValue !== undefined) return { value: v.boolValue === true, content: true };
  if (v.numberValue !== undefined) {
    const n = Number(v.numberValue);
    const type = String((((c?.effectiveFormat ?? {}) as Json).numberFormat as Json | undefined)?.type ?? "");
    return { value: DATE_TYPES.indexOf(type) >= 0 ? serialToWall(n) : n, content: true };
  }
  if (v.errorValue !== undefined) {
    const type = String(((v.errorValue ?? {}) as Json).type ?? "ERROR");
    return { value: ERROR_CODES[type] ?? "#ERROR!", content: true };
  }
  return { value: "", content: formula };
}

/**
 * A sheet's GridData (from A1) as getDataRange().getValues() would give it: up to the last row and
 * column with content, every row as wide, [] for an empty sheet.
 */
export function gridValues(data: Json | undefined): Cell[][] {
  const rows = ((data?.rowData ?? []) as Json[]).map((r) => ((r?.values ?? []) as Json[]).map(cellOf));
  let lastRow = 0;
  let lastCol = 0;
  rows.forEach((r, i) => {
    for (let c = r.length - 1; c >= 0; c--)
      if (r[c].content) {
        lastRow = i + 1;
        if (c + 1 > lastCol) lastCol = c + 1;
        break;
      }
  });
  const out: Cell[][] = [];
  for (let i = 0; i < lastRow; i++) {
    const line: Cell[] = new Array(lastCol).fill("");
    const r = rows[i];
    for (let c = 0; c < Math.min(lastCol, r.length); c++) line[c] = r[c].value;
    out.push(line);
  }
  return out;
}

const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * The named sheets' values with one Spreadsheets.get, by name (a sheet that does not exist is left
 * out). Pending SpreadsheetApp writes are flushed first: the API reads the spreadsheet as stored.
 */
export function readSheetsWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
  names: string[],
  flush = true,
): Map<string, Cell[][]> {
  const out = new Map<string, Cell[][]>();
  for (const [name, grids] of readRangesWithApi(
    api,
    spreadsheetId,
    names.map((sheet) => ({ sheet })),
    flush,
  ))
    out.set(name, grids[0] ?? []);
  return out;
}

/**
 * Ranges of several sheets with one Spreadsheets.get: per sheet, the grid of each of its ranges in
 * the order asked (an A1 range without the sheet's name, e.g. "1:1" or "A:A"; none: the whole
 * sheet), each from the range's first cell as getValues gives it. The sheets must exist.
 */
export function readRangesWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
  ranges: { sheet: string; a1?: string }[],
  /** Flush pending SpreadsheetApp writes first (false: the caller knows there are none). */
  flush = true,
): Map<string, Cell[][][]> {
  const out = new Map<string, Cell[][][]>();
  if (ranges.length === 0) return out;
  if (flush) SpreadsheetApp.flush();
  const got = api.get(spreadsheetId, {
    ranges: ranges.map((r) => (r.a1 ? `${quoted(r.sheet)}!${r.a1}` : quoted(r.sheet))),
    fields: READ_FIELDS,
  }) as unknown as Json;
  for (const s of (got.sheets ?? []) as Json[]) {
    const title = String(((s.properties ?? {}) as Json).title);
    out.set(
      title,
      ((s.data ?? []) as Json[]).map((d) => gridValues(d)),
    );
  }
  return out;
}

/** Every sheet's name and grid size, in tab order, with one Spreadsheets.get. */
export function sheetTitlesWithApi(
  api: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection,
  spreadsheetId: string,
): { title: string; rows: number; cols: number; merges: MergedRange[] }[] {
  // The merged ranges come with them (issue 15, item 3): a table must not be written through one.
  const got = api.get(spreadsheetId, {
    fields: "sheets(properties(title,index,gridProperties(rowCount,columnCount)),merges)",
  }) as unknown as Json;
  return ((got.sheets ?? []) as Json[])
    .map((s) => ({ p: (s.properties ?? {}) as Json, merges: (s.merges ?? []) as Json[] }))
    .sort((a, b) => Number(a.p.index ?? 0) - Number(b.p.index ?? 0))
    .map(({ p, merges }) => {
      const grid = (p.gridProperties ?? {}) as Json;
      return {
        title: String(p.title),
        rows: Number(grid.rowCount ?? 0),
        cols: Number(grid.columnCount ?? 0),
        merges: merges.map((g) => {
          const row = Number(g.startRowIndex ?? 0);
          const col = Number(g.startColumnIndex ?? 0);
          return {
            row,
            col,
            rows: Number(g.endRowIndex ?? row + 1) - row,
            cols: Number(g.endColumnIndex ?? col + 1) - col,
          };
        }),
      };
    });
}
