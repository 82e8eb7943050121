/**
 * The curator's part of the rubric of seed 004 in one place: indicators 1–5, which only the curator
 * can score, asked per pair with the pair's facts beside them (meetings against the norm, the
 * mentor's reports, the ratings and the computed indicators 6–9). The sidebar «Оценка куратора»
 * shows this view; a pair's five scores are saved into its live row of «Мониторинг» with its total
 * and level, as «Пересчитать мониторинг» would write them.
 */
import { cellDecimal, isBlank, plainText, textWithIsoDates } from "../cells";
import { calendarDate, formatDateRu, parseSchoolYear, toCalendarDate } from "../dates";
import {
  INDICATORS,
  type IndicatorKey,
  LEVEL_UNDETERMINED,
  parseScore,
  type RubricResult,
  type Score,
  scoreRubric,
} from "../monitoring/rubric";
import { type ClockPort, type LockPort, type WorkbookPort, withWorkbookLock } from "../ports";
import { Table } from "../workbook/table";

export const EXPERT_KEYS = INDICATORS.filter((d) => d.source === "expert").map((d) => d.key);

/** Short names of the five for a narrow sidebar (the full wording is in «Мониторинг» and seed 004). */
const SHORT: Partial<Record<IndicatorKey, string>> = {
  i1_goals: "Соответствие цели и задачам",
  i2_principles: "Соответствие принципам программы",
  i3_approaches: "Современные подходы и технологии",
  i4_climate: "Комфортный психологический климат",
  i5_mentor_logic: "Логичность деятельности наставника",
};

export interface RubricPair {
  /** «Объект оценки»: the pair's ID. */
  scope: string;
  label: string;
  /** Indicators 1–5 as scored now (null: not yet; "invalid" kept as null with a note). */
  scores: (Score | null)[];
  /** Indicators 6–9 as «Мониторинг» holds them: «6: 2», «8: нет данных». */
  computed: string[];
  /** The pair's facts from «Работа пар», as sentences. */
  facts: string[];
  /** The same facts one by one (null: the pair has no row of «Работа пар»). */
  detail: PairFacts | null;
  /** How «Пересчитать мониторинг» computed indicators 6–9 (its «Основание» column). */
  basis: string;
  /** «Итого баллов» (blank until all nine are scored). */
  total: number | null;
  level: string;
}

export interface RubricView {
  indicators: { n: number; key: string; name: string; full: string }[];
  pairs: RubricPair[];
}

const PROGRAM_SCOPE = "программа в целом";

/**
 * The pairs of the last «Пересчитать мониторинг»: the rows of «Работа пар» of its latest school
 * year, by pair ID. A pair it no longer covers (ended early, of a closed year) is not asked for;
 * before any recompute (no «Работа пар») every pair row of «Мониторинг» is.
 */
export interface CyclePairs {
  year: number | null;
  byPair: Map<string, Record<string, unknown>>;
}

export function cyclePairsOf(wb: WorkbookPort): CyclePairs {
  const rows = Table.load(wb, "pair_activity").records();
  let year: number | null = null;
  for (const { values } of rows) {
    const y = parseSchoolYear(plainText(values.year));
    if (y !== null && (year === null || y > year)) year = y;
  }
  const byPair = new Map<string, Record<string, unknown>>();
  for (const { values } of rows) {
    const y = parseSchoolYear(plainText(values.year));
    if (year !== null && y !== null && y !== year) continue;
    const id = textWithIsoDates(values.pair_id);
    if (id !== "") byPair.set(id, values as Record<string, unknown>);
  }
  return { year, byPair };
}

/** The live row in «Мониторинг» of each pair of the cycle: the last one of its school year. */
export function pairRows(t: Table<"monitoring">, cycle: CyclePairs): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of t.rowIndexes()) {
    const scope = textWithIsoDates(t.get(r, "scope"));
    if (scope === "" || scope.toLowerCase() === PROGRAM_SCOPE) continue;
    // No «Работа пар» yet (never recomputed): every pair row of «Мониторинг» is asked for.
    if (cycle.byPair.size > 0 && !cycle.byPair.has(scope)) continue;
    const period = parseSchoolYear(plainText(t.get(r, "period")));
    if (period !== null && cycle.year !== null && period !== cycle.year) continue;
    out.set(scope, r);
  }
  return out;
}

/** A pair's facts from «Работа пар», each a short text (blank when there is nothing to say). */
export interface PairFacts {
  /** «12, 1,5 в месяц при норме 4 (39 % нормы)». */
  meetings: string;
  /** «23.05.2027, 2 дн. назад». */
  lastMeeting: string;
  /** The required meeting types never held: «итоговая встреча». */
  missingTypes: string;
  /** The average of the meeting feedback forms: «5,9 из 10». */
  rating: string;
  /** The mentor's monthly reports: «7 из 7». */
  reports: string;
  attention: string;
}

const NO_ACTIVITY = "Нет строки на листе «Работа пар»: выполните «Пересчитать мониторинг».";

function pairFacts(a: Record<string, unknown> | undefined): PairFacts | null {
  if (!a) return null;
  const text = (k: string) => textWithIsoDates(a[k] as never);
  const norm = text("norm");
  const cadence = text("cadence");
  const perMonth = text("per_month").replace(".", ",");
  const last = toCalendarDate(a.last_meeting as never);
  return {
    meetings:
      (text("meetings") || "0") +
      (perMonth && norm
        ? `, ${perMonth} в месяц при норме ${norm}`
        : norm
          ? ` при норме ${norm} в месяц`
          : "") +
      (cadence ? ` (${cadence} % нормы)` : ""),
    lastMeeting: last
      ? `${formatDateRu(last)}${text("days_without") ? `, ${text("days_without")} дн. назад` : ""}`
      : "",
    missingTypes: text("missing_types"),
    rating: text("avg_rating") ? `${text("avg_rating").replace(".", ",")} из 10` : "",
    reports: `${text("reports") || "0"} из ${text("reports_due") || "0"}`,
    attention: text("attention"),
  };
}

/** The facts as the sidebar lists them. */
function factLines(f: PairFacts | null): string[] {
  if (!f) return [NO_ACTIVITY];
  const facts = [`Встреч: ${f.meetings}`];
  if (f.lastMeeting) facts.push(`Последняя встреча: ${f.lastMeeting}`);
  if (f.missingTypes) facts.push(`Не было: ${f.missingTypes}`);
  if (f.rating) facts.push(`Средняя оценка встреч: ${f.rating}`);
  facts.push(`Отчётов наставника: ${f.reports}`);
  if (f.attention) facts.push(`Требует внимания: ${f.attention}`);
  return facts;
}

export function rubricView(wb: WorkbookPort): RubricView {
  const t = Table.load(wb, "monitoring");
  const cycle = cyclePairsOf(wb);
  const pairs: RubricPair[] = [];
  for (const [scope, row] of pairRows(t, cycle)) pairs.push(pairOf(t, cycle, scope, row));
  pairs.sort((a, b) => a.scope.localeCompare(b.scope));
  return {
    indicators: INDICATORS.filter((d) => d.source === "expert").map((d) => ({
      n: d.n,
      key: d.key,
      name: SHORT[d.key] ?? d.name,
      full: d.name,
    })),
    pairs,
  };
}

/** One pair as the view shows it, from its row of «Мониторинг» (as read or just changed). */
function pairOf(t: Table<"monitoring">, cycle: CyclePairs, scope: string, row: number): RubricPair {
  const rec = t.record(row);
  const scores = EXPERT_KEYS.map((k) => {
    const s = parseScore(rec[k]);
    return s === "invalid" ? null : s;
  });
  const computed = INDICATORS.filter((d) => d.source === "computed").map((d) => {
    const v = rec[d.key];
    return `${d.n}: ${isBlank(v) ? "нет данных" : textWithIsoDates(v)}`;
  });
  const detail = pairFacts(cycle.byPair.get(scope));
  return {
    scope,
    label: textWithIsoDates(rec.label) || scope,
    scores,
    computed,
    facts: factLines(detail),
    detail,
    basis: textWithIsoDates(rec.basis),
    total: cellDecimal(rec.total),
    level: textWithIsoDates(rec.level) || LEVEL_UNDETERMINED,
  };
}

export interface RubricPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  user?: string;
}

/** Refuses scores other than five of 0, 1, 2 or null, in Russian. */
export function checkScores(scores: unknown): asserts scores is (Score | null)[] {
  if (!Array.isArray(scores) || scores.length !== EXPERT_KEYS.length)
    throw new Error(`Нужны оценки показателей 1–${EXPERT_KEYS.length}: по одной цифре 0, 1 или 2.`);
  const bad = scores.findIndex((s) => s !== null && s !== 0 && s !== 1 && s !== 2);
  if (bad >= 0) throw new Error(`Показатель ${bad + 1}: оценка может быть только 0, 1 или 2.`);
}

/** The live row of the pair's scope in «Мониторинг», or a Russian error. */
export function pairRowOf(t: Table<"monitoring">, cycle: CyclePairs, scope: string): number {
  const row = pairRows(t, cycle).get(scope);
  if (row === undefined)
    throw new Error(
      `Пары ${scope} нет на листе «Мониторинг»: выполните «Пересчитать мониторинг», затем оцените её.`,
    );
  return row;
}

/** The scores of indicators 1–5 in a row of «Мониторинг» (an invalid cell as null). */
export function scoresOf(t: Table<"monitoring">, row: number): (Score | null)[] {
  return EXPERT_KEYS.map((k) => {
    const s = parseScore(t.get(row, k));
    return s === "invalid" ? null : s;
  });
}

/**
 * Puts a pair's five scores into its row of «Мониторинг» (in memory: the caller flushes), with
 * «Оценил», «Дата оценки», and the row's total and level from its nine cells — the one way the
 * sidebar and the sheet «Оценка куратора» save. Returns the row's rubric.
 */
export function applyScores(
  t: Table<"monitoring">,
  row: number,
  scores: (Score | null)[],
  by: string,
  on: Date,
): RubricResult {
  EXPERT_KEYS.forEach((k, i) => {
    t.set(row, k, scores[i] === null ? "" : (scores[i] as number));
  });
  const result = scoreRubric(t.record(row));
  t.set(row, "total", result.complete ? result.total : "");
  t.set(row, "level", result.level ?? LEVEL_UNDETERMINED);
  t.set(
    row,
    "note",
    result.complete
      ? ""
      : `Уровень не определён: оценено ${result.known} из 9 показателей — нужна оценка куратора.`,
  );
  t.set(row, "assessed_by", by);
  t.set(row, "assessed_at", calendarDate(on));
  return result;
}

/** «уровень «оптимальный» (16 из 18)» or «уровень пока не определён». */
export function levelPhrase(result: RubricResult): string {
  return result.level ? `уровень «${result.level}» (${result.total} из 18)` : "уровень пока не определён";
}

/**
 * Saves a pair's scores of indicators 1–5 (0, 1, 2, or null to clear) into its live row of
 * «Мониторинг», with «Оценил» and «Дата оценки», and the row's total and level from its nine cells.
 * Returns the Russian result and the pair as it now stands.
 */
export function saveRubricScores(
  ports: RubricPorts,
  scope: string,
  scores: (number | null)[],
): { message: string; pair: RubricPair } {
  checkScores(scores);
  return withWorkbookLock(ports, () => {
    const wb = ports.workbook;
    const t = Table.load(wb, "monitoring");
    const cycle = cyclePairsOf(wb);
    const row = pairRowOf(t, cycle, scope);
    const result = applyScores(t, row, scores, ports.user ?? "куратор", ports.clock.now());
    t.flush(wb);
    // The pair as it now stands, from the rows in memory: two sheet reads a save, no more.
    const pair = pairOf(t, cycle, scope, row);
    return { message: `Пара ${scope}: оценки сохранены, ${levelPhrase(result)}.`, pair };
  });
}
