/**
 * A large workbook is saved row by row (issue 15, item 6): the streaming writer must give the same
 * workbook as exceljs's whole-book writer. A workbook with every kind of thing the program and a
 * curator put in (the sample school, «Сводка» with its formulas and styles, validations,
 * conditional formats, notes, hidden rows, frozen headers, protection, a merge, a hyperlink, rich
 * text, a formula of the curator's, a hidden sheet) is saved both ways and read back: every sheet,
 * row and cell (value, number format, font, fill, alignment, note) and every sheet setting agree.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { buildSummary } from "../../src/core/usecases/summary";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { styleSummarySheet } from "../../src/offline/summary-style";
import { cellCount, STREAM_CELLS } from "../../src/offline/xlsx-stream";
import { noteText, XlsxWorkbook } from "../../src/offline/xlsx-workbook";

const dir = mkdtempSync(join(tmpdir(), "mentor-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10)) };

function describeSheet(ws: ExcelJS.Worksheet): Record<string, unknown> {
  const w = ws as unknown as {
    state: string;
    sheetProtection?: unknown;
    dataValidations: { model: Record<string, unknown> };
    conditionalFormattings?: unknown[];
    model: { merges?: string[] };
  };
  const columns: unknown[] = [];
  for (let c = 1; c <= ws.columnCount; c++) {
    const col = ws.getColumn(c);
    columns.push([col.width, col.hidden ?? false]);
  }
  const rows: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    rows.push(`${r} ${row.height ?? ""} ${row.hidden ?? false}`);
    row.eachCell({ includeEmpty: true }, (cell) => {
      rows.push(
        [cell.address, cell.value, cell.numFmt, cell.font, cell.fill, cell.alignment, noteText(cell.note)]
          .map((x) => JSON.stringify(x) ?? "")
          .join(" "),
      );
    });
  });
  return {
    state: w.state,
    tab: ws.properties.tabColor,
    views: ws.views,
    protected: Boolean(w.sheetProtection),
    merges: w.model.merges ?? [],
    validations: Object.entries(w.dataValidations.model).map(([a, v]) => `${a} ${JSON.stringify(v)}`),
    conditional: JSON.stringify(w.conditionalFormattings ?? []),
    columns,
    rows,
  };
}

test("the streamed save reads back as the whole-book save", async () => {
  const wb = XlsxWorkbook.create();
  const ports = { workbook: wb, clock, progress: noProgress };
  initWorkbook(ports);
  seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
  styleSummarySheet(wb, buildSummary(ports));
  // A curator's own things.
  const mentors = wb.book.getWorksheet("Наставники")!;
  mentors.getCell("AF3").value = { formula: "LEN(D3)", result: 12 };
  mentors.getCell("AG3").value = { text: "сайт", hyperlink: "https://school1.ru/" };
  mentors.getCell("AH3").value = { richText: [{ text: "важно", font: { bold: true } }, { text: " — да" }] };
  mentors.getCell("D4").note = "Заметка куратора";
  mentors.mergeCells("AF5:AG6");
  mentors.getCell("AF5").value = "объединено";
  wb.book.addWorksheet("Черновик", { state: "hidden" }).getCell("A1").value = "скрытый лист";

  const whole = join(dir, "whole.xlsx");
  const streamed = join(dir, "streamed.xlsx");
  await wb.save(whole, { stream: false });
  await wb.save(streamed, { stream: true });
  const a = new ExcelJS.Workbook();
  await a.xlsx.readFile(whole);
  const b = new ExcelJS.Workbook();
  await b.xlsx.readFile(streamed);
  expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
  for (const ws of a.worksheets) {
    const want = describeSheet(ws);
    const got = describeSheet(b.getWorksheet(ws.name)!);
    for (const key of Object.keys(want))
      expect({ sheet: ws.name, key, v: got[key] }).toEqual({ sheet: ws.name, key, v: want[key] });
  }
  expect(b.getWorksheet("Наставники")!.getCell("AG3").value).toEqual({
    text: "сайт",
    hyperlink: "https://school1.ru/",
  });
  expect(b.getWorksheet("Наставники")!.getCell("AF3").value).toEqual({ formula: "LEN(D3)", result: 12 });
  expect(noteText(b.getWorksheet("Наставники")!.getCell("D4").note)).toBe("Заметка куратора");
  // The sample school is small: a save picks the whole-book writer below STREAM_CELLS.
  expect(cellCount(wb.book)).toBeLessThan(STREAM_CELLS);
});
