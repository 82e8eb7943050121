/**
 * The six indicators of seed 001 («Планируемые результаты (показатели эффективности)»), each
 * defined once as a live formula and its value (see ../summary/cells.ts). Who counts:
 *
 * A participant is a row of a bank with a non-empty «ФИО». A participant «вошёл в программу»
 * when the bank's «Статус» is «в паре» or «завершил» (the status the pair's approval and the
 * cycle's close set). Ages are taken on 1 September of the indicator's year (the first year of
 * the school year: 2026 for 2026/2027), from «Дата рождения»: aged 10–18 means born on or before
 * 01.09.(Y−10) and after 01.09.(Y−19).
 *
 * 1. Mentees of category «обучающийся», aged 10–18 (a birth date is required), who entered the
 *    program ÷ «Обучающихся 10–18 лет» of «Контингент» for the year, %.
 * 2. Mentors of category «обучающийся 15–18 лет» who entered the program and, when the birth date
 *    is given, are aged 15–18 (the category states the age when it is not) ÷ «Обучающихся 15–18
 *    лет», %.
 * 3. Mentees who are young teachers — category «молодой специалист (стаж 0–3 года)», or a
 *    «Педагогический стаж» of 0 to 3 years in any category but «обучающийся» and «студент» — who
 *    entered the program ÷ «Молодых педагогов (стаж 0–3 года)», %.
 * 4. Distinct «Организация (для партнёров)» of mentors who entered the program (case ignored),
 *    units. «Организаций-партнёров» of «Контингент», when entered, is shown beside it.
 * 5, 6. Exit questionnaires («итоговая») of mentees (5) or mentors (6) in «Анкеты мониторинга»
 *    dated within the school year (or undated), with «Удовлетворённость участием» a number from 1
 *    to 10: the share with a rating not below «Настройки» → satisfied_threshold (a number from 1
 *    to 10, otherwise 7), %. One row is one answer: the intake keeps one exit answer per person.
 *
 * A share is «нет данных» when its denominator is missing or zero (no contingent for the year, no
 * exit answers). The value is rounded to one decimal (ROUND) before it is compared with the target.
 */
import {
  type Cond,
  count,
  countAny,
  countDistinct,
  type Expr,
  lit,
  numeric,
  percent,
  range,
  type Source,
  str,
  sum,
  sumIfs,
  type Value,
} from "../formulas/cells";
import type { Cell } from "../ports";
import { sheetTemplate } from "../templates/load";
import { INDICATOR_STATUS, type IndicatorStatus, PARTICIPANT_STATUS } from "../workbook/statuses";

export const INDICATOR_CODES = ["1", "2", "3", "4", "5", "6"] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

/** Statuses of a bank row (either bank) that count as taking part in the program. */
export const IN_PROGRAM = [PARTICIPANT_STATUS.paired, PARTICIPANT_STATUS.finished] as const;
export const CATEGORY = {
  student: "обучающийся",
  studentMentor: "обучающийся 15–18 лет",
  young: "молодой специалист (стаж 0–3 года)",
  college: "студент",
} as const;
export const SURVEY = { exit: "итоговая", mentee: "наставляемый", mentor: "наставник" } as const;

/** Short names for «Сводка» and the command line (full names are in «Показатели»). */
export const SHORT_NAMES: Record<IndicatorCode, string> = {
  "1": "1. Обучающиеся 10–18 лет в роли наставляемых",
  "2": "2. Обучающиеся 15–18 лет в роли наставников",
  "3": "3. Молодые педагоги (стаж 0–3 года) в роли наставляемых",
  "4": "4. Организации-партнёры, предоставившие наставников",
  "5": "5. Удовлетворённость наставляемых (итоговые анкеты)",
  "6": "6. Удовлетворённость наставников (итоговые анкеты)",
};

export const UNITS: Record<IndicatorCode, "%" | "ед."> = {
  "1": "%",
  "2": "%",
  "3": "%",
  "4": "ед.",
  "5": "%",
  "6": "%",
};

/** «Как считается» in Russian, for «Сводка» (the year and its first day filled in). */
export function ruleText(code: IndicatorCode, year: number): string {
  const day = `01.09.${year}`;
  const entered = "со статусом «в паре» или «завершил»";
  switch (code) {
    case "1":
      return `1 — наставляемые категории «обучающийся», которым на ${day} от 10 до 18 лет (по дате рождения), ${entered}, к числу обучающихся 10–18 лет на листе «Контингент» за ${year} год, %.`;
    case "2":
      return `2 — наставники категории «обучающийся 15–18 лет» ${entered}; если дата рождения указана, на ${day} им от 15 до 18 лет; к числу обучающихся 15–18 лет на листе «Контингент», %.`;
    case "3":
      return `3 — наставляемые категории «молодой специалист (стаж 0–3 года)» или с педагогическим стажем от 0 до 3 лет (кроме обучающихся и студентов), ${entered}, к числу молодых педагогов на листе «Контингент», %.`;
    case "4":
      return `4 — число разных организаций в столбце «Организация (для партнёров)» у наставников ${entered}, ед.`;
    case "5":
    case "6":
      return `${code} — итоговые анкеты ${code === "5" ? "наставляемых" : "наставников"} на листе «Анкеты мониторинга» (дата анкеты в учебном году ${year}/${year + 1} или не указана) с оценкой «Удовлетворённость участием» от 1 до 10: доля оценок не ниже порога удовлетворённости из «Настроек», %.`;
  }
}

export interface IndicatorSources {
  mentors: Source;
  mentees: Source;
  surveys: Source;
  contingent: Source;
}

/** The figure of one indicator: the value, and what it counts and divides by. */
export interface IndicatorExprs {
  actual: Expr;
  /** Participants (or organisations, or satisfied answers) counted. */
  part: Expr;
  /** What the share divides by; for indicator 4, the partner organisations of «Контингент». */
  whole: Expr;
}

const SATISFIED_DEFAULT = (() => {
  const row = (sheetTemplate("settings").rows ?? []).find((r) => r.key === "satisfied_threshold");
  const n = Number(row?.value);
  return Number.isFinite(n) && n >= 1 && n <= 10 ? n : 7;
})();

/**
 * «Настройки» → satisfied_threshold as the formulas read it: the value when it is a number from
 * 1 to 10, otherwise the template's default (7). Live: INDEX/MATCH on the key column.
 */
export function thresholdExpr(settings: Source): Expr {
  let raw: Cell | undefined;
  for (let r = 0; r < settings.rows.length && raw === undefined; r++) {
    const k = settings.rows[r][settings.columns.key];
    if (typeof k === "string" && k.toLowerCase() === "satisfied_threshold")
      raw = settings.rows[r][settings.columns.value] ?? "";
  }
  const n = raw === undefined ? null : numeric(raw);
  const v = n !== null && n >= 1 && n <= 10 ? n : SATISFIED_DEFAULT;
  const x = `INDEX(${range(settings, "value")},MATCH(${str("satisfied_threshold")},${range(settings, "key")},0))`;
  return {
    f: `IFERROR(IF(AND(ISNUMBER(${x}),${x}>=1,${x}<=10),${x},${SATISFIED_DEFAULT}),${SATISFIED_DEFAULT})`,
    v,
  };
}

const named: Cond = { col: "full_name", filled: true };
const statusVariants: Cond[][] = IN_PROGRAM.map((s) => [{ col: "status", is: s }]);

/** Σ over the statuses of (all − those known to be outside) — blanks stay in. */
function countNotOutside(s: Source, base: Cond[], outside: Cond[][]): Expr {
  const terms: { sign: 1 | -1; e: Expr }[] = [];
  for (const v of statusVariants) {
    terms.push({ sign: 1, e: count(s, [...base, ...v]) });
    for (const o of outside) terms.push({ sign: -1, e: count(s, [...base, ...v, ...o]) });
  }
  return sum(terms);
}

function contingent(src: Source, col: string, year: number): Expr {
  return sumIfs(src, col, [{ col: "year", equals: year }]);
}

/** The live figure of an indicator for a year; `threshold` is the satisfied threshold in use. */
export function indicatorExprs(
  code: IndicatorCode,
  year: number,
  src: IndicatorSources,
  threshold: Expr,
): IndicatorExprs {
  const sept = (y: number) => lit.date(y, 9, 1);
  switch (code) {
    case "1": {
      const part = countAny(
        src.mentees,
        [
          named,
          { col: "category", is: CATEGORY.student },
          { col: "birth_date", cmp: "<=", to: sept(year - 10) },
          { col: "birth_date", cmp: ">", to: sept(year - 19) },
        ],
        statusVariants,
      );
      const whole = contingent(src.contingent, "students_10_18", year);
      return { actual: percent(part, whole), part, whole };
    }
    case "2": {
      const part = countNotOutside(
        src.mentors,
        [named, { col: "category", is: CATEGORY.studentMentor }],
        [
          [{ col: "birth_date", cmp: "<=", to: sept(year - 19) }],
          [{ col: "birth_date", cmp: ">", to: sept(year - 15) }],
        ],
      );
      const whole = contingent(src.contingent, "students_15_18", year);
      return { actual: percent(part, whole), part, whole };
    }
    case "3": {
      const byCategory = countAny(
        src.mentees,
        [named, { col: "category", is: CATEGORY.young }],
        statusVariants,
      );
      const byExperience = countAny(
        src.mentees,
        [
          named,
          { col: "category", isNot: CATEGORY.young },
          { col: "category", isNot: CATEGORY.student },
          { col: "category", isNot: CATEGORY.college },
          { col: "experience_years", cmp: ">=", to: lit.num(0) },
          { col: "experience_years", cmp: "<=", to: lit.num(3) },
        ],
        statusVariants,
      );
      const part = sum([
        { sign: 1, e: byCategory },
        { sign: 1, e: byExperience },
      ]);
      const whole = contingent(src.contingent, "young_teachers", year);
      return { actual: percent(part, whole), part, whole };
    }
    case "4": {
      const part = countDistinct(
        src.mentors,
        "organisation",
        [named, { col: "organisation", filled: true }],
        statusVariants,
      );
      const whole = contingent(src.contingent, "partner_organisations", year);
      return { actual: part, part, whole };
    }
    case "5":
    case "6": {
      const role = code === "5" ? SURVEY.mentee : SURVEY.mentor;
      const base: Cond[] = [
        { col: "role", is: role },
        { col: "stage", is: SURVEY.exit },
      ];
      const outside: Cond[][] = [
        [{ col: "submitted_at", cmp: "<", to: sept(year) }],
        [{ col: "submitted_at", cmp: ">=", to: sept(year + 1) }],
      ];
      const within = (rating: Cond[]) => {
        const all = [...base, ...rating];
        return sum([
          { sign: 1, e: count(src.surveys, all) },
          ...outside.map((o) => ({ sign: -1 as const, e: count(src.surveys, [...all, ...o]) })),
        ]);
      };
      const whole = within([
        { col: "satisfaction", cmp: ">=", to: lit.num(1) },
        { col: "satisfaction", cmp: "<=", to: lit.num(10) },
      ]);
      const part = within([
        { col: "satisfaction", cmp: ">=", to: threshold },
        { col: "satisfaction", cmp: "<=", to: lit.num(10) },
      ]);
      return { actual: percent(part, whole), part, whole };
    }
  }
}

/** «достигнуто» / «не достигнуто» / «нет данных» / «цель не задана», live. */
export function statusExpr(actual: Expr, target: Expr): Expr {
  let v: IndicatorStatus;
  if (typeof actual.v !== "number") v = INDICATOR_STATUS.noData;
  else if (typeof target.v !== "number") v = INDICATOR_STATUS.noTarget;
  else v = actual.v >= target.v ? INDICATOR_STATUS.met : INDICATOR_STATUS.notMet;
  return {
    f: `IF(ISNUMBER(${actual.f}),IF(ISNUMBER(${target.f}),IF(${actual.f}>=${target.f},${str(INDICATOR_STATUS.met)},${str(INDICATOR_STATUS.notMet)}),${str(INDICATOR_STATUS.noTarget)}),${str(INDICATOR_STATUS.noData)})`,
    v,
  };
}

/** The value a target cell gives a formula: its number (a date as its serial), else its text. */
export function cellValue(v: Cell): Value {
  const n = numeric(v);
  if (n !== null) return n;
  return typeof v === "string" ? v : "";
}
