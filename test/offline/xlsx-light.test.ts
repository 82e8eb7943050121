/**
 * Large sheets kept light (issue 15, item 6; src/offline/xlsx-light.ts): their data rows are held
 * as the file's XML and their plain values, not as exceljs cells. Proved here on the sample school
 * with a curator's own cells in the data rows (formulas with number, date, text, boolean and error
 * results, rich text, booleans), with every sheet forced light:
 * - every sheet reads exactly as exceljs reads it;
 * - after the same writes (changed, cleared and new cells, a date, a formula, deleted rows with
 *   formulas below them, appended rows) the
 *   light and the whole workbook read alike and save to the same workbook, cell by cell (value,
 *   number format, font, fill, alignment, note) and sheet by sheet (validations, conditional
 *   formats, views, columns);
 * - a sheet with a hyperlink in its data rows is loaded whole; print areas reach the raw rows;
 * - a workbook of 20,000 meetings holds under 120 bytes of heap per cell once read (exceljs's
 *   cells took about 400).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type ExcelJS from "exceljs";
import { noProgress } from "../../src/core/ports";
import { sheetName } from "../../src/core/templates/load";
import { initWorkbook } from "../../src/core/usecases/init";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { collectGarbage } from "../../src/offline/memory";
import { noteText, XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-light-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10)) };

function describeSheet(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const w = ws as unknown as {
    dataValidations: { model: Record<string, unknown> };
    conditionalFormattings?: unknown[];
    model: { merges?: string[] };
  };
  const columns: unknown[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const col = ws.getColumn(c);
    columns.push([col.width, col.hidden ?? false, JSON.stringify(col.style)]);
  }
  const rows: string[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    rows.push(`${r} ${row.height ?? ""} ${row.hidden ?? false}`);
    row.eachCell({ includeEmpty: false }, (cell) => {
      rows.push(
        [cell.address, cell.value, cell.numFmt, cell.font, cell.fill, cell.alignment, noteText(cell.note)]
          .map((x) => JSON.stringify(x) ?? "")
          .join(" "),
      );
    });
  });
  return {
    tab: ws.properties.tabColor,
    views: ws.views,
    merges: w.model.merges ?? [],
    validations: Object.entries(w.dataValidations.model).map(([a, v]) => `${a} ${JSON.stringify(v)}`),
    conditional: JSON.stringify(w.conditionalFormattings ?? []),
    autoFilter: ws.autoFilter,
    printArea: ws.pageSetup?.printArea,
    columns,
    rows,
  };
}

async function schoolWithCuratorCells(file: string): Promise<void> {
  const wb = XlsxWorkbook.create();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
  const mentors = wb.book.getWorksheet(sheetName("mentors"))!;
  mentors.getCell("AF3").value = { formula: "LEN(D3)", result: 12 };
  mentors.getCell("AG3").value = { formula: 'D3&" (наставник)"', result: "Иванова (наставник)" };
  mentors.getCell("AH3").value = { formula: "ISBLANK(D3)", result: false };
  mentors.getCell("AI3").value = { formula: "1/0", result: { error: "#DIV/0!" } };
  mentors.getCell("AJ3").value = {
    richText: [{ text: "важно: ", font: { bold: true } }, { text: "ведёт кружок & <клуб>" }],
  };
  mentors.getCell("AK3").value = true;
  const date = mentors.getCell("AL3");
  date.value = { formula: "DATE(2026,9,1)", result: new Date(Date.UTC(2026, 8, 1)) };
  date.numFmt = "dd.mm.yyyy";
  mentors.getCell("AM4").value = new Date(Date.UTC(2026, 9, 5));
  mentors.getCell("AN10").value = { formula: "D12", result: "—" };
  mentors.getCell("AN11").value = { formula: "SUM(G3:G20)", result: 0 };
  mentors.getCell("AM4").font = { italic: true, color: { argb: "FF3366CC" } };
  const meetings: (string | number | Date)[][] = [1, 2, 3].map((i) => [
    `MT-000${i}`,
    "P-0001",
    new Date(Date.UTC(2026, 8, i)),
    "Знакомство",
    "План на четверть",
    "очно",
    45,
  ]);
  wb.write(sheetName("meetings"), 2, 0, meetings);
  wb.write(
    sheetName("pairs"),
    2,
    0,
    [1, 2, 3, 4].map((i) => [`P-000${i}`, `Н-000${i}`, `У-000${i}`]),
  );
  // A hyperlink in the data rows: «Наставляемые» must be loaded whole.
  const mentees = wb.book.getWorksheet(sheetName("mentees"))!;
  mentees.getCell("AF5").value = { text: "папка", hyperlink: "https://school1.ru/pairs" };
  await wb.save(file);
}

/** The same writes through the port, on either workbook. */
function edit(wb: XlsxWorkbook): void {
  const mentors = sheetName("mentors");
  const grid = wb.read(mentors);
  wb.write(mentors, 2, 3, [["Новикова Анна Сергеевна"]]); // changed
  wb.write(mentors, 3, 4, [[""]]); // cleared
  wb.write(mentors, 4, 0, [[grid[4][0]]]); // unchanged
  wb.write(mentors, 5, 40, [[7, new Date(Date.UTC(2026, 10, 1)), { formula: "=A6&B6" }, true]]); // new cells
  wb.write(mentors, 6, 31, [[new Date(Date.UTC(2027, 0, 15))]]); // a date over a number cell
  wb.append(mentors, [["M-9999", "", "", "Петров Пётр Петрович"]]);
  // Rows below move up, their formulas shifted (a row appended after a deletion differs: the whole
  // workbook reuses the emptied last row's cells, styles cleared, the light one takes the columns').
  wb.deleteRows!(mentors, [4, 6]);
  wb.write(mentors, 7, 3, [["Сидорова Ольга Ивановна"]]);
  const meetings = sheetName("meetings");
  const m = wb.read(meetings);
  expect(m.length).toBe(5);
  wb.write(meetings, 3, 2, [[new Date(Date.UTC(2026, 10, 3))]]);
  wb.append(meetings, [["MT-9999", "P-0001", new Date(Date.UTC(2026, 10, 20))]]);
}

test("light sheets read as exceljs reads them and save to the same workbook after the same writes", async () => {
  const file = join(dir, "school.xlsx");
  await schoolWithCuratorCells(file);
  const full = await XlsxWorkbook.load(file, "workbook", { lightBytes: null });
  const light = await XlsxWorkbook.load(file, "workbook", { lightBytes: 0 });
  const lightNames = [...light.light.keys()].map((ws) => ws.name);
  expect(lightNames).toEqual(
    expect.arrayContaining([sheetName("mentors"), sheetName("meetings"), sheetName("pairs")]),
  );
  expect(lightNames).not.toContain(sheetName("mentees"));
  expect(full.light.size).toBe(0);
  for (const name of full.sheetNames()) expect([name, light.read(name)]).toEqual([name, full.read(name)]);
  const cells = full.read(sheetName("mentors"))[2].slice(31, 39);
  expect(cells).toEqual([
    12,
    "Иванова (наставник)",
    false,
    "#ERROR!",
    "важно: ведёт кружок & <клуб>",
    true,
    new Date(Date.UTC(2026, 8, 1)),
    "",
  ]);

  edit(full);
  edit(light);
  for (const name of full.sheetNames()) expect([name, light.read(name)]).toEqual([name, full.read(name)]);

  const a = join(dir, "full.xlsx");
  const b = join(dir, "light.xlsx");
  await full.save(a, { stream: true });
  await light.save(b);
  const x = await XlsxWorkbook.load(a, "workbook", { lightBytes: null });
  const y = await XlsxWorkbook.load(b, "workbook", { lightBytes: null });
  expect(y.sheetNames()).toEqual(x.sheetNames());
  for (const ws of x.book.worksheets) {
    const other = y.book.getWorksheet(ws.name)!;
    expect([ws.name, describeSheet(other)]).toEqual([ws.name, describeSheet(ws)]);
  }
  // The curator's cells in the light rows kept: formulas, rich text.
  const m = y.book.getWorksheet(sheetName("mentors"))!;
  expect(m.getCell("AF3").value).toEqual({ formula: "LEN(D3)", result: 12 });
  expect((m.getCell("AJ3").value as ExcelJS.CellRichTextValue).richText[0]).toEqual({
    text: "важно: ",
    font: { bold: true },
  });
  expect(m.getCell("AQ5").value).toEqual({ formula: "A5&B5" });
  expect(m.getCell("AN8").value).toMatchObject({ formula: "D10" });
  expect(m.getCell("AN9").value).toMatchObject({ formula: "SUM(G3:G18)" });
}, 120_000);

test("a workbook of 20,000 meetings holds under 120 bytes of heap a cell once read", async () => {
  const file = join(dir, "meetings.xlsx");
  const wb = XlsxWorkbook.create();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const rows: (string | number | Date)[][] = [];
  for (let i = 0; i < 20_000; i++)
    rows.push([
      `MT-${i}`,
      `P-${i % 900}`,
      new Date(Date.UTC(2026, 8, 1 + (i % 80))),
      "Знакомство и план работы",
      `Обсудили цели на четверть, встреча ${i}`,
      "очно",
      45,
      "",
      7 + (i % 3),
      8,
      "анкета",
      "",
      "",
    ]);
  wb.write(sheetName("meetings"), 2, 0, rows);
  await wb.save(file);
  const cells = rows.length * rows[0].length;

  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const loaded = await XlsxWorkbook.load(file);
  collectGarbage();
  const held = process.memoryUsage().heapUsed - before;
  expect(loaded.read(sheetName("meetings")).length).toBe(20_002);
  expect(held / cells).toBeLessThan(120);
}, 120_000);
