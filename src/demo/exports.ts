import { displayText, isEmptyCell } from "../core/cells";
import { formatDateRu } from "../core/dates";
import { isDate } from "../core/ports";
import { columnOf, questionnaire } from "../core/questionnaires/schema";
import type { SampleRecord } from "./sample";

/** A questionnaire export as a table of text: what Google Forms or Yandex Forms would give. */
export interface ExportTable {
  header: string[];
  rows: string[][];
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** «22.11.2026 14:03:12», the timestamp of a Russian-language Google account. */
export function formatTimestampRu(d: Date): string {
  return `${formatDateRu(d)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/**
 * Bank records as the answers of their questionnaire («mentor» or «mentee»): one row per person,
 * the timestamp and e-mail first, then the questions by their wording, as Google Forms exports.
 */
export function questionnaireExport(formKey: string, people: SampleRecord[]): ExportTable {
  const q = questionnaire(formKey);
  const questions = q.questions.filter((x) => !x.respondentEmail);
  const header = ["Отметка времени", "Адрес электронной почты", ...questions.map((x) => x.title)];
  const rows = people.map((p) => [
    isDate(p.submitted_at) ? formatTimestampRu(p.submitted_at) : "",
    String(p.email ?? ""),
    ...questions.map((x) => {
      const column = columnOf(x);
      if (x.type === "consent") return column && !isEmptyCell(p[column]) ? "Согласен(на)" : "";
      return column ? displayText(p[column]) : "";
    }),
  ]);
  return { header, rows };
}
