/**
 * The score model of matching, configured from «Настройки» and «Справочники»: hard rules that make
 * a pair impossible, and weighted criteria the curator tunes. A pair's score is an integer: the base
 * criteria add up to their weights (100 with the default weights), stated preferences add a bonus.
 */
import { isBlank, plainText } from "../cells";
import { ageOn, ELIGIBLE, eligibility } from "../participants/eligibility";
import type { Cell } from "../ports";
import type { MatchWeights } from "../settings";
import { normalizeHeader } from "../text";
import { OUT_OF_PROGRAM } from "../workbook/statuses";

export interface MentorProfile {
  id: string;
  name: string;
  category: string;
  forms: string[];
  roleModels: string[];
  subjects: string[];
  interests: string[];
  competencies: string[];
  ageGroups: string[];
  time: number;
  age: number | null;
  grade: number | null;
  trained: boolean;
  /** Why the mentor cannot take part at all, or null. */
  excluded: string | null;
  /** The lists above normalised once (normalizeHeader), for scoring millions of pairs. */
  keys: { subjects: Set<string>; interests: Set<string>; competencies: Set<string> };
}

export interface MenteeProfile {
  id: string;
  name: string;
  category: string;
  form: string;
  roleModel: string;
  subjects: string[];
  interests: string[];
  requests: string[];
  ageGroup: string;
  time: number;
  age: number | null;
  grade: number | null;
  experience: number | null;
  excluded: string | null;
  /** The lists above normalised once (normalizeHeader). */
  keys: { subjects: string[]; interests: string[]; requests: string[] };
}

/** Points of one pair by criterion, for the explanation. */
export interface ScoreParts {
  subject: number;
  competencies: number;
  interests: number;
  ageGroup: number;
  time: number;
  roleModel: number;
  preference: number;
  mutual: number;
  total: number;
}

/** Why a pair is impossible, in Russian; null when it is allowed. */
export type HardRule = string | null;

const TIME_ORDER = ["1 час в неделю", "2 часа в неделю", "3–4 часа в неделю", "более 4 часов в неделю"].map(
  normalizeHeader,
);

export function splitList(v: Cell | undefined): string[] {
  if (isBlank(v)) return [];
  return String(v)
    .split(/\s*,\s*(?=[^\s])/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A multi-choice cell against the items of its list: items may contain commas. */
export function splitKnown(v: Cell | undefined, items: string[]): string[] {
  if (isBlank(v)) return [];
  const text = String(v);
  const found = items.filter((item) => {
    const i = text.indexOf(item);
    if (i < 0) return false;
    const before = text.slice(0, i).trimEnd();
    const after = text.slice(i + item.length).trimStart();
    return (before === "" || before.endsWith(",")) && (after === "" || after.startsWith(","));
  });
  return found.length > 0 ? found : splitList(v);
}

function timeRank(v: Cell | undefined): number {
  const i = TIME_ORDER.indexOf(normalizeHeader(v));
  return i;
}

function gradeOf(v: Cell | undefined): number | null {
  const m = /^\s*(\d{1,2})/.exec(String(v ?? ""));
  return m ? Number(m[1]) : null;
}

/** The age group a mentee belongs to, in the words of «Возрастные группы наставляемых». */
export function ageGroupOf(category: string, grade: number | null, age: number | null): string {
  const c = category.toLowerCase();
  if (c.includes("студент")) return "студенты";
  if (c.includes("молодой специалист")) return "молодые специалисты";
  if (c.includes("педагог")) return "педагоги";
  const g = grade ?? (age !== null ? age - 6 : null);
  if (g === null) return "";
  if (g <= 4) return "1–4 классы";
  if (g <= 7) return "5–7 классы";
  if (g <= 9) return "8–9 классы";
  return "10–11 классы";
}

export interface ProfileLists {
  forms: string[];
  roleModels: string[];
  competencies: string[];
}

export function mentorProfile(
  rec: Record<string, Cell>,
  today: Date,
  lists: ProfileLists,
  requireTraining: boolean,
): MentorProfile {
  const eligible = eligibility(rec, "mentor", today);
  const trained = !isBlank(rec.interview_date) && !isBlank(rec.training_date);
  let excluded: string | null = eligible === ELIGIBLE ? null : eligible.replace(/^нет — /, "");
  if (!excluded && OUT_OF_PROGRAM.includes(String(rec.status))) excluded = `статус «${rec.status}»`;
  if (!excluded && requireTraining && !trained) excluded = "не прошёл собеседование и обучение";
  const subjects = splitList(rec.subjects);
  const interests = splitList(rec.interests);
  const competencies = splitKnown(rec.competencies, lists.competencies);
  return {
    id: String(rec.id),
    name: String(rec.full_name),
    category: String(rec.category ?? ""),
    forms: splitKnown(rec.forms, lists.forms),
    roleModels: splitKnown(rec.role_models, lists.roleModels),
    subjects,
    interests,
    competencies,
    ageGroups: splitList(rec.age_groups),
    time: timeRank(rec.time),
    age: ageOn(rec.birth_date, today),
    grade: gradeOf(rec.class),
    trained,
    excluded,
    keys: {
      subjects: new Set(subjects.map(normalizeHeader)),
      interests: new Set(interests.map(normalizeHeader)),
      competencies: new Set(competencies.map(normalizeHeader)),
    },
  };
}

export function menteeProfile(rec: Record<string, Cell>, today: Date, lists: ProfileLists): MenteeProfile {
  const eligible = eligibility(rec, "mentee", today);
  let excluded: string | null = eligible === ELIGIBLE ? null : eligible.replace(/^нет — /, "");
  if (!excluded && OUT_OF_PROGRAM.includes(String(rec.status))) excluded = `статус «${rec.status}»`;
  const age = ageOn(rec.birth_date, today);
  const grade = gradeOf(rec.class);
  const category = String(rec.category ?? "");
  const exp = rec.experience_years;
  const subjects = splitList(rec.subjects);
  const interests = splitList(rec.interests);
  const requests = splitKnown(rec.requests, lists.competencies);
  return {
    id: String(rec.id),
    name: String(rec.full_name),
    category,
    form: plainText(rec.form),
    roleModel: plainText(rec.role_model),
    subjects,
    interests,
    requests,
    ageGroup: ageGroupOf(category, grade, age),
    time: timeRank(rec.time),
    age,
    grade,
    experience: typeof exp === "number" ? exp : isBlank(exp) ? null : Number(exp),
    excluded,
    keys: {
      subjects: subjects.map(normalizeHeader),
      interests: interests.map(normalizeHeader),
      requests: requests.map(normalizeHeader),
    },
  };
}

const isStudent = (category: string) => /обучающ/i.test(category);
const isTeacher = (category: string) => /педагог|учител|специалист/i.test(category);

/**
 * The hard rules of a form of mentoring (Р-145, seeds 001 and 004): the same form; in «ученик –
 * ученик» the mentor is a student of 15–18 and older than the mentee; in «учитель – учитель» both
 * are teachers and a young specialist has 0–3 years; employer forms need a partner's employee.
 */
export function hardRule(mentor: MentorProfile, mentee: MenteeProfile): HardRule {
  if (!mentor.forms.includes(mentee.form)) return "другая форма наставничества";
  switch (mentee.form) {
    case "ученик – ученик": {
      if (!isStudent(mentor.category)) return "в форме «ученик – ученик» наставник — обучающийся";
      if (mentor.age !== null && (mentor.age < 15 || mentor.age > 18))
        return "наставник-обучающийся должен быть 15–18 лет";
      if (mentor.age !== null && mentee.age !== null && mentor.age <= mentee.age)
        return "наставник должен быть старше";
      if (mentor.grade !== null && mentee.grade !== null && mentor.grade <= mentee.grade)
        return "наставник должен учиться в более старшем классе";
      return null;
    }
    case "учитель – учитель":
      if (!isTeacher(mentor.category) || isStudent(mentor.category))
        return "в форме «учитель – учитель» наставник — педагог";
      if (!isTeacher(mentee.category)) return "в форме «учитель – учитель» наставляемый — педагог";
      if (/молодой специалист/i.test(mentee.category) && mentee.experience !== null && mentee.experience > 3)
        return "молодой специалист — стаж от 0 до 3 лет";
      return null;
    case "работодатель – ученик":
    case "работодатель – студент":
      if (!/партн|организац/i.test(mentor.category)) return "наставник — сотрудник организации-партнёра";
      return null;
    case "студент – ученик":
      if (!/студент|выпускник/i.test(mentor.category)) return "наставник — студент";
      return null;
    default:
      return null;
  }
}

/** The share of the wanted items (normalised) that are offered. */
function share(wanted: string[], offered: Set<string>): number {
  if (wanted.length === 0) return 0;
  let found = 0;
  for (const w of wanted) if (offered.has(w)) found++;
  return found / wanted.length;
}

/** Stated preferences: rank (1–3) of a mentor in a mentee's list and of the mentee in the mentor's. */
export interface PreferenceRanks {
  menteeRanksMentor: number | null;
  mentorRanksMentee: number | null;
}

const RANK_FACTOR = [0, 1, 2 / 3, 1 / 3];

/** Raw points of each criterion, in the order of CRITERIA; written into `out`. */
function criteria(
  mentor: MentorProfile,
  mentee: MenteeProfile,
  w: MatchWeights,
  prefs: PreferenceRanks,
  out: Float64Array,
): void {
  out[0] =
    w.subject *
    (mentee.keys.subjects.length === 0 ? 0 : share(mentee.keys.subjects, mentor.keys.subjects) > 0 ? 1 : 0);
  out[1] = w.competencies * share(mentee.keys.requests, mentor.keys.competencies);
  out[2] = w.interests * Math.min(1, share(mentee.keys.interests, mentor.keys.interests) * 2);
  out[3] = w.ageGroup * (mentee.ageGroup !== "" && mentor.ageGroups.includes(mentee.ageGroup) ? 1 : 0);
  out[4] =
    mentor.time < 0 || mentee.time < 0
      ? 0
      : w.time * (mentor.time >= mentee.time ? 1 : mentor.time === mentee.time - 1 ? 0.5 : 0);
  out[5] = w.roleModel * (mentee.roleModel !== "" && mentor.roleModels.includes(mentee.roleModel) ? 1 : 0);
  const a = prefs.menteeRanksMentor;
  const b = prefs.mentorRanksMentee;
  out[6] = w.preference * Math.max(a ? RANK_FACTOR[a] : 0, b ? RANK_FACTOR[b] : 0);
  out[7] = a && b ? w.mutual : 0;
}

const CRITERIA = [
  "subject",
  "competencies",
  "interests",
  "ageGroup",
  "time",
  "roleModel",
  "preference",
  "mutual",
] as const;
const scratch = new Float64Array(CRITERIA.length);

function totalOf(x: Float64Array): number {
  return Math.round(x[0] + x[1] + x[2] + x[3] + x[4] + x[5] + x[6] + x[7]);
}

/** The pair's integer score (the total of scoreParts, without building the parts). */
export function scoreTotal(
  mentor: MentorProfile,
  mentee: MenteeProfile,
  w: MatchWeights,
  prefs: PreferenceRanks,
): number {
  criteria(mentor, mentee, w, prefs, scratch);
  return totalOf(scratch);
}

/** The pair's points by criterion, with integer rounding of the total. */
export function scoreParts(
  mentor: MentorProfile,
  mentee: MenteeProfile,
  w: MatchWeights,
  prefs: PreferenceRanks,
): ScoreParts {
  criteria(mentor, mentee, w, prefs, scratch);
  const round = (x: number) => Math.round(x * 10) / 10;
  const parts = { total: totalOf(scratch) } as ScoreParts;
  CRITERIA.forEach((name, k) => {
    parts[name] = round(scratch[k]);
  });
  return parts;
}

/** «предмет 20, запросы 20 из 30, интересы 5, …» — the criteria that gave points. */
export function describeParts(p: ScoreParts, w: MatchWeights): string {
  const items: [string, number, number][] = [
    ["предмет", p.subject, w.subject],
    ["запросы и компетенции", p.competencies, w.competencies],
    ["интересы", p.interests, w.interests],
    ["возрастная группа", p.ageGroup, w.ageGroup],
    ["время", p.time, w.time],
    ["ролевая модель", p.roleModel, w.roleModel],
    ["предпочтение", p.preference, w.preference],
    ["взаимное предпочтение", p.mutual, w.mutual],
  ];
  const fmt = (x: number) => String(x).replace(".", ",");
  return items
    .filter(([, , weight]) => weight > 0)
    .map(([label, got, weight]) => `${label} ${fmt(got)} из ${fmt(weight)}`)
    .join("; ");
}
