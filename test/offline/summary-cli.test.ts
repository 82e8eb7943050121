import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { noProgress } from "../../src/core/ports";
import { initWorkbook } from "../../src/core/usecases/init";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mentor-summary-cli-"));
  file = join(dir, "school.xlsx");
  const wb = XlsxWorkbook.create();
  initWorkbook({
    workbook: wb,
    clock: { now: () => new Date(Date.UTC(2026, 10, 22, 9)) },
    progress: noProgress,
  });
  const m = Table.load(wb, "mentees");
  m.add({
    id: "НЯ-0001",
    full_name: "Смирнова Анна",
    category: "обучающийся",
    form: "ученик – ученик",
    status: "ожидает пары",
  });
  m.flush(wb);
  await wb.save(file);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mentor summary", () => {
  it("prints the figures in Russian and writes nothing without --write", async () => {
    const out: string[] = [];
    expect(
      await run(["summary", "--file", file, "--today", "22.11.2026", "--quiet"], (s) => out.push(s)),
    ).toBe(0);
    const text = out.join("");
    expect(text).toContain("Сводка программы наставничества, 2026/2027 учебный год");
    expect(text).toContain("Наставляемые: 1 в базе; ожидают пары 1");
    expect(text).toContain(
      "1. Обучающиеся 10–18 лет в роли наставляемых: нет данных; цель 70 % — нет данных",
    );
    expect(text).toContain("Предупреждение: Показатель 1: нет данных о контингенте за 2026 год");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.getWorksheet("Сводка")!.getCell("A1").value).toBeNull();
  });

  it("--write writes the formulas of «Сводка» and «Показатели», styled, to be recalculated on opening", async () => {
    const copy = join(dir, "written.xlsx");
    copyFileSync(file, copy);
    const out: string[] = [];
    expect(
      await run(["summary", "--write", "--file", copy, "--today", "22.11.2026", "--quiet"], (s) =>
        out.push(s),
      ),
    ).toBe(0);
    expect(out.join("")).toMatch(/Записано формул: \d+ \(листы «Сводка» и «Показатели»\)/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(copy);
    const ws = book.getWorksheet("Сводка")!;
    expect(ws.getCell("A1").value).toBe("Сводка программы наставничества");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBeGreaterThan(200);
    const zip = await JSZip.loadAsync(readFileSync(copy));
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("says so when the file does not exist", async () => {
    const out: string[] = [];
    expect(await run(["summary", "--file", join(dir, "нет.xlsx"), "--quiet"], (s) => out.push(s))).toBe(2);
    expect(out.join("")).toContain("Файл книги не найден");
  });

  it("is listed in --help", async () => {
    const out: string[] = [];
    await run(["--help"], (s) => out.push(s));
    expect(out.join("")).toContain("summary [--write]");
  });
});

describe("«Сводка» the first tab offline", () => {
  it("mentor summary --write puts «Сводка» first in a workbook made when it stood among the last tabs", async () => {
    const old = join(dir, "old-order.xlsx");
    const wb = await XlsxWorkbook.load(file);
    const tabs = wb.book.worksheets;
    const summary = tabs.find((w) => w.name === "Сводка")!;
    [...tabs.filter((w) => w !== summary), summary].forEach((w, i) => {
      (w as unknown as { orderNo: number }).orderNo = i;
    });
    await wb.save(old);
    expect((await XlsxWorkbook.load(old)).sheetNames()[0]).toBe("Настройки");
    expect(
      await run(["summary", "--write", "--file", old, "--today", "22.11.2026", "--quiet"], () => {}),
    ).toBe(0);
    const after = await XlsxWorkbook.load(old);
    expect(after.sheetNames()[0]).toBe("Сводка");
    expect(new Set(after.sheetNames()).size).toBe(after.sheetNames().length);
  });
});
