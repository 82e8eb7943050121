import { questionnaires } from "../../src/core/questionnaires/schema";
import { createGasFake } from "../gas-fake";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";

function setup(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  expect(fake.state.alerts).toEqual([]);
  return { fake, forms: forms! };
}

const mentee = {
  ФИО: "Смирнова Алиса Игоревна",
  "Кто вы": "обучающийся",
  "Класс (для обучающихся)": "7Б",
  "Форма наставничества": "ученик – ученик",
  "Ваши запросы к наставнику": ["Повышение успеваемости", "Адаптация в новом классе"],
  "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»":
    "Согласен(на)",
  "ФИО законного представителя (для участников младше 18 лет)": "Смирнова Ольга Петровна",
  "Законный представитель даёт согласие на обработку персональных данных несовершеннолетнего": "Согласен(на)",
};

function bank(fake: LoadedBundle, name: string) {
  const rows = fake.sheet(name).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

describe("«Создать / обновить анкеты» in the fake FormApp", () => {
  it("builds every questionnaire as a form with the right items, links it and lists it in «Анкеты»", () => {
    const { fake, forms } = setup();
    expect(forms.forms()).toHaveLength(questionnaires().length);
    const form = forms.form("Анкета наставляемого");
    // A field the respondent fills in: pupils and parents without a Google account can answer.
    expect(form.emailCollection).toBe("RESPONDER_INPUT");
    expect(form.published).toBe(true);
    expect(form.allowEdits).toBe(true);
    const item = (title: string) => form.items.find((i) => i.title === title)!;
    expect(item("ФИО")).toMatchObject({
      type: "TEXT",
      required: true,
      validation: { kind: "maxLength", max: 200 },
    });
    expect(item("Форма наставничества")).toMatchObject({ type: "MULTIPLE_CHOICE", required: true });
    expect(item("Форма наставничества").choices).toContain("работодатель – студент");
    expect(item("Ваши запросы к наставнику").type).toBe("CHECKBOX");
    expect(item("Дата рождения").type).toBe("DATE");
    expect(form.items.filter((i) => i.type === "PAGE_BREAK").map((i) => i.title)).toEqual([
      "Запрос",
      "Согласие",
    ]);
    const exit = forms.form("Итоговая анкета наставника");
    expect(exit.items.find((i) => i.title.startsWith("Насколько вы в целом удовлетворены"))).toMatchObject({
      type: "SCALE",
      bounds: [1, 10],
    });

    const registry = fake.sheet("Анкеты").values();
    const keys = registry[0].map(String);
    expect(registry.length - 2).toBe(questionnaires().length);
    const row = registry.find((r) => r[keys.indexOf("form_key")] === "mentee")!;
    expect(row[keys.indexOf("respondent_url")]).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/pub-form-\d+\/viewform$/,
    );
    expect(row[keys.indexOf("response_sheet")]).toBe("Ответы — Анкета наставляемого");
    expect(fake.spreadsheet.sheetNames()).toContain("Ответы — Анкета наставляемого");
    const submitTriggers = fake.state.triggers.filter((t) => t.handler === "onFormResponse");
    expect(submitTriggers).toHaveLength(1);
  });

  it("updates the forms in place when run again: same forms, same items, one trigger", () => {
    const { fake, forms } = setup();
    const before = forms.forms().map((f) => [f.id, f.items.map((i) => i.id)]);
    fake.call("menuPublishForms");
    expect(forms.forms().map((f) => [f.id, f.items.map((i) => i.id)])).toEqual(before);
    expect(fake.state.triggers.filter((t) => t.handler === "onFormResponse")).toHaveLength(1);
    expect(fake.spreadsheet.sheetNames().filter((n) => n.startsWith("Ответы"))).toHaveLength(
      questionnaires().length,
    );
  });
});

describe("submissions flowing into the banks through the submit trigger", () => {
  it("adds a mentee, updates the same row on an edited response, keeps formula-like text as text", () => {
    const { fake, forms } = setup();
    const at = new Date(Date.UTC(2026, 8, 10, 9, 0));
    const first = forms.submit("Анкета наставляемого", { email: "alisa@mail.ru", at, answers: mentee });
    let rows = bank(fake, "Наставляемые");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: "НЯ-0001", email: "alisa@mail.ru", class: "7Б", eligibility: "да" });
    expect(rows[0].requests).toBe("Повышение успеваемости, Адаптация в новом классе");

    forms.submit(
      "Анкета наставляемого",
      {
        email: "alisa@mail.ru",
        at: new Date(Date.UTC(2026, 8, 11, 9, 0)),
        answers: {
          ...mentee,
          "Класс (для обучающихся)": "=1+1",
          "Опишите ваш запрос своими словами": "+7 912 000",
        },
      },
      first.row,
    );
    rows = bank(fake, "Наставляемые");
    expect(rows).toHaveLength(1);
    expect(rows[0].class).toBe("=1+1");
    expect(rows[0].request_details).toBe("+7 912 000");
    const sheet = fake.sheet("Наставляемые");
    expect(
      sheet
        .formulas()
        .flat()
        .filter((f) => f !== ""),
    ).toEqual([]);
  });

  it("routes by response sheet: a mentor's questionnaire lands in «Наставники»", () => {
    const { fake, forms } = setup();
    forms.submit("Анкета наставника", {
      email: "orlova@school1.ru",
      at: new Date(Date.UTC(2026, 8, 12)),
      answers: {
        ФИО: "Орлова Марина Сергеевна",
        "Кто вы": "опытный педагог",
        "В каких формах наставничества вы готовы работать": ["учитель – учитель"],
        "Профессиональные компетенции": ["Классное руководство"],
        "Скольких наставляемых вы готовы сопровождать": "2",
      },
    });
    expect(bank(fake, "Наставники")[0]).toMatchObject({
      id: "Н-0001",
      capacity: 2,
      eligibility: "нет — нет согласия на обработку персональных данных",
    });
    expect(bank(fake, "Наставляемые")).toHaveLength(0);
  });

  it("sends a bad response to «Журнал» with its original values and keeps it in the response sheet", () => {
    const { fake, forms } = setup();
    const { sheet, row } = forms.submit("Анкета наставляемого", {
      email: "x@y.ru",
      at: new Date(Date.UTC(2026, 8, 12)),
      answers: { ...mentee, "Форма наставничества": "родитель – ученик" },
    });
    expect(bank(fake, "Наставляемые")).toHaveLength(0);
    const log = bank(fake, "Журнал").filter((r) => r.level === "ошибка");
    expect(log).toHaveLength(1);
    expect(log[0].message).toContain(
      "Ответа «родитель – ученик» на вопрос «Форма наставничества» нет в списке",
    );
    expect(log[0].source).toBe(`лист «${sheet}», строка ${row}`);
    expect(JSON.parse(String(log[0].original)).answers.ФИО).toBe("Смирнова Алиса Игоревна");
    // A person reads the line: whose it is, the row, the answers as text.
    expect(log[0].person).toBe("Смирнова Алиса Игоревна");
    expect(log[0].place).toBe(`«${sheet}», строка ${row}`);
    expect(String(log[0].details)).toContain("E-mail: x@y.ru; Время ответа: 12.09.2026");
    expect(String(log[0].details)).toContain("; Форма наставничества: родитель – ученик");
    expect(fake.sheet(sheet).row(row)).toContain("родитель – ученик");
  });

  it("replays the response sheets idempotently with «Переобработать ответы»", () => {
    const { fake, forms } = setup();
    for (let i = 0; i < 5; i++)
      forms.submit("Анкета наставляемого", {
        email: `p${i}@s.ru`,
        at: new Date(Date.UTC(2026, 8, 10, 9, i)),
        answers: { ...mentee, ФИО: `Ученик ${i}` },
      });
    const before = JSON.stringify(fake.sheet("Наставляемые").values());
    fake.calls.reset();
    fake.call("menuReplayResponses");
    expect(fake.calls.count("Range.setValues")).toBe(1); // only «Анкеты»: the response counts
    expect(JSON.stringify(fake.sheet("Наставляемые").values())).toBe(before);
    expect(fake.state.toasts.at(-1)?.message).toContain(
      "Анкета наставляемого: добавлено 0, обновлено 0, без изменений 5",
    );
  });

  it("makes the same number of Spreadsheet calls per submission at 10 and at 5,000 bank rows", () => {
    const callsAt = (size: number) => {
      const { fake, forms } = setup();
      const keys = fake.sheet("Наставляемые").row(1).map(String);
      const rows = Array.from({ length: size }, (_, i) =>
        keys.map((k) =>
          k === "id" ? `НЯ-${i + 1}` : k === "email" ? `p${i}@s.ru` : k === "full_name" ? `У ${i}` : "",
        ),
      );
      const sheet = fake.sheet("Наставляемые");
      sheet.setValues("A3", rows);
      // Headroom, as a used sheet has: growth (1,000 rows at a time) is a rare, separate cost.
      sheet.model.maxRows = Math.max(sheet.model.maxRows, size + 1000);
      fake.calls.reset();
      forms.submit("Анкета наставляемого", {
        email: "new@s.ru",
        at: new Date(Date.UTC(2026, 8, 10)),
        answers: mentee,
      });
      expect(bank(fake, "Наставляемые")).toHaveLength(size + 1);
      return { total: fake.calls.total("Spreadsheet"), snapshot: fake.calls.snapshot() };
    };
    const at10 = callsAt(10);
    const at5000 = callsAt(5000);
    expect(at5000.snapshot).toEqual(at10.snapshot);
    process.stdout.write(
      `submission: ${at10.total} Spreadsheet calls at 10 bank rows, ${at5000.total} at 5,000\n`,
    );
  });
});

test("the fake FormApp refuses an unknown form id like Apps Script", () => {
  const fake = createGasFake();
  installFormApp(fake);
  const formApp = (fake.globals as unknown as { FormApp: GoogleAppsScript.Forms.FormApp }).FormApp;
  expect(() => formApp.openById("nope")).toThrow(/No item with the given ID/);
});
