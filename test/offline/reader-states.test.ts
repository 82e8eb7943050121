/**
 * Tables a person reads (issue 17, item 3), read back from the .xlsx: the header rows in the
 * template's font, «Не менять при переподборе» as «да» / «нет» with a «да,нет» dropdown, the states
 * coloured by conditional formats Excel and LibreOffice evaluate, the print area and repeated
 * columns of «Пары», and the district's tables filtered and frozen.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { noProgress } from "../../src/core/ports";
import { workbookTemplate } from "../../src/core/templates/load";
import { matchPairs } from "../../src/core/usecases/matching";
import { A4_LANDSCAPE_PX, PRINT_MIN_SCALE } from "../../src/core/workbook/layout";
import { FIRST_DATA_ROW } from "../../src/core/workbook/repair";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { run } from "../../src/offline/cli";
import { PRINT_FOOTER, PRINT_HEADER, XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let file: string;
let book: ExcelJS.Workbook;
const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10)) };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-states-"));
  file = join(dir, "book.xlsx");
  expect(await run(["init", "--file", file, "--quiet"], () => {})).toBe(0);
  const wb = await XlsxWorkbook.load(file);
  seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
  matchPairs({ workbook: wb, clock, progress: noProgress });
  // An older workbook's TRUE in one pair's yes / no cell: init writes it as «да».
  const pairs = Table.load(wb, "pairs");
  wb.write("Пары", FIRST_DATA_ROW, pairs.columns.locked, [[true]]);
  await wb.save(file);
  expect(await run(["init", "--file", file, "--quiet"], () => {})).toBe(0);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
}, 60000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const column = (ws: ExcelJS.Worksheet, key: string) => (ws.getRow(1).values as unknown[]).indexOf(key);

describe("the .xlsx read back", () => {
  it("has every table's header row in the template's font", () => {
    const style = workbookTemplate().headerStyle;
    for (const t of workbookTemplate().sheets.filter((s) => s.kind !== "dashboard")) {
      const ws = book.getWorksheet(t.name)!;
      for (let c = 1; c <= t.columns.length; c++) {
        const cell = ws.getCell(2, c);
        expect([t.name, c, cell.font]).toEqual([
          t.name,
          c,
          { name: style.fontFamily, size: style.fontSize, bold: style.bold },
        ]);
        expect([t.name, c, cell.alignment]).toEqual([t.name, c, { wrapText: true, vertical: "top" }]);
        // Data at the top of a row its wrapped text makes tall.
        expect([t.name, c, ws.getCell(3, c).alignment?.vertical]).toEqual([t.name, c, "top"]);
        expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(
          `FF${style.background.slice(1).toUpperCase()}`,
        );
      }
    }
  });

  it("writes yes / no as «да» / «нет» (an older TRUE too) and offers «да,нет» where the curator edits it", () => {
    const ws = book.getWorksheet("Пары")!;
    const col = column(ws, "locked");
    const values: unknown[] = [];
    for (let r = 3; r <= ws.rowCount; r++) values.push(ws.getCell(r, col).value);
    expect(values.length).toBeGreaterThan(30);
    expect(values[0]).toBe("да");
    expect(new Set(values.slice(1))).toEqual(new Set(["нет"]));
    const dv = ws.getCell(3, col).dataValidation;
    expect(dv).toMatchObject({ type: "list", formulae: ['"да,нет"'], showErrorMessage: true });
  });

  it("colours the states by conditional formats over each table's data rows", () => {
    const rules = (name: string) =>
      (
        (
          book.getWorksheet(name) as unknown as {
            conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[];
          }
        ).conditionalFormattings ?? []
      ).flatMap((cf) =>
        cf.rules.map((r) => ({
          ref: cf.ref,
          formula: (r as ExcelJS.ExpressionRuleType).formulae?.[0],
          fill: ((r.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor as { argb?: string })?.argb,
        })),
      );
    const activity = rules("Работа пар");
    expect(activity).toHaveLength(1);
    expect(activity[0].formula).toMatch(/^AND\(N\("Наставничество"\)=0,LEFT\(\$H3,2\)="да"\)$/);
    expect(activity[0].fill).toBe("FFF4CCCC");
    expect(activity[0].ref).toMatch(/^A3:[A-Z]+\d+$/);
    expect(rules("Показатели").map((r) => r.formula)).toEqual([
      'AND(N("Наставничество")=0,$G3="не достигнуто")',
      'AND(N("Наставничество")=0,$G3="достигнуто")',
    ]);
    expect(rules("Наставники").map((r) => r.fill)).toEqual(["FFF4CCCC", "FFFFF2CC"]);
    expect(rules("Наставляемые").map((r) => r.fill)).toEqual(["FFF4CCCC", "FFFFF2CC"]);
    expect(rules("Мониторинг").map((r) => r.fill)).toEqual(["FFF4CCCC", "FFFFF2CC"]);
    // A second init replaced them, not added a second set.
    expect(rules("Показатели")).toHaveLength(2);
  });

  it("prints «Пары» through «Окончание работы» three pages wide, the pair and the names on each", async () => {
    const ws = book.getWorksheet("Пары")!;
    const last = String.fromCharCode(64 + column(ws, "end_date"));
    expect(ws.pageSetup).toMatchObject({
      printArea: `A1:${last}${ws.rowCount}`,
      printTitlesRow: "1:2",
      printTitlesColumn: "A:E",
      fitToWidth: 3,
      pageOrder: "overThenDown",
    });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.25, right: 0.25 });
    // Stored with absolute rows: LibreOffice ignores «$A1:$Q52» and prints every column.
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file("xl/workbook.xml")!.async("string");
    expect(xml).toContain(`&apos;Пары&apos;!$A$1:$${last}$${ws.rowCount}</definedName>`);
  });
  it("sets up every sheet for print, not only the four: the whole workbook printed one column a page", () => {
    const px = (ws: ExcelJS.Worksheet, from: number, to: number) => {
      let sum = 0;
      for (let c = from; c <= to; c++) {
        const col = ws.getColumn(c);
        if (!col.hidden) sum += Math.round((col.width ?? 13) * 7);
      }
      return sum;
    };
    const letters = (a: string) => [...a].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    for (const sheet of workbookTemplate().sheets) {
      const ws = book.getWorksheet(sheet.name)!;
      const setup = ws.pageSetup;
      // «Сводка» is one landscape page wide; a table is as many landscape pages wide as it takes.
      const dashboard = sheet.kind === "dashboard";
      expect([sheet.name, setup]).toMatchObject([
        sheet.name,
        dashboard
          ? { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
          : { paperSize: 9, orientation: "landscape", fitToPage: true, fitToHeight: 0 },
      ]);
      expect([sheet.name, ws.headerFooter]).toMatchObject([
        sheet.name,
        { oddHeader: PRINT_HEADER, oddFooter: PRINT_FOOTER },
      ]);
      if (dashboard) continue;
      expect([sheet.name, setup.printTitlesRow]).toEqual([sheet.name, "1:2"]);
      // The printed columns (hidden ones take no paper) at 65 % or larger on the pages wide.
      const area = /^\$?A\$?1:\$?([A-Z]+)\$?\d+$/.exec(setup.printArea ?? "");
      const lastCol = area ? letters(area[1]) : ws.columnCount;
      const titles = /^\$?A:\$?([A-Z]+)$/.exec(setup.printTitlesColumn ?? "");
      const titlePx = titles ? px(ws, 1, letters(titles[1])) : 0;
      const pages = setup.fitToWidth ?? 0;
      expect([sheet.name, pages >= 1]).toEqual([sheet.name, true]);
      const scale = (pages * A4_LANDSCAPE_PX) / (px(ws, 1, lastCol) + titlePx * (pages - 1));
      expect([sheet.name, scale >= PRINT_MIN_SCALE]).toEqual([sheet.name, true]);
      // The pages wide are the fewest that keep that scale.
      if (pages > 1) {
        const fewer = ((pages - 1) * A4_LANDSCAPE_PX) / (px(ws, 1, lastCol) + titlePx * (pages - 2));
        expect([sheet.name, fewer < PRINT_MIN_SCALE]).toEqual([sheet.name, true]);
      }
    }
    // «Журнал» prints its record through «Лист и строка», without the source data and the user.
    const log = book.getWorksheet("Журнал")!;
    const place = String.fromCharCode(64 + column(log, "place"));
    expect(log.pageSetup.printArea).toBe(`A1:${place}${log.rowCount}`);
    // The banks print the name column on every page.
    expect(book.getWorksheet("Наставники")!.pageSetup.printTitlesColumn).toBe("A:D");
  });
  it("prints «Сводка» one landscape page wide, its notes and table headers wrapped in rows tall enough", async () => {
    expect(await run(["summary", "--write", "--file", file, "--quiet"], () => {})).toBe(0);
    const built = new ExcelJS.Workbook();
    await built.xlsx.readFile(file);
    const ws = built.getWorksheet("Сводка")!;
    expect(ws.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      printArea: `A1:I${ws.rowCount}`,
    });
    // The first note (under the title) runs 300 characters: wrapped in column A, not past the page.
    const note = ws.getCell(3, 1);
    expect(String(note.value).length).toBeGreaterThan(200);
    expect(note.alignment).toMatchObject({ wrapText: true });
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(60);
    // «Участники по ролям»: «Без пары — сопровождение психолога» takes three lines of its column.
    let header = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "Роль") header = r;
    });
    expect(ws.getRow(header).height).toBeGreaterThanOrEqual(45);
  });
});
