import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";

/**
 * «Создать / обновить анкеты» touches only what differs from the plan: what it last wrote into
 * each form is remembered (src/gas/forms.ts, AppliedForm), so a second run with nothing changed
 * reads no question and writes none, and a changed list rewrites only the questions that use it.
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
    fake.call("menuPublishForms");
    expect(snapshot(forms)).toBe(before);
    const itemCalls = Object.entries(fake.calls.snapshot()).filter(([k]) => k.startsWith("Item."));
    expect(itemCalls).toEqual([]);
    expect(fake.calls.count("Form.getItems")).toBe(forms.forms().length);
    expect(fake.calls.total("FormApp")).toBeLessThanOrEqual(50);
  });

  it("a new mentor in the bank rewrites only the preferences questions that list mentors", () => {
    const { fake, forms } = setup();
    const ids = forms.form(PREFERENCES).items.map((i) => i.id);
    addMentor(fake, "Новиков Пётр Сергеевич");
    fake.calls.reset();
    fake.call("menuPublishForms");
    const items = forms.form(PREFERENCES).items;
    expect(items.map((i) => i.id)).toEqual(ids);
    const choices = items.filter((i) => i.title.startsWith("Наставник:")).map((i) => i.choices);
    expect(choices).toHaveLength(3);
    for (const c of choices) expect(c).toContain("Новиков Пётр Сергеевич (Н-0099)");
    // The three mentor questions of the mentees' preferences form, nothing else.
    expect(fake.calls.count("Item.setChoiceValues")).toBe(3);
    expect(fake.calls.count("Item.setTitle")).toBe(3);
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

  it("a new form's questions set like an earlier one are duplicated and retitled: the same form as setting each", () => {
    let forms: FormsControl | undefined;
    const fake = loadBundle({}, {}, (f) => {
      forms = installFormApp(f);
    });
    fake.call("menuInitWorkbook");
    fake.calls.reset();
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.calls.count("Item.duplicate")).toBeGreaterThan(50);
    const first = snapshot(forms!);
    // Compared again question by question, nothing remembered: every setting is set as planned.
    for (const key of Object.keys(fake.state.properties.document))
      if (key.startsWith("forms.applied:")) delete fake.state.properties.document[key];
    fake.call("menuPublishForms");
    expect(snapshot(forms!)).toBe(first);
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
