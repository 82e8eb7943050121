import { linkFor, parseTemplates } from "../../src/core/questionnaires/prefill";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";

const CONSENT =
  "Даю согласие на обработку моих персональных данных в соответствии с Федеральным законом № 152-ФЗ «О персональных данных»";

function records(fake: LoadedBundle, sheet: string) {
  const rows = fake.sheet(sheet).values();
  const keys = rows[0].map(String);
  return rows.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

const mentor = (email: string, name: string) => ({
  email,
  at: new Date(Date.UTC(2026, 8, 15, 9)),
  answers: {
    ФИО: name,
    "Кто вы": "опытный педагог",
    "В каких формах наставничества вы готовы работать": ["учитель – учитель"],
    "Профессиональные компетенции": ["Классное руководство"],
    "Скольких наставляемых вы готовы сопровождать": "2",
    [CONSENT]: "Согласен(на)",
  },
});
const mentee = (email: string, name: string) => ({
  email,
  at: new Date(Date.UTC(2026, 8, 15, 9)),
  answers: {
    ФИО: name,
    "Кто вы": "молодой специалист (стаж 0–3 года)",
    "Педагогический стаж, полных лет (для педагогов)": "1",
    "Форма наставничества": "учитель – учитель",
    "Ваши запросы к наставнику": ["Классное руководство"],
    [CONSENT]: "Согласен(на)",
  },
});

/** One mentor with two approved mentees, through the forms and the menu. */
function twoPairs(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) }, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  fake.call("menuPublishForms");
  forms!.submit("Анкета наставника", mentor("orlova@school1.ru", "Орлова Марина Сергеевна"));
  forms!.submit("Анкета наставляемого", mentee("novikova@school1.ru", "Новикова Анна Петровна"));
  forms!.submit("Анкета наставляемого", mentee("petrov@school1.ru", "Петров Иван Ильич"));
  fake.call("menuMatchPairs");
  fake.call("menuApprovePairs");
  expect(records(fake, "Пары").filter((p) => p.status === "утверждена")).toHaveLength(2);
  return { fake, forms: forms! };
}

const templates = (fake: LoadedBundle, formKey: string) =>
  parseTemplates(records(fake, "Анкеты").find((r) => r.form_key === formKey)?.prefill_url ?? "");

describe("pre-filled links carrying the pair (FormResponse.toPrefilledUrl)", () => {
  it("«Создать / обновить анкеты» keeps a template per variant, got from Google's pre-filled link", () => {
    const { fake } = twoPairs();
    const feedback = templates(fake, "meeting_feedback");
    expect(Object.keys(feedback).sort()).toEqual(["наставляемый", "наставник"]);
    expect(feedback.наставник).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/.+\/viewform\?usp=pp_url&entry\.\d+=PAIRCODE7Q&entry\.\d+=%D0%BD/,
    );
    const report = templates(fake, "mentor_report");
    expect(Object.keys(report)).toEqual([""]);
    expect(report[""]).toContain("=FULLNAME7Q");
    // Forms without a pair question have none.
    expect(templates(fake, "mentor")).toEqual({});
    // A second publish with nothing changed asks Google for nothing new.
    fake.call("menuPublishForms");
    expect(templates(fake, "meeting_feedback")).toEqual(feedback);
  });

  it("a pair's link opens the feedback form with the pair and the role filled: the meeting lands on that pair", () => {
    const { fake, forms } = twoPairs();
    const [first, second] = records(fake, "Пары").map((p) => String(p.pair_id));
    const link = linkFor(templates(fake, "meeting_feedback").наставник, second);
    const opened = forms.openPrefilled(link);
    expect(opened.answers).toEqual({ "Код пары": second, "Ваша роль": "наставник" });
    // The mentor has two mentees and types no name: the link alone tells the pair.
    forms.submit("Обратная связь после встречи", {
      email: "orlova@school1.ru",
      at: new Date(Date.UTC(2026, 10, 19, 15)),
      answers: {
        ...opened.answers,
        "Дата встречи": new Date(Date.UTC(2026, 10, 19)),
        "Тип встречи": "встреча-знакомство",
        "Насколько полезной была встреча (от 1 до 10)": 9,
      },
    });
    const meetings = records(fake, "Встречи");
    expect(meetings).toHaveLength(1);
    expect(meetings[0]).toMatchObject({ pair_id: second, mentor_rating: 9 });
    expect(meetings[0].pair_id).not.toBe(first);
    // The pair's names beside its ID, as «Пары» has them.
    const pair = records(fake, "Пары").find((p) => p.pair_id === second)!;
    expect(meetings[0].pair_label).toBe(`${pair.mentor_name} — ${pair.mentee_name}`);
    expect(records(fake, "Журнал").filter((r) => r.level === "предупреждение")).toEqual([]);

    // The mentee's link gives the mentee's role; the rating goes to the mentee's column.
    const menteeLink = linkFor(templates(fake, "meeting_feedback").наставляемый, second);
    const menteeOpened = forms.openPrefilled(menteeLink);
    const menteeEmail =
      records(fake, "Пары")[1].mentee_name === "Петров Иван Ильич"
        ? "petrov@school1.ru"
        : "novikova@school1.ru";
    forms.submit("Обратная связь после встречи", {
      email: menteeEmail,
      at: new Date(Date.UTC(2026, 10, 19, 16)),
      answers: {
        ...menteeOpened.answers,
        "Дата встречи": new Date(Date.UTC(2026, 10, 19)),
        "Тип встречи": "встреча-знакомство",
        "Насколько полезной была встреча (от 1 до 10)": 7,
      },
    });
    expect(records(fake, "Встречи")).toEqual([
      expect.objectContaining({ pair_id: second, mentor_rating: 9, mentee_rating: 7 }),
    ]);
  });

  it("the monthly report's link carries the pair and the mentor's name", () => {
    const { fake, forms } = twoPairs();
    const pair = records(fake, "Пары")[0];
    const opened = forms.openPrefilled(
      linkFor(templates(fake, "mentor_report")[""], String(pair.pair_id), String(pair.mentor_name)),
    );
    expect(opened.answers).toEqual({ "ФИО наставника": "Орлова Марина Сергеевна", "Код пары": pair.pair_id });
  });

  it("without the link, a typed name resolves the pair but is flagged; an unknown name is refused naming the pairs", () => {
    const { fake, forms } = twoPairs();
    const pairs = records(fake, "Пары");
    const petrov = pairs.find((p) => p.mentee_name === "Петров Иван Ильич")!;
    const submit = (partner: string) =>
      forms.submit("Обратная связь после встречи", {
        email: "orlova@school1.ru",
        at: new Date(Date.UTC(2026, 10, 19, 15)),
        answers: {
          "Ваша роль": "наставник",
          "С кем была встреча (ФИО)": partner,
          "Дата встречи": new Date(Date.UTC(2026, 10, 19)),
          "Тип встречи": "встреча-знакомство",
          "Насколько полезной была встреча (от 1 до 10)": 8,
        },
      });
    // «Петров» alone would match «Петровна» too: refused as ambiguous, like any unknown name.
    submit("Петров Иван");
    expect(records(fake, "Встречи")).toEqual([expect.objectContaining({ pair_id: petrov.pair_id })]);
    const warnings = records(fake, "Журнал").filter((r) => r.level === "предупреждение");
    expect(warnings.map((w) => w.message)).toEqual([
      `Встреча отнесена к паре ${petrov.pair_id} по ФИО «Петров Иван», набранному вручную (анкета открыта не по ссылке пары): проверьте.`,
    ]);
    submit("Петров");
    const error = records(fake, "Журнал")
      .filter((r) => r.level === "ошибка")
      .at(-1);
    expect(String(error?.message)).toContain(
      "несколько пар: встречу нельзя отнести ни к одной по ФИО «Петров»",
    );
    expect(String(error?.message)).toContain(String(petrov.pair_id));
  });

  it("the fake refuses a choice that is not one of the item's, as Google documents", () => {
    const { fake, forms } = twoPairs();
    const form = forms.form("Обратная связь после встречи");
    type Api = {
      openById(id: string): {
        getItems(): { getTitle(): string; asMultipleChoiceItem(): { createResponse(v: string): unknown } }[];
      };
    };
    const app = (fake.globals as unknown as { FormApp: Api }).FormApp;
    const role = app
      .openById(form.id)
      .getItems()
      .find((i) => i.getTitle() === "Ваша роль")!;
    expect(() => role.asMultipleChoiceItem().createResponse("директор")).toThrow(
      "Invalid response submitted to item",
    );
    expect(role.asMultipleChoiceItem().createResponse("наставник")).toBeDefined();
    const template = templates(fake, "meeting_feedback").наставник;
    expect(() => forms.openPrefilled(`${template}&entry.1=x`)).toThrow("the form has no entry 1");
  });
});
