import { utcDate } from "../../../src/core/dates";
import { type Cell, noProgress } from "../../../src/core/ports";
import { LIST_ROWS } from "../../../src/core/summary/layout";
import { planSummary, type SummaryPlan } from "../../../src/core/summary/plan";
import { initWorkbook } from "../../../src/core/usecases/init";
import { buildSummary, describeSummary } from "../../../src/core/usecases/summary";
import type { SheetKey } from "../../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clockAt = (y: number, m: number, d: number) => ({ now: () => new Date(Date.UTC(y, m - 1, d, 9)) });
const TODAY = utcDate(2026, 11, 20);
const SUMMARY = "Сводка";

function add<S extends SheetKey>(wb: MemoryWorkbook, key: S, rows: NewRow<S>[]): void {
  const t = Table.load(wb, key);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock: clockAt(2026, 9, 1), progress: noProgress });
  const s = Table.load(wb, "settings");
  s.set(s.find("key", "school_year"), "value", "2026/2027");
  s.set(s.find("key", "school_short"), "value", "МБОУ «СОШ № 1»");
  s.flush(wb);
  add(wb, "mentors", [
    { full_name: "М1", forms: "учитель – учитель", status: "в паре" },
    { full_name: "М2", forms: "ученик – ученик, учитель – учитель", status: "кандидат" },
    { full_name: "М3", forms: "ученик – ученик", status: "допущен" },
    { full_name: "М4", status: "выбыл" },
    { full_name: "", status: "в паре", comment: "строка без ФИО" },
  ]);
  add(wb, "mentees", [
    { full_name: "Н1", form: "учитель – учитель", status: "в паре" },
    { full_name: "Н2", form: "ученик – ученик", status: "ожидает пары" },
    { full_name: "Н3", form: "ученик – ученик", status: "ожидает пары" },
    { full_name: "Н4", form: "своя форма", status: "без пары — сопровождение психолога" },
    { full_name: "Н5", status: "завершил" },
  ]);
  add(wb, "pairs", [
    { pair_id: "П-1", form: "учитель – учитель", status: "утверждена" },
    { pair_id: "П-2", form: "ученик – ученик", status: "предложена" },
    { pair_id: "П-3", form: "ученик – ученик", status: "завершена" },
    { pair_id: "П-4", form: "ученик – ученик", status: "отклонена" },
    { pair_id: "П-5", form: "учитель – учитель", status: "запрещена" },
    { pair_id: "П-6", form: "учитель – учитель", status: "расторгнута" },
  ]);
  add(wb, "roadmap", [
    { event_id: "1", stage: "1. Нормативная база", event: "Приказ", status: "выполнено" },
    {
      event_id: "2",
      stage: "1. НОРМАТИВНАЯ БАЗА",
      event: "Положение",
      status: "просрочено",
      deadline_text: "до 01.10.2026",
      responsible: "Баева С.Н.",
    },
    { event_id: "3", stage: "1. Нормативная база", event: "Соглашения", status: "отменено" },
    { event_id: "4", stage: "2. Базы", event: "База наставников", status: "в работе" },
    {
      event_id: "5",
      stage: "2. Базы",
      event: "База наставляемых",
      status: "запланировано",
      deadline_text: "до 01.10.2026",
    },
    { event_id: "6", stage: "", event: "Без этапа", status: "выполнено" },
  ]);
  add(wb, "monitoring", [
    { scope: "Программа в целом", period: "2025/2026", total: 17, level: "оптимальный" },
    { scope: "Программа в целом", period: "2026/2027", total: 12, level: "допустимый" },
    { scope: "П-1", period: "2026/2027", total: 16, level: "оптимальный" },
    { scope: "П-3", period: "декабрь 2026", total: 10, level: "допустимый" },
    { scope: "П-9", period: "", total: 4, level: "недопустимый" },
    { scope: "П-0", period: "2025/2026", total: 18, level: "оптимальный" },
  ]);
  const attention: Record<string, Cell>[] = [];
  for (let i = 1; i <= 12; i++)
    attention.push({
      year: "2026/2027",
      pair_id: `П-${100 + i}`,
      mentor_name: `Наставник ${i}`,
      mentee_name: `Наставляемый ${i}`,
      form: "ученик – ученик",
      attention: `да — нет встреч ${20 + i} дней`,
      row_key: `2026/2027|П-${100 + i}`,
    });
  attention.push({ year: "2025/2026", pair_id: "П-099", attention: "да — старое", row_key: "old" });
  attention.push({ year: "2026/2027", pair_id: "П-098", attention: "", row_key: "ok" });
  add(wb, "pair_activity", attention);
  wb.resetCalls();
  return wb;
}

/** The value shown at a cell of «Сводка» whose column A reads `label`. */
function at(plan: SummaryPlan, label: string, col = 1): unknown {
  const r = plan.sheet.grid.findIndex((row) => row[0] === label);
  expect(r).toBeGreaterThanOrEqual(0);
  const cell = plan.sheet.cells.find((c) => c.row === r && c.col === col);
  return cell ? cell.value : plan.sheet.grid[r][col];
}

describe("«Сводка» figures", () => {
  const plan = planSummary(school(), TODAY);
  const f = plan.figures;

  it("participants by role: rows with a name, by status", () => {
    expect(f.mentors).toEqual({ total: 4, candidates: 1, admitted: 1, paired: 1, finished: 0, left: 1 });
    expect(f.mentees).toEqual({ total: 5, waiting: 2, paired: 1, supported: 1, finished: 1, left: 0 });
    expect(at(plan, "Всего участников", 1)).toBe(9);
  });

  it("forms: «Справочники» then the data's own; pairs by status", () => {
    expect(f.forms.map((x) => x.form)).toEqual([
      "ученик – ученик",
      "учитель – учитель",
      "студент – ученик",
      "работодатель – ученик",
      "работодатель – студент",
      "своя форма",
    ]);
    expect(f.forms[0]).toEqual({
      form: "ученик – ученик",
      mentors: 2,
      mentees: 2,
      waiting: 2,
      proposed: 1,
      approved: 0,
      completed: 1,
    });
    expect(f.forms[1]).toMatchObject({ mentors: 2, mentees: 1, approved: 1 });
    expect(f.pairs).toEqual({
      proposed: 1,
      approved: 1,
      completed: 1,
      terminated: 1,
      rejected: 2,
      formed: 2,
      // One mentor holds both working rows: a group, as the order would list it.
      individual: 0,
      groups: 1,
      noConsent: 0,
      noGuardianConsent: 0,
      noFreeMentor: 0,
    });
  });

  it("roadmap by stage (case ignored, as the formulas compare), overdue events listed", () => {
    expect(
      f.roadmap.stages.map((s) => [s.stage, s.total, s.done, s.overdue, s.cancelled, s.percentDone]),
    ).toEqual([
      ["1. Нормативная база", 3, 1, 1, 1, 50],
      ["2. Базы", 2, 0, 0, 0, 0],
      ["Без этапа", 1, 1, 0, 0, 100],
    ]);
    expect(f.roadmap.total).toMatchObject({
      total: 6,
      done: 2,
      inProgress: 1,
      planned: 1,
      overdue: 1,
      percentDone: 40,
    });
    expect(f.roadmap.overdue).toEqual([
      {
        row: 4,
        id: "2",
        stage: "1. НОРМАТИВНАЯ БАЗА",
        event: "Положение",
        deadline: "до 01.10.2026",
        responsible: "Баева С.Н.",
      },
    ]);
    // «База наставляемых» is past its deadline but still «запланировано» on the sheet.
    expect(f.warnings.join(" ")).toContain("Дорожная карта: обновить сроки и статусы");
  });

  it("monitoring: the program row of the school year; pairs of the year by level", () => {
    expect(f.monitoring).toEqual({
      total: 12,
      level: "допустимый",
      levels: { оптимальный: 1, допустимый: 1, недопустимый: 1 },
      undetermined: 0,
    });
  });

  it("pairs that need attention: this year's, the first ten listed, the rest counted", () => {
    expect(f.attention.count).toBe(12);
    expect(f.attention.pairs[0]).toEqual({
      row: 3,
      pairId: "П-101",
      mentor: "Наставник 1",
      mentee: "Наставляемый 1",
      form: "ученик – ученик",
      reason: "да — нет встреч 21 дней",
    });
    const listed = plan.sheet.cells.filter((c) => c.col === 0 && String(c.value).startsWith("Наставник "));
    expect(listed).toHaveLength(LIST_ROWS);
    expect(plan.sheet.cells.some((c) => c.value === "… и ещё 2 — на листе «Работа пар»")).toBe(true);
  });

  it("«Главное» repeats the cells below by reference", () => {
    expect(at(plan, "Наставляемых в утверждённых парах и группах (работают)")).toBe(1);
    expect(at(plan, "Групп (наставник с несколькими наставляемыми), утверждено и завершено")).toBe(1);
    expect(at(plan, "Наставляемых ожидают пары (статус)")).toBe(2);
    expect(at(plan, "Уровень программы по мониторингу")).toBe("допустимый");
    expect(at(plan, "Пар требуют внимания: давно нет встреч")).toBe(12);
    const r = plan.sheet.grid.findIndex(
      (row) => row[0] === "Наставляемых в утверждённых парах и группах (работают)",
    );
    expect(plan.sheet.cells.find((c) => c.row === r && c.col === 1)!.formula).toMatch(/^\$B\$\d+$/);
  });

  it("«Главное» judges each key figure in words, with what to do, as live formulas", () => {
    const header = plan.sheet.grid.findIndex((row) => row[0] === "Показатель" && row[2] === "Оценка");
    expect(plan.sheet.grid[header].slice(0, 4)).toEqual(["Показатель", "Значение", "Оценка", "Что сделать"]);
    expect(plan.sheet.styles.headers).toContain(header);
    const judged = (label: string) => [at(plan, label, 2), at(plan, label, 3)];
    expect(judged("Наставляемых в утверждённых парах и группах (работают)")).toEqual(["хорошо", "—"]);
    expect(judged("Уровень программы по мониторингу")).toEqual([
      "внимание",
      "На листе «Мониторинг» посмотрите, где пары теряют баллы, и обсудите это с наставниками.",
    ]);
    // 12 of 1 working mentee's pairs: more than a quarter.
    expect(judged("Пар требуют внимания: давно нет встреч")[0]).toBe("плохо");
    expect(judged("Показателей эффективности достигнуто (из 6)")[0]).toMatch(/^(плохо|внимание|хорошо)$/);
    // A figure without a judgement has neither.
    expect(judged("Пар (наставник с одним наставляемым), утверждено и завершено")).toEqual(["", ""]);
    const light = plan.sheet.cells.find(
      (c) =>
        c.row === plan.sheet.grid.findIndex((row) => row[0] === "Мероприятий дорожной карты просрочено") &&
        c.col === 2,
    )!;
    expect(light.formula).toMatch(/^IF\(\$B\$\d+>0,"плохо","хорошо"\)$/);
    // Every «Оценка» is coloured by the sheet's own conditional formats, as the indicators' statuses.
    const rules = plan.sheet.layout.conditionalRules ?? [];
    for (const word of ["хорошо", "внимание", "плохо", "нет данных", "достигнуто", "не достигнуто"])
      expect(rules.some((x) => x.formula.includes(`="${word}")`))).toBe(true);
  });

  it("parameters and the method stand at the bottom; empty lists say so in words", () => {
    const rowOf = (label: string) => plan.sheet.grid.findIndex((row) => row[0] === label);
    const last = (label: string) =>
      rowOf(label) > rowOf("Пары, которым нужно внимание (лист «Работа пар», 2026/2027)");
    expect(last("Параметры расчёта")).toBe(true);
    expect(last("Как считаются показатели")).toBe(true);
    expect(rowOf("Параметры расчёта")).toBeLessThan(rowOf("Как считаются показатели"));
    const overdue = rowOf("Просроченные мероприятия") + 2;
    const first = plan.sheet.cells.find((c) => c.row === overdue && c.col === 0)!;
    expect(first.formula).toMatch(/^IF\(\$[A-Z]\$\d+=0,"Просроченных мероприятий нет\.",/);
    expect(first.value).not.toBe("Просроченных мероприятий нет.");
  });

  it("a new workbook's «Главное» says in words what there is not and what to do", () => {
    const wb = new MemoryWorkbook();
    initWorkbook({ workbook: wb, clock: clockAt(2026, 9, 1), progress: noProgress });
    const empty = planSummary(wb, TODAY);
    const judged = (label: string) => [at(empty, label), at(empty, label, 2), at(empty, label, 3)];
    expect(judged("Наставников в базе")).toEqual([
      0,
      "плохо",
      "Соберите анкеты наставников: «Наставничество → Анкеты → Создать / обновить анкеты».",
    ]);
    expect(judged("Наставляемых в утверждённых парах и группах (работают)")).toEqual([
      0,
      "плохо",
      "Подберите и утвердите пары: «Наставничество → Пары»; затем создайте приказ.",
    ]);
    expect(judged("Пар требуют внимания: давно нет встреч")).toEqual([
      0,
      "нет данных",
      "Встречи считаются для утверждённых пар.",
    ]);
    expect(judged("Уровень программы по мониторингу")[1]).toBe("нет данных");
    const rowOf = (label: string) => empty.sheet.grid.findIndex((row) => row[0] === label);
    const value = (r: number) => empty.sheet.cells.find((c) => c.row === r && c.col === 0)?.value;
    expect(value(rowOf("Просроченные мероприятия") + 2)).toBe("Просроченных мероприятий нет.");
    expect(value(rowOf("Наставник — наставляемый") + 1)).toBe(
      "Таких пар нет: все утверждённые пары встречаются.",
    );
  });

  it("uses only functions the three engines share, over bounded ranges", () => {
    const used = new Set<string>();
    for (const c of [...plan.sheet.cells, ...plan.indicators.cells])
      for (const m of c.formula.matchAll(/([A-Z]+)\(/g)) used.add(m[1]);
    expect([...used].sort()).toEqual(
      [
        "AND",
        "COUNTIF",
        "COUNTIFS",
        "DATE",
        "IF",
        "IFERROR",
        "INDEX",
        "ISNUMBER",
        "LEN",
        "MATCH",
        "MAX",
        "MID",
        "REPT",
        "ROUND",
        "ROW",
        "SMALL",
        "SUBSTITUTE",
        "SUM",
        "SUMIFS",
        "SUMPRODUCT",
      ].sort(),
    );
    for (const c of plan.sheet.cells) expect(c.formula).not.toMatch(/![$]?[A-Z]+:[$]?[A-Z]+\b(?!\d)/);
  });

  it("describes itself in Russian", () => {
    const text = describeSummary(f, { charts: false });
    expect(text).toContain("Сводка программы наставничества — МБОУ «СОШ № 1», 2026/2027 учебный год");
    expect(text).toContain("Наставники: 4 в базе");
    expect(text).toContain("Показатели эффективности за 2026 год");
    expect(text).toContain("Дорожная карта: 6 мероприятий, выполнено 2 (40 %)");
    expect(text).toContain("Просрочено: № 2 «Положение»");
    expect(text).toContain("Мониторинг: программа в целом — 12 из 18 баллов, уровень: допустимый");
    expect(text).toContain("Пары, которым нужно внимание: 12");
    expect(text).toContain("Диаграммы");
  });
});

describe("buildSummary", () => {
  it("writes «Сводка» in one write that clears an earlier, larger build; protects it; plans three charts", () => {
    const wb = school();
    wb.write(SUMMARY, 0, 0, [new Array(20).fill("старое")]);
    wb.write(SUMMARY, 499, 0, [["старое"]]);
    wb.resetCalls();
    const plan = buildSummary({ workbook: wb, clock: clockAt(2026, 11, 20) });
    // «Показатели», «Сводка», «Журнал» (targets added): one write each; «Сводка» read once to clear.
    expect(wb.calls.write).toBe(2);
    expect(wb.calls.append).toBe(1);
    const grid = wb.sheets.get(SUMMARY)!;
    expect(grid.flat().includes("старое")).toBe(false);
    expect(grid[0][0]).toBe("Сводка программы наставничества");
    expect(wb.layouts.get(SUMMARY)).toMatchObject({ protectSheet: true, frozenRows: 0 });
    expect(plan.sheet.charts.map((c) => [c.key, c.kind, c.stacked])).toEqual([
      ["forms", "column", true],
      ["indicators", "column", false],
      ["roadmap", "bar", true],
    ]);
    for (const c of plan.sheet.charts) for (const r of c.ranges) expect(r).toMatch(/^[A-I]\d+:[A-I]\d+$/);
    const f = wb.formulas;
    expect([...f.keys()].filter((k) => k.startsWith(`${SUMMARY}!`))).toHaveLength(plan.sheet.cells.length);
    const journal = Table.load(wb, "log")
      .records()
      .map((r) => r.values.message);
    expect(journal.some((m) => String(m).includes("добавлены целевые значения на 2026 год"))).toBe(true);
  });

  it("holds the lock when one is given", () => {
    const wb = school();
    let held = 0;
    buildSummary({
      workbook: wb,
      clock: clockAt(2026, 11, 20),
      lock: {
        withLock: (_ms, fn) => {
          held++;
          return fn();
        },
      },
    });
    expect(held).toBe(1);
  });
});
