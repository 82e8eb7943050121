import { utcDate } from "../dates";
import { prng } from "../demo/sample";
import type { Cell, WorkbookPort } from "../ports";
import { deadlineStatus, deadlineWindows } from "../roadmap/deadline";
import { resolveTemplateDeadlines, roadmapTemplate } from "../roadmap/templates";
import { ID_PREFIX, nextIdAllocator } from "../workbook/ids";
import { Table } from "../workbook/table";
import { RUBRIC, rubricLevel } from "./figures";
import { meetingPlan } from "./program";
import { DocumentSource, num, str } from "./source";
import { monthYear } from "./typography";

/**
 * A year of program activity for a demo school (after seedSampleSchool): approved pairs, their
 * meetings up to `today`, monitoring scores, entry (and, near the end of the program, exit)
 * questionnaires and the roadmap of seed 001 with statuses. Each sheet is filled only when it holds
 * nothing of its kind yet, so running it twice changes nothing. Deterministic for a given date.
 */

export interface DemoActivityOptions {
  /** Pairs to approve (default 12), spread over the forms in the bank. */
  pairs?: number;
  /** Exit questionnaires too (default: from 45 days before the program's end). */
  exitSurveys?: boolean;
  seed?: number;
}

export interface DemoActivityReport {
  pairs: number;
  meetings: number;
  monitoring: number;
  surveys: number;
  roadmap: number;
}

const DAY = 86400000;

export function seedDemoActivity(
  wb: WorkbookPort,
  today: Date,
  options: DemoActivityOptions = {},
): DemoActivityReport {
  const rnd = prng(options.seed ?? 777);
  const src = new DocumentSource(wb, today);
  const school = src.school();
  const report: DemoActivityReport = { pairs: 0, meetings: 0, monitoring: 0, surveys: 0, roadmap: 0 };

  // Pairs: mentees with consent matched to mentors of their form, within each mentor's capacity.
  const pairs = Table.load(wb, "pairs");
  const hasApproved = pairs.rowIndexes().some((r) => str(pairs.get(r, "status")) === "утверждена");
  if (!hasApproved) {
    const mentors = Table.load(wb, "mentors");
    const mentees = Table.load(wb, "mentees");
    const want = options.pairs ?? 12;
    const load = new Map<number, number>();
    const nextPair = nextIdAllocator(pairs, "pair_id", ID_PREFIX.pair);
    const approvedAt = new Date(Math.min(school.programStart.getTime() + 24 * DAY, today.getTime()));
    const start = new Date(approvedAt.getTime() + 3 * DAY);
    const menteeRows = mentees.rowIndexes().filter((r) => str(mentees.get(r, "consent_date")) !== "");
    // Round-robin over forms so every form the school runs gets pairs.
    const byForm = new Map<string, number[]>();
    for (const r of menteeRows) {
      const f = str(mentees.get(r, "form"));
      byForm.set(f, [...(byForm.get(f) ?? []), r]);
    }
    const queues = [...byForm.values()];
    let made = 0;
    while (made < want && queues.some((q) => q.length > 0)) {
      for (const q of queues) {
        if (made >= want) break;
        const r = q.shift();
        if (r === undefined) continue;
        const form = str(mentees.get(r, "form"));
        const mentorRow = mentors.rowIndexes().find((m) => {
          const forms = str(mentors.get(m, "forms"));
          const cap = num(mentors.get(m, "capacity")) ?? 1;
          return (
            forms.includes(form) && str(mentors.get(m, "consent_date")) !== "" && (load.get(m) ?? 0) < cap
          );
        });
        if (mentorRow === undefined) continue;
        load.set(mentorRow, (load.get(mentorRow) ?? 0) + 1);
        pairs.add({
          pair_id: nextPair(),
          mentor_id: mentors.get(mentorRow, "id"),
          mentor_name: mentors.get(mentorRow, "full_name"),
          mentee_id: mentees.get(r, "id"),
          mentee_name: mentees.get(r, "full_name"),
          form,
          role_model: mentees.get(r, "role_model"),
          status: "утверждена",
          proposed_at: new Date(approvedAt.getTime() - 5 * DAY),
          approved_at: approvedAt,
          start_date: start,
          end_date: school.programEnd,
        });
        mentees.set(r, "status", "в паре");
        mentors.set(mentorRow, "status", "в паре");
        made++;
      }
    }
    // A mentor with several mentees leads a group.
    const groups = new Map<string, number[]>();
    pairs.rowIndexes().forEach((r) => {
      const m = str(pairs.get(r, "mentor_id"));
      groups.set(m, [...(groups.get(m) ?? []), r]);
    });
    let g = 0;
    for (const rows of groups.values())
      if (rows.length > 1) {
        g++;
        for (const r of rows) pairs.set(r, "group", `Г-${g}`);
      }
    pairs.flush(wb);
    mentees.flush(wb);
    mentors.flush(wb);
    report.pairs = made;
  }

  const fresh = new DocumentSource(wb, today);
  const approved = fresh.approvedPairs();

  // Meetings: the plan of each pair up to today; every fifth pair stopped meeting a month ago.
  const meetings = Table.load(wb, "meetings");
  if (meetings.rowIndexes().length === 0) {
    const nextMeeting = nextIdAllocator(meetings, "meeting_id", ID_PREFIX.meeting);
    approved.forEach((p, i) => {
      const plan = meetingPlan(p.start ?? school.programStart, p.end ?? school.programEnd, 4, []);
      const stopAt = i % 5 === 4 ? today.getTime() - 30 * DAY : today.getTime();
      for (const m of plan) {
        if (m.date.getTime() > stopAt) break;
        if (m.type === "регулярная встреча" && rnd() < 0.12) continue;
        meetings.add({
          meeting_id: nextMeeting(),
          pair_id: p.id,
          date: m.date,
          type: m.type,
          topic: m.content.slice(0, 80),
          format: rnd() < 0.8 ? "очно" : "онлайн",
          duration_min: 30 + 15 * Math.floor(rnd() * 4),
          mentor_rating: 6 + Math.floor(rnd() * 5),
          mentee_rating: 6 + Math.floor(rnd() * 5),
          source: "анкета",
        });
        report.meetings++;
      }
    });
    meetings.flush(wb);
  }

  // Monitoring, stage 1: every pair scored on the nine indicators.
  const monitoring = Table.load(wb, "monitoring");
  if (monitoring.rowIndexes().length === 0 && approved.length > 0) {
    for (const p of approved) {
      const scores: Record<string, Cell> = {};
      let total = 0;
      for (const i of RUBRIC) {
        const v = rnd() < 0.55 ? 2 : rnd() < 0.85 ? 1 : 0;
        scores[i.key] = v;
        total += v;
      }
      monitoring.add({
        scope: p.id,
        period: monthYear(today),
        ...scores,
        total,
        level: rubricLevel(total),
        assessed_by: school.curator,
        assessed_at: today,
      });
      report.monitoring++;
    }
    monitoring.flush(wb);
  }

  // Questionnaires: entry for every participant; exit near the program's end.
  const surveys = Table.load(wb, "surveys");
  if (surveys.rowIndexes().length === 0 && approved.length > 0) {
    const exit = options.exitSurveys ?? today.getTime() >= school.programEnd.getTime() - 45 * DAY;
    const mentorsById = fresh.byId("mentors");
    const menteesById = fresh.byId("mentees");
    const seen = new Set<string>();
    const score = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    for (const p of approved) {
      for (const role of ["наставник", "наставляемый"] as const) {
        const person = role === "наставник" ? mentorsById.get(p.mentorId) : menteesById.get(p.menteeId);
        const email = str(person?.email);
        if (!person || seen.has(email)) continue;
        seen.add(email);
        const base = {
          email,
          full_name: person.full_name,
          role,
        };
        const entryGrowth = {
          motivation: score(4, 7),
          confidence: score(3, 7),
          request_skills: score(2, 6),
          involvement: score(4, 7),
          ...(role === "наставник" ? { mentoring_skills: score(4, 7) } : {}),
        };
        const expected = {
          effectiveness: score(7, 10),
          comfort: score(7, 10),
          usefulness: score(7, 10),
          group_meetings: score(6, 9),
          personal_meetings: score(7, 10),
          clarity: score(6, 9),
          joint_work: score(7, 10),
        };
        surveys.add({
          ...base,
          submitted_at: new Date((p.start ?? school.programStart).getTime() + DAY + 10 * 3600000),
          stage: "входная",
          ...expected,
          ...entryGrowth,
          row_key: `входная:${email}`,
        });
        report.surveys++;
        if (!exit) continue;
        const grown: Record<string, Cell> = {};
        for (const [k, v] of Object.entries(entryGrowth)) grown[k] = Math.min(10, v + score(0, 3));
        const satisfaction = score(5, 10);
        surveys.add({
          ...base,
          submitted_at: new Date(school.programEnd.getTime() - 7 * DAY + 12 * 3600000),
          stage: "итоговая",
          effectiveness: score(6, 10),
          comfort: score(7, 10),
          usefulness: score(6, 10),
          group_meetings: score(4, 9),
          personal_meetings: score(7, 10),
          clarity: score(6, 10),
          joint_work: score(6, 10),
          expectations_met: score(6, 10),
          satisfaction,
          ...grown,
          would_continue: satisfaction >= 6 ? "да" : "нет",
          wants_to_be_mentor: role === "наставляемый" ? (rnd() < 0.3 ? "да" : "нет") : "",
          valuable:
            role === "наставник"
              ? "Увидел, как растёт уверенность наставляемого"
              : "Регулярные встречи и конкретные советы наставника",
          missing: rnd() < 0.5 ? "Больше времени на совместные мероприятия" : "",
          row_key: `итоговая:${email}`,
        });
        report.surveys++;
      }
    }
    surveys.flush(wb);
  }

  // Roadmap: the six-stage plan of seed 001 for this school year, statuses as of today.
  const roadmap = Table.load(wb, "roadmap");
  if (roadmap.rowIndexes().length === 0) {
    const ctx = {
      schoolYearStart: utcDate(school.schoolYearStart, 9, 1),
      programStart: school.programStart,
      programEnd: school.programEnd,
    };
    const events = resolveTemplateDeadlines(roadmapTemplate("school-general-plan"), ctx);
    events.forEach((e, i) => {
      const windows = deadlineWindows(e.due);
      const start = windows.length ? new Date(Math.min(...windows.map((w) => w.start.getTime()))) : "";
      const end = windows.length ? new Date(Math.max(...windows.map((w) => w.end.getTime()))) : "";
      const state = deadlineStatus(e.due, today, false);
      // Most past events were done; one in six slipped.
      const status =
        state.status === "просрочено" ? (i % 6 === 5 ? "просрочено" : "выполнено") : state.status;
      const doneDate = status === "выполнено" && end !== "" ? end : "";
      roadmap.add({
        event_id: String(i + 1),
        stage: e.stage,
        event: e.wording,
        deadline_text: e.deadline,
        start,
        end,
        responsible: e.responsible,
        result: e.result,
        status,
        done_date: doneDate,
      });
      report.roadmap++;
    });
    roadmap.flush(wb);
  }
  return report;
}
