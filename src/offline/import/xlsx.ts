/** XLSX books read with exceljs: one worksheet as rows of plain cells. */

import ExcelJS from "exceljs";
import { withReadableNotes } from "../xlsx-file";
import { columnLetter } from "./headers";
import { findHeaderRow } from "./table";
import { ImportError, type RawCell, type RawRow } from "./types";

export interface XlsxRead {
  rows: RawRow[];
  sheetName: string;
  /** How many worksheets hold something. */
  filledSheets: number;
  warnings: string[];
}

interface CellNotes {
  /** Formula cells whose cached result was taken. */
  formulas: string[];
  /** Formula cells with no cached result (saved by a program that does not calculate). */
  uncached: string[];
  /** Cells holding an error value (#N/A, #DIV/0!). */
  errors: string[];
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

/** An exceljs value as a plain cell; formulas give their cached result and are noted. */
function plainCell(v: ExcelJS.CellValue, address: string, notes: CellNotes): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (isDate(v)) return new Date(v.getTime());
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) {
        notes.uncached.push(address);
        return null;
      }
      notes.formulas.push(address);
      if (isDate(result)) return new Date(result.getTime());
      if (typeof result === "object" && "error" in result) {
        notes.errors.push(address);
        return String(result.error);
      }
      return result as string | number | boolean;
    }
    if ("hyperlink" in v) {
      const link = v as ExcelJS.CellHyperlinkValue;
      const text = typeof link.text === "string" ? link.text : "";
      return text || link.hyperlink || null;
    }
    if ("error" in v) {
      notes.errors.push(address);
      return String((v as ExcelJS.CellErrorValue).error);
    }
  }
  return String(v);
}

function sheetRows(ws: ExcelJS.Worksheet, notes: CellNotes): RawRow[] {
  const rows: RawRow[] = [];
  const width = ws.columnCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c++)
      cells.push(plainCell(row.getCell(c).value, `${columnLetter(c - 1)}${r}`, notes));
    rows.push({ rowNumber: r, cells });
  }
  return rows;
}

function hasContent(rows: RawRow[]): boolean {
  return rows.some((r) => r.cells.some((c) => c !== null && !(typeof c === "string" && c.trim() === "")));
}

function listCells(cells: string[]): string {
  const shown = cells.slice(0, 10).join(", ");
  return cells.length > 10 ? `${shown} и ещё ${cells.length - 10}` : shown;
}

/**
 * Reads the worksheet with the answers: the first one whose header has a known time or ID column,
 * else the first one that holds anything.
 */
export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<XlsxRead> {
  const book = new ExcelJS.Workbook();
  try {
    // A copy as a plain ArrayBuffer: what exceljs's typings accept and JSZip reads.
    // Notes saved by other programs in a layout exceljs cannot find are rearranged first.
    await book.xlsx.load((await withReadableNotes(bytes)).slice().buffer);
  } catch {
    throw new ImportError(
      `Не удалось прочитать «${fileName}» как книгу Excel: файл повреждён или сохранён не полностью. Сохраните его заново как .xlsx или CSV.`,
    );
  }
  const candidates: { ws: ExcelJS.Worksheet; rows: RawRow[]; notes: CellNotes }[] = [];
  for (const ws of book.worksheets) {
    const notes: CellNotes = { formulas: [], uncached: [], errors: [] };
    const rows = sheetRows(ws, notes);
    if (hasContent(rows)) candidates.push({ ws, rows, notes });
  }
  if (candidates.length === 0)
    throw new ImportError(`В книге «${fileName}» нет ни одной заполненной строки.`);
  const chosen = candidates.find((c) => findHeaderRow(c.rows).known) ?? candidates[0];
  const warnings: string[] = [];
  const sheet = `лист «${chosen.ws.name}»`;
  if (candidates.length > 1) {
    const others = candidates.filter((c) => c !== chosen).map((c) => `«${c.ws.name}»`);
    warnings.push(
      `«${fileName}»: в книге несколько заполненных листов; прочитан ${sheet}, не прочитаны: ${others.join(", ")}.`,
    );
  }
  const { formulas, uncached, errors } = chosen.notes;
  if (formulas.length > 0) {
    warnings.push(
      `«${fileName}», ${sheet}: в ячейках с формулами взяты сохранённые значения (${listCells(formulas)}); формулы не пересчитывались.`,
    );
  }
  if (uncached.length > 0) {
    warnings.push(
      `«${fileName}», ${sheet}: у формул нет сохранённых значений (${listCells(uncached)}) — ячейки прочитаны пустыми. Откройте файл в Excel, сохраните и загрузите снова.`,
    );
  }
  if (errors.length > 0) {
    warnings.push(
      `«${fileName}», ${sheet}: в ячейках ошибки Excel (${listCells(errors)}); они прочитаны как текст.`,
    );
  }
  return { rows: chosen.rows, sheetName: chosen.ws.name, filledSheets: candidates.length, warnings };
}
