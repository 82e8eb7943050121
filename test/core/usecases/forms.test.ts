import { noProgress } from "../../../src/core/ports";
import type { FormPlan } from "../../../src/core/questionnaires/form-plan";
import type { FormsPort, PublishedForm, SubmitTriggerState } from "../../../src/core/questionnaires/port";
import { questionnaire, questionnaires } from "../../../src/core/questionnaires/schema";
import { onResponseRows, publishForms, replayResponses } from "../../../src/core/usecases/forms";
import { initWorkbook } from "../../../src/core/usecases/init";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { goodMentee } from "../../support/submissions";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

/** A FormsPort that records plans and gives each form a response sheet in the workbook. */
class RecordingForms implements FormsPort {
  plans: { plan: FormPlan; existing: string | null }[] = [];
  triggers = 0;
  constructor(private readonly wb: MemoryWorkbook) {}
  publish(plan: FormPlan, existing: string | null): PublishedForm {
    this.plans.push({ plan, existing });
    const id = existing ?? `form-${plan.key}`;
    const sheet = `Ответы — ${plan.title}`;
    this.wb.ensureSheet(sheet);
    return {
      formId: id,
      respondentUrl: `https://forms/${id}/viewform`,
      editUrl: `https://forms/${id}/edit`,
      responseSheet: sheet,
      accepting: true,
    };
  }
  ensureSubmitTrigger(): SubmitTriggerState {
    this.triggers++;
    return { owner: "curator@school.ru", mine: true, created: this.triggers === 1, removed: 0 };
  }
}

function setup() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  const forms = new RecordingForms(wb);
  return { wb, forms, ports: { workbook: wb, forms, clock, progress: noProgress } };
}

/** A response sheet as Google Forms fills it: timestamp, e-mail, then one column per question. */
function responseGrid(formKey: string, rows: { at: Date; email: string; answers: Record<string, string> }[]) {
  const q = questionnaire(formKey);
  const titles = q.questions.filter((x) => !x.respondentEmail).map((x) => x.title);
  const header = ["Отметка времени", "Адрес электронной почты", ...titles];
  const data = rows.map((r) => [
    r.at,
    r.email,
    ...q.questions.filter((x) => !x.respondentEmail).map((x) => r.answers[x.key] ?? ""),
  ]);
  return [header, ...data];
}

describe("publishForms", () => {
  it("publishes every questionnaire, writes «Анкеты» and installs the trigger once", () => {
    const { wb, forms, ports } = setup();
    const first = publishForms(ports);
    expect(first.published).toHaveLength(questionnaires().length);
    expect(first.triggerCreated).toBe(true);
    const registry = Table.load(wb, "forms_registry")
      .records()
      .map((r) => r.values);
    expect(registry.map((r) => r.form_key)).toEqual(questionnaires().map((q) => q.key));
    expect(registry[0]).toMatchObject({
      title: "Анкета наставляемого",
      respondent_url: "https://forms/form-mentee/viewform",
      response_sheet: "Ответы — Анкета наставляемого",
    });
    // Run again: the same forms are updated in place, no new registry rows, no second trigger.
    const second = publishForms(ports);
    expect(second.triggerCreated).toBe(false);
    expect(forms.plans.slice(questionnaires().length).every((p) => p.existing === `form-${p.plan.key}`)).toBe(
      true,
    );
    expect(Table.load(wb, "forms_registry").records()).toHaveLength(questionnaires().length);
  });

  it("plans forms from the lists: choices from «Справочники», consent checkboxes, 1–10 scales, pages", () => {
    const { forms, ports } = setup();
    publishForms(ports, ["mentee", "exit_mentor"]);
    const mentee = forms.plans[0].plan;
    const form = mentee.items.find((i) => i.kind !== "page" && i.key === "form");
    expect(form).toMatchObject({
      kind: "multipleChoice",
      required: true,
      choices: expect.arrayContaining(["ученик – ученик"]),
    });
    expect(mentee.items.find((i) => i.kind !== "page" && i.key === "consent")).toMatchObject({
      kind: "checkbox",
      choices: ["Согласен(на)"],
    });
    expect(mentee.items.filter((i) => i.kind === "page").map((i) => i.title)).toEqual(["Запрос", "Согласие"]);
    expect(mentee.collectEmail).toBe(true);
    const exit = forms.plans[1].plan;
    expect(exit.items.find((i) => i.kind !== "page" && i.key === "satisfaction")).toMatchObject({
      kind: "scale",
      bounds: { low: 1, high: 10 },
    });
  });

  it("offers eligible bank members as «ФИО (ID)» in the preferences forms", () => {
    const { wb, forms, ports } = setup();
    const mentors = Table.load(wb, "mentors");
    mentors.add({ id: "Н-0001", full_name: "Орлова Марина Сергеевна", eligibility: "да" });
    mentors.add({
      id: "Н-0002",
      full_name: "Без Согласия",
      eligibility: "нет — нет согласия на обработку персональных данных",
    });
    mentors.flush(wb);
    publishForms(ports, ["preferences_mentee"]);
    const choice = forms.plans[0].plan.items.find((i) => i.kind !== "page" && i.key === "choice_1");
    expect(choice).toMatchObject({ kind: "list", choices: ["Орлова Марина Сергеевна (Н-0001)"] });
  });
});

describe("responses flowing into the banks", () => {
  const at = (d: number) => new Date(Date.UTC(2026, 8, d, 9, 30));

  it("routes trigger rows by response sheet into the right bank", () => {
    const { wb, ports } = setup();
    publishForms(ports, ["mentee"]);
    const grid = responseGrid("mentee", [{ at: at(10), email: "a@b.ru", answers: goodMentee }]);
    wb.put("Ответы — Анкета наставляемого", grid);
    const summary = onResponseRows(ports, "Ответы — Анкета наставляемого", grid[0], grid.slice(1), 2);
    expect(summary).toMatchObject({ added: 1 });
    expect(Table.load(wb, "mentees").records()[0].values).toMatchObject({
      email: "a@b.ru",
      submitted_at: at(10),
      full_name: "Смирнова Алиса Игоревна",
    });
    expect(onResponseRows(ports, "Лист1", grid[0], grid.slice(1), 2)).toBeNull();
  });

  it("replays every response sheet idempotently and counts responses", () => {
    const { wb, ports } = setup();
    publishForms(ports, ["mentee"]);
    wb.put(
      "Ответы — Анкета наставляемого",
      responseGrid("mentee", [
        { at: at(10), email: "a@b.ru", answers: goodMentee },
        { at: at(11), email: "c@d.ru", answers: { ...goodMentee, full_name: "Петров Пётр" } },
        { at: at(12), email: "bad", answers: goodMentee },
      ]),
    );
    const [first] = replayResponses(ports);
    expect(first).toMatchObject({ added: 2, rejected: 1 });
    const before = JSON.stringify(wb.grid("Наставляемые"));
    const [again] = replayResponses(ports);
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, rejected: 1 });
    expect(JSON.stringify(wb.grid("Наставляемые"))).toBe(before);
    expect(Table.load(wb, "forms_registry").records()[0].values.responses).toBe(3);
    const errors = Table.load(wb, "log")
      .records()
      .filter((r) => r.values.level === "ошибка");
    expect(errors[0].values.source).toBe("лист «Ответы — Анкета наставляемого», строка 4");
  });
});
