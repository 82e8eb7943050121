/**
 * Ports: the small interfaces every use-case is written against. Apps Script (src/gas) and Node
 * (src/offline) each implement them; core never touches a runtime API directly.
 */

/** A formula the program itself writes (never user text). */
export interface Formula {
  formula: string;
}

/**
 * What a cell holds. Blanks are "" (as Apps Script returns them); dates are Date objects.
 *
 * Dates in core are wall-clock times of the school's zone encoded in the UTC fields (a calendar
 * date is midnight UTC). Adapters convert: Apps Script shifts by the spreadsheet's zone offset on
 * read and write; xlsx serial dates are already wall-clock. Core never uses the machine's zone.
 */
export type Cell = string | number | boolean | Date;

/** What may be written: a value, or a program-made formula. */
export type CellInput = Cell | Formula | null;

export type Grid = Cell[][];

/** Data validation of one column, applied to its data rows. */
export type Validation =
  | { kind: "list"; values: string[]; strict: boolean }
  /** A dropdown fed by a column of another sheet (e.g. «Справочники»), data rows only. */
  | { kind: "range"; sheet: string; column: number; firstRow: number; strict: boolean }
  | { kind: "date" }
  | { kind: "number"; min?: number; max?: number }
  | { kind: "email" }
  | { kind: "checkbox" };

export interface ColumnLayout {
  /** 0-based physical column index. */
  index: number;
  width?: number;
  /** Note shown on the header cell. */
  note?: string;
  validation?: Validation;
  numberFormat?: string;
  /** Computed by the program: protected (a warning on edit). */
  protected?: boolean;
  /** A technical column: hidden (it is still read and found by its key). */
  hidden?: boolean;
  /** Wrap the text of its data cells. */
  wrap?: boolean;
}

/**
 * A conditional format over the data rows of the whole table width. The formula is written for
 * the first data row (e.g. `=AND($F3<>"";$F3<TODAY())` with commas), with relative rows.
 */
export interface ConditionalRule {
  formula: string;
  background: string;
  fontColor?: string;
}

/** Marks the program's own conditional formats (N("…") is 0 in Sheets, Excel and LibreOffice). */
export const RULE_MARKER = 'N("Наставничество")=0';

/** The look of a table's header rows (sheets-templates/workbook.json «headerStyle»). */
export interface HeaderStyle {
  fontFamily: string;
  /** Points, a whole number. */
  fontSize: number;
  bold: boolean;
  /** "#rrggbb". */
  background: string;
}

/** Everything about a sheet that is not its cell values. Applied idempotently by the adapter. */
export interface SheetLayout {
  /** Rows frozen at the top (the hidden key row plus the header row). */
  frozenRows: number;
  /** Columns frozen at the left (up to the name column); absent: none. */
  frozenColumns?: number;
  /** A filter over the table: from the last header row down, across its columns. */
  filter?: boolean;
  /**
   * Set up for printing: A4 landscape, the header rows and the frozen columns repeated on every
   * page, as many pages wide as keep the print legible (`printPagesWide`).
   */
  print?: boolean;
  /** Printed columns, from the left (absent: all); the columns right of them are not printed. */
  printColumns?: number;
  /** The header row's font and background (absent: bold on the default background). */
  header?: HeaderStyle;
  /** 0-based rows to hide (the key row). */
  hiddenRows: number[];
  /** How many rows hold headers (key row + header row); validations start below them. */
  headerRows: number;
  columns: ColumnLayout[];
  /** Protect the header rows (warning only: the curator owns the workbook). */
  protectHeader: boolean;
  /** Protect the whole sheet (e.g. «Сводка», «Журнал»). */
  protectSheet: boolean;
  /** Tab colour, "#rrggbb". */
  tabColor?: string;
  /** The program's conditional formats; the curator's own rules are kept. */
  conditionalRules?: ConditionalRule[];
  /**
   * Validations of single cells (0-based row and column), applied after the columns' (e.g. a
   * parameter of «Настройки» chosen from a list). An adapter may leave them out.
   */
  cells?: { row: number; col: number; validation: Validation }[];
}

/**
 * A workbook of sheets, each read and written in batch. Row and column indexes are 0-based.
 * Implementations must: return rectangular grids with "" for blanks; write `Formula` cells as
 * formulas and every string as literal text (a leading = + - @ never becomes a formula).
 */
export interface WorkbookPort {
  sheetNames(): string[];
  /** Renames a sheet (used to restore a template sheet a curator renamed). */
  renameSheet(from: string, to: string): void;
  /** Creates the sheet if absent (at `position` among the tabs, when given). True if created. */
  ensureSheet(name: string, position?: number): boolean;
  /** The whole used area of a sheet in one read; [] for an empty or absent sheet. */
  read(sheet: string): Grid;
  /** One batch write of a rectangular block whose top-left corner is (row, col). */
  write(sheet: string, row: number, col: number, values: CellInput[][]): void;
  /** Appends rows after the last used row, in one batch. */
  append(sheet: string, values: CellInput[][]): void;
  /** Applies frozen rows, notes, validations, widths, protection. Idempotent. */
  applyLayout(sheet: string, layout: SheetLayout): void;
  /**
   * Optional: several sheets' layouts at once, as applyLayout would apply them one by one — an
   * adapter may batch them (Apps Script: one Sheets API request for all). See `applyLayouts` in
   * core/workbook/layout.ts.
   */
  applyLayouts?(layouts: { sheet: string; layout: SheetLayout }[]): void;
  /**
   * Optional: just the cells of a block (0-based corner), "" past the sheet's end — a cheap re-read
   * for the edit guard (core/workbook/guard.ts). Without it the guard re-reads the whole sheet.
   */
  readBlock?(sheet: string, row: number, col: number, rows: number, cols: number): Grid;
  /**
   * Optional: the operation is about to read these sheets — an adapter may read them all now in
   * one request (Apps Script: one Sheets API request) and serve each to its next `read`. Reads
   * give the same values with or without it.
   */
  prefetch?(sheets: string[]): void;
  /**
   * Optional: the notes (comments) of a sheet's cells from A1 over its used area, "" where a cell has
   * none; [] for an empty or absent sheet. Erasure reads them (a curator's note may name a person).
   */
  readNotes?(sheet: string): string[][];
  /** Optional: writes notes from A1 in one batch ("" removes a cell's note). */
  writeNotes?(sheet: string, notes: string[][]): void;
  /**
   * Optional: deletes whole rows (0-based indexes, any order, each once); the rows below move up
   * with everything on them — the curator's own columns, formulas, links, notes. A table deletes its
   * removed rows through it (without it, a table rewrites its data area after a removal). Refused,
   * in Russian, when a merged range lies at or below the first deleted row.
   */
  deleteRows?(sheet: string, rows: number[]): void;
  /**
   * Optional: the merged ranges of a sheet (0-based corner, size). A table never has merged cells a
   * command writes through: see core/workbook/merges.ts.
   */
  mergedRanges?(sheet: string): MergedRange[];
}

/** A merged range of cells: its 0-based top-left corner and size. */
export interface MergedRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Progress for long work: toasts in Sheets, a progress line in the CLI. */
export interface ProgressPort {
  report(message: string, done?: number, total?: number): void;
}

export interface ClockPort {
  /** The current wall-clock time of the school's zone, in UTC fields (see Cell). */
  now(): Date;
}

/** A script-wide lock: at most one writer at a time. */
export interface LockPort {
  /** Runs `fn` holding the lock; throws a Russian message if it cannot be had in `timeoutMs`. */
  withLock<T>(timeoutMs: number, fn: () => T): T;
}

/** How long an operation waits for another one's workbook lock before it refuses. */
export const LOCK_TIMEOUT_MS = 30000;

/**
 * How long the daily reminders trigger waits for the lock: nobody is waiting for it and it runs
 * once a day, so it outwaits a long menu action rather than skip a day's reminders.
 */
export const DAILY_TRIGGER_LOCK_TIMEOUT_MS = 120000;

/**
 * Runs `fn` holding the workbook lock of the ports, so that two operations never write the
 * workbook at once; without a lock (Node, tests, a caller that already holds it) it just runs.
 */
export function withWorkbookLock<T>(
  ports: { lock?: LockPort },
  fn: () => T,
  timeoutMs: number = LOCK_TIMEOUT_MS,
): T {
  return ports.lock ? ports.lock.withLock(timeoutMs, fn) : fn();
}

export interface MailMessage {
  to: string[];
  subject: string;
  body: string;
  /** Where a reader's answer goes: the curator, as the program sends from a robot's address. */
  replyTo?: string;
  htmlBody?: string;
  attachments?: { name: string; mimeType: string; bytes: Uint8Array }[];
}

export interface MailerPort {
  remainingQuota(): number;
  send(message: MailMessage): void;
}

export const noProgress: ProgressPort = { report() {} };

export function isFormula(v: unknown): v is Formula {
  return typeof v === "object" && v !== null && typeof (v as Formula).formula === "string";
}

/** Date check that works across realms (gas-local runs code in a separate V8 context). */
export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]" && !Number.isNaN((v as Date).getTime());
}
