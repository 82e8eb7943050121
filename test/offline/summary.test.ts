/**
 * «Сводка» and «Показатели» recalculated by LibreOffice (headless) agree with core, cell by cell.
 *
 * Workbooks are built with the core use-cases on the offline adapter (and `mentor demo`), saved,
 * converted by `soffice --convert-to xlsx` with a fresh profile set to recalculate on load, and
 * read back with exceljs: every formula cell's cached result must equal the value core planned.
 * Skipped where LibreOffice is not installed (or SKIP_LIBREOFFICE=1), failed instead when
 * REQUIRE_LIBREOFFICE=1 (.ci/run sets it): see test/support/tools.ts.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { utcDate } from "../../src/core/dates";
import { type Cell, noProgress } from "../../src/core/ports";
import { planSummary, type SummaryPlan } from "../../src/core/summary/plan";
import { sheetName } from "../../src/core/templates/load";
import { initWorkbook } from "../../src/core/usecases/init";
import { recomputeMonitoring } from "../../src/core/usecases/monitoring";
import { refreshRoadmap } from "../../src/core/usecases/roadmap";
import { buildSummary } from "../../src/core/usecases/summary";
import type { SettingKey, SheetKey } from "../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../src/core/workbook/table";
import { sampleSchool } from "../../src/demo/sample";
import { seedSampleSchool } from "../../src/demo/seed";
import { run } from "../../src/offline/cli";
import { XlsxWorkbook } from "../../src/offline/xlsx-workbook";
import { playDemoYear } from "../support/demo-year";
import { describeWith, libreOffice } from "../support/tools";

const LIBREOFFICE = libreOffice();
const d = describeWith(LIBREOFFICE);

const SUMMARY = sheetName("summary");
const INDICATORS = sheetName("indicators");

let dir: string;
let profile: string;

/** A LibreOffice profile that recalculates every formula on load (cached values are not trusted). */
function makeProfile(): string {
  const p = mkdtempSync(join(tmpdir(), "lo-"));
  mkdirSync(join(p, "user"), { recursive: true });
  writeFileSync(
    join(p, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return p;
}

/** Recalculates the files with LibreOffice; returns the converted paths, by input path. */
function recalculate(files: string[]): Record<string, string> {
  const out = mkdtempSync(join(dir, "recalc-"));
  execFileSync(
    LIBREOFFICE.path!,
    [
      "--headless",
      "--norestore",
      `-env:UserInstallation=file://${profile}`,
      "--convert-to",
      "xlsx",
      "--outdir",
      out,
      ...files,
    ],
    { stdio: "pipe", timeout: 300000 },
  );
  const result: Record<string, string> = {};
  for (const f of files) result[f] = join(out, basename(f));
  return result;
}

type Shown = number | string;

/**
 * What a recalculated formula cell shows: its cached result ("" for an empty text). Read through
 * `cell.result`: `cell.value` of exceljs drops falsy results (0 and "").
 */
function shown(cell: ExcelJS.Cell): Shown | { formula: false; value: unknown } {
  if (cell.type !== ExcelJS.ValueType.Formula) return { formula: false, value: cell.value };
  const r = cell.result as unknown;
  if (r === undefined || r === null) return "";
  if (typeof r === "object" && "error" in (r as object)) return `#ERR ${(r as { error: string }).error}`;
  if (r instanceof Date) return `#DATE ${r.toISOString()}`;
  return r as Shown;
}

interface Mismatch {
  sheet: string;
  cell: string;
  expected: Shown;
  got: unknown;
  formula: string;
}

function same(a: Shown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) < 1e-9;
  return a === b;
}

/**
 * Every formula cell of «Сводка» and «Показатели» in the recalculated file, against the plan:
 * the same cells hold formulas, and each shows the value core computed.
 */
async function compare(
  file: string,
  plan: SummaryPlan,
): Promise<{ mismatches: Mismatch[]; checked: number }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const mismatches: Mismatch[] = [];
  let checked = 0;
  const sheets: [string, { row: number; col: number; value: Shown; formula: string }[]][] = [
    [SUMMARY, plan.sheet.cells],
    [INDICATORS, plan.indicators.cells],
  ];
  for (const [name, cells] of sheets) {
    const ws = book.getWorksheet(name)!;
    const planned = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
    // Every formula in the sheet is planned…
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Formula && !planned.has(`${r - 1},${c - 1}`))
          mismatches.push({
            sheet: name,
            cell: cell.address,
            expected: "(no formula)",
            got: cell.value,
            formula: "",
          });
      }),
    );
    // …and every planned formula shows the value core computed.
    for (const c of cells) {
      const cell = ws.getCell(c.row + 1, c.col + 1);
      const got = shown(cell);
      checked++;
      if (!same(c.value, got))
        mismatches.push({ sheet: name, cell: cell.address, expected: c.value, got, formula: c.formula });
    }
  }
  return { mismatches, checked };
}

const clockAt = (y: number, m: number, day: number) => ({ now: () => new Date(Date.UTC(y, m - 1, day, 9)) });

function setSetting(wb: XlsxWorkbook, key: SettingKey, value: Cell): void {
  const t = Table.load(wb, "settings");
  t.set(t.find("key", key), "value", value);
  t.flush(wb);
}

function addRows<S extends SheetKey>(wb: XlsxWorkbook, sheetKey: S, rows: NewRow<S>[]): void {
  const t = Table.load(wb, sheetKey);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

/** A school in April 2027 with a year of activity and the tricky rows real data has. */
function activitySchool(): XlsxWorkbook {
  const clock = clockAt(2027, 4, 20);
  const today = utcDate(2027, 4, 20);
  const wb = XlsxWorkbook.create();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  seedSampleSchool(wb, sampleSchool(today), noProgress);
  // The year's work ends with April here, so the exit questionnaires are in.
  playDemoYear(wb, today, { programEnd: utcDate(2027, 4, 30) });
  addRows(wb, "mentors", [
    // Two spellings of one partner (case differs), a name with wildcard characters, one who left.
    { id: "Н-0901", full_name: "Партнёр Один", organisation: "ооо «цифровые решения»", status: "в паре" },
    { id: "Н-0902", full_name: "Партнёр Два", organisation: "ООО «Цифровые решения»", status: "завершил" },
    { id: "Н-0903", full_name: "Партнёр Три", organisation: "АО *Звезда?* ~1", status: "в паре" },
    { id: "Н-0904", full_name: "Партнёр Четыре", organisation: "Технопарк", status: "выбыл" },
    // A student mentor without a birth date counts (the category states the age); one too old does not.
    { id: "Н-0905", full_name: "Ученик Без Даты", category: "обучающийся 15–18 лет", status: "в паре" },
    {
      id: "Н-0906",
      full_name: "Ученик Старший",
      category: "обучающийся 15–18 лет",
      birth_date: utcDate(2007, 9, 1),
      status: "в паре",
    },
    // No name: not a participant.
    { id: "Н-0907", category: "обучающийся 15–18 лет", status: "в паре" },
  ]);
  addRows(wb, "mentees", [
    // Age bounds on 01.09.2026: born 01.09.2016 is 10, 02.09.2016 is 9; 02.09.2007 is 18, 01.09.2007 is 19.
    {
      id: "НЯ-0901",
      full_name: "Десять Ровно",
      category: "обучающийся",
      birth_date: utcDate(2016, 9, 1),
      status: "в паре",
    },
    {
      id: "НЯ-0902",
      full_name: "Девять",
      category: "обучающийся",
      birth_date: utcDate(2016, 9, 2),
      status: "в паре",
    },
    {
      id: "НЯ-0903",
      full_name: "Восемнадцать",
      category: "Обучающийся",
      birth_date: utcDate(2007, 9, 2),
      status: "завершил",
    },
    {
      id: "НЯ-0904",
      full_name: "Девятнадцать",
      category: "обучающийся",
      birth_date: utcDate(2007, 9, 1),
      status: "в паре",
    },
    {
      id: "НЯ-0905",
      full_name: "Дата Текстом",
      category: "обучающийся",
      birth_date: "12.03.2014",
      status: "в паре",
    },
    {
      id: "НЯ-0906",
      full_name: " Пробел",
      category: "обучающийся ",
      birth_date: utcDate(2014, 1, 1),
      status: "в паре",
    },
    // Young teachers by experience in another category; a student with 0 years is not one.
    {
      id: "НЯ-0907",
      full_name: "Педагог Новый",
      category: "педагог, адаптирующийся на новом месте работы",
      experience_years: 2,
      status: "в паре",
    },
    {
      id: "НЯ-0908",
      full_name: "Студент Практикант",
      category: "студент",
      experience_years: 0,
      status: "в паре",
    },
    {
      id: "НЯ-0909",
      full_name: "Педагог Опытный",
      category: "педагог в состоянии эмоционального выгорания",
      experience_years: 12,
      status: "в паре",
    },
    {
      id: "НЯ-0910",
      full_name: "Ждёт Пары",
      category: "обучающийся",
      birth_date: utcDate(2013, 5, 5),
      status: "ожидает пары",
      form: "наставник * ? ~ форма",
    },
  ]);
  addRows(wb, "surveys", [
    // Last year's exit answer and an answer typed as text are not counted; an undated one is.
    {
      email: "old@x.ru",
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: 10,
      submitted_at: utcDate(2026, 5, 20),
      row_key: "t1",
    },
    {
      email: "text@x.ru",
      role: "наставляемый",
      stage: "итоговая",
      satisfaction: "9",
      submitted_at: utcDate(2027, 4, 1),
      row_key: "t2",
    },
    { email: "undated@x.ru", role: "наставник", stage: "итоговая", satisfaction: 3, row_key: "t3" },
    { email: "out@x.ru", role: "наставник", stage: "итоговая", satisfaction: 11, row_key: "t4" },
  ]);
  addRows(wb, "roadmap", [
    {
      stage: "Этап * с ? знаками ~",
      event: "Мероприятие со звёздочкой",
      status: "просрочено",
      deadline_text: "до 01.12.2026",
    },
    { stage: "", event: "Мероприятие без этапа", status: "выполнено" },
    { stage: "Этап без мероприятий", event: "", status: "просрочено" },
  ]);
  refreshRoadmap({ workbook: wb, clock });
  recomputeMonitoring({ workbook: wb, clock });
  setSetting(wb, "satisfied_threshold", 8);
  // After the recomputation, rows as a curator (or an earlier year) leaves them.
  addRows(wb, "roadmap", [
    { stage: "ЭТАП * С ? ЗНАКАМИ ~", event: "То же, другим регистром", status: "в работе" },
    {
      stage: "Этап 7",
      event: "Запланировано, но срок прошёл",
      status: "запланировано",
      deadline_text: "до 01.10.2026",
    },
    { stage: "2", event: "Этап, похожий на число", status: "выполнено" },
  ]);
  // A form that reads like a number goes through SUMPRODUCT, not a COUNTIFS criterion.
  addRows(wb, "mentees", [{ id: "НЯ-0950", full_name: "Форма Числом", form: "1", status: "ожидает пары" }]);
  addRows(wb, "pairs", [{ pair_id: "П-0950", form: "1", status: "предложена" }]);
  addRows(wb, "monitoring", [
    { scope: "П-0900", period: "2025/2026", total: 18, level: "оптимальный" },
    { scope: "П-0901", period: "", total: 5, level: "недопустимый" },
    { scope: "П-0902", period: "декабрь 2026", total: 12, level: "допустимый" },
  ]);
  const attention: Record<string, Cell>[] = [];
  for (let i = 1; i <= 11; i++)
    attention.push({
      year: "2026/2027",
      pair_id: `П-${900 + i}`,
      mentor_name: `Наставник ${i}`,
      mentee_name: i === 3 ? "" : `Наставляемый ${i}`,
      form: "ученик – ученик",
      attention: `да — нет встреч ${20 + i} дней`,
      row_key: `2026/2027|П-${900 + i}`,
    });
  attention.push({ year: "2025/2026", pair_id: "П-0899", attention: "да — прошлый год", row_key: "old" });
  addRows(wb, "pair_activity", attention);
  return wb;
}

d("«Сводка» and «Показатели» recalculated by LibreOffice equal core", () => {
  const files: Record<string, string> = {};
  const plans: Record<string, SummaryPlan> = {};
  let recalculated: Record<string, string> = {};
  const demoOut: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "mentor-summary-"));
    profile = makeProfile();
    const save = async (name: string, wb: XlsxWorkbook, plan: SummaryPlan) => {
      files[name] = join(dir, `${name}.xlsx`);
      plans[name] = plan;
      await wb.save(files[name]);
    };

    // 1. The demo of `npm start` (the summary is built by the demo command).
    files.demo = join(dir, "demo.xlsx");
    expect(
      await run(["demo", "--file", files.demo, "--today", "22.11.2026", "--quiet"], (s) => demoOut.push(s)),
    ).toBe(0);
    plans.demo = planSummary(await XlsxWorkbook.load(files.demo), utcDate(2026, 11, 22));

    // 2. A year of activity with tricky rows.
    const active = activitySchool();
    await save("activity", active, buildSummary({ workbook: active, clock: clockAt(2027, 4, 20) }));

    // 3. Empty banks, no contingent.
    const empty = XlsxWorkbook.create();
    initWorkbook({ workbook: empty, clock: clockAt(2026, 9, 1), progress: noProgress });
    await save("empty", empty, buildSummary({ workbook: empty, clock: clockAt(2026, 9, 1) }));

    // 4. A zero contingent.
    const zero = XlsxWorkbook.create();
    initWorkbook({ workbook: zero, clock: clockAt(2026, 10, 1), progress: noProgress });
    seedSampleSchool(zero, sampleSchool(utcDate(2026, 10, 1)), noProgress);
    const c = Table.load(zero, "contingent");
    for (const r of c.rowIndexes())
      for (const k of [
        "students_10_18",
        "students_15_18",
        "young_teachers",
        "partner_organisations",
      ] as const)
        c.set(r, k, 0);
    c.flush(zero);
    await save("zero", zero, buildSummary({ workbook: zero, clock: clockAt(2026, 10, 1) }));

    // 5. A year with no target rows (2030/2031), and an indicator with no row at all.
    const later = XlsxWorkbook.create();
    initWorkbook({ workbook: later, clock: clockAt(2030, 9, 15), progress: noProgress });
    const ind = Table.load(later, "indicators");
    for (const r of ind.rowIndexes())
      if (ind.get(r, "code") === "3")
        for (const k of Object.keys(ind.columns)) if (ind.has(k)) ind.set(r, k, "");
    ind.flush(later);
    await save("later", later, buildSummary({ workbook: later, clock: clockAt(2030, 9, 15) }));

    recalculated = recalculate(Object.values(files));
  }, 600000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(["demo", "activity", "empty", "zero", "later"])(
    "%s: every formula cell equals core",
    async (name) => {
      const { mismatches, checked } = await compare(recalculated[files[name]], plans[name]);
      expect(mismatches).toEqual([]);
      expect(checked).toBeGreaterThan(200);
    },
  );

  it("the comparison is not vacuous: one wrong expected value is caught", async () => {
    const plan = plans.activity;
    const i = plan.sheet.cells.findIndex((c) => typeof c.value === "number" && c.value > 0);
    const wrong: SummaryPlan = {
      ...plan,
      sheet: {
        ...plan.sheet,
        cells: plan.sheet.cells.map((c, j) => (j === i ? { ...c, value: Number(c.value) + 1 } : c)),
      },
    };
    const { mismatches } = await compare(recalculated[files.activity], wrong);
    expect(mismatches).toHaveLength(1);
  });

  it("the demo of `npm start` has its summary built, and the file's formulas are the plan's", async () => {
    expect(demoOut.join("")).toContain("Сводка построена");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(files.demo);
    const ws = book.getWorksheet(SUMMARY)!;
    for (const c of plans.demo.sheet.cells)
      expect((ws.getCell(c.row + 1, c.col + 1).value as ExcelJS.CellFormulaValue).formula).toBe(c.formula);
    expect(plans.demo.figures.mentees.total).toBeGreaterThan(0);
    expect(plans.demo.figures.mentors.total).toBeGreaterThan(0);
  });

  it("the activity school's figures follow the documented rules", () => {
    const f = plans.activity.figures;
    const ind = Object.fromEntries(f.indicators.map((i) => [i.code, i]));
    // Partners: the sample's partner mentors in pairs plus «Цифровые решения» (two spellings, once)
    // and the wildcard name; the one who left does not count.
    expect(ind["4"].part).toBeGreaterThanOrEqual(2);
    expect(f.threshold).toBe(8);
    expect(ind["5"].whole).toBeGreaterThan(0);
    expect(f.roadmap.stages.map((s) => s.stage)).toContain("Этап * с ? знаками ~");
    expect(f.roadmap.stages.map((s) => s.stage)).toContain("Без этапа");
    expect(f.roadmap.overdue.some((e) => e.event === "Мероприятие со звёздочкой")).toBe(true);
    expect(f.forms.map((x) => x.form)).toContain("наставник * ? ~ форма");
    expect(f.forms.find((x) => x.form === "1")).toMatchObject({ mentees: 1, waiting: 1, proposed: 1 });
    expect(f.roadmap.stages.find((x) => x.stage === "2")).toMatchObject({ total: 1, done: 1 });
    expect(f.attention.count).toBeGreaterThan(10);
    expect(plans.activity.sheet.cells.some((c) => String(c.value).startsWith("… и ещё"))).toBe(true);
    expect(f.monitoring.total).not.toBe("");
    expect(f.monitoring.levels.недопустимый).toBeGreaterThan(0);
  });

  it("edge cases: no contingent or a zero one gives «нет данных»; a new year gets the latest targets", () => {
    for (const name of ["empty", "zero"]) {
      const f = plans[name].figures;
      for (const code of ["1", "2", "3", "5", "6"])
        expect(f.indicators.find((i) => i.code === code)!.status).toBe("нет данных");
      expect(f.indicators.find((i) => i.code === "4")!.actual).toBe(0);
    }
    const later = plans.later;
    expect(later.indicators.year).toBe(2030);
    expect(later.indicators.added.map((a) => [a.code, a.target, a.from])).toEqual([
      ["1", 70, 2024],
      ["2", 10, 2024],
      ["3", 100, null],
      ["4", 5, 2024],
      ["5", 85, 2024],
      ["6", 85, 2024],
    ]);
    expect(later.figures.indicators.map((i) => i.target)).toEqual([70, 10, 100, 5, 85, 85]);
  });

  it("a new row in a bank changes the summary with no script run", async () => {
    // Open the recalculated activity workbook, add one mentee as a curator would (no rebuild).
    const wb = await XlsxWorkbook.load(recalculated[files.activity]);
    addRows(wb, "mentees", [
      {
        id: "НЯ-0999",
        full_name: "Новая Ученица",
        category: "обучающийся",
        birth_date: utcDate(2014, 2, 2),
        form: "ученик – ученик",
        status: "в паре",
      },
    ]);
    const changed = join(dir, "changed.xlsx");
    await wb.save(changed);
    const expected = planSummary(await XlsxWorkbook.load(changed), utcDate(2027, 4, 20));
    // The layout did not move: the same labels, the same formula cells.
    expect(expected.sheet.cells.map((c) => `${c.row},${c.col}`)).toEqual(
      plans.activity.sheet.cells.map((c) => `${c.row},${c.col}`),
    );
    const again = recalculate([changed]);
    const { mismatches } = await compare(again[changed], expected);
    expect(mismatches).toEqual([]);

    const before = plans.activity.figures;
    const after = expected.figures;
    expect(after.mentees.total).toBe(before.mentees.total + 1);
    expect(after.mentees.paired).toBe(before.mentees.paired + 1);
    const part = (f: typeof before) => f.indicators.find((i) => i.code === "1")!.part;
    expect(part(after)).toBe(part(before) + 1);
  }, 300000);
});
