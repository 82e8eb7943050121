/**
 * Several curators in one workbook (issue 14, item 5). Apps Script lists only the current user's
 * triggers (ScriptApp.getProjectTriggers) and runs an installable trigger as its creator, so a
 * second curator sees none of the first one's. The workbook keeps one submit trigger, recorded with
 * its owner in the script properties; a second curator is told whose it is; «Проверить доступ»
 * shows who each trigger runs as; a form the current user cannot open is reported, not replaced.
 */
import { questionnaires } from "../../src/core/questionnaires/schema";
import type { FormsControl } from "../gas-fake/forms";
import type { LoadedBundle } from "../support/gas";
import { MENTEE_FORM, menteeAnswers, records, setupSchool } from "../support/school";

const OWNER = "owner@school1.ru";
const SECOND = "second@school1.ru";
const THIRD = "third@school1.ru";

const setup = () => setupSchool({ access: { owner: OWNER, editors: [SECOND, THIRD] } });

/** The menu is now used by `user` (who opened the spreadsheet and runs the menu items). */
function actAs(fake: LoadedBundle, user: string): void {
  Object.assign(fake.users, { active: user, effective: user });
}

const submitTriggers = (fake: LoadedBundle) =>
  fake.state.triggers.filter((t) => t.handler === "onFormResponse" && t.eventType === "ON_FORM_SUBMIT");

const shareAll = (forms: FormsControl, user: string) => {
  for (const f of forms.forms()) forms.share(f.title, user);
};

const toast = (fake: LoadedBundle) => fake.state.toasts.at(-1)?.message ?? "";

describe("the fake ScriptApp and FormApp per user", () => {
  it("lists only the effective user's triggers and opens only the forms shared with them", () => {
    const { fake, forms } = setup();
    const app = fake.globals.ScriptApp;
    expect(app.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(["onFormResponse"]);
    actAs(fake, SECOND);
    expect(app.getProjectTriggers()).toEqual([]);
    const formApp = (fake.globals as unknown as { FormApp: GoogleAppsScript.Forms.FormApp }).FormApp;
    const id = forms.form(MENTEE_FORM).id;
    expect(() => formApp.openById(id)).toThrow(
      "No item with the given ID could be found, or you do not have permission to access it.",
    );
    forms.share(MENTEE_FORM, SECOND);
    expect(formApp.openById(id).getId()).toBe(id);
  });
});

describe("one submit trigger per workbook, whoever runs «Создать / обновить анкеты»", () => {
  it("installs no second trigger for a second curator and tells them whose it is", () => {
    const { fake, forms } = setup();
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([OWNER]);
    shareAll(forms, SECOND);
    actAs(fake, SECOND);
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([OWNER]);
    expect(toast(fake)).toContain(
      `Обработчик ответов анкет установлен куратором ${OWNER} и работает от его имени; второй не установлен`,
    );
    // A submission is processed once, by the owner's trigger.
    forms.submit(MENTEE_FORM, {
      email: "a@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: menteeAnswers("Ученик"),
    });
    expect(records(fake, "Наставляемые")).toHaveLength(1);
    // The owner running it again keeps their one trigger.
    actAs(fake, OWNER);
    fake.call("menuPublishForms");
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([OWNER]);
    expect(toast(fake)).not.toContain("Обработчик ответов");
  });

  it("removes a second curator's duplicate left by an older version", () => {
    const { fake, forms } = setup();
    shareAll(forms, SECOND);
    actAs(fake, SECOND);
    // What the older «Создать / обновить анкеты» did for a second curator.
    fake.globals.ScriptApp.newTrigger("onFormResponse")
      .forSpreadsheet(fake.globals.SpreadsheetApp.getActive())
      .onFormSubmit()
      .create();
    expect(submitTriggers(fake)).toHaveLength(2);
    fake.call("menuPublishForms");
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([OWNER]);
    expect(toast(fake)).toContain("Ваш лишний обработчик ответов удалён.");
  });

  it("moves the trigger to the curator running it when its owner lost access to the workbook", () => {
    // SECOND, an editor, set the workbook up: the forms and the trigger are theirs.
    const { fake, forms } = setupSchool({
      access: { owner: OWNER, activeUser: SECOND, editors: [SECOND, THIRD] },
    });
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([SECOND]);
    // SECOND leaves the school: their trigger can no longer write to the workbook.
    fake.globals.SpreadsheetApp.getActive().removeEditor(SECOND);
    shareAll(forms, THIRD);
    actAs(fake, THIRD);
    fake.call("menuCheckAccess");
    expect(fake.state.alerts.at(-1)!.prompt).toContain(
      `Обработчик «ответы анкет» работает от имени ${SECOND}, у которого нет доступа к таблице`,
    );
    fake.call("menuPublishForms");
    expect(toast(fake)).toContain(
      `Обработчик ответов анкет работал от имени ${SECOND}, у которого больше нет доступа к таблице; теперь он работает от вашего имени (${THIRD}).`,
    );
    expect(submitTriggers(fake).map((t) => t.owner)).toEqual([SECOND, THIRD]);
    fake.call("menuCheckAccess");
    expect(fake.state.alerts.at(-1)!.prompt).toContain(`«ответы анкет» — ${THIRD}`);
  });
});

describe("one daily reminders trigger per workbook", () => {
  it("is not installed twice by a second curator, who cannot switch the first one's off", () => {
    const { fake } = setup();
    fake.call("menuRoadmapInstallTrigger");
    actAs(fake, SECOND);
    fake.call("menuRoadmapInstallTrigger");
    const daily = () => fake.state.triggers.filter((t) => t.handler === "dailyReminders").map((t) => t.owner);
    expect(daily()).toEqual([OWNER]);
    expect(toast(fake)).toContain(`Ежедневные напоминания уже включены куратором ${OWNER}`);
    fake.call("menuRoadmapRemoveTrigger");
    expect(daily()).toEqual([OWNER]);
    expect(toast(fake)).toContain("выключить их может только он");
    actAs(fake, OWNER);
    fake.call("menuRoadmapRemoveTrigger");
    expect(daily()).toEqual([]);
    // Switched off by its owner: the second curator may now switch them on.
    actAs(fake, SECOND);
    fake.call("menuRoadmapInstallTrigger");
    expect(daily()).toEqual([SECOND]);
    expect(fake.state.alerts).toEqual([]);
  });
});

describe("one monthly report trigger per workbook", () => {
  it("is not installed twice by a second curator, who cannot switch the first one's off", () => {
    const { fake } = setup();
    const monthly = () =>
      fake.state.triggers.filter((t) => t.handler === "onMonthlyReport").map((t) => t.owner);
    fake.call("menuInstallMonthlyReport");
    actAs(fake, SECOND);
    fake.call("menuInstallMonthlyReport");
    expect(monthly()).toEqual([OWNER]);
    expect(toast(fake)).toContain(`Ежемесячная отправка уже включена куратором ${OWNER}`);
    fake.call("menuRemoveMonthlyReport");
    expect(monthly()).toEqual([OWNER]);
    expect(toast(fake)).toContain("выключить её может только он");
    fake.call("menuCheckAccess");
    expect(fake.state.alerts.at(-1)!.prompt).toContain(`«ежемесячный отчёт директору» — ${OWNER}`);
  });
});

describe("a curator who cannot open the forms", () => {
  it("is told which forms and why; no new form replaces the ones people already have", () => {
    const { fake, forms } = setup();
    const ids = forms.forms().map((f) => f.id);
    const registry = records(fake, "Анкеты").map((r) => r.form_id);
    actAs(fake, SECOND);
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    expect(forms.forms().map((f) => f.id)).toEqual(ids);
    expect(records(fake, "Анкеты").map((r) => r.form_id)).toEqual(registry);
    const message = toast(fake);
    expect(message).toContain(
      `Анкета «${MENTEE_FORM}»: форма ${forms.form(MENTEE_FORM).id} не открывается от имени ${SECOND} (нет доступа или форма удалена`,
    );
    expect(message).toContain("Новая форма не создана");
    expect(message).toContain(`Анкеты готовы (0)`);
    expect(
      records(fake, "Журнал").filter(
        (r) => r.level === "предупреждение" && String(r.message).includes("не открывается от имени"),
      ),
    ).toHaveLength(questionnaires().length);
  });
});

describe("«Проверить доступ» shows who each trigger runs as", () => {
  it("lists the submit trigger's owner to another curator, and the curator's own triggers", () => {
    const { fake } = setup();
    actAs(fake, SECOND);
    fake.call("menuRoadmapInstallTrigger");
    fake.call("menuCheckAccess");
    const report = fake.state.alerts.at(-1)!.prompt;
    expect(report).toContain("Обработчики (каждый работает от имени того, кто его установил):");
    expect(report).toContain(`«ответы анкет» — ${OWNER} (владелец)`);
    expect(report).toContain(`«ежедневные напоминания» — ${SECOND}`);
  });
});
