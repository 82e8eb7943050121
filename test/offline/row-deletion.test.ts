/**
 * Issue 15, item 3 offline: saves that delete rows keep the curator's cells with their rows. A
 * re-match deletes the old proposals from «Пары»; the curator's own column (a formula on the row,
 * a hyperlink) and notes on the pairs that stay move up with them — read back with exceljs, the
 * formula's reference follows its row. Rows removed below a merged range stop the command whole.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { FIRST_DATA_ROW } from "../../src/core/workbook/repair";
import { PAIR_STATUS } from "../../src/core/workbook/statuses";
import { run } from "../../src/offline/cli";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { shiftFormulaRows } from "../../src/offline/xlsx-rows";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-row-deletion-"));
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

function headerColumn(ws: ExcelJS.Worksheet, header: string): number {
  const c = (ws.getRow(FIRST_DATA_ROW).values as unknown[]).indexOf(header);
  if (c < 1) throw new Error(`no column ${header} on ${ws.name}`);
  return c;
}

/** A matched school where every third pair is approved and carries the curator's cells. */
async function matchedSchool(name: string) {
  const book = join(dir, name);
  await cli("init", "--file", book, "--today", "01.10.2026");
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentees), "--form", "mentee", "--file", book);
  await cli("import", join(samplesDir(), SAMPLE_FILES.mentors), "--form", "mentor", "--file", book);
  expect((await cli("match", "--file", book, "--today", "15.10.2026")).code).toBe(0);
  const excel = await open(book);
  const pairs = excel.getWorksheet("Пары")!;
  const id = headerColumn(pairs, "ID пары");
  const status = headerColumn(pairs, "Статус");
  const comment = headerColumn(pairs, "Комментарий куратора");
  const mine = pairs.columnCount + 1;
  const letter = pairs.getColumn(id).letter;
  pairs.getCell(FIRST_DATA_ROW, mine).value = "Длина ID (куратор)";
  const approved: string[] = [];
  for (let r = FIRST_DATA_ROW + 1; r <= pairs.rowCount; r++) {
    const pairId = String(pairs.getCell(r, id).value ?? "");
    if (pairId === "") continue;
    if ((r - FIRST_DATA_ROW) % 3 === 0) {
      pairs.getCell(r, status).value = PAIR_STATUS.approved;
      approved.push(pairId);
    }
    pairs.getCell(r, mine).value = {
      formula: `LEN(${letter}${r})`,
      result: pairId.length,
    } as ExcelJS.CellFormulaValue;
    pairs.getCell(r, mine + 1).value = { text: "договор", hyperlink: `https://school1.ru/pairs/${pairId}` };
    pairs.getCell(r, comment).note = `заметка о ${pairId}`;
  }
  await excel.xlsx.writeFile(book);
  return { book, approved, mine, letter };
}

/** Each pair of «Пары» with the curator's cells on its row, as exceljs reads the file back. */
async function pairRows(book: string, mine: number, letter: string) {
  const pairs = (await open(book)).getWorksheet("Пары")!;
  const id = headerColumn(pairs, "ID пары");
  const comment = headerColumn(pairs, "Комментарий куратора");
  const out = new Map<string, { formula: string; link: string; note: string; row: number }>();
  for (let r = FIRST_DATA_ROW + 1; r <= pairs.rowCount; r++) {
    const pairId = String(pairs.getCell(r, id).value ?? "");
    if (pairId === "") continue;
    const f = pairs.getCell(r, mine).value as ExcelJS.CellFormulaValue | null;
    const l = pairs.getCell(r, mine + 1).value as ExcelJS.CellHyperlinkValue | null;
    const note = pairs.getCell(r, comment).note;
    out.set(pairId, {
      row: r,
      formula: f && typeof f === "object" && "formula" in f ? f.formula : String(f ?? ""),
      link: l && typeof l === "object" && "hyperlink" in l ? l.hyperlink : String(l ?? ""),
      note:
        typeof note === "string"
          ? note
          : String((note as { texts?: { text: string }[] })?.texts?.map((t) => t.text).join("") ?? ""),
    });
  }
  return { out, letter };
}

test("a re-match deletes the old proposals as rows: the curator's cells of the pairs that stay move with them", async () => {
  const { book, approved, mine, letter } = await matchedSchool("rematch.xlsx");
  expect(approved.length).toBeGreaterThan(3);
  expect((await cli("match", "--file", book, "--today", "20.10.2026")).code).toBe(0);
  const { out } = await pairRows(book, mine, letter);
  const moved = approved.filter((p) => out.get(p)!.row !== approved.indexOf(p) * 3 + FIRST_DATA_ROW + 3);
  expect(moved.length).toBeGreaterThan(0); // rows above them were deleted: they moved up
  // Notes moved, none left behind empty (exceljs writes an empty comment for a cleared note).
  const ws = (await open(book)).getWorksheet("Пары")!;
  let notes = 0;
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (r <= FIRST_DATA_ROW || cell.note === undefined) return;
      notes++;
      expect({ cell: cell.address, note: typeof cell.note === "string" ? cell.note : "" }).toEqual({
        cell: cell.address,
        note: expect.stringMatching(/^заметка о П-/),
      });
    });
  });
  expect(notes).toBe(approved.length);
  for (const p of approved)
    expect({ p, ...out.get(p) }).toEqual({
      p,
      row: out.get(p)!.row,
      formula: `LEN(${letter}${out.get(p)!.row})`,
      link: `https://school1.ru/pairs/${p}`,
      note: `заметка о ${p}`,
    });
}, 300_000);

test("a merged range below the rows to delete stops the re-match whole, with its address", async () => {
  const { book, mine } = await matchedSchool("merged.xlsx");
  const excel = await open(book);
  const pairs = excel.getWorksheet("Пары")!;
  const last = pairs.rowCount;
  const col = pairs.getColumn(mine + 3).letter;
  pairs.mergeCells(`${col}${last}:${col}${last + 1}`);
  await excel.xlsx.writeFile(book);
  const bytes = readFileSync(book);
  const r = await cli("match", "--file", book, "--today", "20.10.2026");
  expect(r.code).not.toBe(0);
  expect(r.text).toContain(`объединены ячейки ${col}${last}:${col}${last + 1}`);
  expect(readFileSync(book).equals(bytes)).toBe(true);
}, 300_000);

test("row references of a formula follow the deletion as in Excel", () => {
  const del = [3, 5, 6];
  expect(shiftFormulaRows("LEN(A4)+B7*$C$10", "Пары", del)).toBe("LEN(A3)+B4*$C$7");
  expect(shiftFormulaRows("SUM(A2:A7)", "Пары", del)).toBe("SUM(A2:A4)");
  expect(shiftFormulaRows("A3&A5:A6", "Пары", del)).toBe("#REF!&#REF!");
  expect(shiftFormulaRows("'Пары'!A9+Лист2!A9+\"A9\"", "Пары", del)).toBe("'Пары'!A6+Лист2!A9+\"A9\"");
  expect(shiftFormulaRows("LOG10(A4)+ATAN2(1;2)", "Пары", del)).toBe("LOG10(A3)+ATAN2(1;2)");
});
