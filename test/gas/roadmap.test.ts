import { RULE_MARKER } from "../../src/core/ports";
import { roadmapTemplate } from "../../src/core/roadmap/templates";
import { type LoadedBundle, loadBundle } from "../support/gas";

const ROADMAP = "Дорожная карта";
const PASTE = "Вставка дорожной карты";

/** A date relative to today in Moscow (the fake's zone), as «dd.mm.yyyy». */
function moscowDay(offsetDays: number): string {
  const d = new Date(Date.now() + 3 * 3600_000 + offsetDays * 86400_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

function rows(fake: LoadedBundle, sheet: string) {
  const values = fake.sheet(sheet).values();
  const keys = values[0].map(String);
  return values.slice(2).map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i]])));
}

function setSetting(fake: LoadedBundle, key: string, value: string) {
  const values = fake.sheet("Настройки").values();
  const keys = values[0].map(String);
  const row = values.findIndex((r) => r[keys.indexOf("key")] === key);
  const col = String.fromCharCode(65 + keys.indexOf("value"));
  fake.sheet("Настройки").edit(`${col}${row + 1}`, value);
}

function setup(): LoadedBundle {
  const fake = loadBundle();
  fake.call("menuInitWorkbook");
  setSetting(fake, "curator_email", "curator@school.ru");
  return fake;
}

function journal(fake: LoadedBundle) {
  return rows(fake, "Журнал");
}

describe("«Дорожная карта» through Apps Script", () => {
  it("the menu lists the roadmap items", () => {
    const fake = loadBundle();
    fake.call("onOpen");
    const menu = JSON.stringify(fake.state.menus[0]);
    for (const fn of [
      "menuRoadmapLoadTemplate",
      "menuRoadmapImport",
      "menuRoadmapRefresh",
      "menuRoadmapRemindNow",
      "menuRoadmapInstallTrigger",
      "menuRoadmapRemoveTrigger",
    ])
      expect(menu).toContain(fn);
    expect(typeof fake.context.dailyReminders).toBe("function");
  });

  it("loads a template chosen in the prompt and applies the conditional formats", () => {
    const fake = setup();
    fake.state.promptResponses.push({ text: "1" });
    fake.call("menuRoadmapLoadTemplate");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.prompts.at(-1)?.prompt).toContain(
      "1 — Дорожная карта внедрения целевой модели наставничества",
    );
    expect(fake.state.prompts.at(-1)?.prompt).toContain("school-general-plan");
    const events = rows(fake, ROADMAP).filter((r) => r.event !== "");
    expect(events).toHaveLength(roadmapTemplate("school-general").events.length);
    expect(events.every((r) => r.status !== "" && r.deadline_parse !== "")).toBe(true);
    expect(fake.state.toasts.at(-1)?.message).toContain("Добавлено 31 мероприятие");

    const rules = fake.sheet(ROADMAP).conditionalFormatRules();
    const ours = rules.filter((r) => r.values.some((v) => String(v).includes(RULE_MARKER)));
    expect(ours).toHaveLength(4);
    expect(ours.map((r) => r.criteria)).toEqual(Array(4).fill("CUSTOM_FORMULA"));
    expect(ours.map((r) => r.background)).toEqual(["#d9ead3", "#efefef", "#f4cccc", "#fff2cc"]);
    expect(String(ours[2].values[0])).toContain('OR($L3="просрочено",AND(ISNUMBER($F3),$F3<TODAY()))');
    expect(ours[0].ranges[0]).toMatch(/^A3:O\d+$/);

    // a curator's own rule survives a re-application; ours are replaced, not duplicated
    const sheet = fake.globals.SpreadsheetApp.getActive().getSheetByName(ROADMAP)!;
    const own = fake.globals.SpreadsheetApp.newConditionalFormatRule()
      .whenTextContains("срочно")
      .setBackground("#0000ff")
      .setRanges([sheet.getRange("C3:C100")])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), own]);
    fake.call("menuRoadmapRefresh");
    const after = fake.sheet(ROADMAP).conditionalFormatRules();
    expect(after.filter((r) => r.values.some((v) => String(v).includes(RULE_MARKER)))).toHaveLength(4);
    expect(after.filter((r) => r.background === "#0000ff")).toHaveLength(1);

    // cancelled prompt: nothing happens
    fake.state.promptResponses.push({ text: "2", button: "CANCEL" });
    fake.call("menuRoadmapLoadTemplate");
    expect(rows(fake, ROADMAP).filter((r) => r.event !== "")).toHaveLength(31);
  });

  it("imports what the curator pasted into «Вставка дорожной карты», then clears it", () => {
    const fake = setup();
    fake.call("menuRoadmapImport");
    expect(fake.spreadsheet.sheetNames()).toContain(PASTE);
    expect(fake.state.alerts.at(-1)?.prompt).toContain(`на лист «${PASTE}»`);
    fake.sheet(PASTE).setValues("A1", [
      ["№", "Мероприятие", "Срок", "Ответственный", "Результат"],
      ["1", "Издать приказ", moscowDay(-5), "Директор", "Приказ"],
      ["2", "Провести встречу", "В течение года", "Куратор", ""],
    ]);
    fake.call("menuRoadmapImport");
    const events = rows(fake, ROADMAP).filter((r) => r.event !== "");
    expect(events.map((r) => [r.event, r.status])).toEqual([
      ["Издать приказ", "просрочено"],
      ["Провести встречу", "в работе"],
    ]);
    expect(
      fake
        .sheet(PASTE)
        .values()
        .flat()
        .every((v) => v === ""),
    ).toBe(true);
  });

  it("installs exactly one daily trigger and removes it cleanly", () => {
    const fake = setup();
    fake.call("menuRoadmapInstallTrigger");
    fake.call("menuRoadmapInstallTrigger");
    const ours = fake.state.triggers.filter((t) => t.handler === "dailyReminders");
    expect(ours).toHaveLength(1);
    expect(ours[0].schedule).toMatchObject({ everyDays: 1, atHour: 7 });
    expect(fake.state.toasts.at(-1)?.message).toContain("уже включены");
    fake.call("menuRoadmapRemoveTrigger");
    expect(fake.state.triggers.filter((t) => t.handler === "dailyReminders")).toEqual([]);
    fake.call("menuRoadmapRemoveTrigger");
    expect(fake.state.toasts.at(-1)?.message).toBe("Ежедневные напоминания не были включены.");
    expect(fake.state.alerts).toEqual([]);
  });

  it("the daily handler sends each digest once a day and logs the sends", () => {
    const fake = setup();
    fake.call("menuRoadmapRefresh");
    fake.sheet(ROADMAP).setValues("A3", [
      ["", "", "Сдать отчёт", moscowDay(-3), "", "", "", "", "Иванова", "ivanova@school.ru"],
      ["", "", "Провести встречу", `до ${moscowDay(2)}`, "", "", "", "", "Петров", "petrov@school.ru"],
      ["", "", "Оповестить родителей", moscowDay(-1), "", "", "", "", "Классные руководители", ""],
    ]);
    fake.state.uiAvailable = false;
    fake.call("dailyReminders");
    const to = fake.state.mails.map((m) => m.to).sort();
    expect(to).toEqual(["curator@school.ru", "ivanova@school.ru", "petrov@school.ru"]);
    expect(fake.state.mails.every((m) => m.name === "Наставничество")).toBe(true);
    expect(fake.state.mails.find((m) => m.to === "ivanova@school.ru")?.subject).toBe(
      "Наставничество: сроки дорожной карты",
    );
    expect(journal(fake).filter((j) => j.operation === "Напоминание")).toHaveLength(3);
    fake.call("dailyReminders");
    expect(fake.state.mails).toHaveLength(3);
    expect(fake.state.mailQuota).toBe(97);
  });

  it("the daily handler writes its errors to «Журнал»", () => {
    const fake = setup();
    fake.spreadsheet.deleteSheet(ROADMAP);
    fake.state.uiAvailable = false;
    expect(() => fake.call("dailyReminders")).not.toThrow();
    const errors = journal(fake).filter((j) => j.level === "ошибка");
    expect(errors.at(-1)?.message).toContain("Ежедневные напоминания не выполнены");
    expect(errors.at(-1)?.message).toContain("Дорожная карта");
  });
});
