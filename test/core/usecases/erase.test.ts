import { utcDate } from "../../../src/core/dates";
import { type CellInput, noProgress } from "../../../src/core/ports";
import { cohortBirthDate, ERASED_ELIGIBILITY, ERASED_NAME, Scrubber } from "../../../src/core/privacy/scrub";
import { describeErase, eraseConsent } from "../../../src/core/usecases/erase";
import { replayResponses } from "../../../src/core/usecases/forms";
import { matchPairs } from "../../../src/core/usecases/matching";
import { recomputeMonitoring } from "../../../src/core/usecases/monitoring";
import { RUBRIC_SHEET, updateRubricSheet } from "../../../src/core/usecases/rubric-sheet";
import { Table } from "../../../src/core/workbook/table";
import type { MemoryWorkbook } from "../../support/memory-workbook";
import { allText, clock, privacySchool, RESPONSES, records } from "../../support/privacy-school";

const erase = (wb: MemoryWorkbook, email: string, extra = {}) =>
  eraseConsent(
    { workbook: wb, clock, user: "curator@school1.ru", newSalt: () => "test-salt", ...extra },
    email,
  );

describe("«Отозвать согласие»: a participant's personal data leaves the workbook", () => {
  it("removes the e-mail, name, phone and words of a mentee from every sheet, keeping anonymous counts", () => {
    const { wb, mentee, mentor, pairId, other } = privacySchool();
    const surveysBefore = records(wb, "surveys").length;
    const responseRows = wb.grid(RESPONSES).length;
    const report = erase(wb, `  ${String(mentee.email).toUpperCase()} `);

    const text = allText(wb);
    expect(text).not.toContain(String(mentee.email).toLowerCase());
    expect(text).not.toContain(String(mentee.full_name).toLowerCase());
    for (const k of ["phone", "guardian_name"])
      if (String(mentee[k]) !== "") expect(text).not.toContain(String(mentee[k]).toLowerCase());

    // The bank row stays, anonymous and out of matching.
    const row = records(wb, "mentees").find((m) => m.id === mentee.id)!;
    expect(row).toMatchObject({
      full_name: ERASED_NAME,
      email: "",
      phone: "",
      class: "",
      guardian_name: "",
      consent_date: "",
      // In a pair, so counted: still counted, anonymously, as having finished.
      status: "завершил",
      eligibility: ERASED_ELIGIBILITY,
      category: mentee.category,
      form: mentee.form,
    });
    expect(String(row.comment)).toMatch(/^Данные удалены по отзыву согласия \(22\.11\.2026\)$/);
    expect(row.birth_date).toEqual(cohortBirthDate(mentee.birth_date));

    // The pair is finished (the work done still counts), the partner too; names replaced; the others untouched.
    const pair = records(wb, "pairs").find((p) => p.pair_id === pairId)!;
    expect(pair).toMatchObject({
      status: "завершена",
      mentee_name: ERASED_NAME,
      mentor_name: mentor.full_name,
    });
    expect(pair.end_date).toEqual(utcDate(2026, 11, 22));
    const stillPaired = records(wb, "pairs").some(
      (p) => p.mentor_id === mentor.id && p.status === "утверждена",
    );
    expect(records(wb, "mentors").find((m) => m.id === mentor.id)!.status).toBe(
      stillPaired ? "в паре" : "завершил",
    );
    expect(records(wb, "mentees").find((m) => m.id === other.id)).toMatchObject({
      email: other.email,
      full_name: other.full_name,
    });
    expect(report.pairsEnded).toEqual([pairId]);

    // Ratings stay for the indicators; words and identity go.
    const surveys = records(wb, "surveys");
    expect(surveys).toHaveLength(surveysBefore);
    expect(surveys[0]).toMatchObject({ email: "", full_name: ERASED_NAME, satisfaction: 9, valuable: "" });
    const meeting = records(wb, "meetings")[0];
    expect(meeting).toMatchObject({
      topic: "",
      result: "",
      mentor_rating: 9,
      mentee_rating: 8,
      submitted_by: "",
    });
    const reportRow = records(wb, "mentor_reports")[0];
    expect(reportRow).toMatchObject({
      email: mentor.email,
      mentee_activity: 8,
      progress: `${ERASED_NAME} подтянула алгебру`,
    });
    const prefs = records(wb, "preferences");
    expect(prefs).toHaveLength(1);
    expect(prefs[0].choice_1).toBe(`${ERASED_NAME} (${mentee.id})`);
    expect(prefs[0].choice_2).toBe(`${other.full_name} (${other.id})`);

    // Raw responses cleared in place: no row shifts under Google Forms.
    const grid = wb.grid(RESPONSES);
    expect(wb.sheets.get(RESPONSES)!.length).toBe(responseRows);
    expect(grid[2][1]).toBe(other.email);
    expect(grid[2][4]).toBe(`Хочу как ${ERASED_NAME}`);
    expect(report.responseRows).toBe(2);

    // The act is logged, by ID, without the data.
    const log = records(wb, "log");
    const act = log[log.length - 1];
    expect(act).toMatchObject({
      operation: "Отзыв согласия",
      user: "curator@school1.ru",
      level: "информация",
    });
    expect(String(act.message)).toContain(String(mentee.id));
    expect(String(act.message)).toContain(pairId);
    expect(log.some((l) => String(l.original).startsWith("Данные удалены по отзыву согласия"))).toBe(true);
    expect(describeErase(report, String(mentee.email))).toContain("удалены по отзыву согласия");
  });

  it("replaces their name on «Оценка куратора» too (the program's sheet outside the template), keeping the scores", () => {
    const { wb, mentee } = privacySchool();
    recomputeMonitoring({ workbook: wb, clock });
    updateRubricSheet({ workbook: wb, clock }, { create: true });
    const name = String(mentee.full_name).toLowerCase();
    const sheetText = () =>
      wb
        .read(RUBRIC_SHEET)
        .map((r) => r.join("|"))
        .join("\n")
        .toLowerCase();
    expect(sheetText()).toContain(name);
    const report = erase(wb, String(mentee.email));
    expect(sheetText()).not.toContain(name);
    expect(allText(wb)).not.toContain(name);
    expect(report.sheets[RUBRIC_SHEET]).toBe(1);
    expect(report.warnings.join(" ")).not.toContain(RUBRIC_SHEET);
  });

  it("does not bring the person back: a replay of the responses and a new matching leave them out", () => {
    const { wb, mentee } = privacySchool();
    erase(wb, String(mentee.email));
    const banks = JSON.stringify(records(wb, "mentees"));
    replayResponses({
      workbook: wb,
      clock,
      progress: noProgress,
      forms: {
        publish: () => Promise.reject() as never,
        ensureSubmitTrigger: () => Promise.reject() as never,
      },
    });
    expect(JSON.stringify(records(wb, "mentees"))).toBe(banks);
    matchPairs({ workbook: wb, clock, progress: noProgress });
    expect(
      records(wb, "pairs").filter((p) => p.mentee_id === mentee.id && p.status === "предложена"),
    ).toEqual([]);
  });

  it("erases a mentor: proposals rejected, approved pairs finished (not reset), their mentees finished", () => {
    const { wb, mentor } = privacySchool();
    const theirs = records(wb, "pairs").filter((p) => p.mentor_id === mentor.id && p.status === "утверждена");
    erase(wb, String(mentor.email));
    expect(allText(wb)).not.toContain(String(mentor.full_name).toLowerCase());
    for (const p of theirs) {
      const after = records(wb, "pairs").find((x) => x.pair_id === p.pair_id)!;
      expect(after.status).toBe("завершена");
      const m = records(wb, "mentees").find((x) => x.id === p.mentee_id)!;
      expect(m.status).toBe("завершил");
    }
    expect(records(wb, "mentor_reports")[0]).toMatchObject({
      email: "",
      full_name: ERASED_NAME,
      mentee_activity: 8,
      progress: "",
    });
  });

  it("is idempotent: a second request finds nothing and says so, without the data in «Журнал»", () => {
    const { wb, mentee } = privacySchool();
    erase(wb, String(mentee.email));
    const before = JSON.stringify([...wb.sheets.entries()].filter(([n]) => n !== "Журнал"));
    const again = erase(wb, String(mentee.email));
    expect(again.found).toBe(false);
    expect(JSON.stringify([...wb.sheets.entries()].filter(([n]) => n !== "Журнал"))).toBe(before);
    const last = records(wb, "log").at(-1)!;
    expect(String(last.message)).toContain("сведений об участнике в книге нет");
    expect(String(last.message)).not.toContain(String(mentee.email));
    expect(describeErase(again, String(mentee.email))).toContain("нет");
  });

  it("never touches a namesake: free text keeps a name another participant bears, and says so", () => {
    const { wb, mentee, other } = privacySchool();
    const t = Table.load(wb, "mentees");
    const r = t.find("id", String(other.id));
    t.set(r, "full_name", String(mentee.full_name));
    t.flush(wb);
    const report = erase(wb, String(mentee.email));
    expect(records(wb, "mentees").find((m) => m.id === other.id)!.full_name).toBe(mentee.full_name);
    expect(report.warnings.join(" ")).toContain("тёзки");
  });

  it("refuses what is not an e-mail, in Russian", () => {
    const { wb } = privacySchool();
    expect(() => erase(wb, "Иванов")).toThrow("не адрес электронной почты");
  });

  it("reports the form's own responses it could not delete, and deletes them when it can", () => {
    const { wb, mentee } = privacySchool();
    const failing = erase(wb, String(mentee.email), {
      responses: {
        eraseResponses: () => {
          throw new Error("нет доступа");
        },
      },
    });
    expect(failing.warnings.join(" ")).toContain("удалите их вручную");
    const { wb: wb2, mentee: m2 } = privacySchool();
    const seen: string[] = [];
    const ok = erase(wb2, String(m2.email), {
      responses: {
        eraseResponses: (id: string, email: string) => {
          seen.push(`${id}:${email}`);
          return 2;
        },
      },
    });
    expect(seen).toEqual([`form-1:${String(m2.email).toLowerCase()}`]);
    expect(ok.formResponses).toBe(2);
  });

  it("finishes the job when re-run after a failure at any write step", () => {
    const clean = privacySchool();
    erase(clean.wb, String(clean.mentee.email));
    const expected = JSON.stringify([...clean.wb.sheets.entries()].filter(([n]) => n !== "Журнал"));
    let writes = 0;
    {
      const { wb, mentee } = privacySchool();
      const counting = failingAt(wb, Number.POSITIVE_INFINITY);
      erase(counting.wb, String(mentee.email));
      writes = counting.writes();
    }
    expect(writes).toBeGreaterThan(5);
    process.stdout.write(`erase: ${writes} write points, each failed in turn and re-run\n`);
    for (let k = 1; k <= writes; k++) {
      const { wb, mentee } = privacySchool();
      const faulty = failingAt(wb, k);
      expect(() => erase(faulty.wb, String(mentee.email))).toThrow("сбой записи");
      erase(wb, String(mentee.email));
      expect(JSON.stringify([...wb.sheets.entries()].filter(([n]) => n !== "Журнал"))).toBe(expected);
      expect(allText(wb)).not.toContain(String(mentee.email).toLowerCase());
    }
  });
});

describe("privacy building blocks", () => {
  it("a cohort birth date keeps every «aged N on 1 September» answer", () => {
    for (const [d, m, y, want] of [
      [1, 9, 2013, utcDate(2013, 9, 1)],
      [2, 9, 2013, utcDate(2014, 9, 1)],
      [31, 12, 2013, utcDate(2014, 9, 1)],
      [1, 1, 2014, utcDate(2014, 9, 1)],
    ] as const) {
      const exact = utcDate(y, m, d);
      expect(cohortBirthDate(exact)).toEqual(want);
      for (let year = 2020; year < 2035; year++) {
        const sept = utcDate(year, 9, 1).getTime();
        expect(exact.getTime() <= sept).toBe((cohortBirthDate(exact) as Date).getTime() <= sept);
      }
    }
    expect(cohortBirthDate("14.03.2013")).toEqual(utcDate(2013, 9, 1));
    expect(cohortBirthDate("не дата")).toBeNull();
  });

  it("the scrubber replaces names in any case and spacing, ё or е, and short forms", () => {
    const s = new Scrubber({
      emails: ["a.b@c.ru"],
      names: ["Сёмина Алёна Петровна"],
      shortNames: ["Сёмина Алёна Петровна"],
      phones: ["+7 912 000-00-00"],
    });
    expect(s.text("Пишите A.B@C.RU, звоните +7 912 000-00-00")).toBe("Пишите [удалено], звоните [удалено]");
    expect(s.text("семина  алена петровна и Сёмина А. П., Семина А.П.")).toBe(
      `${ERASED_NAME} и ${ERASED_NAME}, ${ERASED_NAME}`,
    );
    expect(s.text("Сёминых нет")).toBe("Сёминых нет");
  });
});

/** The workbook failing at the k-th write or append (a quota error, a killed execution...). */
function failingAt(wb: MemoryWorkbook, k: number) {
  let n = 0;
  const fail = () => {
    n++;
    if (n === k) throw new Error("сбой записи");
  };
  const proxy = Object.create(wb) as MemoryWorkbook;
  proxy.write = (sheet: string, row: number, col: number, values: CellInput[][]) => {
    fail();
    wb.write(sheet, row, col, values);
  };
  proxy.append = (sheet: string, values: CellInput[][]) => {
    fail();
    wb.append(sheet, values);
  };
  return { wb: proxy, writes: () => n };
}
