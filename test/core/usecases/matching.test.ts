import { hardRule, menteeProfile, mentorProfile, scoreParts } from "../../../src/core/matching/score";
import { noProgress } from "../../../src/core/ports";
import { readSettings } from "../../../src/core/settings";
import { initWorkbook } from "../../../src/core/usecases/init";
import { buildProblem, decidePairs, listProposals, matchPairs } from "../../../src/core/usecases/matching";
import type { SheetKey } from "../../../src/core/workbook/keys.generated";
import { FIRST_DATA_ROW } from "../../../src/core/workbook/repair";
import { Table } from "../../../src/core/workbook/table";
import { sampleSchool } from "../../../src/demo/sample";
import { seedSampleSchool } from "../../../src/demo/seed";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };
const today = new Date(Date.UTC(2026, 10, 22));
const ports = (wb: MemoryWorkbook) => ({ workbook: wb, clock, progress: noProgress });

function school() {
  const wb = new MemoryWorkbook();
  initWorkbook(ports(wb));
  seedSampleSchool(wb, sampleSchool(clock.now()), noProgress);
  return wb;
}

const records = <S extends SheetKey>(wb: MemoryWorkbook, key: S) =>
  Table.load(wb, key)
    .records()
    .map((r) => r.values);

describe("hard rules of the forms of mentoring", () => {
  const lists = { forms: [], roleModels: [], competencies: [] };
  const student = (age: number, cls: string, extra = {}) => ({
    id: "x",
    full_name: "x",
    birth_date: new Date(Date.UTC(2026 - age, 0, 1)),
    class: cls,
    consent_date: today,
    guardian_consent_date: today,
    ...extra,
  });
  it("in «ученик – ученик» the mentor is a student of 15–18 and older than the mentee", () => {
    const mentee = menteeProfile(
      student(12, "6А", { category: "обучающийся", form: "ученик – ученик" }),
      today,
      lists,
    );
    const ok = mentorProfile(
      student(16, "10А", { category: "обучающийся 15–18 лет", forms: "ученик – ученик" }),
      today,
      lists,
      false,
    );
    const young = mentorProfile(
      student(14, "8А", { category: "обучающийся 15–18 лет", forms: "ученик – ученик" }),
      today,
      lists,
      false,
    );
    const teacher = mentorProfile(
      { ...student(40, ""), class: "", category: "опытный педагог", forms: "ученик – ученик" },
      today,
      lists,
      false,
    );
    expect(hardRule(ok, mentee)).toBeNull();
    expect(hardRule(young, mentee)).toBe("наставник-обучающийся должен быть 15–18 лет");
    expect(hardRule(teacher, mentee)).toBe("в форме «ученик – ученик» наставник — обучающийся");
    const older = menteeProfile(
      student(17, "11А", { category: "обучающийся", form: "ученик – ученик" }),
      today,
      lists,
    );
    expect(hardRule(ok, older)).toBe("наставник должен быть старше");
  });
  it("in «учитель – учитель» a young specialist has 0–3 years and the form must match", () => {
    const mentor = mentorProfile(
      { id: "m", category: "опытный педагог", forms: "учитель – учитель", consent_date: today },
      today,
      lists,
      false,
    );
    const young = (years: number) =>
      menteeProfile(
        {
          id: "y",
          category: "молодой специалист (стаж 0–3 года)",
          form: "учитель – учитель",
          experience_years: years,
          consent_date: today,
        },
        today,
        lists,
      );
    expect(hardRule(mentor, young(2))).toBeNull();
    expect(hardRule(mentor, young(5))).toBe("молодой специалист — стаж от 0 до 3 лет");
    const other = menteeProfile(
      { id: "s", category: "обучающийся", form: "ученик – ученик", consent_date: today },
      today,
      lists,
    );
    expect(hardRule(mentor, other)).toBe("другая форма наставничества");
  });
  it("excludes a mentor without consent, or untrained when the curator requires training", () => {
    expect(mentorProfile({ id: "m", forms: "учитель – учитель" }, today, lists, false).excluded).toBe(
      "нет согласия на обработку персональных данных",
    );
    expect(
      mentorProfile({ id: "m", forms: "учитель – учитель", consent_date: today }, today, lists, true)
        .excluded,
    ).toBe("не прошёл собеседование и обучение");
  });
});

describe("the score table of a matching", () => {
  it("gives every pair the score of its parts, null for impossible and forbidden pairs, preferences counted", () => {
    const sample = sampleSchool(clock.now(), 7, { mentors: 40, mentees: 120 });
    const lists = {
      forms: ["ученик – ученик", "учитель – учитель", "студент – ученик", "работодатель – ученик"],
      roleModels: [],
      competencies: [],
    };
    const mentors = sample.mentors.map((r, j) =>
      mentorProfile(
        { ...r, id: `Н-${j}`, ...(j === 0 ? { forms: "ученик – ученик, учитель – учитель" } : {}) },
        today,
        lists,
        false,
      ),
    );
    expect(mentors[0].forms).toHaveLength(2);
    const mentees = sample.mentees.map((r, i) => menteeProfile({ ...r, id: `НЯ-${i}` }, today, lists));
    // A mentor of two forms, a forbidden pair and stated preferences among feasible pairs.
    const settings = readSettings(school(), { today });
    const feasible: [number, number][] = [];
    mentees.forEach((e, i) => {
      mentors.forEach((m, j) => {
        if (hardRule(m, e) === null) feasible.push([i, j]);
      });
    });
    expect(feasible.length).toBeGreaterThan(100);
    const [fi, fj] = feasible[3];
    const forbidden = new Set([`${mentors[fj].id}|${mentees[fi].id}`]);
    const prefs = new Map(
      feasible
        .slice(10, 40)
        .map(([i, j], k) => [
          `${mentors[j].id}|${mentees[i].id}`,
          { menteeRanksMentor: (k % 3) + 1, mentorRanksMentee: k % 2 === 0 ? 1 : null },
        ]),
    );
    const { problem, parts } = buildProblem(
      { mentors, mentees, capacity: mentors.map(() => 2), locked: [], forbidden, prefs },
      settings,
      "max_participants",
    );
    let scored = 0;
    let preferred = 0;
    for (let i = 0; i < mentees.length; i++) {
      for (let j = 0; j < mentors.length; j++) {
        const key = `${mentors[j].id}|${mentees[i].id}`;
        const expected =
          hardRule(mentors[j], mentees[i]) !== null || forbidden.has(key)
            ? null
            : scoreParts(
                mentors[j],
                mentees[i],
                settings.weights,
                prefs.get(key) ?? {
                  menteeRanksMentor: null,
                  mentorRanksMentee: null,
                },
              ).total;
        expect([i, j, problem.score(i, j)]).toEqual([i, j, expected]);
        expect(parts(i, j)?.total ?? null).toBe(expected);
        if (expected !== null) scored++;
        if (expected !== null && prefs.has(key)) preferred++;
      }
    }
    expect(problem.score(fi, fj)).toBeNull();
    expect(scored).toBe(feasible.length - 1);
    expect(preferred).toBe(30);
  });
});

describe("«Подобрать пары» on the sample school", () => {
  it("proposes pairs with explanations, within capacities, and gives every unmatched mentee a reason", () => {
    const wb = school();
    const report = matchPairs(ports(wb));
    expect(report.certified).toBe(true);
    expect(report.proposed).toBeGreaterThan(30);
    const pairs = records(wb, "pairs");
    expect(pairs.every((p) => p.status === "предложена")).toBe(true);
    expect(pairs[0].explanation).toMatch(/Баллы: предмет .* из 20; запросы и компетенции .* из 30/);
    const mentors = records(wb, "mentors");
    for (const m of mentors) {
      const load = pairs.filter((p) => p.mentor_id === m.id).length;
      expect(load).toBeLessThanOrEqual(Number(m.capacity));
    }
    const mentees = records(wb, "mentees");
    const paired = new Set(pairs.map((p) => p.mentee_id));
    for (const m of mentees) {
      expect(String(m.match_note)).not.toBe("");
      if (!paired.has(String(m.id)) && m.eligibility === "да")
        expect(String(m.match_note)).toMatch(/^Без пары|^Наставник|нет свободных/);
    }
    // Pairs never break the form's rules.
    for (const p of pairs) {
      const mentee = mentees.find((m) => m.id === p.mentee_id)!;
      const mentor = mentors.find((m) => m.id === p.mentor_id)!;
      expect(String(mentor.forms)).toContain(String(mentee.form));
    }
  });

  it("gives the same proposals for the same input", () => {
    const a = school();
    const b = school();
    matchPairs(ports(a));
    matchPairs(ports(b));
    const strip = (wb: MemoryWorkbook) =>
      records(wb, "pairs").map((p) => [p.mentor_id, p.mentee_id, p.score]);
    expect(strip(a)).toEqual(strip(b));
  });

  it("writes «Не менять при переподборе» as «да» / «нет» and still reads an older workbook's TRUE and 1", () => {
    const wb = school();
    matchPairs(ports(wb));
    const [a, b, c] = listProposals(wb);
    decidePairs(ports(wb), [{ pairId: a.pairId, decision: "lock" }]);
    const pairs = Table.load(wb, "pairs");
    const rowOf = (id: string) => pairs.find("pair_id", id);
    expect(pairs.get(rowOf(a.pairId), "locked")).toBe("да");
    // Every other proposal is written «нет», never FALSE or 0.
    expect(pairs.get(rowOf(b.pairId), "locked")).toBe("нет");
    // An older workbook: a checkbox's TRUE and LibreOffice's 1, written past the table.
    const col = pairs.columns.locked;
    wb.write("Пары", FIRST_DATA_ROW + rowOf(b.pairId), col, [[true]]);
    wb.write("Пары", FIRST_DATA_ROW + rowOf(c.pairId), col, [[1]]);
    // The three are kept at re-matching: «да», TRUE and 1 all read as yes.
    expect(matchPairs(ports(wb)).kept).toBe(3);
  });

  it("never proposes a forbidden pair, keeps locked and approved pairs, and replaces old proposals", () => {
    const wb = school();
    matchPairs(ports(wb));
    const [first, second] = listProposals(wb);
    decidePairs(ports(wb), [
      { pairId: first.pairId, decision: "approve" },
      { pairId: second.pairId, decision: "lock" },
    ]);
    const third = listProposals(wb).find((p) => p.pairId !== second.pairId)!;
    const pairs = Table.load(wb, "pairs");
    const row = pairs.find("pair_id", third.pairId);
    const forbiddenMentor = String(pairs.get(row, "mentor_id"));
    const forbiddenMentee = String(pairs.get(row, "mentee_id"));
    pairs.add({
      pair_id: "П-9000",
      mentor_id: forbiddenMentor,
      mentee_id: forbiddenMentee,
      status: "запрещена",
    });
    pairs.flush(wb);

    matchPairs(ports(wb));
    const after = records(wb, "pairs");
    expect(after.filter((p) => p.pair_id === first.pairId)[0].status).toBe("утверждена");
    expect(after.filter((p) => p.pair_id === second.pairId)[0]).toMatchObject({
      status: "предложена",
      locked: "да",
    });
    expect(
      after.some(
        (p) =>
          p.status === "предложена" && p.mentor_id === forbiddenMentor && p.mentee_id === forbiddenMentee,
      ),
    ).toBe(false);
    const approvedMentee = after.find((p) => p.pair_id === first.pairId)!.mentee_id;
    expect(after.filter((p) => p.mentee_id === approvedMentee)).toHaveLength(1);
    // No duplicate proposals for one mentee.
    const proposedMentees = after.filter((p) => p.status === "предложена").map((p) => p.mentee_id);
    expect(new Set(proposedMentees).size).toBe(proposedMentees.length);
  });

  it("«Утвердить пары» dates the pairs, and sets the banks' statuses", () => {
    const wb = school();
    matchPairs(ports(wb));
    decidePairs(ports(wb), "approve_all");
    const pairs = records(wb, "pairs");
    expect(pairs.every((p) => p.status === "утверждена")).toBe(true);
    expect(pairs[0].approved_at).toEqual(today);
    const mentees = records(wb, "mentees");
    const paired = new Set(pairs.map((p) => p.mentee_id));
    for (const m of mentees) {
      if (paired.has(String(m.id))) expect(m.status).toBe("в паре");
      else if (m.eligibility === "да") expect(m.status).toBe("без пары — сопровождение психолога");
    }
    expect(records(wb, "mentors").filter((m) => m.status === "в паре").length).toBeGreaterThan(10);
  });

  it("in «качество пар» leaves a mentee unmatched rather than give a pair below the threshold", () => {
    const wb = school();
    const s = Table.load(wb, "settings");
    s.set(s.find("key", "match_threshold"), "value", 60);
    s.flush(wb);
    const quality = matchPairs(ports(wb), { mode: "quality" });
    const pairs = records(wb, "pairs");
    expect(pairs.every((p) => Number(p.score) >= 60)).toBe(true);
    const wb2 = school();
    const most = matchPairs(ports(wb2), { mode: "max_participants" });
    expect(most.proposed).toBeGreaterThan(quality.proposed);
  });

  it("in «устойчивое» mode leaves no blocking pair", () => {
    const wb = school();
    const r = matchPairs(ports(wb), { mode: "stable" });
    expect(r.blockingPairs).toBe(0);
    expect(r.proposed).toBeGreaterThan(0);
  });
});

describe("«Результат подбора» of the mentors", () => {
  it("says how many mentees each mentor got, or why none", () => {
    const wb = school();
    const t = Table.load(wb, "mentors");
    // A mentor of a form nobody asked for, and one without consent.
    const lonely = t.rowIndexes()[0];
    t.set(lonely, "forms", "работодатель – студент");
    t.set(t.rowIndexes()[1], "consent_date", "");
    t.flush(wb);
    const report = matchPairs(ports(wb));
    const mentors = records(wb, "mentors");
    expect(mentors.every((m) => String(m.match_note) !== "")).toBe(true);
    const got = mentors
      .map((m) => /^Предложено наставляемых: (\d+)/.exec(String(m.match_note)))
      .filter((x): x is RegExpExecArray => x !== null)
      .reduce((n, m) => n + Number(m[1]), 0);
    expect(got).toBe(report.proposed);
    expect(mentors[0].match_note).toBe(
      "Не предложен никто: среди ожидающих пары нет наставляемых его форм наставничества («работодатель – студент»).",
    );
    expect(mentors[1].match_note).toBe(
      "Не участвует в подборе: нет согласия на обработку персональных данных.",
    );
    const none = mentors.filter((m) => String(m.match_note).startsWith("Не предложен никто: ему подходят"));
    for (const m of none)
      expect(String(m.match_note)).toMatch(
        /^Не предложен никто: ему подходят \d+ из \d+ наставляемых его форм/,
      );
  });
});
