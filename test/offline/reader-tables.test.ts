/**
 * Tables a person reads (issue 17, item 3), read back from the .xlsx `mentor init` writes: a filter
 * on every table from its header row, the name column frozen with the headers, technical columns
 * hidden yet found by their key, long text wrapped, and the sheets people print set up for A4.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { workbookTemplate } from "../../src/core/templates/load";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { wrappedLines, XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let file: string;
let book: ExcelJS.Workbook;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-reader-"));
  file = join(dir, "book.xlsx");
  expect(await run(["init", "--file", file, "--quiet"], () => {})).toBe(0);
  // A second run (repair) must leave the same set-up.
  expect(await run(["init", "--file", file, "--quiet"], () => {})).toBe(0);
  expect(await run(["summary", "--write", "--file", file, "--quiet"], () => {})).toBe(0);
  book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const letter = (n: number) => (n < 26 ? String.fromCharCode(65 + n) : `A${String.fromCharCode(65 + n - 26)}`);

describe("the offline workbook reads as tables", () => {
  it("puts a filter on every table, from its header row across its columns", () => {
    const tables = workbookTemplate().sheets.filter((s) => s.kind === "table");
    expect(tables.length).toBeGreaterThan(15);
    for (const sheet of tables) {
      const ws = book.getWorksheet(sheet.name)!;
      const ref = String(ws.autoFilter ?? "");
      expect([sheet.name, ref.replace(/\d+$/, "")]).toEqual([
        sheet.name,
        `A2:${letter(sheet.columns.length - 1)}`,
      ]);
    }
    expect(book.getWorksheet("Справочники")!.autoFilter).toBeFalsy();
  });

  it("freezes the name column with every column left of it", () => {
    const frozen = (name: string) => book.getWorksheet(name)!.views[0];
    expect(frozen("Наставники")).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 4 });
    expect(frozen("Наставляемые")).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 4 });
    expect(frozen("Пары")).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 5 });
    expect(frozen("Мониторинг")).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 2 });
    expect(frozen("Журнал")).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 0 });
  });

  it("wraps «Журнал»'s source data as text; its JSON copy is hidden and not wrapped", () => {
    const ws = book.getWorksheet("Журнал")!;
    const at = (header: string) => (ws.getRow(2).values as unknown[]).indexOf(header);
    expect(ws.getColumn(at("Сообщение")).alignment).toMatchObject({ wrapText: true });
    expect(ws.getColumn(at("Исходные данные")).alignment).toMatchObject({ wrapText: true });
    const json = ws.getColumn(at("Исходные данные (для программы)"));
    expect(json.hidden).toBe(true);
    expect(json.alignment?.wrapText).toBeFalsy();
  });

  it("hides technical columns, which are still found by their key", async () => {
    const hidden = (name: string, header: string) => {
      const ws = book.getWorksheet(name)!;
      const row = ws.getRow(2).values as unknown[];
      const at = row.indexOf(header);
      expect([name, header, at > 0]).toEqual([name, header, true]);
      return ws.getColumn(at).hidden;
    };
    expect(hidden("Настройки", "Код")).toBe(true);
    expect(hidden("Предпочтения", "Ключ строки")).toBe(true);
    expect(hidden("Динамика участников", "Код параметра")).toBe(true);
    expect(hidden("Показатели", "Код строки")).toBe(true);
    expect(hidden("Анкеты", "ID формы")).toBe(true);
    expect(hidden("Наставники", "ФИО")).toBe(false);
    // «Сводка»: the lists' «Строка листа» sits in the hidden tenth column, the figures stay in view.
    const summary = book.getWorksheet("Сводка")!;
    const rowColumn: number[] = [];
    summary.eachRow((row) => {
      (row.values as unknown[]).forEach((v, c) => {
        if (v === "Строка листа") rowColumn.push(c);
      });
    });
    expect(rowColumn).toEqual([10, 10]);
    expect(summary.getColumn(10).hidden).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => summary.getColumn(c).hidden)).not.toContain(true);
    // Read through the program, by key: the hidden key column of «Показатели» still names its rows.
    const wb = await XlsxWorkbook.load(file);
    const keys = Table.load(wb, "indicators")
      .records()
      .map((r) => r.values.row_key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => typeof k === "string" && k !== "")).toBe(true);
  });

  it("wraps long text and the header row", () => {
    const ws = book.getWorksheet("Пары")!;
    const at = (ws.getRow(2).values as unknown[]).indexOf("Обоснование подбора");
    expect(ws.getColumn(at).alignment).toMatchObject({ wrapText: true });
    expect(ws.getColumn(at).width).toBeGreaterThan(0);
    const id = (ws.getRow(2).values as unknown[]).indexOf("ID пары");
    expect(ws.getColumn(id).alignment?.wrapText).toBeFalsy();
    expect(ws.getCell(2, id).alignment).toMatchObject({ wrapText: true });
  });

  it("makes a data row tall enough for its wrapped long text", async () => {
    const demo = join(dir, "demo.xlsx");
    expect(await run(["demo", "--file", demo, "--today", "22.11.2026", "--quiet"], () => {})).toBe(0);
    const read = new ExcelJS.Workbook();
    await read.xlsx.readFile(demo);
    const ws = read.getWorksheet("Пары")!;
    const at = (ws.getRow(2).values as unknown[]).indexOf("Обоснование подбора");
    const text = String(ws.getCell(3, at).value);
    const lines = wrappedLines(text, Math.round(ws.getColumn(at).width! * 7) + 16);
    expect(lines).toBeGreaterThan(1);
    expect(ws.getRow(3).height).toBe(lines * 15);
  });

  it("makes each header row tall enough for its longest wrapped header", () => {
    // «Педагогический стаж, лет» and its like take two or three lines in their widths.
    for (const name of ["Наставники", "Мониторинг", "Динамика участников"]) {
      const height = book.getWorksheet(name)!.getRow(2).height;
      expect([name, height >= 30]).toEqual([name, true]);
    }
    expect(wrappedLines("ID пары", 110)).toBe(1);
    expect(wrappedLines("Согласие законного представителя (дата)", 160)).toBe(3);
    expect(wrappedLines("Согласие законного представителя (дата)", 400)).toBe(1);
  });

  it("sets the printed sheets to A4 landscape, as many pages wide as print at 65 % or larger, header rows repeated", () => {
    const wide: Record<string, number> = { Пары: 3, "Дорожная карта": 2, Мониторинг: 2 };
    expect(book.getWorksheet("Сводка")!.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
    });
    for (const name of ["Пары", "Дорожная карта", "Мониторинг"]) {
      const setup = book.getWorksheet(name)!.pageSetup;
      expect([name, setup]).toMatchObject([
        name,
        { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: wide[name], fitToHeight: 0 },
      ]);
      expect([name, setup.printTitlesRow]).toEqual([name, "1:2"]);
    }
    expect(book.getWorksheet("Наставники")!.pageSetup).toMatchObject({
      orientation: "landscape",
      fitToWidth: 6,
    });
  });
});
