import { cellAmount, textWithIsoDates } from "../cells";
import { DAY_MS, parseSchoolYear, toCalendarDate } from "../dates";
import { INDICATORS, type IndicatorKey, type Level, levelOf } from "../monitoring/rubric";
import { schoolYearSatisfaction } from "../monitoring/satisfaction";
import { countPairsAndGroups, type PairsAndGroups } from "../participants/groups";
import { indicatorDefinitions, sheetTemplate } from "../templates/load";
import { normalizeHeader, plural } from "../text";

export { countPairsAndGroups, type PairsAndGroups };

import type { ColumnKey } from "../workbook/keys.generated";
import { INDICATOR_STATUS, MENTEE_STATUS, PAIR_STATUS, ROADMAP_STATUS } from "../workbook/statuses";
import type { DocumentSource, PairInfo } from "./source";

/**
 * The figures the documents report, from the workbook in one place. The six indicators are those of
 * «Сводка» (core/usecases/summary), not computed again here; the documents only read the
 * interfaces below, so swapping an implementation means changing this file alone.
 */

// --- Participants ---

export interface FormFigure {
  form: string;
  /** Rows of «Пары» (one per mentee). */
  pairs: number;
  mentors: number;
  mentees: number;
  /** As the order lists them: individual pairs and groups (see countPairsAndGroups). */
  individual: number;
  groups: number;
}

/** «10 пар и 16 групп, 46 наставляемых» (a part that is zero is left out). */
export function pairsAndGroupsText(c: PairsAndGroups): string {
  const n = (k: number, one: string, few: string, many: string) => `${k} ${plural(k, one, few, many)}`;
  const parts = [
    ...(c.pairs > 0 || c.groups === 0 ? [n(c.pairs, "пара", "пары", "пар")] : []),
    ...(c.groups > 0 ? [n(c.groups, "группа", "группы", "групп")] : []),
  ];
  return `${parts.join(" и ")}, ${n(c.mentees, "наставляемый", "наставляемых", "наставляемых")}`;
}

export interface CountFigure {
  label: string;
  count: number;
}

export interface ParticipantFigures {
  /** Rows of «Пары» that took part (approved or completed): one per mentee. */
  pairs: number;
  /** The rows counted as the order lists them: individual pairs, groups, people. */
  units: PairsAndGroups;
  approved: number;
  completed: number;
  mentors: number;
  mentees: number;
  /** Mentors who lead more than one mentee (= units.groups). */
  groups: number;
  byForm: FormFigure[];
  mentorsByCategory: CountFigure[];
  menteesByCategory: CountFigure[];
  bankMentors: number;
  bankMentees: number;
  /** Mentees still waiting for a pair («ожидает пары»), whatever the reason. */
  waiting: number;
  /**
   * Mentees without a pair by why (from «Допуск к подбору»): no consent to personal data, no
   * consent of the legal representative, or eligible but no mentor was free.
   */
  withoutPair: { noConsent: number; noGuardianConsent: number; noFreeMentor: number; other: number };
  /** Mentees without a pair supported by the psychologist. */
  supported: number;
  partnerOrganisations: string[];
}

function countBy(values: string[]): CountFigure[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v || "не указано", (m.get(v || "не указано") ?? 0) + 1);
  return [...m.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

export function participantFigures(src: DocumentSource): ParticipantFigures {
  const pairs = src.activePairs();
  const mentors = src.byId("mentors");
  const mentees = src.byId("mentees");
  const forms = new Map<
    string,
    { pairs: number; mentors: Set<string>; mentees: Set<string>; rows: PairInfo[] }
  >();
  for (const p of pairs) {
    const key = p.form || "форма не указана";
    const f = forms.get(key) ?? {
      pairs: 0,
      mentors: new Set<string>(),
      mentees: new Set<string>(),
      rows: [],
    };
    f.pairs++;
    f.rows.push(p);
    f.mentors.add(p.mentorId);
    f.mentees.add(p.menteeId);
    forms.set(key, f);
  }
  const mentorIds = [...new Set(pairs.map((p) => p.mentorId))];
  const menteeIds = [...new Set(pairs.map((p) => p.menteeId))];
  const units = countPairsAndGroups(pairs);
  const withoutPair = { noConsent: 0, noGuardianConsent: 0, noFreeMentor: 0, other: 0 };
  for (const m of mentees.values()) {
    const status = textWithIsoDates(m.status).toLowerCase();
    if (status !== MENTEE_STATUS.waiting && status !== MENTEE_STATUS.supported) continue;
    const why = textWithIsoDates(m.eligibility).toLowerCase();
    if (why === "да") withoutPair.noFreeMentor++;
    else if (why.includes("согласия на обработку")) withoutPair.noConsent++;
    else if (why.includes("законного представителя")) withoutPair.noGuardianConsent++;
    else withoutPair.other++;
  }
  const menteeStatuses = [...mentees.values()].map((m) => textWithIsoDates(m.status).toLowerCase());
  const organisations = new Set<string>();
  for (const id of mentorIds) {
    const m = mentors.get(id);
    if (m && textWithIsoDates(m.source) === "организации-партнёры" && textWithIsoDates(m.organisation) !== "")
      organisations.add(textWithIsoDates(m.organisation));
  }
  return {
    pairs: pairs.length,
    units,
    approved: pairs.filter((p) => p.status === PAIR_STATUS.approved).length,
    completed: pairs.filter((p) => p.status === PAIR_STATUS.completed).length,
    mentors: mentorIds.length,
    mentees: menteeIds.length,
    groups: units.groups,
    byForm: [...forms.entries()]
      .map(([form, f]) => {
        const c = countPairsAndGroups(f.rows);
        return {
          form,
          pairs: f.pairs,
          mentors: f.mentors.size,
          mentees: f.mentees.size,
          individual: c.pairs,
          groups: c.groups,
        };
      })
      .sort((a, b) => b.pairs - a.pairs),
    mentorsByCategory: countBy(mentorIds.map((id) => textWithIsoDates(mentors.get(id)?.category))),
    menteesByCategory: countBy(menteeIds.map((id) => textWithIsoDates(mentees.get(id)?.category))),
    bankMentors: mentors.size,
    bankMentees: mentees.size,
    waiting: menteeStatuses.filter((s) => s === MENTEE_STATUS.waiting).length,
    withoutPair,
    supported: menteeStatuses.filter((s) => s.startsWith("без пары")).length,
    partnerOrganisations: [...organisations].sort(),
  };
}

// --- Monitoring, stage 1: the rubric of seed 004 ---

export interface RubricIndicator {
  key: IndicatorKey;
  criterion: string;
  name: string;
}

/** The nine indicators of the rubric, worded as in seed 004 (from core/monitoring). */
export const RUBRIC: RubricIndicator[] = INDICATORS.map((i) => ({
  key: i.key,
  criterion: i.criterion,
  name: i.name,
}));

export type RubricLevel = Level;

/** 15–18 optimal, 9–14 acceptable, 0–8 unacceptable (seed 004); a mean total is rounded first. */
export function rubricLevel(total: number): RubricLevel {
  return levelOf(Math.round(total));
}

export const LEVEL_RANGES: Record<RubricLevel, string> = {
  оптимальный: "15–18 баллов",
  допустимый: "9–14 баллов",
  недопустимый: "0–8 баллов",
};

export interface MonitoringIndicator extends RubricIndicator {
  /** 0–2, a mean over pairs where the program's own row has no score; null when nobody scored it. */
  score: number | null;
  /** Where the score comes from: the row of the program as a whole, or the mean over pair rows. */
  from: "program" | "pairs" | null;
}

export interface MonitoringFigures {
  /** Pair rows with at least one indicator scored. */
  assessed: number;
  indicators: MonitoringIndicator[];
  /** Sum of the known scores (null when none is known). */
  total: number | null;
  /** The level, only when all nine indicators are scored. */
  level: RubricLevel | null;
  /** Numbers (1–9) of the indicators nobody scored yet. */
  missing: number[];
  /** True when a row scores the program as a whole («Программа в целом» in «Объект оценки»). */
  fromProgramRow: boolean;
  /** Fully scored pair rows by level. */
  levels: Record<RubricLevel, number>;
  periods: string[];
}

/**
 * Stage 1 from «Мониторинг»: the row of the program as a whole (as the monitoring feature writes
 * it) where it has a score, else the mean over the pairs' rows, indicator by indicator. Rows dated
 * to another school year are left out.
 */
export function monitoringFigures(src: DocumentSource): MonitoringFigures {
  const year = src.school().schoolYearStart;
  const rows = src
    .records("monitoring")
    .filter((r) => RUBRIC.some((i) => cellAmount(r[i.key]) !== null))
    .filter((r) => {
      const y = parseSchoolYear(textWithIsoDates(r.period));
      return y === null || y === year;
    });
  const isProgram = (scope: string) => /программ|в целом|школ/i.test(scope);
  const programRow = rows.filter((r) => isProgram(textWithIsoDates(r.scope))).pop();
  const pairRows = rows.filter((r) => !isProgram(textWithIsoDates(r.scope)));
  const clamp = (v: number) => Math.max(0, Math.min(2, v));
  const indicators: MonitoringIndicator[] = RUBRIC.map((i) => {
    const own = programRow ? cellAmount(programRow[i.key]) : null;
    if (own !== null) return { ...i, score: clamp(own), from: "program" };
    const scores = pairRows.map((r) => cellAmount(r[i.key])).filter((v): v is number => v !== null);
    if (scores.length === 0) return { ...i, score: null, from: null };
    return { ...i, score: scores.reduce((s, v) => s + clamp(v), 0) / scores.length, from: "pairs" };
  });
  const scored = indicators.filter((i) => i.score !== null);
  const total = scored.length === 0 ? null : scored.reduce((s, i) => s + (i.score ?? 0), 0);
  const missing = indicators.map((i, n) => (i.score === null ? n + 1 : 0)).filter((n) => n > 0);
  const levels: Record<RubricLevel, number> = { оптимальный: 0, допустимый: 0, недопустимый: 0 };
  for (const r of pairRows) {
    const scores = RUBRIC.map((i) => cellAmount(r[i.key]));
    if (scores.some((v) => v === null)) continue;
    levels[rubricLevel(scores.reduce((s: number, v) => s + clamp(v ?? 0), 0))]++;
  }
  return {
    assessed: pairRows.length,
    indicators,
    total,
    level: total !== null && missing.length === 0 ? rubricLevel(total) : null,
    missing,
    fromProgramRow: programRow !== undefined,
    levels,
    periods: [...new Set(rows.map((r) => textWithIsoDates(r.period)).filter((p) => p !== ""))],
  };
}

// --- Monitoring questionnaires: expectations and results, growth, satisfaction ---

export type SurveyRole = "наставник" | "наставляемый";
export const SURVEY_ROLES: SurveyRole[] = ["наставляемый", "наставник"];

/** Rated items asked as an expectation at entry and as a result at exit. */
export const EXPECTATION_ITEMS: ColumnKey<"surveys">[] = [
  "effectiveness",
  "comfort",
  "usefulness",
  "group_meetings",
  "personal_meetings",
  "clarity",
  "joint_work",
];

/** Parameters of growth measured twice (stage 2). */
export const GROWTH_ITEMS: ColumnKey<"surveys">[] = [
  "motivation",
  "confidence",
  "request_skills",
  "involvement",
  "mentoring_skills",
];

/**
 * An item's entry and exit means as the documents show them, rounded to one decimal first so that
 * a difference is that of the shown values. When exit answers exist, both means are taken over the
 * same people only: those who answered both the entry and the exit questionnaire (by e-mail);
 * before that, the entry mean is over every entry answer and exit is null.
 */
export interface SurveyItemFigure {
  key: string;
  name: string;
  entry: number | null;
  exit: number | null;
}

export interface RoleSurveyFigures {
  entryCount: number;
  exitCount: number;
  /** People who answered both the entry and the exit questionnaire: the n of every comparison. */
  pairedCount: number;
  expectations: SurveyItemFigure[];
  growth: SurveyItemFigure[];
  /** Share (%) of exit answers with satisfaction at or above the threshold. */
  satisfied: number | null;
  satisfiedCount: number;
  /** Share (%) who would continue; who want to become mentors. */
  wouldContinue: number | null;
  wantsToBeMentor: number | null;
  averageSatisfaction: number | null;
  valuable: string[];
  missing: string[];
}

export type SurveyFigures = Record<SurveyRole, RoleSurveyFigures>;

function mean(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length === 0 ? null : v.reduce((s, x) => s + x, 0) / v.length;
}

function share(values: string[], yes: string): number | null {
  const answered = values.filter((v) => v !== "");
  return answered.length === 0 ? null : (100 * answered.filter((v) => v === yes).length) / answered.length;
}

export function surveyFigures(src: DocumentSource): SurveyFigures {
  const threshold = src.school().satisfiedThreshold;
  const headers = new Map(sheetTemplate("surveys").columns.map((c) => [c.key, c.header]));
  const rows = src.records("surveys");
  const stageOf = (v: unknown) => {
    const s = normalizeHeader(v);
    return s.startsWith("вход") ? "entry" : s.startsWith("итог") ? "exit" : "";
  };
  const start = src.school().schoolYearStart;
  const inSchoolYear = (v: unknown) => {
    const t = toCalendarDate(v)?.getTime();
    return t === undefined || (t >= Date.UTC(start, 8, 1) && t < Date.UTC(start + 1, 8, 1));
  };
  const out = {} as SurveyFigures;
  for (const role of SURVEY_ROLES) {
    const mine = rows.filter((r) => textWithIsoDates(r.role).toLowerCase() === role);
    const entry = mine.filter((r) => stageOf(r.stage) === "entry");
    // Exit answers of the school year (or undated), as indicators 5 and 6 count them.
    const exit = mine.filter((r) => stageOf(r.stage) === "exit" && inSchoolYear(r.submitted_at));
    const person = (r: (typeof rows)[number]) => textWithIsoDates(r.email).toLowerCase();
    const exitPeople = new Set(exit.map(person).filter((e) => e !== ""));
    const both = new Set(entry.map(person).filter((e) => exitPeople.has(e)));
    const compared = exit.length > 0;
    const shown = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const item = (key: ColumnKey<"surveys">): SurveyItemFigure => ({
      key,
      name: headers.get(key) ?? key,
      entry: shown(
        mean((compared ? entry.filter((r) => both.has(person(r))) : entry).map((r) => cellAmount(r[key]))),
      ),
      exit: shown(mean(exit.filter((r) => both.has(person(r))).map((r) => cellAmount(r[key])))),
    });
    const satisfaction = exit.map((r) => cellAmount(r.satisfaction)).filter((v): v is number => v !== null);
    // As indicators 5 and 6 count it: the exit answers of the school year, one per person.
    const shares = schoolYearSatisfaction(
      exit.map((r) => ({
        email: textWithIsoDates(r.email),
        role,
        stage: textWithIsoDates(r.stage),
        submittedAt: toCalendarDate(r.submitted_at),
        satisfaction: r.satisfaction,
      })),
      src.school().schoolYearStart,
      threshold,
    );
    const roleShare = role === "наставник" ? shares.mentors : shares.mentees;
    const texts = (key: ColumnKey<"surveys">) =>
      exit
        .map((r) => textWithIsoDates(r[key]))
        .filter((t, i, all) => t.length > 2 && all.indexOf(t) === i)
        .slice(0, 5);
    out[role] = {
      entryCount: entry.length,
      exitCount: exit.length,
      pairedCount: both.size,
      expectations: EXPECTATION_ITEMS.map(item).filter((i) => i.entry !== null || i.exit !== null),
      growth: GROWTH_ITEMS.map(item).filter((i) => i.entry !== null || i.exit !== null),
      satisfied: roleShare.percent,
      satisfiedCount: roleShare.satisfied,
      wouldContinue: share(
        exit.map((r) => textWithIsoDates(r.would_continue).toLowerCase()),
        "да",
      ),
      wantsToBeMentor: share(
        exit.map((r) => textWithIsoDates(r.wants_to_be_mentor).toLowerCase()),
        "да",
      ),
      averageSatisfaction: mean(satisfaction),
      valuable: texts("valuable"),
      missing: texts("missing"),
    };
  }
  return out;
}

// --- Indicators against targets (seed 001) ---

export interface IndicatorFigure {
  code: string;
  /** The full name of indicators.json, as «Показатели» has it. */
  name: string;
  unit: string;
  target: number | null;
  /** The year of the target and of the actual value: the school year's first year. */
  targetYear: number | null;
  actual: number | null;
  met: boolean | null;
  method: string;
}

/**
 * The six indicators exactly as «Сводка» and «Показатели» show them: taken from the summary's
 * computation (core/usecases/summary), so the documents and the sheets cannot disagree.
 */
export function indicatorFigures(src: DocumentSource): IndicatorFigure[] {
  const summary = src.summary();
  const defs = indicatorDefinitions().indicators;
  return summary.indicators.map((i) => {
    const def = defs.find((d) => d.code === i.code);
    return {
      code: i.code,
      name: def?.name ?? i.name,
      unit: i.unit,
      target: i.target,
      targetYear: i.target === null ? null : summary.year,
      actual: i.actual,
      met: i.status === INDICATOR_STATUS.met ? true : i.status === INDICATOR_STATUS.notMet ? false : null,
      method: def?.method ?? "",
    };
  });
}

// --- Roadmap ---

export interface StageFigure {
  stage: string;
  total: number;
  done: number;
  inWork: number;
  overdue: number;
  planned: number;
  cancelled: number;
  /** Done among events not cancelled, %. */
  percent: number | null;
}

export interface RoadmapFigures {
  stages: StageFigure[];
  total: StageFigure;
  /**
   * The share (%) of the events not cancelled expected done by today: an event with an end date
   * counts once it is past, an event without one by the share of the program's term elapsed; null
   * when nothing is left to do.
   */
  expectedPercent: number | null;
  overdueEvents: { event: string; deadline: string; responsible: string }[];
}

export function roadmapFigures(src: DocumentSource): RoadmapFigures {
  const today = src.today;
  const order: string[] = [];
  const stages = new Map<string, StageFigure>();
  const empty = (stage: string): StageFigure => ({
    stage,
    total: 0,
    done: 0,
    inWork: 0,
    overdue: 0,
    planned: 0,
    cancelled: 0,
    percent: null,
  });
  const total = empty("Всего");
  const overdueEvents: RoadmapFigures["overdueEvents"] = [];
  let lastStage = "";
  const { programStart, programEnd } = src.school();
  const term = programEnd.getTime() - programStart.getTime();
  const elapsed = term > 0 ? Math.max(0, Math.min(1, (today.getTime() - programStart.getTime()) / term)) : 1;
  let expected = 0;
  for (const r of src.records("roadmap")) {
    if (textWithIsoDates(r.event) === "") continue;
    const stage = textWithIsoDates(r.stage) || lastStage || "Мероприятия";
    lastStage = stage;
    if (!stages.has(stage)) {
      stages.set(stage, empty(stage));
      order.push(stage);
    }
    const s = stages.get(stage)!;
    const status = textWithIsoDates(r.status).toLowerCase();
    const end = toCalendarDate(r.end);
    if (status !== ROADMAP_STATUS.cancelled)
      expected += end === null ? elapsed : end.getTime() < today.getTime() ? 1 : 0;
    let bucket: keyof Omit<StageFigure, "stage" | "percent" | "total">;
    if (status === ROADMAP_STATUS.done) bucket = "done";
    else if (status === ROADMAP_STATUS.cancelled) bucket = "cancelled";
    else if (status === ROADMAP_STATUS.overdue || (end !== null && end.getTime() < today.getTime()))
      bucket = "overdue";
    else if (status === ROADMAP_STATUS.inProgress) bucket = "inWork";
    else bucket = "planned";
    for (const f of [s, total]) {
      f.total++;
      f[bucket]++;
    }
    if (bucket === "overdue")
      overdueEvents.push({
        event: textWithIsoDates(r.event),
        deadline: textWithIsoDates(r.deadline_text),
        responsible: textWithIsoDates(r.responsible),
      });
  }
  const withPercent = (f: StageFigure): StageFigure => ({
    ...f,
    percent: f.total - f.cancelled > 0 ? (100 * f.done) / (f.total - f.cancelled) : null,
  });
  const open = total.total - total.cancelled;
  return {
    stages: order.map((s) => withPercent(stages.get(s)!)),
    total: withPercent(total),
    expectedPercent: open > 0 ? (100 * expected) / open : null,
    overdueEvents,
  };
}

// --- Meetings ---

export interface MeetingFigures {
  total: number;
  /** Meetings dated within [from, to]. */
  inPeriod: number;
  pairsWithMeetings: number;
  /** Approved pairs with no meeting for longer than «stall_days». */
  stalled: PairInfo[];
  averageMentorRating: number | null;
  averageMenteeRating: number | null;
}

export function meetingFigures(src: DocumentSource, from?: Date, to?: Date): MeetingFigures {
  const meetings = src.records("meetings").map((m) => ({
    pair: textWithIsoDates(m.pair_id),
    date: toCalendarDate(m.date),
    mentor: cellAmount(m.mentor_rating),
    mentee: cellAmount(m.mentee_rating),
  }));
  const last = new Map<string, number>();
  for (const m of meetings) if (m.date) last.set(m.pair, Math.max(last.get(m.pair) ?? 0, m.date.getTime()));
  const stallMs = src.school().stallDays * DAY_MS;
  const today = src.today.getTime();
  const stalled = src.approvedPairs().filter((p) => {
    const started = (p.start ?? p.approvedAt ?? src.school().programStart).getTime();
    if (today - started <= stallMs) return false;
    const l = last.get(p.id);
    return l === undefined || today - l > stallMs;
  });
  return {
    total: meetings.length,
    inPeriod: meetings.filter(
      (m) =>
        m.date !== null &&
        (from === undefined || m.date.getTime() >= from.getTime()) &&
        (to === undefined || m.date.getTime() <= to.getTime()),
    ).length,
    pairsWithMeetings: new Set(meetings.map((m) => m.pair).filter((p) => p !== "")).size,
    stalled,
    averageMentorRating: mean(meetings.map((m) => m.mentor)),
    averageMenteeRating: mean(meetings.map((m) => m.mentee)),
  };
}
