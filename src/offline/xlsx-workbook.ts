import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
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
import { columnLetter } from "../core/workbook/a1";
import { printPagesWide } from "../core/workbook/layout";
import { mergedWriteMessage } from "../core/workbook/merges";
import { mergedDeleteMessage, mergeInTheWay } from "../core/workbook/rows";
import { type AtomicWriteOptions, backupPathOf, type FileSnapshot, writeFileAtomic } from "./atomic-file";
import { collectGarbage } from "./memory";
import { loadExcelBookLight, readXlsxBytes, type XlsxRole } from "./xlsx-file";
import { deleteLightRows, inputAsCell, LIGHT_SHEET_BYTES, type LightSheet, lightValue } from "./xlsx-light";
import { deleteWorksheetRows, removeNote } from "./xlsx-rows";
import { canStream, cellCount, STREAM_CELLS, streamXlsx } from "./xlsx-stream";

/** An .xlsx file this large (about 200,000 cells) is a large workbook for memory's sake. */
const LARGE_FILE_BYTES = 2_000_000;

/** Rows below the header that get validations and formats (Excel has no open-ended column range). */
const LAYOUT_ROWS = 2000;

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A cell of exceljs as a plain value: formulas give their cached result, rich text its text. */
function plain(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return "";
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (isDate(v)) return new Date(v.getTime());
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const r = (v as ExcelJS.CellFormulaValue).result;
      if (r === undefined || r === null) return "";
      if (typeof r === "object" && !isDate(r)) return "#ERROR!";
      return r as Cell;
    }
    if ("hyperlink" in v) return String((v as ExcelJS.CellHyperlinkValue).text ?? "");
    if ("error" in v) return String((v as ExcelJS.CellErrorValue).error);
  }
  return String(v);
}

/** A cell's plain value; a formula gives its cached result (`cell.result`: `value` loses 0 and ""). */
function plainCell(cell: ExcelJS.Cell): Cell {
  const v = cell.value;
  if (v !== null && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const r = cell.result as unknown;
    if (r === undefined || r === null) return "";
    if (typeof r === "object" && !isDate(r)) return "#ERROR!";
    return r as Cell;
  }
  return plain(v);
}

/** A note's text: exceljs gives a string or rich text runs. */
export function noteText(note: unknown): string {
  if (note === null || note === undefined) return "";
  if (typeof note === "string") return note;
  if (typeof note === "object" && "texts" in (note as object)) {
    const texts = (note as { texts?: { text?: string }[] }).texts ?? [];
    return texts.map((t) => t.text ?? "").join("");
  }
  return "";
}

/** True when writing `v` would leave the cell's value as it is (its formula, link, style kept). */
function sameCell(cell: ExcelJS.Cell, v: CellInput): boolean {
  return sameValue(cell.isMerged && cell.master !== cell ? "" : plainCell(cell), v);
}

function sameValue(now: Cell, v: CellInput): boolean {
  const next = v === null ? "" : (v as Cell);
  if (isDate(now) || isDate(next)) return isDate(now) && isDate(next) && now.getTime() === next.getTime();
  return now === next;
}

/** The merged ranges of a worksheet, 0-based («A3:B4» → row 2, col 0, 2 × 2). */
function mergesOf(ws: ExcelJS.Worksheet): MergedRange[] {
  const out: MergedRange[] = [];
  for (const ref of ws.model.merges ?? []) {
    const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(ref);
    if (!m) continue;
    const c1 = columnNumber(m[1]);
    const c2 = columnNumber(m[3]);
    const r1 = Number(m[2]);
    const r2 = Number(m[4]);
    out.push({ row: r1 - 1, col: c1 - 1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 });
  }
  return out;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A path through symbolic links when the file exists: a save replaces the real file, not the link. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The workbook port on an .xlsx file, held in memory; `save` writes it back. */
export class XlsxWorkbook implements WorkbookPort {
  /** Calls made through the port, by method: the offline twin of the Apps Script call count. */
  readonly calls: Record<string, number> = {};
  /**
   * The file as it was read (or found absent): `save` to the same path refuses when the file on disk
   * is no longer this one, so that a version another program saved meanwhile is never overwritten.
   */
  origin?: FileSnapshot;

  /**
   * @param light the sheets whose data rows are held raw (xlsx-light.ts): their exceljs worksheet
   * holds only the header rows; a save streams them back.
   */
  constructor(
    readonly book: ExcelJS.Workbook,
    readonly light: Map<ExcelJS.Worksheet, LightSheet> = new Map(),
  ) {}

  static create(): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = "Наставничество";
    return new XlsxWorkbook(book);
  }

  /**
   * Reads an .xlsx file (`role` "table": a table given to import, not the program's workbook); every
   * way it can fail is a Russian `CliError` (see xlsx-file.ts).
   */
  static async load(
    path: string,
    role: XlsxRole = "workbook",
    options: { lightBytes?: number | null } = {},
  ): Promise<XlsxWorkbook> {
    const { bytes, snapshot } = readXlsxBytes(path);
    // The program's own workbook keeps its large sheets' data rows raw (issue 15, item 6).
    const lightBytes =
      options.lightBytes !== undefined ? options.lightBytes : role === "workbook" ? LIGHT_SHEET_BYTES : null;
    const { book, light } = await loadExcelBookLight(bytes, path, role, lightBytes);
    const wb = new XlsxWorkbook(book, light);
    wb.origin = snapshot;
    // A large workbook's reading leaves much garbage: collected before the command's own work.
    if (bytes.length >= LARGE_FILE_BYTES) collectGarbage();
    return wb;
  }

  /**
   * Writes the workbook atomically (temporary file, fsync, rename), keeping the version it replaces
   * as «NAME.bak.xlsx» beside it; refuses when the file changed on disk since it was read.
   */
  async save(
    path: string,
    options: Pick<AtomicWriteOptions, "onStep"> & { stream?: boolean } = {},
  ): Promise<void> {
    const target = realPath(resolve(path));
    // A large workbook is written row by row (xlsx-stream.ts): writeBuffer held it twice more.
    // Light sheets are written only by the streaming writer.
    const stream =
      this.light.size > 0 ||
      (options.stream ?? (canStream(this.book) && cellCount(this.book) >= STREAM_CELLS));
    fitForSave(this.book, this.light);
    // The command's garbage collected before the save makes its own.
    if (stream) collectGarbage();
    const data = stream
      ? await streamXlsx(this.book, this.light)
      : new Uint8Array(await this.book.xlsx.writeBuffer());
    const expect = this.origin && realPath(resolve(this.origin.path)) === target ? this.origin : undefined;
    this.origin = writeFileAtomic(target, data, {
      backup: backupPathOf(target),
      expect,
      onStep: options.onStep,
    });
  }

  private count(method: string) {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  private ws(name: string): ExcelJS.Worksheet | undefined {
    return this.book.getWorksheet(name);
  }

  /** Rows a sheet reaches, its raw rows included. */
  private rowCount(ws: ExcelJS.Worksheet): number {
    const light = this.light.get(ws);
    const raw = light && light.numbers.length > 0 ? light.numbers[light.numbers.length - 1] : 0;
    return Math.max(ws.rowCount, raw);
  }

  private must(name: string): ExcelJS.Worksheet {
    const ws = this.ws(name);
    if (!ws) throw new Error(`Нет листа «${name}». Выполните «mentor init».`);
    return ws;
  }

  sheetNames(): string[] {
    this.count("sheetNames");
    return this.book.worksheets.map((w) => w.name);
  }

  renameSheet(from: string, to: string): void {
    this.count("renameSheet");
    this.must(from).name = to;
  }

  ensureSheet(name: string, position?: number): boolean {
    this.count("ensureSheet");
    if (this.ws(name)) return false;
    const ws = this.book.addWorksheet(name);
    if (position !== undefined) {
      // exceljs orders tabs by orderNo.
      const sheets = this.book.worksheets.filter((w) => w !== ws);
      sheets.splice(Math.min(position, sheets.length), 0, ws);
      sheets.forEach((w, i) => {
        (w as unknown as { orderNo: number }).orderNo = i;
      });
    }
    return true;
  }

  read(name: string): Cell[][] {
    this.count("read");
    return this.grid(name);
  }

  private grid(name: string): Cell[][] {
    const ws = this.ws(name);
    if (!ws) return [];
    let lastRow = 0;
    let lastCol = 0;
    const light = this.light.get(ws);
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (light?.index.has(r)) return;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (plainCell(cell) !== "") {
          if (r > lastRow) lastRow = r;
          if (c > lastCol) lastCol = c;
        }
      });
    });
    if (light) {
      light.values.forEach((values, k) => {
        for (let c = values.length; c > 0; c--)
          if (values[c - 1] !== "") {
            lastRow = Math.max(lastRow, light.numbers[k]);
            lastCol = Math.max(lastCol, c);
            break;
          }
      });
      for (const [r, changes] of light.changes)
        for (const [c, v] of changes)
          if (inputAsCell(v) !== "") {
            lastRow = Math.max(lastRow, r);
            lastCol = Math.max(lastCol, c);
          }
    }
    const grid: Cell[][] = [];
    for (let r = 1; r <= lastRow; r++) {
      if (light?.index.has(r)) {
        const out: Cell[] = [];
        for (let c = 1; c <= lastCol; c++) out.push(lightValue(light, r, c) as Cell);
        grid.push(out);
        continue;
      }
      const row = ws.getRow(r);
      const out: Cell[] = [];
      // A merged range's value is its top-left cell's: the others read blank, as in Google Sheets
      // (exceljs repeats the value in every cell, which made one ID three people's).
      for (let c = 1; c <= lastCol; c++) {
        const cell = row.getCell(c);
        out.push(cell.isMerged && cell.master !== cell ? "" : plainCell(cell));
      }
      grid.push(out);
    }
    return grid;
  }

  /** The notes (comments) of the used area from A1, "" where none. */
  readNotes(name: string): string[][] {
    this.count("readNotes");
    const ws = this.ws(name);
    if (!ws) return [];
    const found: { r: number; c: number; text: string }[] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const text = noteText(cell.note);
        if (text !== "") found.push({ r, c, text });
      });
    });
    if (found.length === 0) return [];
    const h = Math.max(...found.map((f) => f.r));
    const w = Math.max(...found.map((f) => f.c));
    const grid = Array.from({ length: h }, () => new Array<string>(w).fill(""));
    for (const f of found) grid[f.r - 1][f.c - 1] = f.text;
    return grid;
  }

  /** Writes notes from A1: a changed note is replaced by plain text, "" removes it. */
  writeNotes(name: string, notes: string[][]): void {
    this.count("writeNotes");
    const ws = this.must(name);
    const light = this.light.get(ws);
    notes.forEach((row, r) => {
      row.forEach((text, c) => {
        if (light?.index.has(r + 1)) {
          // Raw rows hold no notes (a sheet with notes there is loaded whole).
          if (text === "") return;
          throw new Error(
            `Заметка в строке ${r + 1} листа «${name}»: лист прочитан без заметок строк данных`,
          );
        }
        const cell = ws.getCell(r + 1, c + 1);
        if (noteText(cell.note) === text) return;
        // "" removes the note (no empty comment left in the file).
        if (text === "") removeNote(cell);
        else cell.note = text;
      });
    });
  }

  /** The merged ranges of a sheet, 0-based. */
  mergedRanges(name: string): MergedRange[] {
    this.count("mergedRanges");
    const ws = this.ws(name);
    if (!ws) return [];
    return mergesOf(ws);
  }

  /** Deletes whole rows (0-based): what is below moves up with its formulas, links and notes. */
  deleteRows(name: string, rows: number[]): void {
    this.count("deleteRows");
    const ws = this.must(name);
    const m = mergeInTheWay(mergesOf(ws), rows);
    if (m) throw new Error(mergedDeleteMessage(name, m));
    const deleted = [...new Set(rows.map((r) => r + 1))].filter((r) => r >= 1).sort((a, b) => a - b);
    deleteWorksheetRows(ws, deleted);
    const light = this.light.get(ws);
    if (light) deleteLightRows(light, ws.name, deleted);
  }

  write(name: string, row: number, col: number, values: CellInput[][]): void {
    this.count("write");
    this.put(name, row, col, values);
  }

  /**
   * Writes only the cells whose value changes: a cell the program leaves as it was keeps the
   * curator's formula, hyperlink, rich text and style. Nothing is written through a merged range:
   * a change inside one is refused, in Russian, with its address, before any cell is written.
   */
  private put(name: string, row: number, col: number, values: CellInput[][]): void {
    const ws = this.must(name);
    const changes: { cell: ExcelJS.Cell; v: CellInput }[] = [];
    const light = this.light.get(ws);
    const raw: { r: number; c: number; v: CellInput }[] = [];
    values.forEach((r, i) => {
      const rowNumber = row + i + 1;
      if (light?.index.has(rowNumber)) {
        r.forEach((v, j) => {
          const c = col + j + 1;
          if (!isFormula(v) && sameValue(lightValue(light, rowNumber, c) as Cell, v)) return;
          raw.push({ r: rowNumber, c, v });
        });
        return;
      }
      const xlRow = ws.getRow(rowNumber);
      r.forEach((v, j) => {
        const cell = xlRow.getCell(col + j + 1);
        if (!isFormula(v) && sameCell(cell, v)) return;
        changes.push({ cell, v });
      });
    });
    if (changes.length === 0 && raw.length === 0) return;
    const merges = mergesOf(ws);
    if (merges.length > 0)
      for (const at of [
        ...changes.map(({ cell }) => ({ r: Number(cell.row), c: Number(cell.col) })),
        ...raw,
      ]) {
        const r = at.r - 1;
        const c = at.c - 1;
        const m = merges.find((g) => r >= g.row && r < g.row + g.rows && c >= g.col && c < g.col + g.cols);
        if (m) throw new Error(mergedWriteMessage(name, m));
      }
    if (light)
      for (const { r, c, v } of raw) {
        const row = light.changes.get(r) ?? new Map<number, CellInput>();
        light.changes.set(r, row);
        row.set(c, isDate(v) ? new Date(v.getTime()) : v);
      }
    for (const { cell, v } of changes) {
      if (v === null || v === "") cell.value = null;
      else if (isFormula(v))
        cell.value = { formula: v.formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
      else if (isDate(v)) {
        cell.value = new Date(v.getTime());
        // A copy: exceljs shares one style object among the cells read with the same style, and
        // setting `numFmt` would turn every one of them (on any sheet) into a date.
        if (!cell.numFmt || cell.numFmt === "General") cell.style = { ...cell.style, numFmt: "dd.mm.yyyy" };
      } else cell.value = v; // strings are always stored as text in xlsx: never a formula
    }
  }

  append(name: string, values: CellInput[][]): void {
    this.count("append");
    this.put(name, this.grid(name).length, 0, values);
  }

  applyLayout(name: string, layout: SheetLayout): void {
    this.count("applyLayout");
    const ws = this.must(name);
    const xSplit = layout.frozenColumns ?? 0;
    ws.views =
      layout.frozenRows > 0 || xSplit > 0 ? [{ state: "frozen", ySplit: layout.frozenRows, xSplit }] : [];
    const light = this.light.get(ws);
    for (const r of layout.hiddenRows) {
      if (light?.index.has(r + 1)) throw new Error(`Строка ${r + 1} листа «${name}» не может быть скрыта`);
      ws.getRow(r + 1).hidden = true;
    }
    if (layout.tabColor) ws.properties.tabColor = { argb: `FF${layout.tabColor.slice(1).toUpperCase()}` };

    const managed = new Set(layout.columns.map((c) => columnLetter(c.index)));
    // exceljs keeps validations by address (not in its typings); ranges are exploded on load.
    const model = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations
      .model;
    for (const address of Object.keys(model)) {
      const letters = /^([A-Z]+)\d+/.exec(address)?.[1];
      if (letters && managed.has(letters)) delete model[address];
    }
    const first = layout.headerRows + 1;
    const last = Math.max(LAYOUT_ROWS, this.rowCount(ws) + 500);
    for (const c of layout.columns) {
      const letter = columnLetter(c.index);
      const column = ws.getColumn(c.index + 1);
      if (c.width) column.width = Math.round(c.width / 7);
      if (layout.headerRows > 0) {
        const header = ws.getCell(layout.headerRows, c.index + 1);
        header.note = c.note ? c.note : (undefined as unknown as string);
        const h = layout.header;
        header.font = h ? { name: h.fontFamily, size: h.fontSize, bold: h.bold } : { bold: true };
        header.alignment = { wrapText: true, vertical: "top" };
        header.fill = {
          type: "pattern",
          pattern: "solid",
          fgColor: { argb: argb(h?.background ?? "#eef2f8") },
        };
      }
      if (c.numberFormat) column.numFmt = c.numberFormat;
      if (c.hidden) column.hidden = true;
      // The column's style (new cells take it) and every cell in it, the header's alignment put back
      // after: data at the top of a row its wrapped text makes tall, as the reader reads it.
      if (layout.headerRows > 0) {
        column.alignment = c.wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
        ws.getCell(layout.headerRows, c.index + 1).alignment = { wrapText: true, vertical: "top" };
      }
      const v = c.validation;
      if (!v) continue;
      const address = `${letter}${first}:${letter}${last}`;
      const dv = this.validation(v);
      if (dv) model[address] = dv;
    }
    if (layout.conditionalRules) {
      const ref = `A${first}:${columnLetter(Math.max(0, ...layout.columns.map((c) => c.index)))}${last}`;
      const own = (cf: ExcelJS.ConditionalFormattingOptions) =>
        cf.rules.some(
          (r) => "formulae" in r && (r.formulae ?? []).some((f) => String(f).includes(RULE_MARKER)),
        );
      const holder = ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] };
      holder.conditionalFormattings = (holder.conditionalFormattings ?? []).filter((cf) => !own(cf));
      layout.conditionalRules.forEach((rule, i) => {
        ws.addConditionalFormatting({
          ref,
          rules: [
            {
              type: "expression",
              priority: i + 1,
              formulae: [rule.formula.replace(/^=/, "")],
              style: {
                fill: {
                  type: "pattern",
                  pattern: "solid",
                  bgColor: { argb: `FF${rule.background.slice(1).toUpperCase()}` },
                },
                ...(rule.fontColor
                  ? { font: { color: { argb: `FF${rule.fontColor.slice(1).toUpperCase()}` } } }
                  : {}),
              },
            },
          ],
        });
      });
    }
    const lastCol = layout.columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
    // Excel keeps a row's stored height: the header row is made tall enough for its wrapped headers.
    if (layout.headerRows > 0 && lastCol > 0) {
      const lines = Math.max(
        1,
        ...layout.columns.map((c) =>
          wrappedLines(String(ws.getCell(layout.headerRows, c.index + 1).value ?? ""), c.width ?? 100),
        ),
      );
      if (lines > 1) ws.getRow(layout.headerRows).height = lines * HEADER_LINE_POINTS;
    }
    if (layout.filter && layout.headerRows > 0 && lastCol > 0)
      ws.autoFilter = `A${layout.headerRows}:${columnLetter(lastCol - 1)}${Math.max(last, this.rowCount(ws))}`;
    if (layout.print) this.setUpPrint(ws, layout, lastCol);
    if (layout.protectSheet)
      void ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true });
  }

  /**
   * A4 landscape with narrow margins; the header rows and, when the table takes more than one
   * page's width, the frozen columns repeated on every page; the columns right of `printColumns`
   * out of the print area (the area's rows follow the data at each save: `fitPrintAreas`); as many
   * pages wide as keep the printed text at 65 % or larger (core's `printPagesWide`), where one page
   * wide printed «Пары» at 28 %.
   */
  private setUpPrint(ws: ExcelJS.Worksheet, layout: SheetLayout, lastCol: number): void {
    const printed = layout.printColumns ?? lastCol;
    const px = (c: number) => {
      const col = ws.getColumn(c + 1);
      return col.hidden ? 0 : Math.round((col.width ?? 13) * 7);
    };
    let width = 0;
    for (let c = 0; c < printed; c++) width += px(c);
    const titles = Math.min(layout.frozenColumns ?? 0, printed);
    let titlePx = 0;
    for (let c = 0; c < titles; c++) titlePx += px(c);
    const pages = width > 0 ? printPagesWide(width, titlePx) : 1;
    const setup: Partial<ExcelJS.PageSetup> = {
      ...ws.pageSetup,
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: pages,
      fitToHeight: 0,
      pageOrder: "overThenDown",
      margins: { left: 0.25, right: 0.25, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(layout.headerRows > 0 ? { printTitlesRow: `1:${layout.headerRows}` } : {}),
    };
    if (pages > 1 && titles > 0) setup.printTitlesColumn = `A:${columnLetter(titles - 1)}`;
    else delete setup.printTitlesColumn;
    if (layout.printColumns !== undefined && printed > 0)
      setup.printArea = `A$1:${columnLetter(printed - 1)}$${Math.max(this.rowCount(ws), layout.headerRows + 1)}`;
    else delete setup.printArea;
    ws.pageSetup = setup as ExcelJS.PageSetup;
    // Each page names its sheet and its number: a workbook printed whole stays in order.
    ws.headerFooter = { ...ws.headerFooter, oddHeader: PRINT_HEADER, oddFooter: PRINT_FOOTER };
  }

  private validation(
    v: NonNullable<SheetLayout["columns"][number]["validation"]>,
  ): ExcelJS.DataValidation | null {
    switch (v.kind) {
      case "list": {
        const list = v.values.map((s) => s.replace(/"/g, '""')).join(",");
        return {
          type: "list",
          allowBlank: true,
          formulae: [`"${list}"`],
          showErrorMessage: v.strict,
          errorStyle: "stop",
          error: "Выберите значение из списка",
        };
      }
      case "range": {
        const letter = columnLetter(v.column);
        return {
          type: "list",
          allowBlank: true,
          formulae: [`${quoteSheet(v.sheet)}!$${letter}$${v.firstRow + 1}:$${letter}$${LAYOUT_ROWS}`],
          showErrorMessage: v.strict,
          errorStyle: "warning",
          error: "Значения нет в справочнике",
        };
      }
      case "date":
        return {
          type: "date",
          operator: "greaterThan",
          allowBlank: true,
          formulae: [new Date(Date.UTC(1900, 0, 1))],
          showErrorMessage: true,
          error: "Введите дату в формате ДД.ММ.ГГГГ",
        };
      case "number":
        return {
          type: "decimal",
          operator: v.max !== undefined ? "between" : "greaterThanOrEqual",
          allowBlank: true,
          formulae: v.max !== undefined ? [v.min ?? 0, v.max] : [v.min ?? 0],
          showErrorMessage: true,
          error: v.max !== undefined ? `Введите число от ${v.min ?? 0} до ${v.max}` : "Введите число",
        };
      case "email":
      case "checkbox":
        return null;
    }
  }
}

/** What a save settles from the data: rows as tall as their wrapped text, print areas to the last row. */
export function fitForSave(
  book: ExcelJS.Workbook,
  light: Map<ExcelJS.Worksheet, LightSheet> = new Map(),
): void {
  fitWrappedRows(book);
  fitPrintAreas(book, light);
}

/** The printed page's header (the sheet's name, left) and footer (the page number, right). */
export const PRINT_HEADER = "&L&A";
export const PRINT_FOOTER = "&RСтраница &P";

/** "#eef2f8" as exceljs's ARGB. */
function argb(hex: string): string {
  return `FF${hex.slice(1).toUpperCase()}`;
}

/**
 * A print area ends at the sheet's last row at each save: rows added since the layout print too
 * (an area is stored with its rows; a whole-column area does not survive exceljs's reading). Its
 * rows are written absolute («A$1:Q$52»: exceljs puts the «$» before each column): LibreOffice
 * ignores a print area with relative rows and prints the whole sheet.
 */
export function fitPrintAreas(
  book: ExcelJS.Workbook,
  light: Map<ExcelJS.Worksheet, LightSheet> = new Map(),
): void {
  for (const ws of book.worksheets) {
    const area = ws.pageSetup?.printArea;
    const m = area ? /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(area) : null;
    if (!m) continue;
    const raw = light.get(ws)?.numbers;
    const last = Math.max(Number(m[2]), ws.rowCount, raw && raw.length > 0 ? raw[raw.length - 1] : 0);
    const want = `${m[1]}$${m[2]}:${m[3]}$${last}`;
    if (area !== want) ws.pageSetup.printArea = want;
  }
}

/** Points per line of the bold 11-point header text. */
const HEADER_LINE_POINTS = 15;

/**
 * Lines a text takes when wrapped word by word in a column `widthPx` pixels wide, at about 7.5
 * pixels a character of bold 11-point text (the filter button takes another 16 pixels).
 */
export function wrappedLines(text: string, widthPx: number): number {
  const perLine = Math.max(4, Math.floor((widthPx - 22) / 7.5));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = -1;
    lines++;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      if (used >= 0 && used + 1 + word.length > perLine) {
        lines++;
        used = -1;
      }
      used = used < 0 ? Math.min(word.length, perLine) : used + 1 + word.length;
      if (word.length > perLine) lines += Math.ceil(word.length / perLine) - 1;
    }
  }
  return Math.max(1, lines);
}

/**
 * Data rows of the tables (the sheets with a filter) as tall as their wrapped text: neither Excel
 * nor LibreOffice grows a stored row when it opens the file, so a long reason would print over the
 * rows below. A row with no wrapped text over one line keeps the default height.
 */
export function fitWrappedRows(book: ExcelJS.Workbook): void {
  for (const ws of book.worksheets) {
    if (!ws.autoFilter) continue;
    const first = (ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0;
    const widths = new Map<number, number>();
    const widthOf = (c: number) => {
      let w = widths.get(c);
      if (w === undefined) {
        w = Math.round((ws.getColumn(c).width ?? 13) * 7);
        widths.set(c, w);
      }
      return w;
    };
    ws.eachRow((row, r) => {
      if (r <= first) return;
      let lines = 1;
      row.eachCell((cell, c) => {
        if (cell.alignment?.wrapText && typeof cell.value === "string" && cell.value.length > 10)
          lines = Math.max(lines, wrappedLines(cell.value, widthOf(c) + 16));
      });
      const height = lines > 1 ? lines * HEADER_LINE_POINTS : undefined;
      // A height this function did not set (not whole lines) is the curator's and stays.
      const ours = row.height === undefined || row.height % HEADER_LINE_POINTS === 0;
      if (row.height !== height && (height !== undefined || ours)) row.height = height as number;
    });
  }
}
