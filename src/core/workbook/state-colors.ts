/**
 * The colours of the states a curator must see at a glance, as conditional formats (so they follow
 * the curator's edits and the program's recomputes): a pair that «требует внимания», an indicator
 * «не достигнуто», a person with «нет согласия», a mentor left «кандидат» with no mentee proposed
 * and a mentee still waiting after matching, a pair whose level is «недопустимый» or «не определён».
 * «Дорожная карта» colours its late events itself (core/roadmap/format.ts), «Сводка» its lights.
 *
 * Each rule is written for the first data row with the sheet's actual columns, commas as separators
 * and only functions Sheets, Excel and LibreOffice share (AND, LEFT, ISNUMBER, SEARCH), so the same
 * text works in all three; the row is coloured across the table.
 */
import { type ConditionalRule, RULE_MARKER } from "../ports";
import { columnLetter } from "./a1";
import type { SheetKey } from "./keys.generated";
import { FIRST_DATA_ROW } from "./repair";
import { INDICATOR_STATUS, MENTEE_STATUS, MENTOR_STATUS } from "./statuses";

/** Background and text colours of a state: the palette of «Сводка» and «Дорожная карта». */
export const STATE_COLORS = {
  /** Something is wrong and the curator must act. */
  bad: { background: "#f4cccc", fontColor: "#990000" },
  /** Waiting for the curator's decision or data. */
  waiting: { background: "#fff2cc", fontColor: "#7f6000" },
  /** Reached. */
  good: { background: "#d9ead3", fontColor: "#274e13" },
} as const;

/** A formula's text literal ("" doubled). */
const str = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Rules of the states of a sheet, by its columns (0-based); [] for a sheet with none. */
export function stateRules(sheet: SheetKey, columns: Record<string, number>): ConditionalRule[] {
  const ref = (key: string) => `$${columnLetter(columns[key])}${FIRST_DATA_ROW + 1}`;
  const has = (...keys: string[]) => keys.every((k) => k in columns);
  const rule = (body: string, color: keyof typeof STATE_COLORS): ConditionalRule => ({
    formula: `=AND(${RULE_MARKER},${body})`,
    ...STATE_COLORS[color],
  });
  const starts = (key: string, text: string) => `LEFT(${ref(key)},${text.length})=${str(text)}`;
  const contains = (key: string, text: string) => `ISNUMBER(SEARCH(${str(text)},${ref(key)}))`;
  const out: ConditionalRule[] = [];
  switch (sheet) {
    case "mentors":
    case "mentees":
      // «нет — нет согласия на обработку…» / «…законного представителя» in «Допуск к подбору».
      if (has("eligibility")) out.push(rule(contains("eligibility", "нет согласия"), "bad"));
      if (sheet === "mentors" && has("status", "match_note"))
        out.push(
          rule(
            `${ref("status")}=${str(MENTOR_STATUS.candidate)},${starts("match_note", "Не предложен")}`,
            "waiting",
          ),
        );
      if (sheet === "mentees" && has("status", "match_note"))
        out.push(
          rule(
            `${ref("status")}=${str(MENTEE_STATUS.waiting)},${ref("match_note")}<>"",NOT(${starts("match_note", "Предложен")})`,
            "waiting",
          ),
        );
      break;
    case "pair_activity":
      // «да — нет встреч 45 дней…»
      if (has("attention")) out.push(rule(starts("attention", "да"), "bad"));
      break;
    case "indicators":
      if (has("status")) {
        out.push(rule(`${ref("status")}=${str(INDICATOR_STATUS.notMet)}`, "bad"));
        out.push(rule(`${ref("status")}=${str(INDICATOR_STATUS.met)}`, "good"));
      }
      break;
    case "monitoring":
      if (has("level")) {
        out.push(rule(`${ref("level")}="недопустимый"`, "bad"));
        out.push(rule(starts("level", "не определён"), "waiting"));
      }
      break;
    default:
      break;
  }
  return out;
}
