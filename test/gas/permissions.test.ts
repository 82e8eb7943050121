/**
 * Permissions a school can grant (issue 14, item 8). The manifest asks for no Drive scope (the
 * full «drive» scope is restricted: every gmail.com user meets the unverified-app screen and
 * school domains may block it): documents are Google Docs made with DocumentApp, PDFs come from
 * Document.getAs. Google's consent screen lets a user untick any scope: the fake gives each user a
 * set of granted scopes and throws Apps Script's «Authorization is required to perform that
 * action.» for a call without its scope (test/gas-fake/auth.ts). A menu action then says in Russian
 * what to allow and shows Google's prompt (ScriptApp.requireScopes ends the execution); a trigger,
 * which has nobody to prompt, logs the reason in «Журнал».
 */
import { GasWorkbook } from "../../src/gas/workbook";
import { installDocumentApp } from "../gas-fake/document";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { seedApprovedPairs } from "../support/approved-pairs";
import { type LoadedBundle, loadBundle, manifestScopes } from "../support/gas";
import { records } from "../support/school";

const SCOPE = "https://www.googleapis.com/auth/";
const OWNER = "owner@school.example";

function school(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    forms = installFormApp(f);
    installDocumentApp(f);
  });
  return { fake, forms: forms! };
}

const journal = (fake: LoadedBundle) => records(fake, "Журнал");

describe("the scopes the manifest asks for", () => {
  it("no Drive scope: a curator whose domain refuses Drive makes the documents and mails the PDF", () => {
    const { fake } = school();
    expect(fake.auth.manifest!.filter((s) => s.startsWith(`${SCOPE}drive`))).toEqual([]);
    // The owner granted everything but Drive (on today's manifest: every scope but «drive»).
    fake.auth.grant(
      OWNER,
      manifestScopes().filter((s) => !s.startsWith(`${SCOPE}drive`)),
    );
    fake.call("menuInitWorkbook");
    Object.assign(globalThis, { Utilities: fake.globals.Utilities });
    fake.calls.untracked(() =>
      seedApprovedPairs(new GasWorkbook(fake.globals.SpreadsheetApp.getActive()), new Date(), 3),
    );
    fake.call("menuDocReport");
    fake.call("menuSendReportDepartment");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-2)?.message).toMatch(
      /^Готово: «.*Отчёт о реализации программы.*» — в папке «Мой диск»\.$/,
    );
    expect(fake.state.mails).toHaveLength(1);
    // The PDF, and the school's «Отчётный пакет» (made in the bundle: no Drive either).
    expect(fake.state.mails[0].attachments.map((a) => a.contentType)).toEqual([
      "application/pdf",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]);
    expect(fake.calls.total("DriveApp")).toBe(0);
  });
});

describe("a scope the user unticked on Google's consent screen", () => {
  it("a menu action says in Russian what to allow, Google's prompt asks for it, and nothing else runs", () => {
    const { fake, forms } = school();
    fake.call("menuInitWorkbook");
    fake.auth.revoke(OWNER, [`${SCOPE}forms`]);
    const toasts = fake.state.toasts.length;
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toHaveLength(1);
    const text = fake.state.alerts[0].prompt;
    expect(text).toContain("для действия «Анкеты» нужны разрешения Google, которые не выданы");
    expect(text).toContain("«Просмотр, изменение, создание и удаление ваших форм в Google Формах»");
    expect(text).toContain("отметьте эти пункты и нажмите «Продолжить»");
    expect(text).not.toMatch(/Authorization|Exception/);
    expect(fake.auth.prompts).toEqual([{ user: OWNER, scopes: [`${SCOPE}forms`] }]);
    // The execution ended at the prompt: no form, no trigger, no toast.
    expect(forms.forms()).toEqual([]);
    expect(fake.state.triggers).toEqual([]);
    expect(fake.state.toasts).toHaveLength(toasts);

    // Granted again: the same menu item works.
    fake.auth.grant(OWNER, manifestScopes());
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toHaveLength(1);
    expect(forms.forms().length).toBeGreaterThan(0);
  });

  it("«Анкеты» asks for the Forms API's two scopes too, each named in Russian, and works once granted", () => {
    const { fake, forms } = school();
    fake.call("menuInitWorkbook");
    fake.auth.revoke(OWNER, [`${SCOPE}forms.body`, `${SCOPE}script.external_request`]);
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toHaveLength(1);
    const text = fake.state.alerts[0].prompt;
    expect(text).toContain("«Просмотр, изменение, создание и удаление всех ваших форм в Google Формах»");
    expect(text).toContain("«Подключение к внешнему сервису»");
    expect(fake.auth.prompts).toEqual([
      { user: OWNER, scopes: [`${SCOPE}forms.body`, `${SCOPE}script.external_request`] },
    ]);
    expect(forms.forms()).toEqual([]);
    fake.auth.grant(OWNER, manifestScopes());
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toHaveLength(1);
    expect(forms.api.log.filter((r) => r.method === "batchUpdate").length).toBe(forms.forms().length);
  });

  it("the daily trigger of an owner who unticked mail writes the reason in Russian to «Журнал», prompts nobody", () => {
    const { fake } = school();
    fake.call("menuInitWorkbook");
    fake.call("menuRoadmapLoadTemplate");
    fake.call("menuRoadmapInstallTrigger");
    expect(fake.state.alerts).toEqual([]);
    const daily = fake.state.triggers.find((t) => t.handler === "dailyReminders")!;
    fake.auth.revoke(OWNER, [`${SCOPE}script.send_mail`]);
    const mails = fake.state.mails.length;
    fake.fireTrigger(daily.id);
    const line = journal(fake).find((l) => l.operation === "Ежедневные напоминания");
    expect(line?.level).toBe("ошибка");
    expect(String(line?.message)).toContain("«Отправка электронных писем от вашего имени»");
    expect(String(line?.message)).toContain("«Дорожная карта: включить ежедневные напоминания»");
    expect(String(line?.message)).not.toMatch(/Authorization/);
    expect(fake.auth.prompts).toEqual([]);
    expect(fake.state.mails).toHaveLength(mails);
  });

  it("requireScopes in a trigger throws, as Apps Script documents; in a menu it prompts", () => {
    const { fake } = school();
    fake.auth.revoke(OWNER, [`${SCOPE}forms`]);
    const ScriptApp = fake.globals.ScriptApp;
    fake.state.uiAvailable = false;
    expect(() => ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [`${SCOPE}forms`])).toThrow(
      "Authorization is required to perform that action.",
    );
    expect(() => ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [`${SCOPE}drive`])).toThrow(
      /not required by this script/,
    );
    fake.state.uiAvailable = true;
    const info = ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL);
    expect(info.getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.REQUIRED);
    expect(() => fake.globals.ScriptApp.getProjectTriggers()).not.toThrow();
  });
});
