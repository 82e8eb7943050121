/**
 * Forms that accept answers (issue 14, item 1). Google creates forms made through the API after
 * 30 June 2026 unpublished, accepting no responses until published; «Создать / обновить анкеты»
 * publishes them, records in «Анкеты» whether each accepts responses, and reports one that does not
 * (in its message, in «Журнал», and in the report of «Инициализировать / восстановить книгу»).
 * The respondent's e-mail is a field they fill in (RESPONDER_INPUT), so a pupil or a parent without
 * a Google account can answer and the address still reaches the banks.
 */
import { createGasFake } from "../gas-fake";
import { type FormsControl, installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { MENTEE_FORM, menteeAnswers, records, setupSchool } from "../support/school";

type FormApp = GoogleAppsScript.Forms.FormApp;

const registryRow = (fake: LoadedBundle, title: string) =>
  records(fake, "Анкеты").find((r) => r.title === title)!;

function initOnly(): { fake: LoadedBundle; forms: FormsControl } {
  let forms: FormsControl | undefined;
  const fake = loadBundle({}, {}, (f) => {
    forms = installFormApp(f);
  });
  fake.call("menuInitWorkbook");
  return { fake, forms: forms! };
}

describe("the fake FormApp publishes as Google Forms does", () => {
  it("creates forms unpublished: a response is refused until setPublished(true)", () => {
    const fake = createGasFake();
    const forms = installFormApp(fake);
    const app = (fake.globals as unknown as { FormApp: FormApp }).FormApp;
    const form = app.create("Анкета") as GoogleAppsScript.Forms.Form & {
      isPublished(): boolean;
      setPublished(on: boolean): unknown;
      supportsAdvancedResponderPermissions(): boolean;
    };
    expect(form.supportsAdvancedResponderPermissions()).toBe(true);
    expect(form.isPublished()).toBe(false);
    expect(form.isAcceptingResponses()).toBe(false);
    const response = { email: "a@b.ru", at: new Date(), answers: {} };
    expect(() => forms.submit("Анкета", response)).toThrow(/not published/);
    expect(forms.form("Анкета").responses).toHaveLength(0);
    form.setPublished(true);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(forms.submit("Анкета", response)).toEqual({ sheet: "", row: 0 });
  });

  it("records the e-mail collection type; setCollectEmail(true) collects VERIFIED addresses", () => {
    const fake = createGasFake();
    const forms = installFormApp(fake);
    const app = (
      fake.globals as unknown as { FormApp: FormApp & { EmailCollectionType: Record<string, unknown> } }
    ).FormApp;
    const form = app.create("Анкета") as GoogleAppsScript.Forms.Form & {
      setPublished(on: boolean): unknown;
      setEmailCollectionType(t: unknown): unknown;
    };
    form.setPublished(true);
    form.setCollectEmail(true);
    expect(forms.form("Анкета").emailCollection).toBe("VERIFIED");
    const noAccount = { email: "a@mail.ru", at: new Date(), answers: {}, googleAccount: false };
    expect(() => forms.submit("Анкета", noAccount)).toThrow(/sign in/);
    form.setEmailCollectionType(app.EmailCollectionType.RESPONDER_INPUT);
    expect(form.collectsEmail()).toBe(true);
    expect(() => forms.submit("Анкета", noAccount)).not.toThrow();
  });
});

describe("«Создать / обновить анкеты» makes the forms accept answers", () => {
  it("publishes every new form and records «открыта» in «Анкеты»; a response is taken", () => {
    const { fake, forms } = setupSchool();
    for (const f of forms.forms()) expect(f).toMatchObject({ published: true, acceptingResponses: true });
    expect(registryRow(fake, MENTEE_FORM).publish_state).toBe("открыта");
    forms.submit(MENTEE_FORM, {
      email: "a@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: menteeAnswers("Ученик"),
    });
    expect(records(fake, "Наставляемые")).toHaveLength(1);
  });

  it("lets a pupil without a Google account answer, with the address typed in reaching the bank", () => {
    const { fake, forms } = setupSchool();
    expect(forms.form(MENTEE_FORM).emailCollection).toBe("RESPONDER_INPUT");
    forms.submit(MENTEE_FORM, {
      email: "pupil@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: menteeAnswers("Ученик без аккаунта"),
      googleAccount: false,
    });
    expect(records(fake, "Наставляемые")[0]).toMatchObject({
      full_name: "Ученик без аккаунта",
      email: "pupil@mail.ru",
    });
  });

  it("publishes again a form that was unpublished by hand", () => {
    const { fake, forms } = setupSchool();
    Object.assign(forms.form(MENTEE_FORM), { published: false, acceptingResponses: false });
    fake.call("menuPublishForms");
    expect(forms.form(MENTEE_FORM)).toMatchObject({ published: true, acceptingResponses: true });
    expect(fake.state.toasts.at(-1)?.message).not.toContain("не принимает ответы");
  });

  it("reports a form that could not be published: the message, «Анкеты», «Журнал» and init", () => {
    const { fake, forms } = initOnly();
    forms.refusePublishing("Publishing is restricted by your administrator.");
    fake.call("menuPublishForms");
    expect(fake.state.alerts).toEqual([]);
    const toast = fake.state.toasts.at(-1)?.message ?? "";
    expect(toast).toContain(
      `Анкета «${MENTEE_FORM}» не принимает ответы: форму не удалось опубликовать (Publishing is restricted by your administrator.)`,
    );
    expect(registryRow(fake, MENTEE_FORM).publish_state).toBe(
      "не принимает ответы: форму не удалось опубликовать (Publishing is restricted by your administrator.)",
    );
    expect(
      records(fake, "Журнал").filter(
        (r) =>
          r.level === "предупреждение" &&
          String(r.message).startsWith(`Анкета «${MENTEE_FORM}» не принимает ответы`),
      ),
    ).toHaveLength(1);

    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).toContain("анкет, которые не принимают ответы");
    expect(
      records(fake, "Журнал").some(
        (r) => r.operation === "Проверка анкет" && String(r.message).includes(MENTEE_FORM),
      ),
    ).toBe(true);

    // Publishing allowed again: the next run publishes, and init no longer reports it.
    forms.refusePublishing(null);
    fake.call("menuPublishForms");
    expect(registryRow(fake, MENTEE_FORM).publish_state).toBe("открыта");
    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).not.toContain("не принимают ответы");
  });

  it("leaves a closed legacy form closed and says so", () => {
    const { fake, forms } = setupSchool();
    forms.makeLegacy(MENTEE_FORM, false);
    fake.call("menuPublishForms");
    expect(forms.form(MENTEE_FORM).acceptingResponses).toBe(false);
    expect(fake.state.toasts.at(-1)?.message).toContain(
      `Анкета «${MENTEE_FORM}» не принимает ответы: старая форма закрыта для ответов`,
    );
  });
});
