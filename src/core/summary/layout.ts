/**
 * «Сводка» as a plan: a grid of labels and live formulas (one write), the value every formula
 * must show, the rows to style and the charts to draw (Apps Script draws them; exceljs cannot).
 *
 * Columns A–I, top to bottom: title; «Главное» (key figures, references to the cells below);
 * «Параметры расчёта»; «Участники по ролям»; «Формы наставничества»; «Пары»; «Показатели
 * эффективности» (target, actual, status); «Дорожная карта по этапам»; «Просроченные мероприятия»
 * (the first ten); «Мониторинг»; «Пары, которым нужно внимание» (the first ten); «Как считаются
 * показатели». Charts sit to the right, from column K.
 */
import { formatDateRu } from "../dates";
import {
  INDICATOR_CODES,
  type IndicatorCode,
  type IndicatorSources,
  indicatorExprs,
  ruleText,
  SHORT_NAMES,
  STATUS,
  statusExpr,
  UNITS,
} from "../indicators/rules";
import type { PlannedCell } from "../indicators/sheet";
import type { Cell, CellInput, SheetLayout } from "../ports";
import { sheetName, sheetTemplate } from "../templates/load";
import { PROGRAM_SCOPE } from "../usecases/monitoring";
import {
  asText,
  type Cond,
  cellOf,
  count,
  countAny,
  type Expr,
  kthRow,
  lastRow,
  letter,
  lit,
  matchingRows,
  percent,
  ref,
  type Source,
  str,
  sum,
  sumIfs,
  textAt,
  textsAt,
  type Value,
  valueAt,
} from "./cells";
import type {
  AttentionPair,
  FormFigures,
  IndicatorFigure,
  MenteeFigures,
  MentorFigures,
  MonitoringFigures,
  OverdueEvent,
  PairFigures,
  StageFigures,
  SummaryFigures,
} from "./figures";

export const SUMMARY_WIDTH = 9;
/** Rows of the lists of overdue events and of pairs that need attention. */
export const LIST_ROWS = 10;
/** Charts are anchored from this column (1-based: K). */
export const CHART_COLUMN = 11;

export interface ChartSpec {
  key: "indicators" | "forms" | "roadmap";
  title: string;
  kind: "column" | "bar";
  stacked: boolean;
  /** A1 ranges: the labels first, then the series; each starts with its header row. */
  ranges: string[];
  /** Anchor cell, 1-based. */
  row: number;
  col: number;
}

export interface SummaryStyles {
  /** 0-based rows: the title, section titles, table headers, notes. */
  title: number[];
  sections: number[];
  headers: number[];
  notes: number[];
}

export interface SummarySheetPlan {
  grid: CellInput[][];
  cells: PlannedCell[];
  charts: ChartSpec[];
  styles: SummaryStyles;
  layout: SheetLayout;
}

export interface SummarySources extends IndicatorSources {
  pairs: Source;
  roadmap: Source;
  monitoring: Source;
  activity: Source;
  /** «Показатели» after the year's rows were added. */
  indicators: Source;
}

export interface SummaryContext {
  year: number;
  label: string;
  schoolName: string;
  today: Date;
  /** Forms of mentoring to list (from «Справочники» and the data). */
  forms: string[];
  /** The live satisfied threshold (inline, from «Настройки»). */
  threshold: Expr;
}

class Builder {
  readonly grid: CellInput[][] = [];
  readonly cells: PlannedCell[] = [];
  readonly styles: SummaryStyles = { title: [], sections: [], headers: [], notes: [] };

  row(): number {
    this.grid.push(new Array<CellInput>(SUMMARY_WIDTH).fill(""));
    return this.grid.length - 1;
  }

  blank(): void {
    this.row();
  }

  text(r: number, c: number, s: string): void {
    this.grid[r][c] = s;
  }

  value(r: number, c: number, v: Cell): void {
    this.grid[r][c] = v;
  }

  /** Writes a formula; returns a reference to its cell with the value it shows. */
  formula(r: number, c: number, e: Expr): Expr {
    this.grid[r][c] = { formula: `=${e.f}` };
    this.cells.push({ row: r, col: c, formula: e.f, value: e.v });
    return ref(`$${letter(c)}$${r + 1}`, e.v);
  }

  line(
    label: string,
    cells: (Expr | string | number | null)[],
    style?: keyof SummaryStyles,
  ): { row: number; refs: (Expr | null)[] } {
    const r = this.row();
    this.text(r, 0, label);
    const refs = cells.map((c, i) => {
      if (c === null) return null;
      if (typeof c === "string" || typeof c === "number") {
        this.value(r, i + 1, c);
        return null;
      }
      return this.formula(r, i + 1, c);
    });
    if (style) this.styles[style].push(r);
    return { row: r, refs };
  }

  section(title: string): number {
    const r = this.row();
    this.text(r, 0, title);
    this.styles.sections.push(r);
    return r;
  }

  header(cells: string[]): number {
    const r = this.row();
    cells.forEach((s, i) => {
      this.text(r, i, s);
    });
    this.styles.headers.push(r);
    return r;
  }

  note(text: string): number {
    const r = this.row();
    this.text(r, 0, text);
    this.styles.notes.push(r);
    return r;
  }
}

const num = (e: Expr | null | undefined): number => (e && typeof e.v === "number" ? e.v : 0);

/** The statuses of a sheet's «Статус» column by name, checked against the template. */
function statuses<K extends string>(sheetKey: string, names: Record<K, string>): Record<K, string> {
  const values = sheetTemplate(sheetKey).columns.find((c) => c.key === "status")?.values ?? [];
  for (const v of Object.values<string>(names))
    if (values.indexOf(v) < 0) throw new Error(`Status «${v}» is not in the template of ${sheetKey}`);
  return names;
}

const MENTOR = statuses("mentors", {
  candidate: "кандидат",
  admitted: "допущен",
  paired: "в паре",
  finished: "завершил",
  left: "выбыл",
});
const MENTEE = statuses("mentees", {
  waiting: "ожидает пары",
  paired: "в паре",
  supported: "без пары — сопровождение психолога",
  finished: "завершил",
  left: "выбыл",
});
const PAIR = statuses("pairs", {
  proposed: "предложена",
  approved: "утверждена",
  rejected: "отклонена",
  forbidden: "запрещена",
  completed: "завершена",
  terminated: "расторгнута",
});
const EVENT = statuses("roadmap", {
  planned: "запланировано",
  inProgress: "в работе",
  done: "выполнено",
  overdue: "просрочено",
  cancelled: "отменено",
});

/** A1 of a block: columns c1..c2 (0-based), rows r1..r2 (0-based), relative. */
function block(c1: number, r1: number, c2: number, r2: number): string {
  return `${letter(c1)}${r1 + 1}:${letter(c2)}${r2 + 1}`;
}

/** Sum of the numbers of a column's cells (SUM ignores blanks). */
function sumCells(refs: (Expr | null)[]): Expr | null {
  const present = refs.filter((r): r is Expr => r !== null);
  if (present.length === 0) return null;
  return { f: `SUM(${present.map((r) => r.f).join(",")})`, v: present.reduce((s, r) => s + num(r), 0) };
}

function max(a: Expr, b: Expr): Expr {
  return { f: `MAX(${a.f},${b.f})`, v: Math.max(Number(a.v), Number(b.v)) };
}

export function planSummarySheet(
  src: SummarySources,
  ctx: SummaryContext,
): { plan: SummarySheetPlan; figures: Omit<SummaryFigures, "warnings"> } {
  const b = new Builder();
  const { year, label } = ctx;

  // Title.
  let r = b.row();
  b.text(r, 0, "Сводка программы наставничества");
  b.styles.title.push(r);
  r = b.row();
  b.text(r, 0, `${ctx.schoolName ? `${ctx.schoolName} · ` : ""}${label} учебный год`);
  b.note(
    `Все числа — формулы по листам книги: они меняются сами, как только меняются данные. Сводка построена ${formatDateRu(ctx.today)}; после смены учебного года, новых этапов дорожной карты или форм наставничества выберите «Наставничество → Обновить сводку». Лист защищён: правьте данные на других листах.`,
  );
  b.blank();

  // «Главное»: filled at the end with references to the cells below.
  b.section("Главное");
  const keyRows: number[] = [];
  for (let i = 0; i < 9; i++) keyRows.push(b.row());
  b.blank();

  // Parameters.
  b.section("Параметры расчёта");
  b.line("Год показателей (первый год учебного года)", [year]);
  b.line("Возраст обучающихся считается на", [`01.09.${year}`]);
  const threshold = b.line("Порог удовлетворённости: оценка не ниже (из 10, лист «Настройки»)", [
    ctx.threshold,
  ]).refs[0]!;
  b.blank();

  // Participants by role.
  b.section("Участники по ролям");
  b.header([
    "Роль",
    "Всего в базе",
    "Кандидаты",
    "Допущены",
    "Ожидают пары",
    "В паре",
    "Без пары — сопровождение психолога",
    "Завершили",
    "Выбыли",
  ]);
  const named: Cond = { col: "full_name", filled: true };
  const byStatus = (s: Source, status: string) => count(s, [named, { col: "status", is: status }]);
  const mentorLine = b.line(`Наставники (лист «${sheetName("mentors")}»)`, [
    count(src.mentors, [named]),
    byStatus(src.mentors, MENTOR.candidate),
    byStatus(src.mentors, MENTOR.admitted),
    null,
    byStatus(src.mentors, MENTOR.paired),
    null,
    byStatus(src.mentors, MENTOR.finished),
    byStatus(src.mentors, MENTOR.left),
  ]);
  const menteeLine = b.line(`Наставляемые (лист «${sheetName("mentees")}»)`, [
    count(src.mentees, [named]),
    null,
    null,
    byStatus(src.mentees, MENTEE.waiting),
    byStatus(src.mentees, MENTEE.paired),
    byStatus(src.mentees, MENTEE.supported),
    byStatus(src.mentees, MENTEE.finished),
    byStatus(src.mentees, MENTEE.left),
  ]);
  b.line(
    "Всего участников",
    mentorLine.refs.map((m, i) => sumCells([m, menteeLine.refs[i]])),
  );
  b.note("Участник — строка базы с заполненным ФИО; столбцы — значения «Статус».");
  const mr = mentorLine.refs;
  const nr = menteeLine.refs;
  const mentors: MentorFigures = {
    total: num(mr[0]),
    candidates: num(mr[1]),
    admitted: num(mr[2]),
    paired: num(mr[4]),
    finished: num(mr[6]),
    left: num(mr[7]),
  };
  const mentees: MenteeFigures = {
    total: num(nr[0]),
    waiting: num(nr[3]),
    paired: num(nr[4]),
    supported: num(nr[5]),
    finished: num(nr[6]),
    left: num(nr[7]),
  };
  b.blank();

  // Forms.
  const pairNamed: Cond = { col: "pair_id", filled: true };
  const pairsBy = (status: string, form?: string) =>
    count(src.pairs, [
      pairNamed,
      ...(form === undefined ? [] : [{ col: "form", is: form } as Cond]),
      { col: "status", is: status },
    ]);
  b.section("Формы наставничества");
  const formsHeader = b.header([
    "Форма наставничества",
    "Наставников (готовы работать в форме)",
    "Наставляемых (выбрали форму)",
    "Из них ожидают пары",
    "Пар предложено",
    "Пар утверждено",
    "Пар завершено",
  ]);
  const forms: FormFigures[] = [];
  for (const form of ctx.forms) {
    const line = b.line(form, [
      count(src.mentors, [named, { col: "forms", contains: form }]),
      count(src.mentees, [named, { col: "form", is: form }]),
      count(src.mentees, [named, { col: "form", is: form }, { col: "status", is: MENTEE.waiting }]),
      pairsBy(PAIR.proposed, form),
      pairsBy(PAIR.approved, form),
      pairsBy(PAIR.completed, form),
    ]);
    forms.push(formFigures(form, line.refs));
  }
  const formsLast = b.grid.length - 1;
  const totalForms = b.line("Всего (все формы и без формы)", [
    count(src.mentors, [named]),
    count(src.mentees, [named]),
    count(src.mentees, [named, { col: "status", is: MENTEE.waiting }]),
    pairsBy(PAIR.proposed),
    pairsBy(PAIR.approved),
    pairsBy(PAIR.completed),
  ]);
  const formsTotal = formFigures("Всего", totalForms.refs);
  b.note(
    "Наставник учитывается во всех формах, которые он указал; пары — по столбцу «Форма наставничества» листа «Пары».",
  );
  b.blank();

  // Pairs.
  b.section("Пары");
  const proposed = b.line("Предложено, ждут утверждения", [totalForms.refs[3]!]).refs[0]!;
  const approved = b.line("Утверждено, работают", [totalForms.refs[4]!]).refs[0]!;
  const completed = b.line("Завершено", [totalForms.refs[5]!]).refs[0]!;
  const terminated = b.line("Расторгнуто", [pairsBy(PAIR.terminated)]).refs[0]!;
  const rejected = b.line("Отклонено или запрещено", [
    sum([
      { sign: 1, e: pairsBy(PAIR.rejected) },
      { sign: 1, e: pairsBy(PAIR.forbidden) },
    ]),
  ]).refs[0]!;
  const formed = b.line("Сформировано пар (утверждено и завершено)", [
    sum([
      { sign: 1, e: approved },
      { sign: 1, e: completed },
    ]),
  ]).refs[0]!;
  const waitingRef = menteeLine.refs[3]!;
  b.line("Наставляемых ожидают пары", [waitingRef]);
  const pairs: PairFigures = {
    proposed: num(proposed),
    approved: num(approved),
    completed: num(completed),
    terminated: num(terminated),
    rejected: num(rejected),
    formed: num(formed),
  };
  b.blank();

  // Indicators.
  b.section(`Показатели эффективности за ${year} год (цели — на листе «${sheetName("indicators")}»)`);
  const indicatorsHeader = b.header([
    "Показатель",
    "Ед.",
    "Цель",
    "Факт",
    "Статус",
    "Учтено",
    "Из (контингент, ответы)",
  ]);
  const indicators: IndicatorFigure[] = [];
  const statusRefs: Expr[] = [];
  for (const code of INDICATOR_CODES) {
    const e = indicatorExprs(code, year, src, threshold);
    const r0 = b.row();
    b.text(r0, 0, SHORT_NAMES[code]);
    b.text(r0, 1, UNITS[code]);
    const target = b.formula(r0, 2, targetLookup(src.indicators, year, code));
    const part = b.formula(r0, 5, e.part);
    const whole = b.formula(r0, 6, e.whole);
    const actual = b.formula(r0, 3, code === "4" ? part : percent(part, whole));
    const status = b.formula(r0, 4, statusExpr(actual, target));
    statusRefs.push(status);
    indicators.push({
      code,
      name: SHORT_NAMES[code],
      unit: UNITS[code],
      target: typeof target.v === "number" ? target.v : null,
      actual: typeof actual.v === "number" ? actual.v : null,
      status: status.v as IndicatorFigure["status"],
      part: num(part),
      whole: num(whole),
    });
  }
  const indicatorsLast = b.grid.length - 1;
  const statusRange = `${letter(4)}${indicatorsHeader + 2}:${letter(4)}${indicatorsLast + 1}`;
  const achievedCount = statusRefs.filter((s) => s.v === STATUS.met).length;
  const achieved = b.line("Достигнуто показателей", [
    { f: `COUNTIF(${statusRange},${str(STATUS.met)})`, v: achievedCount },
  ]).refs[0]!;
  b.note(
    "«Нет данных» — нет контингента за год (лист «Контингент») или итоговых анкет; «цель не задана» — нет целевого значения на листе «Показатели».",
  );
  b.blank();

  // Roadmap by stage.
  const event: Cond = { col: "event", filled: true };
  b.section(`Дорожная карта по этапам (лист «${sheetName("roadmap")}»)`);
  const roadmapHeader = b.header([
    "Этап",
    "Мероприятий",
    "Выполнено",
    "В работе",
    "Запланировано",
    "Просрочено",
    "Отменено",
    "Выполнено, %",
  ]);
  const stageLine = (labelText: string, stage: Cond[]): { fig: StageFigures; overdue: Expr; pct: Expr } => {
    const r0 = b.row();
    b.text(r0, 0, labelText);
    const labelRef = ref(`$A$${r0 + 1}`, labelText);
    const conds = stage.map((c) => ("sameAs" in c ? { ...c, sameAs: labelRef } : c));
    const by = (status: string) => count(src.roadmap, [event, ...conds, { col: "status", is: status }]);
    const total = b.formula(r0, 1, count(src.roadmap, [event, ...conds]));
    const done = b.formula(r0, 2, by(EVENT.done));
    const inProgress = b.formula(r0, 3, by(EVENT.inProgress));
    const planned = b.formula(r0, 4, by(EVENT.planned));
    const overdue = b.formula(r0, 5, by(EVENT.overdue));
    const cancelled = b.formula(r0, 6, by(EVENT.cancelled));
    const pct = b.formula(
      r0,
      7,
      percent(
        done,
        sum([
          { sign: 1, e: total },
          { sign: -1, e: cancelled },
        ]),
        0,
      ),
    );
    const fig: StageFigures = {
      stage: labelText,
      total: num(total),
      done: num(done),
      inProgress: num(inProgress),
      planned: num(planned),
      overdue: num(overdue),
      cancelled: num(cancelled),
      percentDone: typeof pct.v === "number" ? pct.v : null,
    };
    return { fig, overdue, pct };
  };
  const stages: StageFigures[] = [];
  for (const stage of roadmapStages(src.roadmap)) {
    stages.push(
      stage === null
        ? stageLine("Без этапа", [{ col: "stage", empty: true }]).fig
        : stageLine(stage, [{ col: "stage", sameAs: ref("", stage) }]).fig,
    );
  }
  const stagesLast = b.grid.length - 1;
  const totalStage = stageLine("Всего", []);
  b.note(
    "По столбцу «Статус» дорожной карты (его обновляет «Дорожная карта: обновить сроки и статусы», ежедневно — вместе с напоминаниями). Этапы — на момент обновления сводки; мероприятия новых этапов учтены в строке «Всего».",
  );
  b.blank();

  // Overdue events.
  b.section("Просроченные мероприятия");
  b.header(["Мероприятие", "№", "Срок (как в документе)", "Ответственный", "Этап", "Строка листа"]);
  const overdueConds: Cond[] = [event, { col: "status", is: EVENT.overdue }];
  const overdueCount = totalStage.overdue;
  for (let k = 1; k <= LIST_ROWS; k++) {
    const r0 = b.row();
    const rowRef = b.formula(r0, 5, kthRow(src.roadmap, overdueConds, k, overdueCount));
    b.formula(r0, 0, textAt(src.roadmap, "event", rowRef));
    b.formula(r0, 1, textAt(src.roadmap, "event_id", rowRef));
    b.formula(r0, 2, textAt(src.roadmap, "deadline_text", rowRef));
    b.formula(r0, 3, textAt(src.roadmap, "responsible", rowRef));
    b.formula(r0, 4, textAt(src.roadmap, "stage", rowRef));
  }
  b.formula(b.row(), 0, more(overdueCount, `на листе «${sheetName("roadmap")}» (строки выделены красным)`));
  const overdue: OverdueEvent[] = matchingRows(src.roadmap, overdueConds).map((i) => ({
    row: i + 3,
    id: asText(cellOf(src.roadmap, i, "event_id")),
    stage: asText(cellOf(src.roadmap, i, "stage")),
    event: asText(cellOf(src.roadmap, i, "event")),
    deadline: asText(cellOf(src.roadmap, i, "deadline_text")),
    responsible: asText(cellOf(src.roadmap, i, "responsible")),
  }));
  b.blank();

  // Monitoring.
  b.section(`Мониторинг, этап 1 (лист «${sheetName("monitoring")}», ${label} учебный год)`);
  const scopeIs: Cond = { col: "scope", is: PROGRAM_SCOPE };
  // Rows of the school year: «Период» blank, the year («2026/2027»), or not another school year.
  const periods: Cond[][] = [
    [{ col: "period", empty: true }],
    [{ col: "period", is: label }],
    [
      { col: "period", filled: true },
      { col: "period", unlike: "????/????" },
    ],
  ];
  const programRow = periods.map((p) => lastRow(src.monitoring, [scopeIs, ...p])).reduce((a, e) => max(a, e));
  const programTotal = b.line("Программа в целом: баллов из 18", [
    valueAt(src.monitoring, "total", programRow, "", ""),
  ]).refs[0]!;
  const level = b.line("Уровень программы", [
    valueAt(src.monitoring, "level", programRow, "нет оценки", "не определён"),
  ]).refs[0]!;
  const levelCount = (lv: string) =>
    countAny(
      src.monitoring,
      [
        { col: "scope", filled: true },
        { col: "scope", isNot: PROGRAM_SCOPE },
        { col: "level", is: lv },
      ],
      periods,
    );
  const levels = {
    оптимальный: num(b.line("Пар на оптимальном уровне (15–18 баллов)", [levelCount("оптимальный")]).refs[0]),
    допустимый: num(b.line("Пар на допустимом уровне (9–14 баллов)", [levelCount("допустимый")]).refs[0]),
    недопустимый: num(
      b.line("Пар на недопустимом уровне (0–8 баллов)", [levelCount("недопустимый")]).refs[0],
    ),
  };
  b.note("Баллы и уровни ставит «Пересчитать мониторинг» и куратор (показатели 1–5 — экспертная оценка).");
  const monitoring: MonitoringFigures = { total: programTotal.v, level: String(level.v), levels };
  b.blank();

  // Pairs that need attention.
  b.section(`Пары, которым нужно внимание (лист «${sheetName("pair_activity")}», ${label})`);
  const attentionConds: Cond[] = [
    { col: "pair_id", filled: true },
    { col: "year", is: label },
    { col: "attention", filled: true },
  ];
  const attentionCount = b.line("Пар требуют внимания", [count(src.activity, attentionConds)]).refs[0]!;
  b.header(["Наставник — наставляемый", "ID пары", "Форма", "Причина", "", "Строка листа"]);
  for (let k = 1; k <= LIST_ROWS; k++) {
    const r0 = b.row();
    const rowRef = b.formula(r0, 5, kthRow(src.activity, attentionConds, k, attentionCount));
    b.formula(r0, 0, textsAt(src.activity, ["mentor_name", "mentee_name"], " — ", rowRef));
    b.formula(r0, 1, textAt(src.activity, "pair_id", rowRef));
    b.formula(r0, 2, textAt(src.activity, "form", rowRef));
    b.formula(r0, 3, textAt(src.activity, "attention", rowRef));
  }
  b.formula(b.row(), 0, more(attentionCount, `на листе «${sheetName("pair_activity")}»`));
  b.note(
    "Утверждённые пары без встреч дольше допустимого («Настройки»); лист «Работа пар» заполняет «Пересчитать мониторинг».",
  );
  const attentionPairs: AttentionPair[] = matchingRows(src.activity, attentionConds).map((i) => ({
    row: i + 3,
    pairId: asText(cellOf(src.activity, i, "pair_id")),
    mentor: asText(cellOf(src.activity, i, "mentor_name")),
    mentee: asText(cellOf(src.activity, i, "mentee_name")),
    form: asText(cellOf(src.activity, i, "form")),
    reason: asText(cellOf(src.activity, i, "attention")),
  }));
  b.blank();

  // Rules.
  b.section("Как считаются показатели");
  for (const code of INDICATOR_CODES) b.note(ruleText(code, year));
  b.note(
    "Участник — строка базы с заполненным ФИО. Возраст — на 1 сентября года показателей, по дате рождения. Доли округляются до десятых и сравниваются с целью: «достигнуто», если факт не ниже цели.",
  );

  // «Главное».
  const keyFigures: [string, Expr][] = [
    ["Наставников в базе", mentorLine.refs[0]!],
    ["Наставляемых в базе", menteeLine.refs[0]!],
    ["Пар утверждено (работают)", approved],
    ["Наставляемых ожидают пары", waitingRef],
    ["Показателей эффективности достигнуто (из 6)", achieved],
    ["Дорожная карта выполнена, %", totalStage.pct],
    ["Мероприятий дорожной карты просрочено", overdueCount],
    ["Пар требуют внимания", attentionCount],
    ["Уровень программы по мониторингу", level],
  ];
  keyFigures.forEach(([text, e], i) => {
    b.text(keyRows[i], 0, text);
    b.formula(keyRows[i], 1, ref(e.f, e.v));
  });

  // Charts.
  const charts: ChartSpec[] = [];
  let nextChartRow = 1;
  const chart = (spec: Omit<ChartSpec, "row" | "col">, sectionRow: number) => {
    const row = Math.max(sectionRow + 1, nextChartRow);
    charts.push({ ...spec, row, col: CHART_COLUMN });
    nextChartRow = row + 17;
  };
  // In the order of their sections, each beside its table, never overlapping the previous one.
  if (ctx.forms.length > 0)
    chart(
      {
        key: "forms",
        title: "Пары по формам наставничества",
        kind: "column",
        stacked: true,
        ranges: [block(0, formsHeader, 0, formsLast), block(4, formsHeader, 6, formsLast)],
      },
      formsHeader,
    );
  chart(
    {
      key: "indicators",
      title: `Показатели ${year}: цель и факт`,
      kind: "column",
      stacked: false,
      ranges: [block(0, indicatorsHeader, 0, indicatorsLast), block(2, indicatorsHeader, 3, indicatorsLast)],
    },
    indicatorsHeader,
  );
  if (stages.length > 0)
    chart(
      {
        key: "roadmap",
        title: "Дорожная карта: мероприятия по этапам",
        kind: "bar",
        stacked: true,
        ranges: [block(0, roadmapHeader, 0, stagesLast), block(2, roadmapHeader, 6, stagesLast)],
      },
      roadmapHeader,
    );

  const layout: SheetLayout = {
    frozenRows: 0,
    hiddenRows: [],
    headerRows: 0,
    columns: [{ index: 0, width: 440 }, ...[1, 2, 3, 4, 5, 6, 7, 8].map((index) => ({ index, width: 120 }))],
    protectHeader: false,
    protectSheet: true,
    tabColor: sheetTemplate("summary").tabColor,
  };
  return {
    plan: { grid: b.grid, cells: b.cells, charts, styles: b.styles, layout },
    figures: {
      year,
      label,
      schoolName: ctx.schoolName,
      ageDate: `01.09.${year}`,
      threshold: Number(threshold.v),
      mentors,
      mentees,
      forms,
      formsTotal,
      pairs,
      indicators,
      achieved: achievedCount,
      roadmap: { stages, total: totalStage.fig, overdue },
      monitoring,
      attention: { count: num(attentionCount), pairs: attentionPairs },
    },
  };
}

function formFigures(form: string, refs: (Expr | null)[]): FormFigures {
  return {
    form,
    mentors: num(refs[0]),
    mentees: num(refs[1]),
    waiting: num(refs[2]),
    proposed: num(refs[3]),
    approved: num(refs[4]),
    completed: num(refs[5]),
  };
}

/** «… и ещё N — на листе …» when a list shows fewer than there are. */
function more(total: Expr, where: string): Expr {
  const n = Number(total.v);
  const v: Value = n > LIST_ROWS ? `… и ещё ${n - LIST_ROWS} — ${where}` : "";
  return { f: `IF(${total.f}>${LIST_ROWS},"… и ещё "&(${total.f}-${LIST_ROWS})&" — "&${str(where)},"")`, v };
}

/**
 * The target of an indicator for the year in «Показатели»: the mean of the numeric targets (≥ 0)
 * of its rows for the year, "" when there is none.
 */
export function targetLookup(s: Source, year: number, code: IndicatorCode): Expr {
  const conds: Cond[] = [
    { col: "year", equals: year },
    { col: "code", code },
    { col: "target", cmp: ">=", to: lit.num(0) },
  ];
  const n = count(s, conds);
  const total = sumIfs(s, "target", conds);
  const v: Value = Number(n.v) === 0 ? "" : Number(total.v) / Number(n.v);
  return { f: `IF(${n.f}=0,"",${total.f}/${n.f})`, v };
}

/**
 * Stages of the roadmap in order of appearance (case ignored, as the formulas compare them);
 * null for events without a stage.
 */
export function roadmapStages(roadmap: Source): (string | null)[] {
  const seen = new Set<string>();
  const out: (string | null)[] = [];
  for (const i of matchingRows(roadmap, [{ col: "event", filled: true }])) {
    const v = cellOf(roadmap, i, "stage");
    if (v !== "" && typeof v !== "string") continue;
    const key = v === "" ? "" : v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v === "" ? null : v);
  }
  return out;
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
