import {
  type Cell,
  type CellInput,
  isDate,
  isFormula,
  type MergedRange,
  RULE_MARKER,
  type SheetLayout,
  type WorkbookPort,
} from "../core/ports";
import { PRIVACY_TAG } from "../core/privacy/sheets";
import { mergedWriteMessage } from "../core/workbook/merges";
import { deletionRuns, mergedDeleteMessage, mergeInTheWay } from "../core/workbook/rows";
import {
  applyLayoutsWithApi,
  GROW_ROWS,
  HEADER_BACKGROUND,
  type LayoutTarget,
  PROTECTION_TAG,
  protection,
  runs,
  sheetsApi,
  type WantedProtection,
} from "./layout";
import { readRangesWithApi, readSheetsWithApi, sheetTitlesWithApi } from "./read-batch";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type Range = GoogleAppsScript.Spreadsheet.Range;
type RichTextValue = GoogleAppsScript.Spreadsheet.RichTextValue;

/** Cells to restore as runs of consecutive rows of one column (one setRichTextValues each). */
function richRuns(
  cells: { i: number; j: number; value: RichTextValue }[],
): { i: number; j: number; values: RichTextValue[] }[] {
  const sorted = [...cells].sort((a, b) => a.j - b.j || a.i - b.i);
  const out: { i: number; j: number; values: RichTextValue[] }[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.j === c.j && last.i + last.values.length === c.i) last.values.push(c.value);
    else out.push({ i: c.i, j: c.j, values: [c.value] });
  }
  return out;
}
type ColumnLayout = SheetLayout["columns"][number];
type Validation = NonNullable<ColumnLayout["validation"]>;

/**
 * Strings Sheets would not keep as typed: formulas (= + - @), numbers, dates, booleans.
 * A leading apostrophe makes Sheets store the rest as literal text.
 */
export function asLiteralText(s: string): string {
  if (s === "") return s;
  if (/^[=+\-@']/.test(s)) return "'" + s;
  if (/^\s*[\d\s.,]+%?\s*$/.test(s)) return "'" + s;
  if (/^\s*\d{1,4}[./-]\d{1,2}([./-]\d{1,4})?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$/.test(s)) return "'" + s;
  if (/^\s*(true|false|истина|ложь)\s*$/i.test(s)) return "'" + s;
  return s;
}

/** Offsets are looked up per quarter hour of UTC: every zone's transitions fall on one. */
const QUARTER_HOUR_MS = 900_000;

/**
 * The offsets of the spreadsheet's zone, date by date: a zone with daylight saving time has two
 * (01.07.2012 in Berlin is UTC+2, 01.12.2026 UTC+1), so one offset taken today would move a summer
 * date read in winter to the day before. Each offset comes from Utilities.formatDate in the zone
 * (no Intl: Apps Script documents none), once per quarter hour of UTC met — the tz database's
 * transitions since 1970 all fall on one — so a sheet of dates costs a few calls, not one a cell.
 */
class ZoneOffsets {
  private readonly byQuarter = new Map<number, number>();

  constructor(private readonly timeZone: string) {}

  /** The zone's offset from UTC, in ms, at an instant. */
  at(instantMs: number): number {
    const q = Math.floor(instantMs / QUARTER_HOUR_MS);
    let off = this.byQuarter.get(q);
    if (off === undefined) {
      const start = q * QUARTER_HOUR_MS;
      const text = Utilities.formatDate(new Date(start), this.timeZone, "yyyy-MM-dd HH:mm:ss");
      const m = /^(-?\d+)-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
      off = m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - start : 0;
      this.byQuarter.set(q, off);
    }
    return off;
  }

  /** The wall-clock time (in UTC fields) of an instant. */
  wall(instant: Date): Date {
    return new Date(instant.getTime() + this.at(instant.getTime()));
  }

  /** The instant of a wall-clock time given in UTC fields (the later one in an autumn overlap). */
  instant(wall: Date): Date {
    const w = wall.getTime();
    return new Date(w - this.at(w - this.at(w)));
  }
}

export class GasWorkbook implements WorkbookPort {
  private readonly sheets = new Map<string, Sheet | null>();
  private offsets: ZoneOffsets | null = null;
  private zoneId: string | null = null;
  /**
   * Whether this adapter has written through SpreadsheetApp since the Sheets API last read: Apps
   * Script may hold such writes back, so a read through the API flushes them first. (Code writing
   * around the adapter flushes itself before an API read.)
   */
  private unflushed = false;
  /** Sheets this adapter inserted and has not laid out yet: no formats, notes or protections. */
  private readonly fresh = new Set<string>();
  /** Built rules by their spec: a DataValidation is an immutable value, reusable on any range. */
  private readonly rules = new Map<string, DataValidation>();
  /** Sheets this adapter inserted and has not written yet: their read is empty, with no call. */
  private readonly blank = new Set<string>();
  /** The tabs' names in order, once read (kept up to date by insert and rename). */
  private names: string[] | null = null;
  private id: string | null = null;
  /**
   * The grid of each sheet this adapter inserted, until it grows it: Sheets makes a new sheet
   * 1,000 rows by 26 columns, so writing into it needs no getMaxRows / getMaxColumns.
   */
  private readonly grids = new Map<string, { rows: number; cols: number }>();
  /** Sheets read ahead by `prefetch`, each served once to the next `read` unless written first. */
  private readonly prefetched = new Map<string, Cell[][]>();
  /**
   * What each sheet held when this execution read it (a copy, kept up to date by writes): a block
   * write keeps the curator's formula in every cell whose value it does not change.
   */
  private readonly seen = new Map<string, Cell[][]>();
  /** Merged ranges by sheet, from the request that lists the sheets (Sheets API); see mergedRanges. */
  private readonly merged = new Map<string, MergedRange[]>();
  private mergesKnown = false;

  constructor(private readonly ss: Spreadsheet) {}

  private zone(): ZoneOffsets {
    if (this.offsets === null) this.offsets = new ZoneOffsets(this.timeZone());
    return this.offsets;
  }

  /** The spreadsheet's time zone, asked once (the clock of the execution asks here too). */
  timeZone(): string {
    this.zoneId ??= this.ss.getSpreadsheetTimeZone();
    return this.zoneId;
  }

  /** After Spreadsheet.setSpreadsheetTimeZone: later reads and writes convert in the new zone. */
  timeZoneChanged(): void {
    this.offsets = null;
    this.zoneId = null;
  }

  /** The spreadsheet's ID, asked once. */
  spreadsheetId(): string {
    this.id ??= this.ss.getId();
    return this.id;
  }

  /** A sheet's object, or null: the one this adapter uses (asked for once). */
  sheetObject(name: string): Sheet | null {
    return this.sheet(name);
  }

  /**
   * Ranges of several sheets with one Sheets API request (read-batch.ts readRangesWithApi): by
   * sheet, the grid of each range asked; empty without the advanced service. Sheets that do not
   * exist are skipped.
   */
  readRanges(ranges: { sheet: string; a1?: string }[]): Map<string, Cell[][][]> {
    const api = sheetsApi();
    if (!api || ranges.length === 0) return new Map();
    const existing = new Set(this.sheetNames());
    const wanted = ranges.filter((r) => existing.has(r.sheet));
    if (wanted.length === 0) return new Map();
    const flush = this.unflushed;
    this.unflushed = false;
    return readRangesWithApi(api, this.spreadsheetId(), wanted, flush);
  }

  private sheet(name: string): Sheet | null {
    if (!this.sheets.has(name)) this.sheets.set(name, this.ss.getSheetByName(name));
    return this.sheets.get(name) ?? null;
  }

  private must(name: string): Sheet {
    const sh = this.sheet(name);
    if (!sh)
      throw new Error(
        `Нет листа «${name}». Выполните «Наставничество → Инициализировать / восстановить книгу».`,
      );
    return sh;
  }

  sheetNames(): string[] {
    const api = this.names ? null : sheetsApi();
    if (api) {
      // One request for every name, where SpreadsheetApp takes getSheets and a getName per sheet.
      this.id ??= this.ss.getId();
      const sheets = sheetTitlesWithApi(api, this.id);
      this.names = sheets.map((s) => s.title);
      for (const s of sheets) this.merged.set(s.title, s.merges);
      this.mergesKnown = true;
      // Their grids too: a write then needs no getMaxRows / getMaxColumns.
      for (const s of sheets)
        if (!this.grids.has(s.title) && s.rows > 0) this.grids.set(s.title, { rows: s.rows, cols: s.cols });
    } else if (!this.names) {
      const all = this.ss.getSheets();
      this.names = all.map((s) => s.getName());
      // The same Sheet objects serve later reads and writes (no getSheetByName per sheet).
      all.forEach((s, i) => {
        if (!this.sheets.get(this.names![i])) this.sheets.set(this.names![i], s);
      });
    }
    return [...this.names];
  }

  /**
   * Sheets were inserted or renamed around this adapter (a form linked here makes its response
   * sheet): the names and sheet objects it knew are asked again when next needed.
   */
  sheetsChanged(): void {
    this.names = null;
    this.sheets.clear();
  }

  renameSheet(from: string, to: string): void {
    const merges = this.merged.get(from);
    if (merges) {
      this.merged.delete(from);
      this.merged.set(to, merges);
    }
    this.must(from).setName(to);
    this.unflushed = true;
    this.prefetched.delete(from);
    this.prefetched.delete(to);
    this.sheets.delete(from);
    this.sheets.delete(to);
    this.fresh.delete(from);
    this.blank.delete(from);
    this.grids.delete(from);
    if (this.names) this.names = this.names.map((n) => (n === from ? to : n));
  }

  ensureSheet(name: string, position?: number): boolean {
    const names = this.names;
    // Sheet names are unique regardless of case; with the names known, an absent one needs no call.
    const known = names !== null && !names.some((n) => n.toLowerCase() === name.toLowerCase());
    if (!known && this.sheet(name)) return false;
    const at =
      position === undefined
        ? undefined
        : Math.min(position, names ? names.length : this.ss.getSheets().length);
    const sh = at === undefined ? this.ss.insertSheet(name) : this.ss.insertSheet(name, at);
    this.unflushed = true;
    this.sheets.set(name, sh);
    this.fresh.add(name);
    this.blank.add(name);
    this.grids.set(name, { rows: 1000, cols: 26 });
    if (names) names.splice(at ?? names.length, 0, name);
    return true;
  }

  /** Dates of a read (instants) as the school's wall clock in UTC fields, each at its own offset, in place. */
  private wallClock(values: Cell[][]): Cell[][] {
    let zone: ZoneOffsets | null = null;
    for (const row of values)
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (isDate(v)) {
          zone ??= this.zone();
          row[c] = zone.wall(v);
        }
      }
    return values;
  }

  /**
   * Reads several sheets ahead with one Sheets API request (read-batch.ts): each is served once to
   * the next `read` of it, unless this adapter writes it first. Without the advanced service, or
   * for one sheet, nothing is read ahead. Sheets that do not exist are skipped.
   */
  prefetch(names: string[]): void {
    const api = sheetsApi();
    if (!api) return;
    const existing = new Set(this.sheetNames());
    const wanted = [...new Set(names)].filter(
      (n) => existing.has(n) && !this.blank.has(n) && !this.prefetched.has(n),
    );
    if (wanted.length < 2) return;
    const flush = this.unflushed;
    this.unflushed = false;
    for (const [name, values] of readSheetsWithApi(api, this.spreadsheetId(), wanted, flush))
      this.prefetched.set(name, values);
  }

  read(name: string): Cell[][] {
    const ahead = this.prefetched.get(name);
    if (ahead) {
      this.prefetched.delete(name);
      return this.remember(name, ahead);
    }
    if (this.blank.has(name)) return [];
    const sh = this.sheet(name);
    if (!sh) return [];
    const values = sh.getDataRange().getValues() as Cell[][];
    if (values.length === 1 && values[0].length === 1 && values[0][0] === "") return [];
    return this.remember(name, this.wallClock(values));
  }

  /** Keeps a copy of what was read (the caller may change its grid), returns the grid. */
  private remember(name: string, grid: Cell[][]): Cell[][] {
    this.seen.set(
      name,
      grid.map((r) => r.slice()),
    );
    return grid;
  }

  /**
   * The curator's formulas a block write must keep: those in cells whose value the write does not
   * change (as this execution read the sheet) — one getFormulas of the block, only when the sheet
   * was read and the block has such a cell. The program's own formula sheets (blocks with a
   * Formula) are written as they are. Put back with setFormula after the write (a formula in a
   * plain-text column would become text through setValues).
   */
  private formulasToKeep(
    name: string,
    range: Range,
    row: number,
    col: number,
    values: CellInput[][],
  ): { i: number; j: number; formula: string }[] {
    const seen = this.seen.get(name);
    if (!seen || values.some((r) => r.some((v) => isFormula(v)))) return [];
    const unchanged = (i: number, j: number) => {
      const before = seen[row + i]?.[col + j];
      if (before === undefined) return false;
      const v = values[i][j];
      const next = v === null ? "" : (v as Cell);
      if (isDate(before) || isDate(next))
        return isDate(before) && isDate(next) && before.getTime() === next.getTime();
      return before === next;
    };
    if (!values.some((r, i) => r.some((_, j) => unchanged(i, j)))) return [];
    const formulas = range.getFormulas();
    const keep: { i: number; j: number; formula: string }[] = [];
    values.forEach((r, i) => {
      r.forEach((_, j) => {
        const f = formulas[i]?.[j];
        if (f && unchanged(i, j)) keep.push({ i, j, formula: f });
      });
    });
    return keep;
  }

  /**
   * The curator's rich text a block write must keep: links (and differently styled parts) in text
   * cells whose value the write does not change. setValues erases a cell's text runs whatever it
   * writes (Google: «When writing a new user_entered_value, previous runs will be erased»), so they
   * are read first — one getRichTextValues of the block, only when it has such a cell — and put back
   * after the write, a column's consecutive cells in one setRichTextValues.
   */
  private richTextToKeep(
    name: string,
    range: Range,
    row: number,
    col: number,
    values: CellInput[][],
  ): { i: number; j: number; value: RichTextValue }[] {
    const seen = this.seen.get(name);
    if (!seen || values.some((r) => r.some((v) => isFormula(v)))) return [];
    const unchangedText = (i: number, j: number) => {
      const before = seen[row + i]?.[col + j];
      return typeof before === "string" && before !== "" && values[i][j] === before;
    };
    if (!values.some((r, i) => r.some((_, j) => unchangedText(i, j)))) return [];
    const rich = range.getRichTextValues();
    const keep: { i: number; j: number; value: RichTextValue }[] = [];
    values.forEach((r, i) => {
      r.forEach((_, j) => {
        const v = rich[i]?.[j];
        if (!v || !unchangedText(i, j)) return;
        const runs = v.getRuns();
        if (runs.length > 1 || runs.some((run) => run.getLinkUrl() !== null)) keep.push({ i, j, value: v });
      });
    });
    return keep;
  }

  /** After a write: what the sheet now holds, for the next write's comparison. */
  private recordWrite(name: string, row: number, col: number, values: CellInput[][]): void {
    const seen = this.seen.get(name);
    if (!seen) return;
    values.forEach((r, i) => {
      while (seen.length <= row + i) seen.push([]);
      const target = seen[row + i];
      r.forEach((v, j) => {
        while (target.length <= col + j) target.push("");
        target[col + j] = v === null || isFormula(v) ? "" : v;
      });
    });
  }

  /** A block of rows (1-based) as wall-clock values: the rows a submit trigger reported. */
  readRows(name: string, firstRow: number, numRows: number): Cell[][] {
    const sh = this.must(name);
    const width = sh.getLastColumn();
    if (width === 0 || numRows < 1) return [];
    const values = sh.getRange(firstRow, 1, numRows, width).getValues() as Cell[][];
    return this.wallClock(values);
  }

  /** The cells of a block (0-based corner) as wall-clock values; the part past the grid is left out. */
  readBlock(name: string, row: number, col: number, rows: number, cols: number): Cell[][] {
    const sh = this.sheet(name);
    if (!sh) return [];
    const grid = this.grids.get(name);
    const h = Math.min(rows, (grid ? grid.rows : sh.getMaxRows()) - row);
    const w = Math.min(cols, (grid ? grid.cols : sh.getMaxColumns()) - col);
    if (h < 1 || w < 1) return [];
    const values = sh.getRange(row + 1, col + 1, h, w).getValues() as Cell[][];
    return this.wallClock(values);
  }

  /**
   * The merged ranges of a sheet, 0-based: with the Sheets API they came with the sheets' names (no
   * call of their own); without it, from SpreadsheetApp.
   */
  mergedRanges(name: string): MergedRange[] {
    if (!this.mergesKnown && !this.names) this.sheetNames();
    if (this.mergesKnown) return [...(this.merged.get(name) ?? [])];
    const sh = this.sheet(name);
    if (!sh) return [];
    return sh
      .getDataRange()
      .getMergedRanges()
      .map((r) => ({
        row: r.getRow() - 1,
        col: r.getColumn() - 1,
        rows: r.getNumRows(),
        cols: r.getNumColumns(),
      }));
  }

  /**
   * Refuses, in Russian with the address, a block write that would change a cell inside a merged
   * range (known without a call: see mergedRanges). Cells whose value stays are not a change.
   */
  private refuseThroughMerges(name: string, row: number, col: number, values: CellInput[][]): void {
    const merges = this.merged.get(name);
    const seen = this.seen.get(name);
    if (!merges || merges.length === 0 || !seen) return;
    values.forEach((r, i) => {
      r.forEach((v, j) => {
        const before = seen[row + i]?.[col + j] ?? "";
        const next = v === null || isFormula(v) ? "" : v;
        const same =
          isDate(before) || isDate(next)
            ? isDate(before) && isDate(next) && before.getTime() === next.getTime()
            : before === next;
        if (same) return;
        const m = merges.find(
          (g) => row + i >= g.row && row + i < g.row + g.rows && col + j >= g.col && col + j < g.col + g.cols,
        );
        if (m) throw new Error(mergedWriteMessage(name, m));
      });
    });
  }

  /** The notes of a sheet from A1 (one call), as far as the last note; [] when it has none. */
  readNotes(name: string): string[][] {
    const sh = this.sheet(name);
    if (!sh) return [];
    // The whole grid: a note may sit on an empty cell below or right of the data.
    const size = this.grids.get(name) ?? { rows: sh.getMaxRows(), cols: sh.getMaxColumns() };
    if (size.rows < 1 || size.cols < 1) return [];
    const notes = sh.getRange(1, 1, size.rows, size.cols).getNotes() as string[][];
    let h = 0;
    let w = 0;
    notes.forEach((r, i) => {
      r.forEach((n, j) => {
        if (n === "") return;
        h = Math.max(h, i + 1);
        w = Math.max(w, j + 1);
      });
    });
    return notes.slice(0, h).map((r) => r.slice(0, w));
  }

  /** Writes notes from A1 in one call ("" removes a note). */
  writeNotes(name: string, notes: string[][]): void {
    if (notes.length === 0 || notes[0].length === 0) return;
    this.must(name).getRange(1, 1, notes.length, notes[0].length).setNotes(notes);
  }

  /** The ID of the form whose responses land in a sheet, or null (init's unlinked-form check). */
  linkedFormId(name: string): string | null {
    const url = this.sheet(name)?.getFormUrl() ?? null;
    const m = url ? /\/forms\/d\/(?!e\/)([^/]+)/.exec(url) : null;
    return m ? m[1] : null;
  }

  private toRaw(v: CellInput): unknown {
    if (v === null || v === undefined) return "";
    if (isFormula(v)) return v.formula;
    if (isDate(v)) return this.zone().instant(v);
    if (typeof v === "string") return asLiteralText(v);
    return v;
  }

  write(name: string, row: number, col: number, values: CellInput[][]): void {
    if (values.length === 0) return;
    const width = values[0].length;
    if (width === 0) return;
    for (const r of values)
      if (r.length !== width)
        throw new Error(`Внутренняя ошибка: строки разной длины при записи на лист «${name}»`);
    const sh = this.must(name);
    this.blank.delete(name);
    this.prefetched.delete(name);
    this.unflushed = true;
    this.refuseThroughMerges(name, row, col, values);
    const known = this.grids.get(name);
    this.grow(sh, row + values.length, col + width, known);
    const raw = values.map((r) => r.map((v) => this.toRaw(v)));
    const put = () => {
      const range = sh.getRange(row + 1, col + 1, values.length, width);
      const keep = this.formulasToKeep(name, range, row, col, values);
      const rich = this.richTextToKeep(name, range, row, col, values);
      range.setValues(raw);
      for (const k of keep) range.getCell(k.i + 1, k.j + 1).setFormula(k.formula);
      for (const run of richRuns(rich))
        sh.getRange(row + 1 + run.i, col + 1 + run.j, run.values.length, 1).setRichTextValues(
          run.values.map((v) => [v]),
        );
    };
    try {
      put();
    } catch (e) {
      // The grid known from the start of the execution may have shrunk since (a curator deleted
      // rows): asked for again, grown, written once more.
      if (!known) throw e;
      this.grids.delete(name);
      this.grow(sh, row + values.length, col + width);
      put();
    }
    this.recordWrite(name, row, col, values);
  }

  /**
   * Deletes whole rows (0-based): Sheets moves what is below up with its formulas (references
   * adjusted), links, rich text, notes and formats. One run is one Sheet.deleteRows; several runs go
   * in one Sheets API batchUpdate of deleteDimension requests, bottom run first. Refused, with the
   * address, when a merged range lies at or below the first deleted row. Sheets keeps at least one
   * row below the frozen ones («Sorry, it is not possible to delete all non-frozen rows»): a blank
   * row is added first when the deletion would take the last.
   */
  deleteRows(name: string, rows: number[]): void {
    const all = [...new Set(rows)];
    if (all.length === 0) return;
    const sh = this.must(name);
    const merges = this.mergesKnown ? (this.merged.get(name) ?? []) : this.mergedRanges(name);
    const m = mergeInTheWay(merges, all);
    if (m) throw new Error(mergedDeleteMessage(name, m));
    const known = this.grids.get(name);
    let maxRows = known ? known.rows : sh.getMaxRows();
    // Frozen rows are the header (two) unless the curator froze more: asked only near the grid's end.
    if (maxRows - all.length <= 25 && maxRows - all.length <= sh.getFrozenRows()) {
      sh.insertRowsAfter(maxRows, 1);
      maxRows++;
    }
    const runs = deletionRuns(all);
    const api = runs.length > 1 ? sheetsApi() : null;
    if (api) {
      SpreadsheetApp.flush();
      const sheetId = sh.getSheetId();
      api.batchUpdate(
        {
          requests: runs.map((r) => ({
            deleteDimension: {
              range: { sheetId, dimension: "ROWS", startIndex: r.start, endIndex: r.start + r.count },
            },
          })),
        } as never,
        this.spreadsheetId(),
      );
    } else for (const r of runs) sh.deleteRows(r.start + 1, r.count);
    this.unflushed = true;
    this.prefetched.delete(name);
    if (known) known.rows = maxRows - all.length;
    const seen = this.seen.get(name);
    if (seen) {
      const drop = new Set(all);
      const kept = seen.filter((_, i) => !drop.has(i));
      seen.splice(0, seen.length, ...kept);
    }
  }

  append(name: string, values: CellInput[][]): void {
    if (values.length === 0) return;
    const sh = this.must(name);
    this.write(name, sh.getLastRow(), 0, values);
  }

  /**
   * Grows the grid to hold a write; rows come in chunks so appends rarely pay for growth.
   * Returns the grid's size after growing.
   */
  private grow(
    sh: Sheet,
    rows: number,
    cols: number,
    known?: { rows: number; cols: number },
  ): { rows: number; cols: number } {
    // A known grid that holds the write needs no call. One that does not is asked for again before
    // it grows: another execution may have grown the sheet since (rows inserted after a stale last
    // row would land amid its data).
    if (known && rows <= known.rows && cols <= known.cols) return { rows: known.rows, cols: known.cols };
    let maxRows = sh.getMaxRows();
    if (rows > maxRows) {
      const added = Math.max(rows - maxRows, GROW_ROWS);
      sh.insertRowsAfter(maxRows, added);
      maxRows += added;
    }
    let maxCols = sh.getMaxColumns();
    if (cols > maxCols) {
      sh.insertColumnsAfter(maxCols, cols - maxCols);
      maxCols = cols;
    }
    if (known) Object.assign(known, { rows: maxRows, cols: maxCols });
    return { rows: maxRows, cols: maxCols };
  }

  applyLayout(name: string, layout: SheetLayout): void {
    this.applyLayouts([{ sheet: name, layout }]);
  }

  /**
   * Lays sheets out: with the Sheets advanced service, every sheet in one read and one batch write
   * (layout.ts); without it (not enabled in the manifest), sheet by sheet through SpreadsheetApp.
   * A sheet named twice is laid out as its last entry says.
   */
  applyLayouts(layouts: { sheet: string; layout: SheetLayout }[]): void {
    const last = new Map<string, SheetLayout>();
    for (const l of layouts) {
      last.delete(l.sheet);
      last.set(l.sheet, l.layout);
    }
    // A layout may grow a sheet's grid: its size is asked again at the next write.
    for (const name of last.keys()) this.grids.delete(name);
    const api = sheetsApi();
    if (!api) {
      for (const [name, layout] of last) this.applyLayoutBySheet(name, layout);
      return;
    }
    const targets: LayoutTarget[] = [...last].map(([name, layout]) => ({
      name,
      layout,
      fresh: this.fresh.delete(name),
    }));
    this.id ??= this.ss.getId();
    applyLayoutsWithApi(api, this.id, targets);
    // applyLayoutsWithApi flushed before it read.
    this.unflushed = false;
  }

  /** One sheet's layout through SpreadsheetApp, call by call. */
  private applyLayoutBySheet(name: string, layout: SheetLayout): void {
    const sh = this.must(name);
    // A sheet this adapter has just inserted has nothing to read back: no frozen rows, formats,
    // notes or protections.
    const fresh = this.fresh.delete(name);
    // Physical order: runs of adjacent columns are written in one call each.
    const columns = [...layout.columns].sort((a, b) => a.index - b.index);
    const lastCol = columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
    const size = lastCol > 0 ? this.grow(sh, layout.headerRows + 1, lastCol) : null;
    if ((fresh ? 0 : sh.getFrozenRows()) !== layout.frozenRows) sh.setFrozenRows(layout.frozenRows);
    if (layout.frozenColumns !== undefined && (fresh ? 0 : sh.getFrozenColumns()) !== layout.frozenColumns)
      sh.setFrozenColumns(layout.frozenColumns);
    for (const r of layout.hiddenRows) sh.hideRows(r + 1);
    // Technical columns hidden (still read by key). No filter on this path: the Sheets API sets it.
    for (const run of runs(columns.filter((c) => c.hidden))) sh.hideColumns(run[0].index + 1, run.length);
    if (layout.tabColor) sh.setTabColor(layout.tabColor);

    const first = layout.headerRows + 1;
    const dataRows = size ? Math.max(1, size.rows - layout.headerRows) : 0;
    const wanted: WantedProtection[] = [];
    if (size && !layout.protectSheet) {
      if (layout.headerRows > 0 && layout.protectHeader)
        wanted.push(protection(`${PROTECTION_TAG} заголовки`, 1, 1, layout.headerRows, size.cols));
      for (const c of columns)
        if (c.protected)
          wanted.push(protection(`${PROTECTION_TAG} вычисляемый столбец`, first, c.index + 1, dataRows, 1));
    }
    const missing = this.syncProtections(sh, layout.protectSheet, wanted, fresh);

    if (size) {
      if (layout.conditionalRules) this.applyRules(sh, layout, lastCol, dataRows);
      if (layout.headerRows > 0) {
        const notes: string[] = new Array(lastCol).fill("");
        for (const c of columns) notes[c.index] = c.note ?? "";
        const headerRange = sh.getRange(layout.headerRows, 1, 1, lastCol);
        // Curators' own notes on their own columns survive; notes already in place are not rewritten.
        const existing = fresh ? null : headerRange.getNotes()[0];
        const known = new Set(columns.map((c) => c.index));
        if (existing) for (let i = 0; i < lastCol; i++) if (!known.has(i)) notes[i] = existing[i];
        if (!existing || notes.some((n, i) => n !== existing[i])) headerRange.setNotes([notes]);
        const h = layout.header;
        headerRange.setFontWeight(h && !h.bold ? "normal" : "bold");
        if (h) headerRange.setFontFamily(h.fontFamily).setFontSize(h.fontSize);
        headerRange.setWrap(true).setBackground(h?.background ?? HEADER_BACKGROUND);
      }
      for (const run of runs(
        columns.filter((c) => c.width),
        (a, b) => a.width === b.width,
      ))
        sh.setColumnWidths(run[0].index + 1, run.length, run[0].width as number);
      this.applyNumberFormats(sh, columns, first, dataRows);
      // Data at the top of a row its wrapped text makes tall (Sheets' default is the bottom).
      if (layout.headerRows > 0) sh.getRange(first, 1, dataRows, lastCol).setVerticalAlignment("top");
      for (const run of runs(columns.filter((c) => c.wrap)))
        sh.getRange(first, run[0].index + 1, dataRows, run.length).setWrap(true);
      this.applyValidations(sh, columns, first, dataRows);
      // Single cells after their columns (a parameter of «Настройки» chosen from a list).
      for (const cell of layout.cells ?? [])
        sh.getRange(cell.row + 1, cell.col + 1).setDataValidation(this.rule(cell.validation, new Map()));
    }
    for (const w of missing)
      sh.getRange(w.row, w.col, w.numRows, w.numCols)
        .protect()
        .setDescription(w.description)
        .setWarningOnly(true);
  }

  /**
   * Makes the program's protections (described with PROTECTION_TAG) match: the whole sheet when
   * `protectSheet`, else the `wanted` ranges. One already in place (same description and range,
   * warning only) is kept; the program's others are removed; the curator's own are left alone.
   * A real protection of personal data («Защитить персональные данные») is kept and never
   * weakened. Returns the wanted range protections still to create.
   */
  private syncProtections(
    sh: Sheet,
    protectSheet: boolean,
    wanted: WantedProtection[],
    fresh: boolean,
  ): WantedProtection[] {
    const missing = [...wanted];
    let personalData = false;
    const ownSheet: { p: GoogleAppsScript.Spreadsheet.Protection; d: string }[] = [];
    if (!fresh) {
      for (const p of sh.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
        const d = p.getDescription();
        if (d.indexOf(PROTECTION_TAG) !== 0) continue;
        let i = -1;
        if (missing.some((w) => w.description === d) && p.isWarningOnly()) {
          const key = `${d}\n${p.getRange().getA1Notation()}`;
          i = missing.findIndex((w) => w.key === key);
        }
        if (i >= 0) missing.splice(i, 1);
        else p.remove();
      }
      for (const p of sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)) {
        const d = p.getDescription();
        if (d.indexOf(PRIVACY_TAG) === 0) personalData = true;
        else if (d.indexOf(PROTECTION_TAG) === 0) ownSheet.push({ p, d });
      }
    }
    const sheetDescription = `${PROTECTION_TAG} лист`;
    let sheetProtected = false;
    for (const { p, d } of ownSheet) {
      const keep =
        protectSheet &&
        !personalData &&
        !sheetProtected &&
        d === sheetDescription &&
        p.isWarningOnly() &&
        p.getUnprotectedRanges().length === 0;
      if (keep) sheetProtected = true;
      else p.remove();
    }
    if (protectSheet && !personalData && !sheetProtected)
      sh.protect().setDescription(sheetDescription).setWarningOnly(true);
    return missing;
  }

  /**
   * Number formats of the data rows: one call per run of adjacent columns of the same format. One
   * format over a whole range is a single small request whatever the rows (a 2-D setNumberFormats,
   * or a read of the formats in place, would carry every cell of the data rows).
   */
  private applyNumberFormats(sh: Sheet, columns: ColumnLayout[], first: number, dataRows: number): void {
    const formatted = columns.filter((c) => c.numberFormat);
    for (const run of runs(formatted, (a, b) => a.numberFormat === b.numberFormat))
      sh.getRange(first, run[0].index + 1, dataRows, run.length).setNumberFormat(
        run[0].numberFormat as string,
      );
  }

  /**
   * Data validations of the data rows: one call per run of adjacent columns of the same rule; a
   * column without a validation is cleared (a null rule), as the curator may have added one to a
   * program's column. Each distinct rule is built once.
   */
  private applyValidations(sh: Sheet, columns: ColumnLayout[], first: number, dataRows: number): void {
    const ranged = new Map<string, DataValidation>();
    const ruleOf = new Map<ColumnLayout, DataValidation | null>();
    for (const c of columns) ruleOf.set(c, c.validation ? this.rule(c.validation, ranged) : null);
    for (const run of runs(columns, (a, b) => ruleOf.get(a) === ruleOf.get(b)))
      sh.getRange(first, run[0].index + 1, dataRows, run.length).setDataValidation(
        ruleOf.get(run[0]) ?? null,
      );
  }

  private applyRules(sh: Sheet, layout: SheetLayout, lastCol: number, dataRows: number): void {
    const own = (r: GoogleAppsScript.Spreadsheet.ConditionalFormatRule) => {
      const cond = r.getBooleanCondition();
      return cond?.getCriteriaValues().some((v) => String(v).indexOf(RULE_MARKER) >= 0);
    };
    const kept = sh.getConditionalFormatRules().filter((r) => !own(r));
    const range = sh.getRange(layout.headerRows + 1, 1, dataRows, lastCol);
    const ours = (layout.conditionalRules ?? []).map((rule) => {
      const b = SpreadsheetApp.newConditionalFormatRule()
        .whenFormulaSatisfied(rule.formula)
        .setBackground(rule.background)
        .setRanges([range]);
      return (rule.fontColor ? b.setFontColor(rule.fontColor) : b).build();
    });
    sh.setConditionalFormatRules([...kept, ...ours]);
  }

  /**
   * The rule of a validation spec, built once per spec. A dropdown from a range spans its sheet's
   * rows at the time, so those are cached in `ranged`, for one layout only.
   */
  private rule(v: Validation, ranged: Map<string, DataValidation>): DataValidation {
    const key = JSON.stringify(v);
    const cache = v.kind === "range" ? ranged : this.rules;
    let rule = cache.get(key);
    if (!rule) {
      rule = this.buildRule(v);
      cache.set(key, rule);
    }
    return rule;
  }

  private buildRule(v: Validation): DataValidation {
    const b = SpreadsheetApp.newDataValidation();
    switch (v.kind) {
      case "list":
        return b.requireValueInList(v.values, true).setAllowInvalid(!v.strict).build();
      case "range": {
        const src = this.must(v.sheet);
        const range = src.getRange(
          v.firstRow + 1,
          v.column + 1,
          Math.max(1, src.getMaxRows() - v.firstRow),
          1,
        );
        return b.requireValueInRange(range, true).setAllowInvalid(!v.strict).build();
      }
      case "date":
        return b
          .requireDate()
          .setAllowInvalid(false)
          .setHelpText("Введите дату в формате ДД.ММ.ГГГГ")
          .build();
      case "number":
        return (
          v.min !== undefined && v.max !== undefined
            ? b.requireNumberBetween(v.min, v.max)
            : b.requireNumberGreaterThanOrEqualTo(v.min ?? 0)
        )
          .setAllowInvalid(false)
          .setHelpText(
            v.min !== undefined && v.max !== undefined
              ? `Введите число от ${v.min} до ${v.max}`
              : `Введите число не меньше ${v.min ?? 0}`,
          )
          .build();
      case "email":
        return b
          .requireTextIsEmail()
          .setAllowInvalid(true)
          .setHelpText("Введите адрес электронной почты")
          .build();
      case "checkbox":
        return b.requireCheckbox().build();
    }
  }
}
