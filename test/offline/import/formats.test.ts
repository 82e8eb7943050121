import { readFileSync } from "node:fs";
import { TextDecoder } from "node:util";
import { parseExportBytes, readExport } from "../../../src/offline/import";
import { fixture, wall, xlsxBytes } from "../../support/import-files";

describe("Google Forms CSV", () => {
  it("reads a Russian account's export: time, e-mail, checkbox and grid answers", async () => {
    const r = await readExport(fixture("google-ru.csv"));
    expect(r.format).toBe("google-forms-csv");
    expect(r.encoding).toBe("utf-8");
    expect(r.delimiter).toBe(",");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3, 12),
        email: "ivanova@school.ru",
        answers: {
          ФИО: "Иванова Мария Петровна",
          "Кто вы": "Молодой специалист",
          "Какие темы вам интересны?": "Классное руководство, Работа с родителями",
          "Оцените ожидания по шкале от 1 до 10 [Комфорт общения]": "8",
          "Оцените ожидания по шкале от 1 до 10 [Полезность встреч]": "9",
        },
        source: "файл google-ru.csv, строка 2",
        responseId: "2",
      },
      {
        submittedAt: wall(2026, 11, 23, 9, 5, 0),
        email: "petrov@school.ru",
        answers: {
          ФИО: "Петров Илья Сергеевич",
          "Кто вы": "Педагог",
          "Какие темы вам интересны?": "Цифровые инструменты",
          "Оцените ожидания по шкале от 1 до 10 [Комфорт общения]": "10",
          "Оцените ожидания по шкале от 1 до 10 [Полезность встреч]": "7",
        },
        source: "файл google-ru.csv, строка 3",
        responseId: "3",
      },
    ]);
  });

  it("reads an English account's export with M/D/YYYY times", async () => {
    const r = await readExport(fixture("google-en.csv"), { formTitle: "Анкета наставляемого" });
    expect(r.format).toBe("google-forms-csv");
    expect(r.warnings).toEqual([]);
    expect(r.submissions.map((s) => s.submittedAt)).toEqual([
      wall(2026, 11, 22, 14, 3, 12),
      wall(2027, 1, 5, 9, 7, 45),
    ]);
    expect(r.submissions[0]).toEqual({
      submittedAt: wall(2026, 11, 22, 14, 3, 12),
      email: "anna@example.org",
      answers: {
        "Full name": "Anna Smirnova",
        "Which topics interest you?": "Lesson planning, Classroom management",
        "Rate the program [Comfort]": "9",
        "Rate the program [Usefulness]": "10",
      },
      source: "Анкета наставляемого: файл google-en.csv, строка 2",
      responseId: "2",
    });
  });

  it("reads D/M/YYYY when a first part exceeds 12, and the Forms UI's «2026/11/22 2:03:12 PM GMT+3»", async () => {
    const text =
      "Timestamp,Name\n22/11/2026 14:03:12,A\n05/12/2026 08:00:00,B\n" + "2026/11/22 2:03:12 PM GMT+3,C\n";
    const r = await parseExportBytes(new Uint8Array(Buffer.from(text)), "en-gb.csv");
    expect(r.submissions.map((s) => s.submittedAt)).toEqual([
      wall(2026, 11, 22, 14, 3, 12),
      wall(2026, 12, 5, 8, 0, 0),
      wall(2026, 11, 22, 14, 3, 12),
    ]);
    expect(r.warnings).toEqual([
      "«en-gb.csv»: у времени отправки указан часовой пояс (GMT+3); время взято как записано, без пересчёта.",
    ]);
  });
});

describe("CSV saved by Excel in a Russian locale", () => {
  it("decodes Windows-1251, splits on semicolons and keeps «dd.mm.yyyy» answers as text", async () => {
    const bytes = readFileSync(fixture("excel-ru-cp1251.csv"));
    // The fixture really is Windows-1251 (made with iconv-lite), not UTF-8.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const r = await readExport(fixture("excel-ru-cp1251.csv"));
    expect(r.format).toBe("excel-ru-csv");
    expect(r.encoding).toBe("windows-1251");
    expect(r.delimiter).toBe(";");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3),
        email: "",
        answers: {
          ФИО: "Семёнов Пётр Ильич",
          "Дата рождения": "05.03.1990",
          "Стаж, лет": "12",
          Комментарий: 'Готов помогать; есть опыт "кейсов"',
        },
        source: "файл excel-ru-cp1251.csv, строка 2",
        responseId: "2",
      },
      {
        submittedAt: wall(2026, 11, 23, 10, 0),
        email: "",
        answers: {
          ФИО: "Сидорова Анна",
          "Дата рождения": "17.08.1985",
          "Стаж, лет": "20",
          Комментарий: "=1+1",
        },
        source: "файл excel-ru-cp1251.csv, строка 3",
        responseId: "3",
      },
    ]);
  });

  it("reads UTF-8 with a byte-order mark and CRLF; a date-only time column gives midnight", async () => {
    const r = await readExport(fixture("utf8-bom-semicolon.csv"));
    expect(r.format).toBe("excel-ru-csv");
    expect(r.encoding).toBe("utf-8-bom");
    expect(r.delimiter).toBe(";");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22),
        email: "",
        answers: {
          ФИО: "Орлов Кирилл",
          Класс: "7Б",
          "Запрос к наставнику": "Подготовка к олимпиаде; хочу разобраться с геометрией",
        },
        source: "файл utf8-bom-semicolon.csv, строка 2",
        responseId: "2",
      },
      {
        submittedAt: wall(2026, 11, 23),
        email: "",
        answers: { ФИО: "Зайцева Полина", Класс: "9А", "Запрос к наставнику": "Профориентация" },
        source: "файл utf8-bom-semicolon.csv, строка 3",
        responseId: "3",
      },
    ]);
  });
});

describe("Yandex Forms", () => {
  it("reads a CSV export: answer ID, creation time, numbered questions, «; »-joined choices", async () => {
    const r = await readExport(fixture("yandex.csv"), { formTitle: "Анкета наставника" });
    expect(r.format).toBe("yandex-forms-csv");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3),
        email: "",
        answers: {
          ФИО: "Кузнецова Ольга Викторовна",
          "Ваша роль": "Наставник",
          "Какие темы интересны?": "Цифровые инструменты, Работа с родителями",
          // Prose with a semicolon and a comma is left as written.
          Комментарий: "Готова; но только по средам, после уроков",
        },
        source: "Анкета наставника: файл yandex.csv, строка 2",
        responseId: "1234567",
      },
      {
        submittedAt: wall(2026, 11, 23, 8, 15),
        email: "",
        answers: {
          ФИО: "Морозов Денис",
          "Ваша роль": "Наставляемый",
          "Какие темы интересны?": "Классное руководство",
          Комментарий: "",
        },
        source: "Анкета наставника: файл yandex.csv, строка 3",
        responseId: "1234568",
      },
    ]);
  });

  it("reads an XLSX export: numeric IDs, text and date-cell times, an «Email» column", async () => {
    const bytes = await xlsxBytes([
      {
        name: "Ответы",
        rows: [
          ["ID", "Время создания", "ФИО", "Email", "Ваша роль", "Какие темы интересны?"],
          [
            1717171717,
            "2026-11-22 14:03:12",
            "Кузнецова Ольга",
            "olga@school.ru",
            "Наставник",
            "Цифровые инструменты; Работа с родителями",
          ],
          [
            1717171718,
            wall(2026, 11, 23, 9, 30),
            "Морозов Денис",
            "",
            "Наставляемый",
            "Классное руководство",
          ],
          [null, "22.11.2026 18:45", "Без номера", "", "Наставляемый", ""],
        ],
      },
    ]);
    const r = await parseExportBytes(bytes, "/tmp/Ответы Яндекс.xlsx");
    expect(r.format).toBe("yandex-forms-xlsx");
    expect(r.sheetName).toBe("Ответы");
    expect(r.warnings).toEqual([]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3, 12),
        email: "olga@school.ru",
        answers: {
          ФИО: "Кузнецова Ольга",
          "Ваша роль": "Наставник",
          "Какие темы интересны?": "Цифровые инструменты, Работа с родителями",
        },
        source: "файл Ответы Яндекс.xlsx, строка 2",
        responseId: "1717171717",
      },
      {
        submittedAt: wall(2026, 11, 23, 9, 30),
        email: "",
        answers: {
          ФИО: "Морозов Денис",
          "Ваша роль": "Наставляемый",
          "Какие темы интересны?": "Классное руководство",
        },
        source: "файл Ответы Яндекс.xlsx, строка 3",
        responseId: "1717171718",
      },
      {
        submittedAt: wall(2026, 11, 22, 18, 45),
        email: "",
        answers: { ФИО: "Без номера", "Ваша роль": "Наставляемый", "Какие темы интересны?": "" },
        source: "файл Ответы Яндекс.xlsx, строка 4",
        // No answer ID: the row number stands in.
        responseId: "4",
      },
    ]);
  });

  it("keeps a question that merely starts with a number when the others are not numbered", async () => {
    const text = "ID ответа;Время создания;ФИО;1. Первый вопрос\n7;22.11.2026 14:03:12;Анна;да\n";
    const r = await parseExportBytes(new Uint8Array(Buffer.from(text)), "y.csv");
    expect(r.format).toBe("yandex-forms-csv");
    expect(r.submissions[0].answers).toEqual({ ФИО: "Анна", "1. Первый вопрос": "да" });
    expect(r.submissions[0].responseId).toBe("7");
  });
});

describe("Other XLSX", () => {
  it("skips title rows, reads Date cells as wall-clock, takes cached formula results with a warning", async () => {
    const bytes = await xlsxBytes([
      {
        name: "Итоги",
        rows: [
          ["Результаты анкетирования наставников, 2026/2027"],
          [],
          ["Дата и время", "ФИО", "Дата рождения", "Оценка", "Сумма баллов", "Время встречи"],
          [
            wall(2026, 11, 22, 14, 3),
            "Иванова Мария",
            wall(1990, 3, 5),
            9,
            { formula: "D4*2", result: 18 },
            new Date(Date.UTC(1899, 11, 30, 15, 30)),
          ],
          [wall(2026, 11, 23), { richText: [{ text: "Петров " }, { text: "Илья" }] }, null, 7.5, null, null],
        ],
      },
    ]);
    const r = await parseExportBytes(bytes, "itogi.xlsx", { formTitle: "Анкета наставника" });
    expect(r.format).toBe("xlsx");
    expect(r.warnings).toEqual([
      "«itogi.xlsx», лист «Итоги»: в ячейках с формулами взяты сохранённые значения (E4); формулы не пересчитывались.",
      "«itogi.xlsx»: строка 1 над заголовком таблицы пропущена.",
    ]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3),
        email: "",
        answers: {
          ФИО: "Иванова Мария",
          "Дата рождения": "05.03.1990",
          Оценка: "9",
          "Сумма баллов": "18",
          "Время встречи": "15:30",
        },
        source: "Анкета наставника: файл itogi.xlsx, строка 4",
        responseId: "4",
      },
      {
        submittedAt: wall(2026, 11, 23),
        email: "",
        answers: {
          ФИО: "Петров Илья",
          "Дата рождения": "",
          Оценка: "7.5",
          "Сумма баллов": "",
          "Время встречи": "",
        },
        source: "Анкета наставника: файл itogi.xlsx, строка 5",
        responseId: "5",
      },
    ]);
  });

  it("picks the sheet with the answers in a book of several and names it in `source`", async () => {
    const bytes = await xlsxBytes([
      { name: "Инструкция", rows: [["Как заполнять"], ["Ответьте на все вопросы"]] },
      {
        name: "Ответы на форму (1)",
        rows: [
          ["Отметка времени", "Адрес электронной почты", "ФИО"],
          ["22.11.2026 14:03:12", "a@school.ru", "Анна"],
        ],
      },
    ]);
    const r = await parseExportBytes(bytes, "responses.xlsx");
    expect(r.format).toBe("google-forms-xlsx");
    expect(r.sheetName).toBe("Ответы на форму (1)");
    expect(r.warnings).toEqual([
      "«responses.xlsx»: в книге несколько заполненных листов; прочитан лист «Ответы на форму (1)», не прочитаны: «Инструкция».",
    ]);
    expect(r.submissions).toEqual([
      {
        submittedAt: wall(2026, 11, 22, 14, 3, 12),
        email: "a@school.ru",
        answers: { ФИО: "Анна" },
        source: "файл responses.xlsx, лист «Ответы на форму (1)», строка 2",
        responseId: "2",
      },
    ]);
  });
});
