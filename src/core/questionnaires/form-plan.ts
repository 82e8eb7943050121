import { type PrefillVariant, prefillVariants } from "./prefill";
import type { Question, Questionnaire } from "./schema";
import type { ListValues } from "./validate";

/** What one item of a Google Form must be: computed in core, applied by the FormApp adapter. */
export type FormItemPlan =
  | { kind: "page"; title: string }
  | {
      kind: "text" | "paragraph" | "date" | "scale" | "multipleChoice" | "checkbox" | "list";
      /** The question's key, kept in the item's help text marker so updates find it again. */
      key: string;
      title: string;
      help: string;
      required: boolean;
      choices?: string[];
      /** Text validations. */
      email?: boolean;
      wholeNumber?: { min: number; max: number };
      maxLength?: number;
      bounds?: { low: number; high: number; lowLabel: string; highLabel: string };
    };

export interface FormPlan {
  key: string;
  title: string;
  description: string;
  confirmation: string;
  /** Collect the respondent's e-mail (the identity of every record). */
  collectEmail: boolean;
  items: FormItemPlan[];
  /** The pre-filled links to ask Google for (prefill.ts): none for most questionnaires. */
  prefill: PrefillVariant[];
}

/** A bank member as a choice of the preferences form: «ФИО (ID)». */
export function personChoice(fullName: string, id: string): string {
  return `${fullName} (${id})`;
}

/** The ID inside a «ФИО (ID)» choice, or null. */
export function idOfPersonChoice(text: string): string | null {
  const m = /\(([^()]+)\)\s*$/.exec(text.trim());
  return m ? m[1].trim() : null;
}

/** Dropdown rather than radio buttons when a list is long. */
const LONG_LIST = 12;

function itemOf(
  question: Question,
  lists: ListValues,
  people: Record<"mentor" | "mentee", string[]>,
): FormItemPlan {
  const base = {
    key: question.key,
    title: question.title,
    help: question.help ?? "",
    required: question.required === true,
  };
  const choices = question.values ?? (question.list ? (lists[question.list] ?? []) : []);
  switch (question.type) {
    case "text":
    case "phone":
      return { ...base, kind: "text", maxLength: question.maxLength };
    case "email":
      return { ...base, kind: "text", email: true };
    case "paragraph":
      return { ...base, kind: "paragraph", maxLength: question.maxLength };
    case "date":
    case "month":
      return { ...base, kind: "date" };
    case "integer":
      return { ...base, kind: "text", wholeNumber: { min: question.min ?? 0, max: question.max ?? 1000000 } };
    case "scale":
      return {
        ...base,
        kind: "scale",
        bounds: {
          low: question.min ?? 1,
          high: question.max ?? 10,
          lowLabel: "совсем нет",
          highLabel: "в полной мере",
        },
      };
    case "choice":
      return {
        ...base,
        kind: choices.length > LONG_LIST ? "list" : "multipleChoice",
        choices: nonEmpty(choices),
      };
    case "multichoice":
      return { ...base, kind: "checkbox", choices: nonEmpty(choices) };
    case "yesno":
      return { ...base, kind: "multipleChoice", choices: ["Да", "Нет"] };
    case "consent":
      return { ...base, kind: "checkbox", choices: ["Согласен(на)"] };
    case "person":
      return { ...base, kind: "list", choices: nonEmpty(people[question.person ?? "mentor"]) };
  }
}

/** Forms refuse a choice item without choices: a placeholder says the list is still empty. */
function nonEmpty(choices: string[]): string[] {
  return choices.length > 0 ? choices : ["(список пока пуст — куратор обновит анкету)"];
}

/** The plan of a questionnaire's form, with the current lists and bank members. */
export function formPlan(
  q: Questionnaire,
  lists: ListValues,
  people: Record<"mentor" | "mentee", string[]>,
): FormPlan {
  const items: FormItemPlan[] = [];
  let section: string | undefined;
  for (const question of q.questions) {
    if (question.respondentEmail) continue;
    if (question.section && question.section !== section) {
      if (section !== undefined || items.length > 0) items.push({ kind: "page", title: question.section });
      section = question.section;
    }
    items.push(itemOf(question, lists, people));
  }
  return {
    key: q.key,
    title: q.title,
    description: q.description,
    confirmation:
      "Спасибо! Ответ записан. Если нужно что-то исправить, отправьте анкету ещё раз с того же адреса.",
    collectEmail: true,
    items,
    prefill: prefillVariants(q.key),
  };
}
