/**
 * Issue 19, the department's side in Apps Script: the «Район» project (dist-district/, a second
 * script project with its own manifest) under gas-local with the fake. The packages lie in a Drive
 * folder — listed by the Drive API (files.list), read by files.get alt=media through UrlFetchApp
 * with the script's token, unzipped by Utilities.unzip — and the roll-up is a job: with a simulated
 * clock it stops near the budget and continues from its trigger, file by file from its checkpoint,
 * to the same workbook an uninterrupted run writes. Every call is checked against the district
 * manifest's scopes; the school's manifest holds no Drive scope at all.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as vm from "node:vm";
import { DISTRICT_SHEETS } from "../../src/core/district/sheets";
import { DISTRICT_CONTINUE, districtMenuItems } from "../../src/gas/district/rollup";
import type { GasFake } from "../gas-fake";
import { continuations, DIST, district, folder, manifest, setFolder } from "../support/district-gas";

const SCHOOL_DIST = resolve(__dirname, "../../dist");
const SCOPE = "https://www.googleapis.com/auth/";

describe("the «Район» project", () => {
  it("is a second script project: its own manifest with drive.readonly and no full Drive scope; the school's has no Drive scope", () => {
    const scopes: string[] = manifest().oauthScopes;
    expect(scopes).toContain(`${SCOPE}drive.readonly`);
    expect(scopes).not.toContain(`${SCOPE}drive`);
    expect(
      manifest().dependencies.enabledAdvancedServices.map((s: { userSymbol: string }) => s.userSymbol),
    ).toContain("Drive");
    const school: string[] = JSON.parse(
      readFileSync(join(SCHOOL_DIST, "appsscript.json"), "utf8"),
    ).oauthScopes;
    expect(school.filter((s) => s.includes("drive"))).toEqual([]);
    const code = readFileSync(join(DIST, "Code.js"), "utf8");
    expect(code).not.toMatch(/\bFormApp\b|\bMailApp\b/);
    // Its entry declares exactly what Apps Script calls: the simple trigger, the menu, the continuation.
    const declared = [...code.matchAll(/^function (\w+)\(\) \{ return Nastavnichestvo\./gm)]
      .map((m) => m[1])
      .sort();
    expect(declared).toEqual(
      [
        "onOpen",
        ...districtMenuItems.flatMap((i) => (i === "separator" ? [] : [i.fn])),
        DISTRICT_CONTINUE,
      ].sort(),
    );
  });

  it("rolls a Drive folder up as a job that continues from its checkpoint, to the uninterrupted run's workbook", async () => {
    // One uninterrupted run.
    const once = district();
    const f1 = await folder(once.docs, 12);
    once.fake.call("onOpen");
    setFolder(once.fake, f1.id);
    expect(once.fake.state.toasts.at(-1)?.message).toMatch(/^Папка запомнена: в ней 14 книг/);
    once.fake.calls.reset();
    once.fake.call("menuDistrictRollUp");
    expect(once.fake.state.alerts).toEqual([]);
    expect(once.fake.state.toasts.at(-1)?.message).toMatch(
      /^Сводка района за 2026\/2027 учебный год: учтено 12 пакетов, не учтено 2 пакета \(причины — на листе «Проверка пакетов»\)\. Отчёт: https:\/\/docs\.google\.com\//,
    );
    expect(once.fake.calls.total("Drive")).toBe(1);
    expect(continuations(once.fake)).toHaveLength(0);
    const sheets = (fake: GasFake) =>
      Object.fromEntries(
        [
          DISTRICT_SHEETS.totals,
          DISTRICT_SHEETS.schools,
          DISTRICT_SHEETS.ranking,
          DISTRICT_SHEETS.check,
          DISTRICT_SHEETS.missing,
        ].map((s) => [s, fake.sheet(s).values()]),
      );
    const expected = sheets(once.fake);
    const check = expected[DISTRICT_SHEETS.check];
    const flags = Object.fromEntries(check.slice(1).map((r) => [String(r[0]), String(r[6])]));
    expect(flags["правленый.xlsx"]).toBe("изменён вручную");
    expect(Object.values(flags).filter((x) => x === "повтор школы")).toHaveLength(1);
    expect(Object.keys(flags)).not.toContain("в корзине.xlsx");
    expect(Object.keys(flags)).not.toContain("положение.pdf");
    const totals = expected[DISTRICT_SHEETS.totals];
    expect(totals.find((r) => r[0] === "Наставники")?.[1]).toBe(f1.mentors);
    // The chart: the district's value and target of each indicator, beside the totals.
    const charts = once.fake.sheet(DISTRICT_SHEETS.totals).charts();
    expect(charts.map((c) => [c.chartType, c.ranges])).toEqual([["BAR", ["A4:C10"]]]);
    expect(String(charts[0].options.title)).toBe("Показатели района, 2026/2027: значение и цель");
    const report = once.docs.byName("Сводный отчёт о реализации программ наставничества");
    expect(report.text().replace(/\u00a0/g, " ")).toContain(
      "Школ, приславших отчётные пакеты, — 12; не учтено пакетов — 2.",
    );
    expect(once.fake.sheet(DISTRICT_SHEETS.totals)).toBeDefined();

    // The same folder with a simulated clock: 150 ms a service call and 20 s a download (a slow
    // network), so a chunk of ten files (its checkpoint) nears the budget and the job continues.
    const { fake, docs } = district();
    const f2 = await folder(docs, 12);
    setFolder(fake, f2.id);
    const start = Date.now();
    const simNow = () => start + fake.calls.total() * 150 + fake.calls.count("UrlFetchApp.fetch") * 20_000;
    (fake.context as Record<string, unknown>).__simNow = simNow;
    vm.runInContext("Date.now = function () { return __simNow(); };", fake.context);
    fake.call("menuDistrictRollUp");
    expect(fake.state.toasts.at(-1)?.message).toMatch(
      /^«Сводка района» продолжится автоматически через минуту, выполнено \d+% \(\d+ из 14\)/,
    );
    let executions = 1;
    while (continuations(fake).length > 0) {
      const t0 = simNow();
      fake.call("continueDistrict");
      expect(simNow() - t0).toBeLessThan(6 * 60_000);
      executions++;
      expect(executions).toBeLessThan(20);
    }
    expect(executions).toBeGreaterThanOrEqual(2);
    expect(sheets(fake)).toEqual(expected);
    expect(docs.byName("Сводный отчёт").text()).toBe(report.text());
    expect(Object.keys(fake.state.properties.script).filter((k) => k.includes(".job."))).toEqual([]);
  });

  it("says what to do when no folder is set, in Russian", () => {
    const { fake } = district();
    fake.call("menuDistrictRollUp");
    expect(fake.state.alerts.at(-1)?.prompt).toMatch(
      /^Район: Папка с пакетами школ не указана: выберите «Район» → «Указать папку с пакетами школ…»/,
    );
  });
});
