import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * «Создать / обновить анкеты» touches only what differs from the plan: each form is read with one
 * Forms API forms.get (all of them in one UrlFetchApp.fetchAll) and compared with its plan
 * (src/gas/forms-api.ts), so a second run with nothing changed writes nothing and makes no FormApp
 * call, and a changed list rewrites only the questions that use it, in one batchUpdate. Where the
 * API is switched off for the script's Cloud project, FormApp builds the same forms item by item.
 * The forms end as the plan says, whichever way they got there.
 */

const PREFERENCES = "Анкета предпочтений после групповой встречи (для наставляемых)";

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

/** Every form's items as the plan left them (the form IDs and item IDs included). */
const snapshot = (forms: FormsControl) =>
  JSON.stringify(
    forms.forms().map((f) => ({
      id: f.id,
      title: f.title,
      description: f.description,
      published: f.published,
      items: f.items,
    })),
  );

/** An eligible mentor in «Наставники», so the preferences forms list one more person. */
function addMentor(fake: LoadedBundle, name: string): void {
  fake.calls.untracked(() => {
    const sheet = fake.sheet("Наставники");
    const keys = sheet.row(1).map(String);
    const row = keys.map((k) =>
      k === "id" ? "Н-0099" : k === "full_name" ? name : k === "eligibility" ? "да" : "",
    );
    sheet.setValues(`A${sheet.lastRow + 1}`, [row]);
  });
}

describe("«Создать / обновить анкеты» compares each form with its plan", () => {
  it("changes nothing and reads no question when nothing changed", () => {
    const { fake, forms } = setup();
    const before = snapshot(forms);
    fake.calls.reset();
    forms.api.log.length = 0;
    fake.call("menuPublishForms");
    expect(snapshot(forms)).toBe(before);
    // One forms.get per form, all in one fetchAll; nothing written; FormApp not called at all.
    expect(forms.api.log.map((r) => r.method)).toEqual(forms.forms().map(() => "get"));
    expect(fake.calls.count("UrlFetchApp.fetchAll")).toBe(1);
    expect(fake.calls.total("FormApp")).toBe(0);
  });

  it("a new mentor in the bank rewrites only the preferences questions that list mentors", () => {
    const { fake, forms } = setup();
    const ids = forms.form(PREFERENCES).items.map((i) => [i.id, i.apiId, i.questionId]);
    addMentor(fake, "Новиков Пётр Сергеевич");
    fake.calls.reset();
    forms.api.log.length = 0;
    fake.call("menuPublishForms");
    const items = forms.form(PREFERENCES).items;
    // The same items (their IDs kept: the response sheet keeps its columns).
    expect(items.map((i) => [i.id, i.apiId, i.questionId])).toEqual(ids);
    const choices = items.filter((i) => i.title.startsWith("Наставник:")).map((i) => i.choices);
    expect(choices).toHaveLength(3);
    for (const c of choices) expect(c).toContain("Новиков Пётр Сергеевич (Н-0099)");
    // The three mentor questions of the mentees' preferences form, nothing else, in one batchUpdate.
    const writes = forms.api.log.filter((r) => r.method !== "get");
    expect(writes.map((r) => [r.method, r.formId])).toEqual([["batchUpdate", forms.form(PREFERENCES).id]]);
    const requests = (writes[0].body?.requests ?? []) as Record<string, unknown>[];
    expect(requests.map((r) => Object.keys(r)[0])).toEqual(["updateItem", "updateItem", "updateItem"]);
    expect(fake.calls.count("UrlFetchApp.fetchAll")).toBe(2);
    expect(fake.calls.total("Item")).toBe(0);
  });

  it("the Forms API switched off later: forms.get answers 403 SERVICE_DISABLED, FormApp updates the forms", () => {
    const { fake, forms } = setup();
    forms.api.disable(true);
    addMentor(fake, "Новиков Пётр Сергеевич");
    fake.calls.reset();
    forms.api.log.length = 0;
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(forms.api.log).toEqual([]);
    const choices = forms
      .form(PREFERENCES)
      .items.filter((i) => i.title.startsWith("Наставник:"))
      .map((i) => i.choices);
    for (const c of choices) expect(c).toContain("Новиков Пётр Сергеевич (Н-0099)");
    expect(fake.calls.count("Item.setChoiceValues")).toBe(3);
  });

  it("a question edited by hand in the form stays as edited until its plan changes", () => {
    const { fake, forms } = setup();
    const form = forms.form(PREFERENCES);
    form.items[0] = { ...form.items[0], helpText: "изменено вручную" };
    forms.api.log.length = 0;
    fake.call("menuPublishForms");
    expect(forms.form(PREFERENCES).items[0].helpText).toBe("изменено вручную");
    expect(forms.api.log.filter((r) => r.method !== "get")).toEqual([]);
  });

  it("a question deleted by hand comes back: the form is compared again question by question", () => {
    const { fake, forms } = setup();
    const form = forms.form(PREFERENCES);
    const deleted = form.items.splice(1, 1)[0];
    form.items[0] = { ...form.items[0], helpText: "изменено вручную" };
    fake.call("menuPublishForms");
    const again = forms.form(PREFERENCES);
    expect(again.items.map((i) => i.title)).toContain(deleted.title);
    expect(again.items.map((i) => i.title).indexOf(deleted.title)).toBe(1);
    expect(again.items[0].helpText).not.toBe("изменено вручную");
  });

  it("new forms: one batchUpdate each, all in one fetchAll; the same forms as FormApp item by item", () => {
    const build = (apiOn: boolean) => {
      let forms: FormsControl | undefined;
      const fake = loadBundle({}, {}, (f) => {
        forms = installFormApp(f);
      });
      forms!.api.disable(!apiOn);
      fake.call("menuInitWorkbook");
      fake.calls.reset();
      fake.call("menuPublishForms");
      expect(fake.state.alerts).toEqual([]);
      return { fake, forms: forms! };
    };
    const viaApi = build(true);
    expect(viaApi.fake.calls.count("UrlFetchApp.fetchAll")).toBe(2); // batchUpdate, setPublishSettings
    expect(viaApi.forms.api.log.map((r) => r.method).filter((m) => m === "batchUpdate")).toHaveLength(
      viaApi.forms.forms().length,
    );
    expect(viaApi.fake.calls.count("Form.addTextItem")).toBe(0);
    // The API switched off for the script's Cloud project (403 SERVICE_DISABLED): FormApp instead.
    const viaFormApp = build(false);
    expect(viaFormApp.fake.calls.count("Item.duplicate")).toBeGreaterThan(50);
    const content = (forms: FormsControl) =>
      forms.forms().map((f) => ({
        title: f.title,
        description: f.description,
        email: f.emailCollection,
        published: f.published,
        accepting: f.acceptingResponses,
        settings: [f.allowEdits, f.progressBar, f.confirmation],
        items: f.items.map(({ id, apiId, questionId, includesYear, ...rest }) => rest),
      }));
    expect(content(viaApi.forms)).toEqual(content(viaFormApp.forms));
    expect(viaApi.fake.sheet("Анкеты").values().length).toBe(viaFormApp.fake.sheet("Анкеты").values().length);
  });

  it("a form written before anything was remembered is brought to its plan item by item", () => {
    const { fake, forms } = setup();
    const before = snapshot(forms);
    for (const key of Object.keys(fake.state.properties.document))
      if (key.startsWith("forms.applied:")) delete fake.state.properties.document[key];
    const form = forms.form(PREFERENCES);
    form.items.reverse();
    fake.call("menuPublishForms");
    expect(snapshot(forms)).toBe(before);
  });
});
