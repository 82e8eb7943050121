import { cellBool } from "../../../src/core/cells";
import { sheetTemplate, workbookTemplate } from "../../../src/core/templates/load";
import { workbookTemplateSchema } from "../../../src/core/templates/schema";
import { A4_LANDSCAPE_PX, buildLayout, headerStyle, printPagesWide } from "../../../src/core/workbook/layout";
import { repairSheet } from "../../../src/core/workbook/repair";
import { stateRules } from "../../../src/core/workbook/state-colors";

/**
 * Tables a person reads (issue 17, item 3): a named header font, «да/нет» for yes / no, the states
 * coloured, a print area. All of it from workbook.json and core, so both runtimes show the same.
 */
const indexOf = (key: Parameters<typeof sheetTemplate>[0]) =>
  Object.fromEntries(sheetTemplate(key).columns.map((c, i) => [c.key, i]));
const layoutOf = (key: Parameters<typeof sheetTemplate>[0], at = indexOf(key)) =>
  buildLayout(sheetTemplate(key), at, null, String);

describe("the header font", () => {
  it("is the template's, on every table sheet", () => {
    expect(headerStyle()).toEqual({ fontFamily: "Arial", fontSize: 10, bold: true, background: "#eef2f8" });
    for (const s of workbookTemplate().sheets.filter((x) => x.kind !== "dashboard"))
      expect(layoutOf(s.key).header).toEqual(headerStyle());
  });

  it("refuses a size that is not a whole number of points (the Sheets API's fontSize is an int32)", () => {
    const copy = JSON.parse(JSON.stringify(workbookTemplate()));
    copy.headerStyle.fontSize = 10.5;
    expect(workbookTemplateSchema.safeParse(copy).success).toBe(false);
  });
});

describe("yes / no in words", () => {
  it("offers «да, нет» where the curator edits a yes / no column, not a checkbox", () => {
    const pairs = layoutOf("pairs");
    const locked = pairs.columns.find((c) => c.index === indexOf("pairs").locked);
    expect(locked?.validation).toEqual({ kind: "list", values: ["да", "нет"], strict: true });
    for (const s of workbookTemplate().sheets)
      for (const c of layoutOf(s.key).columns) expect(c.validation?.kind).not.toBe("checkbox");
  });

  it("reads the words and an older workbook's TRUE / FALSE / 1 / 0 alike", () => {
    expect(["да", "Да", true, 1, "TRUE", "1"].map(cellBool)).toEqual([true, true, true, true, true, true]);
    expect(["нет", false, 0, "FALSE", "0"].map(cellBool)).toEqual([false, false, false, false, false]);
  });

  it("init turns an older workbook's TRUE / FALSE / 1 / 0 into «да» / «нет» and says so", () => {
    const t = sheetTemplate("pairs");
    const keys = t.columns.map((c) => c.key);
    const headers = t.columns.map((c) => c.header);
    const row = (id: string, locked: boolean | number | string) =>
      keys.map((k) => (k === "pair_id" ? id : k === "locked" ? locked : ""));
    const grid = [keys, headers, row("П-1", true), row("П-2", 0), row("П-3", "да"), row("П-4", "")];
    const r = repairSheet(grid, t, { tokens: {} });
    const col = keys.indexOf("locked");
    expect(r.grid.slice(2).map((x) => x[col])).toEqual(["да", "нет", "да", ""]);
    expect(r.changes).toContain(
      "«Не менять при переподборе»: «да» / «нет» словами вместо флажков, ИСТИНА / ЛОЖЬ и 1 / 0 — 2 ячейки",
    );
    // A second repair finds nothing to change.
    expect(repairSheet(r.grid, t, { tokens: {} }).changed).toBe(false);
  });
});

describe("the states' colours", () => {
  it("colour «требует внимания», «не достигнуто», «нет согласия», a candidate with no pair, the level", () => {
    const formulas = (key: Parameters<typeof sheetTemplate>[0]) =>
      (layoutOf(key).conditionalRules ?? []).map((r) => [r.formula, r.background]);
    const letter = (key: Parameters<typeof sheetTemplate>[0], col: string) =>
      String.fromCharCode(65 + indexOf(key)[col]);
    expect(formulas("pair_activity")).toEqual([
      [`=AND(N("Наставничество")=0,LEFT($${letter("pair_activity", "attention")}3,2)="да")`, "#f4cccc"],
    ]);
    expect(formulas("indicators").map(([f]) => f)).toEqual([
      `=AND(N("Наставничество")=0,$${letter("indicators", "status")}3="не достигнуто")`,
      `=AND(N("Наставничество")=0,$${letter("indicators", "status")}3="достигнуто")`,
    ]);
    expect(formulas("mentors")[0][0]).toContain('ISNUMBER(SEARCH("нет согласия",');
    expect(formulas("mentors")[1][0]).toContain('="кандидат",LEFT(');
    expect(formulas("mentees")[1][0]).toContain('="ожидает пары"');
    expect(formulas("monitoring").map(([, bg]) => bg)).toEqual(["#f4cccc", "#fff2cc"]);
    // «Дорожная карта» keeps its own rules (core/roadmap/format.ts): init does not replace them.
    expect(layoutOf("roadmap").conditionalRules).toBeUndefined();
  });

  it("follow the columns where the curator moved them", () => {
    const at = { ...indexOf("pair_activity"), attention: 0, year: 7 };
    expect(stateRules("pair_activity", at)[0].formula).toContain("LEFT($A3,2)");
  });
});

describe("print", () => {
  it("leaves the columns right of printThrough out of the print area", () => {
    expect(layoutOf("pairs").printColumns).toBe(indexOf("pairs").end_date + 1);
    expect(layoutOf("monitoring").printColumns).toBe(indexOf("monitoring").level + 1);
    expect(layoutOf("log").printColumns).toBe(indexOf("log").place + 1);
    expect(layoutOf("mentors").printColumns).toBeUndefined();
  });

  it("does not wrap «Мониторинг»'s «Как рассчитано»: its 13 lines made every printed row a third of a page", () => {
    const basis = layoutOf("monitoring").columns.find((c) => c.index === indexOf("monitoring").basis);
    expect(basis?.wrap).toBeUndefined();
  });

  it("takes as many pages wide as keep the print at 65 % or larger", () => {
    expect(printPagesWide(A4_LANDSCAPE_PX, 0)).toBe(1);
    // «Пары» to «Окончание работы»: 2,640 px with 770 px of frozen columns repeated on each page.
    const pages = printPagesWide(2640, 770);
    expect(pages).toBe(3);
    expect((pages * A4_LANDSCAPE_PX) / (2640 + 2 * 770)).toBeGreaterThanOrEqual(0.65);
    // «Мониторинг» to «Уровень»: two pages.
    expect(printPagesWide(1870, 460)).toBe(2);
    // One page wide would print at 41 % (and the whole of «Пары», 3,660 px, at 29 %).
    expect(A4_LANDSCAPE_PX / 2640).toBeLessThan(0.42);
    expect(A4_LANDSCAPE_PX / 3660).toBeLessThan(0.3);
  });
});
