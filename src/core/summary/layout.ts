/**
 * «Сводка» as a plan: a grid of labels and live formulas (one write), the value every formula
 * must show, the rows to style and the charts to draw (Apps Script draws them; exceljs cannot).
 *
 * Columns A–I, top to bottom: title; «Главное» (key figures, references to the cells below);
 * «Параметры расчёта»; «Участники по ролям»; «Формы наставничества»; «Пары»; «Показатели
 * эффективности» (target, actual, status); «Дорожная карта по этапам»; «Просроченные мероприятия»
 * (the first ten); «Мониторинг»; «Пары, которым нужно внимание» (the first ten); «Как считаются
 * показатели». Charts sit to the right, from column K.
 *
 * One function per section (here and in ./sections), called top to bottom by planSummarySheet; the
 * rows of «Главное» are reserved first and filled at the end, with references to the cells below.
 */
import { formatDateRu } from "../dates";
import { cellOf, type Expr, matchingRows, ref, type Source } from "../formulas/cells";
import { INDICATOR_CODES, ruleText } from "../indicators/rules";
import type { PlannedCell } from "../indicators/sheet";
import type { Cell, CellInput, SheetLayout } from "../ports";
import { sheetTemplate } from "../templates/load";
import { Builder, num, type SummaryStyles } from "./builder";
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
  const threshold = parametersSection(b, ctx);
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
  rulesSection(b, year);
  fillKeyFigures(b, keyRows, [
    ["Наставников в базе", people.mentorRefs[0]!],
    ["Наставляемых в базе", people.menteeRefs[0]!],
    ["Наставляемых в утверждённых парах и группах (работают)", pairs.approved],
    ["Пар (наставник с одним наставляемым), утверждено и завершено", pairs.individual],
    ["Групп (наставник с несколькими наставляемыми), утверждено и завершено", pairs.groups],
    ["Наставляемых без пары: нет согласия (на обработку ПДн / законного представителя)", pairs.noConsent],
    ["Наставляемых без пары: подходят, но нет свободного наставника", pairs.noMentor],
    ["Показателей эффективности достигнуто (из 6)", indicators.achieved],
    ["Дорожная карта выполнена, %", roadmap.total.pct],
    ["Мероприятий дорожной карты просрочено", overdueCount],
    ["Пар требуют внимания", attention.count],
    ["Уровень программы по мониторингу", monitoring.level],
  ]);
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

/** «Главное»: its rows are reserved here and filled at the end (fillKeyFigures). */
/** Rows of «Главное». */
const KEY_FIGURES = 12;

function keyFigureRows(b: Builder): number[] {
  b.section("Главное");
  const keyRows: number[] = [];
  for (let i = 0; i < KEY_FIGURES; i++) keyRows.push(b.row());
  b.blank();
  return keyRows;
}

/** «Главное»: each key figure as a reference to its cell below. */
function fillKeyFigures(b: Builder, keyRows: number[], keyFigures: [string, Expr][]): void {
  keyFigures.forEach(([text, e], i) => {
    b.text(keyRows[i], 0, text);
    b.formula(keyRows[i], 1, ref(e.f, e.v));
  });
}

/** «Параметры расчёта»; returns the satisfied threshold's cell. */
function parametersSection(b: Builder, ctx: SummaryContext): Expr {
  b.section("Параметры расчёта");
  b.line("Год показателей (первый год учебного года)", [ctx.year]);
  b.line("Возраст обучающихся считается на", [`01.09.${ctx.year}`]);
  const threshold = b.line("Порог удовлетворённости: оценка не ниже (из 10, лист «Настройки»)", [
    ctx.threshold,
  ]).refs[0]!;
  b.blank();
  return threshold;
}

/** «Как считаются показатели». */
function rulesSection(b: Builder, year: number): void {
  b.section("Как считаются показатели");
  for (const code of INDICATOR_CODES) b.note(ruleText(code, year));
  b.note(
    "Участник — строка базы с заполненным ФИО. Возраст — на 1 сентября года показателей, по дате рождения. Доли округляются до десятых и сравниваются с целью: «достигнуто», если факт не ниже цели.",
  );
}

function summaryLayout(): SheetLayout {
  return {
    frozenRows: 0,
    hiddenRows: [],
    headerRows: 0,
    columns: [{ index: 0, width: 440 }, ...[1, 2, 3, 4, 5, 6, 7, 8].map((index) => ({ index, width: 120 }))],
    protectHeader: false,
    protectSheet: true,
    tabColor: sheetTemplate("summary").tabColor,
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
