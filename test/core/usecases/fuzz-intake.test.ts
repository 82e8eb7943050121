/**
 * Property tests of the questionnaire intake: any answers, any number of submissions, in any
 * questionnaire. Nothing crashes, nothing is lost (each submission is a bank row or a «Журнал»
 * line with its original), every rejection is explained in Russian, no formula is ever written.
 */
import fc from "fast-check";
import { noProgress } from "../../../src/core/ports";
import { questionnaire } from "../../../src/core/questionnaires/schema";
import { asSheetKey } from "../../../src/core/templates/load";
import { initWorkbook } from "../../../src/core/usecases/init";
import { intakeSubmissions, readLists } from "../../../src/core/usecases/intake";
import { Table } from "../../../src/core/workbook/table";
import { allQuestionnaires, RUNS, RUSSIAN, submissionOf } from "../../support/fuzz";
import { MemoryWorkbook } from "../../support/memory-workbook";

const clock = { now: () => new Date(Date.UTC(2026, 10, 22, 10, 0)) };

function fresh(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  initWorkbook({ workbook: wb, clock, progress: noProgress });
  return wb;
}

const base = fresh();
const lists = readLists(base);
const baseSheets = [...base.sheets.entries()].map(([n, g]) => [n, g.map((r) => [...r])] as const);

function copyOfBase(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  for (const [n, g] of baseSheets) wb.put(n, g);
  return wb;
}

const fuzzFigures: string[] = [];
afterAll(() => process.stdout.write(`fuzz intake: ${fuzzFigures.join("; ")}\n`));

describe.each(allQuestionnaires().map((q) => [q.key, q.title]))("fuzz: questionnaire «%s»", (key) => {
  const q = questionnaire(key);
  it("any submissions: no crash, each one a row or a Russian rejection in «Журнал», no formula", () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.array(submissionOf(q, lists), { maxLength: 6 }), (subs) => {
        const wb = copyOfBase();
        const target = Table.load(wb, asSheetKey(q.target)).rowIndexes().length;
        const journal = Table.load(wb, "log").rowIndexes().length;
        const summary = intakeSubmissions(
          { workbook: wb, clock },
          key,
          subs.map((s, i) => ({
            submittedAt: s.at,
            email: s.email,
            answers: s.answers,
            source: `строка ${i + 2}`,
          })),
        );
        // Every submission has exactly one outcome.
        expect(summary.results).toHaveLength(subs.length);
        expect(summary.added + summary.updated + summary.unchanged + summary.rejected).toBe(subs.length);
        // Accepted ones are rows of the target sheet (added ones are new rows).
        expect(Table.load(wb, asSheetKey(q.target)).rowIndexes().length).toBe(target + summary.added);
        // Rejected ones are in «Журнал», with a Russian reason and their original data.
        const log = Table.load(wb, "log").records().slice(journal);
        expect(log).toHaveLength(summary.rejected);
        for (const r of summary.results.filter((x) => x.outcome === "rejected")) {
          expect(r.messages.length).toBeGreaterThan(0);
          for (const m of r.messages) expect(m).toMatch(RUSSIAN);
        }
        for (const line of log) {
          expect(line.values.level).toBe("ошибка");
          expect(String(line.values.message)).toMatch(RUSSIAN);
          const original = String(line.values.original);
          if (!original.endsWith("…")) expect(() => JSON.parse(original)).not.toThrow();
        }
        // The program never writes a formula from a participant's text.
        expect(wb.formulas.size).toBe(0);
        seen.accepted += subs.length - summary.rejected;
        seen.rejected += summary.rejected;
      }),
      RUNS(q.target === "mentees" || q.target === "mentors" ? 150 : 60),
    );
    // The generator reaches both sides (meeting feedback needs a pair: all of it is rejected here).
    expect(seen.rejected).toBeGreaterThan(0);
    if (q.target !== "meetings") expect(seen.accepted).toBeGreaterThan(10);
    fuzzFigures.push(`${key}: ${seen.accepted} приняты, ${seen.rejected} отклонены`);
  });
});

test("fuzz: replaying the same submissions again leaves the bank as it was (no row added)", () => {
  const q = questionnaire("mentee");
  fc.assert(
    fc.property(fc.array(submissionOf(q, lists), { minLength: 1, maxLength: 6 }), (subs) => {
      const wb = copyOfBase();
      const input = subs.map((s, i) => ({
        submittedAt: s.at,
        email: s.email,
        answers: s.answers,
        source: `строка ${i + 2}`,
      }));
      intakeSubmissions({ workbook: wb, clock }, "mentee", input);
      const bank = JSON.stringify(wb.grid("Наставляемые"));
      const again = intakeSubmissions({ workbook: wb, clock }, "mentee", input);
      expect(again.added).toBe(0);
      // Two untimed answers of one person are applied in order again: «updated» twice, same end.
      expect(JSON.stringify(wb.grid("Наставляемые"))).toBe(bank);
    }),
    RUNS(100),
  );
});
