import { join } from "node:path";
import ExcelJS from "exceljs";

export const FIXTURES = join(__dirname, "..", "fixtures", "import");

export function fixture(name: string): string {
  return join(FIXTURES, name);
}

/** A wall-clock Date as core encodes it. */
export function wall(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
}

/** An .xlsx in memory: each sheet a name and rows of cell values (exceljs values, formulas too). */
export async function xlsxBytes(
  sheets: { name: string; rows: ExcelJS.CellValue[][] }[],
): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name);
    sheet.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value !== null && value !== undefined) ws.getCell(r + 1, c + 1).value = value;
      });
    });
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "utf8"));
}
