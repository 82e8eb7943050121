import { noProgress } from "../../../src/core/ports";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions } from "../../../src/core/usecases/intake";
import { Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";
import { goodMentee, goodMentor, submission } from "../../support/submissions";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

function fresh() {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  return wb;
}

const take = (wb: MemoryWorkbook, form: string, subs: ReturnType<typeof submission>[]) =>
  intakeSubmissions({ workbook: wb, clock }, form, subs);

function mentees(wb: MemoryWorkbook) {
  return Table.load(wb, "mentees")
    .records()
    .map((r) => r.values);
}

function journalRows(wb: MemoryWorkbook) {
  return Table.load(wb, "log")
    .records()
    .map((r) => r.values);
}

describe("intake of the mentee questionnaire", () => {
  it("adds a valid mentee with an ID, status, eligibility and the consent dates", () => {
    const wb = fresh();
    const s = take(wb, "mentee", [submission("mentee", "Alisa@Mail.ru", goodMentee)]);
    expect(s).toMatchObject({ added: 1, rejected: 0 });
    const [m] = mentees(wb);
    expect(m).toMatchObject({
      id: "НЯ-0001",
      email: "alisa@mail.ru",
      full_name: "Смирнова Алиса Игоревна",
      status: "ожидает пары",
      eligibility: "да",
      requests: "Повышение успеваемости, Адаптация в новом классе",
      consent_date: new Date(Date.UTC(2026, 8, 10)),
      guardian_consent_date: new Date(Date.UTC(2026, 8, 10)),
      birth_date: new Date(Date.UTC(2013, 2, 14)),
    });
  });

  it("keeps a person without consent, marked not eligible for matching", () => {
    const wb = fresh();
    take(wb, "mentee", [submission("mentee", "a@b.ru", { ...goodMentee, consent: "" })]);
    expect(mentees(wb)[0].eligibility).toBe("нет — нет согласия на обработку персональных данных");
    take(wb, "mentee", [submission("mentee", "c@b.ru", { ...goodMentee, guardian_consent: "" })]);
    expect(mentees(wb)[1].eligibility).toBe("нет — нет согласия законного представителя несовершеннолетнего");
  });

  it.each([
    ["a malformed e-mail", "ivanov@", {}, "Адрес электронной почты участника указан с ошибкой: «ivanov@»."],
    ["a missing e-mail", "", {}, "Нет адреса электронной почты участника: анкету не к кому отнести."],
    [
      "an unknown choice",
      "a@b.ru",
      { form: "родитель – ученик" },
      "Ответа «родитель – ученик» на вопрос «Форма наставничества» нет в списке «Справочники».",
    ],
    ["an empty required answer", "a@b.ru", { full_name: "  " }, "Не заполнен обязательный вопрос «ФИО»."],
    ["a date that is not one", "a@b.ru", { birth_date: "31.02.2013" }, "— не дата: «31.02.2013»"],
    [
      "a 10,000-character name",
      "a@b.ru",
      { full_name: "Я".repeat(10000) },
      "Ответ на вопрос «ФИО» длиннее 200 символов (10000).",
    ],
    [
      "an unknown item among checkboxes",
      "a@b.ru",
      { requests: "Повышение успеваемости, Вязание" },
      "Ответа «Вязание» на вопрос «Ваши запросы к наставнику» нет в списке",
    ],
  ])("rejects %s to «Журнал» with the reason and every original value", (_name, email, change, reason) => {
    const wb = fresh();
    const sub = submission("mentee", email, { ...goodMentee, ...change });
    const s = take(wb, "mentee", [sub]);
    expect(s.rejected).toBe(1);
    expect(mentees(wb)).toHaveLength(0);
    const [entry] = journalRows(wb).filter((r) => r.level === "ошибка");
    expect(String(entry.message)).toContain(reason);
    expect(entry.source).toBe("тест");
    expect(JSON.parse(String(entry.original))).toEqual({
      email,
      submittedAt: sub.submittedAt!.toISOString(),
      answers: sub.answers,
    });
  });

  it("stores a 10,000-character free-text request whole, and formula-like text as given", () => {
    const wb = fresh();
    const long = "Текст запроса. ".repeat(700).slice(0, 10000);
    take(wb, "mentee", [
      submission("mentee", "a@b.ru", { ...goodMentee, request_details: long, class: "=1+1" }),
    ]);
    const [m] = mentees(wb);
    expect(String(m.request_details)).toHaveLength(10000);
    expect(m.class).toBe("=1+1");
  });

  it("upserts by e-mail: the same person twice and an edited response update one row", () => {
    const wb = fresh();
    take(wb, "mentee", [submission("mentee", "a@b.ru", goodMentee)]);
    const edited = submission(
      "mentee",
      "A@B.RU",
      { ...goodMentee, class: "8Б" },
      new Date(Date.UTC(2026, 8, 11)),
    );
    const s = take(wb, "mentee", [edited]);
    expect(s).toMatchObject({ added: 0, updated: 1 });
    expect(mentees(wb)).toHaveLength(1);
    expect(mentees(wb)[0]).toMatchObject({ id: "НЯ-0001", class: "8Б" });
  });

  it("keeps the curator's columns when a participant resubmits", () => {
    const wb = fresh();
    take(wb, "mentee", [submission("mentee", "a@b.ru", goodMentee)]);
    const t = Table.load(wb, "mentees");
    t.set(0, "comment", "Беседа с психологом 12.09");
    t.set(0, "status", "в паре");
    t.flush(wb);
    take(wb, "mentee", [
      submission("mentee", "a@b.ru", { ...goodMentee, class: "8А" }, new Date(Date.UTC(2026, 8, 12))),
    ]);
    expect(mentees(wb)[0]).toMatchObject({
      comment: "Беседа с психологом 12.09",
      status: "в паре",
      class: "8А",
    });
  });

  it("changes nothing when the same responses are processed again", () => {
    const wb = fresh();
    const subs = [submission("mentee", "a@b.ru", goodMentee), submission("mentee", "x@", goodMentee)];
    take(wb, "mentee", subs);
    const before = JSON.stringify(wb.grid("Наставляемые"));
    wb.resetCalls();
    const s = take(wb, "mentee", [subs[0]]);
    expect(s).toMatchObject({ unchanged: 1, added: 0, updated: 0 });
    expect(wb.calls.write ?? 0).toBe(0);
    expect(JSON.stringify(wb.grid("Наставляемые"))).toBe(before);
  });

  it("leaves exactly one row per person, with the latest answers, after 200 interleaved submissions", () => {
    const wb = fresh();
    const people = 50;
    const subs = [];
    for (let v = 0; v < 4; v++)
      for (let p = 0; p < people; p++)
        subs.push(
          submission(
            "mentee",
            `p${p}@school.ru`,
            { ...goodMentee, full_name: `Ученик ${p}`, class: `${5 + v}А` },
            new Date(Date.UTC(2026, 8, 1 + v, 10, p)),
          ),
        );
    // Interleave: a deterministic shuffle, processed in several batches as triggers would.
    const order = subs.map((s, i) => ({ s, k: (i * 7919) % subs.length })).sort((a, b) => a.k - b.k);
    for (let i = 0; i < order.length; i += 13)
      take(
        wb,
        "mentee",
        order.slice(i, i + 13).map((x) => x.s),
      );
    const rows = mentees(wb);
    expect(rows).toHaveLength(people);
    expect(new Set(rows.map((r) => r.email)).size).toBe(people);
    expect(new Set(rows.map((r) => r.id)).size).toBe(people);
    for (const r of rows) expect(r.class).toBe("8А");
  });

  it("makes the same number of workbook calls per submission at 10 and at 5,000 bank rows", () => {
    const callsAt = (size: number) => {
      const wb = fresh();
      const subs = Array.from({ length: size }, (_, i) =>
        submission("mentee", `p${i}@s.ru`, { ...goodMentee, full_name: `Ученик ${i}` }),
      );
      take(wb, "mentee", subs);
      wb.resetCalls();
      take(wb, "mentee", [submission("mentee", "new@s.ru", goodMentee)]);
      return { ...wb.calls };
    };
    expect(callsAt(5000)).toEqual(callsAt(10));
  });
});

describe("intake of the other questionnaires", () => {
  it("splits checkbox answers whose items contain commas", () => {
    const wb = fresh();
    take(wb, "mentor", [submission("mentor", "orlova@school1.ru", goodMentor)]);
    const [m] = Table.load(wb, "mentors")
      .records()
      .map((r) => r.values);
    expect(m.role_models).toBe(
      "лидер педагогического сообщества – педагог, испытывающий проблемы, опытный педагог – молодой специалист",
    );
    expect(m).toMatchObject({ id: "Н-0001", status: "кандидат", capacity: 2, eligibility: "да" });
  });

  it("files entry and exit surveys of the same person as two rows, by role and stage", () => {
    const wb = fresh();
    const entry = {
      full_name: "Смирнова Алиса",
      effectiveness: "6",
      comfort: "5",
      usefulness: "7",
      group_meetings: "5",
      personal_meetings: "6",
      clarity: "4",
      joint_work: "6",
      motivation: "4",
      confidence: "3",
      request_skills: "3",
      involvement: "5",
    };
    take(wb, "entry_mentee", [submission("entry_mentee", "a@b.ru", entry)]);
    const exit = {
      ...entry,
      effectiveness: "9",
      expectations_met: "8",
      satisfaction: "9",
      would_continue: "Да",
      valuable: "Поддержка",
    };
    take(wb, "exit_mentee", [submission("exit_mentee", "a@b.ru", exit)]);
    const rows = Table.load(wb, "surveys")
      .records()
      .map((r) => r.values);
    expect(rows.map((r) => [r.role, r.stage, r.effectiveness])).toEqual([
      ["наставляемый", "входная", 6],
      ["наставляемый", "итоговая", 9],
    ]);
    expect(rows[1]).toMatchObject({ satisfaction: 9, would_continue: "да" });
  });

  it("rejects a scale answer outside 1–10", () => {
    const wb = fresh();
    const s = take(wb, "mentor_report", [
      submission("mentor_report", "m@s.ru", {
        full_name: "Орлова М.С.",
        month: "11.2026",
        meetings_count: "4",
        mentee_activity: "11",
        application: "7",
      }),
    ]);
    expect(s.results[0].messages[0]).toBe(
      "Ответ на вопрос «Активность и заинтересованность наставляемого (от 1 до 10)» вне диапазона 1–10: 11.",
    );
  });

  it("attaches meeting feedback to the respondent's approved pair, one row per meeting for both roles", () => {
    const wb = fresh();
    take(wb, "mentor", [submission("mentor", "orlova@school1.ru", goodMentor)]);
    take(wb, "mentee", [submission("mentee", "a@b.ru", goodMentee)]);
    const pairs = Table.load(wb, "pairs");
    pairs.add({ pair_id: "П-0001", mentor_id: "Н-0001", mentee_id: "НЯ-0001", status: "утверждена" });
    pairs.flush(wb);
    const meeting = { date: "01.10.2026", type: "встреча-знакомство", topic: "Знакомство" };
    take(wb, "meeting_feedback", [
      submission("meeting_feedback", "orlova@school1.ru", { ...meeting, role: "наставник", rating: "8" }),
      submission("meeting_feedback", "a@b.ru", { ...meeting, role: "наставляемый", rating: "9", topic: "" }),
    ]);
    const rows = Table.load(wb, "meetings")
      .records()
      .map((r) => r.values);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      meeting_id: "В-0001",
      pair_id: "П-0001",
      type: "встреча-знакомство",
      topic: "Знакомство",
      mentor_rating: 8,
      mentee_rating: 9,
      source: "анкета",
    });
    const s = take(wb, "meeting_feedback", [
      submission("meeting_feedback", "nobody@s.ru", { ...meeting, role: "наставляемый", rating: "5" }),
    ]);
    expect(s.results[0].messages[0]).toBe("Участник с адресом nobody@s.ru не найден в базе наставляемых.");
  });
});
