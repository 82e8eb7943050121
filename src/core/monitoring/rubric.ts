import { isBlank } from "../cells";
import type { Cell } from "../ports";
import { plural } from "../text";

/**
 * The rubric of seed 004 §6 («Показатели эффективности реализации Программы наставничества»):
 * nine indicators under three criteria, each 2 («проявляется в полной мере»), 1 («частично
 * проявляется») or 0 («не проявляется»); the total 0–18 gives the level: 15–18 оптимальный,
 * 9–14 допустимый, 0–8 недопустимый.
 *
 * Indicators 1–5 are the curator's expert judgements. 6, 8 and 9 are computed from the
 * questionnaires, the meeting log and the mentors' reports when their data exist; 7 is computed
 * from the exit surveys of partner organisations' mentors. Whatever has no data is left to the
 * curator (see indicators.ts).
 */

export type IndicatorSource = "expert" | "computed";

export interface IndicatorDef {
  /** Column key of «Мониторинг». */
  key: IndicatorKey;
  /** Its number in the rubric, 1–9. */
  n: number;
  source: IndicatorSource;
  criterion: string;
  name: string;
}

export const INDICATOR_KEYS = [
  "i1_goals",
  "i2_principles",
  "i3_approaches",
  "i4_climate",
  "i5_mentor_logic",
  "i6_satisfaction",
  "i7_partners",
  "i8_activity",
  "i9_application",
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type ComputedKey = "i6_satisfaction" | "i7_partners" | "i8_activity" | "i9_application";
export const COMPUTED_KEYS: readonly ComputedKey[] = [
  "i6_satisfaction",
  "i7_partners",
  "i8_activity",
  "i9_application",
];

const PROGRAM = "Оценка программы наставничества в организации";
const PARTICIPANTS = "Определение эффективности участников наставнической деятельности в организации";
const MENTEE = "Изменения в личности наставляемого";

export const INDICATORS: readonly IndicatorDef[] = [
  {
    key: "i1_goals",
    n: 1,
    source: "expert",
    criterion: PROGRAM,
    name: "Соответствие наставнической деятельности цели и задачам, по которым она осуществляется",
  },
  {
    key: "i2_principles",
    n: 2,
    source: "expert",
    criterion: PROGRAM,
    name: "Оценка соответствия организации наставнической деятельности принципам, заложенным в программе",
  },
  {
    key: "i3_approaches",
    n: 3,
    source: "expert",
    criterion: PROGRAM,
    name: "Соответствие наставнической деятельности современным подходам и технологиям",
  },
  {
    key: "i4_climate",
    n: 4,
    source: "expert",
    criterion: PROGRAM,
    name: "Наличие комфортного психологического климата в организации",
  },
  {
    key: "i5_mentor_logic",
    n: 5,
    source: "expert",
    criterion: PROGRAM,
    name: "Логичность деятельности наставника, понимание им ситуации наставляемого и правильность выбора основного направления взаимодействия",
  },
  {
    key: "i6_satisfaction",
    n: 6,
    source: "computed",
    criterion: PARTICIPANTS,
    name: "Степень удовлетворённости всех участников наставнической деятельности",
  },
  {
    key: "i7_partners",
    n: 7,
    source: "computed",
    criterion: PARTICIPANTS,
    name: "Уровень удовлетворённости партнёров от взаимодействия в наставнической деятельности",
  },
  {
    key: "i8_activity",
    n: 8,
    source: "computed",
    criterion: MENTEE,
    name: "Активность и заинтересованность в участии в мероприятиях, связанных с наставнической деятельностью",
  },
  {
    key: "i9_application",
    n: 9,
    source: "computed",
    criterion: MENTEE,
    name: "Степень применения наставляемыми полученных от наставника знаний, умений и опыта в профессиональных (учебных, жизненных) ситуациях, активная гражданская позиция",
  },
];

export type Level = "оптимальный" | "допустимый" | "недопустимый";
export type Score = 0 | 1 | 2;

export const MAX_TOTAL = 18;

/** «Уровень» of a rubric row in «Мониторинг» until all nine indicators are scored. */
export const LEVEL_UNDETERMINED = "не определён — нужна оценка куратора";

/** The level of a total of seed 004: 15–18 оптимальный, 9–14 допустимый, 0–8 недопустимый. */
export function levelOf(total: number): Level {
  if (total >= 15) return "оптимальный";
  if (total >= 9) return "допустимый";
  return "недопустимый";
}

/**
 * A score typed in a cell: 0, 1 or 2 (a number or its text); null for a blank cell;
 * "invalid" for anything else (kept in the sheet, reported, not counted).
 */
export function parseScore(cell: Cell | undefined): Score | null | "invalid" {
  if (cell === undefined || isBlank(cell)) return null;
  const n = typeof cell === "number" ? cell : typeof cell === "string" ? Number(cell.trim()) : Number.NaN;
  if (n === 0 || n === 1 || n === 2) return n;
  return "invalid";
}

export interface RubricResult {
  /** Sum of the known scores (0–18). */
  total: number;
  /** How many of the nine are known. */
  known: number;
  complete: boolean;
  /** Only when all nine are known: a partial total does not pretend to a level. */
  level: Level | null;
  /** Numbers (1–9) of indicators without a score. */
  missing: number[];
  /** Numbers of indicators whose cell holds something other than 0, 1, 2. */
  invalid: number[];
}

/** Scores the rubric from the nine cells (numbers, texts or blanks). */
export function scoreRubric(values: Partial<Record<IndicatorKey, Cell | Score | null>>): RubricResult {
  let total = 0;
  let known = 0;
  const missing: number[] = [];
  const invalid: number[] = [];
  for (const def of INDICATORS) {
    const s = parseScore(values[def.key] ?? "");
    if (s === null) missing.push(def.n);
    else if (s === "invalid") {
      invalid.push(def.n);
      missing.push(def.n);
    } else {
      total += s;
      known++;
    }
  }
  const complete = known === INDICATORS.length;
  return { total, known, complete, level: complete ? levelOf(total) : null, missing, invalid };
}

/**
 * A 0/1/2 score of a value against two thresholds: 2 from `full`, 1 from `partial`, else 0.
 * Used with average ratings (1–10) and with the share of the meeting norm (%).
 */
export function scoreByThresholds(value: number, full: number, partial: number): Score {
  if (value >= full) return 2;
  if (value >= partial) return 1;
  return 0;
}

/** «1, 2, 5» → «1, 2, 5»; consecutive runs as «1–5». */
export function listNumbers(ns: number[]): string {
  const sorted = [...ns].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(", "));
    i = j + 1;
  }
  return parts.join(", ");
}

/** «16 из 18 баллов, оптимальный уровень» or «известно 10 баллов, уровень не определён». */
export function describeRubric(r: RubricResult): string {
  if (r.level) return `${r.total} из ${MAX_TOTAL} баллов, ${r.level} уровень`;
  if (r.known === 0) return "оценок этапа 1 нет, уровень не определён";
  const shown = plural(r.known, "показатель", "показателя", "показателей");
  return `известно ${r.total} из ${MAX_TOTAL} баллов (${r.known} ${shown} из 9), уровень не определён`;
}
