/**
 * Issue 15, item 2 in Apps Script: «Отозвать согласие» clears the notes on the person's own row and
 * their name (declined) and phone (written another way) in every note of every sheet, keeps salted
 * fingerprints, and a later submission of the same person is refused into «Журнал» without its data.
 */
import { menteeAnswers, records, setupSchool } from "../support/school";

const mentee = { ...menteeAnswers("Смирнова Алиса Игоревна"), Телефон: "+7 912 345-67-89" };

describe("«Отозвать согласие» in Apps Script leaves no trace and stays", () => {
  it("clears notes, keeps fingerprints, refuses the person's next answer", () => {
    const { fake, forms } = setupSchool();
    forms.submit("Анкета наставляемого", {
      email: "alisa@mail.ru",
      at: new Date(Date.UTC(2026, 8, 10)),
      answers: mentee,
    });
    forms.submit("Анкета наставляемого", {
      email: "kim@mail.ru",
      at: new Date(Date.UTC(2026, 8, 11)),
      answers: { ...mentee, ФИО: "Ким Артём", Телефон: "" },
    });
    const ss = fake.globals.SpreadsheetApp.getActive();
    const bank = ss.getSheetByName("Наставляемые")!;
    bank.getRange("E3").setNote("Мама просит звонить после шести");
    bank.getRange("D4").setNote("Дружит со Смирновой Алисой, телефон 89123456789");
    bank.getRange("F4").setNote("Отличник");
    ss.getSheetByName("Контингент")!.getRange("B3").setNote("Включая Алису Смирнову");

    fake.state.promptResponses.push({ text: "alisa@mail.ru" });
    fake.state.alertResponses.push("YES", "OK");
    fake.call("menuEraseConsent");
    expect(fake.state.alerts.at(-1)!.prompt).toContain("Очищено примечаний к ячейкам: 3.");

    expect(bank.getRange("E3").getNote()).toBe("");
    expect(bank.getRange("D4").getNote()).toBe("Дружит со [данные удалены], телефон [удалено]");
    expect(bank.getRange("F4").getNote()).toBe("Отличник");
    expect(ss.getSheetByName("Контингент")!.getRange("B3").getNote()).toBe("Включая [данные удалены]");
    const fingerprints = records(fake, "Отзывы согласия");
    // The answers gave no birth date: the address alone identifies her.
    expect(fingerprints.map((f) => f.kind).sort()).toEqual(["e-mail", "соль"].sort());
    expect(String(fingerprints.find((f) => f.kind === "соль")!.fingerprint)).toMatch(/^[0-9a-f]{32}$/);

    // The same person answers again: refused, «Журнал» keeps no data of theirs.
    const before = JSON.stringify(records(fake, "Наставляемые"));
    forms.submit("Анкета наставляемого", {
      email: "alisa@mail.ru",
      at: new Date(Date.UTC(2026, 10, 1)),
      answers: mentee,
    });
    expect(JSON.stringify(records(fake, "Наставляемые"))).toBe(before);
    const last = records(fake, "Журнал").at(-1)!;
    expect(String(last.message)).toContain("согласие отозвано");
    expect(last.original).toBe("");
    // Nor does the response sheet Google Forms wrote it into.
    const responses = JSON.stringify(fake.sheet("Ответы — Анкета наставляемого").values());
    expect(responses).not.toContain("alisa@mail.ru");
    expect(responses).not.toContain("Смирнова Алиса");
    expect(responses).toContain("kim@mail.ru");
    const journal = JSON.stringify(records(fake, "Журнал"));
    expect(journal).not.toContain("alisa@mail.ru");
    expect(journal).not.toContain("Смирнова Алиса");
  });
});
