/**
 * Issue 15, item 3 offline: the curator's cells are the curator's. A workbook with the curator's
 * formulas, hyperlinks, rich text and merged cells (made with exceljs) goes through the commands
 * that rewrite rows; read back with exceljs, everything the program did not change is as it was,
 * and LibreOffice still calculates the formulas. Merged cells inside a table are reported by `init`
 * with their address, and nothing is written through them.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { roadmapTemplateChoices } from "../../src/core/roadmap/templates";
import { FIRST_DATA_ROW } from "../../src/core/workbook/repair";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { describeWith, libreOffice } from "../support/tools";

const LIBREOFFICE = libreOffice();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-curator-cells-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
}

async function open(path: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}

/** The 1-based column of a header on a table sheet (the header row is the second). */
function headerColumn(ws: ExcelJS.Worksheet, header: string): number {
  const values = ws.getRow(FIRST_DATA_ROW).values as unknown[];
  const c = values.indexOf(header);
  if (c < 1) throw new Error(`no column ${header} on ${ws.name}`);
  return c;
}

interface CuratorCells {
  links: string[];
  formulas: string[];
  rich: string[];
  merges: string[];
}

/** What the curator made, as exceljs reads it back. */
async function curatorCells(path: string): Promise<CuratorCells> {
  const book = await open(path);
  const out: CuratorCells = { links: [], formulas: [], rich: [], merges: [] };
  for (const ws of book.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value as unknown as Record<string, unknown> | null;
        if (v && typeof v === "object" && "hyperlink" in v)
          out.links.push(`${ws.name}!${cell.address} ${v.hyperlink}`);
        if (v && typeof v === "object" && "formula" in v && String(v.formula).startsWith("LEN("))
          out.formulas.push(`${ws.name}!${cell.address} ${v.formula}`);
        if (v && typeof v === "object" && "richText" in v) out.rich.push(`${ws.name}!${cell.address}`);
      });
    });
    for (const m of ws.model.merges ?? []) out.merges.push(`${ws.name}!${m}`);
  }
  return out;
}

/** A school with a road map and both banks, and the curator's own cells in it. */
async function curatedSchool(name: string): Promise<string> {
  const book = join(dir, name);
  await cli("init", "--file", book, "--today", "01.10.2026");
  await cli("roadmap", "load", roadmapTemplateChoices()[0].id, "--file", book, "--today", "01.10.2026");
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentees), "--form", "mentee", "--file", book);
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentors), "--form", "mentor", "--file", book);

  const excel = await open(book);
  const roadmap = excel.getWorksheet("Дорожная карта")!;
  const evidence = headerColumn(roadmap, "Подтверждение (ссылка)");
  const comment = headerColumn(roadmap, "Комментарий");
  const event = headerColumn(roadmap, "Мероприятие");
  const mine = roadmap.columnCount + 1;
  roadmap.getCell(FIRST_DATA_ROW, mine).value = "Длина названия (куратор)";
  for (let r = FIRST_DATA_ROW + 1; r <= roadmap.rowCount; r++) {
    if (!roadmap.getCell(r, event).value) continue;
    roadmap.getCell(r, evidence).value = { text: `Протокол ${r}`, hyperlink: `https://school1.ru/docs/${r}` };
    roadmap.getCell(r, comment).value = {
      richText: [{ text: "Важно: ", font: { bold: true } }, { text: `пункт ${r}` }],
    };
    roadmap.getCell(r, mine).value = {
      formula: `LEN(${roadmap.getCell(r, event).address})`,
    } as ExcelJS.CellFormulaValue;
  }
  const mentees = excel.getWorksheet("Наставляемые")!;
  const mc = mentees.columnCount + 1;
  mentees.getCell(FIRST_DATA_ROW, mc).value = "Анкета (куратор)";
  for (let r = FIRST_DATA_ROW + 1; r <= mentees.rowCount; r++) {
    mentees.getCell(r, mc).value = { formula: `LEN(D${r})` } as ExcelJS.CellFormulaValue;
    mentees.getCell(r, mc + 1).value = { text: "профиль", hyperlink: `https://school1.ru/p/${r}` };
  }
  const own = excel.addWorksheet("Мои расчёты");
  own.getCell("A1").value = "Итоги куратора";
  own.mergeCells("A1:C1");
  own.getCell("A2").value = { formula: "LEN(A1)" } as ExcelJS.CellFormulaValue;
  own.getCell("A3").value = { text: "Сайт школы", hyperlink: "https://school1.ru" };
  await excel.xlsx.writeFile(book);
  return book;
}

test("formulas, hyperlinks, rich text and merges of the curator survive every command that rewrites rows", async () => {
  const book = await curatedSchool("curated.xlsx");
  const before = await curatorCells(book);
  expect(before.links.length).toBeGreaterThan(20);
  expect(before.formulas.length).toBeGreaterThan(20);
  expect(before.rich.length).toBeGreaterThan(10);
  const statusesBefore = Table.load(await XlsxWorkbook.load(book), "roadmap")
    .records()
    .map((r) => r.values.status);

  const email = String(Table.load(await XlsxWorkbook.load(book), "mentees").records()[0].values.email);
  for (const argv of [
    ["roadmap", "refresh", "--today", "15.12.2026"],
    ["match", "--today", "15.12.2026"],
    ["monitor", "--today", "15.12.2026"],
    ["erase", email, "--today", "15.12.2026"],
    ["init", "--today", "15.12.2026"],
  ]) {
    const r = await cli(...argv, "--file", book);
    expect({ argv, code: r.code }).toEqual({ argv, code: 0 });
  }

  // The program did change rows: statuses moved with the date, the erased row is anonymous.
  const wb = await XlsxWorkbook.load(book);
  expect(
    Table.load(wb, "roadmap")
      .records()
      .map((r) => r.values.status),
  ).not.toEqual(statusesBefore);
  expect(Table.load(wb, "mentees").records()[0].values.full_name).toBe("[данные удалены]");
  // Everything of the curator stays but what erase blanks by design: the erased pupil's own row, the
  // curator's columns included (they may hold the person's data), a formula's cell aside.
  const erasedRow = FIRST_DATA_ROW + 1;
  expect(await curatorCells(book)).toEqual({
    ...before,
    links: before.links.filter((l) => !new RegExp(`^Наставляемые![A-Z]+${erasedRow} `).test(l)),
  });
}, 180_000);

test("merged cells inside a table: init names them, a command refuses to write through them, IDs are not shared", async () => {
  const book = await curatedSchool("merged.xlsx");
  const bank = Table.load(await XlsxWorkbook.load(book), "mentees");
  const pupil = bank.rowIndexes().find((r) => String(bank.get(r, "class")) !== "")!;
  const email = String(bank.get(pupil, "email"));
  const excel = await open(book);
  const mentees = excel.getWorksheet("Наставляемые")!;
  const cls = headerColumn(mentees, "Класс (для обучающихся)");
  const first = FIRST_DATA_ROW + pupil + 1;
  const classCol = mentees.getColumn(cls).letter;
  mentees.mergeCells(`${classCol}${first}:${classCol}${first + 2}`);
  const idRow = FIRST_DATA_ROW + pupil + 5;
  mentees.mergeCells(`A${idRow}:A${idRow + 2}`);
  await excel.xlsx.writeFile(book);

  const init = await cli("init", "--file", book);
  expect(init.text).not.toContain("в порядке");
  expect(init.text).toContain(`объединены ячейки ${classCol}${first}:${classCol}${first + 2}`);
  expect(init.text).toContain(`объединены ячейки A${idRow}:A${idRow + 2}`);
  const log = Table.load(await XlsxWorkbook.load(book), "log").records();
  expect(log.filter((l) => String(l.values.message).includes("объединены ячейки"))).toHaveLength(2);

  // A merged ID is one person's, not three.
  const ids = Table.load(await XlsxWorkbook.load(book), "mentees")
    .records()
    .map((r) => String(r.values.id));
  expect(ids.slice(pupil + 4, pupil + 7).filter((id) => id !== "")).toHaveLength(1);

  // Erasing the pupil on the first merged row would write «Класс» through the merge: refused, whole.
  const bytes = readFileSync(book);
  const erase = await cli("erase", email, "--file", book);
  expect(erase.code).not.toBe(0);
  expect(erase.text).toContain(`объединены ячейки ${classCol}${first}:${classCol}${first + 2}`);
  expect(erase.text).toContain("Отмените объединение");
  expect(readFileSync(book).equals(bytes)).toBe(true);
}, 180_000);

describeWith(LIBREOFFICE)("LibreOffice", () => {
  test("recalculates the curator's formulas after the commands", async () => {
    const book = await curatedSchool("recalc.xlsx");
    await cli("roadmap", "refresh", "--today", "15.12.2026", "--file", book);
    await cli("erase", "nobody@school1.ru", "--file", book);
    const out = join(dir, "lo");
    const copy = join(dir, "recalc-copy.xlsx");
    copyFileSync(book, copy);
    const profile = mkdtempSync(join(tmpdir(), "lo-curator-"));
    try {
      execFileSync(
        LIBREOFFICE.path!,
        [
          "--headless",
          "--norestore",
          `-env:UserInstallation=file://${profile}`,
          "--convert-to",
          "xlsx",
          "--outdir",
          out,
          copy,
        ],
        { stdio: "pipe", timeout: 300_000 },
      );
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    const calc = await open(join(out, "recalc-copy.xlsx"));
    const roadmap = calc.getWorksheet("Дорожная карта")!;
    const event = headerColumn(roadmap, "Мероприятие");
    let checked = 0;
    roadmap.eachRow((row, r) => {
      if (r <= FIRST_DATA_ROW) return;
      const name = String(row.getCell(event).value ?? "");
      const mine = row.getCell(roadmap.actualColumnCount);
      const v = mine.value as ExcelJS.CellFormulaValue | null;
      if (name === "" || !v || typeof v !== "object" || !("formula" in v)) return;
      expect(mine.result).toBe(name.length);
      checked++;
    });
    expect(checked).toBeGreaterThan(20);
    expect(calc.getWorksheet("Мои расчёты")!.getCell("A2").result).toBe("Итоги куратора".length);
  }, 300_000);
});
