import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { ImportError, parseExportBytes, readExport } from "../../../src/offline/import";
import { fixture, utf8, wall, xlsxBytes } from "../../support/import-files";

describe("awkward content", () => {
  it("keeps embedded newlines, quotes, formula-like text; renames duplicates; skips a row with no answers", async () => {
    const r = await readExport(fixture("tricky.csv"));
    expect(r.format).toBe("google-forms-csv");
    expect(r.warnings).toEqual([
      "«tricky.csv»: у столбца H нет заголовка; его ответы записаны под названием «Столбец H».",
      "«tricky.csv»: несколько столбцов называются «ФИО»; следующий прочитан как «ФИО (2)».",
      "«tricky.csv», строка 4: нет ни одного ответа — строка пропущена.",
    ]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3, 12),
        email: "a@school.ru",
        answers: {
          ФИО: "Иванова",
          "ФИО (2)": "Иванова М.",
          "Расскажите о себе (подробно)": 'Первая строка\nВторая строка с "кавычками", и запятой',
          Формула: "=SUM(A1:A3)",
          "Столбец H": "",
        },
        source: "файл tricky.csv, строка 2",
        responseId: "2",
      },
      {
        submittedAt: wall(2026, 11, 22, 15, 0, 0),
        email: "b@school.ru",
        answers: {
          ФИО: "Петров",
          "ФИО (2)": "",
          "Расскажите о себе (подробно)": "+7 900 123-45-67",
          Формула: "-5",
          "Столбец H": "",
        },
        source: "файл tricky.csv, строка 3",
        responseId: "3",
      },
      {
        submittedAt: wall(2026, 11, 22, 17, 0, 0),
        email: "d@school.ru",
        answers: {
          ФИО: "@ivan",
          "ФИО (2)": "",
          "Расскажите о себе (подробно)": '=HYPERLINK("http://example.org")',
          Формула: "+1",
          "Столбец H": "лишнее",
        },
        source: "файл tricky.csv, строка 6",
        responseId: "6",
      },
    ]);
  });

  it("keeps a 10,000-character answer whole", async () => {
    const long = "Очень длинный ответ, с запятыми; и «кавычками» ".repeat(250).slice(0, 10_000);
    expect(long).toHaveLength(10_000);
    const quoted = `"${long.replace(/"/g, '""')}"`;
    const text = `Отметка времени,ФИО,О себе\n22.11.2026 14:03:12,Анна,${quoted}\n`;
    const r = await parseExportBytes(utf8(text), "long.csv");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toHaveLength(1);
    expect(r.submissions[0].answers["О себе"]).toBe(long.trim());
    expect(r.submissions[0].answers["О себе"]).toHaveLength(10_000 - (long.length - long.trimEnd().length));
  });

  it("renames a third duplicate «(3)» and avoids a title that already exists", async () => {
    const text = "Вопрос,Вопрос,Вопрос (2),Вопрос\nа,б,в,г\n";
    const r = await parseExportBytes(utf8(text), "dups.csv");
    expect(Object.entries(r.submissions[0].answers)).toEqual([
      ["Вопрос", "а"],
      ["Вопрос (3)", "б"],
      ["Вопрос (2)", "в"],
      ["Вопрос (4)", "г"],
    ]);
    expect(r.warnings).toEqual([
      "«dups.csv»: несколько столбцов называются «Вопрос»; следующий прочитан как «Вопрос (3)».",
      "«dups.csv»: несколько столбцов называются «Вопрос»; следующий прочитан как «Вопрос (4)».",
      "«dups.csv»: нет столбца со временем отправки («Отметка времени», «Время создания»); у анкет оно не указано.",
    ]);
  });

  it("collapses whitespace in titles and matches known titles regardless of case and spaces", async () => {
    const text =
      "  ОТМЕТКА   ВРЕМЕНИ ,\u00a0Адрес  электронной почты,Ваш\tвопрос  \n22.11.2026 14:03:12,x@y.ru,ответ\n";
    const r = await parseExportBytes(utf8(text), "spaces.csv");
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3, 12),
        email: "x@y.ru",
        answers: { "Ваш вопрос": "ответ" },
        source: "файл spaces.csv, строка 2",
        responseId: "2",
      },
    ]);
  });

  it("keeps a column titled «__proto__» as an ordinary answer", async () => {
    const r = await parseExportBytes(utf8("__proto__,ФИО\nx,Анна\n"), "proto.csv");
    const answers = r.submissions[0].answers;
    expect(Object.keys(answers)).toEqual(["__proto__", "ФИО"]);
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(answers, "__proto__")?.value).toBe("x");
  });

  it("warns about a time it cannot read and still keeps the row", async () => {
    const text = "Отметка времени,ФИО\nвчера,Анна\n,Борис\n";
    const r = await parseExportBytes(utf8(text), "bad-time.csv");
    expect(r.submissions.map((s) => [s.submittedAt, s.answers.ФИО])).toEqual([
      [null, "Анна"],
      [null, "Борис"],
    ]);
    expect(r.warnings).toEqual([
      "«bad-time.csv», строка 2: не удалось прочитать время отправки «вчера»; оно не указано.",
      "«bad-time.csv», строка 3: не указано время отправки.",
    ]);
  });

  it("says so when there is no time column, and when there are no answers under the header", async () => {
    const noTime = await parseExportBytes(utf8("ФИО\tКласс\nАнна\t7Б\n"), "tab.txt");
    expect(noTime.format).toBe("csv");
    expect(noTime.delimiter).toBe("tab");
    expect(noTime.submissions[0]).toEqual({
      submittedAt: null,
      email: "",
      answers: { ФИО: "Анна", Класс: "7Б" },
      source: "файл tab.txt, строка 2",
      responseId: "2",
    });
    expect(noTime.warnings).toEqual([
      "«tab.txt»: нет столбца со временем отправки («Отметка времени», «Время создания»); у анкет оно не указано.",
    ]);
    const headerOnly = await parseExportBytes(utf8("Отметка времени,ФИО\n"), "empty.csv");
    expect(headerOnly.submissions).toEqual([]);
    expect(headerOnly.warnings).toEqual(["«empty.csv»: под заголовком нет ни одной анкеты."]);
  });

  it("warns about an XLSX formula with no cached value and reads its cell empty", async () => {
    const bytes = await xlsxBytes([
      {
        name: "Лист1",
        rows: [
          ["Отметка времени", "ФИО", "Итог"],
          ["22.11.2026 14:03:12", "Анна", { formula: "1+1" }],
        ],
      },
    ]);
    const r = await parseExportBytes(bytes, "nocache.xlsx");
    expect(r.submissions[0].answers).toEqual({ ФИО: "Анна", Итог: "" });
    expect(r.warnings).toEqual([
      "«nocache.xlsx», лист «Лист1»: у формул нет сохранённых значений (C2) — ячейки прочитаны пустыми. Откройте файл в Excel, сохраните и загрузите снова.",
    ]);
  });
});

describe("encodings and delimiters", () => {
  it("prefers the delimiter that splits every row evenly over one that only appears in text", async () => {
    // Three commas in unquoted question text, two semicolons between columns.
    const text =
      "Отметка времени;Ваш стаж, лет, месяцев;Опыт, кратко, своими словами\r\n22.11.2026;5, 3;Да, есть\r\n";
    const r = await parseExportBytes(utf8(text), "ru.csv");
    expect(r.delimiter).toBe(";");
    expect(r.submissions[0].answers).toEqual({
      "Ваш стаж, лет, месяцев": "5, 3",
      "Опыт, кратко, своими словами": "Да, есть",
    });
  });

  it("honours Excel's «sep=;» hint line", async () => {
    const r = await parseExportBytes(utf8("sep=;\nФИО;Класс\nАнна;7Б\n"), "hint.csv");
    expect(r.delimiter).toBe(";");
    expect(r.submissions[0].answers).toEqual({ ФИО: "Анна", Класс: "7Б" });
    expect(r.submissions[0].source).toBe("файл hint.csv, строка 2");
  });

  it("decodes Windows-1251 built on the fly and UTF-16 (Excel's «Текст Юникод»)", async () => {
    const text = "Отметка времени;Ёмкость ответа\r\n22.11.2026 14:03;Щедрый ёжик\r\n";
    const cp = await parseExportBytes(new Uint8Array(iconv.encode(text, "win1251")), "cp.csv");
    expect(cp.encoding).toBe("windows-1251");
    expect(cp.submissions[0].answers).toEqual({ "Ёмкость ответа": "Щедрый ёжик" });
    const tsv = text.replace(/;/g, "\t");
    const le = await parseExportBytes(
      new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(tsv, "utf-16le")])),
      "u16.txt",
    );
    expect(le.encoding).toBe("utf-16le");
    expect(le.delimiter).toBe("tab");
    expect(le.submissions[0]).toMatchObject({
      submittedAt: wall(2026, 11, 22, 14, 3),
      answers: { "Ёмкость ответа": "Щедрый ёжик" },
    });
  });

  it("reads a CSV that was named .xlsx, and says so", async () => {
    const r = await parseExportBytes(utf8("ФИО,Класс\nАнна,7Б\n"), "renamed.xlsx");
    expect(r.format).toBe("csv");
    expect(r.warnings[0]).toBe("«renamed.xlsx» назван как книга Excel, но это текст CSV: прочитан как CSV.");
  });
});

describe("files that are not tables", () => {
  async function failure(bytes: Uint8Array, name: string): Promise<ImportError> {
    try {
      await parseExportBytes(bytes, name);
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return e as ImportError;
    }
    throw new Error(`${name} was accepted`);
  }

  it("refuses a Word document, a PDF, an old .xls, a protected .xlsx, an .ods, binary data, an empty file", async () => {
    const zipWith = (entry: string) =>
      new Uint8Array(
        Buffer.concat([
          Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]),
          Buffer.from(entry),
          Buffer.alloc(64),
        ]),
      );
    expect((await failure(zipWith("word/document.xml"), "Анкета.docx")).message).toBe(
      "Файл «Анкета.docx» — документ Word (.docx), а не таблица. Нужна таблица ответов: CSV или XLSX (Google Формы, Яндекс Формы или Excel).",
    );
    expect((await failure(utf8("%PDF-1.7\n%âãÏÓ\n"), "a.pdf")).message).toMatch(
      /^Файл «a\.pdf» — документ PDF/,
    );
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure(ole, "old.xls")).message).toBe(
      "Файл «old.xls» в старом формате Excel (.xls): откройте его в Excel и сохраните как .xlsx или CSV.",
    );
    expect((await failure(ole, "secret.xlsx")).message).toMatch(/^Книга «secret\.xlsx» защищена паролем/);
    expect(
      (await failure(zipWith("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"), "t.ods")).message,
    ).toMatch(/OpenDocument \(\.ods\)/);
    expect((await failure(new Uint8Array([1, 2, 3, 0, 0, 255, 7, 0]), "data.bin")).message).toMatch(
      /^Файл «data\.bin» не текстовый и не книга Excel/,
    );
    expect((await failure(new Uint8Array(0), "empty.csv")).message).toMatch(/^Файл «empty\.csv» пуст\./);
  });

  it("refuses HTML, JSON and a broken XLSX with a reason", async () => {
    expect(
      (await failure(utf8("<!DOCTYPE html><html><table></table></html>"), "export.xls")).message,
    ).toMatch(/веб-страница или XML/);
    expect((await failure(utf8('[{"a": 1}]'), "answers.json")).message).toMatch(/данные JSON/);
    const broken = new Uint8Array(
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("xl/workbook.xml garbage")]),
    );
    expect((await failure(broken, "broken.xlsx")).message).toMatch(
      /^Не удалось прочитать «broken\.xlsx» как книгу Excel/,
    );
  });

  it("readExport reports a missing file in Russian and reads a real file from disk", async () => {
    await expect(readExport("/nonexistent/answers.csv")).rejects.toThrow(
      "Файл не найден: /nonexistent/answers.csv",
    );
    const dir = mkdtempSync(join(tmpdir(), "import-"));
    try {
      const path = join(dir, "Анкета.xlsx");
      writeFileSync(
        path,
        await xlsxBytes([
          {
            name: "Ответы",
            rows: [
              ["Отметка времени", "ФИО"],
              ["22.11.2026 9:00:00", "Анна"],
            ],
          },
        ]),
      );
      const r = await readExport(path);
      expect(r.format).toBe("google-forms-xlsx");
      expect(r.submissions[0].source).toBe("файл Анкета.xlsx, строка 2");
      await expect(readExport(dir)).rejects.toThrow(/^Это папка, а не файл/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
