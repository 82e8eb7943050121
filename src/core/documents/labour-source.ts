/**
 * What the labour documents (ТК РФ ст. 351.8) read from the workbook through a DocumentSource: the
 * local act's settings, the pairs with their terms and early ends, the mentors the article covers,
 * and the figures of monitoring per mentor and school year for the «Справка».
 */
import { cellNumber, textWithIsoDates } from "../cells";
import { parseSchoolYear, toCalendarDate, utcDate } from "../dates";
import { ProductionCalendar } from "../labour/calendar";
import type { LabourPair, PayMentor } from "../labour/paylist";
import { type Coverage, coverageOf, type LabourSettings, labourSettings } from "../labour/rules";
import type { Cell } from "../ports";
import { PAIR_STATUS } from "../workbook/statuses";
import type { RecordValues } from "../workbook/table";
import { type Gender, genderOf } from "./names";
import type { DocumentSource } from "./source";

/** Statuses of pairs that were approved at some time: their months are paid. */
const PAID_STATUSES: string[] = [PAIR_STATUS.approved, PAIR_STATUS.completed, PAIR_STATUS.terminated];

export interface LabourPairInfo extends LabourPair {
  roleModel: string;
  group: string;
  endedBy: string;
  noticeDate: Date | null;
  endReason: string;
  /** Start as typed («Начало работы»), else «Утверждена»; null when neither. */
  startTyped: Date | null;
  menteeGender: Gender | null;
  mentorGender: Gender | null;
}

export interface LabourMentor {
  id: string;
  name: string;
  position: string;
  gender: Gender | null;
  coverage: Coverage;
  record: RecordValues;
}

/** The settings of «Настройки» by code, read once through the source. */
export function settingValues(src: DocumentSource): Record<string, Cell> {
  const t = src.table("settings");
  const out: Record<string, Cell> = {};
  for (const r of t.rowIndexes()) {
    const key = textWithIsoDates(t.get(r, "key"));
    if (key !== "" && !(key in out)) out[key] = t.get(r, "value");
  }
  return out;
}

export function labourSettingsOf(src: DocumentSource): LabourSettings {
  return labourSettings(settingValues(src));
}

let calendarCache: ProductionCalendar | undefined;
/** The production calendar of sheets-templates/production-calendar.json. */
export function calendarOf(): ProductionCalendar {
  if (!calendarCache) calendarCache = new ProductionCalendar();
  return calendarCache;
}

/** Pairs that were approved (approved, completed, ended early), with their terms; by pair ID. */
export function labourPairs(src: DocumentSource): LabourPairInfo[] {
  const school = src.school();
  const mentors = src.byId("mentors");
  const mentees = src.byId("mentees");
  const out: LabourPairInfo[] = [];
  for (const p of src.records("pairs")) {
    const status = textWithIsoDates(p.status).toLowerCase();
    if (!PAID_STATUSES.includes(status)) continue;
    const id = textWithIsoDates(p.pair_id);
    const mentorId = textWithIsoDates(p.mentor_id);
    if (id === "" || mentorId === "") continue;
    const menteeId = textWithIsoDates(p.mentee_id);
    const mentor = mentors.get(mentorId);
    const mentee = mentees.get(menteeId);
    const mentorName = textWithIsoDates(p.mentor_name) || textWithIsoDates(mentor?.full_name);
    const menteeName = textWithIsoDates(p.mentee_name) || textWithIsoDates(mentee?.full_name);
    const startTyped = toCalendarDate(p.start_date) ?? toCalendarDate(p.approved_at);
    out.push({
      id,
      mentorId,
      mentorName,
      menteeId,
      menteeName,
      form: textWithIsoDates(p.form) || textWithIsoDates(mentee?.form),
      roleModel: textWithIsoDates(p.role_model) || textWithIsoDates(mentee?.role_model),
      group: textWithIsoDates(p.group).replace(/^\s*группа\s*:?\s*/i, ""),
      status,
      from: startTyped ?? school.programStart,
      to: toCalendarDate(p.end_date) ?? school.programEnd,
      startTyped,
      endedBy: textWithIsoDates(p.ended_by).toLowerCase(),
      noticeDate: toCalendarDate(p.end_notice_date),
      endReason: textWithIsoDates(p.end_reason),
      mentorGender: genderOf(mentorName, textWithIsoDates(mentor?.gender)),
      menteeGender: genderOf(menteeName, textWithIsoDates(mentee?.gender)),
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Every mentor of the bank with the article's coverage. */
export function labourMentors(src: DocumentSource): Map<string, LabourMentor> {
  const out = new Map<string, LabourMentor>();
  src.byId("mentors").forEach((r, id) => {
    const name = textWithIsoDates(r.full_name);
    out.set(id, {
      id,
      name,
      position: textWithIsoDates(r.position),
      gender: genderOf(name, textWithIsoDates(r.gender)),
      coverage: coverageOf(r),
      record: r,
    });
  });
  return out;
}

/** The mentors of the pay list: coverage and the base for a percentage. */
export function payMentors(src: DocumentSource): Map<string, PayMentor> {
  const out = new Map<string, PayMentor>();
  labourMentors(src).forEach((m, id) => {
    const base = cellNumber(m.record.pay_base ?? "");
    out.set(id, { id, name: m.name, position: m.position, base, coverage: m.coverage });
  });
  return out;
}

/**
 * Mentors with approved pairs whose work the article covers, with those pairs: who gets a consent
 * and a supplementary agreement. `wanted` narrows to mentor IDs.
 */
export function coveredMentorPairs(
  src: DocumentSource,
  wanted?: string[],
): { mentor: LabourMentor; pairs: LabourPairInfo[] }[] {
  const mentors = labourMentors(src);
  const want = wanted?.map((w) => w.trim().toUpperCase());
  const groups = new Map<string, LabourPairInfo[]>();
  for (const p of labourPairs(src)) {
    if (p.status !== PAIR_STATUS.approved) continue;
    if (want && !want.includes(p.mentorId.toUpperCase())) continue;
    groups.set(p.mentorId, [...(groups.get(p.mentorId) ?? []), p]);
  }
  const out: { mentor: LabourMentor; pairs: LabourPairInfo[] }[] = [];
  groups.forEach((pairs, id) => {
    const mentor = mentors.get(id);
    if (mentor && mentor.coverage.basis === "paid") out.push({ mentor, pairs });
  });
  return out.sort((a, b) => a.mentor.id.localeCompare(b.mentor.id));
}

// --- The «Справка»: the figures monitoring wrote for a school year ---

export interface CertificatePair {
  pair: LabourPairInfo;
  /** «Работа пар» → «Проведено встреч». */
  meetings: number | null;
  /** «Мониторинг» → «Итого баллов» and «Уровень». */
  total: number | null;
  level: string;
  /** «Динамика участников»: the mean of the mentee's «Изменение» over the growth items; null without both surveys. */
  growth: number | null;
  growthItems: number;
}

export interface MentorYear {
  mentor: LabourMentor;
  year: string;
  pairs: CertificatePair[];
}

const sameYear = (v: Cell | undefined, startYear: number) =>
  parseSchoolYear(textWithIsoDates(v)) === startYear;

/**
 * Each mentor's pairs in the school year that starts in `startYear`, with the figures the monitoring
 * wrote for that year into «Работа пар», «Мониторинг» and «Динамика участников» — the very cells.
 */
export function mentorYears(src: DocumentSource, startYear: number): MentorYear[] {
  const mentors = labourMentors(src);
  const pairsById = new Map(labourPairs(src).map((p) => [p.id, p]));
  const meetings = new Map<string, number | null>();
  for (const r of src.records("pair_activity"))
    if (sameYear(r.year, startYear)) meetings.set(textWithIsoDates(r.pair_id), cellNumber(r.meetings ?? ""));
  const rubric = new Map<string, { total: number | null; level: string }>();
  for (const r of src.records("monitoring")) {
    const period = textWithIsoDates(r.period);
    if (parseSchoolYear(period) !== startYear) continue;
    rubric.set(textWithIsoDates(r.scope), {
      total: cellNumber(r.total ?? ""),
      level: textWithIsoDates(r.level),
    });
  }
  const growth = new Map<string, number[]>();
  for (const r of src.records("growth")) {
    if (!sameYear(r.year, startYear)) continue;
    if (textWithIsoDates(r.row_kind) !== "участник" || textWithIsoDates(r.kind) !== "рост") continue;
    const change = cellNumber(r.change ?? "");
    if (change === null) continue;
    const id = textWithIsoDates(r.person_id);
    growth.set(id, [...(growth.get(id) ?? []), change]);
  }
  const byMentor = new Map<string, CertificatePair[]>();
  meetings.forEach((count, pairId) => {
    const pair = pairsById.get(pairId);
    if (!pair) return;
    const g = growth.get(pair.menteeId) ?? [];
    const r = rubric.get(pairId);
    byMentor.set(pair.mentorId, [
      ...(byMentor.get(pair.mentorId) ?? []),
      {
        pair,
        meetings: count,
        total: r?.total ?? null,
        level: r?.level ?? "",
        growth: g.length ? g.reduce((s, x) => s + x, 0) / g.length : null,
        growthItems: g.length,
      },
    ]);
  });
  // A pair ended early leaves monitoring's cycle at the next recompute; its history stays: its
  // meetings of the year from «Встречи», and no rubric («прекращена досрочно»).
  const yearStart = utcDate(startYear, 9, 1);
  const yearEnd = utcDate(startYear + 1, 8, 31);
  const held = new Map<string, number>();
  for (const r of src.records("meetings")) {
    const d = toCalendarDate(r.date);
    if (!d || d.getTime() < yearStart.getTime() || d.getTime() > yearEnd.getTime()) continue;
    const id = textWithIsoDates(r.pair_id);
    held.set(id, (held.get(id) ?? 0) + 1);
  }
  for (const pair of pairsById.values()) {
    if (pair.status !== PAIR_STATUS.terminated || meetings.has(pair.id)) continue;
    if (pair.to.getTime() < yearStart.getTime() || pair.from.getTime() > yearEnd.getTime()) continue;
    const g = growth.get(pair.menteeId) ?? [];
    byMentor.set(pair.mentorId, [
      ...(byMentor.get(pair.mentorId) ?? []),
      {
        pair,
        meetings: held.get(pair.id) ?? 0,
        total: null,
        level: "не оценивалась: наставничество прекращено досрочно",
        growth: g.length ? g.reduce((s, x) => s + x, 0) / g.length : null,
        growthItems: g.length,
      },
    ]);
  }
  const out: MentorYear[] = [];
  byMentor.forEach((pairs, id) => {
    const mentor = mentors.get(id);
    if (mentor) out.push({ mentor, year: `${startYear}/${startYear + 1}`, pairs });
  });
  return out.sort((a, b) => a.mentor.id.localeCompare(b.mentor.id));
}
