/**
 * Indicators 1–6, satisfaction and growth recounted by hand (issue 16, items 1 and 2): a small
 * school whose every numerator and denominator is worked out in the comments below, compared with
 * «Сводка», «Показатели», the analytical note, the report and the monitoring's message. Each of
 * them must show the same figure for the same label.
 */
import { utcDate } from "../../src/core/dates";
import { type DocumentModel, plainText } from "../../src/core/documents/model";
import { type Cell, noProgress } from "../../src/core/ports";
import { planSummary } from "../../src/core/summary/plan";
import { sheetTemplate } from "../../src/core/templates/load";
import { buildDocuments, openDocumentSource } from "../../src/core/usecases/documents";
import { initWorkbook } from "../../src/core/usecases/init";
import { describeMonitoring, recomputeMonitoring } from "../../src/core/usecases/monitoring";
import type { SheetKey } from "../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../src/core/workbook/table";
import { MemoryWorkbook } from "../support/memory-workbook";

const d = (day: number, month: number, year: number) => utcDate(year, month, day);
const TODAY = d(25, 5, 2027);
const clock = { now: () => new Date(Date.UTC(2027, 4, 25, 10)) };
const nb = (s: string) => s.replace(/\u00a0/g, " ");

function addRows<S extends SheetKey>(wb: MemoryWorkbook, sheet: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, sheet);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

const mentor = (id: string, name: string, extra: Record<string, Cell>) => ({
  id,
  email: `${id}@m.ru`,
  full_name: name,
  status: "в паре",
  ...extra,
});
const mentee = (id: string, name: string, extra: Record<string, Cell>) => ({
  id,
  email: `${id}@s.ru`,
  full_name: name,
  status: "в паре",
  ...extra,
});
const exitOf = (email: string, role: string, at: Date, values: Record<string, Cell>) => ({
  submitted_at: at,
  email,
  full_name: email,
  role,
  stage: "итоговая",
  ...values,
});
const entryOf = (email: string, role: string, values: Record<string, Cell>) => ({
  submitted_at: d(5, 10, 2026),
  email,
  full_name: email,
  role,
  stage: "входная",
  ...values,
});

/** The school of 2026/2027 (ages on 01.09.2026), with every figure's count written beside it. */
function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  addRows(wb, "mentors", [
    mentor("m1", "Орлова Марина Сергеевна", { category: "опытный педагог", forms: "учитель – учитель" }),
    // Indicator 2: 16 on 01.09.2026, in a pair — counted.
    mentor("m2", "Белов Илья Андреевич", { category: "обучающийся 15–18 лет", birth_date: d(1, 3, 2010) }),
    // 14 on 01.09.2026 — not 15–18: not counted.
    mentor("m3", "Седова Анна Игоревна", { category: "обучающийся 15–18 лет", birth_date: d(1, 5, 2012) }),
    // A candidate: not in the program.
    mentor("m4", "Ершов Павел Олегович", { category: "обучающийся 15–18 лет", status: "кандидат" }),
    // Indicator 4: «ООО «Альфа»» twice (case ignored) is one organisation; «АО «Бета»»'s mentor left.
    mentor("m5", "Котов Иван Петрович", {
      category: "сотрудник организации-партнёра",
      organisation: "ООО «Альфа»",
    }),
    mentor("m6", "Титова Ольга Юрьевна", {
      category: "сотрудник организации-партнёра",
      organisation: "ооо «альфа»",
    }),
    mentor("m7", "Жуков Олег Ильич", {
      category: "сотрудник организации-партнёра",
      organisation: "АО «Бета»",
      status: "выбыл",
    }),
  ]);
  addRows(wb, "mentees", [
    // Indicator 1: 13 and 17 on 01.09.2026, in a pair or finished — counted (2).
    mentee("s1", "Акимов Лев Денисович", { category: "обучающийся", birth_date: d(10, 1, 2013) }),
    mentee("s3", "Попова Вера Олеговна", {
      category: "обучающийся",
      birth_date: d(2, 9, 2008),
      status: "завершил",
    }),
    // 9 on 01.09.2026; no birth date; waiting: not counted.
    mentee("s2", "Рыбин Марк Ильич", { category: "обучающийся", birth_date: d(1, 10, 2016) }),
    mentee("s4", "Зуева Ева Петровна", { category: "обучающийся" }),
    mentee("s5", "Лосев Ян Ильич", {
      category: "обучающийся",
      birth_date: d(2, 2, 2012),
      status: "ожидает пары",
    }),
    // Indicator 3: a young specialist and a teacher with 2 years of experience (2); 5 years and a
    // waiting young specialist are not counted.
    mentee("t1", "Гусева Нина Павловна", { category: "молодой специалист (стаж 0–3 года)" }),
    mentee("t2", "Сомов Юрий Петрович", {
      category: "педагог в состоянии эмоционального выгорания",
      experience_years: 2,
    }),
    mentee("t3", "Юдина Мария Ильинична", {
      category: "педагог, осваивающий цифровые навыки и ИКТ",
      experience_years: 5,
    }),
    mentee("t4", "Цветков Антон Львович", {
      category: "молодой специалист (стаж 0–3 года)",
      status: "ожидает пары",
    }),
  ]);
  const pair = (id: string, m: string, s: string, status = "утверждена") => ({
    pair_id: id,
    mentor_id: m,
    mentee_id: s,
    mentor_name: m,
    mentee_name: s,
    status,
    start_date: d(1, 10, 2026),
  });
  addRows(wb, "pairs", [
    pair("П-1", "m1", "t1"),
    pair("П-2", "m1", "t2"),
    pair("П-3", "m2", "s1"),
    pair("П-4", "m3", "s2"),
    pair("П-5", "m5", "s3", "завершена"),
    pair("П-6", "m6", "t3"),
    pair("П-7", "m5", "s4"),
  ]);
  // Denominators: 25 pupils aged 10–18, 8 aged 15–18, 3 young teachers, 2 partner organisations.
  addRows(wb, "contingent", [
    { year: 2026, students_10_18: 25, students_15_18: 8, young_teachers: 3, partner_organisations: 2 },
  ]);
  addRows(wb, "surveys", [
    // Growth, motivation of mentees: entry 4, 5, 6 (s1, s3, t1) and exit 7, 8, 7 on the same three
    // people: 5 → 7,3, +2,3. s5 answered at entry only and t2 at exit only: neither is compared.
    entryOf("s1@s.ru", "наставляемый", { motivation: 4 }),
    entryOf("s3@s.ru", "наставляемый", { motivation: 5 }),
    entryOf("t1@s.ru", "наставляемый", { motivation: 6 }),
    entryOf("s5@s.ru", "наставляемый", { motivation: 1 }),
    // Indicator 5 (threshold 7): 9, 6 and 7 in the year → 2 of 3 = 66,7 %; a blank rating is no
    // answer; t3's exit of the year before is not this year's.
    exitOf("s1@s.ru", "наставляемый", d(20, 5, 2027), { satisfaction: 9, motivation: 7 }),
    exitOf("s3@s.ru", "наставляемый", d(20, 5, 2027), { satisfaction: 6, motivation: 8 }),
    exitOf("t1@s.ru", "наставляемый", d(21, 5, 2027), { satisfaction: 7, motivation: 7 }),
    exitOf("t2@s.ru", "наставляемый", d(21, 5, 2027), { motivation: 2 }),
    exitOf("t3@s.ru", "наставляемый", d(10, 6, 2026), { satisfaction: 10, motivation: 10 }),
    // Indicator 6: 8 and 5 → 1 of 2 = 50 %. Growth of mentors' motivation: 7, 6 → 9, 6: 6,5 → 7,5, +1.
    entryOf("m1@m.ru", "наставник", { motivation: 7 }),
    entryOf("m2@m.ru", "наставник", { motivation: 6 }),
    exitOf("m1@m.ru", "наставник", d(22, 5, 2027), { satisfaction: 8, motivation: 9 }),
    exitOf("m2@m.ru", "наставник", d(22, 5, 2027), { satisfaction: 5, motivation: 6 }),
  ]);
  const settings = Table.load(wb, "settings");
  settings.set(settings.find("key", "school_name"), "value", "МБОУ «СОШ № 5»");
  settings.set(settings.find("key", "satisfied_threshold"), "value", 7);
  settings.flush(wb);
  return wb;
}

/** By hand: [part, whole, the value shown]. */
const EXPECTED = {
  "1": { part: 2, whole: 25, shown: "8 %" },
  "2": { part: 1, whole: 8, shown: "12,5 %" },
  "3": { part: 2, whole: 3, shown: "66,7 %" },
  "4": { part: 1, whole: 2, shown: "1" },
  "5": { part: 2, whole: 3, shown: "66,7 %" },
  "6": { part: 1, whole: 2, shown: "50 %" },
} as const;

function summaryRow(wb: MemoryWorkbook, code: string): unknown[] {
  const plan = planSummary(wb, TODAY);
  const row = plan.sheet.grid.findIndex((r) => typeof r[0] === "string" && r[0].startsWith(`${code}. `));
  return plan.sheet.grid[row].map(
    (_, col) => plan.sheet.cells.find((c) => c.row === row && c.col === col)?.value,
  );
}

function texts(wb: MemoryWorkbook): { analysis: string; report: string } {
  const set = buildDocuments(openDocumentSource(wb, clock), ["analysis", "report"]);
  const doc = (kind: string) =>
    nb(plainText(set.documents.find((x) => x.kind === kind)?.model as DocumentModel));
  return { analysis: doc("analysis"), report: doc("report") };
}

describe("indicators 1–6, satisfaction and growth recounted by hand on a small school", () => {
  const wb = school();
  recomputeMonitoring({ workbook: wb, clock, progress: noProgress });
  const { analysis, report } = texts(wb);

  it.each(Object.entries(EXPECTED))(
    "indicator %s: «Сводка» shows its numerator and denominator",
    (code, e) => {
      const row = summaryRow(wb, code);
      // Columns: name, unit, target, actual, status, counted, out of.
      expect([row[5], row[6]]).toEqual([e.part, e.whole]);
      if (code !== "4") expect(row[3]).toBe(Math.round((1000 * e.part) / e.whole) / 10);
      else expect(row[3]).toBe(e.part);
    },
  );

  it.each(Object.entries(EXPECTED))(
    "indicator %s: the note and the report show the same value",
    (code, e) => {
      const line = new RegExp(`^${code} \\| [^|]+ \\| [^|]+ \\| ${e.shown.replace(/ /g, " ")} \\|`, "m");
      expect(analysis).toMatch(line);
      expect(report).toMatch(line);
    },
  );

  it("«Показатели» holds the same actual values for the year", () => {
    const plan = planSummary(wb, TODAY);
    const col = sheetTemplate("indicators").columns.findIndex((c) => c.key === "actual");
    const actual = plan.indicators.cells
      .filter((c) => c.col === col)
      .sort((a, b) => a.row - b.row)
      .map((c) => c.value);
    expect(actual).toEqual([8, 12.5, 66.7, 1, 66.7, 50]);
  });

  it("satisfaction: the note's section 3, the report and the monitoring say what indicators 5 and 6 say", () => {
    expect(analysis).toContain(
      "Наставляемые: итоговых анкет — 4; удовлетворены участием (оценка не ниже 7 из 10) — 66,7 % (2)",
    );
    expect(analysis).toContain(
      "Наставники: итоговых анкет — 2; удовлетворены участием (оценка не ниже 7 из 10) — 50 % (1)",
    );
    expect(report).toContain("Удовлетворённость участием: наставляемые — 66,7 %, наставники — 50 %.");
    const message = describeMonitoring(recomputeMonitoring({ workbook: wb, clock, progress: noProgress }));
    expect(message).toContain("удовлетворены: наставляемые — 66,7 % (2 из 3), наставники — 50 % (1 из 2)");
  });

  it("growth: before and after on the same people, with n, the difference of the values shown", () => {
    expect(analysis).toContain("по 3 наставляемым и 2 наставникам, ответившим в начале и в конце");
    expect(analysis).toContain("Мотивация к учёбе, работе, саморазвитию | наставляемые | 5 | 7,3 | +2,3");
    expect(analysis).toContain("Мотивация к учёбе, работе, саморазвитию | наставники | 6,5 | 7,5 | +1");
  });

  it("before any exit questionnaire no growth is claimed", () => {
    const early = school();
    const surveys = Table.load(early, "surveys");
    for (const r of surveys.records()) if (r.values.stage === "итоговая") surveys.set(r.row, "stage", "");
    surveys.flush(early);
    const { analysis: note } = texts(early);
    expect(note).not.toMatch(/по 0 /);
    expect(note).not.toContain("Рост параметра");
    expect(note).toContain(
      "зафиксированы при входе в программу (входных анкет: наставляемых — 4, наставников — 2). Рост будет оценён по итоговым анкетам",
    );
  });

  it("fails when one answer changes: the figure moves everywhere at once", () => {
    const other = school();
    const surveys = Table.load(other, "surveys");
    const s3 = surveys.records().find((r) => r.values.email === "s3@s.ru" && r.values.stage === "итоговая")!;
    surveys.set(s3.row, "satisfaction", 8);
    surveys.flush(other);
    expect(summaryRow(other, "5")[5]).toBe(3);
    expect(texts(other).report).toContain("наставляемые — 100 %");
  });
});
