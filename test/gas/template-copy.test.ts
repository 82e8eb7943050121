/**
 * Getting it to a school without clasp (issue 14, item 11): one person deploys into a template
 * workbook, each school takes «Файл → Создать копию». The fake copies as Google does
 * (test/gas-fake/copy.ts): a new spreadsheet ID and owner, the bound script with it, none of the
 * installable triggers, the script's properties (or not), and each linked form copied and linked
 * to the copy. The first menu action in the copy forgets what belonged to the original — its forms,
 * trigger owners, jobs, document IDs — and offers to create the copy's own forms and trigger; the
 * original's forms keep sending their answers to the original.
 */
import { copySpreadsheet } from "../gas-fake/copy";
import { type FormData, type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { MENTEE_FORM, MENTEE_RESPONSES, menteeAnswers, records, setupSchool } from "../support/school";

const registry = (fake: LoadedBundle) => records(fake, "Анкеты");

/** A school in use: forms published, answers in, daily reminders on, a replay job waiting. */
function usedSchool() {
  const { fake, forms } = setupSchool();
  forms.submit(MENTEE_FORM, {
    email: "a@school1.ru",
    at: new Date(Date.UTC(2026, 8, 1, 9)),
    answers: menteeAnswers("Иванов Иван"),
  });
  fake.call("menuRoadmapInstallTrigger");
  fake.state.properties.script["Наставничество.job.replay"] = JSON.stringify({
    job: "replay",
    running: false,
  });
  fake.state.properties.document["documents.doc:Наставничество 2026-2027|order"] = "doc-of-the-original";
  const originals = new Map(forms.forms().map((f) => [f.id, { ...f }]));
  expect(fake.state.alerts).toEqual([]);
  return { fake, forms, originals, originalId: fake.spreadsheet.model.id };
}

const byId = (list: FormData[], id: string) => list.find((f) => f.id === id)!;

describe("«Файл → Создать копию» of a workbook in use", () => {
  it("the first menu action in the copy forgets the original's forms, triggers and jobs; the copy gets its own", () => {
    const { fake, forms, originals, originalId } = usedSchool();
    const copy = copySpreadsheet(fake, forms, { copier: fake.users.owner });
    expect(copy.forms.length).toBe(originals.size);
    expect(fake.state.triggers).toEqual([]);

    fake.call("menuRecomputeMonitoring");
    // Asked once whether to create the copy's forms now (answered «Да»).
    expect(fake.state.alerts).toHaveLength(1);
    expect(fake.state.alerts[0].prompt).toContain("Эта книга — копия");
    expect(fake.state.alerts[0].buttons).toBe("YES_NO");
    const toast = fake.state.toasts.at(-1)!.message;
    expect(toast).toContain("включите их здесь: «Дорожная карта: включить ежедневные напоминания»");
    expect(toast).toContain("Анкеты готовы");

    // «Создать / обновить анкеты» again, as a curator would: still nothing of the original's taken.
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toHaveLength(1);
    for (const [id, before] of originals) {
      const now = byId(forms.forms(), id);
      expect(now.destinationId).toBe(originalId);
      expect(now.title).toBe(before.title);
      expect(now.items.map((i) => i.title)).toEqual(before.items.map((i) => i.title));
    }
    const ids = registry(fake).map((r) => String(r.form_id));
    expect(ids.every((id) => id !== "" && !originals.has(id))).toBe(true);
    expect(ids.sort()).toEqual(copy.forms.map((f) => f.id).sort());
    // The copy's own submit trigger, on the copy.
    const submit = fake.state.triggers.filter((t) => t.handler === "onFormResponse");
    expect(submit.map((t) => t.sourceId)).toEqual([copy.copyId]);
    // The original's trigger owners, jobs and document IDs are gone.
    const props = Object.keys(fake.state.properties.script);
    expect(props.filter((k) => k.startsWith("trigger.owner.dailyReminders") || k.includes(".job."))).toEqual(
      [],
    );
    // Nothing of the original's documents or forms is remembered (the copy's own forms may be).
    const documentProps = Object.keys(fake.state.properties.document);
    expect(documentProps.filter((k) => k.startsWith("documents."))).toEqual([]);
    expect(documentProps.filter((k) => [...originals.keys()].some((id) => k.endsWith(`:${id}`)))).toEqual([]);
    expect(fake.state.properties.script["workbook.spreadsheetId"]).toBe(copy.copyId);
    expect(
      records(fake, "Журнал").some((l) => String(l.message).startsWith("Эта книга — копия таблицы")),
    ).toBe(true);

    // Answers: the copy's form lands in the copy; the original's form does not reach it.
    const mine = copy.forms.find((f) =>
      registry(fake).some((r) => r.form_id === f.id && r.form_key === "mentee"),
    )!;
    forms.submit(mine.id, {
      email: "b@school2.ru",
      at: new Date(Date.UTC(2026, 8, 2, 9)),
      answers: menteeAnswers("Петров Пётр"),
    });
    const original = byId(
      forms.forms(),
      [...originals.keys()].find((id) => originals.get(id)!.title === MENTEE_FORM)!,
    );
    const sent = forms.submit(original.id, {
      email: "c@school1.ru",
      at: new Date(Date.UTC(2026, 8, 2, 10)),
      answers: menteeAnswers("Сидоров Сидор"),
    });
    expect(sent.sheet).toBe("");
    const emails = records(fake, "Наставляемые").map((m) => String(m.email));
    expect(emails).toContain("b@school2.ru");
    expect(emails).not.toContain("c@school1.ru");
    expect(
      fake
        .sheet(MENTEE_RESPONSES)
        .values()
        .some((r) => r.includes("c@school1.ru")),
    ).toBe(false);
  });

  it("a copy whose script properties did not come along is recognised by its response sheets", () => {
    const { fake, forms, originals, originalId } = usedSchool();
    copySpreadsheet(fake, forms, { copier: fake.users.owner, scriptProperties: "cleared" });
    fake.state.alertResponses.push("NO");
    fake.call("menuRecomputeMonitoring");
    expect(fake.state.alerts[0].prompt).toContain("Эта книга — копия");
    expect(fake.state.toasts.at(-1)!.message).toContain("выполните «Создать / обновить анкеты»");
    // Declined: no form created yet, none of the original's taken.
    expect(fake.state.triggers).toEqual([]);
    fake.call("menuPublishForms");
    for (const id of originals.keys()) expect(byId(forms.forms(), id).destinationId).toBe(originalId);
  });

  it("the original itself is no copy: its first menu action records its ID and forgets nothing", () => {
    const { fake, originals } = usedSchool();
    fake.call("menuRecomputeMonitoring");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.properties.script["workbook.spreadsheetId"]).toBe(fake.spreadsheet.model.id);
    expect(
      registry(fake)
        .map((r) => String(r.form_id))
        .sort(),
    ).toEqual([...originals.keys()].sort());
    expect(fake.state.properties.script["Наставничество.job.replay"]).toBeDefined();
  });
});

describe("a template copied by a school", () => {
  it("an initialised template with no forms: the copy's first «Создать / обновить анкеты» makes its own forms and trigger", () => {
    let forms: FormsControl | undefined;
    const fake = loadBundle({}, {}, (f) => {
      forms = installFormApp(f);
    });
    // The template: deployed and initialised, never used.
    fake.call("menuInitWorkbook");
    const copy = copySpreadsheet(fake, forms!, { copier: "curator@school7.ru" });
    expect(copy.forms).toEqual([]);
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(forms!.forms().length).toBeGreaterThan(0);
    expect(
      forms!.forms().every((f) => f.owner === "curator@school7.ru" && f.destinationId === copy.copyId),
    ).toBe(true);
    expect(fake.state.triggers.map((t) => [t.handler, t.owner, t.sourceId])).toEqual([
      ["onFormResponse", "curator@school7.ru", copy.copyId],
    ]);
    expect(fake.state.properties.script["workbook.spreadsheetId"]).toBe(copy.copyId);
  });
});
