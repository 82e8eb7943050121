import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { workbookTemplate } from "../../src/core/templates/load";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let file: string;
const output: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-demo-"));
  file = join(dir, "demo.xlsx");
  const code = await run(["demo", "--file", file, "--today", "22.11.2026", "--quiet"], (s) => output.push(s));
  expect(code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cellText(ws: ExcelJS.Worksheet, r: number, c: number): string {
  const v = ws.getCell(r, c).value;
  return v === null || v === undefined ? "" : String(v);
}

describe("mentor demo writes a workbook that reopens sheet by sheet", () => {
  it("has every template sheet with its key row hidden, headers frozen and noted", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual(workbookTemplate().sheets.map((s) => s.name));
    for (const sheet of workbookTemplate().sheets) {
      const ws = book.getWorksheet(sheet.name)!;
      if (sheet.kind === "dashboard") continue;
      const keys = sheet.columns.map((_, i) => cellText(ws, 1, i + 1));
      expect(keys).toEqual(sheet.columns.map((c) => c.key));
      const headers = sheet.columns.map((_, i) => cellText(ws, 2, i + 1));
      expect(headers).toEqual(sheet.columns.map((c) => c.header));
      expect(ws.getRow(1).hidden).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      const noted = sheet.columns.findIndex((c) => c.note);
      if (noted >= 0)
        expect(String(ws.getCell(2, noted + 1).note ?? "")).toContain(sheet.columns[noted].note!);
    }
  });

  it("fills both banks with the sample, unique IDs, real dates and text kept as text", async () => {
    const wb = await XlsxWorkbook.load(file);
    const mentors = Table.load(wb, "mentors");
    const mentees = Table.load(wb, "mentees");
    expect(mentors.records()).toHaveLength(36);
    // Two sample mentees left the required request empty: they wait in «Журнал», not in the bank.
    expect(mentees.records()).toHaveLength(98);
    const rejected = Table.load(wb, "log")
      .records()
      .filter((r) => r.values.level === "ошибка");
    expect(rejected).toHaveLength(2);
    for (const r of rejected) {
      expect(r.values.message).toBe("Не заполнен обязательный вопрос «Ваши запросы к наставнику».");
      const name = JSON.parse(String(r.values.original)).answers.ФИО;
      expect(name).not.toBe("");
      // The line names the person; its data reads as text (the JSON stays in a hidden column).
      expect(r.values.person).toBe(name);
      expect(String(r.values.details)).toContain(`; ФИО: ${name}; `);
      expect(String(r.values.details)).not.toMatch(/[{}"]/);
    }
    const ids = mentors.records().map((r) => r.values.id);
    expect(new Set(ids).size).toBe(36);
    expect(ids[0]).toBe("Н-0001");
    const first = mentors.records()[0].values;
    expect(first.submitted_at).toBeInstanceOf(Date);
    expect(String(first.phone)).toMatch(/^\+7 9\d\d \d{3}-\d\d-\d\d$/);
    expect(mentees.records()[0].values.id).toBe("НЯ-0001");
    expect(output.join("")).toContain("36 наставников и 98 наставляемых в базах");
    expect(output.join("")).toContain("Анкета наставляемого — Excel.csv: Анкета наставляемого: добавлено 69");
  });

  it("keeps «Журнал» in time order, oldest first, and names each meeting's pair beside its ID", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const log = book.getWorksheet("Журнал")!;
    const keys = (log.getRow(1).values as unknown[]).map(String);
    const times: number[] = [];
    log.eachRow((row, n) => {
      if (n > 2) times.push((row.getCell(keys.indexOf("at")).value as Date).getTime());
    });
    expect(times.length).toBeGreaterThan(3);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const meetings = book.getWorksheet("Встречи")!;
    const mk = (meetings.getRow(1).values as unknown[]).map(String);
    const label = String(meetings.getRow(3).getCell(mk.indexOf("pair_label")).value);
    expect(label).toMatch(
      /^[А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ — [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+ [А-ЯЁ][а-яё]+$/,
    );
  });

  it("has dropdowns that point at «Справочники» and inline status lists", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet("Наставляемые")!;
    const keys = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const formCol = keys.indexOf("form") + 1;
    const statusCol = keys.indexOf("status") + 1;
    expect(ws.getCell(3, formCol).dataValidation).toMatchObject({
      type: "list",
      formulae: ["'Справочники'!$A$3:$A$2000"],
    });
    expect(ws.getCell(500, statusCol).dataValidation?.formulae?.[0]).toContain(
      "без пары — сопровождение психолога",
    );
  });

  it("never turns user text into a formula, and a second init on the saved file changes nothing", async () => {
    const wb = await XlsxWorkbook.load(file);
    const mentors = Table.load(wb, "mentors");
    mentors.add({ id: "Н-9999", email: "x@y.ru", full_name: "=1+1", comment: "@SUM(A1)" });
    mentors.flush(wb);
    await wb.save(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const ws = book.getWorksheet("Наставники")!;
    const row = ws.getRow(2 + 36 + 1);
    const values = (row.values as unknown[]).filter((v) => v !== undefined && v !== null);
    expect(values).toContain("=1+1");
    expect(values).toContain("@SUM(A1)");
    row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));

    const out: string[] = [];
    await run(["init", "--file", file, "--quiet"], (s) => out.push(s));
    expect(out.join("")).toContain("изменений не потребовалось");
  });
});
