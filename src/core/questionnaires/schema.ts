import * as z from "zod/mini";
import questionnairesJson from "../../../sheets-templates/questionnaires.json";

/** Questionnaires as data: each question has a stable key mapped to a column of its target sheet. */

export const questionTypes = [
  "text",
  "paragraph",
  "email",
  "phone",
  "date",
  "month",
  "integer",
  "scale",
  "choice",
  "multichoice",
  "yesno",
  "consent",
  "person",
] as const;
export type QuestionType = (typeof questionTypes)[number];

export const questionSchema = z.object({
  key: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)),
  /** The column of the target sheet (defaults to the key). */
  column: z.optional(z.string()),
  /** Not stored as a column: read by the intake logic of its questionnaire (e.g. a role). */
  store: z.optional(z.boolean()),
  title: z.string().check(z.minLength(1)),
  help: z.optional(z.string()),
  type: z.enum(questionTypes),
  required: z.optional(z.boolean()),
  /** A «Справочники» list (by column key) the answer is chosen from. */
  list: z.optional(z.string()),
  values: z.optional(z.array(z.string())),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  maxLength: z.optional(z.int()),
  /** A person chosen from a bank («ФИО (ID)»), refreshed from the banks by the menu. */
  person: z.optional(z.enum(["mentor", "mentee"])),
  /** The e-mail Google Forms collects itself: not a form item. */
  respondentEmail: z.optional(z.boolean()),
  /** Entry/exit twin kind: "gap" (expectation vs result) or "growth" (measured twice). */
  pair: z.optional(z.enum(["gap", "growth"])),
  /** Page of the form the question is on. */
  section: z.optional(z.string()),
});

export const questionnaireSchema = z.object({
  key: z.string().check(z.regex(/^[a-z][a-z0-9_]*$/)),
  title: z.string().check(z.minLength(1)),
  description: z.string(),
  /** The sheet (by template key) the answers land in. */
  target: z.string(),
  /** Values every submission of this questionnaire writes (e.g. role and stage of a survey). */
  fixed: z.optional(z.record(z.string(), z.string())),
  /** Columns that identify a record: a new submission with the same identity updates it. */
  identity: z.array(z.string()).check(z.minLength(1)),
  /** Its answers feed the monitoring (the rubric, the growth, the satisfaction): it follows each answer. */
  feedsMonitoring: z.optional(z.boolean()),
  questions: z.array(questionSchema).check(z.minLength(1)),
});

export const questionnairesSchema = z.object({
  version: z.int(),
  questionnaires: z.array(questionnaireSchema),
});

export type Question = z.infer<typeof questionSchema>;
export type Questionnaire = z.infer<typeof questionnaireSchema>;

let cache: Questionnaire[] | undefined;

export function questionnaires(): Questionnaire[] {
  if (!cache) cache = questionnairesSchema.parse(questionnairesJson).questionnaires;
  return cache;
}

export function questionnaire(key: string): Questionnaire {
  const q = questionnaires().find((x) => x.key === key);
  if (!q)
    throw new Error(
      `Неизвестная анкета «${key}». Известные: ${questionnaires()
        .map((x) => x.key)
        .join(", ")}`,
    );
  return q;
}

/** Keys of the questionnaires whose answers feed the monitoring (`feedsMonitoring`), in their order. */
export function monitoredForms(): string[] {
  return questionnaires()
    .filter((q) => q.feedsMonitoring === true)
    .map((q) => q.key);
}

export function columnOf(q: Question): string | null {
  if (q.store === false) return null;
  return q.column ?? q.key;
}

/** The titles of the questions that fill a «ФИО» column (`full_name`), in every questionnaire. */
export function fullNameTitles(): ReadonlySet<string> {
  const out = new Set<string>();
  for (const q of questionnaires())
    for (const item of q.questions) if (columnOf(item) === "full_name") out.add(item.title.trim());
  return out;
}
