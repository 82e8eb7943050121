/**
 * «Сводка» as a plan: a grid of labels and live formulas (one write), the value every formula
 * must show, the rows to style and the charts to draw (Apps Script draws them; exceljs cannot).
 *
 * Columns A–I, top to bottom: title; «Главное» (key figures as references to the cells below, each
 * judged in words — «хорошо», «внимание», «плохо», «нет данных», coloured by the sheet's conditional
 * formats — with «Что сделать»); «Участники по ролям»; «Формы наставничества»; «Пары»; «Показатели
 * эффективности» (target, actual, status); «Дорожная карта по этапам»; «Просроченные мероприятия»
 * (the first ten, or «нет» in words); «Мониторинг»; «Пары, которым нужно внимание» (likewise);
 * «Параметры расчёта» and «Как считаются показатели» at the bottom. Charts sit to the right, from
 * column K. «Сводка» is the workbook's first tab (sheets-templates/workbook.json).
 *
 * One function per section (here and in ./sections), called top to bottom by planSummarySheet; the
 * rows of «Главное» are reserved first and filled at the end, with references to the cells below.
 */
import { formatDateRu } from "../dates";
import { cellOf, type Expr, matchingRows, ref, type Source, str } from "../formulas/cells";
import { INDICATOR_CODES, ruleText } from "../indicators/rules";
import type { PlannedCell } from "../indicators/sheet";
import { type Cell, type CellInput, type ConditionalRule, RULE_MARKER, type SheetLayout } from "../ports";
import { sheetTemplate } from "../templates/load";
import { INDICATOR_STATUS } from "../workbook/statuses";
import { Builder, num, SUMMARY_ROW_COLUMN, type SummaryStyles } from "./builder";
import type { SummaryContext, SummarySources } from "./context";
import type { SummaryFigures } from "./figures";
import { type ChartSpec, chartSpecs } from "./sections/charts";
import { indicatorsSection } from "./sections/indicators";
import { attentionSection, monitoringSection } from "./sections/monitoring";
import { formsSection, pairsSection, participantsSection } from "./sections/people";
import { overdueSection, roadmapSection } from "./sections/roadmap";

export { LIST_ROWS, SUMMARY_WIDTH, type SummaryStyles } from "./builder";
export { CHART_COLUMN, type ChartSpec } from "./sections/charts";
export { targetLookup } from "./sections/indicators";
export { roadmapStages } from "./sections/roadmap";

export interface SummarySheetPlan {
  grid: CellInput[][];
  cells: PlannedCell[];
  charts: ChartSpec[];
  styles: SummaryStyles;
  layout: SheetLayout;
}

/** The plan of «Сводка» and the figures it shows: the sections top to bottom, then the charts. */
export function planSummarySheet(
  src: SummarySources,
  ctx: SummaryContext,
): { plan: SummarySheetPlan; figures: Omit<SummaryFigures, "warnings"> } {
  const b = new Builder();
  const { year, label } = ctx;
  titleSection(b, ctx);
  const keyRows = keyFigureRows(b);
  // «Параметры расчёта» stand at the bottom, with the method; the formulas read the threshold from «Настройки».
  const threshold = ctx.threshold;
  const people = participantsSection(b, src);
  const forms = formsSection(b, src, ctx);
  const waiting = people.menteeRefs[3]!;
  const pairs = pairsSection(b, src, forms.totalRefs, waiting);
  const indicators = indicatorsSection(b, src, year, threshold);
  const roadmap = roadmapSection(b, src);
  const overdueCount = roadmap.total.overdue;
  const overdue = overdueSection(b, src, overdueCount);
  const monitoring = monitoringSection(b, src, label);
  const attention = attentionSection(b, src, label);
  parametersSection(b, ctx);
  rulesSection(b, year);
  fillKeyFigures(
    b,
    keyRows,
    keyFigures({ people, pairs, indicators, roadmap, overdueCount, attention, monitoring }),
  );
  const charts = chartSpecs(year, {
    forms: ctx.forms.length > 0 ? forms : null,
    indicators,
    roadmap: roadmap.stages.length > 0 ? { header: roadmap.header, last: roadmap.stagesLast } : null,
  });
  return {
    plan: { grid: b.grid, cells: b.cells, charts, styles: b.styles, layout: summaryLayout() },
    figures: {
      year,
      label,
      schoolName: ctx.schoolName,
      ageDate: `01.09.${year}`,
      threshold: Number(threshold.v),
      mentors: people.mentors,
      mentees: people.mentees,
      forms: forms.forms,
      formsTotal: forms.formsTotal,
      pairs: pairs.pairs,
      indicators: indicators.indicators,
      achieved: indicators.achievedCount,
      roadmap: { stages: roadmap.stages, total: roadmap.total.fig, overdue },
      monitoring: monitoring.monitoring,
      attention: { count: num(attention.count), pairs: attention.pairs },
    },
  };
}

/** The title, the school and the year, how the sheet works. */
function titleSection(b: Builder, ctx: SummaryContext): void {
  const r = b.row();
  b.text(r, 0, "Сводка программы наставничества");
  b.styles.title.push(r);
  b.text(b.row(), 0, `${ctx.schoolName ? `${ctx.schoolName} · ` : ""}${ctx.label} учебный год`);
  b.note(
    `Все числа — формулы по листам книги: они меняются сами, как только меняются данные. Сводка построена ${formatDateRu(ctx.today)}; после смены учебного года, новых этапов дорожной карты или форм наставничества выберите «Наставничество → Обновить сводку». Лист защищён: правьте данные на других листах.`,
  );
  b.blank();
}

/** Rows of «Главное» (key figures below its header row). */
const KEY_FIGURES = 11;

/** «Главное»: a header row, then rows reserved here and filled at the end (fillKeyFigures). */
function keyFigureRows(b: Builder): number[] {
  b.section("Главное");
  b.header(["Показатель", "Значение", "Оценка", "Что сделать"]);
  const keyRows: number[] = [];
  for (let i = 0; i < KEY_FIGURES; i++) keyRows.push(b.row());
  b.note(
    "Оценка: «хорошо» — делать ничего не нужно; «внимание» — стоит заняться; «плохо» — нужно действовать сейчас; «нет данных» — в книге ещё нет того, из чего считается показатель.",
  );
  b.blank();
  return keyRows;
}

/** The words of «Оценка», coloured by the sheet's conditional formats (SUMMARY_LIGHTS). */
export type Light = "хорошо" | "внимание" | "плохо" | "нет данных";

/** One case of a key figure's judgement: a condition on its value's cell (a formula), in TypeScript too. */
interface Case {
  /** A formula of the value's cell reference, e.g. `${v}>0`. */
  when: (v: string) => string;
  holds: (value: Cell) => boolean;
  light: Light;
  todo: string;
}

export interface KeyFigure {
  label: string;
  value: Expr;
  /** Checked in order; the last is the default (its condition is not used). No cases: no judgement. */
  cases: Case[];
}

const n = (v: Cell) => (typeof v === "number" ? v : Number(v) || 0);
const NOTHING = "—";

/** The key figures of «Главное», each with how it is judged and what to do (see keyFigures' cases). */
function keyFigures(s: {
  people: { mentorRefs: (Expr | null)[]; menteeRefs: (Expr | null)[] };
  pairs: { approved: Expr; individual: Expr; groups: Expr; noConsent: Expr; noMentor: Expr };
  indicators: { achieved: Expr };
  roadmap: { total: { pct: Expr; overdue: Expr } };
  overdueCount: Expr;
  attention: { count: Expr };
  monitoring: { level: Expr };
}): KeyFigure[] {
  const good = (todo = NOTHING): Case => ({ when: () => "TRUE", holds: () => true, light: "хорошо", todo });
  const zero = (light: Light, todo: string): Case => ({
    when: (v) => `${v}=0`,
    holds: (x) => n(x) === 0,
    light,
    todo,
  });
  const positive = (light: Light, todo: string): Case => ({
    when: (v) => `${v}>0`,
    holds: (x) => n(x) > 0,
    light,
    todo,
  });
  const working = s.pairs.approved;
  return [
    {
      label: "Наставников в базе",
      value: s.people.mentorRefs[0]!,
      cases: [
        zero("плохо", "Соберите анкеты наставников: «Наставничество → Анкеты → Создать / обновить анкеты»."),
        good(),
      ],
    },
    {
      label: "Наставляемых в базе",
      value: s.people.menteeRefs[0]!,
      cases: [
        zero("плохо", "Соберите анкеты наставляемых: «Наставничество → Анкеты → Создать / обновить анкеты»."),
        good(),
      ],
    },
    {
      label: "Наставляемых в утверждённых парах и группах (работают)",
      value: working,
      cases: [
        zero("плохо", "Подберите и утвердите пары: «Наставничество → Пары»; затем создайте приказ."),
        good(),
      ],
    },
    {
      label: "Пар (наставник с одним наставляемым), утверждено и завершено",
      value: s.pairs.individual,
      cases: [],
    },
    {
      label: "Групп (наставник с несколькими наставляемыми), утверждено и завершено",
      value: s.pairs.groups,
      cases: [],
    },
    {
      label: "Наставляемых без пары: нет согласия (на обработку ПДн / законного представителя)",
      value: s.pairs.noConsent,
      cases: [
        positive(
          "внимание",
          "Соберите согласия (за детей — от родителей); кто без согласия — лист «Наставляемые», столбец «Допущен к подбору».",
        ),
        good(),
      ],
    },
    {
      label: "Наставляемых без пары: подходят, но нет свободного наставника",
      value: s.pairs.noMentor,
      cases: [
        positive(
          "внимание",
          "Найдите ещё наставников или увеличьте «Сколько наставляемых может вести»; пока их ведёт педагог-психолог.",
        ),
        good(),
      ],
    },
    {
      label: "Показателей эффективности достигнуто (из 6)",
      value: s.indicators.achieved,
      cases: [
        {
          when: (v) => `${v}>=6`,
          holds: (x) => n(x) >= 6,
          light: "хорошо",
          todo: NOTHING,
        },
        {
          when: (v) => `${v}>=3`,
          holds: (x) => n(x) >= 3,
          light: "внимание",
          todo: "Что не достигнуто — в «Показателях эффективности» ниже; «нет данных» — заполните лист «Контингент».",
        },
        {
          when: () => "TRUE",
          holds: () => true,
          light: "плохо",
          todo: "Что не достигнуто — в «Показателях эффективности» ниже; «нет данных» — заполните лист «Контингент».",
        },
      ],
    },
    {
      label: "Мероприятий дорожной карты просрочено",
      value: s.overdueCount,
      cases: [
        positive(
          "плохо",
          "Отметьте выполненные или перенесите сроки на листе «Дорожная карта»; список — ниже.",
        ),
        good(),
      ],
    },
    {
      label: "Пар требуют внимания: давно нет встреч",
      value: s.attention.count,
      cases: [
        {
          when: () => `${working.f}=0`,
          holds: () => n(working.v) === 0,
          light: "нет данных",
          todo: "Встречи считаются для утверждённых пар.",
        },
        {
          when: (v) => `${v}*4>${working.f}`,
          holds: (x) => n(x) * 4 > n(working.v),
          light: "плохо",
          todo: "Поговорите с наставниками этих пар (список — ниже): встреч нет дольше допустимого.",
        },
        positive(
          "внимание",
          "Поговорите с наставниками этих пар (список — ниже): встреч нет дольше допустимого.",
        ),
        good(),
      ],
    },
    {
      label: "Уровень программы по мониторингу",
      value: s.monitoring.level,
      cases: [
        {
          when: (v) => `${v}="оптимальный"`,
          holds: (x) => x === "оптимальный",
          light: "хорошо",
          todo: NOTHING,
        },
        {
          when: (v) => `${v}="допустимый"`,
          holds: (x) => x === "допустимый",
          light: "внимание",
          todo: "На листе «Мониторинг» посмотрите, где пары теряют баллы, и обсудите это с наставниками.",
        },
        {
          when: (v) => `${v}="недопустимый"`,
          holds: (x) => x === "недопустимый",
          light: "плохо",
          todo: "На листе «Мониторинг» посмотрите, где пары теряют баллы, и обсудите это с наставниками.",
        },
        {
          when: () => "TRUE",
          holds: () => true,
          light: "нет данных",
          todo: "Выберите «Пересчитать мониторинг»; показатели 1–5 оценивает куратор на листе «Мониторинг».",
        },
      ],
    },
  ];
}

/** Nested IF over the cases: the first that holds gives its text (`pick`). */
function judged(cases: Case[], v: Expr, cell: string, pick: (c: Case) => string): Expr {
  const chosen = cases.find((c, i) => i === cases.length - 1 || c.holds(v.v)) ?? cases[cases.length - 1];
  let f = str(pick(cases[cases.length - 1]));
  for (let i = cases.length - 2; i >= 0; i--) f = `IF(${cases[i].when(cell)},${str(pick(cases[i]))},${f})`;
  return { f, v: pick(chosen) };
}

/** «Главное»: each key figure as a reference to its cell below, its «Оценка» and «Что сделать». */
function fillKeyFigures(b: Builder, keyRows: number[], figures: KeyFigure[]): void {
  if (figures.length !== keyRows.length)
    throw new Error(`«Главное»: ${figures.length} rows for ${keyRows.length}`);
  figures.forEach((k, i) => {
    const r = keyRows[i];
    b.text(r, 0, k.label);
    const cell = b.formula(r, 1, ref(k.value.f, k.value.v));
    if (k.cases.length === 0) return;
    b.formula(
      r,
      2,
      judged(k.cases, cell, cell.f, (c) => c.light),
    );
    b.formula(
      r,
      3,
      judged(k.cases, cell, cell.f, (c) => c.todo),
    );
  });
}

/** «Параметры расчёта», at the bottom with the method. */
function parametersSection(b: Builder, ctx: SummaryContext): void {
  b.section("Параметры расчёта");
  b.line("Год показателей (первый год учебного года)", [ctx.year]);
  b.line("Возраст обучающихся считается на", [`01.09.${ctx.year}`]);
  b.line("Порог удовлетворённости: оценка не ниже (из 10, лист «Настройки»)", [ctx.threshold]);
  b.blank();
}

/** «Как считаются показатели». */
function rulesSection(b: Builder, year: number): void {
  b.section("Как считаются показатели");
  for (const code of INDICATOR_CODES) b.note(ruleText(code, year));
  b.note(
    "Участник — строка базы с заполненным ФИО. Возраст — на 1 сентября года показателей, по дате рождения. Доли округляются до десятых и сравниваются с целью: «достигнуто», если факт не ниже цели.",
  );
}

/** The colours of «Оценка» (background, text), as the roadmap colours late and done events. */
export const SUMMARY_LIGHTS: Record<Light, { background: string; fontColor: string }> = {
  хорошо: { background: "#d9ead3", fontColor: "#274e13" },
  внимание: { background: "#fff2cc", fontColor: "#7f6000" },
  плохо: { background: "#f4cccc", fontColor: "#990000" },
  "нет данных": { background: "#efefef", fontColor: "#666666" },
};

/** The indicators' «Статус» (column E of their table) in the same colours. */
const STATUS_LIGHTS: [string, Light][] = [
  [INDICATOR_STATUS.met, "хорошо"],
  [INDICATOR_STATUS.notMet, "плохо"],
  [INDICATOR_STATUS.noData, "нет данных"],
  [INDICATOR_STATUS.noTarget, "нет данных"],
];

/**
 * Conditional formats written for A1 of the sheet (commas as separators, as in Sheets, Excel and
 * LibreOffice): a word of «Оценка» in column C, an indicator's status in column E.
 */
export function summaryRules(): ConditionalRule[] {
  const rule = (col: number, word: string, light: Light): ConditionalRule => ({
    formula: `=AND(${RULE_MARKER},COLUMN(A1)=${col},$${"ABCDE"[col - 1]}1=${str(word)})`,
    ...SUMMARY_LIGHTS[light],
  });
  return [
    ...(Object.keys(SUMMARY_LIGHTS) as Light[]).map((light) => rule(3, light, light)),
    ...STATUS_LIGHTS.map(([word, light]) => rule(5, word, light)),
  ];
}

function summaryLayout(): SheetLayout {
  return {
    conditionalRules: summaryRules(),
    frozenRows: 0,
    hiddenRows: [],
    headerRows: 0,
    columns: [
      { index: 0, width: 500 },
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((index) => ({ index, width: 120 })),
      // The lists' «Строка листа»: read by their formulas, not by a person.
      { index: SUMMARY_ROW_COLUMN, width: 120, hidden: true },
    ],
    protectHeader: false,
    protectSheet: true,
    tabColor: sheetTemplate("summary").tabColor,
    print: sheetTemplate("summary").print === true,
    // Through «Выбыли»: the lists' row column is hidden, and the long notes of column A, which
    // LibreOffice lets run on to the right, would otherwise shrink the page to half its size.
    printColumns: SUMMARY_ROW_COLUMN,
    // The director's pages as issue 17 asks: A4 landscape, one page wide (about 73 %: nine columns
    // of 1,460 px), as many pages tall as the figures take. Two portrait pages printed the demo's
    // 120 rows at 51 %, too small to read.
  };
}

/** Forms to list: «Справочники», then any other form the mentees or pairs name (case ignored). */
export function formsToList(lists: Source, mentees: Source, pairs: Source): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (v: Cell) => {
    if (typeof v !== "string" || v.trim() === "") return;
    if (seen.has(v.toLowerCase())) return;
    seen.add(v.toLowerCase());
    out.push(v);
  };
  for (const row of lists.rows) add(row[lists.columns.forms] ?? "");
  for (const i of matchingRows(mentees, [{ col: "full_name", filled: true }]))
    add(cellOf(mentees, i, "form"));
  for (const i of matchingRows(pairs, [{ col: "pair_id", filled: true }])) add(cellOf(pairs, i, "form"));
  return out;
}
