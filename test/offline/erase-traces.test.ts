/**
 * Issue 15, item 2 offline: `mentor erase` on a demo school's .xlsx leaves no trace in the file
 * (cells and notes, read back with exceljs), renames the documents and letters that carry the
 * person, and a re-import of the usual export refuses them.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { declineName } from "../../src/core/documents/names";
import { WITHDRAWN_MESSAGE } from "../../src/core/usecases/intake";
import { FIRST_DATA_ROW } from "../../src/core/workbook/repair";
import { Table } from "../../src/core/workbook/table";
import { run } from "../../src/offline/cli";
import { scrubEml } from "../../src/offline/commands/privacy";
import { buildEml } from "../../src/offline/outbox";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-erase-traces-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet"], (s) => out.push(s));
  return { code, text: out.join("") };
}

/** Every text of a workbook as exceljs reads it back: cell values, formulas, links and notes. */
async function everything(path: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const parts: string[] = [];
  for (const ws of book.worksheets) {
    parts.push(ws.name);
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        parts.push(JSON.stringify(cell.value ?? ""));
        if (cell.note) parts.push(JSON.stringify(cell.note));
      });
    });
  }
  return parts.join("\n").toLowerCase();
}

test("mentor erase on a demo school: no trace in cells, notes, «Журнал», document and letter file names", async () => {
  const book = join(dir, "demo.xlsx");
  const docs = join(dir, "docs");
  const outbox = join(dir, "outbox");
  const demo = await cli(
    "demo",
    "--file",
    book,
    "--documents",
    docs,
    "--outbox",
    outbox,
    "--today",
    "22.11.2026",
  );
  expect(demo.code).toBe(0);

  const wb = await XlsxWorkbook.load(book);
  const pairs = Table.load(wb, "pairs").records();
  const mentees = Table.load(wb, "mentees");
  const pair = pairs.find((p) => p.values.status === "утверждена")!.values;
  const row = mentees.find("id", String(pair.mentee_id));
  const person = mentees.record(row);
  const name = String(person.full_name);
  const surname = name.split(" ")[0];
  const email = String(person.email);
  const programs = () => readdirSync(join(docs, "2026-2027")).filter((f) => f.includes(`${pair.pair_id} `));
  expect(programs().join()).toContain(surname);

  // A curator's notes: on the person's own row, on «Контингент», on a sheet of their own; a phone
  // written another way in a note, a declined name in another participant's comment.
  const excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(book);
  excel.getWorksheet("Наставляемые")!.getCell(FIRST_DATA_ROW + row + 1, 5).note =
    "Мама просит звонить вечером";
  excel.getWorksheet("Контингент")!.getCell(3, 2).note = `Считая ${declineName(name, "accusative")}`;
  const mine = excel.addWorksheet("Мои заметки");
  mine.getCell("A1").value = "Список";
  mine.getCell("A1").note = `Позвонить родителям ${declineName(name, "genitive")}: 8 (912) 345-67-89`;
  const other = excel.getWorksheet("Наставляемые")!.getCell(FIRST_DATA_ROW + (row === 0 ? 1 : 0) + 1, 3);
  const [lastWith, firstWith] = declineName(name, "instrumental").split(" ");
  other.note = `Сидит за одной партой с ${firstWith} ${lastWith}`;
  const phoneCell = excel.getWorksheet("Наставляемые")!.getRow(2).values as unknown[];
  const phoneCol = phoneCell.indexOf("Телефон");
  excel.getWorksheet("Наставляемые")!.getCell(FIRST_DATA_ROW + row + 1, phoneCol).value = "+7 912 345-67-89";
  await excel.xlsx.writeFile(book);

  const r = await cli("erase", email, "--file", book, "--documents", docs, "--outbox", outbox);
  expect(r.code).toBe(0);
  expect(r.text).toMatch(/Очищено примечаний к ячейкам: 4\./);
  expect(r.text).toContain("Анкеты этого участника больше не будут приняты");

  const text = await everything(book);
  for (const c of ["nominative", "genitive", "dative", "accusative", "instrumental"] as const)
    expect(text).not.toContain(declineName(name, c).toLowerCase());
  expect(text).not.toContain(email.toLowerCase());
  expect(text).not.toContain("345-67-89");
  expect(text).not.toContain("мама просит");
  expect(programs().join()).not.toContain(` ${surname}`);
  expect(programs().join()).toContain("[данные удалены]");
  for (const f of readdirSync(outbox)) expect(f.toLowerCase()).not.toContain(email.toLowerCase());
  // The letters' subjects and texts (UTF-8 base64 parts) no longer name the person either.
  for (const f of readdirSync(outbox)) {
    const eml = readFileSync(join(outbox, f), "utf8");
    const texts = [
      ...eml.matchAll(
        /Content-Type: text\/(?:plain|html)[^\r]*\r\nContent-Transfer-Encoding: base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g,
      ),
    ]
      .map((m) => Buffer.from(m[1].replace(/\r\n/g, ""), "base64").toString("utf8"))
      .join("\n")
      .toLowerCase();
    expect(texts.length).toBeGreaterThan(0);
    for (const c of ["nominative", "genitive", "dative", "instrumental"] as const)
      expect(texts).not.toContain(declineName(name, c).toLowerCase());
    expect(texts).not.toContain(email.toLowerCase());
  }
  expect(existsSync(`${book}.mentor-lock`)).toBe(false);
}, 120_000);

test("mentor import after mentor erase: the usual export refuses the person into «Журнал», without their data", async () => {
  const book = join(dir, "school.xlsx");
  const file = join(samplesDir(), SAMPLE_FILES.mentees);
  await cli("init", "--file", book, "--today", "22.11.2026");
  const first = await cli("import", file, "--form", "mentee", "--file", book);
  const rejectedFirst = Number(/отклонено (\d+)/.exec(first.text)?.[1]);
  const before = Table.load(await XlsxWorkbook.load(book), "mentees").records();
  const email = String(before[0].values.email);
  const name = String(before[0].values.full_name);
  expect((await cli("erase", email, "--file", book)).code).toBe(0);
  const erased = JSON.stringify(Table.load(await XlsxWorkbook.load(book), "mentees").records());

  const again = await cli("import", file, "--form", "mentee", "--file", book);
  expect(again.code).toBe(0);
  expect(again.text).toContain(`отклонено ${rejectedFirst + 1}`);
  const wb = await XlsxWorkbook.load(book);
  expect(JSON.stringify(Table.load(wb, "mentees").records())).toBe(erased);
  const refused = Table.load(wb, "log")
    .records()
    .filter((l) => l.values.message === WITHDRAWN_MESSAGE);
  expect(refused).toHaveLength(1);
  const text = await everything(book);
  expect(text).not.toContain(email.toLowerCase());
  expect(text).not.toContain(name.toLowerCase());
}, 60_000);

test("a letter of the outbox loses the person's name in its subject, text and HTML, keeps its attachment", () => {
  const eml = buildEml(
    {
      to: ["director@school1.ru"],
      subject: "Сводка: Орлова Юлия Андреевна без встреч 21 день",
      body: "Пара П-0012: Орловой Юлии Андреевне нужна помощь. Телефон 8 (912) 345-67-89.",
      htmlBody: "<p>Пара П-0012: <b>Ю.А. Орлова</b></p>",
      attachments: [
        { name: "Отчёт.docx", mimeType: "application/octet-stream", bytes: new Uint8Array([1, 2, 3]) },
      ],
    },
    {
      date: "Sun, 22 Nov 2026 10:00:00 +0300",
      messageId: "<1@school1.ru>",
      from: "robot@school1.ru",
      boundary: "b1",
    },
  );
  const scrub = (s: string) =>
    s
      .replace(/Орлов\S* Юли\S* Андреевн\S*/g, "[данные удалены]")
      .replace(/Ю\.А\. Орлова/g, "[данные удалены]")
      .replace(/8 \(912\) 345-67-89/g, "[удалено]");
  const out = scrubEml(eml, scrub)!;
  expect(out).not.toBeNull();
  const decoded = [...out.matchAll(/base64\r\n\r\n([A-Za-z0-9+/=\r\n]+)/g)].map((m) =>
    Buffer.from(m[1].replace(/\r\n/g, ""), "base64").toString("utf8"),
  );
  expect(decoded[0]).toBe("Пара П-0012: [данные удалены] нужна помощь. Телефон [удалено].");
  expect(decoded[1]).toBe("<p>Пара П-0012: <b>[данные удалены]</b></p>");
  expect(out).toContain("\r\nAQID\r\n"); // the attachment's bytes, as they were
  const subject = /^Subject: (.*(?:\r\n\s.*)*)/m.exec(out)![1];
  const text = subject
    .replace(/\?=\r\n\s+=\?/g, "?==?")
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b: string) => Buffer.from(b, "base64").toString("utf8"));
  expect(text).toBe("Сводка: [данные удалены] без встреч 21 день");
  expect(scrubEml(out, scrub)).toBeNull();
});
