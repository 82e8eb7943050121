import { lowerText, plainText } from "../cells";
import { calendarDate, parseSchoolYear, schoolYearLabel } from "../dates";
import {
  type MeetingRecord,
  PARTNER_CATEGORY,
  type PairRecord,
  type PersonRecord,
  PROGRAM_SCOPE,
  type ReportRecord,
  rating,
  readMeetings,
  readPairs,
  readPeople,
  readReports,
  readSurveys,
  SURVEY_ROLE,
  type SurveyRecord,
} from "../monitoring/data";
import {
  type GrowthParticipant,
  type GrowthRow,
  growthRows,
  KIND_LABEL,
  surveysOf,
} from "../monitoring/growth";
import {
  type ComputedIndicators,
  computeIndicators,
  type Evidence,
  emptyEvidence,
} from "../monitoring/indicators";
import { type PairActivity, pairActivity } from "../monitoring/meetings";
import {
  COMPUTED_KEYS,
  INDICATORS,
  type IndicatorKey,
  LEVEL_UNDETERMINED,
  listNumbers,
  MAX_TOTAL,
  type RubricResult,
  scoreRubric,
} from "../monitoring/rubric";
import { type SatisfactionShares, schoolYearSatisfaction } from "../monitoring/satisfaction";
import { replaceYearRows } from "../monitoring/sheet";
import { type MonitoringThresholds, monitoringThresholds } from "../monitoring/thresholds";
import { countPairsAndGroups, pairsAndGroupsPhrase } from "../participants/groups";
import {
  type Cell,
  type ClockPort,
  isDate,
  type LockPort,
  type ProgressPort,
  type WorkbookPort,
  withWorkbookLock,
} from "../ports";
import { readSettings, type Settings } from "../settings";
import { plural } from "../text";
import { appendJournal } from "../workbook/journal";
import { pairLabels, refreshPairLabels } from "../workbook/pair-labels";
import { PAIR_STATUS } from "../workbook/statuses";
import { type NewRow, Table } from "../workbook/table";

/**
 * «Пересчитать мониторинг»: from the meeting log, the mentors' reports and the monitoring
 * questionnaires, recomputes
 * - «Работа пар»: each pair's meetings against the required types and the cadence, the reports
 *   received, the «требует внимания» flag;
 * - «Мониторинг»: stage 1 of seed 004 per pair and «Программа в целом» — the computed indicators
 *   6–9 (when their data exist), the total and the level; the curator's expert judgements are
 *   never overwritten;
 * - «Динамика участников»: stage 2, entry against exit per participant, with averages;
 * and returns the same as data (attention list for a digest, shares of satisfied participants).
 * One read per sheet, at most one block write plus one append per sheet.
 */

export interface MonitoringPorts {
  workbook: WorkbookPort;
  clock: ClockPort;
  lock?: LockPort;
  progress?: ProgressPort;
  user?: string;
}

export interface MonitoringTables {
  pairs: Table<"pairs">;
  mentors: Table<"mentors">;
  mentees: Table<"mentees">;
  meetings: Table<"meetings">;
  reports: Table<"mentor_reports">;
  surveys: Table<"surveys">;
  monitoring: Table<"monitoring">;
  activity: Table<"pair_activity">;
  growth: Table<"growth">;
}

/** Everything monitoring reads, loaded once (close-cycle reuses and changes the same tables). */
export interface MonitoringInput {
  today: Date;
  settings: Settings;
  thresholds: MonitoringThresholds;
  /** School year being monitored: «2026/2027», its first calendar year and its dates. */
  year: string;
  yearStartYear: number;
  yearStart: Date;
  yearEnd: Date;
  tables: MonitoringTables;
  pairs: PairRecord[];
  mentors: PersonRecord[];
  mentees: PersonRecord[];
  meetings: MeetingRecord[];
  reports: ReportRecord[];
  surveys: SurveyRecord[];
  warnings: string[];
}

export function loadMonitoringInput(wb: WorkbookPort, today: Date): MonitoringInput {
  const settings = readSettings(wb, { today });
  const { thresholds, warnings } = monitoringThresholds(settings);
  const tables: MonitoringTables = {
    pairs: Table.load(wb, "pairs"),
    mentors: Table.load(wb, "mentors"),
    mentees: Table.load(wb, "mentees"),
    meetings: Table.load(wb, "meetings"),
    reports: Table.load(wb, "mentor_reports"),
    surveys: Table.load(wb, "surveys"),
    monitoring: Table.load(wb, "monitoring"),
    activity: Table.load(wb, "pair_activity"),
    growth: Table.load(wb, "growth"),
  };
  const startYear = settings.schoolYear ?? today.getUTCFullYear() - (today.getUTCMonth() >= 8 ? 0 : 1);
  return {
    today,
    settings,
    thresholds,
    year: schoolYearLabel(startYear),
    yearStartYear: startYear,
    yearStart: new Date(Date.UTC(startYear, 8, 1)),
    yearEnd: new Date(Date.UTC(startYear + 1, 7, 31)),
    tables,
    pairs: readPairs(tables.pairs),
    mentors: readPeople(tables.mentors),
    mentees: readPeople(tables.mentees),
    meetings: readMeetings(tables.meetings),
    reports: readReports(tables.reports),
    surveys: readSurveys(tables.surveys),
    warnings: [...settings.warnings, ...warnings],
  };
}

const within = (d: Date, from: Date, to: Date) =>
  d.getTime() >= from.getTime() && d.getTime() <= to.getTime();

/**
 * The pairs of the school year's cycle: every approved pair, and the pairs completed within the
 * year (by their end date; without one, by their start). Pairs completed in an earlier year —
 * closed cycles — are not recomputed.
 */
export function cyclePairs(pairs: PairRecord[], yearStart: Date, yearEnd: Date): PairRecord[] {
  return pairs.filter((p) => {
    if (p.id === "") return false;
    if (p.status === PAIR_STATUS.approved) return true;
    if (p.status !== PAIR_STATUS.completed) return false;
    const ref = p.endDate ?? p.since;
    return ref !== null && within(ref, yearStart, yearEnd);
  });
}

export interface RubricRow {
  scope: string;
  label: string;
  /** Row of «Мониторинг» holding it, or null when it is to be added. */
  row: number | null;
  /** The nine cells as scored (computed where data exist, otherwise the sheet's value). */
  values: Record<IndicatorKey, Cell>;
  computed: ComputedIndicators;
  result: RubricResult;
  note: string;
  basis: string;
}

export interface PairMonitoring {
  pair: PairRecord;
  mentor: PersonRecord | null;
  mentee: PersonRecord | null;
  mentorExit: SurveyRecord | null;
  menteeExit: SurveyRecord | null;
  activity: PairActivity;
  evidence: Evidence;
  rubric: RubricRow;
}

export interface MonitoringResult {
  year: string;
  today: Date;
  thresholds: MonitoringThresholds;
  pairs: PairMonitoring[];
  program: RubricRow;
  /** Approved pairs that «требуют внимания», for a digest. */
  attention: PairActivity[];
  participants: GrowthParticipant[];
  growth: GrowthRow[];
  satisfaction: SatisfactionShares;
  warnings: string[];
}

/** The live row of each scope in «Мониторинг»: the last one not dated to another school year. */
function liveRows(t: Table<"monitoring">, startYear: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of t.rowIndexes()) {
    const scope = lowerText(t.get(r, "scope"));
    if (scope === "") continue;
    const py = parseSchoolYear(plainText(t.get(r, "period")));
    if (py !== null && py !== startYear) continue;
    out.set(scope, r);
  }
  return out;
}

function rubricRow(
  t: Table<"monitoring">,
  scope: string,
  label: string,
  row: number | null,
  computed: ComputedIndicators,
): RubricRow {
  const values = {} as Record<IndicatorKey, Cell>;
  for (const def of INDICATORS) {
    const c = (computed as Partial<ComputedIndicators>)[def.key as keyof ComputedIndicators];
    values[def.key] = c && c.score !== null ? c.score : row !== null ? t.get(row, def.key) : "";
  }
  const result = scoreRubric(values);
  let note = "";
  if (!result.level) {
    const expert = result.missing.filter((n) => n <= 5 && result.invalid.indexOf(n) < 0);
    const data = result.missing.filter((n) => n > 5 && result.invalid.indexOf(n) < 0);
    const parts: string[] = [];
    const po = (ns: number[]) => `по ${ns.length === 1 ? "показателю" : "показателям"} ${listNumbers(ns)}`;
    if (expert.length) parts.push(`нет экспертной оценки куратора ${po(expert)}`);
    if (data.length) parts.push(`нет данных и оценки куратора ${po(data)}`);
    if (result.invalid.length)
      parts.push(
        `в ${result.invalid.length === 1 ? "показателе" : "показателях"} ${listNumbers(result.invalid)} значение не 0, 1 или 2`,
      );
    note = `Уровень не определён: ${parts.join("; ")}. «Итого» не подсчитано: оценено ${result.known} из 9 показателей — нужна оценка куратора.`;
  } else if (result.invalid.length) {
    note = `В ${result.invalid.length === 1 ? "показателе" : "показателях"} ${listNumbers(result.invalid)} значение не 0, 1 или 2.`;
  }
  const basis = COMPUTED_KEYS.map((k) => {
    const c = computed[k];
    if (c.score === null && values[k] !== "" && values[k] !== undefined)
      return c.basis.replace(/: оценка куратора\.$/, `: оценка куратора (${String(values[k])}).`);
    return c.basis;
  }).join("\n");
  return { scope, label, row, values, computed, result, note, basis };
}

const satisfactionOf = (s: SurveyRecord | null) => (s ? rating(s.values.satisfaction) : null);
const push = (arr: number[], v: number | null) => {
  if (v !== null) arr.push(v);
};

/** Computes monitoring from loaded input, without writing. */
export function computeMonitoring(input: MonitoringInput): MonitoringResult {
  const { today, thresholds: t } = input;
  const pairs = cyclePairs(input.pairs, input.yearStart, input.yearEnd);
  const mentorsById = new Map(input.mentors.map((p) => [p.id, p]));
  const menteesById = new Map(input.mentees.map((p) => [p.id, p]));
  const meetingsByPair = new Map<string, MeetingRecord[]>();
  for (const m of input.meetings) {
    const list = meetingsByPair.get(m.pairId) ?? [];
    list.push(m);
    meetingsByPair.set(m.pairId, list);
  }
  const warnings = [...input.warnings];
  const live = liveRows(input.tables.monitoring, input.yearStartYear);
  // A pair ID on several rows of «Пары»: whose meetings are whose cannot be told, so none count.
  const rowsById = new Map<string, number>();
  for (const p of pairs) if (p.id !== "") rowsById.set(p.id, (rowsById.get(p.id) ?? 0) + 1);
  rowsById.forEach((n, id) => {
    if (n > 1)
      warnings.push(
        `ID пары «${id}» стоит в ${n} строках листа «Пары»: встречи с этим ID не засчитаны ни одной из них — дайте каждой паре свой ID и пересчитайте мониторинг.`,
      );
  });

  // Participants of the cycle (stage 2), one per role and person.
  const participants = new Map<string, GrowthParticipant>();
  const participant = (
    role: GrowthParticipant["role"],
    person: PersonRecord | null,
    id: string,
    name: string,
    p: PairRecord,
  ) => {
    const key = `${role}|${id || name}`;
    const existing = participants.get(key);
    if (existing) {
      if (p.form !== "" && existing.forms.indexOf(p.form) < 0) existing.forms.push(p.form);
      if (p.since && (!existing.since || p.since.getTime() < existing.since.getTime()))
        existing.since = p.since;
      return existing;
    }
    const fresh: GrowthParticipant = {
      role,
      id,
      name: person?.name || name,
      email: person?.email ?? "",
      forms: p.form !== "" ? [p.form] : [],
      since: p.since,
    };
    participants.set(key, fresh);
    return fresh;
  };

  const program = emptyEvidence();
  const seenMentors = new Set<string>();
  const seenMentees = new Set<string>();
  const seenReports = new Set<string>();
  const results: PairMonitoring[] = [];

  for (const pair of pairs) {
    const mentor = mentorsById.get(pair.mentorId) ?? null;
    const mentee = menteesById.get(pair.menteeId) ?? null;
    if (!mentor) warnings.push(`Пара ${pair.id}: наставник «${pair.mentorId}» не найден в базе наставников.`);
    if (!mentee)
      warnings.push(`Пара ${pair.id}: наставляемый «${pair.menteeId}» не найден в базе наставляемых.`);
    const mentorP = participant(SURVEY_ROLE.mentor, mentor, pair.mentorId, pair.mentorName, pair);
    const menteeP = participant(SURVEY_ROLE.mentee, mentee, pair.menteeId, pair.menteeName, pair);
    const mentorExit = mentor ? surveysOf({ ...mentorP, since: pair.since }, input.surveys).exit : null;
    const menteeExit = mentee ? surveysOf({ ...menteeP, since: pair.since }, input.surveys).exit : null;
    // The mentor's reports about this pair, and those about all their pairs (no pair named).
    const reports = mentor
      ? input.reports.filter(
          (r) => r.email !== "" && r.email === mentor.email && (r.pairId === "" || r.pairId === pair.id),
        )
      : [];
    const shared = (rowsById.get(pair.id) ?? 0) > 1;
    const activity = pairActivity(pair, shared ? [] : (meetingsByPair.get(pair.id) ?? []), reports, {
      today,
      meetingsPerMonth: t.meetingsPerMonth,
      stallDays: t.stallDays,
    });

    const e = emptyEvidence();
    push(e.menteeSatisfaction, satisfactionOf(menteeExit));
    push(e.mentorSatisfaction, satisfactionOf(mentorExit));
    e.meetingRatings.push(...activity.ratings);
    if (mentor && mentor.category === PARTNER_CATEGORY)
      push(e.partnerSatisfaction, satisfactionOf(mentorExit));
    e.held = activity.expected > 0 ? activity.meetings : 0;
    e.expected = activity.expected;
    for (const r of activity.reports) {
      push(e.menteeActivity, r.menteeActivity);
      push(e.application, r.application);
    }
    push(e.menteeSkills, menteeExit ? rating(menteeExit.values.request_skills) : null);

    // The program pools the same data, each person and each report once.
    if (!seenMentees.has(menteeP.id || menteeP.name)) {
      seenMentees.add(menteeP.id || menteeP.name);
      program.menteeSatisfaction.push(...e.menteeSatisfaction);
      program.menteeSkills.push(...e.menteeSkills);
    }
    if (!seenMentors.has(mentorP.id || mentorP.name)) {
      seenMentors.add(mentorP.id || mentorP.name);
      program.mentorSatisfaction.push(...e.mentorSatisfaction);
      program.partnerSatisfaction.push(...e.partnerSatisfaction);
    }
    program.meetingRatings.push(...e.meetingRatings);
    program.held += e.held;
    program.expected += e.expected;
    for (const r of activity.reports) {
      const k = `${r.email}|${r.month}`;
      if (seenReports.has(k)) continue;
      seenReports.add(k);
      push(program.menteeActivity, r.menteeActivity);
      push(program.application, r.application);
    }

    const computed = computeIndicators(e, t);
    const label = `${pair.mentorName || pair.mentorId} — ${pair.menteeName || pair.menteeId}`;
    const rubric = rubricRow(
      input.tables.monitoring,
      pair.id,
      label,
      live.get(pair.id.toLowerCase()) ?? null,
      computed,
    );
    results.push({ pair, mentor, mentee, mentorExit, menteeExit, activity, evidence: e, rubric });
  }

  const programRubric = rubricRow(
    input.tables.monitoring,
    PROGRAM_SCOPE,
    `${pairsAndGroupsPhrase(countPairsAndGroups(pairs))} — учебный год ${input.year}`,
    live.get(PROGRAM_SCOPE.toLowerCase()) ?? null,
    computeIndicators(program, t),
  );

  const people = [...participants.values()].sort((a, b) =>
    a.role === b.role ? a.name.localeCompare(b.name, "ru") : a.role === SURVEY_ROLE.mentee ? -1 : 1,
  );

  return {
    year: input.year,
    today,
    thresholds: t,
    pairs: results,
    program: programRubric,
    attention: results.filter((r) => r.activity.attention).map((r) => r.activity),
    participants: people,
    growth: growthRows(people, input.surveys),
    // As indicators 5 and 6 count it: every exit answer of the school year, one per person.
    satisfaction: schoolYearSatisfaction(
      input.surveys.map((s) => ({
        email: s.email,
        role: s.role,
        stage: s.stage,
        submittedAt: s.submittedAt,
        satisfaction: s.values.satisfaction,
      })),
      input.yearStartYear,
      t.satisfiedThreshold,
    ),
    warnings,
  };
}

const orBlank = (v: number | null | undefined): Cell => (v === null || v === undefined ? "" : v);

function activityRecord(year: string, a: PairActivity): NewRow<"pair_activity"> {
  return {
    year,
    pair_id: a.pairId,
    mentor_name: a.mentorName,
    mentee_name: a.menteeName,
    form: a.form,
    status: a.status,
    start: a.since ?? "",
    attention: a.attentionText,
    meetings: a.meetings,
    last_meeting: a.lastMeeting ?? "",
    days_without: orBlank(a.daysWithout),
    per_month: orBlank(a.perMonth),
    norm: a.norm,
    cadence: orBlank(a.cadence),
    intro: a.firstOf.intro ?? "",
    trial: a.firstOf.trial ?? "",
    planning: a.firstOf.planning ?? "",
    regular: a.regular,
    final: a.firstOf.final ?? "",
    missing_types: a.missingTypes.join(", "),
    avg_rating: orBlank(a.avgRating),
    reports: a.reportsReceived,
    reports_due: a.reportsDue,
    reports_missing: a.reportsMissing.join(", "),
    row_key: `${year}|${a.pairId}`,
  };
}

function growthRecord(year: string, g: GrowthRow): NewRow<"growth"> {
  return {
    year,
    row_kind: g.rowKind,
    group: g.group,
    role: g.role,
    person_id: g.personId,
    full_name: g.fullName,
    item: g.item,
    kind: g.kind ? KIND_LABEL[g.kind] : "",
    entry: orBlank(g.entry),
    exit: orBlank(g.exit),
    change: orBlank(g.change),
    gap: orBlank(g.gap),
    count: orBlank(g.count),
    note: g.note,
    item_key: g.itemKey,
    row_key: [year, g.rowKind, g.group, g.role, g.personId || g.fullName, g.itemKey].join("|"),
  };
}

function writeRubric(t: Table<"monitoring">, year: string, r: RubricRow): void {
  const cells: NewRow<"monitoring"> = {
    label: r.label,
    // «Итого баллов» only when every indicator is scored: a partial sum is not a total.
    total: r.result.complete ? r.result.total : "",
    // Never blank: a row without a level says why («не определён — нужна оценка куратора»).
    level: r.result.level ?? LEVEL_UNDETERMINED,
    note: r.note,
    basis: r.basis,
  };
  for (const k of COMPUTED_KEYS) if (r.computed[k].score !== null) cells[k] = r.computed[k].score as number;
  if (r.row === null) {
    r.row = t.add({ scope: r.scope, period: year, ...cells });
    return;
  }
  t.setAll(r.row, cells);
  if (plainText(t.get(r.row, "period")) === "") t.set(r.row, "period", year);
}

/** Writes «Мониторинг», «Работа пар» and «Динамика участников». */
export function writeMonitoring(wb: WorkbookPort, input: MonitoringInput, result: MonitoringResult): void {
  const { tables, year } = input;
  // A year without pairs yet gets no «Программа в целом» row of its own.
  if (result.pairs.length > 0 || result.program.row !== null)
    writeRubric(tables.monitoring, year, result.program);
  for (const p of result.pairs) writeRubric(tables.monitoring, year, p.rubric);
  tables.monitoring.flush(wb);
  // Names beside the pair IDs of «Встречи» and «Отчёты наставников», as «Пары» has them now.
  const labels = pairLabels(tables.pairs);
  if (refreshPairLabels(tables.meetings, labels) > 0) tables.meetings.flush(wb);
  if (refreshPairLabels(tables.reports, labels) > 0) tables.reports.flush(wb);
  replaceYearRows(
    wb,
    tables.activity,
    year,
    result.pairs.map((p) => activityRecord(year, p.activity)),
  );
  replaceYearRows(
    wb,
    tables.growth,
    year,
    result.growth.map((g) => growthRecord(year, g)),
  );
}

const OPERATION = "Мониторинг";

/** Logs monitoring's warnings in «Журнал», each at most once a day (a recompute repeats them). */
function journalWarnings(wb: WorkbookPort, ports: MonitoringPorts, warnings: string[]): void {
  const now = ports.clock.now();
  const today = calendarDate(now).getTime();
  const log = Table.load(wb, "log");
  const seen = new Set<string>();
  for (const { values: v } of log.records()) {
    const at = v.at;
    if (plainText(v.operation) === OPERATION && isDate(at) && calendarDate(at).getTime() === today)
      seen.add(plainText(v.message));
  }
  const fresh = warnings.filter((m, i) => !seen.has(m) && warnings.indexOf(m) === i);
  if (fresh.length === 0) return;
  appendJournal(
    wb,
    fresh.map((message) => ({
      at: now,
      level: "предупреждение" as const,
      operation: OPERATION,
      message,
      user: ports.user,
    })),
    log.columns,
  );
}

/** «Пересчитать мониторинг» / `mentor monitor`. */
export function recomputeMonitoring(ports: MonitoringPorts): MonitoringResult {
  const run = () => {
    const wb = ports.workbook;
    ports.progress?.report("Чтение листов");
    const input = loadMonitoringInput(wb, calendarDate(ports.clock.now()));
    ports.progress?.report("Расчёт показателей");
    const result = computeMonitoring(input);
    ports.progress?.report("Запись листов");
    writeMonitoring(wb, input, result);
    if (result.warnings.length > 0) journalWarnings(wb, ports, result.warnings);
    return result;
  };
  return withWorkbookLock(ports, run);
}

function share(s: { satisfied: number; respondents: number; percent: number | null }, who: string): string {
  if (s.percent === null) return `${who}: итоговых анкет нет`;
  return `${who} — ${String(s.percent).replace(".", ",")} % (${s.satisfied} из ${s.respondents})`;
}

/** One Russian paragraph for a toast or the CLI. */
export function describeMonitoring(r: MonitoringResult): string {
  const n = r.pairs.length;
  if (n === 0)
    return `Мониторинг ${r.year}: утверждённых пар пока нет — показателям не из чего складываться. Листы «Работа пар» и «Динамика участников» обновлены.`;
  const program = r.program.result;
  const k = program.known;
  const dative = plural(k, "показателю", "показателям", "показателям");
  const level = program.level
    ? `${program.total} из ${MAX_TOTAL} баллов, ${program.level} уровень`
    : `уровень не определён (известно ${program.total} из ${MAX_TOTAL} баллов по ${k} ${dative} из 9; экспертные оценки — на листе «Мониторинг»)`;
  const attention =
    r.attention.length === 0
      ? "пар, требующих внимания, нет"
      : `требуют внимания: ${r.attention.length} (${r.attention.map((a) => a.pairId).join(", ")})`;
  const warn = r.warnings.length > 0 ? ` Замечаний: ${r.warnings.length} (см. «Журнал»).` : "";
  return (
    `Мониторинг ${r.year} пересчитан: ${pairsAndGroupsPhrase(countPairsAndGroups(r.pairs.map((p) => p.pair)))}; программа в целом — ${level}; ${attention}; ` +
    `удовлетворены: ${share(r.satisfaction.mentees, "наставляемые")}, ${share(r.satisfaction.mentors, "наставники")}.${warn}`
  );
}
