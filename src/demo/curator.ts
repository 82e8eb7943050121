/**
 * What the demo school's curator does besides the questionnaires (issue 16, item 4), so that the
 * demo reads like a real school's year: the school's own targets for the first year of its
 * program, the preference questionnaire after the group meeting, the roadmap's dates written in and
 * its steps ticked off on the days the demo does them, and the curator's expert scores of most
 * pairs at the internal monitoring in December and in May. Deterministic; runtime-neutral.
 */
import { DAY_MS, formatDateRu, utcDate } from "../core/dates";
import type { Submission } from "../core/intake/submission";
import { PROGRAM_SCOPE } from "../core/monitoring/data";
import type { Cell, WorkbookPort } from "../core/ports";
import { personChoice } from "../core/questionnaires/form-plan";
import { questionnaire } from "../core/questionnaires/schema";
import { indicatorDefinitions } from "../core/templates/load";
import type { ColumnKey } from "../core/workbook/keys.generated";
import { ROADMAP_STATUS } from "../core/workbook/statuses";
import { Table } from "../core/workbook/table";
import { prng } from "./sample";

/**
 * The demo school's targets for the first year of its program (the first year of seed 001's
 * table): «Показатели» takes the latest earlier year's targets otherwise (2024's 70 %, 10 %, …, a
 * fifth year's targets for a school that has just begun).
 */
export const FIRST_YEAR_TARGETS: Record<string, number> = {
  "1": 10,
  "2": 2,
  "3": 100,
  "4": 1,
  "5": 50,
  "6": 50,
};

/** Writes the year's targets into «Показатели», as a curator enters them; rows already there stay. */
export function seedSchoolTargets(wb: WorkbookPort, year: number, targets = FIRST_YEAR_TARGETS): void {
  const t = Table.load(wb, "indicators");
  const units: Record<string, string> = { "1": "%", "2": "%", "3": "%", "4": "ед.", "5": "%", "6": "%" };
  for (const [code, target] of Object.entries(targets)) {
    const exists = t
      .records()
      .some((r) => String(r.values.year) === String(year) && String(r.values.code) === code);
    const def = indicatorDefinitions().indicators.find((d) => d.code === code);
    if (!exists)
      t.add({
        row_key: `${year}-${code}`,
        year,
        code,
        name: def?.name ?? "",
        unit: units[code],
        target,
        method: def?.method ?? "",
      });
  }
  t.flush(wb);
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

const words = (v: Cell) =>
  String(v ?? "")
    .toLowerCase()
    .split(/\s*,\s*/)
    .filter((w) => w !== "");

/**
 * The preference questionnaire after the group meeting (seed 000): most eligible mentees name up to
 * three mentors of their form, most mentors up to three mentees, the closest by subjects and
 * interests first with some taste of their own. Choices are «ФИО (ID)», as the form lists them.
 */
export function demoPreferences(
  wb: WorkbookPort,
  at: Date,
  seed = 30,
): { preferences_mentee: Submission[]; preferences_mentor: Submission[] } {
  const rnd = prng(seed);
  const mentors = Table.load(wb, "mentors")
    .records()
    .map((r) => r.values);
  const mentees = Table.load(wb, "mentees")
    .records()
    .map((r) => r.values);
  const eligible = (v: Record<string, Cell>) => String(v.eligibility) === "да";
  const closeness = (a: Record<string, Cell>, b: Record<string, Cell>) => {
    const shared = (x: Cell, y: Cell) => words(x).filter((w) => words(y).includes(w)).length;
    return shared(a.subjects, b.subjects) * 2 + shared(a.interests, b.interests) + rnd() * 2.5;
  };
  const top = <T>(items: T[], score: (x: T) => number) =>
    items
      .map((x) => ({ x, s: score(x) }))
      .sort((p, q) => q.s - p.s)
      .slice(0, 1 + Math.floor(rnd() * 3))
      .map((p) => p.x);
  const submission = (formKey: string, email: string, i: number, answers: Record<string, string>) => ({
    submittedAt: new Date(at.getTime() + (10 + (i % 9)) * 3600000 + (i % 60) * 60000),
    email,
    answers: titled(formKey, answers),
    source: `демонстрация: ${questionnaire(formKey).title}, ${formatDateRu(at)}`,
  });
  const choices = (list: Record<string, Cell>[]) => {
    const out: Record<string, string> = {};
    list.forEach((p, k) => {
      out[`choice_${k + 1}`] = personChoice(String(p.full_name), String(p.id));
    });
    return out;
  };

  const preferences_mentee: Submission[] = [];
  mentees.filter(eligible).forEach((m, i) => {
    if (rnd() > 0.7) return;
    const fit = mentors.filter((x) => eligible(x) && words(x.forms).includes(String(m.form).toLowerCase()));
    if (fit.length === 0) return;
    preferences_mentee.push(
      submission("preferences_mentee", String(m.email), i, {
        full_name: String(m.full_name),
        ...choices(top(fit, (x) => closeness(m, x))),
      }),
    );
  });
  const preferences_mentor: Submission[] = [];
  mentors.filter(eligible).forEach((m, i) => {
    if (rnd() > 0.8) return;
    const fit = mentees.filter((x) => eligible(x) && words(m.forms).includes(String(x.form).toLowerCase()));
    if (fit.length === 0) return;
    preferences_mentor.push(
      submission("preferences_mentor", String(m.email), i, {
        full_name: String(m.full_name),
        ...choices(top(fit, (x) => closeness(x, m))),
      }),
    );
  });
  return { preferences_mentee, preferences_mentor };
}

/**
 * The steps of the «school-general» roadmap the template leaves undated, with the date the curator
 * writes in «Срок» (month, day of the school year) and whether the demo does them on that day
 * (ticked off once the day has passed) or they wait for the end of the year.
 */
const ROADMAP_STEPS: { starts: string; month: number; day: number; done: boolean }[] = [
  { starts: "Проведение анкетирования среди обучающихся", month: 9, day: 28, done: true },
  { starts: "Анализ заполненных анкет потенциальных наставников", month: 9, day: 28, done: true },
  { starts: "Проведение собеседования с наставниками", month: 9, day: 28, done: true },
  { starts: "Организация групповой встречи", month: 9, day: 29, done: true },
  { starts: "Проведение анкетирования на предмет пред", month: 9, day: 30, done: true },
  { starts: "Анализ анкет групповой встречи", month: 10, day: 1, done: true },
  { starts: "Анкетирование участников", month: 5, day: 29, done: true },
  { starts: "Проведение заключительной встречи", month: 5, day: 31, done: true },
  { starts: "Проведение групповой заключительной", month: 5, day: 31, done: true },
  { starts: "Оформление итогов", month: 6, day: 10, done: false },
  { starts: "Внесение данных об итогах", month: 6, day: 10, done: false },
];

/**
 * Writes «До ДД.ММ.ГГГГ» into the undated steps of the roadmap (the curator's own dates) and ticks
 * off those the demo has done by `today`, on the day it did them. Then `refreshRoadmap` dates them.
 */
export function demoRoadmapDates(wb: WorkbookPort, startYear: number, today: Date): void {
  const t = Table.load(wb, "roadmap");
  for (const r of t.rowIndexes()) {
    const event = String(t.get(r, "event"));
    const step = ROADMAP_STEPS.find((s) => event.startsWith(s.starts));
    if (!step) continue;
    const day = utcDate(step.month >= 9 ? startYear : startYear + 1, step.month, step.day);
    if (String(t.get(r, "deadline_text")).trim() === "") t.set(r, "deadline_text", `До ${formatDateRu(day)}`);
    if (step.done && day.getTime() < today.getTime() && t.get(r, "status") !== ROADMAP_STATUS.done) {
      t.set(r, "status", ROADMAP_STATUS.done);
      t.set(r, "done_date", day);
    }
  }
  t.flush(wb);
}

/** Ticks off the roadmap's closing steps on the day the cycle is closed. */
export function demoRoadmapClosing(wb: WorkbookPort, day: Date): void {
  const t = Table.load(wb, "roadmap");
  for (const r of t.rowIndexes()) {
    const event = String(t.get(r, "event"));
    const closing =
      event.startsWith("Оформление итогов") ||
      event.startsWith("Внесение данных об итогах") ||
      event.startsWith("Проведение торжественного мероприятия");
    if (closing && t.get(r, "status") !== ROADMAP_STATUS.done) {
      t.set(r, "status", ROADMAP_STATUS.done);
      t.set(r, "done_date", day);
    }
  }
  t.flush(wb);
}

const EXPERT: ColumnKey<"monitoring">[] = [
  "i1_goals",
  "i2_principles",
  "i3_approaches",
  "i4_climate",
  "i5_mentor_logic",
  "i7_partners",
];
const COMPUTED: ColumnKey<"monitoring">[] = ["i6_satisfaction", "i8_activity", "i9_application"];

/**
 * The curator's expert scores (0–2) of the pairs at the internal monitoring (seed 001): in
 * December about 60 % of the pairs, in May about 85 % (the same pairs first); the rest wait for
 * the curator. A pair's scores follow what monitoring measured of it (indicators 6, 8, 9) with the
 * curator's own judgement, so pairs land on all three levels. Only blank cells are filled.
 */
export function demoPairScores(wb: WorkbookPort, startYear: number, today: Date, seed = 11): number {
  const december = utcDate(startYear, 12, 20).getTime();
  const may = utcDate(startYear + 1, 5, 15).getTime();
  const share = today.getTime() >= may ? 0.85 : today.getTime() >= december ? 0.6 : 0;
  if (share === 0) return 0;
  const t = Table.load(wb, "monitoring");
  const rnd = prng(seed);
  let scored = 0;
  for (const r of t.rowIndexes()) {
    const scope = String(t.get(r, "scope"));
    // One draw per pair whatever the date, so December's pairs are among May's.
    const draw = rnd();
    const judgement = rnd();
    const noise = EXPERT.map(() => rnd());
    if (scope === "" || scope === PROGRAM_SCOPE || draw >= share) continue;
    const measured = COMPUTED.map((k) => t.get(r, k)).filter((v): v is number => typeof v === "number");
    const base = measured.length === 0 ? 1 : measured.reduce((s, x) => s + x, 0) / measured.length;
    // The process indicators (1–5, 7) lean to «partly shown» and follow the measured ones halfway;
    // the curator sees more than the figures: a pair may be judged a notch better or worse.
    const leaning = 1.2 + (base - 1) * 0.7;
    const level = Math.max(0, Math.min(2, leaning + (judgement < 0.2 ? -0.6 : judgement > 0.85 ? 0.5 : 0)));
    EXPERT.forEach((key, k) => {
      if (t.get(r, key) !== "") return;
      const n = noise[k];
      t.set(r, key, Math.max(0, Math.min(2, Math.round(level + (n < 0.2 ? -0.7 : n > 0.9 ? 0.7 : 0)))));
    });
    scored++;
  }
  t.flush(wb);
  return scored;
}

/** The demo's closing day: the day after the program's end, or today when later. */
export function closingDay(programEnd: Date, today: Date): Date {
  const after = new Date(programEnd.getTime() + DAY_MS);
  return today.getTime() > after.getTime() ? today : after;
}
