import { utcDate } from "../../../src/core/dates";
import type { PairRecord } from "../../../src/core/monitoring/data";
import { PROGRAM_SCOPE } from "../../../src/core/monitoring/data";
import { growthRows, NO_BOTH, NO_ENTRY, NO_EXIT, pairedItems } from "../../../src/core/monitoring/growth";
import { computeIndicators, emptyEvidence, formatAgainst } from "../../../src/core/monitoring/indicators";
import { meetingKind, pairActivity } from "../../../src/core/monitoring/meetings";
import { INDICATOR_KEYS, levelOf, scoreRubric } from "../../../src/core/monitoring/rubric";
import { satisfactionShares } from "../../../src/core/monitoring/satisfaction";
import { DEFAULT_THRESHOLDS } from "../../../src/core/monitoring/thresholds";
import { type Cell, noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { describeMonitoring, recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import type { SheetKey } from "../../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { submission } from "../../support/submissions";

const NOW = new Date(Date.UTC(2027, 4, 20, 10, 0)); // 20.05.2027, school year 2026/2027
const clock = { now: () => NOW };
const d = (day: number, month: number, year: number) => utcDate(year, month, day);

// ---------------------------------------------------------------------------------------------
// A school in May 2027: three approved pairs, answers arriving through the real questionnaires.

const ORLOVA = "orlova@school.ru";
const SMIRNOVA = "smirnova@school.ru";
const BELOV = "belov@partner.ru";
const KIM = "kim@school.ru";
const PETROVA = "petrova@school.ru";

function addRows<S extends SheetKey>(wb: MemoryWorkbook, sheet: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, sheet);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

function take(wb: MemoryWorkbook, form: string, subs: ReturnType<typeof submission>[]) {
  const s = intakeSubmissions({ workbook: wb, clock }, form, subs);
  expect(s.rejected).toBe(0);
}

const entryMentee = (scores: number[]) => ({
  effectiveness: scores[0],
  comfort: scores[1],
  usefulness: scores[2],
  group_meetings: scores[3],
  personal_meetings: scores[4],
  clarity: scores[5],
  joint_work: scores[6],
  motivation: scores[7],
  confidence: scores[8],
  request_skills: scores[9],
  involvement: scores[10],
});
const asText = (o: Record<string, Cell>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) as Record<string, string>;

/** Builds the school; returns the workbook, initialised and filled. */
function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  addRows(wb, "mentors", [
    {
      id: "Н-0001",
      email: ORLOVA,
      full_name: "Орлова Марина Сергеевна",
      category: "опытный педагог",
      forms: "учитель – учитель",
      interview_date: d(10, 9, 2026),
      training_date: d(20, 9, 2026),
      status: "в паре",
      comment: "Руководитель МО",
    },
    {
      id: "Н-0002",
      email: BELOV,
      full_name: "Белов Сергей Петрович",
      category: "сотрудник организации-партнёра",
      forms: "работодатель – ученик",
      status: "в паре",
    },
    {
      id: "Н-0003",
      email: "free@school.ru",
      full_name: "Зайцева Нина Ивановна",
      category: "опытный педагог",
      status: "допущен",
    },
  ]);
  addRows(wb, "mentees", [
    {
      id: "НЯ-0001",
      email: SMIRNOVA,
      full_name: "Смирнова Алиса Игоревна",
      category: "молодой специалист (стаж 0–3 года)",
      form: "учитель – учитель",
      status: "в паре",
    },
    {
      id: "НЯ-0002",
      email: KIM,
      full_name: "Ким Артём Олегович",
      category: "обучающийся",
      form: "работодатель – ученик",
      status: "в паре",
    },
    {
      id: "НЯ-0003",
      email: PETROVA,
      full_name: "Петрова Ольга Павловна",
      category: "педагог, адаптирующийся на новом месте работы",
      form: "учитель – учитель",
      status: "в паре",
    },
    {
      id: "НЯ-0004",
      email: "wait@school.ru",
      full_name: "Волков Илья",
      category: "обучающийся",
      form: "ученик – ученик",
      status: "ожидает пары",
    },
  ]);
  const pair = (
    id: string,
    mentor: string,
    mentorName: string,
    mentee: string,
    menteeName: string,
    form: string,
  ) => ({
    pair_id: id,
    mentor_id: mentor,
    mentor_name: mentorName,
    mentee_id: mentee,
    mentee_name: menteeName,
    form,
    status: "утверждена",
  });
  addRows(wb, "pairs", [
    {
      ...pair(
        "П-0001",
        "Н-0001",
        "Орлова Марина Сергеевна",
        "НЯ-0001",
        "Смирнова Алиса Игоревна",
        "учитель – учитель",
      ),
      role_model: "опытный педагог – молодой специалист",
      approved_at: d(25, 9, 2026),
      start_date: d(1, 10, 2026),
    },
    {
      ...pair(
        "П-0002",
        "Н-0002",
        "Белов Сергей Петрович",
        "НЯ-0002",
        "Ким Артём Олегович",
        "работодатель – ученик",
      ),
      approved_at: d(1, 11, 2026),
    },
    {
      ...pair(
        "П-0003",
        "Н-0001",
        "Орлова Марина Сергеевна",
        "НЯ-0003",
        "Петрова Ольга Павловна",
        "учитель – учитель",
      ),
      approved_at: d(28, 4, 2027),
      start_date: d(1, 5, 2027),
    },
    {
      ...pair("П-0004", "Н-0003", "Зайцева Нина Ивановна", "НЯ-0004", "Волков Илья", "ученик – ученик"),
      status: "предложена",
    },
  ]);

  // П-0001 meets weekly from 01.10.2026 to 13.05.2027: 33 meetings, each reported by both
  // through «Обратная связь после встречи»: the mentor rates 9, the mentee 8.
  const feedback: ReturnType<typeof submission>[] = [];
  for (let k = 0; k <= 32; k++) {
    const date = new Date(d(1, 10, 2026).getTime() + k * 7 * 86400000);
    const type =
      k === 0
        ? "встреча-знакомство"
        : k === 1
          ? "пробная рабочая встреча"
          : k === 2
            ? "встреча-планирование"
            : k === 32
              ? "итоговая встреча"
              : "регулярная встреча";
    const dd = `${String(date.getUTCDate()).padStart(2, "0")}.${String(date.getUTCMonth() + 1).padStart(2, "0")}.${date.getUTCFullYear()}`;
    const at = new Date(date.getTime() + 18 * 3600000);
    feedback.push(
      submission(
        "meeting_feedback",
        ORLOVA,
        { role: "наставник", partner: "Смирнова", date: dd, type, rating: "9", topic: `Тема ${k + 1}` },
        at,
      ),
      submission("meeting_feedback", SMIRNOVA, { role: "наставляемый", date: dd, type, rating: "8" }, at),
    );
  }
  // П-0002 meets every two weeks from 05.11.2026, ten times, the last on 11.03.2027: 7 and 6.
  for (let k = 0; k < 10; k++) {
    const date = new Date(d(5, 11, 2026).getTime() + k * 14 * 86400000);
    const dd = `${String(date.getUTCDate()).padStart(2, "0")}.${String(date.getUTCMonth() + 1).padStart(2, "0")}.${date.getUTCFullYear()}`;
    const type = k === 0 ? "встреча-знакомство" : "регулярная встреча";
    const at = new Date(date.getTime() + 18 * 3600000);
    feedback.push(
      submission("meeting_feedback", BELOV, { role: "наставник", date: dd, type, rating: "7" }, at),
      submission("meeting_feedback", KIM, { role: "наставляемый", date: dd, type, rating: "6" }, at),
    );
  }
  take(wb, "meeting_feedback", feedback);

  // Monthly reports: Орлова for 10.2026–04.2027 (activity 9, application 8); Белов for
  // 11.2026–02.2027 (activity 6, application 5).
  const reports: ReturnType<typeof submission>[] = [];
  for (const m of ["10.2026", "11.2026", "12.2026", "01.2027", "02.2027", "03.2027", "04.2027"])
    reports.push(
      submission("mentor_report", ORLOVA, {
        full_name: "Орлова Марина Сергеевна",
        month: m,
        meetings_count: "4",
        mentee_activity: "9",
        application: "8",
      }),
    );
  for (const m of ["11.2026", "12.2026", "01.2027", "02.2027"])
    reports.push(
      submission("mentor_report", BELOV, {
        full_name: "Белов Сергей Петрович",
        month: m,
        meetings_count: "2",
        mentee_activity: "6",
        application: "5",
      }),
    );
  take(wb, "mentor_report", reports);

  // Entry and exit questionnaires.
  const sept = new Date(Date.UTC(2026, 8, 28, 12));
  const may = new Date(Date.UTC(2027, 4, 18, 12));
  take(wb, "entry_mentee", [
    submission(
      "entry_mentee",
      SMIRNOVA,
      { full_name: "Смирнова Алиса Игоревна", ...asText(entryMentee([7, 6, 8, 5, 8, 6, 7, 5, 4, 3, 5])) },
      sept,
    ),
    submission(
      "entry_mentee",
      PETROVA,
      { full_name: "Петрова Ольга Павловна", ...asText(entryMentee([8, 8, 8, 8, 8, 8, 8, 6, 6, 5, 4])) },
      new Date(Date.UTC(2027, 3, 30, 12)),
    ),
  ]);
  take(wb, "exit_mentee", [
    submission(
      "exit_mentee",
      SMIRNOVA,
      {
        full_name: "Смирнова Алиса Игоревна",
        ...asText(entryMentee([9, 9, 9, 6, 9, 8, 9, 8, 8, 8, 7])),
        expectations_met: "9",
        satisfaction: "9",
        would_continue: "да",
        wants_to_be_mentor: "да",
        valuable: "Разбор моих уроков и совместное планирование",
        missing: "Больше групповых встреч",
      },
      may,
    ),
    submission(
      "exit_mentee",
      KIM,
      {
        full_name: "Ким Артём Олегович",
        ...asText(entryMentee([6, 7, 6, 5, 6, 6, 6, 6, 6, 6, 6])),
        expectations_met: "6",
        satisfaction: "6",
        would_continue: "да",
      },
      may,
    ),
  ]);
  take(wb, "entry_mentor", [
    submission(
      "entry_mentor",
      ORLOVA,
      {
        full_name: "Орлова Марина Сергеевна",
        effectiveness: "8",
        comfort: "8",
        usefulness: "7",
        group_meetings: "6",
        personal_meetings: "9",
        clarity: "8",
        joint_work: "8",
        mentoring_skills: "6",
        motivation: "7",
        involvement: "8",
      },
      sept,
    ),
  ]);
  take(wb, "exit_mentor", [
    submission(
      "exit_mentor",
      ORLOVA,
      {
        full_name: "Орлова Марина Сергеевна",
        effectiveness: "9",
        comfort: "10",
        usefulness: "9",
        group_meetings: "7",
        personal_meetings: "10",
        clarity: "9",
        joint_work: "10",
        expectations_met: "10",
        satisfaction: "10",
        mentoring_skills: "8",
        motivation: "9",
        involvement: "9",
        would_continue: "да",
        valuable: "Видеть, как растёт молодой коллега",
      },
      may,
    ),
    submission(
      "exit_mentor",
      BELOV,
      {
        full_name: "Белов Сергей Петрович",
        effectiveness: "7",
        comfort: "7",
        usefulness: "7",
        group_meetings: "6",
        personal_meetings: "7",
        clarity: "6",
        joint_work: "7",
        expectations_met: "7",
        satisfaction: "7",
        mentoring_skills: "6",
        motivation: "7",
        involvement: "6",
        would_continue: "нет",
      },
      may,
    ),
  ]);
  return wb;
}

const run = (wb: MemoryWorkbook) => recomputeMonitoring({ workbook: wb, clock });

function monitoringRows(wb: MemoryWorkbook) {
  return Table.load(wb, "monitoring")
    .records()
    .map((r) => r.values);
}

/** The curator types expert judgements into «Мониторинг» (row found by scope). */
function typeExperts(wb: MemoryWorkbook, scope: string, values: NewRow<"monitoring">) {
  const t = Table.load(wb, "monitoring");
  const row = t.find("scope", scope);
  t.setAll(row, values);
  t.flush(wb);
}

// ---------------------------------------------------------------------------------------------

describe("the rubric of seed 004", () => {
  /** Nine scores summing to `total`. */
  const scores = (total: number) => {
    const out: Record<string, number> = {};
    let left = total;
    for (const k of INDICATOR_KEYS) {
      const s = Math.min(2, left);
      out[k] = s;
      left -= s;
    }
    return out;
  };

  it.each([
    [0, "недопустимый"],
    [8, "недопустимый"],
    [9, "допустимый"],
    [14, "допустимый"],
    [15, "оптимальный"],
    [18, "оптимальный"],
  ])("a total of %i is %s", (total, level) => {
    expect(levelOf(total)).toBe(level);
    const r = scoreRubric(scores(total));
    expect(r).toMatchObject({ total, known: 9, complete: true, level, missing: [] });
  });

  it("shows the total of what is known and no level while a judgement is missing", () => {
    const values: Record<string, Cell> = scores(18);
    values.i3_approaches = "";
    values.i7_partners = "";
    const r = scoreRubric(values);
    expect(r).toMatchObject({ total: 14, known: 7, complete: false, level: null, missing: [3, 7] });
  });

  it("reads a score typed as text and refuses what is not 0, 1 or 2", () => {
    const values: Record<string, Cell> = scores(16);
    values.i1_goals = "2";
    values.i2_principles = 3;
    const r = scoreRubric(values);
    expect(r.invalid).toEqual([2]);
    expect(r.level).toBeNull();
    expect(r.total).toBe(14);
  });
});

describe("computed indicators", () => {
  const t = DEFAULT_THRESHOLDS;
  it("scores 6 from the mean of the sources and 7 from partners, by the thresholds of «Настройки»", () => {
    const e = {
      ...emptyEvidence(),
      menteeSatisfaction: [8],
      mentorSatisfaction: [8],
      meetingRatings: [7, 9],
    };
    expect(computeIndicators(e, t).i6_satisfaction).toMatchObject({ score: 2, value: 8 });
    const low = { ...e, menteeSatisfaction: [7.9], mentorSatisfaction: [7.9], meetingRatings: [7.9] };
    expect(computeIndicators(low, t).i6_satisfaction.score).toBe(1);
    const bad = { ...e, menteeSatisfaction: [4], mentorSatisfaction: [5], meetingRatings: [4] };
    expect(computeIndicators(bad, t).i6_satisfaction.score).toBe(0);
    expect(computeIndicators(e, t).i7_partners).toMatchObject({ score: null });
    expect(computeIndicators(e, t).i7_partners.basis).toContain("оценка куратора");
    expect(computeIndicators({ ...e, partnerSatisfaction: [5] }, t).i7_partners.score).toBe(1);
  });

  it("takes the lower half of 8 and follows changed thresholds", () => {
    const e = { ...emptyEvidence(), held: 12, expected: 16, menteeActivity: [9, 9] };
    const i8 = computeIndicators(e, t).i8_activity;
    expect(i8.score).toBe(2); // 75 % of the norm and activity 9
    expect(computeIndicators({ ...e, held: 11 }, t).i8_activity.score).toBe(1); // 69 %
    expect(computeIndicators({ ...e, menteeActivity: [4] }, t).i8_activity.score).toBe(0);
    expect(computeIndicators({ ...e, held: 11 }, { ...t, activityFullShare: 60 }).i8_activity.score).toBe(2);
    expect(computeIndicators(emptyEvidence(), t).i8_activity.score).toBeNull();
  });
});

describe("the stalled-pair flag", () => {
  const today = d(20, 5, 2027);
  const opts = { today, meetingsPerMonth: 4, stallDays: 14 };
  const pair = (since: Date, status = "утверждена"): PairRecord => ({
    row: 0,
    id: "П-1",
    mentorId: "Н-1",
    menteeId: "НЯ-1",
    mentorName: "",
    menteeName: "",
    form: "",
    roleModel: "",
    status,
    approvedAt: since,
    startDate: null,
    since,
    endDate: null,
    outcome: "",
  });
  const meeting = (date: Date) => ({
    pairId: "П-1",
    date,
    type: "регулярная встреча",
    mentorRating: null,
    menteeRating: null,
  });

  it("counts from the last meeting: 14 days is fine, 15 needs attention", () => {
    const p = pair(d(1, 3, 2027));
    expect(pairActivity(p, [meeting(d(6, 5, 2027))], [], opts)).toMatchObject({
      daysWithout: 14,
      attention: false,
    });
    const a = pairActivity(p, [meeting(d(5, 5, 2027))], [], opts);
    expect(a).toMatchObject({ daysWithout: 15, attention: true });
    expect(a.attentionText).toBe("да — нет встреч 15 дней, с 05.05.2027 (допустимо 14 дней)");
  });

  it("counts a pair without meetings from its start, and never flags a completed pair", () => {
    expect(pairActivity(pair(d(6, 5, 2027)), [], [], opts).attention).toBe(false);
    expect(pairActivity(pair(d(5, 5, 2027)), [], [], opts).attentionText).toBe(
      "да — ни одной встречи за 15 дней работы пары (допустимо 14 дней)",
    );
    expect(pairActivity(pair(d(1, 1, 2027), "завершена"), [], [], opts).attention).toBe(false);
  });

  it("ignores meetings dated in the future and reads «пробная встреча» of seed 001", () => {
    const a = pairActivity(pair(d(1, 3, 2027)), [meeting(d(1, 6, 2027))], [], opts);
    expect(a).toMatchObject({ meetings: 0, lastMeeting: null, attention: true });
    expect(meetingKind("Пробная встреча")).toBe("trial");
    expect(meetingKind("Итоговая встреча")).toBe("final");
  });
});

describe("satisfaction shares (indicators 5 and 6 of seed 001)", () => {
  it("counts respondents at or above the threshold, one answer per person, exit surveys only", () => {
    const a = (email: string, role: string, satisfaction: Cell, stage = "итоговая") => ({
      email,
      role,
      stage,
      satisfaction,
    });
    const s = satisfactionShares(
      [
        a("1@x", "наставляемый", 7),
        a("2@x", "наставляемый", 6),
        a("3@x", "наставляемый", "9"),
        a("4@x", "наставляемый", ""),
        a("5@x", "наставляемый", 10, "входная"),
        a("6@x", "наставник", 8),
      ],
      7,
    );
    expect(s.mentees).toEqual({ respondents: 3, satisfied: 2, percent: 66.7 });
    expect(s.mentors).toEqual({ respondents: 1, satisfied: 1, percent: 100 });
    expect(satisfactionShares([], 7).mentors.percent).toBeNull();
  });
});

describe("recomputeMonitoring on a school in May", () => {
  it("writes each pair's work: required meetings, cadence, reports, attention", () => {
    const wb = school();
    const r = run(wb);
    expect(r.year).toBe("2026/2027");
    expect(r.pairs.map((p) => p.pair.id)).toEqual(["П-0001", "П-0002", "П-0003"]);
    const rows = Table.load(wb, "pair_activity")
      .records()
      .map((x) => x.values);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      year: "2026/2027",
      pair_id: "П-0001",
      start: d(1, 10, 2026),
      meetings: 33,
      last_meeting: d(13, 5, 2027),
      days_without: 7,
      per_month: 4.3,
      norm: 4,
      cadence: 109,
      intro: d(1, 10, 2026),
      trial: d(8, 10, 2026),
      planning: d(15, 10, 2026),
      regular: 29,
      final: d(13, 5, 2027),
      missing_types: "",
      avg_rating: 8.5,
      reports: 7,
      reports_due: 7,
      reports_missing: "",
      attention: "",
    });
    expect(rows[1]).toMatchObject({
      pair_id: "П-0002",
      start: d(1, 11, 2026),
      meetings: 10,
      cadence: 38,
      missing_types: "пробная рабочая встреча, встреча-планирование, итоговая встреча",
      reports: 4,
      reports_due: 6,
      reports_missing: "03.2027, 04.2027",
      attention: "да — нет встреч 70 дней, с 11.03.2027 (допустимо 14 дней)",
    });
    expect(rows[2]).toMatchObject({
      pair_id: "П-0003",
      meetings: 0,
      reports_due: 0,
      attention: "да — ни одной встречи за 19 дней работы пары (допустимо 14 дней)",
    });
    expect(r.attention.map((a) => a.pairId)).toEqual(["П-0002", "П-0003"]);
  });

  it("computes indicators 6–9 per pair and for the program, leaving 1–5 and the level to the curator", () => {
    const wb = school();
    const r = run(wb);
    const rows = monitoringRows(wb);
    expect(rows.map((x) => x.scope)).toEqual([PROGRAM_SCOPE, "П-0001", "П-0002", "П-0003"]);
    expect(rows[1]).toMatchObject({
      period: "2026/2027",
      label: "Орлова Марина Сергеевна — Смирнова Алиса Игоревна",
      i1_goals: "",
      i6_satisfaction: 2,
      i7_partners: "",
      i8_activity: 2,
      i9_application: 2,
      total: "",
      level: "не определён — нужна оценка куратора",
    });
    expect(rows[1].note).toBe(
      "Уровень не определён: нет экспертной оценки куратора по показателям 1–5; нет данных и оценки куратора по показателю 7. «Итого» не подсчитано: оценено 3 из 9 показателей — нужна оценка куратора.",
    );
    expect(String(rows[1].basis).split("\n")).toEqual([
      "6 — 2 балла: среднее 9,2 из: удовлетворённость наставляемых 9; удовлетворённость наставников 10; оценки встреч 8,5 (66 оц.). Правило: 2 балла от 8, 1 балл от 5.",
      "7 — нет итоговых анкет наставников — сотрудников организаций-партнёров: оценка куратора.",
      "8 — 2 балла (меньший из двух): встречи — 109 % нормы (33 из 30,4) → 2 балла (2 от 75 %, 1 от 50 %); активность по отчётам наставника 9 (7 отч.) → 2 балла (2 от 8, 1 от 5).",
      "9 — 2 балла: среднее 8 из: применение опыта по отчётам наставника 8 (7 оц.); самооценка наставляемого в итоговой анкете 8. Правило: 2 балла от 8, 1 балл от 5.",
    ]);
    // The partner's pair: 6 = mean(6, 7, 6.5) = 6.5 → 1; 7 = 7 → 1; 8 = min(38 % → 0, 6 → 1) = 0; 9 = mean(5, 6) → 1.
    expect(rows[2]).toMatchObject({
      i6_satisfaction: 1,
      i7_partners: 1,
      i8_activity: 0,
      i9_application: 1,
      total: "",
    });
    // The new pair: only the mentor's exit satisfaction (10) is known.
    expect(rows[3]).toMatchObject({
      i6_satisfaction: 2,
      i7_partners: "",
      i8_activity: "",
      i9_application: "",
      total: "",
    });
    // The program pools everything: 6 → 2, 7 → 1, 8 = min(76 % → 2, 7,9 → 1) = 1, 9 = mean(6,9; 7) → 1.
    expect(rows[0]).toMatchObject({
      i6_satisfaction: 2,
      i7_partners: 1,
      i8_activity: 1,
      i9_application: 1,
      total: "",
    });
    expect(r.program.computed.i8_activity.value).toBe(76);
    expect(r.satisfaction.mentees).toEqual({ respondents: 2, satisfied: 1, percent: 50 });
    expect(r.satisfaction.mentors).toEqual({ respondents: 2, satisfied: 2, percent: 100 });
  });

  it("worked example: the curator's judgements complete П-0001 at 17 points, the optimal level", () => {
    const wb = school();
    run(wb);
    typeExperts(wb, "П-0001", {
      i1_goals: 2,
      i2_principles: 2,
      i3_approaches: 1,
      i4_climate: 2,
      i5_mentor_logic: 2,
      i7_partners: 2,
    });
    typeExperts(wb, "П-0002", {
      i1_goals: 1,
      i2_principles: 1,
      i3_approaches: 1,
      i4_climate: 1,
      i5_mentor_logic: 1,
      i7_partners: 2, // computed from the partner's exit survey: replaced by 1
    });
    typeExperts(wb, PROGRAM_SCOPE, {
      i1_goals: 2,
      i2_principles: 2,
      i3_approaches: 2,
      i4_climate: 2,
      i5_mentor_logic: 1,
    });
    const r = run(wb);
    const rows = monitoringRows(wb);
    expect(rows[1]).toMatchObject({
      i1_goals: 2,
      i2_principles: 2,
      i3_approaches: 1,
      i4_climate: 2,
      i5_mentor_logic: 2,
      i6_satisfaction: 2,
      i7_partners: 2,
      i8_activity: 2,
      i9_application: 2,
      total: 17,
      level: "оптимальный",
      note: "",
    });
    expect(rows[2]).toMatchObject({ i7_partners: 1, total: 8, level: "недопустимый" });
    expect(rows[0]).toMatchObject({ total: 14, level: "допустимый" });
    expect(describeMonitoring(r)).toBe(
      "Мониторинг 2026/2027 пересчитан: 1 пара и 1 группа, 3 наставляемых; программа в целом — 14 из 18 баллов, допустимый уровень; требуют внимания: 2 (П-0002, П-0003); удовлетворены: наставляемые — 50 % (1 из 2), наставники — 100 % (2 из 2).",
    );
  });

  it("never overwrites the curator's judgements and writes nothing when run again", () => {
    const wb = school();
    run(wb);
    typeExperts(wb, "П-0003", { i1_goals: 1, i8_activity: 1, comment: "Пара только начала работу" });
    run(wb);
    const before = JSON.stringify([...wb.sheets.entries()]);
    wb.resetCalls();
    run(wb);
    expect(wb.calls.write ?? 0).toBe(0);
    expect(wb.calls.append ?? 0).toBe(0);
    expect(JSON.stringify([...wb.sheets.entries()])).toBe(before);
    // 8 has no data for the new pair: the curator's 1 stays and counts.
    expect(monitoringRows(wb)[3]).toMatchObject({
      i1_goals: 1,
      i8_activity: 1,
      total: "",
      comment: "Пара только начала работу",
    });
  });

  it("logs a pair whose mentor is not in the bank, once a day however often it runs", () => {
    const wb = school();
    addRows(wb, "pairs", [
      { pair_id: "П-0009", mentor_id: "Н-0099", mentee_id: "НЯ-0004", status: "утверждена" },
    ]);
    const r = run(wb);
    expect(r.warnings).toEqual(["Пара П-0009: наставник «Н-0099» не найден в базе наставников."]);
    run(wb);
    const log = Table.load(wb, "log")
      .records()
      .map((x) => x.values)
      .filter((x) => x.operation === "Мониторинг");
    expect(log.map((x) => x.message)).toEqual(r.warnings);
    expect(describeMonitoring(r)).toContain("Замечаний: 1 (см. «Журнал»).");
  });

  it("starts a new row when the curator keeps the December assessment and adds one for May", () => {
    const wb = school();
    run(wb);
    const t = Table.load(wb, "monitoring");
    t.set(t.find("scope", "П-0001"), "period", "декабрь 2026");
    t.add({ scope: "П-0001", period: "май 2027" });
    t.flush(wb);
    run(wb);
    const rows = monitoringRows(wb).filter((x) => x.scope === "П-0001");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ period: "май 2027", i6_satisfaction: 2, total: "" });
  });
});

describe("stage 2: entry against exit", () => {
  it("lists every participant, with the change and the gap, and never counts a missing questionnaire as zero", () => {
    const wb = school();
    // Белов's exit survey is withdrawn (a blank row): he has answered neither questionnaire.
    const surveys = Table.load(wb, "surveys");
    const belov = surveys.records().find((x) => x.values.email === BELOV)!.row;
    for (const k of Object.keys(surveys.columns)) if (surveys.has(k)) surveys.set(belov, k, "");
    surveys.flush(wb);
    const r = run(wb);
    const people = r.growth.filter((g) => g.rowKind === "участник");
    const of = (name: string) => people.filter((g) => g.fullName.startsWith(name));

    const confidence = of("Смирнова").find((g) => g.itemKey === "confidence")!;
    expect(confidence).toMatchObject({ kind: "growth", entry: 4, exit: 8, change: 4, gap: null, note: "" });
    const effectiveness = of("Смирнова").find((g) => g.itemKey === "effectiveness")!;
    expect(effectiveness).toMatchObject({ kind: "gap", entry: 7, exit: 9, change: null, gap: 2 });
    expect(of("Смирнова")).toHaveLength(pairedItems("наставляемый").length);

    expect(of("Ким").every((g) => g.note === NO_ENTRY && g.entry === null && g.change === null)).toBe(true);
    expect(of("Ким").find((g) => g.itemKey === "confidence")!.exit).toBe(6);
    expect(of("Петрова").every((g) => g.note === NO_EXIT && g.exit === null && g.gap === null)).toBe(true);
    expect(of("Белов")).toEqual([expect.objectContaining({ note: NO_BOTH, itemKey: "", entry: null })]);
    expect(of("Орлова").find((g) => g.itemKey === "mentoring_skills")).toMatchObject({
      entry: 6,
      exit: 8,
      change: 2,
    });

    const avg = (kind: string, group: string, item: string) =>
      r.growth.find((g) => g.rowKind === kind && g.group === group && g.itemKey === item)!;
    expect(avg("среднее по роли", "наставляемые", "confidence")).toMatchObject({
      entry: 4,
      exit: 8,
      change: 4,
      count: 1,
      note: "без одной из анкет или ответа: 2 (не учтены)",
    });
    expect(avg("среднее по форме", "работодатель – ученик", "confidence")).toMatchObject({
      entry: null,
      change: null,
      count: 0,
      note: "нет участников с обеими анкетами",
    });
    // Both roles of «учитель – учитель»: Смирнова (7 → 9) and Орлова (8 → 9); Петрова has no exit.
    expect(avg("среднее по форме", "учитель – учитель", "effectiveness")).toMatchObject({
      entry: 7.5,
      exit: 9,
      gap: 1.5,
      count: 2,
    });
    expect(avg("среднее по программе", "все участники", "effectiveness").count).toBe(2);

    const sheet = Table.load(wb, "growth")
      .records()
      .map((x) => x.values);
    expect(sheet).toHaveLength(r.growth.length);
    expect(sheet.find((x) => x.full_name === "Белов Сергей Петрович")).toMatchObject({
      row_kind: "участник",
      role: "наставник",
      person_id: "Н-0002",
      note: NO_BOTH,
      entry: "",
      exit: "",
    });
  });

  it("pairs only the items entry and exit share, with their kind", () => {
    expect(pairedItems("наставник").map((i) => `${i.key}:${i.kind}`)).toEqual([
      "effectiveness:gap",
      "comfort:gap",
      "usefulness:gap",
      "group_meetings:gap",
      "personal_meetings:gap",
      "clarity:gap",
      "joint_work:gap",
      "mentoring_skills:growth",
      "motivation:growth",
      "involvement:growth",
    ]);
    expect(growthRows([], [])).toEqual([]);
  });
});

describe("values shown next to thresholds", () => {
  it("never round a value over a threshold it misses", () => {
    expect(formatAgainst(7.97, [8, 5])).toBe("7,97");
    expect(formatAgainst(7.94, [8, 5])).toBe("7,9");
    expect(formatAgainst(8.04, [8, 5])).toBe("8");
    expect(formatAgainst(4.96, [8, 5])).toBe("4,96");
  });
});
