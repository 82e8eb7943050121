/**
 * `mentor rubric` on a real .xlsx (issue 17, item 5): the sheet «Оценка куратора» written, its cells
 * filled as Excel or LibreOffice would save them (exceljs), `mentor monitor` taking the scores into
 * «Мониторинг» with totals and levels, a bad cell named in «Журнал» and left on the sheet.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { recomputeMonitoring } from "../../src/core/usecases/monitoring";
import { rubricView } from "../../src/core/usecases/rubric-review";
import { RUBRIC_SHEET } from "../../src/core/usecases/rubric-sheet";
import { Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { playDemoYear } from "../support/demo-year";

const NOW = new Date(Date.UTC(2027, 4, 20, 9));
let dir: string;
let file: string;

async function mentor(...args: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run([...args, "--file", file, "--today", "20.05.2027", "--quiet"], (s) => out.push(s));
  return { code, out: out.join("") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-rubric-"));
  file = join(dir, "школа.xlsx");
  const wb = XlsxWorkbook.create();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 8, 1, 9)) },
    progress: noProgress,
  });
  seedSampleSchool(wb, sampleSchool(NOW), noProgress);
  playDemoYear(wb, NOW);
  recomputeMonitoring({ workbook: wb, clock: { now: () => NOW } });
  await wb.save(file);
  copyFileSync(file, join(dir, "без-листа.xlsx"));
}, 240000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor rubric and mentor monitor over «Оценка куратора»", () => {
  it("writes the sheet, takes what was typed in it, names the bad cell in «Журнал»", async () => {
    const first = await mentor("rubric");
    expect(first.code).toBe(0);
    expect(first.out).toContain(
      "Лист «Оценка куратора» создан: 12 пар, показатели 1–5 ещё не выставлены у 12 пар.",
    );

    // The sheet as Excel and LibreOffice open it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = book.worksheets.map((w) => w.name);
    expect(names.indexOf(RUBRIC_SHEET)).toBe(names.indexOf("Мониторинг") + 1);
    const ws = book.getWorksheet(RUBRIC_SHEET)!;
    expect(ws.getRow(1).hidden).toBe(true);
    expect(ws.getCell("A2").value).toBe("ID пары");
    expect(ws.getCell("C2").value).toBe("1. Цели и задачи");
    expect(ws.getCell("G2").value).toBe("5. Логика наставника");
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 2, ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn("Q").hidden).toBe(true);
    for (const letter of ["C", "D", "E", "F", "G"])
      expect(ws.getCell(`${letter}5`).dataValidation).toMatchObject({
        type: "list",
        formulae: ['"0,1,2"'],
        showErrorMessage: true,
      });
    expect(String(ws.getCell("J3").value)).toMatch(/^\d+, [\d,]+ в месяц при норме \d+/);
    expect(ws.getCell("O3").note).toBeTruthy();
    const pair1 = String(ws.getCell("A3").value);
    const pair2 = String(ws.getCell("A4").value);
    const pair3 = String(ws.getCell("A5").value);

    // The curator fills three rows and saves (one with a «3» that is not on the scale).
    ["C", "D", "E", "F", "G"].forEach((l, i) => {
      ws.getCell(`${l}3`).value = [2, 2, 1, 2, 2][i];
      ws.getCell(`${l}4`).value = [1, 3, 1, 1, 1][i];
      ws.getCell(`${l}5`).value = [0, 1, 0, 1, 0][i];
    });
    await book.xlsx.writeFile(file);

    const monitor = await mentor("monitor");
    expect(monitor.code).toBe(0);
    expect(monitor.out).toContain(`С листа «${RUBRIC_SHEET}» приняты оценки пар: 2 — ${pair1}: `);
    expect(monitor.out).toContain("Предупреждение: Не приняты (1, записаны в «Журнал»):");
    expect(monitor.out).toContain(
      `«${RUBRIC_SHEET}»!D4 («2. Принципы»): «3» — оценка может быть только 0, 1 или 2.`,
    );

    const wb = await XlsxWorkbook.load(file);
    const pairs = rubricView(wb).pairs;
    const byScope = (s: string) => pairs.find((p) => p.scope === s)!;
    expect(byScope(pair1).scores).toEqual([2, 2, 1, 2, 2]);
    expect(byScope(pair2).scores).toEqual([null, null, null, null, null]);
    expect(byScope(pair3).scores).toEqual([0, 1, 0, 1, 0]);
    const t = Table.load(wb, "monitoring");
    const row = t.find("scope", pair3);
    // 0–8 of 18 at most with these scores: the level is set when 6–9 are known, else says why.
    const level = String(t.get(row, "level"));
    expect(["недопустимый", "допустимый", "не определён — нужна оценка куратора"]).toContain(level);
    expect(t.get(row, "assessed_by")).toBe("куратор");
    const log = Table.load(wb, "log")
      .records()
      .map((r) => r.values)
      .filter((v) => v.operation === "Оценка куратора");
    expect(log.map((v) => v.source)).toEqual([`«${RUBRIC_SHEET}»!D4`]);
    expect(String(log[0].message)).toContain(`Оценки пары ${pair2} (`);
    // The sheet was written again: the bad row as typed, the level of the taken rows beside them.
    const sheet = wb.read(RUBRIC_SHEET);
    expect(sheet[3].slice(2, 7)).toEqual([1, 3, 1, 1, 1]);
    expect(sheet[2][8]).toBe(byScope(pair1).level);

    // Fixed and taken by `mentor rubric`.
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(file);
    again.getWorksheet(RUBRIC_SHEET)!.getCell("D4").value = 2;
    await again.xlsx.writeFile(file);
    const fixed = await mentor("rubric");
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain(`С листа «${RUBRIC_SHEET}» приняты оценки пар: 1 — ${pair2}: `);
    expect(fixed.out).toContain(
      "Лист «Оценка куратора» обновлён: 12 пар, показатели 1–5 ещё не выставлены у 9 пар.",
    );
    expect(rubricView(await XlsxWorkbook.load(file)).pairs.find((p) => p.scope === pair2)?.scores).toEqual([
      1, 2, 1, 1, 1,
    ]);
  }, 240000);

  it("mentor monitor without the sheet says where the curator's scores are typed", async () => {
    const other = join(dir, "без-листа.xlsx");
    const out: string[] = [];
    const code = await run(["monitor", "--file", other, "--today", "20.05.2027", "--quiet"], (s) =>
      out.push(s),
    );
    expect(code).toBe(0);
    expect(out.join("")).toContain(
      `Показатели 1–5 (оценка куратора) не выставлены у 12 пар: mentor rubric --file ${other} создаст лист «${RUBRIC_SHEET}»`,
    );
  }, 240000);
});
