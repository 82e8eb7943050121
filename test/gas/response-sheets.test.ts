/**
 * A response is never silently dropped (issue 14, item 2). The submit trigger claims a response
 * sheet by its form (Sheet.getFormUrl() and the form ID in «Анкеты»), so a curator renaming
 * «Ответы — …» changes nothing; a response in a sheet no questionnaire claims is an error line of
 * «Журнал», mailed to the curator; a response sheet Google creates after the linking execution is
 * claimed when it appears and named on the next «Создать / обновить анкеты», whose message says so.
 */
import { questionnaires } from "../../src/core/questionnaires/schema";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { MENTEE_FORM, MENTEE_RESPONSES, menteeAnswers, records, setupSchool } from "../support/school";

const answer = (forms: FormsControl, name: string, day = 10) =>
  forms.submit(MENTEE_FORM, {
    email: `${day}@mail.ru`,
    at: new Date(Date.UTC(2026, 8, day, 9)),
    answers: menteeAnswers(name),
  });

const registryRow = (fake: LoadedBundle) => records(fake, "Анкеты").find((r) => r.form_key === "mentee")!;
const toast = (fake: LoadedBundle) => fake.state.toasts.at(-1)?.message ?? "";

describe("a renamed response sheet", () => {
  it("still feeds the bank; «Анкеты» learns its new name; the replay and init find it", () => {
    const { fake, forms } = setupSchool();
    answer(forms, "Ученик 1", 10);
    fake.spreadsheet.renameSheet(MENTEE_RESPONSES, "Ответы наставляемых 2026");
    answer(forms, "Ученик 2", 11);
    expect(records(fake, "Наставляемые").map((r) => r.full_name)).toEqual(["Ученик 1", "Ученик 2"]);
    expect(registryRow(fake).response_sheet).toBe("Ответы наставляемых 2026");
    expect(
      records(fake, "Журнал").some((r) =>
        String(r.message).startsWith(
          `Лист ответов анкеты «${MENTEE_FORM}» теперь называется «Ответы наставляемых 2026» (был «${MENTEE_RESPONSES}»)`,
        ),
      ),
    ).toBe(true);
    fake.call("menuReplayResponses");
    expect(toast(fake)).toContain(`${MENTEE_FORM}: добавлено 0, обновлено 0, без изменений 2`);
    fake.call("menuInitWorkbook");
    expect(toast(fake)).not.toContain("не поступают");
    expect(fake.state.alerts).toEqual([]);
  });

  it("is claimed by its form even before «Анкеты» learns the new name, whatever the name", () => {
    const { fake, forms } = setupSchool();
    // Renamed to the recorded name of another questionnaire's sheet: the form decides, not the name.
    const mentorSheet = String(records(fake, "Анкеты").find((r) => r.form_key === "mentor")!.response_sheet);
    fake.spreadsheet.renameSheet(mentorSheet, "Ответы наставников (старое)");
    fake.spreadsheet.renameSheet(MENTEE_RESPONSES, mentorSheet);
    answer(forms, "Ученик 1");
    expect(records(fake, "Наставляемые").map((r) => r.full_name)).toEqual(["Ученик 1"]);
    expect(records(fake, "Наставники")).toHaveLength(0);
  });
});

describe("a response in a sheet no questionnaire claims", () => {
  it("is an error line of «Журнал» with the answers, and the curator is mailed", () => {
    const { fake, forms } = setupSchool();
    // A form the curator linked to the workbook by hand, outside the program.
    const app = (fake.globals as unknown as { FormApp: GoogleAppsScript.Forms.FormApp }).FormApp;
    const foreign = app.create("Опрос родителей") as GoogleAppsScript.Forms.Form & {
      setPublished(on: boolean): unknown;
    };
    foreign.setPublished(true);
    foreign.addTextItem().setTitle("Вопрос");
    foreign.setDestination(app.DestinationType.SPREADSHEET, fake.globals.SpreadsheetApp.getActive().getId());
    const { sheet, row } = forms.submit("Опрос родителей", {
      email: "parent@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: { Вопрос: "Ответ" },
    });
    expect(sheet).not.toBe("");
    const errors = records(fake, "Журнал").filter((r) => r.level === "ошибка");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      operation: "Обработка ответа анкеты",
      source: `лист «${sheet}», строка ${row}`,
    });
    expect(String(errors[0].message)).toContain(
      `Ответ на листе «${sheet}» не обработан: лист не связан ни с одной анкетой листа «Анкеты»`,
    );
    expect(JSON.parse(String(errors[0].original))).toMatchObject({ Вопрос: "Ответ" });
    expect(fake.state.mails).toHaveLength(1);
    expect(fake.state.mails[0].subject).toContain("Обработка ответа анкеты");
    expect(fake.sheet(sheet).row(row)).toContain("Ответ");
  });
});

describe("a response sheet Google creates after the linking execution", () => {
  function lateSheets(): { fake: LoadedBundle; forms: FormsControl } {
    let forms: FormsControl | undefined;
    const fake = loadBundle({}, {}, (f) => {
      forms = installFormApp(f, { responseSheet: "next-execution" });
    });
    fake.call("menuInitWorkbook");
    return { fake, forms: forms! };
  }

  it("is reported by «Создать / обновить анкеты», claimed by the trigger, named on the next run", () => {
    const { fake, forms } = lateSheets();
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(toast(fake)).toContain(
      `Лист ответов анкеты «${MENTEE_FORM}» ещё не появился (Google создаёт его не сразу)`,
    );
    expect(registryRow(fake).response_sheet).toBe("");

    // The first answer arrives in the sheet Google has created meanwhile, under its own name.
    const { sheet } = answer(forms, "Ученик 1");
    expect(sheet).toMatch(/^Ответы на форму \(\d+\)$/);
    expect(records(fake, "Наставляемые").map((r) => r.full_name)).toEqual(["Ученик 1"]);
    expect(registryRow(fake).response_sheet).toBe(sheet);

    // The next run finds every sheet and names it.
    fake.call("menuPublishForms");
    expect(toast(fake)).not.toContain("ещё не появился");
    expect(registryRow(fake).response_sheet).toBe(MENTEE_RESPONSES);
    expect(fake.spreadsheet.sheetNames().filter((n) => n.startsWith("Ответы — "))).toHaveLength(
      questionnaires().length,
    );
    answer(forms, "Ученик 2", 11);
    expect(records(fake, "Наставляемые").map((r) => r.full_name)).toEqual(["Ученик 1", "Ученик 2"]);
  });
});
