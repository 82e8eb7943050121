/**
 * Issue 15, item 3 in Apps Script: a block write keeps the curator's formulas (HYPERLINK ones too)
 * in every cell whose value it does not change, and never writes the curator's columns beside a
 * table at all.
 */
import { loadBundle } from "../support/gas";
import { menteeAnswers, records, setupSchool } from "../support/school";

const mentee = menteeAnswers("Смирнова Алиса Игоревна");

describe("the curator's cells are the curator's (Apps Script)", () => {
  it("an erasure rewrites the person's row, yet the curator's formulas it does not change stay formulas", () => {
    // The fake has no formula engine: a ="…" formula shows its text, as in Sheets.
    const { fake, forms } = setupSchool({ access: { formulaEvaluator: (f) => /^="(.*)"$/.exec(f)?.[1] } });
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
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Наставляемые")!;
    const keys = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const width = keys.length;
    const category = keys.indexOf("category") + 1;
    const form = keys.indexOf("form") + 1;
    // In the person's own row: a formula in a column erase keeps (the value it shows does not change)…
    const categoryValue = String(sheet.getRange(3, category).getValue());
    sheet.getRange(3, category).setFormula(`="${categoryValue}"`);
    const formValue = String(sheet.getRange(3, form).getValue());
    sheet.getRange(3, form).setFormula(`="${formValue}"`);
    // …and the curator's own columns right of the table: a formula and a link on every row.
    if (sheet.getMaxColumns() < width + 2)
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width + 2 - sheet.getMaxColumns());
    sheet.getRange(2, width + 1, 1, 2).setValues([["Длина ФИО", "Профиль"]]);
    for (const r of [3, 4]) {
      sheet.getRange(r, width + 1).setFormula(`=LEN(D${r})`);
      sheet.getRange(r, width + 2).setFormula(`=HYPERLINK("https://school1.ru/p/${r}";"профиль")`);
    }

    fake.state.promptResponses.push({ text: "alisa@mail.ru" });
    fake.state.alertResponses.push("YES", "OK");
    fake.call("menuEraseConsent");
    expect(fake.state.alerts.at(-1)!.prompt).toContain("удалены по отзыву согласия");
    expect(records(fake, "Наставляемые")[0]).toMatchObject({ full_name: "[данные удалены]", email: "" });

    expect(sheet.getRange(3, category).getFormula()).toBe(`="${categoryValue}"`);
    expect(sheet.getRange(3, form).getFormula()).toBe(`="${formValue}"`);
    // Kim's row is not the erased one: the curator's columns there are untouched.
    expect(sheet.getRange(4, width + 1).getFormula()).toBe("=LEN(D4)");
    expect(sheet.getRange(4, width + 2).getFormula()).toBe('=HYPERLINK("https://school1.ru/p/4";"профиль")');
  });

  it("merged cells inside a table: init names them, and nothing is written through them", () => {
    const { fake, forms } = setupSchool();
    for (const [email, name] of [
      ["alisa@mail.ru", "Смирнова Алиса Игоревна"],
      ["kim@mail.ru", "Ким Артём Олегович"],
      ["lev@mail.ru", "Львов Лев Львович"],
    ])
      forms.submit("Анкета наставляемого", {
        email,
        at: new Date(Date.UTC(2026, 8, 10)),
        answers: { ...mentee, ФИО: name },
      });
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Наставляемые")!;
    const keys = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const cls = keys.indexOf("class") + 1;
    const letter = String.fromCharCode(64 + cls);
    // The curator merges the class of three pupils (Sheets keeps the top-left value only).
    sheet.getRange(3, cls, 3, 1).merge();
    expect(sheet.getRange(4, cls).getValue()).toBe("");

    fake.call("menuInitWorkbook");
    const said = fake.state.toasts.at(-1)?.message ?? "";
    expect(said).not.toContain("в порядке");
    expect(said).toContain(`Лист «Наставляемые»: объединены ячейки ${letter}3:${letter}5`);
    expect(records(fake, "Журнал").some((l) => String(l.message).includes(`${letter}3:${letter}5`))).toBe(
      true,
    );

    // Erasing the first pupil would blank «Класс» through the merge: refused with the address.
    const bank = JSON.stringify(records(fake, "Наставляемые"));
    fake.state.promptResponses.push({ text: "alisa@mail.ru" });
    fake.state.alertResponses.push("YES", "OK");
    fake.call("menuEraseConsent");
    const alert = fake.state.alerts.at(-1)!.prompt;
    expect(alert).toContain(`объединены ячейки ${letter}3:${letter}5`);
    expect(alert).toContain("Отмените объединение");
    expect(JSON.stringify(records(fake, "Наставляемые"))).toBe(bank);
  });
});

describe("rich text the program does not change (Apps Script)", () => {
  it("a refresh that rewrites columns either side keeps the curator's links in the cells between", () => {
    const fake = loadBundle();
    fake.call("menuInitWorkbook");
    fake.state.promptResponses.push({ text: "1" });
    fake.call("menuRoadmapLoadTemplate");
    const app = fake.globals.SpreadsheetApp;
    const sheet = app.getActive().getSheetByName("Дорожная карта")!;
    const keys = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
    const col = (k: string) => keys.indexOf(k) + 1;
    const last = sheet.getLastRow();
    for (let r = 3; r <= last; r++) {
      // The program's columns left and right of the links, emptied: the refresh writes both back.
      sheet.getRange(r, col("next_due")).setValue("");
      sheet.getRange(r, col("status")).setValue("");
      // The curator's document link in «Результат / документ», and a link on part of «Ответственный».
      sheet
        .getRange(r, col("result"))
        .setRichTextValue(
          app.newRichTextValue().setText(`Приказ ${r}`).setLinkUrl(`https://school1.ru/d/${r}`).build(),
        );
      const who = `Иванова (профиль ${r})`;
      sheet.getRange(r, col("responsible")).setRichTextValue(
        app
          .newRichTextValue()
          .setText(who)
          .setLinkUrl(9, who.length - 1, `https://school1.ru/p/${r}`)
          .build(),
      );
    }
    fake.call("menuRoadmapRefresh");
    expect(fake.state.alerts).toEqual([]);
    let links = 0;
    for (let r = 3; r <= last; r++) {
      expect(String(sheet.getRange(r, col("status")).getValue())).not.toBe("");
      const result = sheet.getRange(r, col("result")).getRichTextValue()!;
      expect([result.getText(), result.getLinkUrl()]).toEqual([`Приказ ${r}`, `https://school1.ru/d/${r}`]);
      const who = sheet.getRange(r, col("responsible")).getRichTextValue()!;
      expect(who.getRuns().map((run) => [run.getText(), run.getLinkUrl()])).toEqual([
        ["Иванова (", null],
        [`профиль ${r}`, `https://school1.ru/p/${r}`],
        [")", null],
      ]);
      links += 2;
    }
    expect(links).toBeGreaterThan(40);
  });
});
