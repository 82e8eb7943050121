/**
 * Issue 15, item 3 offline: a curator merges two header cells of «Наставляемые» in Excel. `mentor
 * init` names the merge with its address and what to do and leaves the sheet as it is (nothing
 * written through the merge, read back with exceljs); the commands still find every column by the
 * key row.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-merged-header-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
}

async function sheetCells(path: string, name: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const ws = book.getWorksheet(name)!;
  const out: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      out.push(`${cell.address}=${JSON.stringify(cell.value)}`);
    });
    out.push(`row ${r}`);
  });
  return `${out.join("\n")}\nmerges ${JSON.stringify(ws.model.merges)}`;
}

test("init names a merged header and writes nothing through it; the commands find every column", async () => {
  const book = join(dir, "school.xlsx");
  await cli("init", "--file", book, "--today", "01.10.2026");
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentees), "--form", "mentee", "--file", book);
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentors), "--form", "mentor", "--file", book);
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(book);
  excel.getWorksheet("Наставляемые")!.mergeCells("B2:C2");
  await excel.xlsx.writeFile(book);
  const before = await sheetCells(book, "Наставляемые");

  const init = await cli("init", "--file", book, "--today", "02.10.2026");
  expect(init.code).toBe(0);
  expect(init.text).not.toContain("в порядке");
  expect(init.text).toContain("Лист «Наставляемые»: объединены ячейки B2:C2 в строке заголовков");
  expect(init.text).toContain("Отмените объединение");
  expect(await sheetCells(book, "Наставляемые")).toBe(before);

  // The key row is intact: a command reads the bank by key and writes its data rows.
  const match = await cli("match", "--file", book, "--today", "15.10.2026");
  expect(match.code).toBe(0);
  const wb = await XlsxWorkbook.load(book);
  expect(Table.load(wb, "pairs").records().length).toBeGreaterThan(10);
  expect(
    Table.load(wb, "mentees")
      .records()
      .some((r) => String(r.values.full_name) !== ""),
  ).toBe(true);
  expect(wb.mergedRanges("Наставляемые")).toEqual([{ row: 1, col: 1, rows: 1, cols: 2 }]);
}, 180_000);
