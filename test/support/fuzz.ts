/** Arbitraries of hostile input for the fuzz tests (fast-check), and the fixed corpus. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { type Question, type Questionnaire, questionnaires } from "../../src/core/questionnaires/schema";
import type { ListValues } from "../../src/core/questionnaires/validate";

export const CORPUS: string[] = JSON.parse(
  readFileSync(join(__dirname, "../fixtures/hostile/strings.json"), "utf8"),
).strings;

/**
 * Fixed seed and bounded runs: the whole suite stays fast and repeatable. FUZZ_SEED and
 * FUZZ_RUNS (a multiplier) explore further by hand: FUZZ_SEED=7 FUZZ_RUNS=10 npx jest fuzz.
 */
export const RUNS = (numRuns: number) => ({
  seed: Number(process.env.FUZZ_SEED ?? 20260901),
  numRuns: numRuns * Number(process.env.FUZZ_RUNS ?? 1),
});

/** Russian text: what every message to a curator must be. */
export const RUSSIAN = /[а-яё]/i;

/** Text a hostile or careless respondent (or a broken export) may send. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CORPUS) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom("=", "+", "-", "@", "'", "=IMPORTRANGE(", "=1/0+", "+=", "\t="),
        fc.string({ maxLength: 20 }),
      )
      .map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constant(-0)).map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => String(d)) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\n", "\u0000", "\u200b", "\ufeff", "\u2028") },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 6000 }).map((n) => "я".repeat(n)) },
);

/** A plausible answer to a question: from its list, in its format. */
export function validAnswer(q: Question, lists: ListValues): fc.Arbitrary<string> {
  const items = q.values ?? (q.list ? (lists[q.list] ?? []) : []);
  switch (q.type) {
    case "choice":
      return items.length ? fc.constantFrom(...items) : fc.constant("");
    case "multichoice":
      return items.length
        ? fc.subarray(items, { minLength: 1, maxLength: 3 }).map((xs) => xs.join(", "))
        : fc.constant("");
    case "date":
      return fc.constantFrom("14.03.2013", "01.09.2010", "2011-05-20");
    case "month":
      return fc.constantFrom("11.2026", "09.2026");
    case "integer":
      return fc.integer({ min: q.min ?? 0, max: q.max ?? 40 }).map(String);
    case "scale":
      return fc.integer({ min: q.min ?? 1, max: q.max ?? 10 }).map(String);
    case "yesno":
      return fc.constantFrom("да", "нет");
    case "consent":
      return fc.constantFrom("Согласен(на)", "Согласна");
    case "email":
      return fc.constantFrom("a@school1.ru", "b@school1.ru");
    default:
      return fc.constantFrom("Иванова Анна Петровна", "Петров Пётр", "Текст ответа");
  }
}

export interface FuzzSubmission {
  email: string;
  at: Date | null;
  answers: Record<string, string>;
}

const EMAILS = ["p1@school1.ru", "P1@School1.ru", "p2@school1.ru", "p3@mail.ru"];

/**
 * A questionnaire's submission: every answer valid, then up to three of them replaced by hostile
 * text or left out, and sometimes a stray column.
 */
export function submissionOf(q: Questionnaire, lists: ListValues): fc.Arbitrary<FuzzSubmission> {
  const valid = fc.tuple(...q.questions.map((question) => validAnswer(question, lists)));
  const mutation = fc.tuple(fc.nat({ max: q.questions.length - 1 }), fc.option(nastyString, { nil: null }));
  const answers = fc.tuple(valid, fc.array(mutation, { maxLength: 3 })).map(([vals, mutations]) => {
    const out: Record<string, string> = {};
    q.questions.forEach((question, i) => {
      out[question.title] = vals[i];
    });
    for (const [i, v] of mutations) {
      if (v === null) delete out[q.questions[i].title];
      else out[q.questions[i].title] = v;
    }
    return out;
  });
  return fc.record({
    email: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...EMAILS) },
      { weight: 1, arbitrary: nastyString },
    ),
    at: fc.option(
      fc.date({
        min: new Date(Date.UTC(2026, 8, 1)),
        max: new Date(Date.UTC(2026, 10, 20)),
        noInvalidDate: true,
      }),
      {
        nil: null,
      },
    ),
    answers: fc
      .tuple(answers, fc.option(fc.tuple(nastyString, nastyString)))
      .map(([a, extra]) => (extra ? { ...a, [extra[0] || "Лишний столбец"]: extra[1] } : a)),
  });
}

export const allQuestionnaires = () => questionnaires();
