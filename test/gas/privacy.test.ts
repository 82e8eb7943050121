import type { LoadedBundle } from "../support/gas";
import { menteeAnswers, records, setting, setupSchool } from "../support/school";

const OWNER = "owner@school1.ru";
const CURATOR = "curator@school1.ru";
const TEACHER = "teacher@school1.ru";
const DIRECTOR = "director@school1.ru";

const mentee = menteeAnswers("Смирнова Алиса Игоревна");

const setup = () =>
  setupSchool({
    access: { owner: OWNER, editors: [CURATOR, TEACHER, DIRECTOR] },
    settings: { curator_editors: CURATOR, director_email: DIRECTOR },
  });

const ss = (fake: LoadedBundle) => fake.globals.SpreadsheetApp.getActive();

const bank = records;

describe("personal data: only the curators may edit it", () => {
  it("protects the banks, «Журнал» and the response sheets for real; a teacher's edit is refused", () => {
    const { fake, forms } = setup();
    forms.submit("Анкета наставляемого", {
      email: "alisa@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: mentee,
    });
    fake.call("menuProtectPersonalData");
    expect(fake.state.alerts).toEqual([]);
    for (const name of ["Наставники", "Наставляемые", "Журнал", "Ответы — Анкета наставляемого"]) {
      const p = fake
        .sheet(name)
        .protections()
        .find((x) => String(x.description).startsWith("Наставничество (персональные данные)"));
      expect(p).toBeDefined();
      expect(p!.warningOnly).toBe(false);
      expect([...(p!.editors as string[])].sort()).toEqual([CURATOR, OWNER].sort());
    }
    // A teacher who is an editor of the spreadsheet cannot change a bank.
    fake.users.active = TEACHER;
    fake.users.effective = TEACHER;
    expect(() => ss(fake).getSheetByName("Наставляемые")!.getRange("D3").setValue("Иванов")).toThrow();
    // The curator can.
    fake.users.active = CURATOR;
    fake.users.effective = CURATOR;
    ss(fake).getSheetByName("Наставляемые")!.getRange("Z3").setValue("заметка");
    // Init does not weaken it, and the submit trigger (the owner's) still writes.
    fake.users.active = OWNER;
    fake.users.effective = OWNER;
    fake.call("menuInitWorkbook");
    const journal = fake
      .sheet("Журнал")
      .protections()
      .filter((x) => x.type === "SHEET");
    expect(journal).toHaveLength(1);
    expect(journal[0].warningOnly).toBe(false);
    forms.submit("Анкета наставляемого", {
      email: "kim@mail.ru",
      at: new Date(Date.UTC(2026, 8, 11)),
      answers: { ...mentee, ФИО: "Ким Артём" },
    });
    expect(bank(fake, "Наставляемые").map((r) => r.email)).toEqual(["alisa@mail.ru", "kim@mail.ru"]);
  });

  it("asks for the curators first, in Russian", () => {
    const { fake } = setup();
    setting(fake, "curator_editors", "");
    fake.call("menuProtectPersonalData");
    expect(fake.state.alerts.at(-1)?.prompt).toContain("не указаны кураторы");
  });

  it("«Проверить доступ» names who can see and edit what, with a warning for each non-curator", () => {
    const { fake } = setup();
    fake.calls.untracked(() => ss(fake).addViewer("parent@mail.ru"));
    fake.call("menuCheckAccess");
    const before = fake.state.alerts.at(-1)!.prompt;
    expect(before).toContain(`Владелец таблицы: ${OWNER}`);
    expect(before).toContain(`${TEACHER} — редактор таблицы, но не куратор`);
    expect(before).toContain("parent@mail.ru — читатель таблицы");
    expect(before).toContain(`Директор (${DIRECTOR}) — редактор таблицы`);
    expect(before).toContain("Лист «Наставляемые» не защищён");

    fake.call("menuProtectPersonalData");
    fake.call("menuCheckAccess");
    const after = fake.state.alerts.at(-1)!.prompt;
    expect(after).not.toContain("не защищён");
    expect(after).toContain(`«Наставляемые»: изменять могут ${OWNER} (владелец), ${CURATOR} (куратор)`);
  });
});

describe("«Отозвать согласие…» through the menu", () => {
  it("asks for the e-mail, confirms, removes the data and tells what is left to do by hand", () => {
    const { fake, forms } = setup();
    forms.submit("Анкета наставляемого", {
      email: "alisa@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: mentee,
    });
    forms.submit("Анкета наставляемого", {
      email: "kim@mail.ru",
      at: new Date(Date.UTC(2026, 8, 11)),
      answers: { ...mentee, ФИО: "Ким Артём" },
    });
    fake.state.promptResponses.push({ text: "Alisa@Mail.ru" });
    fake.state.alertResponses.push("YES", "OK");
    fake.call("menuEraseConsent");
    const report = fake.state.alerts.at(-1)!.prompt;
    expect(report).toContain("Данные участника Alisa@Mail.ru удалены по отзыву согласия");
    expect(report).toContain("удалите их вручную"); // the fake FormApp keeps no responses of its own
    const rows = bank(fake, "Наставляемые");
    expect(rows[0]).toMatchObject({
      id: "НЯ-0001",
      email: "",
      full_name: "[данные удалены]",
      status: "выбыл",
    });
    expect(rows[1]).toMatchObject({ email: "kim@mail.ru" });
    const everything = fake.spreadsheet
      .sheetNames()
      .map((n) => JSON.stringify(fake.sheet(n).values()))
      .join();
    expect(everything).not.toContain("alisa@mail.ru");
    expect(everything).not.toContain("Смирнова Алиса");
    const log = bank(fake, "Журнал").at(-1)!;
    expect(log).toMatchObject({ operation: "Отзыв согласия", user: OWNER });
    expect(String(log.message)).toContain("НЯ-0001");
  });

  it("does nothing on a cancelled prompt or a «Нет»", () => {
    const { fake, forms } = setup();
    forms.submit("Анкета наставляемого", {
      email: "alisa@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: mentee,
    });
    const before = JSON.stringify(fake.sheet("Наставляемые").values());
    fake.state.promptResponses.push({ text: "alisa@mail.ru", button: "CANCEL" });
    fake.call("menuEraseConsent");
    fake.state.promptResponses.push({ text: "alisa@mail.ru" });
    fake.state.alertResponses.push("NO");
    fake.call("menuEraseConsent");
    fake.state.promptResponses.push({ text: "не адрес" });
    fake.call("menuEraseConsent");
    expect(fake.state.alerts.at(-1)!.prompt).toContain("не адрес электронной почты");
    expect(JSON.stringify(fake.sheet("Наставляемые").values())).toBe(before);
  });
});
