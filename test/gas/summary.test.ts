import { RULE_MARKER } from "../../src/core/ports";
import { type LoadedBundle, loadBundle } from "../support/gas";

/** Column letter of a key in a sheet's hidden key row. */
function letterOf(fake: LoadedBundle, sheet: string, key: string): string {
  const i = fake.sheet(sheet).row(1).map(String).indexOf(key);
  expect(i).toBeGreaterThanOrEqual(0);
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Appends records to a table sheet as a curator types them (by key, below the last row). */
function addRecords(fake: LoadedBundle, sheet: string, records: Record<string, unknown>[]): void {
  const s = fake.sheet(sheet);
  const keys = s.row(1).map(String);
  const grid = records.map((rec) => keys.map((k) => (k in rec ? rec[k] : "")));
  s.setValues(`A${Math.max(3, s.lastRow + 1)}`, grid);
}

function setSetting(fake: LoadedBundle, key: string, value: unknown): void {
  const s = fake.sheet("Настройки");
  const keys = s.row(1).map(String);
  const rows = s.values();
  const r = rows.findIndex((row) => row[keys.indexOf("key")] === key);
  s.setValues(`${letterOf(fake, "Настройки", "value")}${r + 1}`, [[value]]);
}

function school(): LoadedBundle {
  const fake = loadBundle({ now: () => Date.UTC(2026, 10, 20, 9) });
  fake.call("menuInitWorkbook");
  setSetting(fake, "school_year", "2026/2027");
  addRecords(fake, "Наставники", [
    {
      id: "Н-0001",
      full_name: "Орлова Марина Сергеевна",
      category: "опытный педагог",
      forms: "учитель – учитель",
      status: "в паре",
    },
    {
      id: "Н-0002",
      full_name: "Иванов Пётр",
      category: "сотрудник организации-партнёра",
      organisation: "ООО «Ромашка»",
      forms: "работодатель – ученик",
      status: "в паре",
    },
  ]);
  addRecords(fake, "Наставляемые", [
    {
      id: "НЯ-0001",
      full_name: "Новикова Анна",
      category: "молодой специалист (стаж 0–3 года)",
      form: "учитель – учитель",
      status: "в паре",
    },
    {
      id: "НЯ-0002",
      full_name: "Смирнов Илья",
      category: "обучающийся",
      form: "работодатель – ученик",
      status: "ожидает пары",
    },
  ]);
  addRecords(fake, "Пары", [
    {
      pair_id: "П-0001",
      mentor_id: "Н-0001",
      mentee_id: "НЯ-0001",
      form: "учитель – учитель",
      status: "утверждена",
    },
  ]);
  addRecords(fake, "Дорожная карта", [
    {
      event_id: "1",
      stage: "1. Нормативное регулирование",
      event: "Приказ о внедрении",
      status: "выполнено",
    },
    {
      event_id: "2",
      stage: "1. Нормативное регулирование",
      event: "Положение о наставничестве",
      status: "просрочено",
    },
    { event_id: "3", stage: "2. Формирование баз", event: "База наставников", status: "в работе" },
  ]);
  return fake;
}

describe("«Обновить сводку» through Apps Script", () => {
  it("is in the menu", () => {
    const fake = loadBundle();
    fake.call("onOpen");
    expect(JSON.stringify(fake.state.menus[0])).toContain("menuRefreshSummary");
    expect(JSON.stringify(fake.state.menus[0])).toContain("Обновить сводку");
  });

  it("writes live formulas found by key, draws three charts, keeps «Сводка» protected", () => {
    const fake = school();
    fake.calls.reset();
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain("Сводка обновлена");
    // «Показатели», «Сводка» and one journal line: three writes.
    expect(fake.calls.count("Range.setValues")).toBeLessThanOrEqual(3);

    const summary = fake.sheet("Сводка");
    expect(summary.cell("A1").value).toBe("Сводка программы наставничества");
    // The director's tab comes first, its «Оценка» coloured by the program's own rules.
    expect(fake.spreadsheet.sheetNames()[0]).toBe("Сводка");
    const lights = summary
      .conditionalFormatRules()
      .filter((r) => r.values.some((v) => String(v).includes(RULE_MARKER)));
    expect(lights.map((r) => [String(r.values[0]).match(/="([^"]+)"\)$/)?.[1], r.background])).toEqual([
      ["хорошо", "#d9ead3"],
      ["внимание", "#fff2cc"],
      ["плохо", "#f4cccc"],
      ["нет данных", "#efefef"],
      ["достигнуто", "#d9ead3"],
      ["не достигнуто", "#f4cccc"],
      ["нет данных", "#efefef"],
      ["цель не задана", "#efefef"],
    ]);
    const header = summary.values().findIndex((row) => row[0] === "Показатель" && row[2] === "Оценка");
    expect(summary.values()[header].slice(0, 4)).toEqual(["Показатель", "Значение", "Оценка", "Что сделать"]);
    const formulas = summary
      .formulas()
      .flat()
      .filter((f) => f !== "");
    expect(formulas.length).toBeGreaterThan(200);
    const status = letterOf(fake, "Наставники", "status");
    expect(formulas).toContain(
      `=COUNTIFS('Наставники'!$D$3:$D$5000,"<>",'Наставники'!$${status}$3:$${status}$5000,"в паре")`,
    );
    expect(formulas.some((f) => f.includes("'Дорожная карта'!"))).toBe(true);
    for (const f of formulas) {
      expect(f.startsWith("=")).toBe(true);
      expect(f).not.toMatch(/\b(FILTER|QUERY|ARRAYFORMULA|LET|TODAY|NOW|INDIRECT|OFFSET)\(/);
    }

    const charts = summary.charts();
    expect(charts.map((c) => c.chartType)).toEqual(["COLUMN", "COLUMN", "BAR"]);
    for (const c of charts) {
      expect(c.ranges[0]).toMatch(/^A\d+:A\d+$/);
      expect(String(c.options.title)).not.toBe("");
      expect(c.position.anchorCol).toBe(11);
    }
    expect(String(charts[1].options.title)).toContain("Показатели 2026");

    const protections = summary.protections();
    expect(
      protections.some((p) => p.range === null && String(p.description).startsWith("Наставничество")),
    ).toBe(true);
    expect(summary.row(summary.lastRow).length).toBeGreaterThan(0);

    // «Показатели»: the year's six rows were added with the latest targets; formulas there only.
    const ind = fake.sheet("Показатели");
    const keys = ind.row(1).map(String);
    const rows = ind.values().slice(2);
    const year = keys.indexOf("year");
    const actual = keys.indexOf("actual");
    const statusCol = keys.indexOf("status");
    const target = keys.indexOf("target");
    const fs = ind.formulas().slice(2);
    const thisYear = rows.map((r, i) => ({ r, i })).filter(({ r }) => r[year] === 2026);
    expect(thisYear.map(({ r }) => r[target])).toEqual([70, 10, 100, 5, 85, 85]);
    for (const { i } of thisYear) {
      expect(fs[i][actual]).toMatch(/^=/);
      expect(fs[i][statusCol]).toMatch(/^=IF\(ISNUMBER/);
    }
    rows.forEach((r, i) => {
      if (r[year] !== 2026) expect(fs[i][actual]).toBe("");
    });
  });

  it("a workbook made before «Статус» lost its text format («@») still gets live formulas there", () => {
    const fake = school();
    const status = letterOf(fake, "Показатели", "status");
    fake.spreadsheet.range("Показатели", `${status}3:${status}200`).setNumberFormat("@");
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    const keys = fake.sheet("Показатели").row(1).map(String);
    const rows = fake.sheet("Показатели").formulas().slice(2);
    const years = fake.sheet("Показатели").values().slice(2);
    const formulas = rows
      .filter((_, i) => years[i][keys.indexOf("year")] === 2026)
      .map((r) => r[keys.indexOf("status")]);
    expect(formulas).toHaveLength(6);
    for (const f of formulas) expect(f).toMatch(/^=IF\(ISNUMBER/);
  });

  it("runs again without adding rows or charts", () => {
    const fake = school();
    fake.call("menuRefreshSummary");
    const before = fake.sheet("Показатели").values().length;
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.sheet("Показатели").values().length).toBe(before);
    expect(fake.sheet("Сводка").charts()).toHaveLength(3);
  });
});

describe("«Сводка» the first tab", () => {
  it("a workbook made when «Сводка» stood among the last tabs gets it first at the next refresh", () => {
    const fake = school();
    fake.spreadsheet.moveSheet("Сводка", 18);
    expect(fake.spreadsheet.sheetNames()[0]).toBe("Настройки");
    fake.call("menuRefreshSummary");
    expect(fake.state.alerts).toEqual([]);
    expect(fake.spreadsheet.sheetNames()[0]).toBe("Сводка");
    expect(fake.spreadsheet.sheetNames()).toHaveLength(new Set(fake.spreadsheet.sheetNames()).size);
  });
});
