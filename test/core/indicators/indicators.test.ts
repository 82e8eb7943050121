import { utcDate } from "../../../src/core/dates";
import { criterionMatches, literalCriterion, numeric, round, serial } from "../../../src/core/formulas/cells";
import { type Cell, isFormula, noProgress } from "../../../src/core/ports";
import { planSummary } from "../../../src/core/summary/plan";
import { initWorkbook } from "../../../src/core/usecases/init";
import { buildSummary, freezeIndicators } from "../../../src/core/usecases/summary";
import type { SettingKey, SheetKey } from "../../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clockAt = (y: number, m: number, d: number) => ({ now: () => new Date(Date.UTC(y, m - 1, d, 9)) });
const TODAY = utcDate(2026, 11, 20);

function add<S extends SheetKey>(wb: MemoryWorkbook, key: S, rows: NewRow<S>[]): void {
  const t = Table.load(wb, key);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

function setSetting(wb: MemoryWorkbook, key: SettingKey, value: Cell): void {
  const t = Table.load(wb, "settings");
  t.set(t.find("key", key), "value", value);
  t.flush(wb);
}

/** A school year 2026/2027 whose every row tests one rule of the indicators. */
function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock: clockAt(2026, 9, 1), progress: noProgress });
  setSetting(wb, "school_year", "2026/2027");
  add(wb, "contingent", [
    { year: 2026, students_10_18: 40, students_15_18: 20, young_teachers: 4, partner_organisations: 6 },
    { year: 2025, students_10_18: 1000, students_15_18: 1000, young_teachers: 1000 },
  ]);
  add(wb, "mentees", [
    // Indicator 1: aged 10–18 on 01.09.2026.
    { full_name: "А", category: "обучающийся", birth_date: utcDate(2016, 9, 1), status: "в паре" }, // 10: yes
    { full_name: "Б", category: "обучающийся", birth_date: utcDate(2016, 9, 2), status: "в паре" }, // 9: no
    { full_name: "В", category: "Обучающийся", birth_date: utcDate(2007, 9, 2), status: "завершил" }, // 18: yes
    { full_name: "Г", category: "обучающийся", birth_date: utcDate(2007, 9, 1), status: "в паре" }, // 19: no
    { full_name: "Д", category: "обучающийся", birth_date: "12.03.2014", status: "в паре" }, // text date: no
    { full_name: "Е", category: "обучающийся ", birth_date: utcDate(2014, 1, 1), status: "в паре" }, // not the category
    { full_name: "Ж", category: "обучающийся", birth_date: utcDate(2014, 1, 1), status: "ожидает пары" }, // not in
    {
      full_name: "",
      category: "обучающийся",
      birth_date: utcDate(2014, 1, 1),
      status: "в паре",
      comment: "без ФИО",
    },
    // Indicator 3: young teachers.
    { full_name: "З", category: "молодой специалист (стаж 0–3 года)", status: "в паре" }, // yes
    {
      full_name: "И",
      category: "молодой специалист (стаж 0–3 года)",
      experience_years: 10,
      status: "завершил",
    }, // yes
    {
      full_name: "К",
      category: "педагог, адаптирующийся на новом месте работы",
      experience_years: 2,
      status: "в паре",
    }, // yes
    { full_name: "Л", category: "студент", experience_years: 0, status: "в паре" }, // no
    {
      full_name: "М",
      category: "педагог в состоянии эмоционального выгорания",
      experience_years: 4,
      status: "в паре",
    }, // no
    { full_name: "Н", category: "молодой специалист (стаж 0–3 года)", status: "ожидает пары" }, // no
  ]);
  add(wb, "mentors", [
    // Indicator 2.
    { full_name: "О", category: "обучающийся 15–18 лет", status: "в паре" }, // no birth date: yes
    {
      full_name: "П",
      category: "обучающийся 15–18 лет",
      birth_date: utcDate(2010, 6, 1),
      status: "завершил",
    }, // 16: yes
    { full_name: "Р", category: "обучающийся 15–18 лет", birth_date: utcDate(2007, 9, 1), status: "в паре" }, // 19: no
    { full_name: "С", category: "обучающийся 15–18 лет", birth_date: utcDate(2011, 9, 2), status: "в паре" }, // 14: no
    { full_name: "Т", category: "обучающийся 15–18 лет", status: "кандидат" }, // not in
    // Indicator 4.
    { full_name: "У", organisation: "ООО «Ромашка»", status: "в паре" },
    { full_name: "Ф", organisation: "ооо «ромашка»", status: "завершил" },
    { full_name: "Х", organisation: "АО *Звезда?* ~1", status: "в паре" },
    { full_name: "Ц", organisation: "Технопарк", status: "выбыл" },
    { full_name: "Ч", organisation: "", status: "в паре" },
  ]);
  add(wb, "surveys", [
    {
      email: "a@x.ru",
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: 8,
      submitted_at: utcDate(2026, 12, 1),
    },
    { email: "b@x.ru", role: "наставляемый", stage: "итоговая", satisfaction: 6 }, // undated: counts
    {
      email: "c@x.ru",
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: 9,
      submitted_at: utcDate(2026, 5, 20),
    },
    {
      email: "d@x.ru",
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: "9",
      submitted_at: utcDate(2027, 1, 1),
    },
    { email: "e@x.ru", role: "наставляемый", stage: "итоговая", satisfaction: 11 },
    { email: "f@x.ru", role: "наставляемый", stage: "входная", satisfaction: 10 },
    {
      email: "g@x.ru",
      role: "наставник",
      stage: "итоговая",
      satisfaction: 7,
      submitted_at: utcDate(2027, 5, 30),
    },
    {
      email: "h@x.ru",
      role: "наставник",
      stage: "итоговая",
      satisfaction: 10,
      submitted_at: utcDate(2027, 9, 1),
    }, // next year
    { email: "i@x.ru", role: "наставник", stage: "итоговая", satisfaction: 10 },
  ]);
  wb.resetCalls();
  return wb;
}

function indicator(wb: MemoryWorkbook, code: string) {
  return planSummary(wb, TODAY).figures.indicators.find((i) => i.code === code)!;
}

describe("the six indicators of seed 001: who counts", () => {
  it("1: students aged 10–18 on 1 September who entered the program, of «Контингент»", () => {
    expect(indicator(school(), "1")).toMatchObject({
      part: 2,
      whole: 40,
      actual: 5,
      target: 70,
      status: "не достигнуто",
    });
  });

  it("2: student mentors 15–18 (a missing birth date counts)", () => {
    expect(indicator(school(), "2")).toMatchObject({
      part: 2,
      whole: 20,
      actual: 10,
      target: 10,
      status: "достигнуто",
    });
  });

  it("3: young teachers by category or by 0–3 years of experience", () => {
    expect(indicator(school(), "3")).toMatchObject({
      part: 3,
      whole: 4,
      actual: 75,
      status: "не достигнуто",
    });
  });

  it("4: distinct partner organisations, case ignored, wildcard characters literal", () => {
    expect(indicator(school(), "4")).toMatchObject({ part: 2, whole: 6, actual: 2, target: 5 });
  });

  it("5 and 6: exit answers of the school year (or undated) rated 1–10, satisfied from the threshold", () => {
    const wb = school();
    expect(indicator(wb, "5")).toMatchObject({ part: 1, whole: 2, actual: 50 });
    expect(indicator(wb, "6")).toMatchObject({ part: 2, whole: 2, actual: 100, status: "достигнуто" });
    setSetting(wb, "satisfied_threshold", 9);
    expect(indicator(wb, "5")).toMatchObject({ part: 0, whole: 2, actual: 0 });
    expect(indicator(wb, "6")).toMatchObject({ part: 1, actual: 50 });
    setSetting(wb, "satisfied_threshold", "высокий");
    expect(planSummary(wb, TODAY).figures.threshold).toBe(7);
    // A number typed as text: the formulas read a number only, and the curator is told so.
    setSetting(wb, "satisfied_threshold", "8");
    const plan = planSummary(wb, TODAY);
    expect(plan.figures.threshold).toBe(7);
    expect(plan.figures.warnings.join(" ")).toContain(
      "Порог удовлетворённости в «Настройках» записан не числом",
    );
  });

  it("«нет данных» without a contingent for the year, or with a zero one", () => {
    const wb = school();
    const t = Table.load(wb, "contingent");
    t.set(t.find("year", "2026"), "students_10_18", 0);
    t.set(t.find("year", "2026"), "students_15_18", "");
    t.flush(wb);
    expect(indicator(wb, "1")).toMatchObject({ actual: null, status: "нет данных" });
    expect(indicator(wb, "2")).toMatchObject({ actual: null, status: "нет данных" });
    expect(indicator(wb, "3").status).toBe("не достигнуто");
  });

  it("formulas find their columns by key: a moved column changes the letter, not the value", () => {
    const wb = school();
    const before = planSummary(wb, TODAY);
    const grid = wb.sheets.get("Наставляемые")!;
    // Swap «ФИО» (D) and «Категория наставляемого» (F) with their key and header cells.
    for (const row of grid) [row[3], row[5]] = [row[5], row[3]];
    const after = planSummary(wb, TODAY);
    expect(after.figures.indicators).toEqual(before.figures.indicators);
    const f = after.indicators.cells[0].formula;
    expect(f).toContain(`'Наставляемые'!$F$3:$F$5000,"<>"`);
    expect(f).toContain(`'Наставляемые'!$D$3:$D$5000,"обучающийся"`);
  });
});

describe("«Показатели»", () => {
  it("adds the year's rows with the latest targets in one write, formulas only there", () => {
    const wb = school();
    const plan = buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    expect(plan.indicators.added.map((a) => [a.code, a.target, a.from])).toEqual([
      ["1", 70, 2024],
      ["2", 10, 2024],
      ["3", 100, 2024],
      ["4", 5, 2024],
      ["5", 85, 2024],
      ["6", 85, 2024],
    ]);
    const rows = Table.load(wb, "indicators").records();
    const mine = rows.filter((r) => r.values.year === 2026);
    expect(mine.map((r) => r.values.row_key)).toEqual([
      "2026-1",
      "2026-2",
      "2026-3",
      "2026-4",
      "2026-5",
      "2026-6",
    ]);
    expect(mine[0].values.name).toContain("от 10 до 18 лет");
    // The one write covers every row; formulas sit in the actual and status cells of 2026 only.
    const w = plan.indicators.write!;
    expect(w.row).toBe(2);
    expect(w.col).toBe(0);
    const t = Table.load(wb, "indicators");
    w.values.forEach((row) => {
      const y = row[t.columns.year];
      expect(isFormula(row[t.columns.actual])).toBe(y === 2026);
      expect(isFormula(row[t.columns.status])).toBe(y === 2026);
    });
    expect(plan.indicators.cells).toHaveLength(12);

    // Init afterwards leaves the sheet as it is.
    const report = initWorkbook({ workbook: wb, clock: clockAt(2026, 11, 21), progress: noProgress });
    expect(report.repaired).toEqual({});
  });

  it("a second build adds nothing and writes only the two computed columns", () => {
    const wb = school();
    buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    const again = planSummary(wb, TODAY);
    expect(again.indicators.added).toEqual([]);
    const t = Table.load(wb, "indicators");
    expect(again.indicators.write!.col).toBe(Math.min(t.columns.actual, t.columns.status));
    expect(again.indicators.write!.values[0]).toHaveLength(2);
  });

  it("a new school year copies the previous year's (edited) targets; last year's cells keep their values", () => {
    const wb = school();
    buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    const t = Table.load(wb, "indicators");
    t.set(t.find("row_key", "2026-1"), "target", 40);
    t.set(t.find("row_key", "2026-1"), "actual", 12.5); // what the formula showed
    t.flush(wb);
    setSetting(wb, "school_year", "2027/2028");
    const plan = buildSummary({ workbook: wb, clock: clockAt(2027, 9, 2) });
    expect(plan.indicators.year).toBe(2027);
    expect(plan.indicators.added[0]).toMatchObject({ code: "1", target: 40, from: 2026 });
    const written = plan.indicators.write!.values;
    const r2026 = Table.load(wb, "indicators").find("row_key", "2026-1");
    expect(written[r2026][t.columns.actual]).toBe(12.5);
    expect(plan.figures.indicators[0].target).toBe(40);
  });

  it("an indicator without any row gets the seed's latest target; a blank target is «цель не задана»", () => {
    const wb = school();
    const t = Table.load(wb, "indicators");
    for (const r of t.rowIndexes())
      if (t.get(r, "code") === "4") for (const k of Object.keys(t.columns)) if (t.has(k)) t.set(r, k, "");
    t.flush(wb);
    const plan = buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    expect(plan.indicators.added.find((a) => a.code === "4")).toMatchObject({ target: 5, from: null });
    const t2 = Table.load(wb, "indicators");
    t2.set(t2.find("row_key", "2026-2"), "target", "");
    t2.flush(wb);
    const f = planSummary(wb, TODAY).figures.indicators.find((i) => i.code === "2")!;
    expect(f).toMatchObject({ target: null, status: "цель не задана" });
    const cell = planSummary(wb, TODAY).indicators.cells.find((c) => c.value === "цель не задана");
    expect(cell).toBeDefined();
  });
});

describe("freezeIndicators (for «Завершить цикл»)", () => {
  it("writes the year's values in place of its formulas, in one write", () => {
    const wb = school();
    buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    wb.resetCalls();
    const plan = freezeIndicators(wb, TODAY);
    expect(wb.calls.write).toBe(1);
    const t = Table.load(wb, "indicators");
    const r = t.find("row_key", "2026-1");
    expect(t.get(r, "actual")).toBe(5);
    expect(t.get(r, "status")).toBe("не достигнуто");
    expect(t.get(t.find("row_key", "2026-5"), "actual")).toBe(50);
    expect(plan.cells).toHaveLength(12);
  });
});

describe("cells: the engines' rules", () => {
  it("COUNTIFS criteria: wildcards, escapes, operators, numbers", () => {
    expect(criterionMatches("ООО Ромашка", "ооо ромашка")).toBe(true);
    expect(criterionMatches("a*b", "a~*b")).toBe(true);
    expect(criterionMatches("axb", "a~*b")).toBe(false);
    expect(criterionMatches("axxb", "a*b")).toBe(true);
    expect(criterionMatches("abc", "a?c")).toBe(true);
    expect(criterionMatches("", "")).toBe(true);
    expect(criterionMatches("x", "<>")).toBe(true);
    expect(criterionMatches("", "<>")).toBe(false);
    expect(criterionMatches(1, "1")).toBe(true);
    expect(criterionMatches("1", "1")).toBe(true);
    expect(criterionMatches(5, ">=3")).toBe(true);
    expect(criterionMatches("5", ">=3")).toBe(false);
    expect(criterionMatches("<x", "=<x")).toBe(true);
    expect(literalCriterion("=a*b?~")).toBe("==a~*b~?~~");
  });

  it("dates are serial days, text is never a number, ROUND rounds decimal halves away from zero", () => {
    expect(serial(utcDate(2026, 9, 1))).toBe(46266);
    expect(numeric(utcDate(1900, 3, 1))).toBe(61);
    expect(numeric("5")).toBeNull();
    expect(numeric(true)).toBeNull();
    expect(round(6.25, 1)).toBe(6.3);
    expect(round(100 / 2000, 1)).toBe(0.1);
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(12.5, 0)).toBe(13);
  });
});
