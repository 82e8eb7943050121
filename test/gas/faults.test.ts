import type { FormsControl } from "../gas-fake/forms";
import { FakeRange } from "../gas-fake/range";
import type { LoadedBundle } from "../support/gas";
import {
  MENTEE_FORM,
  menteeAnswers,
  MENTEE_RESPONSES as RESPONSES,
  runContinuations,
  setupSchool,
  records as table,
} from "../support/school";

const CURATOR = "curator@school1.ru";

const setup = () => setupSchool({ settings: { curator_email: CURATOR } });

const submit = (forms: FormsControl, email: string, name: string, day = 10) =>
  forms.submit(MENTEE_FORM, {
    email,
    at: new Date(Date.UTC(2026, 8, day, 9)),
    answers: menteeAnswers(name),
  });

describe("a trigger that fails is logged, mailed once a day and never loses a response", () => {
  it("a response the bank could not take waits in its sheet, is queued, and lands once the book is repaired", () => {
    const { fake, forms } = setup();
    fake.spreadsheet.deleteSheet("Наставляемые");
    submit(forms, "alisa@mail.ru", "Смирнова Алиса");
    submit(forms, "kim@mail.ru", "Ким Артём", 11);

    const errors = table(fake, "Журнал").filter((r) => r.level === "ошибка");
    expect(errors).toHaveLength(2);
    expect(errors[0].operation).toBe("Обработка ответа анкеты");
    expect(String(errors[0].message)).toContain("Выполните «Инициализировать / восстановить книгу»");
    expect(JSON.parse(String(errors[0].original)).ФИО).toEqual(["Смирнова Алиса"]);
    // One mail for the day, to the curator, without the participant's data.
    expect(fake.state.mails).toHaveLength(1);
    expect(fake.state.mails[0]).toMatchObject({
      to: CURATOR,
      subject: "Наставничество: ошибка — Обработка ответа анкеты",
    });
    expect(fake.state.mails[0].body).not.toContain("alisa@mail.ru");
    // Queued: a replay continues a minute later.
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(1);
    expect(Object.keys(fake.state.properties.script)).toContain("Наставничество.job.replay");

    fake.call("menuInitWorkbook");
    runContinuations(fake);
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru", "kim@mail.ru"]);
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(0);
    expect(Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."))).toEqual([]);
  });

  it("still reaches the curator when «Журнал» itself is gone, and the response stays in its sheet", () => {
    const { fake, forms } = setup();
    fake.spreadsheet.deleteSheet("Наставляемые");
    fake.spreadsheet.deleteSheet("Журнал");
    const { row } = submit(forms, "alisa@mail.ru", "Смирнова Алиса");
    expect(fake.state.mails).toHaveLength(1);
    expect(fake.state.mails[0].body).toContain("Инициализировать / восстановить книгу");
    expect(
      fake.state.logs.some((l) => l.level === "error" && l.message.includes("Обработка ответа анкеты")),
    ).toBe(true);
    expect(fake.sheet(RESPONSES).row(row)).toContain("alisa@mail.ru");
  });

  it("mails again on another day, never twice on the same day", () => {
    const { fake, forms } = setup();
    fake.spreadsheet.deleteSheet("Наставляемые");
    submit(forms, "a@mail.ru", "А");
    submit(forms, "b@mail.ru", "Б");
    expect(fake.state.mails).toHaveLength(1);
    fake.state.properties.script["Наставничество.alert.day"] = "01.01.2020";
    submit(forms, "c@mail.ru", "В");
    expect(fake.state.mails).toHaveLength(2);
  });

  it("the daily reminders failing are logged and mailed", () => {
    const { fake } = setup();
    fake.spreadsheet.deleteSheet("Дорожная карта");
    fake.state.uiAvailable = false;
    fake.call("dailyReminders");
    const errors = table(fake, "Журнал").filter((r) => r.level === "ошибка");
    expect(String(errors.at(-1)!.message)).toContain("Ежедневные напоминания не выполнены");
    expect(fake.state.mails.map((m) => m.subject)).toEqual([
      "Наставничество: ошибка — Ежедневные напоминания",
    ]);
  });

  it("a continuation that throws is logged and mailed, stops its trigger and resumes from the menu", () => {
    const { fake, forms } = setup();
    submit(forms, "alisa@mail.ru", "Смирнова Алиса");
    fake.state.properties.script["Наставничество.job.replay"] = JSON.stringify({
      job: "replay",
      title: "Переобработка ответов",
      cursor: {
        sheets: [{ sheet: RESPONSES, form: "mentee" }],
        index: 0,
        next: 2,
        totals: {},
        responses: {},
        done: 0,
        total: 1,
      },
      startedAt: 0,
      updatedAt: Date.now(),
      running: false,
      runs: 1,
      chunks: 0,
    });
    fake.calls.untracked(() =>
      fake.globals.ScriptApp.newTrigger("continueJobs").timeBased().after(60000).create(),
    );
    fake.spreadsheet.deleteSheet("Наставляемые");
    fake.call("continueJobs");
    const last = table(fake, "Журнал").at(-1)!;
    expect(last).toMatchObject({ level: "ошибка", operation: "Продолжение длительной операции" });
    expect(fake.state.mails).toHaveLength(1);
    expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(0);
    const marker = JSON.parse(fake.state.properties.script["Наставничество.job.replay"]);
    expect(marker.failed).toContain("Наставляемые");

    fake.call("menuInitWorkbook");
    fake.call("menuReplayResponses");
    expect(fake.state.alerts).toEqual([]);
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru"]);
  });
});

/** Makes the fake's k-th Range.setValues from now throw, as a quota error or a timeout would. */
let failIn: number | null = null;
const setValues = FakeRange.prototype.setValues;
beforeAll(() => {
  FakeRange.prototype.setValues = function (this: FakeRange, values: unknown[][]) {
    if (failIn !== null && --failIn === 0) {
      failIn = null;
      throw new Error("Service Spreadsheets timed out while accessing document");
    }
    return setValues.call(this, values);
  };
});
afterAll(() => {
  FakeRange.prototype.setValues = setValues;
});

describe("the fake failing at each write of a submission in turn", () => {
  it("the response ends in the bank exactly once: at once, or from «Журнал» and the queued replay", () => {
    const outcomes: string[] = [];
    for (let k = 1; k <= 4; k++) {
      const { fake, forms } = setup();
      submit(forms, "first@mail.ru", "Первый Ученик", 9);
      failIn = k;
      submit(forms, "alisa@mail.ru", "Смирнова Алиса");
      const failed = failIn === null;
      failIn = null;
      const inBank = () => table(fake, "Наставляемые").filter((r) => r.email === "alisa@mail.ru").length;
      if (failed && inBank() === 0) {
        const error = table(fake, "Журнал").find((r) => r.operation === "Обработка ответа анкеты");
        expect(JSON.parse(String(error?.original))["Адрес электронной почты"]).toEqual(["alisa@mail.ru"]);
        expect(error?.person).toBe("Смирнова Алиса");
        expect(String(error?.details)).toContain("Адрес электронной почты: alisa@mail.ru");
        expect(fake.state.triggers.some((t) => t.handler === "continueJobs")).toBe(true);
        runContinuations(fake);
      }
      expect(inBank()).toBe(1);
      expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual(["first@mail.ru", "alisa@mail.ru"]);
      outcomes.push(failed ? (inBank() ? "восстановлен" : "потерян") : "без сбоя");
    }
    expect(outcomes[0]).toBe("восстановлен");
  });
});

describe("a damaged workbook stops every operation with a Russian way out, never silently", () => {
  const damage: [string, (fake: LoadedBundle) => void][] = [
    ["a bank deleted", (f) => f.spreadsheet.deleteSheet("Наставляемые")],
    ["a bank renamed", (f) => f.spreadsheet.renameSheet("Наставники", "Наставники (старые)")],
    [
      "a column's key and header gone",
      (f) => {
        const pairs = f.sheet("Пары");
        const c = pairs.row(1).indexOf("status");
        const letter = String.fromCharCode(65 + c);
        pairs.edit(`${letter}1`, "");
        pairs.edit(`${letter}2`, "Что-то своё");
      },
    ],
  ];
  const operations = ["menuMatchPairs", "menuApprovePairs", "menuRecomputeMonitoring"];
  it.each(damage)(
    "%s: each operation says «Инициализировать / восстановить книгу»; init repairs it",
    (_name, harm) => {
      const { fake } = setup();
      harm(fake);
      for (const op of operations) {
        fake.state.alerts.length = 0;
        fake.call(op);
        expect([op, fake.state.alerts.at(-1)?.prompt ?? ""]).toEqual([
          op,
          expect.stringContaining("Инициализировать / восстановить книгу"),
        ]);
      }
      fake.call("menuInitWorkbook");
      fake.state.alerts.length = 0;
      fake.call("menuMatchPairs");
      expect(fake.state.alerts).toEqual([]);
    },
  );

  it("init reports a form unlinked from the workbook and a response sheet deleted by hand", () => {
    const { fake } = setup();
    fake.sheet(RESPONSES).model.formUrl = null;
    fake.spreadsheet.deleteSheet("Ответы — Анкета наставника");
    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).toContain("анкет, ответы которых не поступают в книгу, — 2");
    const warnings = table(fake, "Журнал").filter((r) => r.operation === "Проверка анкет");
    expect(warnings.map((w) => String(w.message))).toEqual([
      expect.stringContaining("Анкета «Анкета наставляемого» отвязана от таблицы"),
      expect.stringContaining(
        "Анкета «Анкета наставника»: лист ответов «Ответы — Анкета наставника» не найден",
      ),
    ]);
    expect(String(warnings[0].message)).toContain("«Связать с Таблицами»");
  });
});
