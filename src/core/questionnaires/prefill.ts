/**
 * Links that need no typing: per approved pair, the meeting feedback form (one link for the mentor,
 * one for the mentee) and the monthly report, opened with the pair's code — and the role, the
 * mentor's name — already filled in.
 *
 * Google gives a pre-filled link only through FormResponse.toPrefilledUrl(), one call chain per
 * link. So «Создать / обновить анкеты» asks Google once per questionnaire and variant for a link
 * whose pair code (and name) are placeholders (`prefillVariants`), keeps it in «Анкеты» (column
 * «Ссылка с кодом пары (шаблон)»), and every pair's link is that template with the placeholders
 * replaced (`linkFor`): no call per pair, and the same links offline from a workbook that was once
 * published.
 */
import type { Cell, WorkbookPort } from "../ports";
import { PAIR_STATUS } from "../workbook/statuses";
import { Table } from "../workbook/table";
import { questionnaire } from "./schema";

/** Placeholders: plain ASCII a text question accepts, which no answer ever holds. */
export const PAIR_TOKEN = "PAIRCODE7Q";
export const NAME_TOKEN = "FULLNAME7Q";

/** The questionnaires whose links carry the pair, and the question that holds it. */
export const PAIR_QUESTION = "pair";
export const FEEDBACK_FORM = "meeting_feedback";
export const REPORT_FORM = "mentor_report";

/** One pre-filled link a form needs: its variant («наставник», «наставляемый», or "") and answers by question key. */
export interface PrefillVariant {
  variant: string;
  answers: { key: string; value: string }[];
}

/** The variants of a questionnaire with a pair question (none for the others). */
export function prefillVariants(formKey: string): PrefillVariant[] {
  const q = questionnaire(formKey);
  if (!q.questions.some((x) => x.key === PAIR_QUESTION)) return [];
  const has = (key: string) => q.questions.some((x) => x.key === key && !x.respondentEmail);
  if (has("role")) {
    return ["наставник", "наставляемый"].map((role) => ({
      variant: role,
      answers: [
        { key: PAIR_QUESTION, value: PAIR_TOKEN },
        { key: "role", value: role },
      ],
    }));
  }
  return [
    {
      variant: "",
      answers: [
        { key: PAIR_QUESTION, value: PAIR_TOKEN },
        ...(has("full_name") ? [{ key: "full_name", value: NAME_TOKEN }] : []),
      ],
    },
  ];
}

/** The templates of «Анкеты» as one cell: a line per variant, «наставник: https://…». */
export function formatTemplates(templates: Record<string, string>): string {
  return Object.entries(templates)
    .map(([variant, url]) => (variant ? `${variant}: ${url}` : url))
    .join("\n");
}

export function parseTemplates(cell: Cell): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of String(cell ?? "").split(/\r?\n/)) {
    const m = /^\s*(?:([^:]+?):\s+)?(https?:\/\/\S+)\s*$/.exec(line);
    if (m) out[m[1] ?? ""] = m[2];
  }
  return out;
}

/** A pair's link from a template: the placeholders replaced by the pair's code and the name. */
export function linkFor(template: string, pairId: string, name = ""): string {
  return template
    .split(PAIR_TOKEN)
    .join(encodeURIComponent(pairId))
    .split(NAME_TOKEN)
    .join(encodeURIComponent(name));
}

export interface PairLinks {
  pairId: string;
  /** The mentor's and the mentee's meeting feedback, the mentor's monthly report ("" without a published form). */
  feedbackMentor: string;
  feedbackMentee: string;
  report: string;
}

/** Each approved pair's links, by pair ID; an empty map when the forms were never published. */
export function pairLinks(wb: WorkbookPort): Map<string, PairLinks> {
  const registry = Table.load(wb, "forms_registry");
  const templates = (key: string) => {
    const row = registry.find("form_key", key);
    return row < 0 ? {} : parseTemplates(registry.get(row, "prefill_url"));
  };
  const feedback = templates(FEEDBACK_FORM);
  const report = templates(REPORT_FORM)[""] ?? "";
  const out = new Map<string, PairLinks>();
  if (!feedback.наставник && !feedback.наставляемый && !report) return out;
  for (const { values } of Table.load(wb, "pairs").records()) {
    if (values.status !== PAIR_STATUS.approved) continue;
    const id = String(values.pair_id);
    const mentor = String(values.mentor_name ?? "");
    out.set(id, {
      pairId: id,
      feedbackMentor: feedback.наставник ? linkFor(feedback.наставник, id) : "",
      feedbackMentee: feedback.наставляемый ? linkFor(feedback.наставляемый, id) : "",
      report: report ? linkFor(report, id, mentor) : "",
    });
  }
  return out;
}
