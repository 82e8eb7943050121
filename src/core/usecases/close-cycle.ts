import { cellDate, isYes, plainText } from "../cells";
import { calendarDate, schoolYearLabel, utcDate } from "../dates";
import { mean, type PersonRecord, rating, readPairs, round1 } from "../monitoring/data";
import { describeRubric } from "../monitoring/rubric";
import { replaceYearRows, withMarkedLine } from "../monitoring/sheet";
import { countPairsAndGroups, type PairsAndGroups, pairsAndGroupsPhrase } from "../participants/groups";
import { type ClockPort, type WorkbookPort, withWorkbookLock } from "../ports";
import { sheetName } from "../templates/load";
import { appendJournal } from "../workbook/journal";
import { MENTEE_STATUS, MENTOR_STATUS, PAIR_STATUS, PARTICIPANT_STATUS } from "../workbook/statuses";
import { type NewRow, Table } from "../workbook/table";
import {
  computeMonitoring,
  cyclePairs,
  loadMonitoringInput,
  type MonitoringPorts,
  type MonitoringResult,
  type PairMonitoring,
  writeMonitoring,
} from "./monitoring";
import { freezeIndicators } from "./summary";

/**
 * «Завершить цикл» (seeds 000, 002, 003): closes the school year's cycle of mentorship.
 * 1. Every approved pair is completed: status «завершена», its end date (kept when already within
 *    the year, else today clamped into the year), its stage 1 result in «Итог».
 * 2. Monitoring is recomputed on the final state (the same sheets as «Пересчитать мониторинг»).
 * 3. The results go back into both banks: a line «Итоги 2026/2027: …» in the curator's comment
 *    and the status for the next year — a participant who said in the exit survey they want to
 *    continue is reset («ожидает пары»; a mentor «допущен», or «кандидат» without an interview or
 *    training date); the others «завершил». Nobody is deleted; «выбыл» stays.
 * 4. «Рейтинг наставников»: mentors ranked by the mean total of their pairs with a complete rubric.
 * 5. «Лучшие практики»: the pairs at the optimal level with what was valuable to them.
 * 6. «Настройки»: the school year (and the program's dates) advance by one year.
 *
 * Idempotent: a second run finds no pair of the new year to close and writes nothing. Re-running
 * a year (after setting «Учебный год» back) replaces its lines and rows rather than adding them.
 * A run that failed half-way is finished by running it again. Either way «Показатели» keeps the
 * figures frozen by the year's first run, taken before the banks' statuses were reset.
 */

export interface CloseCyclePreview {
  year: string;
  nextYear: string;
  /** Approved pairs to complete, and pairs already completed this year. */
  approved: number;
  completed: number;
}

export interface RankedMentor {
  place: number | null;
  mentorId: string;
  name: string;
  category: string;
  pairs: number;
  rated: number;
  avgTotal: number | null;
  bestTotal: number | null;
  levels: string;
  satisfaction: number | null;
  note: string;
}

export interface CloseCycleReport {
  year: string;
  nextYear: string;
  /** True when there was nothing to close (e.g. a second run): nothing was written. */
  nothingToClose: boolean;
  closedPairs: number;
  /** The closed rows as the order lists them: pairs, groups and their mentees. */
  closedUnits: PairsAndGroups;
  monitoring: MonitoringResult | null;
  ranking: RankedMentor[];
  bestPractices: number;
  mentors: { continuing: number; finished: number };
  mentees: { continuing: number; finished: number };
}

const MARKER = (year: string) => `Итоги ${year}:`;
/** Start of the outcome line a closed pair gets in «Итог». */
const OUTCOME_MARKER = (year: string) => `${MARKER(year)} этап 1 мониторинга — `;

/**
 * Whether an earlier run of «Завершить цикл» for the year already froze «Показатели». The freeze
 * is a run's first write and the pairs' outcome lines its second, one write for all the pairs;
 * the banks change only after both. So a pair of the cycle with its outcome line means the
 * indicators on the sheet were frozen by that run, from the banks as they were before the close
 * (a run that failed half-way, or the year closed before and set back in «Настройки»). Without
 * such a line the banks are as they were and freezing again gives the same figures.
 */
function alreadyFrozen(pt: Table<"pairs">, pairs: { row: number }[], year: string): boolean {
  return pairs.some((p) =>
    plainText(pt.get(p.row, "outcome"))
      .split("\n")
      .some((l) => l.startsWith(OUTCOME_MARKER(year))),
  );
}

/** What «Завершить цикл» would close: for the confirmation prompt. */
export function previewCloseCycle(wb: WorkbookPort, clock: ClockPort): CloseCyclePreview {
  const input = loadMonitoringInput(wb, calendarDate(clock.now()));
  const pairs = cyclePairs(input.pairs, input.yearStart, input.yearEnd);
  const approved = pairs.filter((p) => p.status === PAIR_STATUS.approved).length;
  return {
    year: input.year,
    nextYear: schoolYearLabel(input.yearStartYear + 1),
    approved,
    completed: pairs.length - approved,
  };
}

function clamp(d: Date, from: Date, to: Date): Date {
  if (d.getTime() < from.getTime()) return from;
  if (d.getTime() > to.getTime()) return to;
  return d;
}

/** The same day a year later (29 February → 28 February). */
function nextYearDate(d: Date): Date {
  const y = d.getUTCFullYear() + 1;
  const m = d.getUTCMonth() + 1;
  const day = m === 2 && d.getUTCDate() === 29 ? 28 : d.getUTCDate();
  return utcDate(y, m, day);
}

export function closeCycle(ports: MonitoringPorts): CloseCycleReport {
  const run = () => close(ports);
  return withWorkbookLock(ports, run);
}

function close(ports: MonitoringPorts): CloseCycleReport {
  const wb = ports.workbook;
  const today = calendarDate(ports.clock.now());
  const input = loadMonitoringInput(wb, today);
  const { year, yearStart, yearEnd } = input;
  const nextYear = schoolYearLabel(input.yearStartYear + 1);
  const report: CloseCycleReport = {
    year,
    nextYear,
    nothingToClose: true,
    closedPairs: 0,
    closedUnits: { pairs: 0, groups: 0, mentors: 0, mentees: 0 },
    monitoring: null,
    ranking: [],
    bestPractices: 0,
    mentors: { continuing: 0, finished: 0 },
    mentees: { continuing: 0, finished: 0 },
  };
  const pairs = cyclePairs(input.pairs, yearStart, yearEnd);
  if (pairs.length === 0) return report;
  report.nothingToClose = false;

  // 0. The year's indicators become values before the banks move on: the result stays on record.
  // Only once per year: when a pair already has its outcome line, an earlier run froze them (see
  // `alreadyFrozen`) and the banks may have moved on since; freezing again would take the figures
  // from the statuses that run reset.
  const pt = input.tables.pairs;
  if (!alreadyFrozen(pt, pairs, year)) freezeIndicators(wb, today);

  // 1. Pairs: completed, with an end date inside the year.
  ports.progress?.report("Завершение пар");
  for (const p of pairs) {
    if (p.status === PAIR_STATUS.approved) pt.set(p.row, "status", PAIR_STATUS.completed);
    if (!p.endDate || p.endDate.getTime() < yearStart.getTime() || p.endDate.getTime() > yearEnd.getTime())
      pt.set(p.row, "end_date", clamp(today, yearStart, yearEnd));
  }
  input.pairs = readPairs(pt);

  // 2. Monitoring on the final state.
  ports.progress?.report("Пересчёт мониторинга");
  const result = computeMonitoring(input);
  report.monitoring = result;
  report.closedPairs = result.pairs.length;
  report.closedUnits = countPairsAndGroups(result.pairs.map((p) => p.pair));
  for (const pm of result.pairs) {
    const line = `${OUTCOME_MARKER(year)}${describeRubric(pm.rubric.result)}.`;
    pt.set(
      pm.pair.row,
      "outcome",
      withMarkedLine(plainText(pt.get(pm.pair.row, "outcome")), MARKER(year), line),
    );
  }
  pt.flush(wb);
  writeMonitoring(wb, input, result);

  // 3. Both banks.
  ports.progress?.report("Запись итогов в базы");
  const byMentor = new Map<string, PairMonitoring[]>();
  const byMentee = new Map<string, PairMonitoring[]>();
  for (const pm of result.pairs) {
    if (pm.mentor) byMentor.set(pm.mentor.id, [...(byMentor.get(pm.mentor.id) ?? []), pm]);
    if (pm.mentee) byMentee.set(pm.mentee.id, [...(byMentee.get(pm.mentee.id) ?? []), pm]);
  }
  const pairsText = (list: PairMonitoring[], other: (pm: PairMonitoring) => string) =>
    list
      .map(
        (pm) =>
          `${list.length > 1 ? "" : "пара "}${pm.pair.id} (${other(pm)}) — ${describeRubric(pm.rubric.result)}`,
      )
      .join("; ");

  const mt = input.tables.mentors;
  byMentor.forEach((list) => {
    const person = list[0].mentor as PersonRecord;
    const exit = list[0].mentorExit;
    const wants = exit ? isYes(exit.values.would_continue) : false;
    const intent = !exit
      ? "итоговая анкета не получена"
      : wants
        ? "готов(а) быть наставником в следующем цикле"
        : "не планирует продолжать";
    const line = `${MARKER(year)} ${list.length > 1 ? "пары " : ""}${pairsText(list, (pm) => `наставляемый ${pm.pair.menteeName || pm.pair.menteeId}`)}; ${intent}.`;
    mt.set(person.row, "comment", withMarkedLine(person.comment, MARKER(year), line));
    if (person.status !== PARTICIPANT_STATUS.left) {
      const status = wants
        ? person.interviewDate || person.trainingDate
          ? MENTOR_STATUS.admitted
          : MENTOR_STATUS.candidate
        : MENTOR_STATUS.finished;
      mt.set(person.row, "status", status);
      report.mentors[wants ? "continuing" : "finished"]++;
    }
  });
  mt.flush(wb);

  const nt = input.tables.mentees;
  byMentee.forEach((list) => {
    const person = list[0].mentee as PersonRecord;
    const exit = list[0].menteeExit;
    const wants = exit ? isYes(exit.values.would_continue) : false;
    const intent = !exit
      ? "итоговая анкета не получена"
      : `${wants ? "хочет продолжить" : "не планирует продолжать"}${isYes(exit.values.wants_to_be_mentor) ? "; хочет стать наставником" : ""}`;
    const line = `${MARKER(year)} ${list.length > 1 ? "пары " : ""}${pairsText(list, (pm) => `наставник ${pm.pair.mentorName || pm.pair.mentorId}`)}; ${intent}.`;
    nt.set(person.row, "comment", withMarkedLine(person.comment, MARKER(year), line));
    if (person.status !== PARTICIPANT_STATUS.left) {
      nt.set(person.row, "status", wants ? MENTEE_STATUS.waiting : MENTEE_STATUS.finished);
      report.mentees[wants ? "continuing" : "finished"]++;
    }
  });
  nt.flush(wb);

  // 4. Ranking of mentors.
  ports.progress?.report("Рейтинг наставников");
  report.ranking = rankMentors(result);
  replaceYearRows(
    wb,
    Table.load(wb, "mentor_ranking"),
    year,
    report.ranking.map((m) => ({
      year,
      place: m.place ?? "",
      mentor_id: m.mentorId,
      mentor_name: m.name,
      category: m.category,
      pairs: m.pairs,
      avg_total: m.avgTotal ?? "",
      best_total: m.bestTotal ?? "",
      levels: m.levels,
      satisfaction: m.satisfaction ?? "",
      note: m.note,
      row_key: `${year}|${m.mentorId}`,
    })),
    ["decision"],
  );

  // 5. Best practices: upserted, never removed (the curator describes them).
  const bt = Table.load(wb, "best_practices");
  const growthOf = (menteeId: string) =>
    result.growth
      .filter(
        (g) =>
          g.rowKind === "участник" && g.personId === menteeId && g.kind === "growth" && g.change !== null,
      )
      .map(
        (g) =>
          `${g.item}: ${g.entry} → ${g.exit} (${g.change! > 0 ? "+" : ""}${String(g.change).replace(".", ",")})`,
      )
      .join("; ");
  for (const pm of result.pairs) {
    if (pm.rubric.result.level !== "оптимальный") continue;
    const valuable = [
      pm.menteeExit && plainText(pm.menteeExit.values.valuable)
        ? `Наставляемый: ${plainText(pm.menteeExit.values.valuable)}`
        : "",
      pm.mentorExit && plainText(pm.mentorExit.values.valuable)
        ? `Наставник: ${plainText(pm.mentorExit.values.valuable)}`
        : "",
    ]
      .filter((s) => s !== "")
      .join("\n");
    const rec: NewRow<"best_practices"> = {
      year,
      pair_id: pm.pair.id,
      mentor_name: pm.pair.mentorName,
      mentee_name: pm.pair.menteeName,
      form: pm.pair.form,
      role_model: pm.pair.roleModel,
      total: pm.rubric.result.total,
      valuable,
      growth: growthOf(pm.pair.menteeId),
      row_key: `${year}|${pm.pair.id}`,
    };
    const row = bt.find("row_key", String(rec.row_key));
    if (row < 0) bt.add(rec);
    else bt.setAll(row, rec);
    report.bestPractices++;
  }
  bt.flush(wb);

  // 6. The next school year.
  const st = Table.load(wb, "settings");
  const yr = st.find("key", "school_year");
  if (yr >= 0) st.set(yr, "value", nextYear);
  for (const key of ["program_start", "program_end"]) {
    const r = st.find("key", key);
    if (r < 0) continue;
    const d = cellDate(st.get(r, "value"));
    if (d && d.getTime() >= yearStart.getTime() && d.getTime() <= yearEnd.getTime())
      st.set(r, "value", nextYearDate(d));
  }
  st.flush(wb);

  appendJournal(
    wb,
    [
      {
        at: ports.clock.now(),
        level: "информация",
        operation: "Завершение цикла",
        message: describeCloseCycle(report),
        user: ports.user,
      },
    ],
    Table.load(wb, "log").columns,
  );
  return report;
}

/**
 * Mentors ranked for awarding: by the mean total of their pairs with a complete rubric, then the
 * best pair's total, then the mentees' mean exit satisfaction. Equal keys share a place (1, 1, 3).
 * Mentors without a completely scored pair are listed last, without a place.
 */
export function rankMentors(result: MonitoringResult): RankedMentor[] {
  const groups = new Map<string, PairMonitoring[]>();
  for (const pm of result.pairs) {
    const id = pm.pair.mentorId || pm.pair.mentorName;
    groups.set(id, [...(groups.get(id) ?? []), pm]);
  }
  const out: RankedMentor[] = [];
  groups.forEach((list, id) => {
    const rated = list.filter((pm) => pm.rubric.result.complete);
    const totals = rated.map((pm) => pm.rubric.result.total);
    const levels = new Map<string, number>();
    for (const pm of list) {
      const l = pm.rubric.result.level ?? "не определён";
      levels.set(l, (levels.get(l) ?? 0) + 1);
    }
    const sat = list.map((pm) => (pm.menteeExit ? rating(pm.menteeExit.values.satisfaction) : null));
    const satisfaction = mean(sat.filter((v): v is number => v !== null));
    const unrated = list.length - rated.length;
    out.push({
      place: null,
      mentorId: id,
      name: list[0].mentor?.name || list[0].pair.mentorName,
      category: list[0].mentor?.category ?? "",
      pairs: list.length,
      rated: rated.length,
      avgTotal: totals.length ? round1(mean(totals)!) : null,
      bestTotal: totals.length ? Math.max(...totals) : null,
      levels: [...levels.entries()].map(([l, n]) => `${l} — ${n}`).join(", "),
      satisfaction: satisfaction === null ? null : round1(satisfaction),
      note:
        rated.length === 0
          ? "нет пары с полной оценкой этапа 1: в рейтинг не включён"
          : unrated > 0
            ? `не учтены пары без полной оценки этапа 1: ${unrated}`
            : "",
    });
  });
  const key = (m: RankedMentor) => [m.avgTotal ?? -1, m.bestTotal ?? -1, m.satisfaction ?? -1];
  out.sort((a, b) => {
    if ((a.avgTotal === null) !== (b.avgTotal === null)) return a.avgTotal === null ? 1 : -1;
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i] - ka[i];
    return a.name.localeCompare(b.name, "ru");
  });
  let place = 0;
  out.forEach((m, i) => {
    if (m.avgTotal === null) return;
    const prev = out[i - 1];
    place = prev && prev.avgTotal !== null && key(prev).join() === key(m).join() ? place : i + 1;
    m.place = place;
  });
  return out;
}

/** Names of the first place a closing message lists. */
const TOP_NAMES = 5;

/** One Russian paragraph for a toast, the CLI and «Журнал». */
export function describeCloseCycle(r: CloseCycleReport): string {
  if (r.nothingToClose)
    return `Цикл ${r.year}: нет утверждённых пар и пар, завершённых в этом учебном году, — завершать нечего (цикл уже завершён или пары ещё не утверждены). Ничего не изменено.`;
  const program = r.monitoring ? describeRubric(r.monitoring.program.result) : "";
  // Names of the first place, at most TOP_NAMES: the message also goes into the job's marker,
  // a script property of at most 9 kB, and a large school may have hundreds of mentors tied.
  const first = r.ranking.filter((m) => m.place === 1).map((m) => m.name);
  const top =
    first.length > TOP_NAMES
      ? [
          ...first.slice(0, TOP_NAMES),
          `и ещё ${first.length - TOP_NAMES} (см. лист «${sheetName("mentor_ranking")}»)`,
        ]
      : first;
  return (
    `Цикл ${r.year} завершён: ${pairsAndGroupsPhrase(r.closedUnits)}; программа в целом — ${program}. ` +
    `Наставники: продолжат ${r.mentors.continuing}, завершили ${r.mentors.finished}; наставляемые: продолжат ${r.mentees.continuing}, завершили ${r.mentees.finished}. ` +
    `${top.length > 0 ? `Первое место в рейтинге наставников: ${top.join(", ")}. ` : ""}` +
    `Лучших практик: ${r.bestPractices}. Учебный год в «Настройках» — ${r.nextYear}.`
  );
}

/** Marker of the result lines written in the banks and «Итог». */
export function resultMarker(year: string): string {
  return MARKER(year);
}
