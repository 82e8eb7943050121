import * as z from "zod/mini";
import { isBlank } from "../cells";
import { formatDateRu, toCalendarDate } from "../dates";
import type { Submission } from "../intake/submission";
import type { Cell } from "../ports";
import { isEmail } from "../settings";
import { normalizeHeader } from "../text";
import { columnOf, type Question, type Questionnaire } from "./schema";

/** The current items of every «Справочники» list, by list key. */
export type ListValues = Record<string, string[]>;

export interface ValidAnswers {
  ok: true;
  email: string;
  /** Values by target column key. */
  values: Record<string, Cell>;
  /** Answers of questions that are not stored as columns (store: false), by question key. */
  extra: Record<string, string>;
  submittedAt: Date | null;
}

export interface InvalidAnswers {
  ok: false;
  errors: string[];
}

/** Titles of the e-mail column that Google Forms and Yandex Forms add themselves. */
const RESPONDENT_EMAIL_TITLES = [
  "адрес электронной почты",
  "email address",
  "email",
  "e-mail",
  "электронная почта",
].map(normalizeHeader);

/** Why a text is not an address, or null when it is one (settings.isEmail). */
function emailProblem(text: string): "formula" | "invalid" | null {
  const t = text.trim();
  if (isEmail(t)) return null;
  return /^[=+]/.test(t) || /hyperlink|гиперссылка/i.test(t) ? "formula" : "invalid";
}
const NO_WORDS = ["нет", "no", "false", "ложь", "не согласен", "не согласна", "0"];
const YES_WORDS = ["да", "yes", "true", "истина", "1"];

/** Finds each question's answer among the submission's columns by the question's wording. */
function answersByQuestion(q: Questionnaire, s: Submission): Map<string, string> {
  const byTitle = new Map<string, string>();
  for (const [title, value] of Object.entries(s.answers)) {
    const n = normalizeHeader(title);
    if (!byTitle.has(n) || isBlank(byTitle.get(n))) byTitle.set(n, value);
  }
  const out = new Map<string, string>();
  for (const question of q.questions) {
    const v = byTitle.get(normalizeHeader(question.title));
    if (v !== undefined) out.set(question.key, v);
  }
  return out;
}

function respondentEmail(q: Questionnaire, s: Submission, answers: Map<string, string>): string {
  if (!isBlank(s.email)) return s.email.trim();
  const emailQ = q.questions.find((x) => x.respondentEmail);
  if (emailQ && !isBlank(answers.get(emailQ.key))) return String(answers.get(emailQ.key)).trim();
  for (const [title, value] of Object.entries(s.answers))
    if (RESPONDENT_EMAIL_TITLES.includes(normalizeHeader(title)) && !isBlank(value)) return value.trim();
  return "";
}

function options(question: Question, lists: ListValues): string[] | null {
  if (question.values) return question.values;
  if (question.list) return lists[question.list] ?? [];
  return null;
}

/** A choice answer as the canonical list item, comparing case, ё and spacing loosely. */
function canonical(value: string, items: string[]): string | null {
  const n = normalizeHeader(value);
  for (const item of items) if (normalizeHeader(item) === n) return item;
  return null;
}

/**
 * Splits a checkbox answer joined with ", " into list items. Items may themselves contain ", "
 * («…педагог, испытывающий проблемы»), so the longest known item is matched first.
 */
export function splitMultiChoice(text: string, items: string[]): { values: string[]; unknown: string[] } {
  const sorted = [...items].sort((a, b) => b.length - a.length);
  const values: string[] = [];
  const unknown: string[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    let matched: string | null = null;
    for (const item of sorted) {
      const head = rest.slice(0, item.length);
      const after = rest.slice(item.length);
      if (normalizeHeader(head) === normalizeHeader(item) && (after === "" || /^\s*[,;]\s*/.test(after))) {
        matched = item;
        rest = after.replace(/^\s*[,;]\s*/, "");
        break;
      }
    }
    if (matched) {
      if (!values.includes(matched)) values.push(matched);
      continue;
    }
    const cut = rest.search(/\s*[,;]\s*/);
    const fragment = (cut < 0 ? rest : rest.slice(0, cut)).trim();
    if (fragment) unknown.push(fragment);
    rest = cut < 0 ? "" : rest.slice(cut).replace(/^\s*[,;]\s*/, "");
  }
  return { values, unknown };
}

function monthOf(text: string): string | null {
  const m = /^\s*(\d{1,2})[./](\d{4})\s*$/.exec(text);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return `${m[1].padStart(2, "0")}.${m[2]}`;
  const d = toCalendarDate(text);
  if (!d) return null;
  return formatDateRu(d).slice(3);
}

type AnswerSchema = z.ZodMiniType<string, Cell>;

/** A transform that fails with a Russian message when `convert` returns null. */
function convert<T extends Cell>(
  fn: (text: string) => T | null,
  message: (text: string) => string,
): AnswerSchema {
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const v = fn(text);
      if (v === null) {
        ctx.issues.push({ code: "custom", message: message(text), input: text });
        return z.NEVER;
      }
      return v;
    }),
  ) as unknown as AnswerSchema;
}

/** The zod schema of a non-blank answer to a question: it checks and converts to the stored value. */
export function answerSchema(question: Question, lists: ListValues, consentDate: Date): AnswerSchema {
  const label = `«${question.title}»`;
  const notInList = (text: string) =>
    `Ответа «${text}» на вопрос ${label} нет в списке${question.list ? " «Справочники»" : ""}. Добавьте значение в список или исправьте ответ, затем выполните «Переобработать ответы».`;
  switch (question.type) {
    case "text":
    case "paragraph":
    case "phone":
    case "person": {
      const max = question.maxLength ?? 50000;
      return z.string().check(
        z.maxLength(max, {
          error: (i) => `Ответ на вопрос ${label} длиннее ${max} символов (${String(i.input).length}).`,
        }),
      ) as unknown as AnswerSchema;
    }
    case "email":
      return z.pipe(
        z.string().check(
          z.refine((t: string) => emailProblem(t) === null, {
            error: (i) => `Ответ на вопрос ${label} — не адрес электронной почты: «${String(i.input)}».`,
          }),
        ),
        z.transform((t: string) => t.toLowerCase()),
      ) as unknown as AnswerSchema;
    case "date":
      return convert(
        toCalendarDate,
        (t) => `Ответ на вопрос ${label} — не дата: «${t}» (ожидается ДД.ММ.ГГГГ).`,
      );
    case "month":
      return convert(monthOf, (t) => `Ответ на вопрос ${label} — не месяц: «${t}» (ожидается ММ.ГГГГ).`);
    case "integer":
    case "scale": {
      const range = `${question.min ?? "…"}–${question.max ?? "…"}`;
      return z.pipe(
        z.pipe(
          z.string().check(
            z.regex(/^-?\d+$/, {
              error: (i) => `Ответ на вопрос ${label} — не целое число: «${String(i.input)}».`,
            }),
          ),
          z.transform((t: string) => Number(t)),
        ),
        z.number().check(
          z.gte(question.min ?? Number.MIN_SAFE_INTEGER, {
            error: (i) => `Ответ на вопрос ${label} вне диапазона ${range}: ${String(i.input)}.`,
          }),
          z.lte(question.max ?? Number.MAX_SAFE_INTEGER, {
            error: (i) => `Ответ на вопрос ${label} вне диапазона ${range}: ${String(i.input)}.`,
          }),
        ),
      ) as unknown as AnswerSchema;
    }
    case "choice":
      return convert((t) => canonical(t, options(question, lists) ?? []), notInList);
    case "multichoice":
      return z.pipe(
        z.string(),
        z.transform((text: string, ctx) => {
          const { values, unknown } = splitMultiChoice(text, options(question, lists) ?? []);
          if (unknown.length > 0) {
            ctx.issues.push({ code: "custom", message: notInList(unknown.join("», «")), input: text });
            return z.NEVER;
          }
          return values.join(", ");
        }),
      ) as unknown as AnswerSchema;
    case "yesno":
      return convert(
        (t) =>
          YES_WORDS.includes(t.toLowerCase()) ? "да" : NO_WORDS.includes(t.toLowerCase()) ? "нет" : null,
        (t) => `Ответ на вопрос ${label} должен быть «да» или «нет»: «${t}».`,
      );
    case "consent":
      return convert(
        (t) => (NO_WORDS.includes(t.toLowerCase()) ? "" : consentDate),
        () => "",
      );
  }
}

/** Validates one answer with its zod schema; returns the value to store or a Russian error. */
function checkAnswer(
  question: Question,
  raw: string,
  lists: ListValues,
  consentDate: Date,
): { value: Cell } | { error: string } {
  const text = raw.trim();
  if (text === "") {
    if (question.required) return { error: `Не заполнен обязательный вопрос «${question.title}».` };
    return { value: "" };
  }
  const parsed = answerSchema(question, lists, consentDate).safeParse(text);
  if (parsed.success) {
    if (question.required && parsed.data === "")
      return { error: `Не заполнен обязательный вопрос «${question.title}».` };
    return { value: parsed.data };
  }
  return { error: parsed.error.issues[0]?.message ?? `Ответ на вопрос «${question.title}» не принят.` };
}

/** Checks a submission against its questionnaire: the values to store, or every problem found. */
export function validateSubmission(
  q: Questionnaire,
  s: Submission,
  lists: ListValues,
  today: Date,
): ValidAnswers | InvalidAnswers {
  const errors: string[] = [];
  const answers = answersByQuestion(q, s);
  const email = respondentEmail(q, s, answers);
  if (email === "") errors.push("Нет адреса электронной почты участника: анкету не к кому отнести.");
  else if (emailProblem(email) === "formula")
    errors.push(
      `Адрес электронной почты участника — формула, а не адрес: «${email}». Впишите в ячейку сам адрес текстом.`,
    );
  else if (emailProblem(email) !== null)
    errors.push(`Адрес электронной почты участника указан с ошибкой: «${email}».`);

  const consentDate = s.submittedAt ? toCalendarDate(s.submittedAt)! : today;
  const values: Record<string, Cell> = Object.create(null);
  const extra: Record<string, string> = Object.create(null);
  for (const question of q.questions) {
    if (question.respondentEmail) continue;
    const raw = answers.get(question.key) ?? "";
    const checked = checkAnswer(question, raw, lists, consentDate);
    if ("error" in checked) {
      errors.push(checked.error);
      continue;
    }
    const column = columnOf(question);
    if (column === null) extra[question.key] = typeof checked.value === "string" ? checked.value : raw.trim();
    else values[column] = checked.value;
  }
  const emailQuestion = q.questions.find((x) => x.respondentEmail);
  if (emailQuestion && email !== "") values[columnOf(emailQuestion) ?? "email"] = email.toLowerCase();
  for (const [k, v] of Object.entries(q.fixed ?? {})) values[k] = v;
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, email: email.toLowerCase(), values, extra, submittedAt: s.submittedAt };
}
