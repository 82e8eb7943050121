/**
 * A year of a sample school's mentoring, as the questionnaires would bring it in: entry surveys at
 * the start, feedback after each meeting, mentors' monthly reports, exit surveys at the end. Some
 * pairs meet weekly, some drift and stall — so monitoring has something to find. Deterministic.
 * Everything is a Submission that goes through the ordinary intake.
 */
import { calendarDate, DAY_MS, formatDateRu, utcDate } from "../core/dates";
import type { Submission } from "../core/intake/submission";
import { PROGRAM_SCOPE } from "../core/monitoring/data";
import type { Cell, ClockPort, ProgressPort, WorkbookPort } from "../core/ports";
import { questionnaire } from "../core/questionnaires/schema";
import { type IntakeSummary, intakeSubmissions } from "../core/usecases/intake";
import { type MonitoringResult, recomputeMonitoring } from "../core/usecases/monitoring";
import { type RoadmapSummary, refreshRoadmap } from "../core/usecases/roadmap";
import type { ColumnKey, SheetKey } from "../core/workbook/keys.generated";
import { PAIR_STATUS, ROADMAP_STATUS } from "../core/workbook/statuses";
import { Table } from "../core/workbook/table";
import { demoPairScores, demoRoadmapDates } from "./curator";
import { prng } from "./sample";

export interface DemoPair {
  pairId: string;
  mentorEmail: string;
  mentorName: string;
  menteeEmail: string;
  menteeName: string;
  start: Date;
}

export interface DemoActivity {
  /** Submissions by questionnaire key, in the order they would arrive. */
  byForm: Record<string, Submission[]>;
}

function titled(formKey: string, answers: Record<string, string>): Record<string, string> {
  const q = questionnaire(formKey);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(answers)) {
    const question = q.questions.find((x) => x.key === key);
    if (question) out[question.title] = value;
  }
  return out;
}

function sub(formKey: string, email: string, at: Date, answers: Record<string, string>): Submission {
  return {
    submittedAt: at,
    email,
    answers: titled(formKey, answers),
    source: `демонстрация: ${questionnaire(formKey).title}, ${formatDateRu(at)}`,
  };
}

const clamp = (n: number) => String(Math.max(1, Math.min(10, Math.round(n))));

const TOPICS = [
  "Разбор урока",
  "План работы на месяц",
  "Подготовка к олимпиаде",
  "Работа с родителями",
  "Цифровые сервисы",
  "Проектная работа",
  "Трудная ситуация в классе",
  "Подготовка к выступлению",
];

/**
 * The activity of approved pairs from their start up to `until` (a calendar date), within the
 * program that ends `programEnd`. Exit surveys come in the last two weeks of the program.
 */
export function demoActivity(pairs: DemoPair[], until: Date, programEnd: Date, seed = 7): DemoActivity {
  const rnd = prng(seed);
  const byForm: Record<string, Submission[]> = {
    entry_mentee: [],
    entry_mentor: [],
    meeting_feedback: [],
    mentor_report: [],
    exit_mentee: [],
    exit_mentor: [],
  };
  const end = Math.min(until.getTime(), programEnd.getTime());
  const surveyed = new Set<string>();
  const exited = new Set<string>();
  const reported = new Set<string>();
  for (const p of pairs) {
    // A pair's temperament: how regularly it meets and how it feels about the work.
    const diligence = 0.35 + rnd() * 0.65;
    const mood = 5 + rnd() * 4.5;
    const stallAfter =
      rnd() < 0.2 ? p.start.getTime() + (40 + rnd() * 60) * DAY_MS : Number.POSITIVE_INFINITY;
    const at = (t: number, hour = 16) => new Date(t + hour * 3600000);
    if (p.start.getTime() > end) continue;

    if (!surveyed.has(p.menteeEmail)) {
      byForm.entry_mentee.push(
        sub("entry_mentee", p.menteeEmail, at(p.start.getTime() + DAY_MS), {
          full_name: p.menteeName,
          effectiveness: clamp(mood + 1),
          comfort: clamp(mood),
          usefulness: clamp(mood + 1.5),
          group_meetings: clamp(mood - 1),
          personal_meetings: clamp(mood + 1),
          clarity: clamp(mood - 0.5),
          joint_work: clamp(mood + 0.5),
          motivation: clamp(4 + rnd() * 3),
          confidence: clamp(3 + rnd() * 3),
          request_skills: clamp(2 + rnd() * 3),
          involvement: clamp(4 + rnd() * 3),
        }),
      );
    }
    if (!surveyed.has(p.mentorEmail)) {
      byForm.entry_mentor.push(
        sub("entry_mentor", p.mentorEmail, at(p.start.getTime() + DAY_MS, 18), {
          full_name: p.mentorName,
          effectiveness: clamp(mood + 1),
          comfort: clamp(mood + 1),
          usefulness: clamp(mood),
          group_meetings: clamp(mood - 1),
          personal_meetings: clamp(mood + 1),
          clarity: clamp(mood),
          joint_work: clamp(mood + 1),
          mentoring_skills: clamp(5 + rnd() * 3),
          motivation: clamp(6 + rnd() * 3),
          involvement: clamp(6 + rnd() * 3),
        }),
      );
    }

    // Meetings: the three first ones in the first two weeks, then weekly with the pair's diligence.
    const kinds = ["встреча-знакомство", "пробная рабочая встреча", "встреча-планирование"];
    let t = p.start.getTime() + 2 * DAY_MS;
    let n = 0;
    const lastWeeks = programEnd.getTime() - 14 * DAY_MS;
    while (t <= end && t < stallAfter) {
      const kind = n < 3 ? kinds[n] : t >= lastWeeks ? "итоговая встреча" : "регулярная встреча";
      const held = n < 3 || kind === "итоговая встреча" || rnd() < diligence;
      if (held) {
        const date = utcDate(
          new Date(t).getUTCFullYear(),
          new Date(t).getUTCMonth() + 1,
          new Date(t).getUTCDate(),
        );
        const meeting = {
          date: formatDateRu(date),
          type: kind,
          topic: n === 0 ? "Знакомство, ожидания от программы" : TOPICS[Math.floor(rnd() * TOPICS.length)],
          format: rnd() < 0.8 ? "очно" : "онлайн",
          duration_min: String(30 + Math.floor(rnd() * 4) * 15),
        };
        byForm.meeting_feedback.push(
          sub("meeting_feedback", p.mentorEmail, at(t, 17), {
            ...meeting,
            role: "наставник",
            partner: p.menteeName,
            rating: clamp(mood + rnd() * 2 - 0.5),
            result: "Обсудили запрос, наметили следующий шаг",
          }),
        );
        if (rnd() < 0.85)
          byForm.meeting_feedback.push(
            sub("meeting_feedback", p.menteeEmail, at(t, 19), {
              ...meeting,
              role: "наставляемый",
              rating: clamp(mood + rnd() * 2 - 1),
            }),
          );
        if (kind === "итоговая встреча") break;
      }
      n++;
      t += n < 3 ? 4 * DAY_MS : 7 * DAY_MS;
    }

    // Monthly reports at the end of each full month of work.
    const first = new Date(p.start.getTime());
    for (let m = 0; ; m++) {
      const monthEnd = utcDate(first.getUTCFullYear(), first.getUTCMonth() + 2 + m, 0);
      if (monthEnd.getTime() > end || monthEnd.getTime() > stallAfter + 30 * DAY_MS) break;
      // A mentor of a group reports once a month for the whole group.
      const reportKey = `${p.mentorEmail}|${monthEnd.getUTCMonth()}`;
      if (reported.has(reportKey)) continue;
      reported.add(reportKey);
      byForm.mentor_report.push(
        sub("mentor_report", p.mentorEmail, at(monthEnd.getTime(), 20), {
          full_name: p.mentorName,
          month: `${String(monthEnd.getUTCMonth() + 1).padStart(2, "0")}.${monthEnd.getUTCFullYear()}`,
          meetings_count: String(Math.round(4 * diligence)),
          progress: "Наставляемый освоил новый приём, применил его на практике",
          difficulties: diligence < 0.5 ? "Трудно найти общее время для встреч" : "",
          mentee_activity: clamp(4 + diligence * 6),
          application: clamp(3 + diligence * 6 + rnd()),
        }),
      );
    }

    // Exit surveys in the last two weeks of the program.
    if (end >= lastWeeks && stallAfter === Number.POSITIVE_INFINITY && !exited.has(p.menteeEmail)) {
      exited.add(p.menteeEmail);
      const gain = diligence * 4;
      byForm.exit_mentee.push(
        sub("exit_mentee", p.menteeEmail, at(end - 2 * DAY_MS), {
          full_name: p.menteeName,
          effectiveness: clamp(mood + diligence * 2),
          comfort: clamp(mood + 1),
          usefulness: clamp(mood + diligence * 2),
          group_meetings: clamp(mood - 0.5),
          personal_meetings: clamp(mood + 1),
          clarity: clamp(mood + diligence),
          joint_work: clamp(mood + diligence * 1.5),
          expectations_met: clamp(mood + diligence - 0.5),
          satisfaction: clamp(mood + diligence * 1.5),
          motivation: clamp(5 + gain),
          confidence: clamp(4 + gain),
          request_skills: clamp(3 + gain + 1),
          involvement: clamp(5 + gain - 1),
          would_continue: diligence > 0.5 ? "Да" : "Нет",
          wants_to_be_mentor: rnd() < 0.3 ? "Да" : "Нет",
          valuable: "Поддержка наставника и разбор конкретных ситуаций",
          missing: diligence < 0.6 ? "Регулярности встреч" : "",
        }),
      );
      if (!exited.has(p.mentorEmail)) {
        exited.add(p.mentorEmail);
        byForm.exit_mentor.push(
          sub("exit_mentor", p.mentorEmail, at(end - DAY_MS), {
            full_name: p.mentorName,
            effectiveness: clamp(mood + diligence),
            comfort: clamp(mood + 1),
            usefulness: clamp(mood + 1),
            group_meetings: clamp(mood - 1),
            personal_meetings: clamp(mood + 1),
            clarity: clamp(mood),
            joint_work: clamp(mood + diligence),
            expectations_met: clamp(mood + diligence - 0.5),
            satisfaction: clamp(mood + diligence * 1.5),
            mentoring_skills: clamp(6 + diligence * 3),
            motivation: clamp(7 + diligence * 2),
            involvement: clamp(7 + diligence * 2),
            would_continue: diligence > 0.4 ? "Да" : "Нет",
            valuable: "Рост наставляемого и собственный опыт",
            missing: "",
          }),
        );
      }
    }
    surveyed.add(p.menteeEmail);
    surveyed.add(p.mentorEmail);
  }
  return { byForm };
}

/** The approved pairs of «Пары» with their participants' e-mails, for the generator. */
export function demoPairs(
  pairs: Record<string, Cell>[],
  mentors: Record<string, Cell>[],
  mentees: Record<string, Cell>[],
): DemoPair[] {
  const email = (list: Record<string, Cell>[], id: Cell) =>
    String(list.find((x) => x.id === id)?.email ?? "");
  return pairs
    .filter((p) => p.status === PAIR_STATUS.approved)
    .map((p) => ({
      pairId: String(p.pair_id),
      mentorEmail: email(mentors, p.mentor_id),
      mentorName: String(p.mentor_name),
      menteeEmail: email(mentees, p.mentee_id),
      menteeName: String(p.mentee_name),
      start: p.start_date as Date,
    }))
    .filter(
      (p) =>
        p.mentorEmail !== "" &&
        p.menteeEmail !== "" &&
        Object.prototype.toString.call(p.start) === "[object Date]",
    );
}

export interface DemoWorkPorts {
  workbook: WorkbookPort;
  /** The day the work is played up to (its calendar date). */
  clock: ClockPort;
  progress?: ProgressPort;
}

export interface DemoWorkReport {
  /** One per questionnaire that brought something in. */
  intake: IntakeSummary[];
  roadmap: RoadmapSummary;
  monitoring: MonitoringResult;
}

/**
 * The year's work of the approved pairs of «Пары» up to the clock's day, through the same use-cases
 * a curator runs: the questionnaires of demoActivity taken in, the roadmap ticked off as the year
 * goes, monitoring recomputed with the curator's expert judgements of the program as a whole.
 */
export interface DemoWorkOptions {
  /**
   * The curator's own steps of a real school's year (demo/curator.ts): the roadmap's undated steps
   * dated and ticked off, the pairs' expert scores in December and May. Off for the tests' school.
   */
  curator?: boolean;
}

export function playDemoWork(
  ports: DemoWorkPorts,
  programEnd: Date,
  options: DemoWorkOptions = {},
): DemoWorkReport {
  const wb = ports.workbook;
  const today = calendarDate(ports.clock.now());
  const records = <S extends SheetKey>(key: S) =>
    Table.load(wb, key)
      .records()
      .map((r) => r.values);
  const pairs = demoPairs(records("pairs"), records("mentors"), records("mentees"));
  const intake: IntakeSummary[] = [];
  for (const [form, subs] of Object.entries(demoActivity(pairs, today, programEnd).byForm)) {
    if (subs.length === 0) continue;
    ports.progress?.report(`Анкета «${questionnaire(form).title}»: ${subs.length}`);
    intake.push(intakeSubmissions(ports, form, subs));
  }

  // The curator ticks off the roadmap: what ended more than a week ago is done, except every fifth
  // event, which is left for the reminders to chase.
  const startYear = programEnd.getUTCFullYear() - (programEnd.getUTCMonth() >= 8 ? 0 : 1);
  if (options.curator) demoRoadmapDates(wb, startYear, today);
  refreshRoadmap(ports);
  const roadmap = Table.load(wb, "roadmap");
  roadmap.rowIndexes().forEach((r, k) => {
    const end = roadmap.get(r, "end");
    if (Object.prototype.toString.call(end) !== "[object Date]") return;
    // The demo's curator (options.curator) ticks off the week's events as they end.
    const lag = options.curator ? 0 : 7 * DAY_MS;
    if ((end as Date).getTime() < today.getTime() - lag && k % 5 !== 4) {
      roadmap.set(r, "status", ROADMAP_STATUS.done);
      roadmap.set(r, "done_date", end);
    }
  });
  roadmap.flush(wb);
  const roadmapSummary = refreshRoadmap(ports);

  // Monitoring, with the curator's expert judgements for the program as a whole.
  recomputeMonitoring(ports);
  const monitoring = Table.load(wb, "monitoring");
  for (const r of monitoring.rowIndexes())
    if (String(monitoring.get(r, "scope")) === PROGRAM_SCOPE)
      for (const [key, value] of EXPERT_SCORES)
        if (monitoring.get(r, key) === "") monitoring.set(r, key, value);
  monitoring.flush(wb);
  if (options.curator) demoPairScores(wb, startYear, today);
  return { intake, roadmap: roadmapSummary, monitoring: recomputeMonitoring(ports) };
}

/** The curator's scores (0–2) of the indicators monitoring cannot compute from the data. */
const EXPERT_SCORES: [ColumnKey<"monitoring">, number][] = [
  ["i1_goals", 2],
  ["i2_principles", 2],
  ["i3_approaches", 1],
  ["i4_climate", 2],
  ["i5_mentor_logic", 2],
  ["i7_partners", 1],
];
