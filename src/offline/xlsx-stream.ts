/**
 * A large workbook written row by row (issue 15, item 6). exceljs's `writeBuffer` renders every
 * sheet's XML in memory before zipping it: at 3,000 mentors, 10,000 mentees and 90,000 meetings it
 * held more than 1 GB beside the workbook itself. Its streaming `WorkbookWriter` renders one row at
 * a time into the zip; this copies the loaded model into it — cells (values, formulas, hyperlinks,
 * rich text, styles, notes), rows (height, hidden), columns, merges, validations, conditional
 * formats, views, tab colours, protection, hidden sheets, defined names — and returns the bytes.
 * A workbook with what the streaming writer cannot carry (pictures, tables) is written whole.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { type LightSheet, renderRow, type WriterTables } from "./xlsx-light";

/** The cells at which a save streams (fewer: exceljs's whole-book writer, as before). */
export const STREAM_CELLS = 250_000;

interface SheetInternals {
  dataValidations: { model: Record<string, unknown> };
  conditionalFormattings?: unknown[];
  sheetProtection?: unknown;
  autoFilter?: unknown;
  state?: string;
  pageSetup?: unknown;
  headerFooter?: unknown;
  getImages(): unknown[];
  tables?: Record<string, unknown>;
  model: { merges?: string[] };
}

interface WriterInternals {
  dataValidations: { model: Record<string, unknown> };
  conditionalFormatting: unknown[];
  sheetProtection: unknown;
  autoFilter?: unknown;
}

/** Cells a workbook holds (values and styles alike), to choose the writer. */
export function cellCount(book: ExcelJS.Workbook): number {
  let n = 0;
  for (const ws of book.worksheets) ws.eachRow({ includeEmpty: true }, (row) => (n += row.cellCount));
  return n;
}

/** Whether the streaming writer carries everything the workbook holds. */
export function canStream(book: ExcelJS.Workbook): boolean {
  return book.worksheets.every((ws) => {
    const w = ws as unknown as SheetInternals;
    return w.getImages().length === 0 && Object.keys(w.tables ?? {}).length === 0;
  });
}

/** The workbook as .xlsx bytes, written sheet by sheet and row by row. */
export async function streamXlsx(
  book: ExcelJS.Workbook,
  light: Map<ExcelJS.Worksheet, LightSheet> = new Map(),
): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", () => resolve());
    sink.on("error", reject);
  });
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: true,
  });
  writer.creator = book.creator;
  writer.lastModifiedBy = book.lastModifiedBy;
  writer.created = book.created;
  writer.modified = book.modified;
  (writer as unknown as { views: unknown }).views = book.views;
  const names = (book as unknown as { definedNames: { model: unknown } }).definedNames.model;
  (writer as unknown as { definedNames: { model: unknown } }).definedNames.model = names;

  for (const ws of book.worksheets) {
    const w = ws as unknown as SheetInternals;
    const out = writer.addWorksheet(ws.name, {
      properties: ws.properties,
      views: ws.views,
      state: w.state as ExcelJS.WorksheetState,
      pageSetup: w.pageSetup as ExcelJS.PageSetup,
      headerFooter: w.headerFooter as ExcelJS.HeaderFooter,
    });
    const o = out as unknown as WriterInternals;
    const columns: Partial<ExcelJS.Column>[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const col = ws.getColumn(c);
      columns.push({
        width: col.width,
        hidden: col.hidden,
        style: col.style,
        outlineLevel: col.outlineLevel,
      });
    }
    if (columns.length > 0) out.columns = columns;
    for (const range of w.model.merges ?? []) out.mergeCells(range);
    o.dataValidations.model = w.dataValidations.model;
    o.conditionalFormatting = w.conditionalFormattings ?? [];
    if (w.sheetProtection) o.sheetProtection = w.sheetProtection;
    if (w.autoFilter) o.autoFilter = w.autoFilter;

    const copyRow = (row: ExcelJS.Row, r: number) => {
      const target = out.getRow(r);
      if (row.height) target.height = row.height;
      if (row.hidden) target.hidden = true;
      if (row.outlineLevel) target.outlineLevel = row.outlineLevel;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        // A merged cell's value lives in its master; the writer marks the range itself.
        if (cell.type === ExcelJS.ValueType.Merge) {
          target.getCell(c).style = cell.style;
          return;
        }
        const t = target.getCell(c);
        t.value = cell.value;
        t.style = cell.style;
        if (cell.note) t.note = cell.note;
      });
      target.commit();
    };
    const raw = light.get(ws);
    if (!raw) ws.eachRow({ includeEmpty: true }, copyRow);
    else writeWithRawRows(ws, raw, out, writer as unknown as WriterTables, copyRow);
    out.commit();
  }
  await writer.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

interface OpenSheetWriter {
  startedData: boolean;
  stream: { write(text: string): void };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
}

/**
 * A light sheet's rows in order: exceljs's rows (the header, rows added past the raw ones) through
 * the writer, the raw rows as their XML with renumbered styles and strings (xlsx-light.ts).
 */
function writeWithRawRows(
  ws: ExcelJS.Worksheet,
  raw: LightSheet,
  out: ReturnType<ExcelJS.stream.xlsx.WorkbookWriter["addWorksheet"]>,
  tables: WriterTables,
  copyRow: (row: ExcelJS.Row, r: number) => void,
): void {
  const own = ((ws as unknown as { _rows: (ExcelJS.Row | undefined)[] })._rows ?? []).filter(
    (row): row is ExcelJS.Row => row !== undefined,
  );
  const o = out as unknown as OpenSheetWriter;
  const remap = new Map<number, number>();
  const columnStyle = (c: number) => {
    const style = ws.getColumn(c).style;
    return style && Object.keys(style).length > 0 ? style : undefined;
  };
  let i = 0;
  let k = 0;
  while (i < own.length || k < raw.numbers.length) {
    const rOwn = i < own.length ? own[i].number : Number.POSITIVE_INFINITY;
    const rRaw = k < raw.numbers.length ? raw.numbers[k] : Number.POSITIVE_INFINITY;
    if (rOwn < rRaw) {
      copyRow(own[i], rOwn);
      i++;
      continue;
    }
    if (rOwn === rRaw) {
      // A raw row's changes are kept beside it; exceljs must hold nothing there.
      if (own[i].hasValues)
        throw new Error(`Строка ${rOwn} листа «${ws.name}» записана дважды: сохранение остановлено`);
      i++;
      continue;
    }
    if (!o.startedData) {
      o._writeColumns();
      o._writeOpenSheetData();
      o.startedData = true;
    }
    o.stream.write(renderRow(raw, k, tables, remap, columnStyle));
    k++;
  }
}
