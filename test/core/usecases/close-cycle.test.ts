import { utcDate } from "../../../src/core/dates";
import { PROGRAM_SCOPE } from "../../../src/core/monitoring/data";
import { type Cell, noProgress } from "../../../src/core/ports";
import { closeCycle, describeCloseCycle, previewCloseCycle } from "../../../src/core/usecases/close-cycle";
import { initWorkbook } from "../../../src/core/usecases/init";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import type { SheetKey } from "../../../src/core/workbook/keys.generated";
import { type NewRow, Table } from "../../../src/core/workbook/table";
import { MemoryWorkbook } from "../../support/memory-workbook";

const d = (day: number, month: number, year: number) => utcDate(year, month, day);
const at = (day: number, month: number, year: number) => ({
  now: () => new Date(Date.UTC(year, month - 1, day, 15)),
});
const JUNE = at(1, 6, 2027);

function addRows<S extends SheetKey>(wb: MemoryWorkbook, sheet: S, rows: NewRow<S>[]) {
  const t = Table.load(wb, sheet);
  for (const r of rows) t.add(r);
  t.flush(wb);
}

const records = <S extends SheetKey>(wb: MemoryWorkbook, sheet: S) =>
  Table.load(wb, sheet)
    .records()
    .map((r) => r.values);

/** Every sheet's cells, to compare workbooks (the journal apart: it records each run). */
const snapshot = (wb: MemoryWorkbook) =>
  JSON.stringify([...wb.sheets.entries()].filter(([name]) => name !== "Журнал").sort());

function weekly(pairId: string, from: Date, count: number, stepDays: number, mentor: number, mentee: number) {
  const rows: Record<string, Cell>[] = [];
  for (let k = 0; k < count; k++) {
    const type =
      k === 0
        ? "встреча-знакомство"
        : k === 1
          ? "пробная рабочая встреча"
          : k === 2
            ? "встреча-планирование"
            : k === count - 1
              ? "итоговая встреча"
              : "регулярная встреча";
    rows.push({
      meeting_id: `${pairId}-${k}`,
      pair_id: pairId,
      date: new Date(from.getTime() + k * stepDays * 86400000),
      type,
      mentor_rating: mentor,
      mentee_rating: mentee,
      source: "вручную",
    });
  }
  return rows;
}

/** A school at the end of 2026/2027: three pairs of the cycle, one broken, one only proposed. */
function school(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock: at(22, 11, 2026), progress: noProgress });
  addRows(wb, "mentors", [
    {
      id: "Н-0001",
      email: "orlova@school.ru",
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
      email: "belov@partner.ru",
      full_name: "Белов Сергей Петрович",
      category: "сотрудник организации-партнёра",
      forms: "работодатель – ученик",
      status: "в паре",
    },
    { id: "Н-0003", email: "zaitseva@school.ru", full_name: "Зайцева Нина Ивановна", status: "допущен" },
    { id: "Н-0004", email: "fomin@school.ru", full_name: "Фомин Олег", status: "выбыл" },
  ]);
  addRows(wb, "mentees", [
    { id: "НЯ-0001", email: "smirnova@school.ru", full_name: "Смирнова Алиса Игоревна", status: "в паре" },
    { id: "НЯ-0002", email: "kim@school.ru", full_name: "Ким Артём Олегович", status: "в паре" },
    { id: "НЯ-0003", email: "petrova@school.ru", full_name: "Петрова Ольга Павловна", status: "в паре" },
    { id: "НЯ-0004", email: "volkov@school.ru", full_name: "Волков Илья", status: "ожидает пары" },
    { id: "НЯ-0005", email: "lis@school.ru", full_name: "Лис Анна", status: "выбыл" },
  ]);
  const pair = (id: string, mentor: string, mentorName: string, mentee: string, menteeName: string) => ({
    pair_id: id,
    mentor_id: mentor,
    mentor_name: mentorName,
    mentee_id: mentee,
    mentee_name: menteeName,
    status: "утверждена",
  });
  addRows(wb, "pairs", [
    {
      ...pair("П-0001", "Н-0001", "Орлова Марина Сергеевна", "НЯ-0001", "Смирнова Алиса Игоревна"),
      form: "учитель – учитель",
      role_model: "опытный педагог – молодой специалист",
      start_date: d(1, 10, 2026),
    },
    {
      ...pair("П-0002", "Н-0002", "Белов Сергей Петрович", "НЯ-0002", "Ким Артём Олегович"),
      form: "работодатель – ученик",
      approved_at: d(1, 11, 2026),
      outcome: "Пара сложилась не сразу",
    },
    {
      ...pair("П-0003", "Н-0001", "Орлова Марина Сергеевна", "НЯ-0003", "Петрова Ольга Павловна"),
      form: "учитель – учитель",
      start_date: d(1, 5, 2027),
    },
    {
      ...pair("П-0004", "Н-0004", "Фомин Олег", "НЯ-0005", "Лис Анна"),
      status: "расторгнута",
      start_date: d(1, 10, 2026),
      end_date: d(15, 12, 2026),
    },
    { ...pair("П-0005", "Н-0003", "Зайцева Нина Ивановна", "НЯ-0004", "Волков Илья"), status: "предложена" },
  ]);
  addRows(wb, "meetings", [
    ...weekly("П-0001", d(1, 10, 2026), 33, 7, 9, 8),
    ...weekly("П-0002", d(5, 11, 2026), 10, 14, 7, 6),
  ]);
  const report = (email: string, month: string, activity: number, application: number) => ({
    email,
    month,
    mentee_activity: activity,
    application,
    row_key: `${email} | ${month}`,
  });
  addRows(wb, "mentor_reports", [
    ...["10.2026", "11.2026", "12.2026", "01.2027", "02.2027", "03.2027", "04.2027"].map((m) =>
      report("orlova@school.ru", m, 9, 8),
    ),
    ...["11.2026", "12.2026", "01.2027", "02.2027"].map((m) => report("belov@partner.ru", m, 6, 5)),
  ]);
  const survey = (email: string, role: string, stage: string, values: Record<string, Cell>) => ({
    submitted_at:
      stage === "входная" ? new Date(Date.UTC(2026, 8, 28, 12)) : new Date(Date.UTC(2027, 4, 18, 12)),
    email,
    role,
    stage,
    ...values,
    row_key: `${email} | ${role} | ${stage}`,
  });
  addRows(wb, "surveys", [
    survey("smirnova@school.ru", "наставляемый", "входная", {
      effectiveness: 7,
      motivation: 5,
      confidence: 4,
    }),
    survey("smirnova@school.ru", "наставляемый", "итоговая", {
      effectiveness: 9,
      motivation: 8,
      confidence: 8,
      satisfaction: 9,
      request_skills: 8,
      would_continue: "да",
      wants_to_be_mentor: "да",
      valuable: "Разбор моих уроков",
    }),
    survey("kim@school.ru", "наставляемый", "итоговая", {
      satisfaction: 6,
      request_skills: 6,
      would_continue: "нет",
    }),
    survey("orlova@school.ru", "наставник", "итоговая", {
      satisfaction: 10,
      would_continue: "да",
      valuable: "Видеть рост молодого коллеги",
    }),
    survey("belov@partner.ru", "наставник", "итоговая", { satisfaction: 7, would_continue: "нет" }),
  ]);
  // The curator's expert judgements, typed during the year.
  addRows(wb, "monitoring", [
    {
      scope: "П-0001",
      i1_goals: 2,
      i2_principles: 2,
      i3_approaches: 1,
      i4_climate: 2,
      i5_mentor_logic: 2,
      i7_partners: 2,
    },
    { scope: "П-0002", i1_goals: 1, i2_principles: 1, i3_approaches: 1, i4_climate: 1, i5_mentor_logic: 1 },
  ]);
  return wb;
}

describe("«Завершить цикл»", () => {
  it("previews the year and the pairs it will close", () => {
    expect(previewCloseCycle(school(), JUNE)).toEqual({
      year: "2026/2027",
      nextYear: "2027/2028",
      approved: 3,
      completed: 0,
    });
  });

  it("records each pair's outcome, writes results into both banks, keeps every row, advances the year", () => {
    const wb = school();
    const mentorsBefore = records(wb, "mentors");
    const menteesBefore = records(wb, "mentees");
    const r = closeCycle({ workbook: wb, clock: JUNE });
    expect(r).toMatchObject({
      year: "2026/2027",
      nextYear: "2027/2028",
      nothingToClose: false,
      closedPairs: 3,
    });

    const pairs = records(wb, "pairs");
    expect(pairs.map((p) => [p.pair_id, p.status, p.end_date])).toEqual([
      ["П-0001", "завершена", d(1, 6, 2027)],
      ["П-0002", "завершена", d(1, 6, 2027)],
      ["П-0003", "завершена", d(1, 6, 2027)],
      ["П-0004", "расторгнута", d(15, 12, 2026)],
      ["П-0005", "предложена", ""],
    ]);
    expect(pairs[0].outcome).toBe(
      "Итоги 2026/2027: этап 1 мониторинга — 17 из 18 баллов, оптимальный уровень.",
    );
    expect(pairs[1].outcome).toBe(
      "Пара сложилась не сразу\nИтоги 2026/2027: этап 1 мониторинга — 8 из 18 баллов, недопустимый уровень.",
    );
    expect(pairs[2].outcome).toBe(
      "Итоги 2026/2027: этап 1 мониторинга — известно 2 из 18 баллов (2 показателя из 9), уровень не определён.",
    );

    // Every bank row kept; only status and comment change, and only for the cycle's participants.
    const mentors = records(wb, "mentors");
    const mentees = records(wb, "mentees");
    expect(mentors).toHaveLength(mentorsBefore.length);
    expect(mentees).toHaveLength(menteesBefore.length);
    mentors.forEach((m, i) => {
      expect({ ...m, status: "", comment: "" }).toEqual({ ...mentorsBefore[i], status: "", comment: "" });
    });
    mentees.forEach((m, i) => {
      expect({ ...m, status: "", comment: "" }).toEqual({ ...menteesBefore[i], status: "", comment: "" });
    });
    expect(mentors.map((m) => [m.id, m.status])).toEqual([
      ["Н-0001", "допущен"],
      ["Н-0002", "завершил"],
      ["Н-0003", "допущен"],
      ["Н-0004", "выбыл"],
    ]);
    expect(mentors[0].comment).toBe(
      "Руководитель МО\nИтоги 2026/2027: пары П-0001 (наставляемый Смирнова Алиса Игоревна) — 17 из 18 баллов, оптимальный уровень; " +
        "П-0003 (наставляемый Петрова Ольга Павловна) — известно 2 из 18 баллов (2 показателя из 9), уровень не определён; " +
        "готов(а) быть наставником в следующем цикле.",
    );
    expect(mentors[1].comment).toBe(
      "Итоги 2026/2027: пара П-0002 (наставляемый Ким Артём Олегович) — 8 из 18 баллов, недопустимый уровень; не планирует продолжать.",
    );
    expect(mentors[2].comment).toBe("");
    expect(mentees.map((m) => [m.id, m.status])).toEqual([
      ["НЯ-0001", "ожидает пары"],
      ["НЯ-0002", "завершил"],
      ["НЯ-0003", "завершил"],
      ["НЯ-0004", "ожидает пары"],
      ["НЯ-0005", "выбыл"],
    ]);
    expect(mentees[0].comment).toBe(
      "Итоги 2026/2027: пара П-0001 (наставник Орлова Марина Сергеевна) — 17 из 18 баллов, оптимальный уровень; хочет продолжить; хочет стать наставником.",
    );
    expect(mentees[2].comment).toContain("итоговая анкета не получена");

    // Ranking and best practices.
    expect(records(wb, "mentor_ranking")).toEqual([
      expect.objectContaining({
        year: "2026/2027",
        place: 1,
        mentor_id: "Н-0001",
        mentor_name: "Орлова Марина Сергеевна",
        pairs: 2,
        avg_total: 17,
        best_total: 17,
        levels: "оптимальный — 1, не определён — 1",
        satisfaction: 9,
        note: "не учтены пары без полной оценки этапа 1: 1",
        decision: "",
        row_key: "2026/2027|Н-0001",
      }),
      expect.objectContaining({ place: 2, mentor_id: "Н-0002", avg_total: 8, levels: "недопустимый — 1" }),
    ]);
    expect(records(wb, "best_practices")).toEqual([
      expect.objectContaining({
        year: "2026/2027",
        pair_id: "П-0001",
        mentor_name: "Орлова Марина Сергеевна",
        mentee_name: "Смирнова Алиса Игоревна",
        form: "учитель – учитель",
        role_model: "опытный педагог – молодой специалист",
        total: 17,
        valuable: "Наставляемый: Разбор моих уроков\nНаставник: Видеть рост молодого коллеги",
        growth:
          "Мотивация к учёбе, работе, саморазвитию: 5 → 8 (+3); Уверенность в собственных силах: 4 → 8 (+4)",
      }),
    ]);

    // «Настройки»: the next school year, the program's dates a year on.
    const settings = new Map(records(wb, "settings").map((s) => [s.key, s.value]));
    expect(settings.get("school_year")).toBe("2027/2028");
    expect(settings.get("program_start")).toEqual(d(1, 9, 2027));
    expect(settings.get("program_end")).toEqual(d(31, 5, 2028));

    expect(describeCloseCycle(r)).toBe(
      "Цикл 2026/2027 завершён: 1 пара и 1 группа, 3 наставляемых; программа в целом — известно 5 из 18 баллов (4 показателя из 9), уровень не определён. " +
        "Наставники: продолжат 1, завершили 1; наставляемые: продолжат 1, завершили 2. " +
        "Первое место в рейтинге наставников: Орлова Марина Сергеевна. Лучших практик: 1. Учебный год в «Настройках» — 2027/2028.",
    );
    expect(records(wb, "log").pop()).toMatchObject({ operation: "Завершение цикла", level: "информация" });
  });

  it("is idempotent: a second run changes nothing, and re-closing the same year doubles nothing", () => {
    const wb = school();
    closeCycle({ workbook: wb, clock: JUNE });
    const after = snapshot(wb);
    wb.resetCalls();
    const again = closeCycle({ workbook: wb, clock: JUNE });
    expect(again.nothingToClose).toBe(true);
    expect(describeCloseCycle(again)).toContain("завершать нечего");
    expect(wb.calls.write ?? 0).toBe(0);
    expect(wb.calls.append ?? 0).toBe(0);
    expect(snapshot(wb)).toBe(after);

    // The curator sets the year back and closes 2026/2027 again: the same lines and rows, not twice.
    const settings = Table.load(wb, "settings");
    settings.set(settings.find("key", "school_year"), "value", "2026/2027");
    settings.set(settings.find("key", "program_start"), "value", d(1, 9, 2026));
    settings.set(settings.find("key", "program_end"), "value", d(31, 5, 2027));
    settings.flush(wb);
    const rerun = closeCycle({ workbook: wb, clock: JUNE });
    expect(rerun.closedPairs).toBe(3);
    expect(snapshot(wb)).toBe(after);
    expect(records(wb, "mentor_ranking")).toHaveLength(2);
    expect(records(wb, "best_practices")).toHaveLength(1);
    expect(String(records(wb, "mentors")[0].comment).match(/Итоги 2026\/2027/g)).toHaveLength(1);
  });

  it("freezes the year's indicators once: a re-run keeps the figures taken before the banks changed", () => {
    // Two mentees aged 10–18 in the program of 20 such students: 10 %. The close resets Смирнова
    // (she continues) to «ожидает пары», so the live figure after the close is 5 %.
    const make = () => {
      const wb = school();
      const mentees = Table.load(wb, "mentees");
      for (const id of ["НЯ-0001", "НЯ-0002"]) {
        const r = mentees.find("id", id);
        mentees.set(r, "category", "обучающийся");
        mentees.set(r, "birth_date", d(1, 3, 2012));
      }
      mentees.flush(wb);
      addRows(wb, "contingent", [{ year: 2026, students_10_18: 20 }]);
      return wb;
    };
    const indicator = (wb: MemoryWorkbook) => records(wb, "indicators").find((r) => r.row_key === "2026-1");
    const frozen = { actual: 10, status: "не достигнуто" };
    const clean = make();
    closeCycle({ workbook: clean, clock: JUNE });
    expect(indicator(clean)).toMatchObject(frozen);

    // A run that fails at «Настройки» (the banks already written), then the curator runs it again.
    const wb = make();
    const faulty = Object.create(wb) as MemoryWorkbook;
    faulty.write = (sheet, row, col, values) => {
      if (sheet === "Настройки") throw new Error("Сбой записи");
      wb.write(sheet, row, col, values);
    };
    expect(() => closeCycle({ workbook: faulty, clock: JUNE })).toThrow("Сбой записи");
    expect(records(wb, "mentees")[0].status).toBe("ожидает пары");
    expect(closeCycle({ workbook: wb, clock: JUNE }).closedPairs).toBe(3);
    expect(indicator(wb)).toMatchObject(frozen);
    expect(snapshot(wb)).toBe(snapshot(clean));

    // The year closed, set back and closed again: still the first close's figures.
    const settings = Table.load(wb, "settings");
    settings.set(settings.find("key", "school_year"), "value", "2026/2027");
    settings.flush(wb);
    expect(closeCycle({ workbook: wb, clock: JUNE }).closedPairs).toBe(3);
    expect(indicator(wb)).toMatchObject(frozen);
  });

  it("keeps the closed year when the next one starts, and its curator's decisions when re-ranked", () => {
    const wb = school();
    closeCycle({ workbook: wb, clock: JUNE });
    const ranking = Table.load(wb, "mentor_ranking");
    ranking.set(0, "decision", "Грамота директора");
    ranking.flush(wb);
    const closedMonitoring = records(wb, "monitoring");
    const closedActivity = records(wb, "pair_activity");

    // September: a new pair of the new year is approved, monitoring runs.
    const pairs = Table.load(wb, "pairs");
    const p5 = pairs.find("pair_id", "П-0005");
    pairs.set(p5, "status", "утверждена");
    pairs.set(p5, "start_date", d(10, 9, 2027));
    pairs.flush(wb);
    const r = recomputeMonitoring({ workbook: wb, clock: at(30, 9, 2027) });
    expect(r.year).toBe("2027/2028");
    expect(r.pairs.map((p) => p.pair.id)).toEqual(["П-0005"]);
    expect(r.attention.map((a) => a.pairId)).toEqual(["П-0005"]);

    const monitoring = records(wb, "monitoring");
    expect(monitoring.slice(0, closedMonitoring.length)).toEqual(closedMonitoring);
    expect(monitoring.slice(closedMonitoring.length).map((m) => [m.scope, m.period])).toEqual([
      [PROGRAM_SCOPE, "2027/2028"],
      ["П-0005", "2027/2028"],
    ]);
    const activity = records(wb, "pair_activity");
    expect(activity.slice(0, closedActivity.length)).toEqual(closedActivity);
    expect(activity.slice(closedActivity.length).map((a) => [a.year, a.pair_id])).toEqual([
      ["2027/2028", "П-0005"],
    ]);
    expect(records(wb, "mentor_ranking")[0].decision).toBe("Грамота директора");

    // The re-closed year keeps the curator's decision.
    const settings = Table.load(wb, "settings");
    settings.set(settings.find("key", "school_year"), "value", "2026/2027");
    settings.flush(wb);
    closeCycle({ workbook: wb, clock: JUNE });
    expect(records(wb, "mentor_ranking")[0]).toMatchObject({
      mentor_id: "Н-0001",
      decision: "Грамота директора",
    });
  });
});
