/**
 * Imports that refuse what they cannot read (issue 16, item 6): a formula in the e-mail column, a
 * file named .xlsx that is neither a book nor a table, another questionnaire's export, a required
 * question without a column — each refused with one clear Russian message, before any row is
 * taken, and the refusal (or the rejected row with its original values) kept in «Журнал».
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refuseColumns } from "../../src/core/questionnaires/fit";
import { questionnaire } from "../../src/core/questionnaires/schema";
import { validateSubmission } from "../../src/core/questionnaires/validate";
import { Table } from "../../src/core/workbook/table";
import { prng } from "../../src/demo/sample";
import { run } from "../../src/offline/cli";
import { ImportError, parseExportBytes, readExport } from "../../src/offline/import";
import { SAMPLE_FILES, samplesDir } from "../../src/offline/samples";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { goodMentee, submission } from "../support/submissions";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mentor-refusals-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const code = await run([...argv, "--quiet", "--today", "01.10.2026"], (s) => out.push(s));
  return { code, text: out.join("") };
}

async function fresh(name: string): Promise<string> {
  const book = join(dir, name);
  expect((await cli("init", "--file", book)).code).toBe(0);
  return book;
}

async function sheets(book: string) {
  const wb = await XlsxWorkbook.load(book);
  const rows = (key: "mentees" | "mentors" | "log") =>
    Table.load(wb, key)
      .records()
      .map((r) => r.values as Record<string, unknown>);
  return {
    mentees: rows("mentees"),
    mentors: rows("mentors"),
    errors: rows("log").filter((r) => r.level === "ошибка"),
  };
}

const HEADER = [
  "Отметка времени",
  "Адрес электронной почты",
  "ФИО",
  "Кто вы",
  "Форма наставничества",
  "Ваши запросы к наставнику",
  "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»",
];
const row = (email: string, name: string) => [
  "01.10.2026 10:00:00",
  email,
  name,
  "обучающийся",
  "ученик – ученик",
  "Повышение успеваемости",
  "Согласен(на)",
];
const csv = (header: string[], rows: string[][]) =>
  [header, ...rows].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(",")).join("\r\n");

describe("imports refuse what they cannot read", () => {
  it("an e-mail cell that is a formula is no address: the row is rejected, kept in «Журнал» with its values", async () => {
    const book = await fresh("formula.xlsx");
    const file = join(dir, "formula.csv");
    writeFileSync(
      file,
      csv(HEADER, [
        row('=HYPERLINK("mailto:ivan@mail.ru","почта")', "Иванов Иван Иванович"),
        row('=ГИПЕРССЫЛКА("mailto:olga@mail.ru";"почта")', "Орлова Ольга Олеговна"),
        row("anna@mail.ru", "Смирнова Анна Петровна"),
      ]),
    );
    const r = await cli("import", file, "--form", "mentee", "--file", book);
    expect(r.text).toContain("добавлено 1, обновлено 0, без изменений 0, отклонено 2");
    const s = await sheets(book);
    expect(s.mentees.map((m) => m.email)).toEqual(["anna@mail.ru"]);
    expect(s.errors.map((e) => e.message)).toEqual([
      'Адрес электронной почты участника — формула, а не адрес: «=HYPERLINK("mailto:ivan@mail.ru","почта")». Впишите в ячейку сам адрес текстом.',
      'Адрес электронной почты участника — формула, а не адрес: «=ГИПЕРССЫЛКА("mailto:olga@mail.ru";"почта")». Впишите в ячейку сам адрес текстом.',
    ]);
    expect(JSON.parse(String(s.errors[0].original)).answers.ФИО).toBe("Иванов Иван Иванович");
  });

  it("an address is an address: quotes, brackets, commas, a colon, a leading «=» are refused", () => {
    const bad = [
      '"a@b.ru"',
      "<a@b.ru>",
      "a@b.ru, c@d.ru",
      "mailto:a@b.ru",
      "=a@b.ru",
      "a@b",
      "a b@c.ru",
      "(a)@b.ru",
      "a@b.c",
    ];
    const good = ["a@b.ru", "Anna.Ivanova+mentor@school-1.ru", "o'brien@mail.ru", "ученик@школа.рф"];
    // Only the address is judged here (the choices' lists are empty): is there an address error?
    const check = (email: string) => {
      const r = validateSubmission(
        questionnaire("mentee"),
        submission("mentee", email, goodMentee),
        {},
        new Date(Date.UTC(2026, 9, 1)),
      );
      return { ok: r.ok || !r.errors.some((e) => e.startsWith("Адрес электронной почты")) };
    };
    for (const email of bad) expect([email, check(email).ok]).toEqual([email, false]);
    for (const email of good) expect([email, check(email).ok]).toEqual([email, true]);
  });

  it("random bytes and a text note named .xlsx are refused before any row is read", async () => {
    const rnd = prng(16);
    // Random bytes without a NUL (a NUL alone already marks a binary file).
    const noise = Buffer.from(Array.from({ length: 4000 }, () => 1 + Math.floor(rnd() * 255)));
    const failure = async (bytes: Uint8Array, name: string) => {
      try {
        await parseExportBytes(bytes, name);
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as Error).message;
      }
      throw new Error(`${name} was read`);
    };
    expect(await failure(noise, "ответы.xlsx")).toBe(
      "Файл «ответы.xlsx» назван как книга Excel (.xlsx), но это не книга Excel и не текст: прочитать его нельзя. Нужна таблица ответов: CSV или XLSX (Google Формы, Яндекс Формы или Excel).",
    );
    expect(await failure(noise, "ответы.csv")).toMatch(/^Файл «ответы\.csv» не текстовый и не книга Excel/);
    const note = Buffer.from(
      "Список дел на неделю\nПозвонить родителям Петрова, обсудить успеваемость\nСобрание в пятницу\nКупить бумагу, ручки, папки\n",
    );
    expect(await failure(note, "заметка.xlsx")).toBe(
      "Файл «заметка.xlsx» назван как книга Excel (.xlsx), но это не книга Excel и не таблица ответов: в строке заголовков нет ни одного разделителя столбцов (точки с запятой, запятой или табуляции). Нужна таблица ответов: CSV или XLSX (Google Формы, Яндекс Формы или Excel).",
    );
    // A note whose first line has a comma: its other lines do not fit the header's two columns.
    const commas = Buffer.from(
      "Дела: звонки, письма\nПозвонить Петровым\nНаписать в управление образования\nПапки, ручки, бумага, скрепки\n",
    );
    expect(await failure(commas, "дела.csv")).toBe(
      "Файл «дела.csv» — не таблица ответов: в 3 строках из 3 число столбцов не совпадает с заголовком. Нужна таблица ответов: CSV или XLSX (Google Формы, Яндекс Формы или Excel).",
    );
  });

  it("the refused junk leaves one line in «Журнал» and no row anywhere", async () => {
    const book = await fresh("junk.xlsx");
    const rnd = prng(7);
    const file = join(dir, "ответы-junk.xlsx");
    writeFileSync(file, Buffer.from(Array.from({ length: 3000 }, () => 1 + Math.floor(rnd() * 255))));
    const r = await cli("import", file, "--form", "mentee", "--file", book);
    expect(r.code).not.toBe(0);
    expect(r.text).toContain("назван как книга Excel (.xlsx), но это не книга Excel");
    const s = await sheets(book);
    expect(s.mentees).toHaveLength(0);
    expect(s.errors).toHaveLength(1);
    expect(JSON.parse(String(s.errors[0].original))).toEqual({ file: "ответы-junk.xlsx", columns: [] });
    expect(s.errors[0].details).toBe("Файл: ответы-junk.xlsx");
  });

  it("a mentee export loaded as the mentor questionnaire: «похоже на анкету …», nothing taken", async () => {
    const book = await fresh("wrong.xlsx");
    const file = join(samplesDir(), SAMPLE_FILES.mentees);
    const r = await cli("import", file, "--form", "mentor", "--file", book);
    expect(r.code).not.toBe(0);
    expect(r.text).toMatch(
      /Файл «Анкета наставляемого — Excel\.csv» похож на анкету «Анкета наставляемого» \(в нём \d+ из \d+ вопросов этой анкеты\), а загружается как «Анкета наставника» \(\d+ из \d+ вопроса?о?в?\)\. Ни одна строка не загружена: выберите анкету «Анкета наставляемого»\./,
    );
    const s = await sheets(book);
    expect(s.mentors).toHaveLength(0);
    expect(s.errors).toHaveLength(1);
    // And the other way round, and the right questionnaire is taken.
    const mentors = await readExport(join(samplesDir(), SAMPLE_FILES.mentors));
    expect(refuseColumns("mentee", mentors.titles, "m.csv")).toMatch(/похож на анкету «Анкета наставника»/);
    expect(refuseColumns("mentor", mentors.titles, "m.csv")).toBeNull();
  });

  it("a required question without a column is named once for the file, not once per row", async () => {
    const book = await fresh("missing.xlsx");
    const file = join(dir, "missing.csv");
    const without = (r: string[]) => r.filter((_, i) => i !== 2);
    writeFileSync(
      file,
      csv(
        without(HEADER),
        Array.from({ length: 30 }, (_, i) => without(row(`p${i}@mail.ru`, `Ученик ${i}`))),
      ),
    );
    const r = await cli("import", file, "--form", "mentee", "--file", book);
    expect(r.code).not.toBe(0);
    expect(r.text.match(/«ФИО»/g)).toHaveLength(1);
    expect(r.text).toContain(
      "В файле «missing.csv» нет столбца «ФИО» — обязательного вопроса анкеты «Анкета наставляемого». Ни одна строка не загружена",
    );
    const s = await sheets(book);
    expect(s.mentees).toHaveLength(0);
    expect(s.errors).toHaveLength(1);
  });
});
