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
export async function streamXlsx(book: ExcelJS.Workbook): Promise<Uint8Array> {
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

    ws.eachRow({ includeEmpty: true }, (row, r) => {
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
    });
    out.commit();
  }
  await writer.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
