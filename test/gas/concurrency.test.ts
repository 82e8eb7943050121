/**
 * Concurrency in the fake, by interleaving what Apps Script would run at the same time: submit
 * triggers while another execution holds the lock, a submission and a curator's edit arriving
 * between a re-match's read and its write. No row is lost, none is duplicated.
 */
import fc from "fast-check";
import { sampleSchool } from "../../src/demo/sample";
import type { LoadedBundle } from "../support/gas";
import {
  fillBanks,
  MENTEE_FORM,
  MENTEE_RESPONSES,
  menteeAnswers,
  readHook,
  records,
  runContinuations,
  setupSchool,
} from "../support/school";

const RESPONSES = MENTEE_RESPONSES;
const answers = menteeAnswers;
const setup = () => setupSchool();
const table = records;

/** Response rows written at once (as Forms does for simultaneous respondents), their triggers not yet fired. */
function writeResponses(
  fake: LoadedBundle,
  responses: { email: string; at: Date; name: string; cls: string }[],
): number[] {
  const sheet = fake.sheet(RESPONSES);
  const header = sheet.row(1).map(String);
  const first = Math.max(sheet.lastRow, 1) + 1;
  const rows = responses.map((r) =>
    header.map((title) =>
      title === "Отметка времени"
        ? r.at
        : title === "Адрес электронной почты"
          ? r.email
          : [answers(r.name, r.cls)[title] ?? ""].flat().join(", "),
    ),
  );
  fake.calls.untracked(() => sheet.setValues(`A${first}`, rows));
  return responses.map((_, i) => first + i);
}

function fire(fake: LoadedBundle, row: number): void {
  const width = fake.sheet(RESPONSES).row(1).length;
  fake.call("onFormResponse", {
    authMode: "FULL",
    range: fake.spreadsheet.range(RESPONSES, `A${row}:${String.fromCharCode(64 + width)}${row}`),
    namedValues: {},
    values: [],
    triggerUid: "t",
  });
}

describe("simultaneous submissions", () => {
  it("held 40 submissions of 25 respondents fired in any order, some while the lock was busy: each respondent once, newest answer", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.constantFrom("free", "busy-30s", "busy-forever"), { minLength: 40, maxLength: 40 }),
        (order, locks) => {
          const { fake } = setup();
          // 25 respondents; 15 of them answer twice (the second answer later, another class).
          const responses = Array.from({ length: 40 }, (_, i) => {
            const who = i < 25 ? i : i - 25;
            return {
              email: `p${who}@school1.ru`,
              name: `Ученик ${who}`,
              at: new Date(Date.UTC(2026, 8, 1, 9, i)),
              cls: i < 25 ? "5А" : "6Б",
            };
          });
          const rows = writeResponses(fake, responses);
          const shuffled = rows.map((r, i) => ({ r, k: order[i] })).sort((a, b) => a.k - b.k || a.r - b.r);
          shuffled.forEach(({ r }, i) => {
            if (locks[i] === "busy-30s") fake.lock.holdByOther("script", 20_000);
            if (locks[i] === "busy-forever") fake.lock.holdByOther("script");
            fire(fake, r);
            fake.lock.release("script");
          });
          runContinuations(fake);
          const bank = table(fake, "Наставляемые");
          const emails = bank.map((m) => String(m.email));
          expect(new Set(emails).size).toBe(emails.length);
          expect(emails.length).toBe(25);
          for (const m of bank) {
            const n = Number(String(m.email).slice(1, String(m.email).indexOf("@")));
            expect(m.class).toBe(n < 15 ? "6Б" : "5А");
          }
          expect(fake.state.triggers.filter((t) => t.handler === "continueJobs")).toHaveLength(0);
        },
      ),
      { numRuns: 8, seed: 20260901 },
    );
  });
});

describe("a submission and a curator's edit during a full re-match", () => {
  const hook = readHook();

  it("the submission waits and lands once; the curator's new pair row and comment stay; no pair twice", () => {
    const { fake, forms } = setup();
    const school = sampleSchool(new Date(Date.UTC(2026, 10, 22)), 20260901, { mentors: 12, mentees: 30 });
    fillBanks(fake, school);
    fake.call("menuMatchPairs");
    fake.call("menuApprovePairs");
    // Only the question «Утвердить все (N)?», answered «Да».
    expect(fake.state.alerts.map((a) => a.title)).toEqual([
      expect.stringMatching(/^Утвердить все \(\d+\)\?$/),
    ]);
    const proposedBefore = table(fake, "Пары").length;
    expect(proposedBefore).toBeGreaterThan(5);

    // The re-match reads «Пары» first, then the banks: the curator adds a pair row right after the
    // first read; a respondent submits right after the read of «Наставляемые».
    const events: string[] = [];
    hook.on = (sheet) => {
      if (sheet === "Пары" && !events.includes("curator")) {
        events.push("curator");
        const pairs = fake.sheet("Пары");
        const keys = pairs.row(1).map(String);
        pairs.setValues(`A${pairs.lastRow + 1}`, [
          keys.map((k) =>
            k === "pair_id" ? "П-9999" : k === "status" ? "запрещена" : k === "comment" ? "куратор" : "",
          ),
        ]);
      }
      if (sheet === "Наставляемые" && !events.includes("submission")) {
        events.push("submission");
        forms.submit(MENTEE_FORM, {
          email: "late@school1.ru",
          at: new Date(Date.UTC(2026, 10, 22, 12)),
          answers: answers("Поздний Ученик", "7А"),
        });
      }
    };
    fake.state.alertResponses.push("YES");
    fake.call("menuRematchAll");
    hook.on = null;
    expect(events).toEqual(["curator", "submission"]);
    expect(fake.state.alerts.slice(2)).toEqual([]);
    expect(fake.state.toasts.at(-1)?.message).toContain("Подбор пар");

    // The submission found the workbook busy: logged, queued, and taken a minute later.
    expect(table(fake, "Наставляемые").filter((m) => m.email === "late@school1.ru")).toHaveLength(0);
    runContinuations(fake);
    expect(table(fake, "Наставляемые").filter((m) => m.email === "late@school1.ru")).toHaveLength(1);

    const pairs = table(fake, "Пары");
    const ids = pairs.map((p) => String(p.pair_id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(pairs.filter((p) => p.pair_id === "П-9999")).toHaveLength(1);
    const proposed = pairs.filter((p) => p.status === "предложена").map((p) => String(p.mentee_id));
    expect(new Set(proposed).size).toBe(proposed.length);
  });
});
