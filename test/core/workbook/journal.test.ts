import { type Cell, noProgress } from "../../../src/core/ports";
import { ERASED_NAME } from "../../../src/core/privacy/scrub";
import { fullNameTitles } from "../../../src/core/questionnaires/schema";
import { eraseConsent } from "../../../src/core/usecases/erase";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { describeOriginal, describeSerialised, personOfOriginal } from "../../../src/core/workbook/journal";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { allText, clock, privacySchool, records } from "../../support/privacy-school";
import { goodMentee, submission } from "../../support/submissions";

const ports = (wb: MemoryWorkbook) => ({ workbook: wb, clock, progress: noProgress });

function fresh() {
  const wb = new MemoryWorkbook();
  initWorkbook(ports(wb));
  return wb;
}

const journal = (wb: MemoryWorkbook) => records(wb, "log");

/** A mentee's answers with the required request left blank: refused into «Журнал». */
const refused = (email: string, name = "Смирнова Алиса Игоревна") =>
  submission(
    "mentee",
    email,
    { ...goodMentee, full_name: name, requests: "", phone: "+7 912 000-11-22" },
    new Date(Date.UTC(2026, 8, 17, 12, 47)),
    `лист «Ответы на форму (1)», строка 71`,
  );

describe("«Журнал» a person reads", () => {
  it("writes the source data as «Поле: значение; …», blank answers left out, and keeps the JSON whole", () => {
    const original = {
      email: "a@school1.ru",
      submittedAt: new Date(Date.UTC(2026, 8, 17, 12, 47)),
      answers: { ФИО: "Смирнова Алиса", Телефон: "", "Запрос своими словами": "Хочу\nпонять алгебру" },
    };
    expect(describeOriginal(original)).toBe(
      "E-mail: a@school1.ru; Время ответа: 17.09.2026 12:47; ФИО: Смирнова Алиса; Запрос своими словами: Хочу / понять алгебру",
    );
    // A line written before: its JSON (the time serialised) reads the same.
    expect(describeSerialised(JSON.stringify(original))).toBe(describeOriginal(original));
    expect(describeOriginal([{ ФИО: "А" }, { ФИО: "Б" }])).toBe("Строка 1: ФИО: А\nСтрока 2: ФИО: Б");
    expect(describeSerialised("не JSON {")).toBe("не JSON {");
    expect(personOfOriginal(original, fullNameTitles())).toBe("Смирнова Алиса");
    expect(personOfOriginal({ email: "b@school1.ru", answers: { ФИО: "" } }, fullNameTitles())).toBe(
      "b@school1.ru",
    );
  });

  it("a refused questionnaire names the person and the row, its data readable and every answer kept", () => {
    const wb = fresh();
    const s = refused("alice@school1.ru");
    intakeSubmissions(ports(wb), "mentee", [s]);
    const line = journal(wb).find((l) => l.level === "ошибка")!;
    expect(line).toMatchObject({
      level: "ошибка",
      person: "Смирнова Алиса Игоревна",
      place: "«Ответы на форму (1)», строка 71",
    });
    const details = String(line.details);
    expect(
      details.startsWith(
        "E-mail: alice@school1.ru; Время ответа: 17.09.2026 12:47; ФИО: Смирнова Алиса Игоревна;",
      ),
    ).toBe(true);
    expect(details).not.toMatch(/[{}"]/);
    // Nothing submitted is lost: every answer is in the text, and the JSON copy is exact.
    for (const [q, a] of Object.entries(s.answers)) if (a !== "") expect(details).toContain(`${q}: ${a}`);
    expect(JSON.parse(String(line.original))).toEqual({
      email: s.email,
      submittedAt: s.submittedAt!.toISOString(),
      answers: s.answers,
    });
  });

  it("a meeting with a wrong pair code names the sender and the row of «Встречи» it wrote", () => {
    const { wb, mentee, mentor } = privacySchool();
    intakeSubmissions(ports(wb), "meeting_feedback", [
      {
        source: "тест",
        email: String(mentee.email),
        submittedAt: new Date(Date.UTC(2026, 10, 20, 9)),
        answers: {
          "Код пары": "П-9999",
          "Ваша роль": "наставляемый",
          "С кем была встреча (ФИО)": String(mentor.full_name),
          "Дата встречи": "19.11.2026",
          "Тип встречи": "регулярная встреча",
          "Насколько полезной была встреча (от 1 до 10)": "8",
        },
      },
    ]);
    const line = journal(wb).find((l) => String(l.message).includes("П-9999"))!;
    const meetings = Table.load(wb, "meetings");
    const row = meetings.rowIndexes().length - 1;
    expect(line.person).toBe(mentee.full_name);
    expect(line.place).toBe(`«Встречи», строка ${row + 3} (${meetings.get(row, "meeting_id")})`);
  });

  it("before init, a journal of the old form still takes lines, and erasure still clears them", () => {
    const wb = fresh();
    const keys = ["at", "level", "operation", "message", "source", "original", "user"];
    wb.put("Журнал", [
      keys,
      ["Время", "Уровень", "Операция", "Сообщение", "Источник", "Исходные данные", "Пользователь"],
    ]);
    intakeSubmissions(ports(wb), "mentee", [refused("alice@school1.ru")]);
    const line = () => wb.grid("Журнал")[2];
    expect(line()).toHaveLength(keys.length);
    expect(JSON.parse(String(line()[keys.indexOf("original")])).answers.ФИО).toBe("Смирнова Алиса Игоревна");
    intakeSubmissions(ports(wb), "mentee", [submission("mentee", "alice@school1.ru", goodMentee)]);
    eraseConsent({ workbook: wb, clock, newSalt: () => "salt" }, "alice@school1.ru");
    expect(String(line()[keys.indexOf("original")])).toMatch(/^Данные удалены по отзыву согласия/);
    expect(allText(wb)).not.toContain("смирнова");
  });

  it("reads a journal of the old form: init shows its data as text; erasure clears both copies", () => {
    const wb = fresh();
    const name = "Смирнова Алиса Игоревна";
    const old = {
      email: "alice@school1.ru",
      submittedAt: "2026-09-17T12:47:00.000Z",
      answers: { ФИО: name, Телефон: "+7 912 000-11-22", "Кто вы": "обучающийся" },
    };
    // «Журнал» as earlier versions wrote it: seven columns, the JSON under «Исходные данные».
    const oldGrid: Cell[][] = [
      ["at", "level", "operation", "message", "source", "original", "user"],
      ["Время", "Уровень", "Операция", "Сообщение", "Источник", "Исходные данные", "Пользователь"],
      [
        new Date(Date.UTC(2026, 8, 28, 9)),
        "ошибка",
        "Анкета «Анкета наставляемого»",
        "Не заполнен обязательный вопрос «Ваши запросы к наставнику».",
        "файл Анкета.csv, строка 71",
        JSON.stringify(old),
        "",
      ],
    ];
    wb.put("Журнал", oldGrid);
    const report = initWorkbook(ports(wb));
    expect(report.repaired.Журнал.join(" ")).toContain("исходные данные 1 записи показаны текстом");
    const line = journal(wb)[0];
    expect(line.details).toBe(
      `E-mail: alice@school1.ru; Время ответа: 17.09.2026 12:47; ФИО: ${name}; Телефон: +7 912 000-11-22; Кто вы: обучающийся`,
    );
    expect(line.person).toBe(name);
    expect(JSON.parse(String(line.original))).toEqual(old);
    // The new lines and the old one side by side; then the person withdraws consent.
    intakeSubmissions(ports(wb), "mentee", [refused("alice@school1.ru", name)]);
    intakeSubmissions(ports(wb), "mentee", [
      submission("mentee", "alice@school1.ru", { ...goodMentee, full_name: name }),
    ]);
    eraseConsent({ workbook: wb, clock, newSalt: () => "salt" }, "alice@school1.ru");
    expect(allText(wb)).not.toContain(name.toLowerCase());
    expect(allText(wb)).not.toContain("alice@school1.ru");
    expect(allText(wb)).not.toContain("912 000");
    const lines = journal(wb).filter((l) => String(l.operation).startsWith("Анкета"));
    expect(lines).toHaveLength(2);
    for (const l of lines) {
      expect(l.person).toBe(ERASED_NAME);
      expect(String(l.details)).toMatch(/^Данные удалены по отзыву согласия/);
      expect(String(l.original)).toMatch(/^Данные удалены по отзыву согласия/);
    }
    // Submitted again after erasure: refused, and the line names nobody.
    intakeSubmissions(ports(wb), "mentee", [
      submission("mentee", "alice@school1.ru", { ...goodMentee, full_name: name }),
    ]);
    const last = journal(wb).at(-1)!;
    expect(last).toMatchObject({ person: ERASED_NAME, details: "", original: "" });
    expect(allText(wb)).not.toContain(name.toLowerCase());
  });
});
