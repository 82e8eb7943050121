import { SCHOOL_TIME_ZONES } from "../../src/core/dates";
import { readSettings } from "../../src/core/settings";
import { sheetTemplate } from "../../src/core/templates/load";
import { GasWorkbook } from "../../src/gas/workbook";
import { installFormApp } from "../gas-fake/forms";
import { type LoadedBundle, loadBundle } from "../support/gas";
import { records, setting } from "../support/school";

/**
 * The school's time zone is chosen in «Настройки» as Russian schools name it («Екатеринбург
 * (МСК+2)»), from a dropdown; init sets the spreadsheet's zone and its Russian locale from it
 * (Spreadsheet.setSpreadsheetTimeZone, setSpreadsheetLocale), and the clock triggers run in it
 * (ClockTriggerBuilder.inTimezone), whatever the account's own zone — a gmail.com account made in
 * the USA gets a spreadsheet in America/New_York and en_US.
 */
const LABELS = [
  "Калининград (МСК−1)",
  "Москва (МСК)",
  "Самара (МСК+1)",
  "Екатеринбург (МСК+2)",
  "Омск (МСК+3)",
  "Красноярск (МСК+4)",
  "Иркутск (МСК+5)",
  "Якутск (МСК+6)",
  "Владивосток (МСК+7)",
  "Магадан (МСК+8)",
  "Камчатка (МСК+9)",
];

function book(options: Parameters<typeof loadBundle>[0] = {}): LoadedBundle {
  return loadBundle(options, {}, (f) => {
    installFormApp(f);
  });
}

/** The row of a parameter in «Настройки» (1-based) and its value cell's A1. */
function parameterCell(fake: LoadedBundle, key: string): string {
  const s = fake.sheet("Настройки");
  const keys = s.row(1).map(String);
  const row = s.values().findIndex((r) => r[keys.indexOf("key")] === key) + 1;
  return `${String.fromCharCode(65 + keys.indexOf("value"))}${row}`;
}

const ss = (fake: LoadedBundle) => fake.globals.SpreadsheetApp.getActive();

describe("«Часовой пояс школы» in «Настройки»", () => {
  it("offers the eleven Russian zones by Moscow time, Москва by default, from a dropdown", () => {
    expect(SCHOOL_TIME_ZONES.map((z) => z.label)).toEqual(LABELS);
    expect(sheetTemplate("settings").choices?.time_zone).toEqual(LABELS);
    const fake = book();
    fake.call("menuInitWorkbook");
    const cell = parameterCell(fake, "time_zone");
    expect(fake.sheet("Настройки").cell(cell).value).toBe("Москва (МСК)");
    const [[validation]] = fake.sheet("Настройки").validations(`${cell}:${cell}`);
    // getCriteriaValues of a list: the values and whether the dropdown shows.
    expect(validation).toMatchObject({
      criteria: "VALUE_IN_LIST",
      values: [LABELS, true],
      allowInvalid: false,
    });
    // Its neighbours keep no dropdown.
    const below = `${cell[0]}${Number(cell.slice(1)) + 1}`;
    expect(fake.sheet("Настройки").validations(`${below}:${below}`)[0][0]).toBeNull();
  });

  it("a book of a gmail.com account made in the USA gets Moscow time and the Russian locale at init", () => {
    const fake = book({ timeZone: "America/New_York", locale: "en_US" });
    fake.call("menuInitWorkbook");
    expect(ss(fake).getSpreadsheetTimeZone()).toBe("Europe/Moscow");
    expect(ss(fake).getSpreadsheetLocale()).toBe("ru_RU");
    expect(fake.state.toasts.at(-1)?.message).toContain("Часовой пояс таблицы — Москва (МСК).");
    // A second init changes nothing and says nothing about it.
    fake.call("menuInitWorkbook");
    expect(fake.state.toasts.at(-1)?.message).toBe("Книга в порядке: изменений не потребовалось.");
  });

  it("Екатеринбург: the spreadsheet's zone follows, dates typed before keep their day, triggers run at local time", () => {
    const fake = book();
    fake.call("menuInitWorkbook");
    fake.call("menuPublishForms");
    // A date the curator typed while the book was in Moscow time: 01.09.2026.
    const start = parameterCell(fake, "program_start");
    expect(fake.sheet("Настройки").display(`${start}:${start}`)[0][0]).toBe("01.09.2026");
    setting(fake, "time_zone", "Екатеринбург (МСК+2)");
    fake.call("menuInitWorkbook");
    expect(fake.state.alerts).toEqual([]);
    expect(ss(fake).getSpreadsheetTimeZone()).toBe("Asia/Yekaterinburg");
    expect(fake.state.toasts.at(-1)?.message).toContain("Часовой пояс таблицы — Екатеринбург (МСК+2).");
    expect(fake.sheet("Настройки").display(`${start}:${start}`)[0][0]).toBe("01.09.2026");
    // The program still reads it as 1 September.
    Object.assign(globalThis, { Utilities: fake.globals.Utilities });
    const settings = fake.calls.untracked(() => readSettings(new GasWorkbook(ss(fake))));
    expect(settings.programStart?.toISOString()).toBe("2026-09-01T00:00:00.000Z");
    expect(settings.timeZone).toBe("Asia/Yekaterinburg");

    fake.call("menuRoadmapInstallTrigger");
    fake.call("menuInstallMonthlyReport");
    const clock = fake.state.triggers.filter((t) => t.eventType === "CLOCK");
    expect(clock.map((t) => [t.handler, t.schedule.timezone])).toEqual([
      ["dailyReminders", "Asia/Yekaterinburg"],
      ["onMonthlyReport", "Asia/Yekaterinburg"],
    ]);
  });

  it("a book made before the list: its IANA name becomes the list's label; a typo is a Russian warning", () => {
    const fake = book();
    fake.call("menuInitWorkbook");
    const cell = parameterCell(fake, "time_zone");
    fake.sheet("Настройки").edit(cell, "Asia/Yekaterinburg");
    fake.call("menuInitWorkbook");
    expect(fake.sheet("Настройки").cell(cell).value).toBe("Екатеринбург (МСК+2)");
    expect(ss(fake).getSpreadsheetTimeZone()).toBe("Asia/Yekaterinburg");
    expect(
      records(fake, "Журнал").some((r) => String(r.message).includes("записан как «Екатеринбург (МСК+2)»")),
    ).toBe(true);

    fake.sheet("Настройки").edit(cell, "Екатеринбурх");
    fake.call("menuInitWorkbook");
    expect(ss(fake).getSpreadsheetTimeZone()).toBe("Europe/Moscow");
  });
});
