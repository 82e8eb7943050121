import { installDocumentApp } from "./document";
import { createGasFake } from "./index";

/**
 * Behaviour of Apps Script the fake follows because the product relies on it (issue 14): daily
 * quotas per user reset 24 hours after the first request, a one-off clock trigger spent when it
 * fires, a spreadsheet's new time zone keeping every date cell's wall-clock value.
 */
const DAY = 86_400_000;

describe("daily quotas (developers.google.com/apps-script/guides/services/quotas)", () => {
  it("DocumentApp.create: at most the day's quota per user, then Apps Script's message; back 24 hours after the first", () => {
    const clock = { t: Date.UTC(2027, 0, 10, 9) };
    const fake = createGasFake({ now: () => clock.t });
    installDocumentApp(fake, { docsCreatedPerDay: 2 });
    const DocumentApp = fake.globals.DocumentApp as GoogleAppsScript.Document.DocumentApp;
    DocumentApp.create("Первый");
    clock.t += 3600_000;
    DocumentApp.create("Второй");
    expect(() => DocumentApp.create("Третий")).toThrow(
      "Service invoked too many times for one day: docs create.",
    );
    // Another user has a quota of their own.
    fake.users.effective = "other@school1.ru";
    DocumentApp.create("Чужой");
    fake.users.effective = fake.users.owner;
    // 24 hours after the day's first request the quota is back.
    clock.t += DAY - 3600_000 - 1;
    expect(() => DocumentApp.create("Третий")).toThrow("docs create");
    clock.t += 1;
    DocumentApp.create("Третий");
  });

  it("a consumer account creates 250 documents a day", () => {
    const fake = createGasFake();
    installDocumentApp(fake);
    const DocumentApp = fake.globals.DocumentApp as GoogleAppsScript.Document.DocumentApp;
    for (let i = 0; i < 250; i++) DocumentApp.create(`Документ ${i}`);
    expect(() => DocumentApp.create("Лишний")).toThrow(
      "Service invoked too many times for one day: docs create.",
    );
  });

  it("MailApp: the recipients' quota comes back 24 hours after the day's first mail", () => {
    const clock = { t: Date.UTC(2027, 0, 10, 9) };
    const fake = createGasFake({ now: () => clock.t, mailQuota: 2 });
    const { MailApp } = fake.globals;
    MailApp.sendEmail("a@school1.ru,b@school1.ru", "Тема", "Текст");
    expect(MailApp.getRemainingDailyQuota()).toBe(0);
    expect(() => MailApp.sendEmail("c@school1.ru", "Тема", "Текст")).toThrow(
      "Service invoked too many times for one day: email.",
    );
    clock.t += DAY;
    expect(MailApp.getRemainingDailyQuota()).toBe(2);
    MailApp.sendEmail("c@school1.ru", "Тема", "Текст");
  });
});

describe("time zones", () => {
  it("a new spreadsheet zone keeps each date cell's wall-clock value (Sheets keeps serial numbers)", () => {
    const fake = createGasFake({ timeZone: "Europe/Moscow", sheets: { Даты: [] } });
    const ss = fake.globals.SpreadsheetApp.getActive();
    const range = ss.getSheetByName("Даты")!.getRange("A1:B1");
    // 01.07.2012 00:00 and 15.12.2026 10:30 in Moscow (UTC+4 from 2011 to 2014, UTC+3 since).
    range.setValues([[new Date(Date.UTC(2012, 5, 30, 20)), new Date(Date.UTC(2026, 11, 15, 7, 30))]]);
    ss.setSpreadsheetTimeZone("Europe/Berlin");
    const [summer, winter] = range.getValues()[0] as Date[];
    // The same wall clock in Berlin: UTC+2 in July, UTC+1 in December.
    expect(summer.toISOString()).toBe("2012-06-30T22:00:00.000Z");
    expect(winter.toISOString()).toBe("2026-12-15T09:30:00.000Z");
    expect(range.getDisplayValues()[0]).toEqual(["01.07.2012", "15.12.2026 10:30:00"]);
  });
});

describe("simultaneous executions (quotas, «Simultaneous executions per user: 30»)", () => {
  it("a user's 31st overlapping execution is refused before the script runs; another user's is not", () => {
    const fake = createGasFake();
    let ran = 0;
    fake.globals.work = () => {
      ran++;
    };
    fake.simultaneously(() => {
      for (let i = 0; i < 31; i++) fake.call("work");
      fake.users.effective = "other@school1.ru";
      fake.call("work");
      fake.users.effective = fake.users.owner;
    });
    expect(ran).toBe(31);
    expect(fake.refusedExecutions).toEqual([{ handler: "work", user: fake.users.owner }]);
    // Once they ended, the user runs again; one at a time there is no limit.
    for (let i = 0; i < 40; i++) fake.call("work");
    expect(ran).toBe(71);
    expect(fake.refusedExecutions).toHaveLength(1);
  });
});

describe("granular consent (developers.google.com/apps-script/concepts/scopes)", () => {
  const SCOPE = "https://www.googleapis.com/auth/";
  const manifest = [
    `${SCOPE}spreadsheets.currentonly`,
    `${SCOPE}script.send_mail`,
    `${SCOPE}script.container.ui`,
  ];

  it("a call without its granted scope throws Apps Script's message; the others work", () => {
    const fake = createGasFake({ oauthScopes: manifest });
    const { MailApp, SpreadsheetApp } = fake.globals;
    fake.auth.revoke(fake.users.owner, [`${SCOPE}script.send_mail`]);
    expect(() => MailApp.sendEmail("a@school1.ru", "Тема", "Текст")).toThrow(
      "Authorization is required to perform that action.",
    );
    expect(SpreadsheetApp.getActive().getSheets()).toHaveLength(1);
    // A scope missing from the manifest is never granted: DriveApp needs «drive».
    installDocumentApp(fake);
    const DriveApp = fake.globals.DriveApp as GoogleAppsScript.Drive.DriveApp;
    expect(() => DriveApp.createFolder("Папка")).toThrow("Authorization is required to perform that action.");
    // Another user granted everything.
    fake.users.effective = "other@school1.ru";
    MailApp.sendEmail("a@school1.ru", "Тема", "Текст");
  });

  it("requireScopes: nothing when granted; a prompt that ends a menu execution; an error in a trigger", () => {
    const fake = createGasFake({ oauthScopes: manifest });
    const { ScriptApp } = fake.globals;
    const mail = `${SCOPE}script.send_mail`;
    let after = false;
    fake.globals.menu = () => {
      ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [mail]);
      after = true;
    };
    fake.call("menu");
    expect(after).toBe(true);
    fake.auth.revoke(fake.users.owner, [mail]);
    after = false;
    expect(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()).toBe(
      ScriptApp.AuthorizationStatus.REQUIRED,
    );
    expect(fake.call("menu")).toBeUndefined();
    expect(after).toBe(false);
    expect(fake.auth.prompts).toEqual([{ user: fake.users.owner, scopes: [mail] }]);
    fake.state.uiAvailable = false;
    expect(() => fake.call("menu")).toThrow("Authorization is required to perform that action.");
    expect(() => ScriptApp.requireScopes(ScriptApp.AuthMode.FULL, [`${SCOPE}drive`])).toThrow(
      /not required by this script/,
    );
  });
});

describe("deleting rows (Sheet.deleteRows, the Sheets API's deleteDimension)", () => {
  it("what is below moves up with its notes and formulas; every non-frozen row is never deleted", () => {
    const fake = createGasFake({ sheets: { Лист: [["a"], ["b"], ["c"], ["d"], ["e"]] } });
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName("Лист")!;
    sheet.getRange("A5").setNote("о e");
    sheet.getRange("B5").setFormula('=HYPERLINK("https://school1.ru";"e")');
    const api = (
      fake.globals as unknown as {
        Sheets: { Spreadsheets: GoogleAppsScript.Sheets.Collection.SpreadsheetsCollection };
      }
    ).Sheets.Spreadsheets;
    const id = fake.globals.SpreadsheetApp.getActive().getId();
    const range = (start: number, end: number) => ({
      deleteDimension: {
        range: { sheetId: sheet.getSheetId(), dimension: "ROWS", startIndex: start, endIndex: end },
      },
    });
    // Requests apply in order: the bottom run first keeps the second's indexes.
    api.batchUpdate({ requests: [range(3, 4), range(1, 2)] } as never, id);
    expect(fake.sheet("Лист").values("A1:A3")).toEqual([["a"], ["c"], ["e"]]);
    expect(sheet.getRange("A3").getNote()).toBe("о e");
    expect(sheet.getRange("B3").getFormula()).toBe('=HYPERLINK("https://school1.ru";"e")');
    sheet.setFrozenRows(2);
    const rows = sheet.getMaxRows();
    expect(() => sheet.deleteRows(3, rows - 2)).toThrow(
      "Sorry, it is not possible to delete all non-frozen rows.",
    );
    expect(() => api.batchUpdate({ requests: [range(2, rows)] } as never, id)).toThrow(
      "Sorry, it is not possible to delete all non-frozen rows.",
    );
    sheet.deleteRows(3, rows - 3);
    expect(sheet.getMaxRows()).toBe(3);
  });
});

describe("rich text (Range.getRichTextValue, the Sheets API's CellData.textFormatRuns)", () => {
  it("runs only on text; writing a value, even the same text, erases the links", () => {
    const fake = createGasFake({ sheets: { Лист: [["a", 5]] } });
    const app = fake.globals.SpreadsheetApp;
    const cell = app.getActive().getSheetByName("Лист")!.getRange("A1");
    expect(app.getActive().getSheetByName("Лист")!.getRange("B1").getRichTextValue()).toBeNull();
    cell.setRichTextValue(
      app.newRichTextValue().setText("Приказ №5").setLinkUrl(0, 6, "https://school1.ru").build(),
    );
    expect(cell.getValue()).toBe("Приказ №5");
    expect(
      cell
        .getRichTextValue()!
        .getRuns()
        .map((r) => r.getLinkUrl()),
    ).toEqual(["https://school1.ru", null]);
    cell.setValues([["Приказ №5"]]);
    expect(cell.getRichTextValue()!.getLinkUrl(0, 6)).toBeNull();
    expect(cell.getRichTextValue()!.getRuns()).toHaveLength(1);
  });
});
