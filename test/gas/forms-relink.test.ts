import type { FormsControl } from "../gas-fake/forms";
import type { LoadedBundle } from "../support/gas";
import {
  MENTEE_FORM as FORM,
  menteeAnswers as mentee,
  setupSchool,
  records as table,
} from "../support/school";

const RESPONSES = `Ответы — ${FORM}`;
const setup = () => setupSchool();

const submit = (forms: FormsControl, i: number) =>
  forms.submit(FORM, {
    email: `p${i}@school1.ru`,
    at: new Date(Date.UTC(2026, 8, 10 + i, 9)),
    answers: mentee(`Ученик ${i}`),
  });

const names = (fake: LoadedBundle, sheet: string) =>
  fake
    .sheet(sheet)
    .values()
    .slice(1)
    .map((r) => r[2]);

const registryRow = (fake: LoadedBundle) => table(fake, "Анкеты").find((r) => r.form_key === "mentee")!;
const repairs = (fake: LoadedBundle) =>
  table(fake, "Журнал").filter((r) => String(r.message).includes("заново связана с таблицей"));

/** Everything «Создать / обновить анкеты» could change, for the «second run changes nothing» check. */
const snapshot = (fake: LoadedBundle, forms: FormsControl) =>
  JSON.stringify({
    sheets: fake.spreadsheet.sheetNames(),
    responses: fake.sheet(RESPONSES).values(),
    bank: fake.sheet("Наставляемые").values(),
    registry: table(fake, "Анкеты").map(({ updated_at: _, ...r }) => r),
    forms: forms.forms().map((f) => [f.id, f.destinationId, f.items.map((i) => i.id)]),
  });

describe("«Создать / обновить анкеты» links again a form whose response sheet is gone", () => {
  it("relinks after the response sheet is deleted by hand: the responses come back, new ones flow", () => {
    const { fake, forms } = setup();
    submit(forms, 1);
    submit(forms, 2);
    expect(table(fake, "Наставляемые")).toHaveLength(2);
    const formId = forms.form(FORM).id;

    fake.spreadsheet.deleteSheet(RESPONSES);
    // The form stays linked to the workbook, with nowhere to write: the response stays in the form.
    expect(forms.form(FORM).destinationId).not.toBeNull();
    expect(submit(forms, 3)).toEqual({ sheet: "", row: 0 });
    expect(table(fake, "Наставляемые")).toHaveLength(2);

    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain(
      `Анкета «${FORM}» заново связана с таблицей: лист ответов был удалён`,
    );
    expect(fake.state.toasts.at(-1)?.message).toContain("«Переобработать ответы»");
    // The same form, linked to a new sheet under the expected name, holding every kept response.
    expect(forms.form(FORM).id).toBe(formId);
    expect(forms.linkedSheet(FORM)).toBe(RESPONSES);
    expect(names(fake, RESPONSES)).toEqual(["Ученик 1", "Ученик 2", "Ученик 3"]);
    expect(registryRow(fake)).toMatchObject({ form_id: formId, response_sheet: RESPONSES });
    const log = repairs(fake);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ level: "предупреждение", operation: "Анкеты" });
    expect(String(log[0].message)).toContain(
      `Анкета «${FORM}» заново связана с таблицей: лист ответов был удалён. Ответы, сохранённые в форме, — на листе «${RESPONSES}».`,
    );
    // Only the one form was repaired.
    expect(fake.spreadsheet.sheetNames().filter((n) => n.startsWith("Ответы на форму"))).toEqual([]);

    // The replay takes the response that came while there was no sheet; the others are unchanged.
    fake.call("menuReplayResponses");
    expect(fake.state.toasts.at(-1)?.message).toContain(`${FORM}: добавлено 1, обновлено 0, без изменений 2`);
    expect(table(fake, "Наставляемые").map((r) => r.full_name)).toEqual(["Ученик 1", "Ученик 2", "Ученик 3"]);

    // A new submission lands on the new sheet and reaches the bank through the submit trigger.
    expect(submit(forms, 4)).toEqual({ sheet: RESPONSES, row: 5 });
    expect(table(fake, "Наставляемые").map((r) => r.email)).toEqual([
      "p1@school1.ru",
      "p2@school1.ru",
      "p3@school1.ru",
      "p4@school1.ru",
    ]);

    // A second run finds every form linked: nothing changes, nothing is repaired.
    const before = snapshot(fake, forms);
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).not.toContain("заново связана");
    expect(snapshot(fake, forms)).toBe(before);
    expect(repairs(fake)).toHaveLength(1);
  });

  it("relinks a form unlinked in Sheets: the old sheet is kept under another name", () => {
    const { fake, forms } = setup();
    submit(forms, 1);
    forms.unlink(FORM);
    expect(fake.sheet(RESPONSES).model.formUrl).toBeNull();
    submit(forms, 2);

    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    const old = `${RESPONSES} (старый лист)`;
    expect(forms.linkedSheet(FORM)).toBe(RESPONSES);
    expect(names(fake, RESPONSES)).toEqual(["Ученик 1", "Ученик 2"]);
    expect(names(fake, old)).toEqual(["Ученик 1"]);
    expect(String(repairs(fake)[0].message)).toContain(
      `заново связана с таблицей: форма была отвязана от таблицы; прежний лист переименован в «${old}»`,
    );
    expect(registryRow(fake).response_sheet).toBe(RESPONSES);

    const before = snapshot(fake, forms);
    fake.call("menuPublishForms");
    expect(snapshot(fake, forms)).toBe(before);
    expect(repairs(fake)).toHaveLength(1);
  });

  it("init names «Создать / обновить анкеты» as the fix, and has nothing to report after it", () => {
    const { fake } = setup();
    fake.spreadsheet.deleteSheet(RESPONSES);
    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).toContain("выполните «Создать / обновить анкеты»");
    const warnings = table(fake, "Журнал").filter((r) => r.operation === "Проверка анкет");
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].message)).toContain(
      "Выполните «Создать / обновить анкеты»: форма будет заново связана с таблицей",
    );

    fake.call("menuPublishForms");
    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).not.toContain("не поступают");
    expect(table(fake, "Журнал").filter((r) => r.operation === "Проверка анкет")).toHaveLength(1);
  });
});
